"""schwab-go (Go, newer generator): union headings read from code samples;
`Currency` is `allOf: [TransactionBaseInstrument]` in the OpenAPI and the docs
use the base model in its place (the scorer follows such aliases).

The tree documents two Schwab APIs (trader and market data) but carries the
OpenAPI of the trader API only: the market-data operations and their models
have no counterpart."""

from __future__ import annotations

from .acceptance import check_tree

# `Future` and `Index` are `allOf: [TransactionInstrument]` in the OpenAPI, a
# oneOf that lists them itself; the docs flatten in the base instrument's fields.
_SELF_UNION = {
    (m, f)
    for m in ("Future", "Index")
    for f in ("assetType", "cusip", "description", "instrumentId", "netChange", "symbol")
}
DOCS_DIFFER = _SELF_UNION | {
    ("AccountEquity", "type"),  # a docs field the OpenAPI's AccountsBaseInstrument lacks
    ("AccountMutualFund", "type"),  # the same
    ("CashInitialBalance", "isInCall"),  # docs `*bool`, OpenAPI number(double)
    ("MarginBalance", "isInCall"),  # the same
    ("MarginInitialBalance", "isInCall"),  # the same
    # `type: string, format: int64` is Go `int64` in the SDK: the docs cannot
    # say the number travels as a string
    ("AccountAPIOptionDeliverable", "symbol"),
}
MARKET_DATA_OPERATIONS = 10
MARKET_DATA_MODELS = 74


def test_schwab_go_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("schwab-go")
    check_tree(s, minimum=96.0, known=DOCS_DIFFER, routed=False, max_stray=MARKET_DATA_MODELS)
    assert s.ops_routed == s.api_operations == s.operations - MARKET_DATA_OPERATIONS
    agree = [r for r in s.rows if (r.model, r.field) not in DOCS_DIFFER]
    assert all(r.verdict != "mismatch" for r in agree)
