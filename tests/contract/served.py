"""The OpenAPI document as the contract suite serves it to Prism: the tree's own,
with three rewrites that say the same thing in a form Prism can act on.  Each
works around a gap of Prism 5 (its validator, ajv, and its data generator,
json-schema-faker 0.5), never around the client; requests are drawn from the
same rewritten document, so they meet what Prism checks.

1. **A discriminated `oneOf` picks its branch by the discriminator.**  OpenAPI
   says the `discriminator` property's value selects the branch; ajv ignores
   `discriminator` and checks `oneOf` literally, so when the branches share a base
   without `additionalProperties: false` (schwab-go: every `AccountsInstrument`
   branch is `allOf: [AccountsBaseInstrument]`) any value matches several and
   fails ("must match exactly one schema in oneOf"), requests and Prism's own
   answers alike.  Each branch becomes its `allOf` folded into one object whose
   discriminator property is required and limited to the branch's mapping keys:
   exactly OpenAPI's rule, in plain JSON Schema.  (json-schema-faker cannot merge
   an `allOf` that narrows an enum, hence the fold rather than `allOf: [branch,
   {enum}]`.)  This also ends a json-schema-faker crash on schwab-go's
   transactions (`TypeError: Cannot read properties of undefined (reading
   'items')` in its `clean` step): `TransactionInstrument` recurses through
   `TransactionOption.optionDeliverables[].deliverable`; at its `$ref` depth limit
   the faker draws the instrument as `{}`, and its `clean` pass, which follows only
   `properties` and `items`, reaches that `{}` below the `oneOf` with no schema at
   all.  A folded branch requires its discriminator, so no instrument is `{}`.
2. **`required` names only declared properties.**  json-schema-faker draws only
   the properties a schema declares, so a required name missing from
   `properties` (schwab-go `AccountsBaseInstrument.required: [name, assetType]`,
   no `name` property; the docs, generated from it, have no `Name` either) makes
   every answer Prism draws invalid by its own check (500); clerk-ruby's
   `EnterpriseConnection` and `SAMLConnection` require an undeclared
   `authenticatable` the same way.  Such a name is dropped from `required` when
   neither the schema nor its `allOf`/`oneOf`/`anyOf` members declare it and no
   `additionalProperties` could admit it.
3. **A response's `*/*` is served as JSON.**  Prism answers `*/*` as
   `text/plain` and cannot write an object as text (500
   `NO_COMPLEX_OBJECT_TEXT`, whatever the request's `Accept`); squadcast-go
   documents its 204s as `*/*: {type: object}` and its async export's 202 as a
   `*/*` object.  A non-string `*/*` response content becomes
   `application/json`, one of the types `*/*` allows.
4. **Example data holding a `$ref` key is dropped.**  An example is data, never
   a reference, but Prism's ref parser follows every `$ref` it meets and refuses
   to start when one points nowhere (gbg-ts's example answers embed JSON Schema
   documents with `$ref: "#/schemas/..."`).  Prism draws answers (`--dynamic`),
   so such an `example` or `examples` entry goes; an `examples` entry that is
   itself a reference to a components example stays.
"""

from __future__ import annotations

import copy
from typing import Any


def served(api: dict[str, Any]) -> dict[str, Any]:
    """A rewritten deep copy of `api` (see the module docstring)."""
    out = copy.deepcopy(api)
    _Rewrite(out).walk(out)
    return out


class _Rewrite:
    def __init__(self, api: dict[str, Any]) -> None:
        self.api = api

    def resolve(self, node: Any) -> Any:
        for _ in range(50):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not (isinstance(ref, str) and ref.startswith("#/")):
                return node
            cur: Any = self.api
            for part in ref[2:].split("/"):
                cur = cur.get(part.replace("~1", "/").replace("~0", "~"), {})
            node = cur
        return node

    def fold(self, schema: Any, depth: int = 0) -> dict[str, Any]:
        """The schema with `$ref` followed and its `allOf` members folded in
        (its own properties win over a member's)."""
        s = self.resolve(schema)
        if not isinstance(s, dict):
            return {}
        out = {k: v for k, v in s.items() if k not in ("allOf", "discriminator")}
        members = s.get("allOf")
        if depth > 8 or not isinstance(members, list):
            return out
        props = dict(out.get("properties") or {})
        required = list(out.get("required") or [])
        for m in members:
            f = self.fold(m, depth + 1)
            for k, v in (f.get("properties") or {}).items():
                props.setdefault(k, v)
            required += [r for r in f.get("required") or [] if r not in required]
            for k, v in f.items():
                if k not in ("properties", "required"):
                    out.setdefault(k, v)
        if props:
            out["properties"] = props
        if required:
            out["required"] = required
        return out

    def walk(self, node: Any, response: bool = False, names: bool = False) -> None:
        if isinstance(node, list):
            for v in node:
                self.walk(v, response)
            return
        if not isinstance(node, dict):
            return
        disc = node.get("discriminator")
        if isinstance(node.get("oneOf"), list) and isinstance(disc, dict):
            node["oneOf"] = self.branches(node["oneOf"], disc)
        required = node.get("required")
        if isinstance(required, list) and isinstance(node.get("properties"), dict):
            declared = self.declared(node)
            if declared is not None:
                node["required"] = [r for r in required if r in declared]
                if not node["required"]:
                    del node["required"]
        if not names:  # a `properties` map may name a property `example`
            self.drop_ref_examples(node)
        content = node.get("content")
        if response and isinstance(content, dict) and "*/*" in content:
            media = content["*/*"]
            schema = self.resolve((media or {}).get("schema", {}))
            if isinstance(schema, dict) and schema.get("type") != "string":
                content.setdefault("application/json", content.pop("*/*"))
        for k, v in node.items():
            self.walk(v, response or k == "responses", k == "properties")

    @staticmethod
    def drop_ref_examples(node: dict[str, Any]) -> None:
        if _holds_ref(node.get("example")):
            del node["example"]
        examples = node.get("examples")
        if isinstance(examples, dict):
            for name in [n for n, e in examples.items() if _holds_ref(_value(e))]:
                del examples[name]

    def declared(self, node: dict[str, Any]) -> set[str] | None:
        """The property names a schema declares, its own and its `allOf`/`oneOf`/
        `anyOf` members'; None when `additionalProperties` may admit any name."""
        extra = node.get("additionalProperties")
        if extra is not None and extra is not False:
            return None
        names = set(node.get("properties") or {})
        for key in ("allOf", "oneOf", "anyOf"):
            for m in node.get(key) or []:
                names |= set(self.fold(m).get("properties") or {})
        return names

    def branches(self, variants: list[Any], disc: dict[str, Any]) -> list[Any]:
        prop = disc.get("propertyName")
        if not isinstance(prop, str):
            return variants
        keys: dict[str, list[str]] = {}
        for key, ref in (disc.get("mapping") or {}).items():
            keys.setdefault(ref, []).append(key)
        out: list[Any] = []
        for b in variants:
            ref = b.get("$ref") if isinstance(b, dict) else None
            if not isinstance(ref, str):
                out.append(b)
                continue
            f = self.fold(b)
            props = dict(f.get("properties") or {})
            own = self.resolve(props.get(prop, {}))
            own = own if isinstance(own, dict) else {}
            base = {k: v for k, v in own.items() if k not in ("enum", "const")}
            # no mapping entry: the schema's name is the value (OpenAPI's implicit mapping)
            props[prop] = {**base, "enum": keys.get(ref) or [ref.rsplit("/", 1)[-1]]}
            f["properties"] = props
            f["required"] = [*(r for r in f.get("required") or [] if r != prop), prop]
            out.append(f)
        return out


def _holds_ref(data: Any) -> bool:
    """Whether example data holds a `$ref` key anywhere."""
    if isinstance(data, dict):
        return "$ref" in data or any(_holds_ref(v) for v in data.values())
    if isinstance(data, list):
        return any(_holds_ref(v) for v in data)
    return False


def _value(example: Any) -> Any:
    return example.get("value") if isinstance(example, dict) else None
