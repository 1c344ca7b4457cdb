"""Survey the Type cells of the corpus: per dialect, every distinct cell shape
(model names replaced by `M`, string literals by `"s"`, numbers by `1`), how
often it occurs, and the grammar rules that read it, or `UNREAD` with the
reason and a first `file:line`.

    python -m tests.corpus.survey                 # every tree under ../shared/corpus
    python -m tests.corpus.survey bolt-python ... # some trees
    python -m tests.corpus.survey --unread        # only shapes that do not read
    python -m tests.corpus.survey path/to/docs    # a docs folder of your own

Each tree is read by the real resolve stage (`unreadable-types = "any"`); every
cell it parses (Fields and Parameters tables, Response lines, `### Variant`
headings) is recorded with the dialect chosen for its file, so a cell typed as
any because it names a model nobody wrote shows as UNREAD too.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import types as types_mod
from generator.diagnostics import Diagnostics, is_typed_as_any
from generator.parse import Cell, parse_document
from generator.resolve import Options, discover
from generator.resolve import build as resolve_build
from generator.resolve.context import _Ctx
from generator.types import Dialect, Tok, TypeSyntaxError

from .scoring import CORPUS

UNREAD = "UNREAD"


@dataclass(frozen=True)
class Seen:
    """One Type cell as resolve read it."""

    tree: str
    file: str
    line: int
    dialect: Dialect
    cell: Cell
    variant: bool


@contextlib.contextmanager
def _recording(into: list[Seen], tree: str) -> Iterator[None]:
    """Record every cell `_Ctx.parse` reads (the one place resolve reads cells)."""
    original = _Ctx.parse

    def parse(self: _Ctx, dialect: Dialect, cell: Cell, src: object, variant: bool = False):  # type: ignore[no-untyped-def]
        into.append(Seen(tree, src.file, src.line, dialect, cell, variant))  # type: ignore[attr-defined]
        return original(self, dialect, cell, src, variant)  # type: ignore[arg-type]

    _Ctx.parse = parse  # type: ignore[method-assign]
    try:
        yield
    finally:
        _Ctx.parse = original  # type: ignore[method-assign]


def read_tree(tree: str, docs: Path) -> tuple[list[Seen], dict[tuple[str, int], str]]:
    """The cells of one tree, and the warnings of cells typed as any by place."""
    seen: list[Seen] = []
    diags = Diagnostics()
    files = discover(docs, diags)
    with _recording(seen, tree):
        resolve_build(
            [parse_document(t, r) for r, t in files], Options(unreadable_types="any"), diags
        )
    degraded = {(d.file, d.line): d.message for d in diags.items if is_typed_as_any(d)}
    return seen, degraded


# ---------------------------------------------------------------- shapes


def _vocabulary(d: Dialect) -> set[str]:
    return {
        *d.scalars,
        *d.generics,
        *d.externals,
        *d.bracket_maps,
        *d.prefix_words,
        *d.user_types,
        "of",
    }


def _name(text: str, d: Dialect, known: set[str]) -> str:
    if text in known:
        return text
    for ns in d.namespaces:
        if text.startswith(ns):
            return ns + "M"
    for sep in ("::", "\\", "."):
        head, found, _ = text.rpartition(sep)
        if found:
            return head + sep + "M"
    return "M"


def _join(toks: list[str]) -> str:
    out = ""
    for t in toks:
        if out and out[-1].isalnum() and t[:1].isalnum():
            out += " "
        elif out.endswith(",") or t == "|" or out.endswith("|"):
            out += " "
        out += t
    return out


def _tokens(text: str, d: Dialect, known: set[str]) -> list[str]:
    toks: tuple[Tok, ...] = types_mod._tokens(text)
    out: list[str] = []
    for t in toks:
        if t.kind == "ident":
            out.append(_name(t.text, d, known))
        elif t.kind == "string":
            out.append('"s"')
        elif t.kind == "number":
            out.append("1")
        else:
            out.append(t.text)
    return out


def shape(cell: Cell, d: Dialect) -> str:
    """The cell with model names as `M`; links as `[text](M.md)` / `[text](https)`."""
    known = _vocabulary(d)
    pieces: list[str] = []
    for p in cell.parts:
        try:
            inner = _join(_tokens(p.text, d, known))
        except TypeSyntaxError:  # not tokens at all: keep the words, names as M
            inner = re.sub(r"\b[A-Z]\w*", "M", " ".join(p.text.split()))
        if p.kind == "link":
            where = "https" if types_mod.is_external(p.href) else "M.md"
            pieces.append(f"[{inner}]({where})")
        else:
            pieces.append(inner)
    return "".join(pieces) or "(empty)"


def rule_of(s: Seen, degraded: dict[tuple[str, int], str]) -> tuple[str, str]:
    """How the grammar reads a cell: (its rules, ""), or (`UNREAD`, the reason)."""
    why = degraded.get((s.file, s.line))
    if why is not None:
        return UNREAD, why.partition("cannot read type ")[2].split("; typed as any")[0]
    try:
        return " + ".join(types_mod.explain(s.dialect, s.cell, s.file)) or "?", ""
    except TypeSyntaxError as e:
        if s.variant:
            return "variant name", ""  # `### Str`, `### ArrayOfX`: Dialect.variant_names
        return UNREAD, str(e)


@dataclass
class Shape:
    count: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    unread: str = ""  # the first unread cell: tree file:line, and why


def survey(trees: list[str]) -> dict[str, dict[str, Shape]]:
    """dialect -> shape -> what reads it."""
    found: dict[str, dict[str, Shape]] = defaultdict(lambda: defaultdict(Shape))
    for tree in trees:
        # a corpus tree's name, or the path of any docs folder (your own tree)
        docs = Path(tree) if "/" in tree or tree == "." else CORPUS / tree / "docs"
        if not docs.is_dir():
            print(f"{tree}: no docs at {docs}", file=sys.stderr)
            continue
        seen, degraded = read_tree(tree, docs)
        for s in seen:
            sh = found[s.dialect.name][shape(s.cell, s.dialect)]
            sh.count += 1
            rule, why = rule_of(s, degraded)
            sh.rules[rule] += 1
            if rule == UNREAD and not sh.unread:
                sh.unread = f"{tree} {s.file}:{s.line}: {why}"
    return found


def report(found: dict[str, dict[str, Shape]], only_unread: bool = False) -> str:
    lines: list[str] = []
    for dialect in sorted(found):
        shapes = found[dialect]
        cells = sum(s.count for s in shapes.values())
        unread = {k: s for k, s in shapes.items() if s.rules[UNREAD]}
        lines.append(
            f"== {dialect}: {cells} cells, {len(shapes)} shapes, "
            f"{sum(s.rules[UNREAD] for s in unread.values())} cells in {len(unread)} shapes "
            f"{UNREAD}"
        )
        for key, s in sorted((unread if only_unread else shapes).items(), key=_order):
            for rule, n in s.rules.most_common():
                where = f"  (e.g. {s.unread})" if rule == UNREAD else ""
                lines.append(f"{n:>7}  {key}  <- {rule}{where}")
    return "\n".join(lines)


def _order(item: tuple[str, Shape]) -> tuple[int, str]:
    return (-item[1].count, item[0])


def main(argv: list[str]) -> int:
    only_unread = "--unread" in argv
    names = [a for a in argv if not a.startswith("-")]
    trees = names or sorted(d.name for d in CORPUS.iterdir() if (d / "docs").is_dir())
    found = survey(trees)
    print(report(found, only_unread))
    unread = sum(s.rules[UNREAD] for shapes in found.values() for s in shapes.values())
    return 1 if unread else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
