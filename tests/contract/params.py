"""Propose a corpus tree's parameter rows (wire name and `In`, the wire-name
table's columns) from the tree's OpenAPI: what Speakeasy pages cannot say.

    python -m tests.contract.params <tree> [--write]

Each docs operation is paired with the OpenAPI operation of its method and path
(as the harness pairs them); a docs parameter that is not an OpenAPI parameter of
the same location and name, but spells one (case and punctuation aside:
`x_tenant_id` is the header `x-tenant-id`), becomes a row.  A row applies to
every model (`*`) when every use of that documented name agrees and no model
field of that name goes by another wire name, else to the `<Op>Request` page the
parameter came from, else to the operation.  `--write`
saves `params/<tree>.md`; the harness appends its table to the tree's wire-name
table (a wire-name file may hold several tables).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from tests.corpus.scoring import TREES, load_openapi

from .harness import PARAMS, _norm, _path_key, _server_prefix, build, openapi_operations
from .values import Values


def rows(tree: str) -> list[tuple[str, str, str, str]]:
    """(model or `*`, documented name, wire name, In) rows."""
    t = TREES[tree]
    api = load_openapi(t.spec)
    ops = openapi_operations(api)
    prefix = _server_prefix(api)
    with tempfile.TemporaryDirectory() as tmp:
        spec, _ = build(t, Path(tmp))
    by_file = {m.source.file: m.name for m in spec.models}
    # A `*` row renames the field in every model too: only for names whose model
    # fields already go by that wire name (squadcast-go `TeamID` is `team_id` in
    # its models, `teamID` as a query parameter).
    fields: dict[str, set[str]] = defaultdict(set)
    for m in spec.models:
        for f in getattr(m, "fields", ()):
            fields[f.doc_name].add(f.wire_name)
    found: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # doc name -> (key, wire, in)
    fine: set[str] = set()
    for op in spec.operations:
        if not op.method or not op.path:
            continue
        key = _path_key(op.path)
        theirs = ops.get((op.method, key))
        if theirs is None and prefix and key.startswith(prefix):
            theirs = ops.get((op.method, _path_key(key[len(prefix) :])))
        if theirs is None:
            continue
        deref = Values(api, 0, "required").deref
        params = [q for q in map(deref, theirs.get("parameters", [])) if isinstance(q, dict)]
        params = [q for q in params if "in" in q and "name" in q]
        for p in op.params:
            if p.location == "path":
                continue
            same = [
                q
                for q in params
                if q["in"] == p.location
                and (
                    q["name"] == p.wire_name
                    or (p.location == "header" and q["name"].lower() == p.wire_name.lower())
                )
            ]
            if same:
                fine.add(p.doc_name)
                continue
            alike = [q for q in params if _norm(q["name"]) == _norm(p.wire_name)]
            if len(alike) != 1 or alike[0]["in"] not in ("query", "header"):
                continue
            q = alike[0]
            holder = ""
            if p.source.file != op.source.file:  # from an `<Op>Request` page, no model of the spec
                holder = by_file.get(p.source.file) or _title(t.docs / p.source.file)
            for model in (holder,) if holder else (op.name,):
                found[p.doc_name].add((model, q["name"], q["in"]))
    out: list[tuple[str, str, str, str]] = []
    for doc, uses in sorted(found.items()):
        wires = {(w, i) for _, w, i in uses}
        if len(wires) == 1 and doc not in fine and fields.get(doc, set()) <= {next(iter(wires))[0]}:
            w, i = wires.pop()
            out.append(("*", doc, w, i))
        else:
            out += sorted((m, doc, w, i) for m, w, i in uses)
    return out


def _title(page: Path) -> str:
    """A page's `# Title`: the name of the holder model it documents."""
    try:
        first = page.read_text(encoding="utf-8").lstrip().splitlines()[0]
    except (OSError, IndexError):
        return ""
    return first[2:].strip() if first.startswith("# ") else ""


def table(tree: str, found: list[tuple[str, str, str, str]]) -> str:
    head = (
        f"# Parameters: {tree}\n\nWhere the docs' parameters go, read from the tree's OpenAPI "
        f"by\n`python -m tests.contract.params {tree} --write`.\n\n"
        "| Model | Field | Wire name | In |\n| --- | --- | --- | --- |\n"
    )
    return head + "".join(f"| `{m}` | `{d}` | `{w}` | {i} |\n" for m, d, w, i in found)


def main(argv: list[str]) -> int:
    for tree in [a for a in argv if not a.startswith("-")]:
        found = rows(tree)
        print(table(tree, found))
        path = PARAMS / f"{tree}.md"
        if "--write" in argv:
            if found:
                PARAMS.mkdir(exist_ok=True)
                path.write_text(table(tree, found), encoding="utf-8")
            elif path.exists():
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
