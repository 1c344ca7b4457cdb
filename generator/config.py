"""Settings: `[tool.specgen]` in ./pyproject.toml, overridden by command-line flags."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .naming import WIRE_POLICIES

# Documentation dialects: one module each under generator/types/, in detection
# order (plain last: on a tie the language dialects win).  The only list of them.
DIALECT_NAMES = ("typescript", "python", "go", "java", "csharp", "php", "ruby", "plain")
ALL_TARGETS = ("jsonschema", "dataclasses", "client", "pydantic", "openapi", "markdown")
# What a Type cell no grammar reads (or a reference to a model that does not
# exist) becomes: a field typed as any with a warning, or an error.
UNREADABLE_TYPES = ("any", "error")
# What an operation without method and path becomes when a target places
# operations by them (ROUTED_TARGETS): left out with a warning, or an error.
UNROUTED_OPERATIONS = ("skip", "error")
ROUTED_TARGETS = ("client", "openapi")
TYPE_MAP = "type-map.md"  # the type map's default name in the spec folder
SECURITY = "security.md"  # the security table's default name in the spec folder


class ConfigError(Exception):
    """A bad setting: reported as one line, exit 2."""


@dataclass(frozen=True)
class Config:
    """Every setting of a run, after pyproject.toml and flags."""

    spec: Path = Path("spec")
    out: Path = Path("generated")
    package: str = "api"
    targets: tuple[str, ...] = ("jsonschema",)
    dialect: str = "auto"
    wire_names: str = "as-documented"
    wire_name_overrides: Path | None = None  # a markdown table, see README
    endpoints: Path | None = None  # default: <spec>/endpoints.md when present
    templates: Path | None = None  # user overlay over the packaged templates
    strict: bool = False  # close objects (additionalProperties: false)
    base_url: str = ""
    token_env: str = ""  # environment variable holding the bearer token
    title: str = ""
    version: str = "0.1.0"
    docs_dialect: str = "plain"
    unreadable_types: str = "any"
    unrouted_operations: str = "skip"
    type_map: Path | None = None  # a markdown table; default: <spec>/type-map.md when present
    security: Path | None = None  # a markdown table; default: <spec>/security.md when present

    def endpoints_path(self) -> Path | None:
        if self.endpoints is not None:
            return self.endpoints
        default = self.spec / "endpoints.md"
        return default if default.is_file() else None

    def security_path(self) -> Path | None:
        if self.security is not None:
            return self.security
        default = self.spec / SECURITY
        return default if default.is_file() else None

    def type_map_path(self) -> Path | None:
        if self.type_map is not None:
            return self.type_map
        default = self.spec / TYPE_MAP
        return default if default.is_file() else None


_PATHS = {"spec", "out", "wire_name_overrides", "endpoints", "templates", "type_map", "security"}


def _coerce(name: str, value: Any, base: Path) -> Any:
    if name in _PATHS:
        if not isinstance(value, str):
            raise ConfigError(f"{name.replace('_', '-')} must be a path string")
        return base / value
    if name == "targets":
        if isinstance(value, str):
            value = [v for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError("targets must be a list of target names")
        targets = tuple(v.strip() for v in value)
        bad = [t for t in targets if t not in ALL_TARGETS]
        if bad:
            raise ConfigError(f"unknown target {bad[0]!r}; choose from {', '.join(ALL_TARGETS)}")
        return targets
    if name == "strict":
        if not isinstance(value, bool):
            raise ConfigError("strict must be true or false")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{name.replace('_', '-')} must be a string")
    if name == "wire_names" and value not in WIRE_POLICIES:
        raise ConfigError(f"wire-names must be one of {', '.join(WIRE_POLICIES)}, not {value!r}")
    allowed = {
        "dialect": ("auto", *DIALECT_NAMES),
        "docs_dialect": DIALECT_NAMES,
        "unreadable_types": UNREADABLE_TYPES,
        "unrouted_operations": UNROUTED_OPERATIONS,
    }.get(name)
    if allowed is not None and value not in allowed:
        key = name.replace("_", "-")
        raise ConfigError(f"{key} must be one of {', '.join(allowed)}, not {value!r}")
    if name == "package" and not value.isidentifier():
        raise ConfigError(f"package must be a Python identifier, not {value!r}")
    return value


def from_mapping(data: dict[str, Any], base: Path, cfg: Config | None = None) -> Config:
    cfg = cfg or Config()
    known = {f.name for f in fields(Config)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"unknown setting {key!r} in [tool.specgen]")
        changes[name] = _coerce(name, value, base)
    return replace(cfg, **changes)


def load(cwd: Path) -> Config:
    """Defaults from ./pyproject.toml's [tool.specgen], paths relative to it."""
    pyproject = cwd / "pyproject.toml"
    if not pyproject.is_file():
        return Config()
    import tomllib  # here, not at the top: a run without a pyproject.toml never needs it

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{pyproject}: cannot read: {e}") from None
    section = data.get("tool", {}).get("specgen", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{pyproject}: [tool.specgen] must be a table")
    return from_mapping(section, cwd)
