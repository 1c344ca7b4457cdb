"""bolt-python (Python, current generator, flat `models/`): `OptionalNullable[T]`,
`$ref`s to nullable scalar components (`door_code`), array components the docs
name after their item (`emails: List[Emails]`), and several docs models that
share a name with a different OpenAPI component (`Cart` is an inline
`cart_create`, `HideApm` an inline enum, `PaymentMethod` an inline oneOf): the
scorer pairs those where they are used.  Speakeasy Python never wraps
`List[..]`, `Dict[..]` or a `[date](..)` link in `Nullable`: such a field
leaves its nullability unknown (`Dialect.unwrapped`)."""

from __future__ import annotations

from .acceptance import check_tree

DOCS_DIFFER = {
    # the OpenAPI enum lists `null`; the field using it is `Optional`, not Nullable
    ("CreditCardVoidCause", "(values)"),
    # the docs' Error has `code: float` and a `field`; the OpenAPI's an int64 code
    ("Error", "code"),
    ("Error", "field"),
    # a Values table shows 1..6 bare; the OpenAPI's values are strings
    ("HookType", "(values)"),
    # `type: integer, format: date` in the OpenAPI: the docs show `int`
    ("InStoreCartShipment", "pickup_window_close"),
    ("InStoreCartShipment", "pickup_window_open"),
}

# An empty `# Result` page nothing links to.
ORPHANS = {"Result"}


def test_bolt_python_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("bolt-python")
    check_tree(s, minimum=98.0, known=DOCS_DIFFER, known_unmatched=ORPHANS)
    assert s.operations == 31 and s.overrides == 7
