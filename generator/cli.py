"""Command line: specgen build|check|watch|ir|validate|diff.

Exit codes: 0 ok, 1 check failed / payload invalid / breaking change,
2 bad input (spec errors, usage, unreadable files).  Errors a user can cause
print one line each and never a traceback, unless --debug.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import __version__
from .config import (
    ALL_TARGETS,
    DIALECT_NAMES,
    SECURITY,
    TYPE_MAP,
    UNREADABLE_TYPES,
    UNROUTED_OPERATIONS,
    Config,
    ConfigError,
    load,
)
from .diagnostics import Diagnostic, SpecError, is_left_out, is_typed_as_any
from .naming import WIRE_POLICIES
from .validate import parse_size

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2

EPILOG = """\
exit codes: 0 ok; 1 check failed, payload invalid or breaking change;
            2 bad input (spec errors with file:line, usage, unreadable files).
Defaults come from [tool.specgen] in ./pyproject.toml; flags override them."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, as for every other user error; --help has the usage.
        print(f"{self.prog}: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--spec", type=Path, help="folder of markdown model docs (default: spec)")
    p.add_argument("--out", type=Path, help="output folder (default: generated)")
    p.add_argument("--package", help="Python package / schema folder name")
    p.add_argument(
        "--targets",
        help=f"comma-separated targets to render: {','.join(ALL_TARGETS)}",
    )
    p.add_argument(
        "--dialect",
        choices=["auto", *DIALECT_NAMES],
        help="documentation dialect of the Type cells (default: auto, per file)",
    )
    p.add_argument(
        "--wire-names",
        choices=WIRE_POLICIES,
        help="how JSON keys are derived from documented field names",
    )
    p.add_argument("--wire-name-overrides", type=Path, help="markdown table of exceptions")
    p.add_argument(
        "--endpoints",
        type=Path,
        help="markdown table: operation, method, path (optional: status, content type)",
    )
    p.add_argument(
        "--security",
        type=Path,
        help=f"markdown table: credential, scheme (bearer, basic, api-key), in, name, "
        f"environment variable (default: <spec>/{SECURITY} when present)",
    )
    p.add_argument(
        "--templates", type=Path, help="folder of templates overlaying the packaged ones"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="close objects: unknown keys are invalid (additionalProperties: false)",
    )
    p.add_argument(
        "--docs-dialect",
        choices=DIALECT_NAMES,
        help="dialect the markdown target writes docs in (default: plain)",
    )
    p.add_argument(
        "--unreadable-types",
        choices=UNREADABLE_TYPES,
        help="a Type cell no grammar reads, or a link to a model that does not exist: "
        "'any' types the field as any JSON value with a warning (default), "
        "'error' stops the build",
    )
    p.add_argument(
        "--unrouted-operations",
        choices=UNROUTED_OPERATIONS,
        help="an operation the docs and endpoints table give no method and path, when "
        "the client or openapi target is built: 'skip' leaves it out of them with a "
        "warning (default), 'error' stops the build",
    )
    p.add_argument(
        "--type-map",
        type=Path,
        help=f"markdown table `Type | JSON Schema` read before the dialect grammar "
        f"(default: <spec>/{TYPE_MAP} when present)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    # `specgen build --debug` as well as `specgen --debug build`; SUPPRESS keeps
    # the global flag's value when only that one is given.
    p.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="specgen",
        description="Generate JSON Schema, dataclasses and a thin HTTP client from markdown "
        "API model docs (Speakeasy-style Fields / Values tables).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"specgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser(
        "build",
        help="regenerate the output folder from the spec docs",
        description="Parse the docs, render every target, write what changed.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_options(p)
    p = sub.add_parser(
        "check",
        help="exit 1 and list stale files if the output is out of date",
        description="Render in memory and compare with the output folder; writes nothing.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_options(p)
    p = sub.add_parser(
        "watch",
        help="rebuild on every change of the spec or templates",
        description="Rebuild whenever a file under the spec or templates "
        "folder changes; Ctrl-C stops.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_options(p)
    p.add_argument("--debounce", type=int, default=200, help="milliseconds to wait (default 200)")
    p = sub.add_parser(
        "ir",
        help="print the intermediate schema as JSON",
        description="Parse and resolve the docs; print the IR as JSON on stdout.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_options(p)
    p = sub.add_parser(
        "validate",
        help="validate JSON / JSON Lines payloads against a model",
        description="Validate JSON documents or JSON Lines files (- for stdin) "
        "against a model's emitted JSON Schema.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_options(p)
    p.add_argument("--model", required=True, help="model name, e.g. SessionStartRequest")
    p.add_argument(
        "--schema-dir",
        type=Path,
        help="validate against an emitted schemas folder instead of the spec",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--max-errors", type=int, default=0, help="stop after N invalid payloads (0: no limit)"
    )
    where = p.add_argument_group(
        "Dask (pip install 'specgen[dask]')",
        "Without these the check runs in this process.  With them, JSON Lines files are cut "
        "into blocks on line boundaries and checked on a Dask cluster; the report is the "
        "same, line for line.  Workers read the inputs themselves: paths must be readable "
        "there too (shared storage, or fsspec URLs such as s3://...).",
    ).add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786"
    )
    where.add_argument(
        "--workers", type=int, metavar="N", help="start a local cluster of N worker processes"
    )
    p.add_argument(
        "--blocksize",
        type=parse_size,
        default="64MB",
        metavar="SIZE",
        help="bytes of JSON Lines per Dask task, e.g. 64MB or 512KiB (default: 64MB)",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="JSON or JSONL file, glob, fsspec URL (s3://..., with its driver) or - for stdin",
    )
    p = sub.add_parser(
        "diff",
        help="list changes between two specs, classified as breaking",
        description="Compare two spec folders or git revisions (HEAD~1, a tag).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _build_options(p)
    p.add_argument("old", help="spec folder or git revision")
    p.add_argument("new", help="spec folder or git revision")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--fail-on-breaking", action="store_true", help="exit 1 when any change is breaking"
    )
    p.add_argument(
        "--breaking-for",
        choices=["any", "client", "server"],
        default="any",
        help="whose breakage --fail-on-breaking counts (default: any)",
    )
    return parser


def config_from(args: argparse.Namespace, cwd: Path = Path(".")) -> Config:
    cfg = load(cwd)
    flags = {
        "spec": args.spec,
        "out": args.out,
        "package": args.package,
        "targets": args.targets,
        "dialect": args.dialect,
        "wire_names": args.wire_names,
        "wire_name_overrides": args.wire_name_overrides,
        "endpoints": args.endpoints,
        "templates": args.templates,
        "strict": args.strict,
        "docs_dialect": args.docs_dialect,
        "unreadable_types": args.unreadable_types,
        "unrouted_operations": args.unrouted_operations,
        "type_map": args.type_map,
        "security": args.security,
    }
    from .config import from_mapping

    given = {k: v for k, v in flags.items() if v is not None and not isinstance(v, Path)}
    cfg = from_mapping(given, cwd, cfg)
    paths: dict[str, Any] = {k: v for k, v in flags.items() if isinstance(v, Path)}
    return replace(cfg, **paths)


def print_diagnostics(diags: Sequence[Diagnostic], verbose: bool) -> None:
    """Errors, and what the output lacks (fields typed as any, operations left
    out: each needs a fix), always; other warnings with -v, else their count."""
    errors = [d for d in diags if d.severity == "error"]
    warnings = [d for d in diags if d.severity == "warning"]
    lacking = [d for d in warnings if is_typed_as_any(d) or is_left_out(d)]
    for d in errors:
        print(d, file=sys.stderr)
    for d in warnings if verbose else lacking:
        print(d, file=sys.stderr)
    rest = len(warnings) - len(lacking)
    if rest and not verbose:
        other = " other" if lacking else ""
        print(f"specgen: {rest}{other} warning(s); -v lists them", file=sys.stderr)


def degraded(diags: Sequence[Diagnostic]) -> str:
    """`, 3 fields typed as any, 2 operations left out` for the summary line;
    empty when there are none."""
    n = sum(1 for d in diags if is_typed_as_any(d))
    ops = sum(1 for d in diags if is_left_out(d))
    typed = f", {n} field{'s' if n != 1 else ''} typed as any" if n else ""
    return typed + (f", {ops} operation{'s' if ops != 1 else ''} left out" if ops else "")


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    cfg = config_from(args)
    t0 = time.perf_counter()
    result = build(cfg)
    print_diagnostics(result.warnings, args.verbose)
    ms = (time.perf_counter() - t0) * 1000
    p = result.plan
    n = len(p.changed) + len(p.unchanged)
    why = " (inputs unchanged)" if result.skipped else ""
    print(
        f"specgen: {n} files, {len(p.changed)} written, "
        f"{len(p.removed)} removed in {ms:.0f} ms{why}{degraded(result.warnings)} "
        f"-> {cfg.out}"
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .pipeline import check

    cfg = config_from(args)
    result = check(cfg)
    print_diagnostics(result.warnings, args.verbose)
    stale = result.plan.stale
    if stale:
        print(
            f"specgen: {len(stale)} stale file(s) in {cfg.out}; run `specgen build`:",
            file=sys.stderr,
        )
        for rel in stale:
            why = "remove" if rel in result.plan.removed else "update"
            print(f"  {why} {cfg.out / rel}", file=sys.stderr)
        return EXIT_FAIL
    print(
        f"specgen: {cfg.out} is up to date ({len(result.files)} files"
        f"{degraded(result.warnings)})"
    )
    return EXIT_OK


def cmd_ir(args: argparse.Namespace) -> int:
    from .ir import to_json
    from .pipeline import load_spec

    cfg = config_from(args)
    spec, warnings = load_spec(cfg)
    print_diagnostics(warnings, args.verbose)
    sys.stdout.write(json.dumps(to_json(spec), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import run

    return run(config_from(args), args)


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import run

    return run(config_from(args), args)


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import run

    return run(config_from(args), args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": cmd_build,
    "check": cmd_check,
    "ir": cmd_ir,
    "watch": cmd_watch,
    "validate": cmd_validate,
    "diff": cmd_diff,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except SpecError as e:
        if args.debug:
            raise
        print_diagnostics(e.diagnostics, True)
        n = len([d for d in e.diagnostics if d.severity == "error"])
        print(f"specgen: {n} error(s); nothing written", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ConfigError as e:
        if args.debug:
            raise
        print(f"specgen: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        if args.debug:
            raise
        where = f"{e.filename}: " if e.filename else ""
        print(f"specgen: error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_BAD_INPUT
