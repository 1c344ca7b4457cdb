"""The OpenAPI rewrites the contract suite serves Prism (served.py): each keeps
what the document says while making it checkable by a plain JSON Schema
validator (ajv in Prism, `jsonschema` here) and drawable by json-schema-faker."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .served import served

SCHWAB = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "schwab-go"


def _doc() -> dict[str, Any]:
    base = {
        "type": "object",
        "required": ["kind", "name"],  # `name` is never declared
        "properties": {"kind": {"type": "string", "enum": ["CAT", "DOG"]}, "id": {}},
    }
    return {
        "openapi": "3.0.3",
        "paths": {
            "/pets": {
                "delete": {
                    "responses": {
                        "204": {"content": {"*/*": {"schema": {"type": "object"}}}},
                        "200": {"content": {"*/*": {"schema": {"type": "string"}}}},
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Base": base,
                "Cat": {"allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {}},
                "Dog": {
                    "allOf": [{"$ref": "#/components/schemas/Base"}],
                    "properties": {"barks": {"type": "boolean"}},
                },
                "Pet": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/Cat"},
                        {"$ref": "#/components/schemas/Dog"},
                    ],
                    "discriminator": {
                        "propertyName": "kind",
                        "mapping": {"CAT": "#/components/schemas/Cat"},  # Dog: implicit
                    },
                },
            }
        },
    }


def _valid(doc: dict[str, Any], name: str, value: Any) -> bool:
    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    return jsonschema.Draft7Validator(schema).is_valid(value)


def test_discriminated_one_of_picks_one_branch() -> None:
    doc = _doc()
    got = served(doc)
    assert doc == _doc()  # a copy: the tree's document stays as loaded
    cat = {"kind": "CAT", "id": 1}
    dog = {"kind": "Dog", "barks": True}  # the implicit mapping: the schema's name
    # literally, every pet matches both branches (and lacks the undeclared `name`)
    assert not _valid(doc, "Pet", cat)
    assert _valid(got, "Pet", cat)
    assert _valid(got, "Pet", dog)
    assert not _valid(got, "Pet", {"kind": "DOG"})  # no branch maps DOG
    assert not _valid(got, "Pet", {"id": 1})  # the discriminator is required
    assert not _valid(got, "Pet", {"kind": "Dog", "barks": "loud"})  # the branch still checks


def test_required_names_only_declared_properties() -> None:
    got = served(_doc())
    assert got["components"]["schemas"]["Base"]["required"] == ["kind"]
    # names a member declares stay (`kind` is Base's); one declared nowhere goes
    composed = _doc()
    composed["components"]["schemas"]["Dog"]["required"] = ["barks", "kind", "name"]
    assert served(composed)["components"]["schemas"]["Dog"]["required"] == ["barks", "kind"]
    # additionalProperties may admit any name: left alone
    extra = _doc()
    extra["components"]["schemas"]["Base"]["additionalProperties"] = {"type": "string"}
    assert served(extra)["components"]["schemas"]["Base"]["required"] == ["kind", "name"]


def test_star_media_type_of_an_object_answer_is_json() -> None:
    responses = served(_doc())["paths"]["/pets"]["delete"]["responses"]
    assert responses["204"]["content"] == {"application/json": {"schema": {"type": "object"}}}
    assert list(responses["200"]["content"]) == ["*/*"]  # text is what Prism serves */* as


@pytest.mark.skipif(not (SCHWAB / "openapi.yaml").is_file(), reason="corpus not present")
def test_schwab_instruments_validate_by_discriminator() -> None:
    import yaml

    api = yaml.safe_load((SCHWAB / "openapi.yaml").read_text(encoding="utf-8"))
    got = served(copy.deepcopy(api))
    equity = {"assetType": "EQUITY", "symbol": "AAPL"}
    assert not _valid(api, "AccountsInstrument", equity)  # `name`, and five branches match
    assert _valid(got, "AccountsInstrument", equity)
    assert not _valid(got, "AccountsInstrument", {**equity, "assetType": "INDEX"})


def test_example_data_holding_a_ref_is_dropped() -> None:
    doc = _doc()
    media = {
        "schema": {"type": "object"},
        "example": {"schema": {"$ref": "#/schemas/nowhere"}},
        "examples": {
            "Default": {"value": {"tasks": [{"schema": {"$ref": "#/schemas/x"}}]}},
            "Plain": {"value": {"tasks": []}},
            "Shared": {"$ref": "#/components/examples/Shared"},  # a reference: stays
        },
    }
    doc["paths"]["/pets"]["delete"]["responses"]["201"] = {"content": {"application/json": media}}
    # a property named `example` is a schema, not example data: kept
    doc["components"]["schemas"]["Base"]["properties"]["example"] = {
        "$ref": "#/components/schemas/Cat"
    }
    got = served(doc)
    kept = got["paths"]["/pets"]["delete"]["responses"]["201"]["content"]["application/json"]
    assert "example" not in kept
    assert sorted(kept["examples"]) == ["Plain", "Shared"]
    assert "example" in got["components"]["schemas"]["Base"]["properties"]
