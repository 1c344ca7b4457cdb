"""Score specgen's JSON Schemas for a corpus tree against that tree's OpenAPI.

A tree (`../shared/corpus/<tree>/docs`) is copied into a temp dir together with
its wire-name overrides (and endpoints table, if any), built with the real
pipeline into `<tmp>/out`, and every emitted model schema (read back from the
bundle on disk) is compared with the OpenAPI schema it stands for:

* same-named components (names compared case- and punctuation-insensitively);
* operations' inline request bodies, responses and parameters, found through
  `specgen ir`'s operations (method + path when the docs give them, else the
  operationId / Speakeasy name) or by Speakeasy's naming of inline schemas
  (`<OperationId>RequestBody`, `<OperationId>ResponseBody`);
* inline schemas reached by walking properties / items / values / variants of a
  matched pair, where our side is a `$ref` to one of our own models.

Each row (an object property; an enum's value set; a union's variants; an
alias's type; an object's openness when it differs) is `exact`, `lossy` (only
a difference listed in `LOSSY_RULES` for the tree's dialect) or `mismatch`.
Models with no OpenAPI counterpart are listed as unmatched, not scored.

    python -m tests.corpus.scoring [tree ...]     # print the tables
    python -m tests.corpus.scoring --docs         # also rewrite docs/corpus.md's table
"""

from __future__ import annotations

import functools
import importlib
import json
import math
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import types as types_mod
from generator.config import Config
from generator.diagnostics import Diagnostics, is_typed_as_any
from generator.emit import render
from generator.ir import Array, Map, ObjectModel, Ref, Spec, Type, Union, type_refs
from generator.parse import parse_document
from generator.pipeline import options as pipeline_options
from generator.resolve import build as resolve_build
from generator.resolve import discover
from generator.write import write

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
HONEYHIVE_OPENAPI = CORPUS / "honeyhive-python" / "openapi.yaml"


# ------------------------------------------------------------------ trees


@dataclass(frozen=True)
class Tree:
    name: str
    dialect: str  # the dialect the corpus README names; `auto` must agree
    wire_names: str  # policy
    overrides: Path | None  # markdown wire-name table, copied into the spec root
    endpoints: Path | None = None  # markdown endpoints table
    openapi: Path | None = None
    root: Path | None = None  # docs folder; default ../shared/corpus/<name>/docs

    @property
    def docs(self) -> Path:
        return self.root or CORPUS / self.name / "docs"

    @property
    def spec(self) -> Path:
        return self.openapi or CORPUS / self.name / "openapi.yaml"

    @property
    def package(self) -> str:
        return re.sub(r"\W", "_", self.name)


def _own(name: str) -> Path | None:
    p = HERE / "wirenames" / f"{name}.md"
    return p if p.is_file() else None


TREES: dict[str, Tree] = {
    t.name: t
    for t in (
        # The project's own settings (pyproject.toml [tool.specgen] + spec/).
        Tree(
            "honeyhive-ts",
            "typescript",
            "snake_case",
            REPO / "spec" / "wire-names.md",
            REPO / "spec" / "endpoints.md",
            HONEYHIVE_OPENAPI,
        ),
        Tree(
            "honeyhive-python",
            "python",
            "as-documented",
            _own("honeyhive-python"),
            REPO / "spec" / "endpoints.md",
            HONEYHIVE_OPENAPI,
        ),
        # Policies: the one needing the fewest override rows (tests/corpus/wirenames.py).
        Tree("dub-ts", "typescript", "as-documented", _own("dub-ts")),
        Tree("agentset-python", "python", "camelCase", _own("agentset-python")),
        Tree("deck-go", "go", "snake_case", _own("deck-go")),
        Tree("stirlingpdf-java", "java", "as-documented", _own("stirlingpdf-java")),
        Tree("openrouter-csharp", "csharp", "snake_case", _own("openrouter-csharp")),
        Tree("gando-php", "php", "as-documented", _own("gando-php")),
        Tree("clerk-ruby", "ruby", "as-documented", _own("clerk-ruby")),
        # Issue 17: Python, TypeScript, Go trees (gr4vy-*: parse-only, no OpenAPI).
        Tree("bolt-python", "python", "as-documented", _own("bolt-python")),
        Tree("pipeshub-python", "python", "camelCase", _own("pipeshub-python")),
        Tree("wingspan-python", "python", "camelCase", _own("wingspan-python")),
        Tree("emailr-python", "python", "snake_case", _own("emailr-python")),
        Tree("gr4vy-python", "python", "as-documented", None),
        Tree("dwolla-ts", "typescript", "as-documented", _own("dwolla-ts")),
        Tree("gbg-ts", "typescript", "as-documented", _own("gbg-ts")),
        Tree("youdotcom-ts", "typescript", "snake_case", _own("youdotcom-ts")),
        Tree("woopsocial-ts", "typescript", "as-documented", _own("woopsocial-ts")),
        Tree("gr4vy-ts", "typescript", "as-documented", None),
        Tree("squadcast-go", "go", "snake_case", _own("squadcast-go")),
        Tree("pipeshub-go", "go", "camelCase", _own("pipeshub-go")),
        Tree("glean-go", "go", "camelCase", _own("glean-go")),
        Tree("schwab-go", "go", "camelCase", _own("schwab-go")),
        Tree("gr4vy-go", "go", "as-documented", None),
        Tree("glean-java", "java", "as-documented", _own("glean-java")),
        Tree(
            "novu-java",
            "java",
            "as-documented",
            _own("novu-java"),
            openapi=CORPUS / "novu-java" / "openapi.json",
        ),
        Tree("speakeasy-java", "java", "snake_case", _own("speakeasy-java")),
        Tree("bolt-java", "java", "snake_case", _own("bolt-java")),
        Tree("dailypay-csharp", "csharp", "snake_case", _own("dailypay-csharp")),
        Tree("stackone-csharp", "csharp", "snake_case", _own("stackone-csharp")),
        Tree("netevia-csharp", "csharp", "as-documented", _own("netevia-csharp")),
        Tree("paddle-php", "php", "snake_case", _own("paddle-php")),
        Tree("exactpayments-php", "php", "as-documented", _own("exactpayments-php")),
        Tree("taamai-php", "php", "snake_case", _own("taamai-php")),
        Tree("bridge-php", "php", "snake_case", _own("bridge-php")),
        Tree("fastpix-ruby", "ruby", "camelCase", _own("fastpix-ruby")),
        Tree("easyship-ruby", "ruby", "as-documented", _own("easyship-ruby")),
    )
}


def override_count(tree: Tree) -> int:
    """Rows of the tree's wire-name table (what the tree needs beyond the policy)."""
    if tree.overrides is None:
        return 0
    doc = parse_document(tree.overrides.read_text(encoding="utf-8"), tree.overrides.name)
    n = 0
    for sec in [None, *doc.sections]:
        blocks = doc.preamble if sec is None else sec.tables()
        for b in blocks:
            rows = getattr(b, "rows", None)
            if rows is not None:
                n += len(rows)
    return n


# ------------------------------------------------------------------ build


@dataclass
class Built:
    spec: Spec
    schemas: dict[str, Any]  # model name -> schema (from the bundle on disk)
    diagnostics: Diagnostics
    out: Path


def build_tree(tree: Tree, tmp: Path) -> Built:
    """Copy the docs (+ side tables) into tmp, resolve, render, write to tmp/out."""
    spec_dir = tmp / "spec"
    shutil.copytree(tree.docs, spec_dir)
    overrides = endpoints = None
    if tree.overrides is not None:
        overrides = spec_dir / "wire-names.md"
        shutil.copyfile(tree.overrides, overrides)
    if tree.endpoints is not None:
        endpoints = spec_dir / "endpoints.md"
        shutil.copyfile(tree.endpoints, endpoints)
    cfg = Config(
        spec=spec_dir,
        out=tmp / "out",
        package=tree.package,
        targets=("jsonschema",),
        dialect="auto",
        unreadable_types="any",  # counted (TreeScore.typed_as_any), not fatal
        wire_names=tree.wire_names,
        wire_name_overrides=overrides,
        endpoints=endpoints,
    )
    diags = Diagnostics()
    docs = [parse_document(text, rel) for rel, text in discover(spec_dir, diags)]
    spec = resolve_build(docs, pipeline_options(cfg), diags)
    write(cfg.out, render(spec, cfg))
    bundle = cfg.out / tree.package / "schemas" / "_bundle.schema.json"
    schemas = json.loads(bundle.read_text(encoding="utf-8"))["$defs"]
    return Built(spec, schemas, diags, cfg.out)


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc]
    """YAML 1.2 booleans, as OpenAPI tools read them: only true/false, so an
    enum value `off` (youdotcom-ts SafeSearch) stays a string."""


_BOOL = "tag:yaml.org,2002:bool"
_Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != _BOOL]
    for k, v in _BaseLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_openapi(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data: dict[str, Any] = json.loads(text)
        return data
    loaded: dict[str, Any] = yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - safe loader
    return loaded


# ------------------------------------------------------- canonical types


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def speakeasy_name(api: dict[str, Any], oid: str, op: dict[str, Any]) -> str:
    """The method name Speakeasy gives an operation: its own
    `x-speakeasy-name-override`, else the first rule of the document's list that
    matches its operationId (novu-java: `^.*create.*` -> `create`), else none."""
    own = op.get("x-speakeasy-name-override")
    if own:
        return str(own)
    for rule in api.get("x-speakeasy-name-override") or []:
        if isinstance(rule, dict) and re.match(str(rule.get("operationId", "")), oid):
            return str(rule.get("methodNameOverride", ""))
    return ""


@dataclass(frozen=True)
class T:
    """A schema reduced to what the scorer compares."""

    kind: str  # ref prim array map object enum const union any
    name: str = ""  # ref: target key; prim: json type
    fmt: str = ""  # prim: format
    items: tuple[T, ...] = ()  # array/map: (item,); union: variants
    values: frozenset[Any] = frozenset()  # enum
    value: Any = None  # const
    inline: Any = None  # the raw schema, for pairing (not compared)

    def show(self) -> str:
        if self.kind == "ref":
            return f"$ref {self.name.rpartition('/')[2]}"
        if self.kind == "prim":
            return self.name + (f"({self.fmt})" if self.fmt else "")
        if self.kind in ("array", "map"):
            return f"{self.kind}<{self.items[0].show()}>"
        if self.kind == "union":
            return "|".join(v.show() for v in self.items)
        if self.kind == "enum":
            return "enum" + str(sorted(map(str, self.values)))
        if self.kind == "const":
            return f"const {self.value!r}"
        return self.kind


ANY_T = T("any")


@dataclass
class Side:
    """One side's schema store: resolves `$ref`s to (key, schema)."""

    resolve: Callable[[str], tuple[str, Any] | None]


# Keys beside a one-member `allOf` that leave it that member (`allOf: [$ref
# ConnectorType]` with `type: string` is still the ConnectorType enum).
_ANNOTATIONS = frozenset(
    {"allOf", "description", "title", "nullable", "type", "example", "default", "deprecated"}
)


def _narrowings(variants: Any) -> bool:
    """Inline `oneOf` members (bridge-php's `CreateExternalAccountInput`) narrow
    the object beside them; `$ref` members name subtypes."""
    return isinstance(variants, list) and all(
        isinstance(v, dict) and "$ref" not in v for v in variants
    )


def _flat_allof(s: Any, side: Side, depth: int = 0) -> Any:
    """Merge `allOf` members (resolving refs) into one object schema."""
    if not isinstance(s, dict) or "allOf" not in s or depth > 8:
        return s
    members = s["allOf"]
    if len(members) == 1 and not (set(s) - _ANNOTATIONS):
        inner = members[0]
        return {**inner, **{k: v for k, v in s.items() if k != "allOf"}}
    merged: dict[str, Any] = {k: v for k, v in s.items() if k != "allOf"}
    props: dict[str, Any] = dict(merged.get("properties", {}))
    required: list[str] = list(merged.get("required", []))
    for m in members:
        for _ in range(8):  # a member may be `allOf: [$ref]` itself: a ref again
            if not (isinstance(m, dict) and "$ref" in m):
                break
            got = side.resolve(m["$ref"])
            m = _flat_allof(got[1] if got else {}, side, depth + 1)
        m = _flat_allof(m, side, depth + 1)
        if not isinstance(m, dict):
            continue
        # the schema's own properties are the more specific (squadcast-go:
        # `name: {enum: [slack_archive_channel]}` over the base's `name: string`)
        own = s.get("properties", {})
        props.update({k: v for k, v in m.get("properties", {}).items() if k not in own})
        required.extend(m.get("required", []))
        for k in ("type", "additionalProperties", "enum", "format", "oneOf", "anyOf"):
            if k in ("oneOf", "anyOf") and not _narrowings(m.get(k)):
                continue  # a discriminator base's subtypes, not narrowings of it
            if k in m and k not in merged:
                merged[k] = m[k]
            elif k == "enum" and isinstance(m.get(k), list) and isinstance(merged[k], list):
                # every member holds: the values all of them allow (woopsocial-ts
                # `platform: allOf [SocialPlatform, {enum: [FACEBOOK]}]`)
                merged[k] = [v for v in merged[k] if v in m[k]]
    if props:
        merged["properties"] = props
        merged.setdefault("type", "object")
    if required:
        merged["required"] = sorted(set(required))
    return merged


def _alias_target(side: Side, got: tuple[str, Any] | None) -> tuple[str, Any] | None:
    """A schema that is only `allOf: [$ref X]` names X (schwab-go `Currency` is
    `TransactionBaseInstrument`, which Speakeasy's docs use instead)."""
    for _ in range(8):
        target = got[1] if got else None
        if not isinstance(target, dict) or set(target) - _ANNOTATIONS - {"allOf"}:
            return got
        members = target.get("allOf")
        if not (isinstance(members, list) and len(members) == 1):
            return got
        inner = members[0]
        nxt = side.resolve(inner["$ref"]) if isinstance(inner, dict) and "$ref" in inner else None
        if nxt is None:
            return got
        got = nxt
    return got


def canon(s: Any, side: Side) -> tuple[T, bool]:
    """(type, nullable) of a schema, on either side."""
    if s is True or s == {}:
        return ANY_T, False
    if not isinstance(s, dict):
        return ANY_T, False
    s = _flat_allof(s, side)
    nullable = bool(s.get("nullable"))
    if "$ref" in s:
        got = side.resolve(s["$ref"])
        if got is not None and isinstance(got[1], dict) and got[1].get("type") == "null":
            return T("prim", "null"), True  # wingspan-python's NullObject
        if got is not None and isinstance(got[1], dict) and got[1].get("nullable") is True:
            nullable = True  # bolt-python `door_code: $ref door_code` (nullable: true)
        return T("ref", got[0] if got else s["$ref"]), nullable
    for key in ("oneOf", "anyOf"):
        if key in s:
            variants: list[T] = []
            for v in s[key]:
                t, n = canon(v, side)
                nullable |= n
                if t.kind == "prim" and t.name == "null":
                    nullable = True
                elif t not in variants or t.kind == "object":
                    # two like inline objects are still two variants (squadcast-go
                    # `anyOf [{data}, {data}]`, documented as ResponseBody1 | 2)
                    variants.append(t)
            if not variants or ANY_T in variants:  # anyOf [X, {}] accepts anything
                return ANY_T, nullable
            if all(v.kind == "prim" for v in variants) and len({v.name for v in variants}) == 1:
                # anyOf [string, string(uri)]: formats only annotate; the widest wins
                plain = [v for v in variants if not v.fmt]
                return (plain[0] if plain else variants[0]), nullable
            if len(variants) == 1:
                return variants[0], nullable
            return T("union", items=tuple(variants), inline=s), nullable
    ty = s.get("type")
    if isinstance(ty, list):
        nullable |= "null" in ty
        rest = [x for x in ty if x != "null"]
        ty = rest[0] if len(rest) == 1 else None
        if len(rest) > 1:
            return T("union", items=tuple(T("prim", x) for x in rest)), nullable
    if "const" in s:
        return T("const", value=s["const"], inline=s), nullable
    if "enum" in s:
        vals = [v for v in s["enum"] if v is not None]
        nullable |= len(vals) < len(s["enum"])
        if sorted(map(repr, vals)) == ["False", "True"]:  # enum [true, false]: a boolean
            return T("prim", "boolean"), nullable
        if len(vals) == 1:
            return T("const", value=vals[0], inline=s), nullable
        return T("enum", values=frozenset(vals), inline=s), nullable
    if ty == "array" or "items" in s:
        item, item_null = canon(s.get("items", {}), side)
        if item_null:
            item = T("union", items=(item, T("prim", "null")))
        return T("array", items=(item,), inline=s), nullable
    # a scalar type wins over a stray `additionalProperties` (stackone's filter
    # properties are `type: string, additionalProperties: false`)
    scalar = isinstance(ty, str) and ty not in ("object", "array")
    if ty == "object" or "properties" in s or ("additionalProperties" in s and not scalar):
        ap = s.get("additionalProperties", True)
        if s.get("properties"):
            return T("object", inline=s), nullable
        if isinstance(ap, dict) and ap:
            value, vnull = canon(ap, side)
            if vnull:
                value = T("union", items=(value, T("prim", "null")))
            return T("map", items=(value,), inline=s), nullable
        if ap is False:
            return T("object", inline=s), nullable
        return T("map", items=(ANY_T,), inline=s), nullable
    if isinstance(ty, str):
        return T("prim", ty, s.get("format", "") or ""), nullable
    return ANY_T, nullable


# ------------------------------------------------------------ lossy rules


@dataclass(frozen=True)
class Rule:
    """A difference the dialect forces; anything else is a mismatch."""

    name: str
    dialects: tuple[str, ...] | None  # None: every dialect
    text: str
    applies: Callable[[str, Any, Any], bool]  # (aspect, ours, theirs)


def _fmt_shown(dialect: str) -> set[str]:
    """Formats a dialect's Type cells can express (from its scalars/externals)."""
    d = types_mod.dialects().get(dialect)
    if d is None:
        return set()
    found: set[str] = set()
    for t in [*d.scalars.values(), *d.externals.values()]:
        fmt = getattr(t, "format", None)
        if fmt:
            found.add(fmt)
    return found


def _null_marker(dialect: str) -> str:
    """How a dialect writes nullability (`types.null_marker`, from its grammar)."""
    d = types_mod.dialects().get(dialect)
    return "none" if d is None else types_mod.null_marker(d)


LOSSY_RULES: tuple[Rule, ...] = (
    Rule(
        "number-for-integer",
        ("typescript",),
        "TypeScript writes every OpenAPI `integer` as `number`",
        lambda a, o, t: a == "type" and o == ("number", "") and t[0] == "integer",
    ),
    Rule(
        "format-not-written",
        None,
        "the OpenAPI has a `format` (email, uri, uuid, int32, ...) the dialect has no "
        "type for; the docs show the plain type",
        lambda a, o, t: a == "format" and o[1] == "" and t[1] != "",
    ),
    Rule(
        "nullable-not-written",
        None,
        "the OpenAPI property is nullable but the dialect's Type cell cannot say so "
        "(TypeScript, Java, C#; optional pointer/`?`/Nilable fields in Go/PHP/Ruby, "
        "where the wrapper means only 'may be absent')",
        lambda a, o, t: a in ("nullable", "nullable-required") and o is False and t is True,
    ),
    Rule(
        "const-as-type",
        ("go", "java", "csharp", "php", "ruby"),
        "a `const` / one-value enum (`success: true`) is written as its type "
        "(`*bool*`): these dialects have no literal types",
        lambda a, o, t: (
            a == "enum"
            and isinstance(o, str)
            and o.startswith(("boolean", "string", "integer", "number"))
            and t.startswith("const ")
        ),
    ),
    Rule(
        "optional-with-default",
        None,
        "the OpenAPI requires a property that has a `default`; Speakeasy SDKs (and "
        "so their docs) make such a property optional, since the default fills it",
        lambda a, o, t: a == "required-defaulted" and o is False and t is True,
    ),
    Rule(
        "closed-not-written",
        None,
        "the OpenAPI object has `additionalProperties: false`; no dialect's docs say "
        "an object is closed, so the schema stays open (non-strict build)",
        lambda a, o, t: a == "open" and o is True and t is False,
    ),
)


def lossy_rule(
    dialect: str, aspect: str, ours: Any, theirs: Any, null_unknown: bool = False
) -> Rule | None:
    """The rule that excuses a difference, if any.  `null_unknown`: the IR says
    the field's docs leave its nullability unknown (`Field.nullable_known`)."""
    for r in LOSSY_RULES:
        if r.dialects is not None and dialect not in r.dialects:
            continue
        if r.applies(aspect, ours, theirs):
            if r.name == "format-not-written" and theirs[1] in _fmt_shown(dialect):
                continue
            if r.name == "nullable-not-written" and not null_unknown:
                marker = _null_marker(dialect)
                if marker == "explicit" or (marker == "maybe" and aspect == "nullable-required"):
                    continue
            return r
    return None


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class RowScore:
    model: str
    field: str
    verdict: str  # exact lossy mismatch
    why: str = ""


@dataclass
class TreeScore:
    tree: str
    dialect: str
    detected: dict[str, int]
    models: int  # emitted models
    matched: int
    unmatched: list[str]
    rows: list[RowScore]
    errors: list[str]
    warnings: int
    overrides: int
    seconds: float
    repaired_links: int
    operations: int
    ops_routed: int = 0  # operations whose method + path is an operation of the OpenAPI
    api_operations: int = 0  # operations in the OpenAPI
    deprecated: int = 0  # fields read as deprecated (struck-through names, markers)
    nullable: int = 0  # fields read as nullable
    typed_as_any: tuple[str, ...] = ()  # `file:line` of cells read as any (unreadable-types)

    def count(self, *verdicts: str) -> int:
        return sum(1 for r in self.rows if r.verdict in verdicts)

    @property
    def fields(self) -> int:
        return len(self.rows)

    def pct(self, *verdicts: str) -> float:
        return 100.0 * self.count(*verdicts) / self.fields if self.rows else 0.0


class Scorer:
    def __init__(self, tree: Tree, built: Built, api: dict[str, Any]) -> None:
        self.tree = tree
        self.built = built
        self.api = api
        self.comps: dict[str, Any] = api.get("components", {}).get("schemas", {}) or {}
        self.ours = built.schemas
        self.theirs_side = Side(self._their_ref)
        self.ours_side = Side(self._our_ref)
        self.pair: dict[str, tuple[str, Any]] = {}  # our model -> (their key, schema)
        self.rows: list[RowScore] = []
        self.dialect = tree.dialect

    # refs
    def _their_ref(self, ref: str) -> tuple[str, Any] | None:
        prefix = "#/components/schemas/"
        if ref.startswith(prefix) and "/" in ref[len(prefix) :]:
            # a pointer into a schema: `#/components/schemas/Company/properties/name`
            cur: Any = self.api
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                cur = cur.get(part) if isinstance(cur, dict) else None
            return (ref, cur) if cur is not None else None
        name = ref.rpartition("/")[2]
        if name in self.comps:
            return f"#/components/schemas/{name}", self.comps[name]
        return None

    def _our_ref(self, ref: str) -> tuple[str, Any] | None:
        name = ref.rpartition("/")[2]
        if name.endswith(".schema.json"):
            name = name[: -len(".schema.json")]
        if name in self.ours:
            return name, self.ours[name]
        return None

    # pairing
    @functools.cached_property
    def _null_unknown(self) -> set[tuple[str, str]]:
        """(model, wire name) of fields whose docs leave nullability unknown; and
        (model, row) of a model's own row where a field referring to it is
        nullable or leaves it unknown: an enum page cannot say null, its uses do."""
        fields_ = [
            f for m in self.built.spec.models if isinstance(m, ObjectModel) for f in m.fields
        ]
        out = {(m.name, f.wire_name) for m in self.built.spec.models if isinstance(m, ObjectModel)
               for f in m.fields if not f.nullable_known}  # fmt: skip
        null_at_use = {r for f in fields_ if f.nullable or not f.nullable_known
                       for r in type_refs(f.type)}  # fmt: skip
        for name in null_at_use:
            out |= {(name, row) for row in ("(values)", "(value)", "(type)", "(variants)")}
        return out

    def _set_pair(self, ours: str, key: str, schema: Any, response: bool = False) -> None:
        if ours in self.ours and ours not in self.pair:
            o = self.ours[ours]
            if (
                isinstance(schema, dict)
                and schema.get("type") == "array"
                and isinstance(o, dict)
                and (
                    (response and o.get("type") == "object")
                    or "enum" in o
                    or (o.get("type") == "object" and not self._unlike(ours, schema.get("items")))
                )
            ):  # `<Op>ResponseBody` names the item of an array response (paginated);
                # an array component names its item (youdotcom-ts enums, bolt-python
                # `emails: List[Emails]` for the array component `emails`)
                key, schema = key + "/items", schema.get("items", {})
                if isinstance(schema, dict) and "$ref" in schema:
                    return
            ap = schema.get("additionalProperties") if isinstance(schema, dict) else None
            if (
                isinstance(schema, dict)
                and not schema.get("properties")
                and isinstance(ap, dict)
                and isinstance(o, dict)
                and o.get("properties")
                and not self._unlike(ours, ap)
            ):  # a map component names its value (emailr-python DNSVerificationStatus)
                key, schema = key + "/values", ap
                if "$ref" in ap:
                    return
            self.pair[ours] = (key, schema)

    @functools.cached_property
    def _op_models(self) -> set[str]:
        return {
            m.name
            for m in self.built.spec.models
            if {"operations", "requests"} & set(m.source.file.lower().split("/")[:-1])
        }

    def _unqualified(self, name: str) -> str:
        """`ModelsSafeSearch` (read from models/safesearch.md, named after its
        folder for a clash) -> `SafeSearch`."""
        src = {m.name: m.source.file for m in self.built.spec.models}.get(name, "")
        folder = src.rpartition("/")[0].rpartition("/")[2]
        prefix = "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", folder))
        return name[len(prefix) :] if prefix and name.startswith(prefix) else name

    def _is_union(self, ours: str) -> bool:
        o = self.ours.get(ours)
        return isinstance(o, dict) and "anyOf" in o

    def _unlike(self, ours: str, theirs: Any) -> bool:
        """Models sharing a name but not half their properties (or enum values),
        or a union and an object, are two schemas (bolt-python: the docs' `Cart`
        is an inline `cart_create`, not the component `cart`; `HideApm` an
        inline enum): the walk pairs ours where it is used."""
        o = self.ours.get(ours)
        if isinstance(theirs, dict) and "$ref" in theirs:
            got = self.theirs_side.resolve(theirs["$ref"])
            theirs = got[1] if got else theirs
        t = _flat_allof(theirs, self.theirs_side)
        if not isinstance(o, dict) or not isinstance(t, dict):
            return False
        oprops, tprops = o.get("properties"), t.get("properties")
        if "anyOf" in o and tprops:  # our union, their object (PaymentMethod)
            return True
        if isinstance(o.get("enum"), list) and isinstance(t.get("enum"), list):
            return 2 * len(set(map(str, o["enum"])) & set(map(str, t["enum"]))) < len(o["enum"])
        if not oprops or not tprops:
            return False
        return 2 * len(set(oprops) & set(tprops)) < len(oprops)

    def pair_by_name(self) -> None:
        by_norm: dict[str, str] = {}
        for n in self.comps:
            by_norm.setdefault(norm(n), n)
        # components first: an operations page's model may share a name with one
        # (`Safesearch` the parameter union, `ModelsSafeSearch` the component)
        taken: set[str] = set()
        for name in sorted(self.ours, key=lambda n: (n in self._op_models, n)):
            op_model = name in self._op_models
            found = by_norm.get(norm(name))
            if found is None and not op_model:
                found = by_norm.get(norm(self._unqualified(name)))
            if op_model and found in taken:
                continue  # the component's own doc took it; this one pairs by operation
            if name.endswith("Union") and norm(name) not in by_norm:
                # Speakeasy names a union component `XUnion` when one of its
                # inline variants takes the name `X` (glean-go DocumentOrError)
                found = by_norm.get(norm(name[: -len("Union")]))
                if found is not None and (
                    not _variants(self.comps[found]) or self._is_union(name[: -len("Union")])
                ):
                    found = None
            elif (
                found is not None
                and f"{name}Union" in self.ours
                and _variants(self.comps[found])
                and not self._is_union(name)
            ):
                continue  # that `X` is the inline variant, paired by the walk
            for suffix in ("Error", "Exception"):
                if (
                    found is None
                    and name.endswith(suffix)
                    and name[: -len(suffix)] not in self.ours  # that one is the schema
                ):
                    # Speakeasy's error classes: `<Schema>Error` (Go), `<Schema>Exception` (C#)
                    found = by_norm.get(norm(name[: -len(suffix)]))
            if found is not None and not self._unlike(name, self.comps[found]):
                taken.add(found)
                self._set_pair(name, f"#/components/schemas/{found}", self.comps[found])

    def _operations(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        for path, item in (self.api.get("paths") or {}).items():
            if not isinstance(item, dict):
                continue
            for method, op in item.items():
                if isinstance(op, dict) and method.upper() in (
                    "GET",
                    "POST",
                    "PUT",
                    "PATCH",
                    "DELETE",
                    "HEAD",
                    "OPTIONS",
                ):
                    yield method.upper(), path, str(op.get("operationId", "")), op

    @staticmethod
    def _content_schema(obj: Any) -> Any:
        if not isinstance(obj, dict):
            return None
        content = obj.get("content") or {}
        for ctype in sorted(content, key=lambda c: (0 if "json" in c else 1, c)):
            sch = content[ctype].get("schema") if isinstance(content[ctype], dict) else None
            if sch is not None:
                return sch
        return None

    def _resolve_any(self, obj: Any) -> Any:
        """requestBodies / responses / parameters can be $refs too."""
        for _ in range(5):
            if isinstance(obj, dict) and "$ref" in obj:
                parts = obj["$ref"].lstrip("#/").split("/")
                cur: Any = self.api
                for p in parts:
                    cur = cur.get(p) if isinstance(cur, dict) else None
                obj = cur
        return obj

    def _pair_type(self, t: Type | None, schema: Any, key: str) -> None:
        """Pair an IR type (an operation's body/response/param) with an OpenAPI schema."""
        if t is None or schema is None:
            return
        if isinstance(t, Ref):
            sch = schema
            if isinstance(sch, dict) and "$ref" in sch:
                got = self._their_ref(sch["$ref"])
                if got is None:
                    return
                key, sch = got
            self._set_pair(t.model, key, sch, response="/responses/" in key)
        elif isinstance(t, Array) and isinstance(schema, dict):
            self._pair_type(t.item, schema.get("items"), key + "/items")
        elif isinstance(t, Map) and isinstance(schema, dict):
            self._pair_type(t.value, schema.get("additionalProperties"), key + "/values")
        elif isinstance(t, Union):
            non_null = [v for v in t.variants if not (getattr(v, "kind", "") == "null")]
            if len(non_null) == 1:
                self._pair_type(non_null[0], schema, key)

    def pair_operations(self) -> None:
        by_route = {(m, p): (oid, op) for m, p, oid, op in self._operations()}
        by_id: dict[str, tuple[str, dict[str, Any]]] = {}
        shared: set[str] = set()  # names several operations answer to: no pairing by them
        for _m, _p, oid, op in self._operations():
            group = str(op.get("x-speakeasy-group", ""))
            over = speakeasy_name(self.api, oid, op)
            keys = {norm(n) for n in (oid, over) if n}
            for g in {group.rpartition(".")[2], *(str(t) for t in op.get("tags") or [])}:
                if g and over:
                    keys.add(norm(g + over))
            for k in keys:
                if k in by_id and by_id[k][1] is not op:
                    shared.add(k)
                by_id.setdefault(k, (oid, op))
        for k in shared:
            del by_id[k]
        for o in self.built.spec.operations:
            found = None
            if o.method and o.path:
                found = by_route.get((o.method, o.path))
            if found is None:
                found = (
                    by_id.get(norm(o.group + o.name))
                    or by_id.get(norm(o.name))
                    # older SDKs: method `Rest` of group `APISale` is `restAPISale`
                    or by_id.get(norm(o.name + o.group))
                )
            if found is None:
                continue
            oid, op = found
            where = f"#/operations/{oid or o.name}"
            rb = self._resolve_any(op.get("requestBody"))
            self._pair_type(o.body, self._content_schema(rb), where + "/requestBody")
            responses = op.get("responses") or {}
            for r in o.errors:
                if r.type is not None and r.status in responses:
                    sch = self._content_schema(self._resolve_any(responses[r.status]))
                    # one error class per variant of a status's oneOf (dwolla-ts
                    # ResponseBodyBadRequestError1..3), in order
                    same = [e for e in o.errors if e.status == r.status and e.type is not None]
                    variants = _variants(_flat_allof(sch, self.theirs_side), self.theirs_side)
                    if len(same) > 1 and len(variants) == len(same):
                        sch = variants[same.index(r)]
                    self._pair_type(r.type, sch, f"{where}/responses/{r.status}")
            for r in o.responses:
                status = r.status if r.status in responses else None
                ok = sorted(c for c in responses if str(c).startswith("2"))
                if self._pair_success_union(r.type, {c: responses[c] for c in ok}, where):
                    continue
                if status is None:
                    status = ok[0] if ok else None
                if status is not None:
                    sch = self._content_schema(self._resolve_any(responses[status]))
                    self._pair_type(r.type, sch, f"{where}/responses/{status}")
            params = [self._resolve_any(p) for p in op.get("parameters") or []]
            for prm in o.params:
                for p in params:
                    if isinstance(p, dict) and p.get("name") == prm.wire_name:
                        self._pair_type(prm.type, p.get("schema"), f"{where}/{p.get('name')}")

    def _pair_success_union(self, t: Type | None, oks: dict[str, Any], where: str) -> bool:
        """Speakeasy documents an operation with several 2xx bodies (200 and 201,
        or JSON and an event stream) as a union of them, one variant per body,
        in order: pair each variant with its body (the union has no schema)."""
        bodies: list[tuple[str, Any]] = []
        for status, resp in sorted(oks.items()):
            content = (self._resolve_any(resp) or {}).get("content") or {}
            for ctype, media in content.items():
                sch = media.get("schema") if isinstance(media, dict) else None
                if sch is not None:
                    bodies.append((f"{status}/{ctype}", sch))
        ours = self.ours.get(t.model) if isinstance(t, Ref) else None
        variants = ours.get("anyOf", []) if isinstance(ours, dict) else []
        refs = [v.get("$ref", "").rpartition("/")[2] for v in variants if isinstance(v, dict)]
        if len(bodies) < 2 or len(refs) != len(bodies) or not any(refs):
            return False
        for (label, sch), ref in zip(bodies, refs, strict=True):
            if ref:  # a scalar variant (the octet-stream's binary) pairs nothing
                self._pair_type(Ref(ref), sch, f"{where}/responses/{label}")
        return True

    def pair_overrides(self) -> None:
        """Inline schemas Speakeasy names by `x-speakeasy-name-override` (agentset's
        error responses `BadRequest`), and their object properties `<Name><Prop>`:
        the Python docs' `BadRequestError` is the `error` object inside."""
        by_norm = {norm(n): n for n in self.ours}
        found: list[tuple[str, str, Any]] = []

        def visit(node: Any, where: str) -> None:
            if isinstance(node, dict):
                name = node.get("x-speakeasy-name-override")
                if isinstance(name, str) and "properties" in node:
                    found.append((name, where, node))
                for k, v in node.items():
                    visit(v, f"{where}/{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    visit(v, f"{where}/{i}")

        visit(self.api.get("components", {}).get("responses", {}), "#/components/responses")
        for name, where, node in found:
            ours = by_norm.get(norm(name))
            if ours:
                self._set_pair(ours, where, node)
            for prop, sch in (node.get("properties") or {}).items():
                inner = by_norm.get(norm(name + prop))
                if inner and isinstance(sch, dict) and "properties" in sch:
                    self._set_pair(inner, f"{where}/properties/{prop}", sch)

    def pair_inline_names(self) -> None:
        """Speakeasy's names for inline bodies: <OperationId>RequestBody / ResponseBody."""
        by_norm = {norm(n): n for n in self.ours}
        for _m, _p, oid, op in self._operations():
            if not oid:
                continue
            base = norm(oid)
            rb = self._content_schema(self._resolve_any(op.get("requestBody")))
            if isinstance(rb, dict) and "$ref" not in rb:
                ours = by_norm.get(base + "requestbody")
                if ours:
                    self._set_pair(ours, f"#/operations/{oid}/requestBody", rb)
            for status, resp in sorted((op.get("responses") or {}).items(), key=str):
                sch = self._content_schema(self._resolve_any(resp))
                if not isinstance(sch, dict) or "$ref" in sch:
                    continue
                for cand in (base + "responsebody", base + str(status) + "responsebody"):
                    ours = by_norm.get(cand)
                    if ours and (
                        str(status).startswith("2") or cand.endswith(str(status) + "responsebody")
                    ):
                        where = f"#/operations/{oid}/responses/{status}"
                        self._set_pair(ours, where, sch, response=True)

    def walk(self) -> None:
        """Pair our refs with their inline schemas, breadth-first from known pairs."""
        todo = sorted(self.pair)
        seen: set[str] = set()
        while todo:
            name = todo.pop(0)
            if name in seen:
                continue
            seen.add(name)
            key, theirs = self.pair[name]
            ours = self.ours[name]
            before = set(self.pair)
            theirs = self._resolved(theirs)
            if isinstance(ours, dict) and "properties" in ours and isinstance(theirs, dict):
                tprops = theirs.get("properties") or {}
                for wire, osch in ours["properties"].items():
                    if wire in tprops:
                        self._walk_pair(osch, tprops[wire], f"{key}/properties/{wire}")
            elif isinstance(ours, dict):
                self._walk_pair(ours, theirs, key, top=True)
            todo.extend(sorted(set(self.pair) - before))

    def _resolved(self, theirs: Any) -> Any:
        """A paired schema with `allOf` merged and a `$ref` (or a one-member
        allOf of one) followed."""
        for _ in range(4):
            theirs = _flat_allof(theirs, self.theirs_side)
            if not (isinstance(theirs, dict) and "$ref" in theirs):
                break
            got = self.theirs_side.resolve(theirs["$ref"])
            if got is None:
                break
            theirs = got[1]
        return theirs

    def _walk_pair(self, o: Any, t: Any, key: str, top: bool = False) -> None:
        ot, _ = canon(o, self.ours_side)
        tt, _ = canon(t, self.theirs_side)
        if ot.kind == "ref":
            if top:
                return
            if tt.kind == "ref":
                got = self._their_ref(tt.name)
                if got is not None:
                    self._set_pair(ot.name, got[0], got[1])
                return
            self._set_pair(ot.name, key, _unnull(t, self.theirs_side))
            return
        if ot.kind in ("array", "map") and tt.kind == ot.kind:
            o_in = _sub(o, ot.kind)
            t_in = _sub(_unnull(t, self.theirs_side), tt.kind)
            self._walk_pair(o_in, t_in, key + ("/items" if ot.kind == "array" else "/values"))
        elif ot.kind == "union" and tt.kind == "union" and len(ot.items) == len(tt.items):
            ov = _variants(o)
            tv = _variants(_unnull(t, self.theirs_side))
            if len(ov) == len(tv):
                for i, (a, b) in enumerate(zip(ov, tv, strict=True)):
                    self._walk_pair(a, b, f"{key}/oneOf/{i}")

    # scoring
    def score(self) -> None:
        for name in sorted(self.ours):
            if name not in self.pair:
                continue
            key, theirs = self.pair[name]
            self._score_model(name, self.ours[name], _flat_allof(theirs, self.theirs_side))

    def _row(self, model: str, fieldname: str, diffs: list[tuple[str, Any, Any]]) -> None:
        if not diffs:
            self.rows.append(RowScore(model, fieldname, "exact"))
            return
        unsaid = (model, fieldname) in self._null_unknown
        rules = [lossy_rule(self.dialect, a, o, t, unsaid) for a, o, t in diffs]
        why = "; ".join(
            f"{a}: ours {_shown(o)} vs {_shown(t)}" + (f" [{r.name}]" if r else "")
            for (a, o, t), r in zip(diffs, rules, strict=True)
        )
        verdict = "lossy" if all(rules) else "mismatch"
        self.rows.append(RowScore(model, fieldname, verdict, why))

    def _score_model(self, name: str, ours: Any, theirs: Any) -> None:
        ot, _ = canon(ours, self.ours_side)
        tt, tnull = canon(theirs, self.theirs_side)
        if tt.kind == "ref" and ot.kind == "object":
            # theirs is `allOf: [$ref Base]` only; Speakeasy documents it as an
            # object of Base's fields under its own name (schwab-go AccountEquity)
            got = _alias_target(self.theirs_side, self._their_ref(tt.name))
            if got is not None:
                theirs = _flat_allof(got[1], self.theirs_side)
                tt, tnull = canon(theirs, self.theirs_side)
        if ot.kind == "object" or (
            isinstance(ours, dict) and ours.get("type") == "object" and "properties" in ours
        ):
            self._score_object(name, ours, theirs, tt)
            return
        if (
            ot.kind == "map"
            and tt.kind in ("object", "map")
            and isinstance(ours, dict)
            and ("properties" in ours)
        ):
            self._score_object(name, ours, theirs, tt)
            return
        label = {"enum": "(values)", "union": "(variants)", "const": "(value)"}.get(
            ot.kind, "(type)"
        )
        self._row(name, label, self._diff(ours, theirs, False, tnull, top=True))

    def _score_object(self, name: str, ours: dict[str, Any], theirs: Any, tt: T) -> None:
        if not isinstance(theirs, dict) or tt.kind not in ("object", "map", "any"):
            self._row(name, "(type)", [("shape", "object", tt.show())])
            return
        oprops: dict[str, Any] = ours.get("properties", {})
        tprops: dict[str, Any] = theirs.get("properties") or {}
        oreq = set(ours.get("required", []))
        treq = set(theirs.get("required", []))
        for wire in sorted(oprops):
            if wire not in tprops:
                alt = [w for w in tprops if norm(w) == norm(wire)]
                hint = f" (OpenAPI has {alt[0]!r})" if alt else ""
                self.rows.append(
                    RowScore(name, wire, "mismatch", f"wire name: not in the OpenAPI{hint}")
                )
                continue
            diffs = self._diff(oprops[wire], tprops[wire], False, False)
            if wire in oreq:
                diffs = [("nullable-required" if a == "nullable" else a, o, t) for a, o, t in diffs]
            if (wire in oreq) != (wire in treq):
                has_default = isinstance(tprops[wire], dict) and "default" in tprops[wire]
                aspect = "required-defaulted" if has_default else "required"
                diffs.insert(0, (aspect, wire in oreq, wire in treq))
            self._row(name, wire, diffs)
        for wire in sorted(set(tprops) - set(oprops)):
            self.rows.append(RowScore(name, wire, "mismatch", "missing from the docs"))
        o_open = ours.get("additionalProperties", True) is not False
        t_ap = theirs.get("additionalProperties", True)
        t_open = t_ap is not False
        if o_open != t_open:
            self._row(name, "(additionalProperties)", [("open", o_open, t_open)])

    def _diff(
        self, o: Any, t: Any, _on: bool, _tn: bool, top: bool = False
    ) -> list[tuple[str, Any, Any]]:
        ot, onull = canon(o, self.ours_side)
        tt, tnull = canon(t, self.theirs_side)
        diffs: list[tuple[str, Any, Any]] = []
        if onull != tnull:
            diffs.append(("nullable", onull, tnull))
        diffs.extend(self._diff_t(ot, tt, t, top))
        return diffs

    def _diff_t(self, ot: T, tt: T, traw: Any, top: bool = False) -> list[tuple[str, Any, Any]]:
        if ot.kind == "ref":
            paired = self.pair.get(ot.name)
            if tt.kind == "ref":
                if paired is not None and paired[0] == tt.name:
                    return []
                alias = _alias_target(self.theirs_side, self._their_ref(tt.name))
                if paired is not None and alias is not None and paired[0] == alias[0]:
                    return []
                # Their ref to a plain alias component: compare structure.
                got = self._their_ref(tt.name)
                if paired is None and got is not None:
                    return self._diff_t(ot, canon(got[1], self.theirs_side)[0], got[1])
                return [("ref", ot.name, tt.name.rpartition("/")[2])]
            if paired is not None and _same_inline(paired[1], traw, self.theirs_side):
                return []
            # An unpaired ref (e.g. our model is an enum/alias of theirs inline).
            inner = self.ours.get(ot.name)
            if inner is not None and not top:
                it, _ = canon(inner, self.ours_side)
                if it.kind in ("enum", "const", "prim", "map", "array", "union", "any"):
                    return self._diff_t(it, tt, traw)
            return [("ref", ot.name, tt.show())]
        if tt.kind == "ref":
            got = self._their_ref(tt.name)
            if got is not None:
                inner_t = canon(got[1], self.theirs_side)[0]
                if inner_t.kind != "object":
                    return self._diff_t(ot, inner_t, got[1])
            return [("ref", ot.show(), tt.name.rpartition("/")[2])]
        if ot.kind == "prim" and tt.kind == "prim":
            out: list[tuple[str, Any, Any]] = []
            if ot.name != tt.name:
                out.append(("type", (ot.name, ot.fmt), (tt.name, tt.fmt)))
            elif ot.fmt != tt.fmt:
                out.append(("format", (ot.name, ot.fmt), (tt.name, tt.fmt)))
            return out
        if ot.kind == "prim" and tt.kind in ("enum", "const"):
            # A plain scalar where the OpenAPI lists values: the docs lost the values.
            return [("enum", ot.show(), tt.show())]
        if ot.kind == "union" and tt.kind != "union":
            # `File | Blob | {fileName, content}`: every variant is theirs' binary
            if all(not self._diff_t(v, tt, traw) for v in ot.items):
                return []
        if ot.kind != tt.kind:
            if (
                {ot.kind, tt.kind} == {"map", "object"}
                and ot.kind == "map"
                and (ot.items[0].kind == "any")
            ):
                return []  # a free-form object both ways
            return [("shape", ot.show(), tt.show())]
        if ot.kind in ("array", "map"):
            ti = _sub(_unnull(traw, self.theirs_side), tt.kind)
            return [(a, o, t) for a, o, t in self._diff_inner(ot.items[0], ti)]
        if ot.kind == "enum":
            return (
                []
                if ot.values == tt.values
                else [("enum", sorted(map(str, ot.values)), sorted(map(str, tt.values)))]
            )
        if ot.kind == "const":
            return [] if ot.value == tt.value else [("const", ot.value, tt.value)]
        if ot.kind == "union":
            tv = _variants(_unnull(traw, self.theirs_side))
            tv = [v for v in tv if canon(v, self.theirs_side)[0] != T("prim", "null")]
            if len(ot.items) != len(tv):
                return [("variants", ot.show(), tt.show())]
            out = []
            for a, b in zip(ot.items, tv, strict=True):
                out.extend(self._diff_t(a, canon(b, self.theirs_side)[0], b))
            if out and self._same_variants(ot.items, tv):
                return []  # the same variants in another order (woopsocial-ts)
            return out
        return []

    def _same_variants(self, ours: tuple[T, ...], theirs: list[Any]) -> bool:
        """Each of our variants agrees with a different one of theirs."""
        left = list(theirs)
        for a in ours:
            match = next(
                (b for b in left if not self._diff_t(a, canon(b, self.theirs_side)[0], b)), None
            )
            if match is None:
                return False
            left.remove(match)
        return True

    def _diff_inner(self, ot: T, traw: Any) -> list[tuple[str, Any, Any]]:
        tt, tnull = canon(traw, self.theirs_side)
        onull = False
        if ot.kind == "union" and T("prim", "null") in ot.items:
            rest = tuple(v for v in ot.items if v != T("prim", "null"))
            ot = rest[0] if len(rest) == 1 else T("union", items=rest)
            onull = True
        out: list[tuple[str, Any, Any]] = []
        if onull != tnull:
            out.append(("nullable", onull, tnull))
        out.extend(self._diff_t(ot, tt, traw))
        return out


def _sub(s: Any, kind: str) -> Any:
    if not isinstance(s, dict):
        return {}
    if kind == "array":
        return s.get("items", {})
    ap = s.get("additionalProperties", {})
    return ap if isinstance(ap, dict) else {}


def _variants(s: Any, side: Side | None = None) -> list[Any]:
    """The non-null variants of a union (with `side`: also without `$ref`s to a
    `type: null` schema)."""
    if not isinstance(s, dict):
        return []
    for k in ("oneOf", "anyOf"):
        if k in s:
            found = [
                v
                for v in s[k]
                if not (isinstance(v, dict) and v.get("type") == "null")
                and not (side is not None and canon(v, side)[0] == T("prim", "null"))
            ]
            # a `oneOf` beside `properties` narrows that object (bridge-php)
            return [_with_parent(s, v) for v in found] if s.get("properties") else found
    return []


def _with_parent(parent: dict[str, Any], v: Any) -> Any:
    """A `oneOf` member beside `properties` is that object narrowed (bridge-php's
    `CreateExternalAccountInput`): the member with the parent's properties."""
    if not isinstance(v, dict) or "$ref" in v:
        return v
    return {
        **v,
        "type": "object",
        "properties": {**parent.get("properties", {}), **v.get("properties", {})},
        "required": sorted({*parent.get("required", []), *v.get("required", [])}),
    }


def _unnull(s: Any, side: Side) -> Any:
    """Strip a nullable wrapper (anyOf [X, null]) to X."""
    if isinstance(s, dict):
        s = _flat_allof(s, side)
        vs = _variants(s, side)
        if vs and len(vs) == 1:
            return vs[0]
    return s


_NOTES = {"description", "example", "examples", "title", "default", "deprecated"}


def _shape(s: Any) -> Any:
    """A schema without its notes (descriptions, examples, x- extensions)."""
    if isinstance(s, dict):
        return {
            k: _shape(v) for k, v in s.items() if k not in _NOTES and not k.startswith("x-")
        }
    if isinstance(s, list):
        return [_shape(v) for v in s]
    return s


def _same_inline(a: Any, b: Any, side: Side) -> bool:
    """Two inline schemas one docs model stands for: the same but for notes
    (Speakeasy names identical inline objects once, squadcast-go `User`)."""
    return bool(_shape(_unnull(a, side)) == _shape(_unnull(b, side)))


def _shown(v: Any) -> str:
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v):
        return v[0] + (f"({v[1]})" if v[1] else "")
    return str(v)


# ------------------------------------------------------------------- API


def score_tree(tree: Tree, tmp: Path | None = None) -> TreeScore:
    t0 = time.perf_counter()
    own_tmp = None
    if tmp is None:
        own_tmp = tempfile.TemporaryDirectory(prefix=f"specgen-{tree.name}-")
        tmp = Path(own_tmp.name)
    try:
        built = build_tree(tree, tmp)
        api = load_openapi(tree.spec)
        s = Scorer(tree, built, api)
        s.pair_by_name()
        s.pair_overrides()
        s.pair_operations()
        s.pair_inline_names()
        s.walk()
        s.score()
    finally:
        if own_tmp is not None:
            own_tmp.cleanup()
    detected: dict[str, int] = {}
    for _, d in built.spec.dialects:
        detected[d] = detected.get(d, 0) + 1
    errors = [str(d) for d in built.diagnostics.errors]
    warnings = [d for d in built.diagnostics.items if d.severity == "warning"]
    return TreeScore(
        tree=tree.name,
        dialect=tree.dialect,
        detected=detected,
        models=len(built.schemas),
        matched=len(s.pair),
        unmatched=sorted(set(built.schemas) - set(s.pair)),
        rows=s.rows,
        errors=errors,
        warnings=len(warnings),
        overrides=override_count(tree),
        seconds=time.perf_counter() - t0,
        repaired_links=sum(1 for w in warnings if "repaired by name" in w.message),
        operations=len(built.spec.operations),
        ops_routed=len(
            {(o.method, o.path) for o in built.spec.operations}
            & {(m, p) for m, p, _, _ in s._operations()}
        ),
        api_operations=sum(1 for _ in s._operations()),
        deprecated=sum(
            1 for m in built.spec.models for f in getattr(m, "fields", ()) if f.deprecated
        ),
        nullable=sum(1 for m in built.spec.models for f in getattr(m, "fields", ()) if f.nullable),
        typed_as_any=tuple(f"{w.file}:{w.line}" for w in warnings if is_typed_as_any(w)),
    )


HEADER = (
    "| tree | dialect | models | matched | fields | exact % | exact+lossy % "
    "| mismatches | overrides | operations (routed / in API) | typed as any |"
)
RULE = "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"


def _floor1(x: float) -> str:
    return f"{math.floor(x * 10) / 10:.1f}"  # 99.96 shows as 99.9, never 100.0


def pinned_broken(tree: str) -> frozenset[str]:
    """The cells (`file:line`) a tree's acceptance test pins as the vendor's
    broken docs (its `BROKEN_DOCS`: a link or name whose page was never written)."""
    try:
        mod = importlib.import_module(".test_" + re.sub(r"\W", "_", tree), __package__)
    except ImportError:
        return frozenset()
    return frozenset(getattr(mod, "BROKEN_DOCS", ()))


def _any_cell(s: TreeScore) -> str:
    """Fields typed as any, not counting the pinned vendor-broken ones (must be 0)."""
    broken = pinned_broken(s.tree) & set(s.typed_as_any)
    rest = len(set(s.typed_as_any) - broken)
    return f"{rest} (+{len(broken)} pinned)" if broken else str(rest)


def table_row(s: TreeScore) -> str:
    return (
        f"| {s.tree} | {s.dialect} | {s.models} | {s.matched} | {s.fields} | "
        f"{_floor1(s.pct('exact'))} | {_floor1(s.pct('exact', 'lossy'))} | "
        f"{s.count('mismatch')} | {s.overrides} | "
        f"{s.operations} ({s.ops_routed} / {s.api_operations}) | {_any_cell(s)} |"
    )


def report(s: TreeScore, verbose: bool = False) -> str:
    lines = [
        f"== {s.tree} ({s.dialect}; detected {s.detected}) in {s.seconds:.1f}s",
        HEADER,
        RULE,
        table_row(s),
        f"errors: {len(s.errors)}  warnings: {s.warnings}  links repaired: {s.repaired_links}"
        f"  typed as any: {len(s.typed_as_any)}",
    ]
    for e in s.errors[:20]:
        lines.append(f"  error: {e}")
    for w in s.typed_as_any[:20]:
        lines.append(f"  typed as any: {w}")
    lossy: dict[str, int] = {}
    for r in s.rows:
        if r.verdict == "lossy":
            for rule in re.findall(r"\[([a-z-]+)\]", r.why):
                lossy[rule] = lossy.get(rule, 0) + 1
    if lossy:
        lines.append(
            "lossy rules used: " + ", ".join(f"{k} x{v}" for k, v in sorted(lossy.items()))
        )
    bad = [r for r in s.rows if r.verdict == "mismatch"]
    for r in bad if verbose else bad[:40]:
        lines.append(f"  mismatch {r.model}.{r.field}: {r.why}")
    if len(bad) > 40 and not verbose:
        lines.append(f"  ... {len(bad) - 40} more mismatches (-v lists them)")
    if s.unmatched:
        shown = s.unmatched if verbose else s.unmatched[:30]
        more = "" if verbose or len(s.unmatched) <= 30 else f" ... +{len(s.unmatched) - 30}"
        lines.append(f"unmatched models ({len(s.unmatched)}): {', '.join(shown)}{more}")
    return "\n".join(lines)


TABLE_BEGIN = "<!-- corpus-scores:begin -->"
TABLE_END = "<!-- corpus-scores:end -->"
DOCS_PAGE = REPO / "docs" / "corpus.md"


def docs_table(scores: list[TreeScore]) -> str:
    lines = [
        TABLE_BEGIN,
        HEADER,
        RULE,
        *[table_row(s) for s in scores],
        "",
        "Lossy rules (a difference the dialect forces; everything else is a mismatch):",
        "",
        *[
            f"- `{r.name}` ({', '.join(r.dialects) if r.dialects else 'any dialect'}): {r.text}"
            for r in LOSSY_RULES
        ],
        TABLE_END,
    ]
    return "\n".join(lines)


def update_docs(scores: list[TreeScore], page: Path = DOCS_PAGE) -> bool:
    text = page.read_text(encoding="utf-8")
    if TABLE_BEGIN not in text or TABLE_END not in text:
        return False
    head, _, rest = text.partition(TABLE_BEGIN)
    _, _, tail = rest.partition(TABLE_END)
    page.write_text(head + docs_table(scores) + tail, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    write = "--docs" in argv
    # every tree with an OpenAPI (the parse-only ones have none to score against)
    names = [a for a in argv if not a.startswith("-")] or [
        n for n, t in TREES.items() if t.spec.is_file()
    ]
    scores = []
    for n in names:
        s = score_tree(TREES[n])
        scores.append(s)
        print(report(s, verbose), flush=True)
    if write:
        if not update_docs(scores):
            print(f"{DOCS_PAGE} has no {TABLE_BEGIN} ... {TABLE_END} block", file=sys.stderr)
            return 1
        print(f"{DOCS_PAGE.relative_to(REPO)} score table updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
