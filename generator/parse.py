"""Stage 1: markdown text -> `Document`, by walking markdown-it-py's token stream.

Nothing here knows what a model is: it only gives the outline (h1 title,
description, sections by heading level) and the blocks under each heading
(tables with a source line per row, code blocks, paragraphs).  Cells keep their
inline structure (links with hrefs, code spans, strike-through) so the type
grammars never have to re-parse markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .mdrules import use_fast_table

PartKind = Literal["text", "link", "code"]


@dataclass(frozen=True, slots=True)
class Part:
    kind: PartKind
    text: str
    href: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    parts: tuple[Part, ...]
    struck: bool = False  # ~~...~~ somewhere in the cell

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts).strip()

    @property
    def code(self) -> str | None:
        """The first code span's content, the usual way docs write names."""
        for p in self.parts:
            if p.kind == "code":
                return p.text
        return None

    @property
    def links(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "link"]


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    line: int

    def column(self, *names: str) -> int | None:
        """Index of the first header matching any name, case-insensitively."""
        wanted = {n.lower() for n in names}
        for i, h in enumerate(self.header):
            if h.strip().lower() in wanted:
                return i
        return None


@dataclass(frozen=True, slots=True)
class Code:
    info: str
    content: str
    line: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    cell: Cell  # the inline content, parsed like a table cell
    line: int
    listed: bool = False  # a list item's text (`- "checking"` under `## Values`)

    @property
    def text(self) -> str:
        return self.cell.text


@dataclass(frozen=True, slots=True)
class Html:
    """A raw HTML block, e.g. Speakeasy's `<!-- UsageSnippet ... method="post" path="/x" -->`."""

    content: str
    line: int


Block = Table | Code | Paragraph | Html


@dataclass
class Section:
    title: str
    level: int
    line: int
    struck: bool = False
    cell: Cell | None = None  # the heading's inline content (Supported Types variants)
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def child(self, title: str) -> Section | None:
        for c in self.children:
            if c.title.strip().lower() == title.lower():
                return c
        return None

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def codes(self) -> list[Code]:
        return [b for b in self.blocks if isinstance(b, Code)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


@dataclass
class Document:
    path: str  # relative to the spec root, forward slashes
    title: str
    title_line: int
    description: str
    sections: list[Section]
    preamble: list[Block] = field(default_factory=list)  # blocks between h1 and first h2

    def section(self, title: str) -> Section | None:
        for s in self.sections:
            if s.title.strip().lower() == title.lower():
                return s
        return None


_MD = use_fast_table(MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]))
# The core chain stops after the block rules: `_inline` parses each inline
# token's content when the walk reaches it, memoised, since docs repeat most
# cells (`*string*`, `:heavy_check_mark:`, ...).  Without the core `text_join`
# rule escapes stay `text_special` tokens, which `_cell` reads as text.
_MD.core.ruler.disable(["inline", "text_join"])
# Where any inline rule could start (markdown-it-py >= 4.1 exposes it).
_TEXT_STOP: re.Pattern[str] | None = getattr(_MD.inline, "terminator_re", None)
_EMPTY = Cell(())


def _cell(children: list[Token] | None) -> Cell:
    """Inline tokens -> Cell: links keep their href, emphasis is dropped."""
    parts: list[Part] = []
    struck = False
    link: list[str] | None = None
    href = ""
    for tok in children or []:
        t = tok.type
        if t == "s_open":
            struck = True
        elif t == "link_open":
            link, href = [], str(tok.attrs.get("href", ""))
        elif t == "link_close":
            parts.append(Part("link", "".join(link or []), href))
            link = None
        elif t in ("text", "text_special", "code_inline", "html_inline", "softbreak", "hardbreak"):
            if t in ("softbreak", "hardbreak") or (
                t == "html_inline" and tok.content.strip().lower().startswith("<br")
            ):
                value = "\n"
            else:
                value = tok.content
            if link is not None:
                link.append(value)
            elif t == "code_inline":
                parts.append(Part("code", value))
            elif parts and parts[-1].kind == "text":
                parts[-1] = Part("text", parts[-1].text + value)
            else:
                parts.append(Part("text", value))
    if link is not None:  # unclosed link: keep its text
        parts.append(Part("text", "".join(link)))
    return Cell(tuple(parts), struck)


def _inline(content: str, env: dict[str, Any]) -> Cell:
    """An inline token's content -> Cell, as the core `inline` rule would parse it."""
    if env.get("references"):  # links may resolve through this doc's `[label]: url` lines
        return _cell(_MD.inline.parse(content, _MD, env, []))
    if len(content) > 1000:  # long text rarely repeats: do not pin it in the cache
        return _parse_inline(content)
    return _cached_inline(content)


def _parse_inline(content: str) -> Cell:
    if _TEXT_STOP is not None and not _TEXT_STOP.search(content):
        # the `text` rule (tried first) takes it all as one token; nothing else fires
        return Cell((Part("text", content),)) if content else _EMPTY
    return _cell(_MD.inline.parse(content, _MD, {}, []))


# Pure in `content` (with no reference definitions in play); Cells are frozen.
_cached_inline = lru_cache(maxsize=8192)(_parse_inline)


def _line(tok: Token) -> int:
    return tok.map[0] + 1 if tok.map else 0


def _table(tokens: list[Token], i: int, env: dict[str, Any]) -> tuple[Table, int]:
    """Read a table starting at tokens[i] (table_open); return it and the index after."""
    line = _line(tokens[i])
    header: list[str] = []
    rows: list[Row] = []
    cur: list[Cell] | None = None
    row_line = line
    in_head = False
    depth = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type  # most common first: a cell's inline, then th/td edges (ignored)
        if t == "inline":
            if cur is not None:
                cur.append(_inline(tok.content, env))
        elif t == "tr_open":
            cur, row_line = [], _line(tok)
        elif t == "tr_close":
            if cur is not None:
                if in_head:
                    header = [c.text for c in cur]
                else:
                    rows.append(Row(tuple(cur), row_line))
                cur = None
        elif t == "table_open":
            depth += 1
        elif t == "table_close":
            depth -= 1
            if depth == 0:
                return Table(tuple(header), tuple(rows), line), i + 1
        elif t == "thead_open":
            in_head = True
        elif t == "thead_close":
            in_head = False
        i += 1
    return Table(tuple(header), tuple(rows), line), i


@dataclass(frozen=True, slots=True)
class _Heading:
    level: int
    cell: Cell


def _blocks(tokens: list[Token], env: dict[str, Any]) -> Iterator[tuple[_Heading | Block, int]]:
    """Yield (heading or block, line) in document order."""
    i = 0
    lists = 0  # open bullet/ordered lists around the current token
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.markup in ("-", "="):
            # A setext heading (`text` over a `---` line) is description text:
            # docs mark their structure with `#` headings, and a `---` rule under
            # a line of an OpenAPI description makes one (netevia-csharp).
            inline = tokens[i + 1]
            yield Paragraph(_inline(inline.content, env), _line(tok)), _line(tok)
            i += 3
            continue
        if tok.type == "heading_open":
            level = int(tok.tag[1:])
            inline = tokens[i + 1]
            yield _Heading(level, _inline(inline.content, env)), _line(tok)
            i += 3
            continue
        if tok.type == "table_open":
            table, i = _table(tokens, i, env)
            yield table, table.line
            continue
        if tok.type in ("fence", "code_block"):
            yield Code(tok.info.strip(), tok.content, _line(tok)), _line(tok)
        elif tok.type == "html_block":
            yield Html(tok.content, _line(tok)), _line(tok)
        elif tok.type == "paragraph_open":
            inline = tokens[i + 1]
            yield Paragraph(_inline(inline.content, env), _line(tok), lists > 0), _line(tok)
            i += 3
            continue
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        i += 1


def parse_document(text: str, path: str) -> Document:
    """Parse one markdown file.  Never raises on odd input: it just finds less."""
    text = text.lstrip("\ufeff").replace("\x00", "\ufffd")
    env: dict[str, Any] = {}
    tokens = _MD.parse(text, env)
    title, title_line = "", 0
    preamble: list[Block] = []
    sections: list[Section] = []
    stack: list[Section] = []
    for value, line in _blocks(tokens, env):
        if isinstance(value, _Heading):
            level, cell = value.level, value.cell
            if level == 1 and not title:
                title, title_line = cell.text, line
                continue
            sec = Section(cell.text, level, line, cell.struck, cell)
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].children if stack else sections).append(sec)
            stack.append(sec)
        else:
            (stack[-1].blocks if stack else preamble).append(value)
    description = "\n\n".join(b.text for b in preamble if isinstance(b, Paragraph))
    return Document(path, title, title_line, description, sections, preamble)
