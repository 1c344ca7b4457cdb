"""Stage 4: IR -> {relative path: text}, rendered from Jinja templates.

Templates come from the packaged `templates/` folder, overlaid file by file by
a user folder (`--templates`).  Jinja runs sandboxed, with StrictUndefined, and
doc text reaches output only through the escaping filters defined here
(`json`, `pystr`, `docstring`, `comment`): no filter ever emits doc text raw.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import naming
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


def f_json(value: Any) -> str:
    """Any value as a JSON literal (doc text stays data)."""
    return json.dumps(value, ensure_ascii=False)


def f_pystr(value: str) -> str:
    """A Python string literal; repr() escapes quotes, backslashes and newlines."""
    return repr(str(value))


def f_docstring(text: str, indent: int = 4) -> str:
    """A triple-quoted docstring body that cannot end early or escape.

    Backslashes and quotes are escaped so the text is kept character for
    character; control characters become escapes.  Returns the literal.
    """
    body = str(text).strip()
    out = []
    for ch in body:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\n")
        elif ch in "\t":
            out.append(ch)
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    pad = " " * indent
    lines = "".join(out).split("\n")
    lines = [ln.rstrip() for ln in lines]
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


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept across builds in one process (watch, tests, benchmarks).

    Jinja keys a bucket by template name and file and checks the source's
    checksum, so an edited template is recompiled; every environment sharing
    this cache is made by `environment()` with the same settings.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def environment(user_templates: Path | None) -> jinja2.Environment:
    paths = [str(packaged_templates())]
    if user_templates is not None:
        if not user_templates.is_dir():
            raise SpecError([Diagnostic(str(user_templates), 0, "templates folder not found")])
        paths.insert(0, str(user_templates))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=False,  # output is code and JSON, escaped by our filters
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_BYTECODE,  # recompiling per build dominated small builds
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
