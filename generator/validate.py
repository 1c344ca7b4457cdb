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
the run goes on with the next line).  The lines themselves are checked by the
module's `LineCheck`, here and on a Dask cluster (validate_dask.py), so both
report the same.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import re
import sys
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
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


class _LineError(Protocol):
    line: int
    column: int
    message: str
    errors: tuple[_Error, ...]


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
        jsonschema.Draft202012Validator(jsonschema.Draft202012Validator.META_SCHEMA).iter_errors(
            root
        )
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


def engine_source(cfg: Config, models: list[str]) -> str:
    """The text of the package's validation module, rendered from its template."""
    from .emit import EmitContext, environment

    ctx = EmitContext(cfg, environment(cfg.templates), cfg.package)
    return ctx.render(TEMPLATE, models=sorted(models))


def load_engine(text: str, package: str) -> types.ModuleType:
    """A rendered validation module, loaded (Dask workers load the client's text)."""
    name = f"_specgen_validation_{package}"
    module = types.ModuleType(name)
    module.__file__ = f"<{package}/validation.py>"
    sys.modules[name] = module  # dataclasses look their module up by name
    exec(compile(text, module.__file__, "exec"), module.__dict__)
    return module


def engine_module(cfg: Config, models: list[str]) -> types.ModuleType:
    """The package's validation module, rendered from its template and loaded."""
    return load_engine(engine_source(cfg, models), cfg.package)


def compile_model(
    mod: types.ModuleType, defs: Mapping[str, Any], model: str, engine: str = "auto"
) -> _Compiled:
    """Compile one model; an unknown name raises ConfigError (one line, exit 2)."""
    if model not in defs:
        raise ConfigError(str(mod.UnknownModelError(model, sorted(defs))))
    try:
        return cast(_Compiled, mod.CompiledModel(model, defs, engine))
    except (ImportError, ValueError) as e:  # jsonschema_rs.ValidationError is a ValueError
        raise ConfigError(f"cannot compile the schema of {model}: {first_line(e)}") from None


def first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


# ------------------------------------------------------------------ inputs

_SIZE = re.compile(r"(\d+)\s*(|B|KB|MB|GB|KiB|MiB|GiB)", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9}
_UNITS.update({"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30})


def parse_size(text: str) -> int:
    """`64MB`, `512KiB`, `4096` -> bytes (argparse type of --blocksize)."""
    m = _SIZE.fullmatch(text.strip())
    if m is None or int(m[1]) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 64MB or 512KiB")
    return int(m[1]) * _UNITS[m[2].lower()]


def is_url(name: str) -> bool:
    return "://" in name


def expand(names: Iterable[str]) -> Iterator[str]:
    """Inputs as given, globs expanded in sorted order (a glob matching nothing stays as it is,
    to be reported missing); `-` is stdin."""
    for name in names:
        if name == "-" or not glob.has_magic(name):
            yield name
        elif is_url(name):
            import fsspec

            fs, _, found = fsspec.core.get_fs_token_paths(name)
            yield from sorted(fs.unstrip_protocol(p) for p in found) or [name]
        elif os.path.exists(name):
            yield name
        else:
            yield from sorted(glob.glob(name)) or [name]


def why(e: OSError) -> str:
    return e.strerror or str(e)


def open_input(name: str) -> IO[bytes]:
    if is_url(name):
        import fsspec

        return cast(IO[bytes], fsspec.open(name, "rb").open())
    return open(name, "rb")  # noqa: SIM115 - the caller closes it


def sniff(f: IO[bytes], name: str, mod: types.ModuleType) -> tuple[list[bytes], bool | None]:
    """The lines up to the first non-blank one (a UTF-8 BOM dropped) and whether the
    input is JSON Lines: named so or its first line is a JSON value (None: blank input)."""
    head: list[bytes] = []
    for raw in f:
        if not head and raw.startswith(BOM):  # editors on Windows write one
            raw = raw[len(BOM) :]
        head.append(raw)
        if raw.strip():
            jsonl = name.endswith(JSONL_SUFFIXES)
            return head, jsonl or not isinstance(mod.read_json(raw), mod.Unreadable)
    return head, None


def _ticking(lines: Iterable[bytes], tick: Callable[[], None]) -> Iterator[bytes]:
    for n, raw in enumerate(lines, 1):
        if not n & PROGRESS_EVERY:
            tick()
        yield raw


# ------------------------------------------------------------------ output


class Progress:
    """A one-line bar on stderr, redrawn at most ten times a second."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.size = name, size
        self.t0 = time.perf_counter()
        self.last = float("-inf")  # the first update always draws

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if now - self.last < 0.1:
            return
        self.last = now
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

    def bad_json(self, name: str, line: int, column: int, message: str) -> None:
        self.unreadable += 1
        if self.fmt == "json":
            self._emit(
                {
                    "kind": "unreadable",
                    "file": name,
                    "line": line,
                    "column": column,
                    "message": f"invalid JSON: {message}",
                }
            )
        else:
            self.out.write(f"{name}:{line}:{column}: invalid JSON: {message}\n")

    def bad_line(self, name: str, err: _LineError, line: int | None) -> None:
        """One `LineError` at `line` (None: the input is one document)."""
        if err.errors:
            self.invalid_payload(name, line, list(err.errors))
        else:
            self.bad_json(name, err.line if line is None else line, err.column, err.message)

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


def check_document(
    doc: bytes, mod: types.ModuleType, model: _Compiled
) -> tuple[int, list[_LineError]]:
    """An input that is one JSON document: (payloads read, its error if any)."""
    value = mod.read_json(doc)
    if isinstance(value, mod.Unreadable):
        return 0, [mod.LineError(value.line, value.column, value.message, ())]
    if model.is_valid(value):
        return 1, []
    return 1, [mod.LineError(0, 0, "", tuple(model.explain(value)))]


def check_stream(
    f: IO[bytes],
    name: str,
    mod: types.ModuleType,
    model: _Compiled,
    report: Report,
    max_errors: int,
    tick: Callable[[], None] | None = None,
) -> None:
    head, jsonl = sniff(f, name, mod)
    if jsonl is None:
        return
    if not jsonl:
        payloads, errors = check_document(b"".join(head) + f.read(), mod, model)
        report.payloads += payloads
        for err in errors:
            report.bad_line(name, err, None)
        report.stopped = bool(max_errors and report.invalid >= max_errors)
        return
    lines: Iterable[bytes] = itertools.chain(head, f)
    if tick is not None:
        lines = _ticking(lines, tick)
    check = mod.LineCheck(model)
    left = max_errors - report.invalid if max_errors else 0
    for err in check.errors(lines, left):
        report.bad_line(name, err, err.line)
    report.payloads += check.payloads
    report.stopped = check.stopped


def _check_file(
    path: str,
    mod: types.ModuleType,
    model: _Compiled,
    report: Report,
    max_errors: int,
    progress: bool,
) -> None:
    if path == "-":
        check_stream(sys.stdin.buffer, "<stdin>", mod, model, report, max_errors)
        return
    try:
        f = open_input(path)
    except OSError as e:
        report.missing(path, why(e))
        return
    with f:
        bar = None
        if progress and not is_url(path):
            size = os.fstat(f.fileno()).st_size
            if size >= PROGRESS_MIN_BYTES:
                bar = Progress(path, size)
        try:
            tick = (lambda: bar.update(f.tell())) if bar else None
            check_stream(f, path, mod, model, report, max_errors, tick)
        except OSError as e:
            report.missing(path, why(e))
        finally:
            if bar is not None:
                bar.close()


def run(cfg: Config, args: argparse.Namespace) -> int:
    schema_dir: Path | None = args.schema_dir
    cluster = args.scheduler is not None or args.workers is not None
    if cluster:
        _require("dask.distributed", "--scheduler/--workers need dask.distributed")
    urls = [name for name in args.files if is_url(name)]
    if urls:
        _require("fsspec", "reading URLs needs fsspec")
        _check_drivers(urls)
    if args.max_errors < 0:
        raise ConfigError("--max-errors must be 0 (no limit) or more")
    if args.workers is not None and args.workers < 1:
        raise ConfigError("--workers must be 1 or more")
    defs = defs_from_dir(schema_dir) if schema_dir is not None else defs_from_spec(cfg)
    engine = os.environ.get(ENGINE_ENV, "") or "auto"
    source = engine_source(cfg, list(defs))
    mod = load_engine(source, cfg.package)
    model = compile_model(mod, defs, args.model, engine)
    report = Report(args.format, sys.stdout)
    progress = sys.stderr.isatty()
    try:
        if cluster:
            from . import validate_dask

            spec = validate_dask.Spec(source, cfg.package, defs, args.model, model.engine)
            validate_dask.run(args, spec, mod, model, report, progress)
        else:
            for path in expand(args.files):
                _check_file(path, mod, model, report, args.max_errors, progress)
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


def _check_drivers(urls: list[str]) -> None:
    """Each URL's storage driver is installed (s3fs for s3://...): one line before any output."""
    import fsspec

    for url in urls:
        try:
            fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as e:
            raise ConfigError(f"{url}: {first_line(e)}") from None


def _require(module: str, what: str) -> None:
    """An optional dependency, or one line saying what to install (exit 2)."""
    import importlib

    try:
        importlib.import_module(module)
        importlib.import_module("fsspec")
    except ImportError:
        raise ConfigError(f"{what}: pip install 'specgen[dask]'") from None
