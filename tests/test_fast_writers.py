"""The JSON and YAML writers the jsonschema and openapi targets use instead of
`json.dumps(indent=2)` and `yaml.safe_dump`: byte-identical on any JSON data."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit import f_docstring
from generator.targets.jsonschema import dump
from generator.targets.openapi import to_yaml

# Text that exercises quoting, escapes, folding at the width and YAML indicators.
CHARS = st.sampled_from(
    list("ab yz:#-?'\"{}[],&*!|>%@`~.\\\t\n\r")
    + ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\xa0", "é", "\u2028", "\u2029", "\ufeff"]
    + ["\ue000", "\ufffd", "😀"]
)
WORDS = st.sampled_from(["---", "...", "true", "null", "1.5", "0x1f", "~", "- a", "a: b", "x" * 50])
# Plain (unquoted) scalars long enough to be folded at the width.
PROSE = st.lists(st.sampled_from(["lorem", "ipsum", "x" * 30, " ", "  "]), max_size=30).map("".join)
TEXT = st.lists(CHARS.map(str) | WORDS, max_size=60).map("".join) | PROSE
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXT, inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=250, deadline=None)
@given(JSON)
def test_dump_is_json_dumps_indent_2(data: Any) -> None:
    assert dump(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=250, deadline=None)
@given(JSON)
def test_to_yaml_is_yaml_safe_dump(data: Any) -> None:
    expected = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    assert to_yaml(data) == expected


def test_dump_hands_what_it_does_not_expect_to_json_dumps() -> None:
    for data in ({"a": (1, 2)}, {1: "int key"}, [float("nan"), float("inf"), -float("inf")]):
        assert dump(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_to_yaml_keeps_the_layout_of_a_real_document() -> None:
    doc = {
        "openapi": "3.1.0",
        "paths": {"/a b/{id}": {"get": {"summary": "x " * 80, "tags": ["t"], "deprecated": True}}},
        "components": {"schemas": {"A": {"type": ["string", "null"], "enum": ["on", "off", ""]}}},
    }
    text = to_yaml(doc)
    assert yaml.safe_load(text) == doc
    assert text == yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def _docstring_loop(text: str, indent: int = 4) -> str:
    """The per-character f_docstring that the str.translate version replaced."""
    out = []
    for ch in str(text).strip():
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch in "\n\t":
            out.append(ch)
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    pad = " " * indent
    lines = [ln.rstrip() for ln in "".join(out).split("\n")]
    text_out = "\n".join(ln if k == 0 or not ln else pad + ln for k, ln in enumerate(lines))
    if len(lines) == 1:
        return f'"""{text_out}"""'
    return f'"""{text_out}\n{pad}"""'


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | TEXT, st.sampled_from([0, 4, 8]))
def test_docstring_filter_matches_the_character_loop(text: str, indent: int) -> None:
    assert f_docstring(text, indent) == _docstring_loop(text, indent)


def test_docstring_filter_escapes_every_control_character() -> None:
    every = "".join(chr(c) for c in range(0x2100)) + "\ufeff😀"
    assert f_docstring(every, 8) == _docstring_loop(every, 8)
