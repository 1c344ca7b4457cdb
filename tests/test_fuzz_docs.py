"""Fuzzing: generated Speakeasy-style docs, mutated, through parse -> IR -> every target.

Each case is a small spec tree (objects, enums, unions, a link cycle, an
operation page and an endpoints table) written from valid templates, then hit
with 0-4 mutations: missing cells, extra pipes, unclosed backticks, unicode and
RTL text, zero-width characters, very long cells, empty files, binary junk,
CRLF, BOM, tables inside lists and blockquotes, duplicate headers, hostile
hrefs and titles, deep nesting, truncation.  Only two outcomes are allowed
(see hostile/harness.py): output that parses/loads, or SpecError whose errors
all carry `file:line` of a spec file.  No traceback, no hang (each case is
bounded by SIGALRM), no partial output (the CLI runs check the out folder).

Cases: SPECGEN_FUZZ_EXAMPLES (default 2000) in process, plus a few real
subprocess runs.  The longer run: `SPECGEN_FUZZ_EXAMPLES=10000 pytest
tests/test_fuzz_docs.py -s`.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hostile.harness import (
    PACKAGE,
    assert_cli_contract,
    run_case,
    run_cli,
    target_status,
    targets_for_case,
    usable_targets,
    write_tree,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import ALL_TARGETS

EXAMPLES = int(os.environ.get("SPECGEN_FUZZ_EXAMPLES", "2000"))
CLI_EXAMPLES = max(8, EXAMPLES // 250)

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # bounded by harness.time_limit instead
    suppress_health_check=list(HealthCheck),
    database=None,
    print_blob=True,
)

# ----------------------------------------------------------- valid docs

SCALARS = ["*string*", "*number*", "*boolean*", "*any*", "*string*[]", "Record<string, *any*>"]
SCALARS += ["Record<string, *string*>[]", "*number* \\| *string*", '*"lead"*']
SCALARS += ["[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Date)"]

NAME = st.from_regex(r"[A-Z][a-z]{2,7}(Request|Item|Body)?", fullmatch=True)
FIELD = st.from_regex(r"[a-z][A-Za-z0-9_]{0,10}", fullmatch=True)
WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30
).map(lambda s: s.replace("|", "\\|").replace("\n", " "))
REQUIRED = st.sampled_from([":heavy_check_mark:", ":heavy_minus_sign:"])


def link(name: str, array: bool = False) -> str:
    return f"[components.{name}](../../models/components/{name.lower()}.md)" + (
        "[]" if array else ""
    )


@st.composite
def object_doc(draw: st.DrawFn, name: str, names: list[str]) -> str:
    fields = draw(st.lists(FIELD, min_size=0, max_size=6, unique_by=str.lower))
    rows = []
    for f in fields:
        if names and draw(st.booleans()):
            t = link(draw(st.sampled_from(names)), draw(st.booleans()))  # cycles included
        else:
            t = draw(st.sampled_from(SCALARS))
        rows.append(f"| `{f}` | {t} | {draw(REQUIRED)} | {draw(WORDS)} |")
    desc = draw(WORDS)
    table = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    return f"# {name}\n\n{desc}\n\n## Fields\n\n{table}" + "\n".join(rows) + "\n"


@st.composite
def enum_doc(draw: st.DrawFn, name: str) -> str:
    values = draw(st.lists(FIELD, min_size=1, max_size=5, unique=True))
    rows = "\n".join(f"| `{v.upper()}` | {v} |" for v in values)
    return f"# {name}\n\n{draw(WORDS)}\n\n## Values\n\n| Name | Value |\n| --- | --- |\n{rows}\n"


@st.composite
def union_doc(draw: st.DrawFn, name: str, names: list[str]) -> str:
    variants = draw(
        st.lists(
            st.sampled_from(
                ["`string`", "`number`", "`boolean`"] + [f"`components.{n}`" for n in names]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    body = "".join(f"### {v}\n\n```typescript\nconst value = 1;\n```\n\n" for v in variants)
    return f"# {name}\n\n## Supported Types\n\n{body}"


def operations(names: list[str]) -> dict[str, str]:
    body = names[0]
    page = (
        "# Things\n\n## getThing\n\nGet a thing.\n\n### Parameters\n\n"
        "| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `thingId` | *string* | :heavy_check_mark: | Which thing |\n"
        f"| `requestBody` | {link(body)} | :heavy_minus_sign: | The body |\n\n"
        f"### Response\n\n**Promise\\<{link(body)}\\>**\n\n### Errors\n\n"
        "| Error Object | Status Code | Content Type |\n| --- | --- | --- |\n"
        "| errors.SDKError | 4xx-5xx | */* |\n"
    )
    endpoints = (
        "# Endpoints\n\n| Operation | Method | Path |\n| --- | --- | --- |\n"
        "| `getThing` | POST | `/things/{thingId}` |\n"
    )
    return {"sdks/things/README.md": page, "endpoints.md": endpoints}


@st.composite
def valid_tree(draw: st.DrawFn) -> dict[str, str]:
    names = draw(st.lists(NAME, min_size=1, max_size=4, unique_by=str.lower))
    files: dict[str, str] = {}
    for name in names:
        kind = draw(st.sampled_from(["object", "object", "object", "enum", "union"]))
        others = [n for n in names]
        if kind == "object":
            text = draw(object_doc(name, others))
        elif kind == "enum":
            text = draw(enum_doc(name))
        else:
            text = draw(union_doc(name, [n for n in names if n != name]))
        files[f"models/components/{name.lower()}.md"] = text
    if draw(st.booleans()):
        files.update(operations(names))
    return files


# ------------------------------------------------------------ mutations

HOSTILE_CHARS = (
    "\u202e\u202d\u2066\u2069\u200b\u200c\u200d\u2060\ufeff\u0301\u00a0\u2028\u2029"
    "\x0b\x0c\r\t\x1b\x7f\x85\x00"
)
FRAGMENTS = [
    "|",
    "||",
    "`",
    "``",
    "\\",
    "\\|",
    "[",
    "]",
    "](",
    "](../../../../etc/passwd)",
    "<",
    ">",
    "<br>",
    "<br/>",
    "~~",
    "*",
    "**",
    "_",
    "#",
    "\n## Fields\n",
    "\n## Values\n",
    "\n",
    "\n\n",
    "\n---\n",
    "| --- |",
    "&amp;",
    "&#0;",
    "&#x202e;",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "{{ x }}",
    "{% if x %}",
    '"""',
    "'''",
    "${x}",
    ":heavy_check_mark:",
    "Array<",
    "Record<string, ",
    "[]",
    "null",
    "\n```\n",
    "\n    indented\n",
    "مرحبا",
    "שלום",
    "🐍",
    "𝕏",
    "名前",
    "Ａ",
    "ǅ",
    "ﬁ",
    "\u0130",
    "__import__('os')",
]
HREFS = [
    "../../../../../etc/passwd",
    "/etc/passwd",
    "/abs/thing.md",
    "file:///etc/passwd",
    "http://example.invalid/x.md",
    "https://example.invalid/",
    "#frag",
    "x.md#y",
    "%2e%2e/%2e%2e/x.md",
    "..\\..\\x.md",
    "C:\\x.md",
    "",
    "mailto:a@b",
    "javascript:alert(1)",
    "data:text/plain,hi",
    "../",
    ".",
    "models/",
    "\u202egnp.md",
    "CON",
    "nul.md",
]
INJECT = [
    '"""',
    "'''",
    "\\\\",
    "\\",
    "{{ 7*7 }}",
    "{% raw %}",
    "</script>",
    "#",
    "# x",
    "\\n",
    "__import__('os').system('x')",
    "class",
    "def",
    "None",
    "True",
    "self",
    "cls",
    "to_dict",
    "from_dict",
    "additional_properties",
    "UNSET",
    "__init__",
    "__class__",
    "Any",
    "_",
    "__",
    "1abc",
    "a-b",
    "a.b",
    "a b",
    "ID",
    "id",
    "Id",
    "fooBar",
    "foo_bar",
    "FooBar",
    "名前",
    "\u202eevil",
    "a\u200bb",
    "ǅx",
    "x" * 200,
    "$ref",
    "@type",
    "<br>",
    "a<br/>b",
    "\\|",
]
ENDPOINT_PATHS = [
    "/x/{thingId}",
    "/x/{",
    "/x/}{",
    "x",
    "/{thingId}/{thingId}",
    "/x/{other}",
    "//evil.invalid/x",
    "/x?y={thingId}",
    "/x/{thingId}#f",
    "/\u202e/{thingId}",
    "/{}",
]
TITLES = [
    "../../etc/passwd",
    "CON",
    "con",
    "NUL.md",
    "",
    "   ",
    "🐍",
    "class",
    "None",
    "to_dict",
    "__init__",
    "A" * 300,
    "Pet Pet",
    "1st",
    "from",
    "self",
    "$ref",
    "a/b\\c",
    "\u202eRTL",
]


def _pos(draw: st.DrawFn, text: str) -> int:
    return draw(st.integers(0, len(text)))


def _line_index(draw: st.DrawFn, lines: list[str], table_only: bool = False) -> int | None:
    idx = [i for i, ln in enumerate(lines) if not table_only or ln.startswith("|")]
    return draw(st.sampled_from(idx)) if idx else None


@st.composite
def mutate(draw: st.DrawFn, text: str) -> str | bytes:
    kind = draw(
        st.sampled_from(
            [
                "drop_cell",
                "extra_pipe",
                "backtick",
                "fragment",
                "unicode",
                "long_cell",
                "empty",
                "binary",
                "crlf",
                "bom",
                "nest",
                "dup_section",
                "dup_header_row",
                "dup_columns",
                "line_op",
                "type_cell",
                "href",
                "title",
                "truncate",
                "deep",
                "inject_cell",
                "inject_cell",
                "inject_cell",
                "endpoint",
            ]
        )
    )
    lines = text.split("\n")
    if kind == "drop_cell":
        i = _line_index(draw, lines, table_only=True)
        if i is not None:
            cells = lines[i].split("|")
            if len(cells) > 2:
                del cells[draw(st.integers(1, len(cells) - 2))]
            lines[i] = "|".join(cells)
        return "\n".join(lines)
    if kind in ("extra_pipe", "backtick", "fragment", "unicode"):
        piece = {
            "extra_pipe": st.just("|"),
            "backtick": st.sampled_from(["`", "``", "```"]),
            "fragment": st.sampled_from(FRAGMENTS),
            "unicode": st.text(alphabet=st.sampled_from(HOSTILE_CHARS), min_size=1, max_size=8)
            | st.text(max_size=12),
        }[kind]
        at = _pos(draw, text)
        return text[:at] + draw(piece) + text[at:]
    if kind == "long_cell":
        # markdown-it spends ~12 µs CPU per unmatched "[" (linear, see README):
        # bracket runs stay at 20k here; benchmarks/scale.py measures 1 MB.
        unit = draw(st.sampled_from(["x", "ab ", "\u200b", "名", "`", "[", "*", "\\|"]))
        size = draw(st.sampled_from([300, 5_000, 20_000 if unit == "[" else 100_000]))
        i = _line_index(draw, lines, table_only=True)
        blob = unit * (size // len(unit))
        if i is None:
            return text + blob
        cells = lines[i].split("|")
        cells[draw(st.integers(0, len(cells) - 1))] = blob
        lines[i] = "|".join(cells)
        return "\n".join(lines)
    if kind == "empty":
        return draw(st.sampled_from(["", "\n", " ", "\ufeff", "#", "# ", "|", "| --- |"]))
    if kind == "binary":
        junk = draw(st.binary(min_size=1, max_size=64))
        how = draw(st.sampled_from(["replace", "prefix", "suffix", "utf16"]))
        if how == "replace":
            return junk
        if how == "utf16":
            return text.encode("utf-16")
        data = text.encode("utf-8")
        return junk + data if how == "prefix" else data + junk
    if kind == "crlf":
        return text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\r"])))
    if kind == "bom":
        return draw(st.sampled_from(["\ufeff", "\ufeff\ufeff", "\ufeff\n"])) + text
    if kind == "nest":
        prefix = draw(st.sampled_from(["> ", "- ", "1. ", "  ", "    ", "\t", "> > ", "- > "]))
        start = draw(st.integers(0, len(lines)))
        return "\n".join(ln if k < start else prefix + ln for k, ln in enumerate(lines))
    if kind == "dup_section":
        at = text.find("\n## ")
        return text + "\n" + text[at:] if at >= 0 else text + text
    if kind == "dup_header_row":
        i = _line_index(draw, lines, table_only=True)
        if i is not None:
            lines.insert(i, lines[i])
        return "\n".join(lines)
    if kind == "dup_columns":
        return text.replace("| Field | Type |", "| Field | Type | Type |", 1).replace(
            "| Name | Value |", "| Value | Value |", 1
        )
    if kind == "line_op":
        i = _line_index(draw, lines)
        if i is None:
            return text
        op = draw(st.sampled_from(["delete", "dup", "swap"]))
        if op == "delete":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        return "\n".join(lines)
    if kind == "type_cell":
        toks = [
            "Array<",
            "Record<string, ",
            ">",
            "*string*",
            "[]",
            "\\|",
            "null",
            "(",
            ")",
            "[X](x.md)",
            '"lit"',
            "'",
            "42",
            "-1.5",
            "?",
            ",",
            "Optional[",
            "]",
            "::",
        ]
        cell = "".join(draw(st.lists(st.sampled_from(toks), min_size=0, max_size=8)))
        i = _line_index(draw, lines, table_only=True)
        if i is not None:
            cells = lines[i].split("|")
            if len(cells) > 2:
                cells[2] = f" {cell} "
            lines[i] = "|".join(cells)
        return "\n".join(lines)
    if kind == "href":
        at = text.find("](")
        end = text.find(")", at)
        if at < 0 or end < 0:
            return text
        return text[: at + 2] + draw(st.sampled_from(HREFS)) + text[end:]
    if kind == "title":
        rest = text.split("\n", 1)[1] if "\n" in text else ""
        return f"# {draw(st.sampled_from(TITLES))}\n{rest}"
    if kind == "inject_cell":
        # Hostile text in a name, type, value or description cell (markdown as written).
        i = _line_index(draw, lines, table_only=True)
        if i is None:
            return text
        cells = lines[i].split("|")
        if len(cells) > 2:
            k = draw(st.integers(1, len(cells) - 2))
            piece = draw(st.sampled_from(INJECT))
            cells[k] = draw(st.sampled_from([f" `{piece}` ", f" {piece} ", f" {cells[k]}{piece} "]))
        lines[i] = "|".join(cells)
        return "\n".join(lines)
    if kind == "endpoint":
        method = draw(st.sampled_from(["GET", "get", "TRACE", "", "POST"]))
        path = draw(st.sampled_from(ENDPOINT_PATHS))
        op = draw(st.sampled_from(["getThing", "nope", "", "get_thing"]))
        return text.rstrip("\n") + f"\n| `{op}` | {method} | `{path}` |\n"
    if kind == "truncate":
        return text[: _pos(draw, text)]
    # deep: nesting the parsers must bound (type grammar, lists, blockquotes)
    depth = draw(st.sampled_from([70, 500, 3000]))
    shape = draw(st.sampled_from(["generic", "list", "quote", "brackets"]))
    blob = {
        "generic": "Array<" * depth + "*string*" + ">" * depth,
        "list": "".join("  " * k + "- x\n" for k in range(min(depth, 500))),
        "quote": ">" * depth + " x\n",
        "brackets": "[" * depth + "x" + "]" * depth,
    }[shape]
    i = _line_index(draw, lines, table_only=True)
    if shape == "generic" and i is not None:
        cells = lines[i].split("|")
        if len(cells) > 2:
            cells[2] = f" {blob} "
        lines[i] = "|".join(cells)
        return "\n".join(lines)
    return text + "\n" + blob


@st.composite
def hostile_tree(draw: st.DrawFn) -> tuple[dict[str, str | bytes], int]:
    files: dict[str, str | bytes] = dict(draw(valid_tree()))
    n = draw(st.integers(0, 4))
    for _ in range(n):
        rel = draw(st.sampled_from(sorted(files)))
        current = files[rel]
        if isinstance(current, bytes):
            continue  # already junk
        files[rel] = draw(mutate(current))
    return files, n


# ---------------------------------------------------------------- tests


def test_targets_under_fuzz() -> None:
    """Every registered target is fuzzed: one that breaks on the valid baseline
    would otherwise drop out of the fuzz, hostile and injection runs unnoticed."""
    usable, skipped = target_status()
    for name, why in skipped:
        print(f"fuzz: target {name} not fuzzed: {why}")
    assert not skipped, skipped
    assert set(usable) == set(ALL_TARGETS)


@pytest.mark.slow
def test_fuzz_in_process() -> None:
    targets = usable_targets()
    seen: Counter[str] = Counter()

    @FUZZ_SETTINGS
    @given(hostile_tree())
    def case(tree: tuple[dict[str, str | bytes], int]) -> None:
        files, mutations = tree
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "spec"
            write_tree(root, files)
            outcome = run_case(root, targets_for_case(seen["cases"]))
        if mutations == 0:
            # Unmutated docs are valid: they must build (keeps the fuzzer honest).
            assert outcome.kind == "output", outcome.diagnostics
        seen[outcome.kind] += 1
        seen["cases"] += 1

    case()
    print(f"fuzz: {dict(seen)} over targets {','.join(targets)}")
    assert seen["cases"] >= EXAMPLES * 0.9
    assert seen["output"] and seen["diagnostics"], seen


@pytest.mark.slow
def test_fuzz_cli_subprocess() -> None:
    """A few cases through the real command line: exit 0 or 2, never a partial out."""
    targets = ",".join(usable_targets())
    seen: Counter[int] = Counter()

    @settings(FUZZ_SETTINGS, max_examples=CLI_EXAMPLES)
    @given(hostile_tree())
    def case(tree: tuple[dict[str, str | bytes], int]) -> None:
        files, _ = tree
        with tempfile.TemporaryDirectory() as tmp:
            root, out = Path(tmp) / "spec", Path(tmp) / "out"
            write_tree(root, files)
            proc = run_cli(
                "build",
                "--spec",
                str(root),
                "--out",
                str(out),
                "--package",
                PACKAGE,
                "--targets",
                targets,
                cwd=Path(tmp),
            )
            assert_cli_contract(proc, out)
            seen[proc.returncode] += 1

    case()
    print(f"fuzz cli: exit codes {dict(seen)}")
    assert sum(seen.values()) >= CLI_EXAMPLES * 0.9


CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
CORPUS_EXAMPLES = max(20, EXAMPLES // 10)


def _corpus_docs() -> dict[str, tuple[Path, list[Path]]]:
    trees = {}
    for d in sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []:
        docs = sorted(p for p in d.rglob("*.md") if "models" in p.parts)
        if docs:
            trees[d.name] = (d, docs)
    return trees


@st.composite
def corpus_tree(
    draw: st.DrawFn, trees: dict[str, tuple[Path, list[Path]]]
) -> dict[str, str | bytes]:
    """1-5 real model docs of one corpus SDK (any dialect), at their own paths, mutated."""
    root, docs = trees[draw(st.sampled_from(sorted(trees)))]
    picked = draw(st.lists(st.sampled_from(docs), min_size=1, max_size=5, unique=True))
    files: dict[str, str | bytes] = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in picked
    }
    for _ in range(draw(st.integers(0, 3))):
        rel = draw(st.sampled_from(sorted(files)))
        current = files[rel]
        if isinstance(current, str):
            files[rel] = draw(mutate(current))
    return files


@pytest.mark.slow
def test_fuzz_corpus_docs() -> None:
    """Real docs of every dialect in ../shared/corpus, mutated, held to the same contract."""
    trees = _corpus_docs()
    if not trees:
        pytest.skip("../shared/corpus is not available")
    targets = tuple(t for t in usable_targets() if t != "pydantic")
    seen: Counter[str] = Counter()

    @settings(FUZZ_SETTINGS, max_examples=CORPUS_EXAMPLES)
    @given(corpus_tree(trees))
    def case(files: dict[str, str | bytes]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "spec"
            write_tree(root, files)
            seen[run_case(root, targets).kind] += 1

    case()
    print(f"fuzz corpus: {dict(seen)}")
    assert sum(seen.values()) >= CORPUS_EXAMPLES * 0.9
    assert seen["output"] and seen["diagnostics"], seen
