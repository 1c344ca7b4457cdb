"""A faster GFM table rule for markdown-it-py, with the exact semantics of its own.

markdown-it-py's `table` rule splits every row with `escapedSplit`, a Python
loop over each character; on Speakeasy docs (most of a doc is tables) that
loop was a fifth of all parsing time.  This rule is the same algorithm, line
for line, with the per-character loops replaced by per-row `str` methods:

- a row splits on `|` with `str.split`; a piece that ends in a backslash means
  the pipe after it was escaped (`\\|`), so that piece loses the backslash and is
  glued to the next one with a literal `|` (as in markdown-it: only the single
  character before the pipe counts, and backticks do not protect pipes);
- the delimiter row's "only `|-:` and spaces" scan is one `str.strip`.

It emits the same token stream as `markdown_it.rules_block.table.table` (types,
tags, levels, maps, attrs, contents); tests/test_mdrules.py compares the two on
tricky inputs.  Register it with `use_fast_table(md)`.

The two things that changed across markdown-it-py releases we accept (>=3,<5)
are read from the installed one: the cell trim set (4.3's CommonMark set;
`str.strip()`'s whitespace before) and the cap on made-up cells (none in 3.x).
"""

from __future__ import annotations

from markdown_it import MarkdownIt, rules_block
from markdown_it.common import utils as _utils
from markdown_it.rules_block import table as _stock
from markdown_it.rules_block.state_block import StateBlock

# str.strip(None) is Python's whitespace strip, what markdown-it-py < 4.3 used
MD_TRIM_CHARS: str | None = getattr(_utils, "MD_TRIM_CHARS", None)
# markdown-it's issue 1000: at most this many empty cells are made up for
# short rows before the table ends (markdown-it-py >= 4; no cap before)
MAX_AUTOCOMPLETED_CELLS: int | None = getattr(_stock, "MAX_AUTOCOMPLETED_CELLS", None)

# markdown-it's own rules that can end a table (the 'blockquote' chain): each
# needs its marker (` ~ > * - _ + digit < #) first on the line, so none can
# start on a row whose text starts with '|' and the table skips asking them.
_NOT_AT_PIPE = frozenset(
    {
        rules_block.fence,
        rules_block.blockquote,
        rules_block.hr,
        rules_block.list_block,
        rules_block.html_block,
        rules_block.heading,
    }
)
_DELIM_CHARS = "|-:"
_DELIM_LINE_CHARS = "|-: \t"
_ALIGN = {
    (True, True): "center",  # :---:
    (False, True): "right",  # ---:
    (True, False): "left",  # :---
    (False, False): "",
}


def escaped_split(row: str) -> list[str]:
    """Split a table row on unescaped `|`, dropping the backslash of each `\\|`."""
    if "\\" not in row:
        return row.split("|")
    cells: list[str] = []
    glued = ""
    pieces = row.split("|")
    for piece in pieces[:-1]:
        if piece.endswith("\\"):  # the pipe after this piece was escaped
            glued += piece[:-1] + "|"
        else:
            cells.append(glued + piece)
            glued = ""
    cells.append(glued + pieces[-1])
    return cells


def _aligns(delim: str) -> list[str] | None:
    """The delimiter row's column alignments, or None if it is not one."""
    columns = delim.split("|")
    last = len(columns) - 1
    aligns: list[str] = []
    for i, col in enumerate(columns):
        t = col.strip(MD_TRIM_CHARS)
        if not t:
            # empty columns only before and after the table: ` |---| `, not ` ---||--- `
            if i == 0 or i == last:
                continue
            return None
        left, right = t[0] == ":", t[-1] == ":"
        # markdown-it: /^:?-+:?$/
        body = t[1 if left else 0 : len(t) - 1 if right else len(t)]
        if not body or body.strip("-"):
            return None
        aligns.append(_ALIGN[left, right])
    return aligns


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _cells(trimmed: str) -> list[str]:
    """A trimmed row's cells, without the empty ones outside its edge pipes."""
    cells = escaped_split(trimmed)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """GFM table block rule; same signature and tokens as markdown-it's `table`."""
    if start_line + 2 > end_line:  # a header and a delimiter row at least
        return False
    delim_line = start_line + 1
    if state.sCount[delim_line] < state.blkIndent or state.is_code_block(delim_line):
        return False

    # the delimiter row: /^[-:|][-:|\s]*$/, and not "- " (a list item)
    delim = _line(state, delim_line)
    if len(delim) < 2:
        return False
    first, second = delim[0], delim[1]
    if first not in _DELIM_CHARS:
        return False
    if second not in _DELIM_CHARS and second not in " \t":
        return False
    if first == "-" and second in " \t":
        return False
    if delim.strip(_DELIM_LINE_CHARS):
        return False
    aligns = _aligns(delim)
    if aligns is None:
        return False

    head = _line(state, start_line).strip(MD_TRIM_CHARS)
    if "|" not in head or state.is_code_block(start_line):
        return False
    columns = _cells(head)
    # the header fixes the column count; the delimiter row must match it
    count = len(columns)
    if count == 0 or count != len(aligns):
        return False
    if silent:
        return True

    old_parent = state.parentType
    state.parentType = "table"
    # 'blockquote' terminators: the most similar to tables
    terminators = state.md.block.ruler.getRules("blockquote")
    pipe_rows_go_on = _NOT_AT_PIPE.issuperset(terminators)

    token = state.push("table_open", "table", 1)
    token.map = table_lines = [start_line, 0]
    token = state.push("thead_open", "thead", 1)
    token.map = [start_line, start_line + 1]
    token = state.push("tr_open", "tr", 1)
    token.map = [start_line, start_line + 1]
    for i, col in enumerate(columns):
        token = state.push("th_open", "th", 1)
        if aligns[i]:
            token.attrs = {"style": "text-align:" + aligns[i]}
        token = state.push("inline", "", 0)
        token.map = [start_line, start_line + 1]
        token.content = col.strip(MD_TRIM_CHARS)
        token.children = []
        state.push("th_close", "th", -1)
    state.push("tr_close", "tr", -1)
    state.push("thead_close", "thead", -1)

    tbody_lines: list[int] | None = None
    autocompleted = 0
    line = start_line + 2
    while line < end_line:
        if state.sCount[line] < state.blkIndent:
            break
        start, end = state.bMarks[line] + state.tShift[line], state.eMarks[line]
        if not (pipe_rows_go_on and state.src.startswith("|", start, end)) and any(
            rule(state, line, end_line, True) for rule in terminators
        ):
            break
        text = state.src[start:end].strip(MD_TRIM_CHARS)
        if not text or state.is_code_block(line):
            break
        columns = _cells(text)
        # can go negative for long rows; it only limits expansion
        autocompleted += count - len(columns)
        if MAX_AUTOCOMPLETED_CELLS is not None and autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        if line == start_line + 2:
            token = state.push("tbody_open", "tbody", 1)
            token.map = tbody_lines = [start_line + 2, 0]
        token = state.push("tr_open", "tr", 1)
        token.map = [line, line + 1]
        for i in range(count):
            token = state.push("td_open", "td", 1)
            if aligns[i]:
                token.attrs = {"style": "text-align:" + aligns[i]}
            token = state.push("inline", "", 0)
            token.map = [line, line + 1]
            token.content = columns[i].strip(MD_TRIM_CHARS) if i < len(columns) else ""
            token.children = []
            state.push("td_close", "td", -1)
        state.push("tr_close", "tr", -1)
        line += 1

    if tbody_lines:
        state.push("tbody_close", "tbody", -1)
        tbody_lines[1] = line
    state.push("table_close", "table", -1)
    table_lines[1] = line
    state.parentType = old_parent
    state.line = line
    return True


def use_fast_table(md: MarkdownIt) -> MarkdownIt:
    """Swap md's `table` block rule for this one, keeping its alt chains."""
    alt = next(r.alt for r in md.block.ruler.__rules__ if r.name == "table")
    md.block.ruler.at("table", table, {"alt": list(alt)})
    return md
