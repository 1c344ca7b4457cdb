"""Request values drawn from an OpenAPI document's schemas, deterministically.

A small generator written for the contract suite rather than hypothesis-jsonschema:
the suite wants a few *valid* values per operation from a seed (every call the
same on every run), with optional properties present or absent by a chosen
mode, and OpenAPI 3.0 keywords (`nullable`, `readOnly`, `format: binary`) that
JSON Schema generators do not know.  Patterns are the one hard case: they are
left to hypothesis' regex strategy, shrunk to its minimal example (`find`).
"""

from __future__ import annotations

import functools
import random
import re
import string
import uuid
from typing import Any

# How a value fills optional properties: none, all, or each by a coin flip.
MODES = ("required", "all", "mixed")
MAX_DEPTH = 6  # below it only required properties are filled (recursive schemas)
# Keys that describe a value without constraining it
_ANNOTATIONS = frozenset({"description", "title", "example", "examples", "x-stoplight"})


class Unsupported(Exception):
    """A schema the generator cannot satisfy (reported, never guessed)."""


@functools.lru_cache(maxsize=4096)
def _regex_example(pattern: str, lo: int = 0, hi: int | None = None) -> str:
    """The simplest text matching `pattern` within the length bounds (bridge-php's
    `Id` is `[a-z0-9]*` with minLength 1: the simplest match, "", is too short)."""
    from hypothesis import HealthCheck, find, settings
    from hypothesis import strategies as st

    cfg = settings(
        database=None,
        derandomize=True,
        max_examples=200,
        suppress_health_check=list(HealthCheck),
    )
    def fits(s: str) -> bool:
        return lo <= len(s) and (hi is None or len(s) <= hi)

    # One character class repeated (bridge-php's CLABE: `^[0-9]+$`, exactly 18 long):
    # its simplest character, as many times as the bounds ask; a search rarely
    # meets an exact length.
    rep = re.fullmatch(r"\^?(\[[^\]]+\]|\\[dw])([+*])\$?", pattern)
    if rep is not None:
        one = str(find(st.from_regex(rep.group(1), fullmatch=True), lambda s: True, settings=cfg))
        text = one * max(lo, 1 if rep.group(2) == "+" else 0)
        if fits(text):
            return text

    try:
        return str(find(st.from_regex(pattern, fullmatch=True), fits, settings=cfg))
    except Exception:  # noqa: S110 - the pattern may need more text around its match
        pass
    # JSON Schema patterns are not anchored: bridge-php's `[0-9]` with minLength 2
    # is any text holding a digit (letters and digits around it, nothing exotic).
    alnum = string.ascii_lowercase + string.digits
    try:
        return str(find(st.from_regex(pattern, alphabet=alnum), fits, settings=cfg))
    except Exception as e:  # bad or unsupported regex syntax
        raise Unsupported(f"pattern {pattern!r}: {type(e).__name__}") from e


class Values:
    """Values for the schemas of one OpenAPI document."""

    def __init__(self, api: dict[str, Any], seed: int, mode: str) -> None:
        self.api = api
        self.rng = random.Random(seed)
        self.mode = mode

    # ----------------------------------------------------------- schemas

    def deref(self, schema: Any) -> Any:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                raise Unsupported(f"external $ref {ref!r}")
            node: Any = self.api
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            schema = node
            seen += 1
            if seen > 50:
                raise Unsupported(f"$ref loop at {ref!r}")
        return schema

    def merged(self, schema: Any) -> dict[str, Any]:
        """The schema with `$ref` followed and `allOf` folded into one object."""
        s = self.deref(schema)
        if not isinstance(s, dict):
            return {}
        if "allOf" not in s:
            return s
        out: dict[str, Any] = {k: v for k, v in s.items() if k != "allOf"}
        props: dict[str, Any] = dict(out.get("properties", {}))
        required: list[str] = list(out.get("required", []))
        for part in s["allOf"]:
            p = self.merged(part)
            for k, v in p.items():
                if k == "properties":
                    for name, sub in v.items():  # every member's word on a property holds
                        props[name] = self._both(props[name], sub) if name in props else sub
                elif k == "required":
                    required += [r for r in v if r not in required]
                else:
                    out.setdefault(k, v)
        if props:
            out["properties"] = props
        if required:
            out["required"] = required
        return out

    def _both(self, a: Any, b: Any) -> Any:
        """One property as two `allOf` members describe it (paddle-php's
        `adjustment-create` adds only a description to `transaction_id`, whose
        type and pattern come from `adjustment2`): a schema that says only
        annotations adds them to the other."""
        a, b = self.deref(a), self.deref(b)
        if not isinstance(a, dict) or not isinstance(b, dict):
            return b
        if set(b) <= _ANNOTATIONS:
            return {**a, **b}
        if set(a) <= _ANNOTATIONS:
            return {**b, **a}
        return b

    # ------------------------------------------------------------ values

    def value(self, schema: Any, depth: int = 0, binary: str = "bytes") -> Any:
        """A valid value of `schema` (never null unless null is all it allows)."""
        s = self.merged(schema)
        if "const" in s:
            return s["const"]
        if "enum" in s:
            values = [v for v in s["enum"] if v is not None] or s["enum"]
            return values[0] if self.mode == "required" else self.rng.choice(values)
        for key in ("oneOf", "anyOf"):
            if key in s:
                options = [o for o in s[key] if self._type_of(self.merged(o)) != "null"]
                if not options:
                    return None
                pick = options[0] if self.mode == "required" else self.rng.choice(options)
                base = {k: v for k, v in s.items() if k not in (key, "discriminator")}
                return self.value({**base, "allOf": [pick]} if base else pick, depth, binary)
        kind = self._type_of(s)
        if kind == "object":
            return self._object(s, depth, binary)
        if kind == "array":
            return self._array(s, depth, binary)
        if kind == "string":
            return self._string(s, binary)
        if kind == "integer":
            return int(self._number(s, integer=True))
        if kind == "number":  # `format: int64` on a number (bolt-python amounts): whole
            return self._number(s, integer=s.get("format") in ("int32", "int64"))
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "null":
            return None
        return "value"  # {}: any value

    @staticmethod
    def _type_of(s: dict[str, Any]) -> str:
        t = s.get("type")
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), "null")
        if t is None:
            if "properties" in s or "additionalProperties" in s:
                return "object"
            if "items" in s:
                return "array"
            return "any"
        return str(t)

    def _wants(self, required: bool, depth: int) -> bool:
        if required:
            return True
        if depth >= MAX_DEPTH or self.mode == "required":
            return False
        return self.mode == "all" or self.rng.random() < 0.5

    def _object(self, s: dict[str, Any], depth: int, binary: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        required = set(s.get("required", []))
        for name, prop in (s.get("properties") or {}).items():
            p = self.merged(prop)
            if p.get("readOnly") and name not in required:
                continue  # the server's to fill, never sent
            if self._wants(name in required, depth):
                out[name] = self.value(prop, depth + 1, binary)
        extra = s.get("additionalProperties")
        for name in sorted(required - set(out)):  # required but not among the properties
            out[name] = self.value(extra if isinstance(extra, dict) else {"type": "string"})
        need = int(s.get("minProperties", 0))
        for name, prop in (s.get("properties") or {}).items():  # declared ones first
            if len(out) >= need:
                break
            if name not in out and not self.merged(prop).get("readOnly"):
                out[name] = self.value(prop, depth + 1, binary)
        while len(out) < need and extra is not False:
            schema = extra if isinstance(extra, dict) else {"type": "string"}
            out[f"key{len(out)}"] = self.value(schema, depth + 1, binary)
        return out

    def _array(self, s: dict[str, Any], depth: int, binary: str) -> list[Any]:
        lo = int(s.get("minItems", 0))
        hi = int(s.get("maxItems", max(lo, 2)))
        n = lo if self.mode == "required" else min(hi, max(lo, 1 + self.rng.randrange(2)))
        items = s.get("items", {})
        out: list[Any] = []
        tries = 0
        while len(out) < n and tries < 20 * (n + 1):
            tries += 1
            v = self.value(items, depth + 1, binary)
            if s.get("uniqueItems") and v in out:
                continue
            out.append(v)
        if len(out) < lo:
            raise Unsupported(f"cannot draw {lo} unique items")
        return out

    def _string(self, s: dict[str, Any], binary: str) -> Any:
        fmt = s.get("format", "")
        if fmt == "binary":
            data = b"%PDF-1.4 contract suite\n" + bytes(self.rng.randrange(256) for _ in range(8))
            return data if binary == "bytes" else data.decode("latin-1")
        if "pattern" in s:
            hi = s.get("maxLength")
            return _regex_example(s["pattern"], int(s.get("minLength", 0)), hi and int(hi))
        r = self.rng
        by_format = {
            "date-time": lambda: f"2024-0{r.randint(1, 9)}-1{r.randint(0, 9)}T10:20:30Z",
            "date": lambda: f"2024-0{r.randint(1, 9)}-1{r.randint(0, 9)}",
            "time": lambda: "10:20:30Z",
            "email": lambda: f"user{r.randint(1, 999)}@example.com",
            "idn-email": lambda: "user@example.com",
            "uuid": lambda: str(uuid.UUID(int=r.getrandbits(128), version=4)),
            "uri": lambda: f"https://example.com/p{r.randint(1, 99)}",
            "url": lambda: f"https://example.com/p{r.randint(1, 99)}",
            "uri-reference": lambda: "/p1",
            "hostname": lambda: "example.com",
            "ipv4": lambda: "127.0.0.1",
            "ipv6": lambda: "::1",
            "byte": lambda: "Y29udHJhY3Q=",
        }
        text = (
            by_format[fmt]()
            if fmt in by_format
            else "".join(r.choice(string.ascii_lowercase) for _ in range(r.randint(5, 12)))
        )
        lo, hi = int(s.get("minLength", 0)), s.get("maxLength")
        if len(text) < lo:
            text += "x" * (lo - len(text))
        if hi is not None and len(text) > int(hi):
            if fmt in by_format:
                raise Unsupported(f"format {fmt} longer than maxLength {hi}")
            text = text[: int(hi)]
        return text

    def _number(self, s: dict[str, Any], integer: bool) -> float:
        lo = s.get("minimum")
        hi = s.get("maximum")
        xlo, xhi = s.get("exclusiveMinimum"), s.get("exclusiveMaximum")
        if isinstance(xlo, bool):  # OpenAPI 3.0 spelling: a flag on minimum
            xlo = lo if xlo else None
        if isinstance(xhi, bool):
            xhi = hi if xhi else None
        step = 1 if integer else 0.5
        low = lo if lo is not None else (xlo + step if xlo is not None else None)
        high = hi if hi is not None else (xhi - step if xhi is not None else None)
        if xlo is not None and low is not None and low <= xlo:
            low = xlo + step
        if xhi is not None and high is not None and high >= xhi:
            high = xhi - step
        if low is None and high is None:
            low, high = 1, 100
        elif low is None:
            low = high - 100
        elif high is None:
            high = low + 100
        if integer:
            import math

            a, b = math.ceil(low), math.floor(high)
            if a > b:
                raise Unsupported(f"no integer in [{low}, {high}]")
            v: float = self.rng.randint(a, min(b, a + 100))
        else:
            v = round(self.rng.uniform(low, min(high, low + 100)), 2)
            v = min(max(v, low), high)
        mult = s.get("multipleOf")
        if mult:
            import math

            v = math.ceil(low / mult) * mult
            if integer:
                v = int(v)
        return v
