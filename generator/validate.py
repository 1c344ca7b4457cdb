"""`specgen validate`: JSON documents and JSON Lines payloads against a model.

Schemas come from the spec (built in memory, as `build` would emit them) or
from an emitted folder (`--schema-dir`).  The engine is the generated
package's own `validation.py` (rendered from `templates/validation/`), so the
command and `<package>.validate()` report the same errors.

Input is streamed: a JSON Lines file is read line by line, so memory stays
flat however big the file.  A file is JSON Lines when it is named `.jsonl` /
`.ndjson` or when its first non-blank line is a complete JSON value; else it
is one JSON document.  Exit 0: all valid; 1: some payload invalid; 2: some
input unreadable (missing file, bad JSON: reported with line and column, and
the run goes on with the next line).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, cast

from .config import Config, ConfigError

TEMPLATE = "validation/validation.py.j2"
ENGINE_ENV = "SPECGEN_VALIDATION_ENGINE"  # jsonschema-rs | jsonschema (default: best installed)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
BOM = b"\xef\xbb\xbf"
PROGRESS_MIN_BYTES = 4 << 20  # a bar only for files big enough to wait on
PROGRESS_EVERY = 0x1FFF  # lines between progress checks (mask)

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class _Error(Protocol):
    pointer: str
    rule: str
    expected: str
    actual: str
    message: str

    def to_dict(self) -> dict[str, str]: ...


class _Compiled(Protocol):
    engine: str

    def is_valid(self, payload: Any) -> bool: ...

    def errors(self, payload: Any) -> list[_Error]: ...

    def explain(self, payload: Any) -> list[_Error]: ...


# ------------------------------------------------------------------ schemas


def _rewrite_refs(node: Any, names: set[str]) -> Any:
    """Per-model files refer to `Other.schema.json`; the bundle form is `#/$defs/Other`."""
    if isinstance(node, list):
        return [_rewrite_refs(v, names) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _rewrite_refs(v, names) for k, v in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.endswith(".schema.json"):
        target = ref.rsplit("/", 1)[-1].removesuffix(".schema.json")
        if target in names:
            out["$ref"] = f"#/$defs/{target}"
    return out


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read schema: {e}") from None
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path}:{e.lineno}:{e.colno}: invalid JSON schema: {e.msg}") from None


def check_defs(defs: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Schemas from a folder are user input: meta-validate them once (draft 2020-12)."""
    import jsonschema

    root = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs}
    err = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(
            jsonschema.Draft202012Validator.META_SCHEMA
        ).iter_errors(root)
    )
    if err is not None:
        where = "/".join(str(p) for p in err.absolute_path)
        raise ConfigError(f"{folder}: invalid schema at {where}: {err.message}")
    return defs


def defs_from_dir(folder: Path) -> dict[str, Any]:
    """Model name -> schema from an emitted folder: its bundle, else its per-model files."""
    return check_defs(_defs_from_dir(folder), folder)


def _defs_from_dir(folder: Path) -> dict[str, Any]:
    if not folder.is_dir():
        raise ConfigError(f"{folder}: schema folder not found")
    bundle = folder / "_bundle.schema.json"
    if bundle.is_file():
        data = _read_json(bundle)
        defs = data.get("$defs") if isinstance(data, dict) else None
        if not isinstance(defs, dict):
            raise ConfigError(f"{bundle}: no $defs object")
        return dict(defs)
    files = sorted(p for p in folder.glob("*.schema.json") if not p.name.startswith("_"))
    if not files:
        raise ConfigError(f"{folder}: no *.schema.json files")
    names = {p.name.removesuffix(".schema.json") for p in files}
    out: dict[str, Any] = {}
    for p in files:
        data = _read_json(p)
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: a schema must be a JSON object")
        data = {k: v for k, v in data.items() if k not in ("$schema", "$id")}
        out[p.name.removesuffix(".schema.json")] = _rewrite_refs(data, names)
    return out


def defs_from_spec(cfg: Config) -> dict[str, Any]:
    """Each model's schema, rendered in memory exactly as the jsonschema target does."""
    from .emit import EmitContext, environment
    from .pipeline import load_spec
    from .targets.jsonschema import model_schemas

    spec, _ = load_spec(cfg)
    ctx = EmitContext(cfg, environment(cfg.templates), cfg.package)
    return model_schemas(spec, ctx, "#/$defs/", "")


def engine_module(cfg: Config, models: list[str]) -> types.ModuleType:
    """The package's validation module, rendered from its template and loaded."""
    from .emit import EmitContext, environment

    ctx = EmitContext(cfg, environment(cfg.templates), cfg.package)
    text = ctx.render(TEMPLATE, models=sorted(models))
    name = f"_specgen_validation_{cfg.package}"
    module = types.ModuleType(name)
    module.__file__ = f"<{cfg.package}/validation.py>"
    sys.modules[name] = module  # dataclasses look their module up by name
    exec(compile(text, module.__file__, "exec"), module.__dict__)
    return module


def compile_model(
    cfg: Config, defs: Mapping[str, Any], model: str, engine: str = "auto"
) -> _Compiled:
    """Compile one model; an unknown name raises ConfigError (one line, exit 2)."""
    mod = engine_module(cfg, list(defs))
    if model not in defs:
        raise ConfigError(str(mod.UnknownModelError(model, sorted(defs))))
    try:
        return cast(_Compiled, mod.CompiledModel(model, defs, engine))
    except (ImportError, ValueError) as e:  # jsonschema_rs.ValidationError is a ValueError
        first = (str(e).strip().splitlines() or ["?"])[0]
        raise ConfigError(f"cannot compile the schema of {model}: {first}") from None


# ------------------------------------------------------------------ parsing


def _loader() -> Callable[[bytes], Any]:
    try:
        import orjson
    except ImportError:
        return _std_loads
    return cast(Callable[[bytes], Any], orjson.loads)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _std_loads(raw: bytes) -> Any:
    return json.loads(raw, parse_constant=_no_constant)


@dataclass(frozen=True)
class BadJSON:
    line: int
    column: int
    message: str


def _diagnose(raw: bytes, line_offset: int = 0) -> Any:
    """Parse with the stdlib (slow, exact positions): the value or a BadJSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start)
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return BadJSON(line_offset + line + 1, col, "not UTF-8")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        return BadJSON(line_offset + e.lineno, e.colno, e.msg)
    except ValueError as e:  # NaN / Infinity
        return BadJSON(line_offset + 1, 1, str(e))


Item = tuple[int | None, Any]  # (line for JSONL else None, payload or BadJSON)


def payloads(f: IO[bytes], name: str, tick: Callable[[], None] | None = None) -> Iterator[Item]:
    """Every payload of one input, in order; JSONL is streamed line by line."""
    loads = _loader()
    head: list[bytes] = []
    first = b""
    for raw in f:
        if not head and raw.startswith(BOM):  # editors on Windows write one
            raw = raw[len(BOM) :]
        head.append(raw)
        if raw.strip():
            first = raw
            break
    if not first:
        return
    start = len(head)
    try:
        value = loads(first)
    except ValueError:
        value = _diagnose(first, start - 1)
    jsonl = name.endswith(JSONL_SUFFIXES) or not isinstance(value, BadJSON)
    if not jsonl:
        doc = b"".join(head) + f.read()
        try:
            yield None, loads(doc)
        except ValueError:
            yield None, _diagnose(doc)
        return
    yield start, value
    lineno = start
    for raw in f:
        lineno += 1
        if tick is not None and not lineno & PROGRESS_EVERY:
            tick()
        try:
            value = loads(raw)
        except ValueError:
            if raw.isspace():
                continue
            value = _diagnose(raw, lineno - 1)
        yield lineno, value


# ------------------------------------------------------------------ output


class Progress:
    """A one-line bar on stderr, redrawn at most ten times a second."""

    def __init__(self, f: IO[bytes], name: str, size: int) -> None:
        self.f, self.name, self.size = f, name, size
        self.t0 = time.perf_counter()
        self.last = float("-inf")  # the first tick always draws

    def tick(self) -> None:
        now = time.perf_counter()
        if now - self.last < 0.1:
            return
        self.last = now
        done = self.f.tell()
        frac = min(done / self.size, 1.0)
        bar = "#" * int(frac * 30)
        rate = done / max(now - self.t0, 1e-9) / 1e6
        sys.stderr.write(
            f"\r{self.name} [{bar:<30}] {frac:4.0%} "
            f"{done / 1e6:.1f}/{self.size / 1e6:.1f} MB {rate:.1f} MB/s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


@dataclass
class Report:
    fmt: str
    out: IO[str]
    payloads: int = 0
    invalid: int = 0
    unreadable: int = 0
    stopped: bool = False
    t0: float = field(default_factory=time.perf_counter)

    def _emit(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def bad_json(self, name: str, jsonl: bool, bad: BadJSON) -> None:
        self.unreadable += 1
        if self.fmt == "json":
            self._emit(
                {
                    "kind": "unreadable",
                    "file": name,
                    "line": bad.line,
                    "column": bad.column,
                    "message": f"invalid JSON: {bad.message}",
                }
            )
        else:
            self.out.write(f"{name}:{bad.line}:{bad.column}: invalid JSON: {bad.message}\n")

    def missing(self, name: str, why: str) -> None:
        self.unreadable += 1
        if self.fmt == "json":
            self._emit({"kind": "unreadable", "file": name, "message": why})
        else:
            self.out.write(f"{name}: error: {why}\n")

    def invalid_payload(self, name: str, line: int | None, errors: list[_Error]) -> None:
        self.invalid += 1
        if self.fmt == "json":
            self._emit(
                {
                    "kind": "invalid",
                    "file": name,
                    "line": line,
                    "errors": [e.to_dict() for e in errors],
                }
            )
            return
        where = name if line is None else f"{name}:{line}"
        for e in errors:
            self.out.write(f"{where}: {e.pointer or '<root>'}: {e.rule}: {e.message}\n")

    def summary(self, engine: str) -> None:
        secs = time.perf_counter() - self.t0
        rate = self.payloads / secs if secs > 0 else 0.0
        if self.fmt == "json":
            self._emit(
                {
                    "kind": "summary",
                    "payloads": self.payloads,
                    "invalid": self.invalid,
                    "unreadable": self.unreadable,
                    "stopped_early": self.stopped,
                    "seconds": round(secs, 6),
                    "payloads_per_second": round(rate, 1),
                    "engine": engine,
                }
            )
            return
        stop = " (stopped at --max-errors)" if self.stopped else ""
        self.out.write(
            f"specgen: {self.payloads} payload{'' if self.payloads == 1 else 's'} checked, "
            f"{self.invalid} invalid, "
            f"{self.unreadable} unreadable in {secs:.3f} s ({rate:,.0f} payloads/s, "
            f"{engine}){stop}\n"
        )


# ------------------------------------------------------------------ run


def check_stream(
    f: IO[bytes],
    name: str,
    model: _Compiled,
    report: Report,
    max_errors: int,
    tick: Callable[[], None] | None = None,
) -> None:
    is_valid = model.is_valid
    for line, value in payloads(f, name, tick):
        if isinstance(value, BadJSON):
            report.bad_json(name, line is not None, value)
            continue
        report.payloads += 1
        if is_valid(value):
            continue
        report.invalid_payload(name, line, model.explain(value))
        if max_errors and report.invalid >= max_errors:
            report.stopped = True
            return


def _check_file(
    path: str, model: _Compiled, report: Report, max_errors: int, progress: bool
) -> None:
    if path == "-":
        check_stream(sys.stdin.buffer, "<stdin>", model, report, max_errors)
        return
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        report.missing(path, e.strerror or str(e))
        return
    with f:
        bar = None
        if progress:
            size = os.fstat(f.fileno()).st_size
            if size >= PROGRESS_MIN_BYTES:
                bar = Progress(f, path, size)
        try:
            check_stream(f, path, model, report, max_errors, bar.tick if bar else None)
        except OSError as e:
            report.missing(path, e.strerror or str(e))
        finally:
            if bar is not None:
                bar.close()


def run(cfg: Config, args: argparse.Namespace) -> int:
    schema_dir: Path | None = args.schema_dir
    defs = defs_from_dir(schema_dir) if schema_dir is not None else defs_from_spec(cfg)
    engine = os.environ.get(ENGINE_ENV, "") or "auto"
    model = compile_model(cfg, defs, args.model, engine)
    if args.max_errors < 0:
        raise ConfigError("--max-errors must be 0 (no limit) or more")
    report = Report(args.format, sys.stdout)
    progress = sys.stderr.isatty()
    try:
        for path in args.files:
            _check_file(path, model, report, args.max_errors, progress)
            if report.stopped:
                break
        report.summary(model.engine)
        sys.stdout.flush()
    except BrokenPipeError:  # `specgen validate ... | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID if report.invalid else EXIT_UNREADABLE
    if report.unreadable:
        return EXIT_UNREADABLE
    return EXIT_INVALID if report.invalid else EXIT_OK
