"""Every relative link in README.md and docs/*.md points at a file that exists and,
with a `#fragment`, at a heading of that file (GitHub's anchor rules)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_MD = MarkdownIt("commonmark").enable("table")


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped,
    spaces to '-', repeats numbered."""
    seen: dict[str, int] = {}
    out: set[str] = set()
    tokens = _MD.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        title = "".join(
            c.content for c in tokens[i + 1].children or [] if c.type in ("text", "code_inline")
        )
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def links(text: str) -> list[str]:
    hrefs: list[str] = []
    for tok in _MD.parse(text):
        for child in tok.children or []:
            if child.type == "link_open":
                hrefs.append(str(child.attrs.get("href", "")))
    return hrefs


def broken(page: Path) -> list[str]:
    """What is wrong with the page's relative links, one line each."""
    bad: list[str] = []
    for href in links(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", href):  # http:, https:, mailto:
            continue
        path, _, fragment = href.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists():
            bad.append(f"{page.name}: {href}: no file {path}")
        elif fragment and target.suffix == ".md":
            if fragment not in anchors(target.read_text(encoding="utf-8")):
                bad.append(f"{page.name}: {href}: no heading #{fragment} in {target.name}")
    return bad


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(page: Path) -> None:
    assert broken(page) == []


def test_every_docs_page_is_linked_from_the_readme() -> None:
    readme = set(links((ROOT / "README.md").read_text(encoding="utf-8")))
    linked = {h.partition("#")[0] for h in readme}
    missing = [p.name for p in PAGES[1:] if f"docs/{p.name}" not in linked]
    assert missing == []


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title `x` (y)\n\n## Same\n\n## Same\n", encoding="utf-8")
    page = tmp_path / "b.md"
    page.write_text(
        "[ok](a.md#title-x-y) [ok2](a.md#same-1) [gone](c.md) [nohead](a.md#nope) "
        "[self](#here)\n\n# Here\n\n[web](https://example.invalid/x.md)\n",
        encoding="utf-8",
    )
    assert broken(page) == ["b.md: c.md: no file c.md", "b.md: a.md#nope: no heading #nope in a.md"]


def test_readme_stays_short() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines < 250, f"README.md has {lines} lines; move reference material into docs/"
