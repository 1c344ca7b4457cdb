"""Stage 4: IR -> {relative path: text}, rendered from Jinja templates.

Templates come from the packaged `templates/` folder, overlaid file by file by
a user folder (`--templates`).  Jinja runs sandboxed, with StrictUndefined, and
doc text reaches output only through the escaping filters defined here
(`json`, `pystr`, `docstring`, `comment`): no filter ever emits doc text raw.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import __version__, naming
from .config import Config
from .diagnostics import Diagnostic, SpecError
from .ir import Spec, type_tag


def packaged_templates() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / "_templates", here.parent / "templates"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("specgen's templates folder is missing from the installation")


# ------------------------------------------------------------- filters


# json.dumps(value, ensure_ascii=False) builds this encoder on every call.
_JSON = json.JSONEncoder(ensure_ascii=False)


def f_json(value: Any) -> str:
    """Any value as a JSON literal (doc text stays data)."""
    return _JSON.encode(value)


def f_pystr(value: str) -> str:
    """A Python string literal; repr() escapes quotes, backslashes and newlines."""
    return repr(str(value))


# What f_docstring escapes: backslash and quote, and control characters (but
# newline and tab) as \xNN / \uNNNN.  One str.translate instead of a
# Python loop per character (that loop was half of rendering the client).
_DOC_ESCAPES: dict[int, str] = {ord("\\"): "\\\\", ord('"'): '\\"'}
_DOC_ESCAPES.update(
    {c: f"\\x{c:02x}" for c in (*range(32), *range(0x7F, 0xA0)) if chr(c) not in "\n\t"}
)
_DOC_ESCAPES.update({c: f"\\u{c:04x}" for c in (0x2028, 0x2029)})


def docstring_width(text: str) -> int:
    """How many columns `text` takes inside a docstring, escapes included."""
    return len(text.translate(_DOC_ESCAPES))


def f_docstring(text: str, indent: int = 4) -> str:
    """A triple-quoted docstring body that cannot end early or escape.

    Backslashes and quotes are escaped so the text is kept character for
    character; control characters become escapes.  Returns the literal.
    """
    body = str(text).strip().translate(_DOC_ESCAPES)
    pad = " " * indent
    lines = [ln.rstrip() for ln in body.split("\n")]
    # Indent every line but the first; blank lines stay empty.  (A replace
    # loop here never ended for indent=0 on text with a blank line.)
    text_out = "\n".join(ln if k == 0 or not ln else pad + ln for k, ln in enumerate(lines))
    if len(lines) == 1:
        return f'"""{text_out}"""'
    return f'"""{text_out}\n{pad}"""'


def f_comment(text: str) -> str:
    """One-line comment text: newlines and control characters flattened."""
    return " ".join(str(text).split())


FILTERS: dict[str, Callable[..., Any]] = {
    "json": f_json,
    "pystr": f_pystr,
    "docstring": f_docstring,
    "comment": f_comment,
    "kind": type_tag,
    "snake": naming.snake_case,
    "pascal": naming.pascal_case,
}


# ------------------------------------------------------------- context


@dataclass
class EmitContext:
    config: Config
    env: jinja2.Environment
    package: str
    extra: dict[str, Any] = field(default_factory=dict)

    def render(self, template: str, **values: Any) -> str:
        try:
            tpl = self.env.get_template(template)
            text = tpl.render(package=self.package, config=self.config, **values)
        except jinja2.TemplateSyntaxError as e:
            # e.filename: the file with the bad syntax (maybe an imported one)
            where = e.filename or _tpl_file(self.env, e.name or template)
            raise SpecError([Diagnostic(where, e.lineno, f"template error: {e.message}")]) from None
        except jinja2.TemplateNotFound as e:
            where, line = _tb_where(self.env, e, template)
            raise SpecError(
                [Diagnostic(where, line, f"template error: template {e.name!r} not found")]
            ) from None
        except Exception as e:
            # Runtime errors (undefined names, sandbox refusals, a filter given bad
            # values, 1/0) are reported at the deepest template frame.
            where, line = _tb_where(self.env, e, template)
            if not line:
                raise  # not raised from template code: a specgen bug, keep the traceback
            raise SpecError([Diagnostic(where, line, f"template error: {e}")]) from None
        return text if text.endswith("\n") else text + "\n"


def _search_roots(env: jinja2.Environment) -> list[Path]:
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader):
        return [Path(base).resolve() for base in loader.searchpath]
    return []


def _tpl_file(env: jinja2.Environment, name: str) -> str:
    for base in _search_roots(env):
        p = base / name
        if p.is_file():
            return str(p)
    return name


def _tb_where(env: jinja2.Environment, exc: BaseException, template: str) -> tuple[str, int]:
    """The template file and line of the innermost template frame of a traceback.

    Jinja rewrites tracebacks so template code appears with the template's
    own filename and line; macros imported from other files keep theirs.
    """
    roots = _search_roots(env)
    where, line = _tpl_file(env, template), 0
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        p = Path(filename).resolve()
        if any(p.is_relative_to(r) for r in roots) and p.is_file():
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line


# ------------------------------------------------------------- sandbox

# What `jinja2.sandbox.is_internal_attribute` looks for (by isinstance); the
# types it does not match only have their `__`-names flagged.
_INTERNAL_TYPES = (
    types.FunctionType,
    types.MethodType,
    type,
    types.CodeType,
    types.TracebackType,
    types.FrameType,
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
)
# What `SandboxedEnvironment.wrap_str_format` may wrap (str.format and kin).
_METHOD_TYPES = (types.MethodType, types.BuiltinMethodType)


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox with its per-access type checks memoised per type.

    The stock `getattr` runs a chain of isinstance tests on every attribute a
    template reads (~30% of rendering a JSON Schema).  Here the answer for
    plain objects (dataclasses, str, tuple, ...) is computed once per type;
    anything else, and every `_`-name, takes the stock path, so what the
    sandbox allows and refuses is unchanged (tests/test_emit_cache.py checks
    this against `SandboxedEnvironment` itself).
    """

    _plain: dict[type, bool] = {}  # obj type -> is_internal_attribute never matches
    _inert: dict[type, bool] = {}  # value type -> wrap_str_format never wraps

    def getattr(self, obj: Any, attribute: str) -> Any:
        cls = type(obj)
        plain = self._plain.get(cls)
        if plain is None:
            plain = self._plain[cls] = not issubclass(cls, _INTERNAL_TYPES)
        # isinstance also trusts a `__class__` that lies: such objects go the stock way.
        if not plain or attribute[:1] == "_" or obj.__class__ is not cls:
            return super().getattr(obj, attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        vcls = type(value)
        inert = self._inert.get(vcls)
        if inert is None:
            inert = self._inert[vcls] = not issubclass(vcls, _METHOD_TYPES)
        if inert and value.__class__ is vcls:
            return value
        return super().getattr(obj, attribute)


# ------------------------------------------------------------- bytecode cache

# Settings that change the code Jinja compiles a template to.  The cache folder
# is keyed by them, by specgen's and Jinja's versions and by this file's own
# bytes (a development checkout changes code without a new version), so a
# cache never serves code compiled under other settings.
_ENV_OPTIONS: dict[str, Any] = {
    "autoescape": False,  # output is code and JSON, escaped by our filters
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def cache_root() -> Path | None:
    """$SPECGEN_CACHE_DIR (`off`: no disk cache), else $XDG_CACHE_HOME/specgen,
    else ~/.cache/specgen."""
    explicit = os.environ.get("SPECGEN_CACHE_DIR")
    if explicit == "off":
        return None
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "specgen"
    try:
        return Path.home() / ".cache" / "specgen"
    except RuntimeError:  # no home directory
        return None


def _private_dir(path: Path, mask: int) -> bool:
    """Create `path` (0700) if missing; True if it is a real directory of ours
    with none of the `mask` permission bits.  Cached code is loaded only from
    such a folder: nobody else can have put code there."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False  # a symlink or a file
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return os.name == "nt" or stat.S_IMODE(st.st_mode) & mask == 0


def cache_dir() -> Path | None:
    """This specgen's bytecode folder, or None when there is no safe writable one."""
    root = cache_root()
    if root is None:
        return None
    settings = (__version__, jinja2.__version__, Sandbox.__name__, sorted(_ENV_OPTIONS.items()))
    digest = hashlib.sha256(repr(settings).encode())
    try:
        digest.update(Path(__file__).read_bytes())
    except OSError:  # a zipped install: the version alone decides
        pass
    key = digest.hexdigest()[:16]
    leaf = root / f"templates-{__version__}-{key}"
    # The root may be shared but not writable by others; our folder is 0700.
    if not (_private_dir(root, 0o022) and _private_dir(leaf, 0o077)):
        return None
    return leaf


class _BytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory (watch, tests) and on disk (every process).

    Jinja keys a bucket by template name and file and checks the source's
    checksum, so an edited template (packaged or overlay) is recompiled.  Disk
    errors only turn the disk side off: a cache never fails a build.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._dir: Path | None = None
        self._dir_known = False

    def _disk(self) -> Path | None:
        if not self._dir_known:  # looked up once per process, on first use
            self._dir, self._dir_known = cache_dir(), True
        return self._dir

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and (folder := self._disk()) is not None:
            try:
                code = (folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
            self._code[bucket.key] = code
        if code is None:
            return
        try:  # Jinja resets the bucket on a stale entry (other source, other Python)
            bucket.bytecode_from_string(code)
        except Exception:  # and a damaged file (its checksum pickle unreadable) too
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._code[bucket.key] = code
        folder = self._disk()
        if folder is None:
            return
        tmp = None
        try:  # temp file + rename: a reader never sees half an entry
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(code)
            os.replace(tmp, folder / f"{bucket.key}.cache")
        except OSError:
            self._dir = None  # read-only or full: keep building without it
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


_BYTECODE = _BytecodeCache()


def environment(user_templates: Path | None) -> jinja2.Environment:
    paths = [str(packaged_templates())]
    if user_templates is not None:
        if not user_templates.is_dir():
            raise SpecError([Diagnostic(str(user_templates), 0, "templates folder not found")])
        paths.insert(0, str(user_templates))
    env = Sandbox(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_BYTECODE,  # recompiling per build dominated small builds
        auto_reload=False,  # one environment per build: no stat() per get_template
        **_ENV_OPTIONS,
    )
    env.filters.update(FILTERS)
    return env


Emitter = Callable[[Spec, EmitContext], Mapping[str, str]]


def render(spec: Spec, config: Config, targets: tuple[str, ...] | None = None) -> dict[str, str]:
    """Every output file of every target, keyed by path relative to `out`."""
    from .targets import TARGETS

    env = environment(config.templates)
    ctx = EmitContext(config, env, config.package)
    out: dict[str, str] = {}
    for name in targets or config.targets:
        out.update(TARGETS[name](spec, ctx))
    return dict(sorted(out.items()))
