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
from typing import Any

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
        spec, _ = build(t, Path(tmp), params=False)
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
    styled: set[tuple[str, str, str, str]] = set()
    plain: set[str] = set()  # names some operation writes in the default style
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
            holder = ""
            if p.source.file != op.source.file:  # from an `<Op>Request` page, no model of the spec
                holder = by_file.get(p.source.file) or _title(t.docs / p.source.file)
            if same:
                fine.add(p.doc_name)
                where = _in(same[0], deref)
                if where != same[0]["in"]:  # a query style the pages cannot say
                    styled.add((holder or op.name, p.doc_name, same[0]["name"], where))
                elif _composite(same[0], deref):
                    plain.add(p.doc_name)
                continue
            alike = [q for q in params if _norm(q["name"]) == _norm(p.wire_name)]
            if len(alike) != 1 or alike[0]["in"] not in ("query", "header"):
                continue
            q = alike[0]
            for model in (holder,) if holder else (op.name,):
                found[p.doc_name].add((model, q["name"], _in(q, deref)))
    out: list[tuple[str, str, str, str]] = []
    for doc, uses in sorted(found.items()):
        wires = {(w, i) for _, w, i in uses}
        if len(wires) == 1 and doc not in fine and fields.get(doc, set()) <= {next(iter(wires))[0]}:
            w, i = wires.pop()
            out.append(("*", doc, w, i))
        else:
            out += sorted((m, doc, w, i) for m, w, i in uses)
    # a style every use of a name shares: one `*` row (stackone-csharp's `Filter`)
    docs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _m, doc, w, i in styled:
        docs[doc].add((w, i))
    for doc, ways in sorted(docs.items()):
        shared = len(ways) == 1 and doc not in plain and doc not in found
        if shared and fields.get(doc, set()) <= {next(iter(ways))[0]}:
            out.append(("*", doc, *next(iter(ways))))
        else:
            out += sorted(r for r in styled if r[1] == doc)
    return out


def _composite(q: dict[str, Any], deref: Any) -> bool:
    """An array or object parameter: one whose style changes how it is written."""
    schema = deref(q.get("schema") or {})
    if not isinstance(schema, dict):
        return False
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    return bool(kinds & {"array", "object"}) or "properties" in schema


def _in(q: dict[str, Any], deref: Any) -> str:
    """The In cell of an OpenAPI parameter: its location, and for an array or
    object in the query a style other than exploded form (stackone-csharp's
    `filter` is `deepObject`; dub-ts's `linkIds` is `explode: false`)."""
    if q["in"] != "query":
        return str(q["in"])
    if not _composite(q, deref):
        return "query"  # a scalar is written the same in every style
    style = str(q.get("style", "form"))
    explode = bool(q.get("explode", style == "form")) or style == "deepObject"
    if (style, explode) == ("form", True):
        return "query"
    default = style in ("form", "deepObject")
    return f"query {style}" + ("" if explode == default else f" explode={str(explode).lower()}")


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
