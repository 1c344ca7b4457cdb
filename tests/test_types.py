"""Stage 2: Type cells -> IR types, per dialect table."""

from __future__ import annotations

import pytest

from generator.ir import NULL, AnyType, Array, Literal, Map, Primitive, Ref, Union
from generator.parse import parse_document
from generator.types import TypeSyntaxError, dialects, namespaced_key, parse_type, ref_key

TS = dialects()["typescript"]
PY = dialects()["python"]


def cell(md: str):  # type: ignore[no-untyped-def]
    doc = parse_document(f"| T |\n| - |\n| {md} |\n", "models/components/x.md")
    return doc.preamble[0].rows[0].cells[0]  # type: ignore[union-attr]


def ts(md: str):  # type: ignore[no-untyped-def]
    return parse_type(TS, cell(md), "models/components/x.md")


def py(md: str):  # type: ignore[no-untyped-def]
    return parse_type(PY, cell(md), "models/components/x.md")


@pytest.mark.parametrize(
    ("md", "expected"),
    [
        ("*string*", Primitive("string")),
        ("*number*", Primitive("number")),
        ("*boolean*", Primitive("boolean")),
        ("*any*", AnyType()),
        ("*string*[]", Array(Primitive("string"))),
        ("Record<string, *any*>", Map(AnyType())),
        ("Record<string, *any*>[]", Array(Map(AnyType()))),
        ('*"lead"*', Literal("lead")),
        ("[Date](https://developer.mozilla.org/x/Date)", Primitive("string", "date-time")),
        (
            "[components.Tool](../../models/components/tool.md)[]",
            Array(Ref(ref_key("models/components/tool.md", "Tool"))),
        ),
        ("*operations.TagIds*", Ref(namespaced_key("operations.", "TagIds"))),
    ],
)
def test_typescript(md: str, expected: object) -> None:
    assert ts(md).type == expected


def test_typescript_plumbing_link() -> None:
    p = ts("[AxiosResponse](https://axios-http.com/docs/res_schema)")
    assert p.plumbing


@pytest.mark.parametrize(
    ("md", "expected", "nullable", "optional"),
    [
        ("*str*", Primitive("string"), False, False),
        ("*int*", Primitive("integer"), False, False),
        ("*Optional[float]*", Primitive("number"), False, True),
        ("*Nullable[str]*", Primitive("string"), True, False),
        ("*OptionalNullable[str]*", Primitive("string"), True, True),
        ("List[*str*]", Array(Primitive("string")), False, False),
        ("Dict[str, *Any*]", Map(AnyType()), False, False),
        ('*Literal["TEXT"]*', Literal("TEXT"), False, False),
        ("List[*Nullable[str]*]", Array(Union((Primitive("string"), NULL))), False, False),
        (
            "[Optional[components.Project]](../../models/components/project.md)",
            Ref(ref_key("models/components/project.md", "Project")),
            False,
            True,
        ),
        (
            # Speakeasy's Python docs link `datetime` attributes as `[date](...)`:
            # all four in honeyhive-python are `format: date-time` in its OpenAPI.
            "[date](https://docs.python.org/3/library/datetime.html)",
            Primitive("string", "date-time"),
            False,
            False,
        ),
    ],
)
def test_python(md: str, expected: object, nullable: bool, optional: bool) -> None:
    p = py(md)
    assert (p.type, p.nullable, p.optional) == (expected, nullable, optional)


@pytest.mark.parametrize(
    "md",
    ["*strin*", "Record<string, *any*", "*string*[", "[X](file:///etc/passwd)", "Foo<*string*>"],
)
def test_unknown_type_text_is_an_error_not_a_guess(md: str) -> None:
    with pytest.raises(TypeSyntaxError):
        ts(md)


def test_relative_links_normalise_against_the_document() -> None:
    p = parse_type(TS, cell("[components.A](../components/a.md)"), "models/operations/x.md")
    assert p.type == Ref(ref_key("models/components/a.md", "A"))
    escape = parse_type(TS, cell("[components.A](../../../../etc/a.md)"), "models/operations/x.md")
    assert isinstance(escape.type, Ref) and escape.type.model.startswith("..")
