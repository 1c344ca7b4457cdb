"""Propose a corpus tree's endpoints rows (method and path, the endpoints table's
columns) from the tree's OpenAPI, for docs that never say them (older Speakeasy
pages carry no UsageSnippet comment): what a user of those docs writes by hand.

    python -m tests.contract.routes <tree> [--write]

Each docs operation without a method and path is paired with the OpenAPI
operation Speakeasy named it from, as the corpus scorer pairs them: by
`x-speakeasy-group` + `x-speakeasy-name-override` (the operation's own, or the
first of the document's rules its operationId matches), by the override or the
operationId alone, or (older SDKs) name + group; a name several OpenAPI
operations answer to pairs nothing.  Rows are qualified by group
(`activity.report`) since names repeat across groups.  `--write` saves
`endpoints/<tree>.md`, which the harness appends to the tree's endpoints table.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.corpus.scoring import TREES, load_openapi, norm, speakeasy_name

from .harness import ENDPOINTS, METHODS, build

# Rows this module writes end each file, after this line (hand-written rows before
# it stay: gbg-ts's form content type).
MARK = "<!-- routes: python -m tests.contract.routes -->"


def _named(api: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    """Name key -> (method, path, first success status) of the operation it names."""
    out: dict[str, tuple[str, str, str]] = {}
    shared: set[str] = set()
    for path, item in (api.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method not in METHODS or not isinstance(op, dict):
                continue
            ok = sorted(str(c) for c in op.get("responses") or {} if str(c).startswith("2"))
            route = (method.upper(), str(path), ok[0] if ok else "200")
            oid = str(op.get("operationId", ""))
            group = str(op.get("x-speakeasy-group", "")).rpartition(".")[2]
            over = speakeasy_name(api, oid, op)
            keys = {norm(n) for n in (oid, over) if n}
            for g in {group, *(str(t) for t in op.get("tags") or [])} - {""}:
                keys |= {norm(g + n) for n in (oid, over) if n}
            for k in keys:
                if k in out and out[k] != route:
                    shared.add(k)
                out.setdefault(k, route)
    return {k: v for k, v in out.items() if k not in shared}


def rows(tree: str) -> list[tuple[str, str, str, str]]:
    """(group.operation, method, path, status) for each unrouted docs operation."""
    t = TREES[tree]
    named = _named(load_openapi(t.spec))
    with tempfile.TemporaryDirectory() as tmp:
        spec, _ = build(t, Path(tmp), routes=False)
    out = []
    for o in spec.operations:
        if o.method and o.path:
            continue
        found = (
            named.get(norm(o.group + o.name))
            or named.get(norm(o.name))
            or named.get(norm(o.name + o.group))
        )
        if found is not None:
            out.append((f"{o.group}.{o.name}", *found))
    return sorted(set(out))


def table(found: list[tuple[str, str, str, str]]) -> str:
    return (
        f"{MARK}\n\n| Operation | Method | Path | Status |\n| --- | --- | --- | --- |\n"
        + "".join(f"| `{o}` | {m} | `{p}` | {s} |\n" for o, m, p, s in found)
    )


def main(argv: list[str]) -> int:
    for tree in [a for a in argv if not a.startswith("-")]:
        found = rows(tree)
        text = table(found)
        print(text)
        path = ENDPOINTS / f"{tree}.md"
        if "--write" in argv and found:
            kept = path.read_text(encoding="utf-8").split(MARK)[0] if path.is_file() else ""
            head = kept or (
                f"# Endpoints: {tree}\n\nMethod and path of the operations whose pages do "
                f"not say them, read from the tree's OpenAPI by\n"
                f"`python -m tests.contract.routes {tree} --write`.\n\n"
            )
            path.write_text(head + text, encoding="utf-8")
        print(f"{tree}: {len(found)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
