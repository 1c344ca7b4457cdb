"""generator/mdrules.py: the fast table rule must emit markdown-it's own tokens.

Every check compares against markdown-it-py's original rule run on the same
input (`markdown_it.rules_block.table`), never against hand-written output:
the token streams (type, tag, nesting, level, map, attrs, content, children)
must be equal, and so must the HTML the stock renderer makes from them.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CORPUS, SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import escapedSplit

from generator.mdrules import escaped_split, use_fast_table


def _stock() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


STOCK = _stock()
FAST = use_fast_table(_stock())


def _stream(md: MarkdownIt, text: str) -> list[dict[str, Any]]:
    return [t.as_dict() for t in md.parse(text)]


def _same(text: str) -> None:
    assert _stream(FAST, text) == _stream(STOCK, text), repr(text)
    assert FAST.render(text) == STOCK.render(text), repr(text)


TRICKY = [
    # escaped pipes: only the single character before the pipe counts
    "| a | b |\n|---|---|\n| x \\| y | z |\n",
    "| a | b |\n|---|---|\n| x \\\\| y | z |\n",
    "| a \\| b |\n|---|\n| 1 |\n",
    "| a |\n|---|\n| \\|\\|\\| |\n| \\ | \\\\ |\n| end\\|\n",
    # pipes inside backticks still split cells (GFM), escaped ones do not
    "| code | x |\n|---|---|\n| `a|b` | c |\n| `a\\|b` | c |\n",
    # alignment rows
    "| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
    "a | b\n:-: | -:\n1 | 2\n",
    "| a |\n| :: |\n| 1 |\n",
    "| a |\n| : |\n| 1 |\n",
    "| a | b |\n|--|-- -|\n",
    "| a | b |\n|---||---|\n",
    "| a |\n|-\n",
    "| a |\n- |\n",
    "| a |\n-|\n| 1 |\n",
    "| a |\n|\t---\t|\n| 1 |\n",
    "| a |\n|---|x\n",
    # column counts: short rows padded, long rows cut, mismatched delimiter
    "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n|\n||\n",
    "| a | b |\n|---|\n| 1 | 2 |\n",
    "| a |\n|---|---|\n",
    "no pipe\n|---|\n",
    "|\n|-|\n",
    "| |\n|-|\n| |\n",
    # edges: unicode spaces, tabs, indentation, code blocks, terminators
    "|\u2003a\u2003|\u00a0b |\n|---|---|\n|\u2002x | y\u3000|\n",
    "  | a |\n  |---|\n  | 1 |\n    | 2 |\n",
    "    | a |\n    |---|\n",
    "| a |\n    |---|\n",
    "| a |\n|---|\n| 1 |\n> quote\n| 2 |\n",
    "| a |\n|---|\n| 1 |\n# heading\n",
    "| a |\n|---|\n| 1 |\n```\ncode\n```\n",
    "| a |\n|---|\n| 1 |\n- item\n",
    "| a |\n|---|\n| 1 |\n<div>\n",
    "| a |\n|---|\n| 1 |\n***\n",
    "| a |\n|---|\n| 1 |\n\n| 2 |\n",
    "| a |\n|---|\n| 1 |\ntext\n",
    # tables inside containers and after paragraphs
    "- | a |\n  |---|\n  | 1 |\n",
    "> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
    "para\n| a |\n|---|\n| 1 |\n",
    "1. x\n\n   | a |\n   |:-:|\n   | `b|c` |\n",
    # CRLF and a blank last line
    "| a |\r\n|---|\r\n| 1 |\r\n",
    "| a |\n|---|",
    "| a |\n|---|\n| ~~`x`~~ | [l](u.md) |\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_tables_match_markdown_it(text: str) -> None:
    _same(text)


def test_tricky_inputs_really_make_tables() -> None:
    # the cases above must exercise the rule, not only its early exits
    tables = sum(any(t.type == "table_open" for t in STOCK.parse(text)) for text in TRICKY)
    assert tables >= 25


def test_rule_is_registered_with_its_alt_chains() -> None:
    # paragraph and reference chains use `table` as a terminator
    for chain in ("", "paragraph", "reference"):
        rules = FAST.block.ruler.getRules(chain)
        assert any(getattr(r, "__module__", "") == "generator.mdrules" for r in rules), chain
    # a table right after a paragraph line interrupts it, as in stock markdown-it
    _same("para\n| a |\n|---|\n")


def test_real_docs_match_markdown_it() -> None:
    files = sorted(SPEC.rglob("*.md"))
    files += sorted(CORPUS.glob("*/docs/**/*.md"))[::15]
    assert len(files) > 150
    for path in files:
        _same(path.read_text(encoding="utf-8", errors="replace"))


def _stop_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A plugin block rule that ends tables at a row starting `|stop`."""
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    if not line.startswith("|stop"):
        return False
    if not silent:
        state.push("stop", "hr", 0).map = [start, start + 1]
        state.line = start + 1
    return True


def test_rows_starting_with_a_pipe_still_ask_plugin_terminators() -> None:
    # the rule skips markdown-it's own terminators on '|' rows (none can start
    # there); a plugin's terminator must still be asked
    text = "| a |\n|---|\n| 1 |\n|stop |\n| 2 |\n"
    with_plugin = []
    for md in (_stock(), use_fast_table(_stock())):
        md.block.ruler.before("table", "stop", _stop_rule, {"alt": ["blockquote"]})
        with_plugin.append(_stream(md, text))
    assert with_plugin[1] == with_plugin[0]
    assert "stop" in [t["type"] for t in with_plugin[0]]
    # without the plugin the same row is just another table row
    _same(text)
    assert "stop" not in [t["type"] for t in _stream(FAST, text)]


CELL = st.text(alphabet=list("ab|\\`:- \t~*[]()<>#\u2003"), max_size=12)
ROW = st.builds(
    lambda lead, cells, trail: lead + "|".join(cells) + trail,
    st.sampled_from(["", "|", "| ", " ", "  |", "    |", "> |", "- |"]),
    st.lists(CELL, min_size=1, max_size=5),
    st.sampled_from(["", "|", " |", "\\|", "|\t"]),
)
DELIM = st.lists(
    st.sampled_from(["---", ":--", "--:", ":-:", "-", ":", "", " - ", "-- -", "x"]),
    min_size=1,
    max_size=5,
).map(lambda cols: "|" + "|".join(cols) + "|")


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    head=ROW,
    delim=st.one_of(DELIM, ROW),
    body=st.lists(ROW, max_size=5),
    sep=st.sampled_from(["\n", "\r\n"]),
)
def test_generated_tables_match_markdown_it(
    head: str, delim: str, body: list[str], sep: str
) -> None:
    _same(sep.join([head, delim, *body]) + sep)


@settings(max_examples=1000, deadline=None, database=None)
@given(st.text(alphabet=list("|\\ab` "), max_size=30))
def test_escaped_split_matches_markdown_it(row: str) -> None:
    assert escaped_split(row) == escapedSplit(row)


def test_escaped_split_examples() -> None:
    # derived from the GFM spec's escaped-pipe example (backslash dropped, pipe kept)
    assert escaped_split("a \\| b|c") == escapedSplit("a \\| b|c") == ["a | b", "c"]
    assert escaped_split("\\\\|x") == escapedSplit("\\\\|x") == ["\\|x"]
