"""Propose a corpus tree's wire-name overrides: the fewest rows, over the three
policies, that make every documented property's wire name the OpenAPI's.

    python -m tests.corpus.wirenames <tree> [--write]

Only a property the scorer pairs with an OpenAPI property whose name differs
from ours by case and punctuation alone (`ConnectionID` -> `connection_id`;
Speakeasy's `dollarSchema` is `$schema`), or whose `x-speakeasy-name-override`
(or its schema's) is the documented name (dailypay-csharp's `AccountBalances`
is `balances` on the wire; glean-go's `GleanDataError` is `errorInfo`), becomes
a row; a row applies to every model (`*`) when every paired use of that
documented name agrees.  `--write` saves `wirenames/<tree>.md`; the policy it
prints belongs in `TREES` (scoring.py).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from generator.ir import ObjectModel

from .scoring import HERE, TREES, Scorer, Tree, build_tree, load_openapi, norm

POLICIES = ("as-documented", "snake_case", "camelCase")


def _scorer(tree: Tree) -> Scorer:
    with tempfile.TemporaryDirectory() as tmp:
        built = build_tree(tree, Path(tmp))
    s = Scorer(tree, built, load_openapi(tree.spec))
    s.pair_by_name()
    s.pair_overrides()
    s.pair_operations()
    s.pair_inline_names()
    s.walk()
    return s


def _same(wire: str, ours: str) -> bool:
    """The OpenAPI's name, spelt our way: case and punctuation aside,
    Speakeasy's `dollar` for a leading `$` (`$schema` -> `dollarSchema`) and
    words for a number (`2021` -> `twoThousandAndTwentyOne`)."""
    if wire.startswith("$"):
        wire = "dollar" + wire[1:]
    if wire.isdigit() and len(wire) < 7:
        wire = _words(int(wire))
    return norm(wire) == norm(ours)


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words(n: int) -> str:
    """English words for 0 <= n < 1,000,000, as Speakeasy names numeric keys."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else _ONES[n % 10])
    for size, word in ((1000, "thousand"), (100, "hundred")):
        if n >= size:
            rest = n % size
            head = _words(n // size) + word
            if rest == 0:
                return head
            return head + ("and" if rest < 100 else "") + _words(rest)
    raise ValueError(n)


def _override(prop: object, s: Scorer) -> str:
    """`x-speakeasy-name-override` of a property, or of the schema it refers to
    (glean-go: `errorInfo: $ref ErrorInfo` named `GleanDataError`, so the field
    is too)."""
    for _ in range(2):
        if not isinstance(prop, dict):
            return ""
        name = prop.get("x-speakeasy-name-override")
        if isinstance(name, str):
            return name
        ref = prop.get("$ref")
        got = s.theirs_side.resolve(ref) if isinstance(ref, str) else None
        prop = got[1] if got else None
    return ""


def propose(tree: Tree, policy: str) -> list[tuple[str, str, str]]:
    """(model or '*', documented name, wire name) rows for one policy.  Rows pair
    more models (a renamed property's own object), so rounds repeat until none
    adds a row."""
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "wire-names.md"
        for _ in range(8):
            table.write_text(render(tree, policy, rows), encoding="utf-8")
            more = _round(replace(tree, wire_names=policy, overrides=table if rows else None))
            new = [r for r in more if r not in rows]
            if not new:
                break
            rows += new
    return rows


def _round(tree: Tree) -> list[tuple[str, str, str]]:
    s = _scorer(tree)
    models = {m.name: m for m in s.built.spec.models if isinstance(m, ObjectModel)}
    need: dict[str, dict[str, str]] = defaultdict(dict)  # doc name -> model -> wire
    fine: dict[str, set[str]] = defaultdict(set)  # doc name -> wires already right
    for name, (_key, theirs) in sorted(s.pair.items()):
        m = models.get(name)
        theirs = s._resolved(theirs)
        tprops = theirs.get("properties") if isinstance(theirs, dict) else None
        if m is None or not isinstance(tprops, dict):
            continue
        ours = {f.wire_name for f in m.fields}
        for f in m.fields:
            if f.wire_name in tprops:
                fine[f.doc_name].add(f.wire_name)
                continue
            alts = [w for w in tprops if _same(w, f.wire_name) and w not in ours]
            if not alts:  # the docs show the property's (or its type's) name override
                alts = [
                    w
                    for w, p in tprops.items()
                    if w not in ours and _override(p, s) and _same(_override(p, s), f.doc_name)
                ]
            if len(alts) == 1:
                need[f.doc_name][name] = alts[0]
    rows: list[tuple[str, str, str]] = []
    for doc, per_model in sorted(need.items()):
        wires = set(per_model.values())
        if len(wires) == 1 and not fine[doc]:
            rows.append(("*", doc, wires.pop()))
        else:
            rows.extend((model, doc, wire) for model, wire in sorted(per_model.items()))
    return rows


def render(tree: Tree, policy: str, rows: list[tuple[str, str, str]]) -> str:
    out = [
        f"# Wire names: {tree.name}",
        "",
        f"Policy `{policy}`; these rows are the exceptions, read from the tree's",
        f"OpenAPI by `python -m tests.corpus.wirenames {tree.name} --write`. `*` = every model.",
        "",
        "| Model | Field | Wire name |",
        "| --- | --- | --- |",
    ]
    out += [f"| `{m}` | `{d}` | `{w}` |" for m, d, w in rows]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")]
    for n in names:
        tree = TREES[n]
        results = {p: propose(tree, p) for p in POLICIES}
        for p, rows in results.items():
            print(f"{n}: policy {p}: {len(rows)} override rows")
        best = min(POLICIES, key=lambda p: len(results[p]))
        print(f"{n}: best policy {best} ({len(results[best])} rows)")
        if "--write" in argv:
            path = HERE / "wirenames" / f"{n}.md"
            path.write_text(render(tree, best, results[best]), encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
