"""Dataclasses target: a typed, installable, standard-library-only package.

Output (under `out`): `pyproject.toml`, `<package>/__init__.py` (re-exports),
`<package>/models.py` (every model), `<package>/_codec.py` (sentinel, errors,
date-time codec), `<package>/py.typed` and the JSON Schemas as package data.

One `models.py` rather than a module per model: models refer to each other
(nested, recursive), and one module needs no import cycles or lazy imports in
the hot path; `from honeyhive.models import X` is all a user or the client
imports; mypy and ruff read one file.  At 150 models it stays one readable file
(about 60 lines per model), ordered enums, objects, aliases, helpers.

This module turns IR types into small code pieces (`Codec`): an annotation, an
inline check or a load expression, and a dump expression.  Pieces are built
only from identifiers that `naming` made safe and from `lit()` (repr) of wire
names and literal values, so doc text never becomes code; the templates under
`templates/dataclasses/` lay the statements out, and small layout helpers
(`decl`, `cond`, `call`, `stmt`) keep every line within the line length.
"""

from __future__ import annotations

import hashlib
import json
import keyword
import re
from dataclasses import dataclass
from typing import Any

from .. import naming
from ..diagnostics import Diagnostic, SpecError
from ..emit import EmitContext, docstring_width
from ..ir import (
    AliasModel,
    AnyType,
    Array,
    EnumModel,
    Field,
    Literal,
    Map,
    Model,
    ObjectModel,
    Primitive,
    Ref,
    Spec,
    Type,
    Union,
    UnionModel,
    free_form,
    model_refs,
)
from . import jsonschema

LINE = 99  # one under the line length the generated pyproject sets
# from_dict of a model with this many fields or more first fetches every key
# with one `operator.itemgetter` call (one C call instead of a lookup per key)
FETCH_MIN = 2
V = "\x00"  # placeholder for the value in code pieces; `lit` never emits a NUL
STR_CHECK = f"isinstance({V}, str)"  # a string value (helpers test item codecs against it)


@dataclass(frozen=True, slots=True)
class Codec:
    """How one IR type becomes Python: all code pieces use `V` for the value."""

    annotation: str
    expected: str  # for error messages: "array of string", "Tool object"
    check: str = ""  # true when the value is valid as it is ("" when `load` is set)
    load: str = ""  # converts the value or raises ModelError
    dump: str = V  # JSON-ready data from the Python value
    any: bool = False  # no check at all
    result: str = V  # what a union returns once `check` passed (mypy-narrowed)
    # A field-level shortcut for a `load` that is one cheap check and a
    # conversion that cannot fail (open enums, containers of any value):
    # inlined in from_dict it saves a call; `label` is the `expected` the
    # load function would report, so the error stays the same.
    precheck: str = ""
    convert: str = V
    label: str = ""
    copy: bool = False  # `convert` copies a checked dict or list (no narrowing needed)

    def at(self, piece: str, var: str) -> str:
        return piece.replace(V, var)


@dataclass(frozen=True, slots=True)
class Helper:
    """A module-level load (and maybe dump) function for a composite type."""

    name: str  # suffix: _load_<name>, _dump_<name>
    kind: str  # list | map | enum | union | alias
    annotation: str
    expected: str
    item: Codec | None = None  # list/map item, alias target
    variants: tuple[Codec, ...] = ()  # union: in try order
    dump_models: tuple[str, ...] = ()  # union: object models dumped by isinstance
    enum: str = ""  # enum: class name
    enum_base: str = ""  # enum: str | int
    strict: bool = False
    expansion: str = ""  # union: the variants' annotations joined with |


# ------------------------------------------------------------------ codecs


def _slug(t: Type) -> str:
    match t:
        case Primitive(kind, fmt):
            base = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
            name = base.get(kind, kind)
            return {"date-time": "datetime", "date": "date"}.get(fmt or "", name)
        case Array(item):
            return f"list_{_slug(item)}"
        case Map(value):
            return f"dict_{_slug(value)}"
        case Ref(model):
            return model
        case Union(variants):
            return "_or_".join(_slug(v) for v in variants)
        case Literal(value):
            return "lit_" + (naming.snake_case(str(value)) or "value")
    return "Any"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _helper_name(t: Type) -> str:
    slug = _slug(t)
    if len(slug) > 40:  # long unions: a stable short name
        slug = f"{slug[:28]}_{_digest(slug)}"
    return slug


def _union_parts(annotations: list[str]) -> str:
    parts: list[str] = []
    for a in annotations:
        for p in a.split(" | ") if "[" not in a else [a]:
            if p not in parts:
                parts.append(p)
    if "None" in parts:  # `X | None` reads best with None last
        parts = [p for p in parts if p != "None"] + ["None"]
    return " | ".join(parts)


ANY = Codec("Any", "any JSON value", check="True", any=True)


def _short(label: str, limit: int = 60) -> str:
    """Error labels stay short: they are string literals in the generated code."""
    return label if len(label) <= limit else label[: limit - 3].rstrip() + "..."


class Codecs:
    """Codecs for every type of a spec, with the helper functions they need."""

    def __init__(self, spec: Spec, strict_enums: bool) -> None:
        self.models = spec.model_map()
        self.strict_enums = strict_enums
        self.helpers: dict[str, Helper] = {}
        self._pending: set[str] = set()
        self._names: dict[Type, str] = {}
        self._taken: set[str] = set(self.models)  # model-named helpers (enums, unions)

    def _name_for(self, t: Type) -> str:
        """A helper name per distinct inline type: readable, never shared by two types."""
        if t not in self._names:
            base = name = _helper_name(t)
            k = 2
            while name in self._taken:
                name, k = f"{base}_{k}", k + 1
            self._names[t] = name
            self._taken.add(name)
        return self._names[t]

    def of(self, t: Type) -> Codec:
        match t:
            case Primitive():
                return self._primitive(t)
            case AnyType():
                return ANY
            case Literal(value):
                return self._literal(value)
            case Array(item):
                return self._array(t, self.of(item))
            case Map(value):
                return self._map(t, self.of(value))
            case Ref(name):
                return self._ref(name)
            case Union(variants):
                return self._union(self._name_for(t), variants, None)
        raise TypeError(f"unknown IR type {t!r}")  # pragma: no cover

    def _primitive(self, t: Primitive) -> Codec:
        if t.kind == "string" and t.format == "date-time":
            return Codec(
                "datetime",
                "date-time string (RFC 3339)",
                load=f"load_datetime({V})",
                # a loaded one's text without the call; dump_datetime gives
                # the same for any other (it returns `wire` when set)
                dump=f'getattr({V}, "wire", None) or dump_datetime({V})',
            )
        if t.kind == "string" and t.format == "date":
            return Codec("date", "date string", load=f"load_date({V})", dump=f"{V}.isoformat()")
        return {
            "string": Codec("str", "string", check=STR_CHECK),
            "integer": Codec("int", "integer", check=f"type({V}) is int"),
            "number": Codec("float", "number", check=f"type({V}) is float or type({V}) is int"),
            "boolean": Codec("bool", "boolean", check=f"isinstance({V}, bool)"),
            "null": Codec("None", "null", check=f"{V} is None"),
        }[t.kind]

    def _literal(self, value: Any) -> Codec:
        text = lit(value)
        if value is None:
            return Codec("None", "null", check=f"{V} is None")
        if isinstance(value, bool):
            return Codec(f"Literal[{text}]", f"{json.dumps(value)}", check=f"{V} is {text}")
        # JSON Schema const compares numbers by value (1 == 1.0) but never a bool
        number = f"{V} == {text} and not isinstance({V}, bool)"
        if isinstance(value, int):
            return Codec(f"Literal[{text}]", text, check=number, result=text)
        if isinstance(value, float):
            return Codec("float", text, check=number, result=text)
        return Codec(f"Literal[{text}]", f"the string {text}", check=f"{V} == {text}", result=text)

    def _array(self, t: Array, item: Codec) -> Codec:
        name = self._name_for(t)
        self.helpers.setdefault(
            name, Helper(name, "list", f"list[{item.annotation}]", "array", item=item)
        )
        var = f"_x{item.dump.count(' for _x')}"
        dump = f"[*{V}]" if item.dump == V else f"[{item.at(item.dump, var)} for {var} in {V}]"
        return Codec(
            f"list[{item.annotation}]",
            f"array of {item.expected}",
            load=f"_load_{name}({V})",
            dump=dump,
            precheck=f"isinstance({V}, list)" if item.any else "",
            convert=f"[*{V}]",
            label="array",
            copy=item.any,
        )

    def _map(self, t: Map, value: Codec) -> Codec:
        name = self._name_for(t)
        ann = f"dict[str, {value.annotation}]"
        self.helpers.setdefault(name, Helper(name, "map", ann, "object", item=value))
        n = value.dump.count(" for _k")
        k, x = f"_k{n}", f"_x{value.dump.count(' for _x')}"
        if value.dump == V:
            dump = f"{{**{V}}}"
        else:
            dump = f"{{{k}: {value.at(value.dump, x)} for {k}, {x} in {V}.items()}}"
        return Codec(
            ann,
            f"object of {value.expected}",
            load=f"_load_{name}({V})",
            dump=dump,
            precheck=f"isinstance({V}, dict)" if value.any else "",
            convert=f"{{**{V}}}",
            label="object",
            copy=value.any,
        )

    def _ref(self, name: str) -> Codec:
        model = self.models.get(name)
        match model:
            case ObjectModel() if free_form(model):
                return self._free_form(name)
            case ObjectModel():
                return Codec(
                    name,
                    f"{name} object",
                    load=f"{name}.from_dict({V})",
                    dump=f"{V}.to_dict()",
                    label=f"{name} object",
                )
            case EnumModel():
                return self._enum(model)
            case UnionModel():
                return self._union(name, model.variants, name)
            case AliasModel():
                return self._alias(model)
        raise SpecError([Diagnostic("", 0, f"dataclasses: reference to unknown model {name!r}")])

    def _free_form(self, name: str) -> Codec:
        """A field-less open object: its alias of `dict[str, Any]`, loaded and
        dumped as a copy; errors still name the model."""
        expected = f"{name} object"
        self.helpers.setdefault(name, Helper(name, "map", name, expected, item=ANY))
        return Codec(
            name,
            expected,
            load=f"_load_{name}({V})",
            dump=f"{{**{V}}}",
            precheck=f"isinstance({V}, dict)",
            convert=f"{{**{V}}}",
            label=expected,
            copy=True,
        )

    def _enum(self, m: EnumModel) -> Codec:
        values = [mem.value for mem in m.members]
        ints = bool(values) and all(isinstance(v, int) for v in values)
        strs = all(isinstance(v, str) for v in values)
        base = "int" if ints else ("str" if strs else "str | int")
        strict = self.strict_enums
        ann = m.name if strict else f"{m.name} | {base}"
        listed = ", ".join(lit(v) for v in values[:8]) + (", ..." if len(values) > 8 else "")
        expected = _short(f"{m.name} (one of {listed})" if strict else f"{m.name} ({base})")
        self.helpers.setdefault(
            m.name,
            Helper(m.name, "enum", ann, expected, enum=m.name, enum_base=base, strict=strict),
        )
        # str()/int() give a StrEnum/IntEnum member's value and leave a raw value as is
        if base in ("str", "int"):
            dump = f"{base}({V})"
        else:
            dump = f"{V}.value" if strict else f"({V}.value if isinstance({V}, {m.name}) else {V})"
        # open: any value of the base type loads, an unknown one stays raw
        return Codec(
            ann,
            expected,
            load=f"_load_{m.name}({V})",
            dump=dump,
            precheck="" if strict else enum_check(base),
            convert=f"{_values_table(m.name)}.get({V}, {V})",
            label=expected,
        )

    def _alias(self, m: AliasModel) -> Codec:
        if m.name not in self.helpers and m.name not in self._pending:
            self._pending.add(m.name)
            inner = self.of(m.type)
            self.helpers[m.name] = Helper(m.name, "alias", m.name, inner.expected, item=inner)
        inner_h = self.helpers.get(m.name)
        expected = inner_h.expected if inner_h else m.name
        return Codec(m.name, expected, load=f"_load_{m.name}({V})", dump=f"_dump_{m.name}({V})")

    def _union(self, name: str, variants: tuple[Type, ...], model: str | None) -> Codec:
        if name not in self.helpers and name not in self._pending:
            self._pending.add(name)
            ordered = sorted(variants, key=lambda v: self._rank(v, variants))
            codecs = tuple(self.of(v) for v in ordered)
            expansion = _union_parts([c.annotation for c in codecs])
            ann = model or expansion
            expected = _short("one of: " + ", ".join(c.expected for c in codecs))
            dump_models = tuple(
                v.model
                for v in ordered
                if isinstance(v, Ref)
                and isinstance(self.models.get(v.model), ObjectModel)
                and not free_form(self.models.get(v.model))
            )
            self.helpers[name] = Helper(
                name,
                "union",
                ann,
                expected,
                variants=codecs,
                dump_models=dump_models,
                expansion=expansion,
            )
        h = self.helpers.get(name)
        if model is not None:
            ann, expected = model, (h.expected if h else model)
        else:
            assert h is not None, "inline unions cannot be recursive"
            ann, expected = h.annotation, h.expected
        return Codec(ann, expected, load=f"_load_{name}({V})", dump=f"_dump_{name}({V})")

    def _rank(self, t: Type, variants: tuple[Type, ...]) -> tuple[int, int, int]:
        """The documented union try order: cheap, exact checks first; among
        objects, the one with more required fields first (so a payload meant
        for a richer variant is not swallowed by a looser one); ties keep the
        documented order."""
        pos = variants.index(t)
        match t:
            case Primitive("null") | Literal(None):
                return (0, 0, pos)
            case Literal():
                return (1, 0, pos)
            case Primitive("boolean"):
                return (2, 0, pos)
            case Primitive("integer"):
                return (3, 0, pos)
            case Primitive("number"):
                return (4, 0, pos)
            case Primitive("string", fmt) if fmt in ("date-time", "date"):
                return (5, 0, pos)
            case Ref(name) if isinstance(self.models.get(name), EnumModel):
                return (6, 0, pos)
            case Primitive("string"):
                return (7, 0, pos)
            case Ref(name) if isinstance(self.models.get(name), ObjectModel):
                m = self.models[name]
                assert isinstance(m, ObjectModel)
                required = sum(1 for f in m.fields if f.required)
                return (8, -required - (0 if m.open else 1), pos)
            case Array():
                return (9, 0, pos)
            case Map():
                return (10, 0, pos)
            case AnyType():
                return (12, 0, pos)
        return (11, 0, pos)  # aliases and unions by reference


# ------------------------------------------------------------------ views


def _docs(text: str, indent: int) -> str:
    """Wrap prose so docstring lines stay within the line length."""
    width = max(40, LINE - indent - 8)
    paras = text.strip().split("\n\n")
    return "\n\n".join(_fill(p.split(), width) for p in paras if p.strip())


def _fill(words: list[str], width: int) -> str:
    """Greedy fill at spaces (a longer word gets its own line), measured as the
    `docstring` filter writes the words: `"` becomes `\\"`, so textwrap's
    count of the raw text let escaped lines run past the line length."""
    lines: list[str] = []
    line, used = "", 0
    for w in words:
        n = docstring_width(w)
        if line and used + 1 + n > width:
            lines.append(line)
            line, used = "", 0
        line, used = (f"{line} {w}", used + 1 + n) if line else (w, n)
    return "\n".join([*lines, line])


def _safe_py_names(fields: tuple[Field, ...]) -> list[str]:
    """The IR's py_names, re-checked: hand-built IR must not break the output."""
    names = []
    for f in fields:
        n = f.py_name
        bad = (
            not n.isidentifier()
            or not n.isascii()
            or keyword.iskeyword(n)
            or keyword.issoftkeyword(n)
            or n.startswith("_")
            or n in naming.RESERVED_FIELD_NAMES
        )
        names.append(naming.py_identifier(n) if bad else n)
    return naming.uniquify(names)


@dataclass(frozen=True)
class FieldView:
    py_name: str
    wire: str  # Python literal of the wire name
    var: str  # local variable in from_dict / to_dict
    annotation: str
    default: str  # "" for required fields
    doc: str
    mode: str  # any | check | load | convert
    required: bool
    nullable: bool  # and the type is not Any
    fail: tuple[str, ...]  # conjuncts, once the value is known present: the check failed
    load: str
    expected: str
    precheck: str  # mode convert: true when the value converts (`fail` negated)
    convert: str  # mode convert: the conversion once `fail` is false
    label: str  # mode convert: `expected` of the error when `fail` is true
    dump: str  # expression over var
    dump_guard: tuple[str, ...]  # conjuncts: true when the field is written
    dump_null: bool  # nullable and converting: None written as is
    dump_local: bool  # to_dict reads the attribute into `var` (guarded or converted)
    value: str  # to_dict: the JSON value of a set field

    @property
    def entry(self) -> tuple[str, str]:
        """to_dict: the field's entry in a dict display."""
        return (self.wire, self.value)


def enum_check(base: str) -> str:
    """The type check of an enum's values (its `base`: str, int or both)."""
    return {
        "int": f"type({V}) is int",
        "str": STR_CHECK,
    }.get(base, f"{STR_CHECK} or type({V}) is int")


def negate(check: str) -> str:
    """The negation of a check, written the way ruff wants it."""
    if " and " in check or " or " in check:
        return f"not ({check})"
    if check.count(" is ") == 1 and " is not " not in check:  # E714: `x is not y`
        return check.replace(" is ", " is not ")
    if check.startswith("isinstance(") and check.endswith(")"):
        return f"not {check}"
    return f"not ({check})"


def _field_view(f: Field, py_name: str, codec: Codec, index: int) -> FieldView:
    # locals: f_<name>, or f_<index> for long names so expressions stay short
    var = f"f_{py_name}" if len(py_name) <= 24 else f"f_{index}"
    # Where the docs cannot say whether null is allowed, null is accepted (and kept):
    # refusing an answer the API documents as valid helps nobody.
    nullable = (f.nullable or not f.nullable_known) and not codec.any
    ann = codec.annotation
    if nullable:
        ann = _union_parts([ann, "None"])
    if not f.required:
        ann = f"{ann} | Unset"
    doc_parts = [f.description.strip()] if f.description.strip() else []
    if f.deprecated:
        doc_parts.insert(0, "Deprecated.")
    doc = _docs(" ".join(doc_parts), 4) if doc_parts else ""
    if f.wire_name != py_name:
        doc = (doc + "\n\n" if doc else "") + _docs(f"JSON key: `{f.wire_name}`.", 4)
    mode = "any" if codec.any else ("check" if codec.check else "load")
    if mode == "load" and codec.precheck:
        mode = "convert"
    fail: list[str] = []
    if mode == "check":
        # the type check first: a valid value is decided by one test
        fail.append(negate(codec.at(codec.check, var)))
        if nullable:
            fail.append(f"{var} is not None")
    elif mode == "convert":
        fail.append(negate(codec.at(codec.precheck, var)))
    elif mode == "any" and f.required:
        fail.append(f"{var} is UNSET")
    dump_guard = [] if f.required else [f"{var} is not UNSET"]
    dump = codec.at(codec.dump, var)
    dump_null = nullable and codec.dump != V
    dump_local = bool(dump_guard) or codec.dump != V
    if not dump_local:
        value = f"self.{py_name}"
    else:
        value = f"None if {var} is None else {dump}" if dump_null else dump
    return FieldView(
        py_name=py_name,
        wire=lit(f.wire_name),
        var=var,
        annotation=ann,
        default="" if f.required else "UNSET",
        doc=doc,
        mode=mode,
        required=f.required,
        nullable=nullable,
        fail=tuple(fail),
        load=codec.at(codec.load, var),
        expected=codec.expected if not nullable else f"{codec.expected} or null",
        precheck=codec.at(codec.precheck, var),
        convert=codec.at(codec.convert, var),
        label=codec.label,
        dump=dump,
        dump_guard=tuple(dump_guard),
        dump_null=dump_null,
        dump_local=dump_local,
        value=value,
    )


def _model_doc(m: Model) -> str:
    if m.description.strip():
        return _docs(m.description, 4)
    return _docs(f"{m.name}, from {m.source.file} (the docs give no description).", 4)


def _alias_order(spec: Spec, names: list[str]) -> tuple[list[str], set[str]]:
    """Aliases so each is defined after those it names; a cycle gets quoted."""
    models = spec.model_map()
    deps = {n: {r for r in model_refs(models[n]) if r in names} for n in names}
    done: list[str] = []
    quoted: set[str] = set()
    visiting: set[str] = set()

    def visit(n: str) -> None:
        if n in done:
            return
        if n in visiting:
            quoted.add(n)
            return
        visiting.add(n)
        for d in sorted(deps[n]):
            visit(d)
        visiting.discard(n)
        done.append(n)

    for n in names:
        visit(n)
    return done, quoted


IMPORTABLE = {
    "dataclasses": ("dataclass", "field"),
    "datetime": ("date", "datetime"),
    "enum": ("Enum", "IntEnum", "StrEnum"),
    "operator": ("itemgetter",),
    "typing": ("Any", "ClassVar", "Literal", "Self", "TypeAlias"),
    # isort order: constants, classes, then functions
    "codec": (
        "UNSET",
        "ModelError",
        "Unset",
        "WireDateTime",
        "bad_item",
        "dump_datetime",
        "extra_items",
        "field_error",
        "load_date",
        "load_datetime",
        "locate",
        "model_repr",
        "to_json",
        "unknown_key_error",
    ),
}


# String literals and comments of the rendered code (docstrings, wire names,
# error labels: doc text only ever sits in these), so names are read from code
# only; one regex pass where `tokenize` took most of the target's render time.
# The models templates write no f-strings: a name used only inside one would
# be blanked out with it (ruff's F821 on the tests' builds would say so).
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*",
    re.S,
)
_NAME = re.compile(r"[A-Za-z_]\w*")


def _imports(code: str) -> dict[str, list[str]]:
    """Exactly the names the rendered models use (names in code, not in docstrings)."""
    names = set(_NAME.findall(_STRINGS.sub(" ", code)))
    names |= {"UNSET", "ModelError", "Unset", "WireDateTime"}  # re-exported by __all__
    return {mod: [n for n in avail if n in names] for mod, avail in IMPORTABLE.items()}


def _variant(c: Codec, var: str) -> dict[str, Any]:
    kind = "any" if c.any else ("check" if c.check else "load")
    # `f(V)` loads: `f` itself, so a list maps it without a comprehension
    call = c.load.endswith(f"({V})") and c.load.count(V) == 1 and "(" not in c.load[:-3]
    return {
        "kind": kind,
        "check": c.at(c.check, var),
        "result": c.at(c.result, var),
        "load": c.at(c.load, var),
        "func": c.load[:-3] if call else "",
        "convert": c.at(c.convert, var),
        "copies": c.copy,
        "expected": c.expected,
    }


def _sig_alias(name: str) -> str:
    alias = f"_{name}_T"
    fits = len(f"def _load_{name}(v: object) -> {alias}:") <= LINE
    return alias if fits else f"_T_{_digest(name)}"


def class_line(name: str, bases: tuple[str, ...] = ()) -> str:
    """`class Name(Base):`, the bases on their own line when long; a name too
    long for any layout (over ~90 characters) keeps its line, marked for E501."""
    one = f"class {name}({', '.join(bases)}):" if bases else f"class {name}:"
    if len(one) <= LINE:
        return one
    if bases and len(f"class {name}(") <= LINE:
        return call(0, f"class {name}(", list(bases), "):")
    return f"{one}  # noqa: E501 (the docs' name)"


def signature(name: str, param: str, returns: str) -> str:
    """`def name(param) -> returns:`, the parameter on its own line when long
    (a name of a hundred characters: bridge-php's inline response models)."""
    one = f"def {name}({param}) -> {returns}:"
    return one if len(one) <= LINE else f"def {name}(\n    {param},\n) -> {returns}:"


def _helper_view(h: Helper) -> dict[str, Any]:
    # a long annotation gets a private alias so the signatures stay one line
    long = (
        len(f"def _load_{h.name}(v: object) -> {h.annotation}:") > LINE
        or len(f"def _dump_{h.name}(v: {h.annotation}) -> Any:") > LINE
    )
    ann = _sig_alias(h.name) if long else h.annotation
    view: dict[str, Any] = {
        "name": h.name,
        "kind": h.kind,
        "annotation": ann,
        "load_sig": signature(f"_load_{h.name}", "v: object", ann),
        "dump_sig": signature(f"_dump_{h.name}", f"v: {ann}", "Any"),
        "alias_of": h.annotation if long else "",
        "expected": h.expected,
        "dump_models": list(h.dump_models),
        "enum": h.enum,
        "strict": h.strict,
    }
    if h.item is not None:
        view["item"] = _variant(h.item, "x")
        view["item_fail"] = negate(h.item.at(h.item.check, "x"))
        if h.item.copy:
            view["item_precheck_fail"] = negate(h.item.at(h.item.precheck, "x"))
        view["value"] = _variant(h.item, "v")
        view["dump"] = h.item.at(h.item.dump, "v")
        # items that must be str: one str.join checks them all in C
        view["str_items"] = h.item.check == STR_CHECK
    view["variants"] = [_variant(c, "v") for c in h.variants]
    if h.kind == "enum":
        view["key"] = h.enum_base
        view["check"] = enum_check(h.enum_base).replace(V, "v")
        view["table"] = table = _values_table(h.name)
        one = f"{table} = {{m.value: m for m in {h.enum}}}"
        view["table_def"] = (
            one if len(one) <= LINE else f"{table} = {{\n    m.value: m\n    for m in {h.enum}\n}}"
        )
    return view


def _values_table(name: str) -> str:
    """An enum's value -> member table; a shorter stable name for a long enum
    name, so `return <table>.get(v, v)` fits the line (kombo-ruby: 84 characters)."""
    table = f"_{name}_VALUES"
    fits = len(f"        return {table}.get(v, v)") <= LINE
    return table if fits else f"_{name[:40]}_{_digest(name)}_VALUES"


def isort_key(name: str) -> tuple[Any, ...]:
    """ruff's isort order for imported names: constants, classes, then the rest;
    case-insensitive natural order (Model2 before Model10), then case."""

    def natural(text: str) -> list[tuple[int, int | str]]:
        return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text) if p]

    if len(name) > 1 and name.upper() == name and name.lower() != name:
        rank = 0
    elif name[:1].isupper():
        rank = 1
    else:
        rank = 2
    return (rank, natural(name.lower()), natural(name))


def _object_view(m: ObjectModel, codecs: Codecs) -> dict[str, Any]:
    names = _safe_py_names(m.fields)
    fields = [
        _field_view(f, n, codecs.of(f.type), i)
        for i, (f, n) in enumerate(zip(m.fields, names, strict=True))
    ]
    return {
        "name": m.name,
        "doc": _model_doc(m),
        "open": m.open,
        "fields": fields,
        "wire_keys": sorted(f.wire for f in fields),
        # from_dict fetches every key in one call when all may be there
        # (`itemgetter` of one key returns the value, not a tuple)
        "fetch": len(fields) >= FETCH_MIN,
        # to_dict writes one dict display when every optional field is set
        "guards": [g for f in fields for g in f.dump_guard],
    }


def _enum_view(m: EnumModel) -> dict[str, Any]:
    members = []
    idents = naming.uniquify(mem.py_name for mem in m.members)
    for mem, ident in zip(m.members, idents, strict=True):
        if not ident.isidentifier() or keyword.iskeyword(ident) or ident.startswith("_"):
            ident = naming.enum_member_identifier(ident, mem.value)
        members.append(
            {
                "py_name": ident,
                "value": lit(mem.value),
                "doc": _docs(mem.description, 4) if mem.description.strip() else "",
            }
        )
    values = [mem.value for mem in m.members]
    if values and all(isinstance(v, int) for v in values):
        base = "IntEnum"
    elif all(isinstance(v, str) for v in values):
        base = "StrEnum"
    else:
        base = "Enum"
    return {"name": m.name, "doc": _model_doc(m), "base": base, "members": members}


def _alias_annotation(h: Helper) -> str:
    if h.kind == "union":
        return h.expansion
    if h.kind == "map":  # a free-form object
        return f"dict[str, {(h.item or ANY).annotation}]"
    return (h.item or ANY).annotation


def _alias_views(spec: Spec, codecs: Codecs) -> list[dict[str, Any]]:
    """Unions, aliases and free-form objects: each a named type alias."""
    names = [
        m.name for m in spec.models if isinstance(m, UnionModel | AliasModel) or free_form(m)
    ]
    for n in names:
        codecs.of(Ref(n))
    order, quoted = _alias_order(spec, names)
    models = spec.model_map()
    views = []
    for n in order:
        h = codecs.helpers[n]
        views.append(
            {
                "name": n,
                "doc": _model_doc(models[n]),
                "annotation": _alias_annotation(h),
                "quoted": n in quoted,
            }
        )
    return views


def emit(spec: Spec, ctx: EmitContext) -> dict[str, str]:
    pkg = ctx.package
    codecs = Codecs(spec, strict_enums=ctx.config.strict)
    object_views = [
        _object_view(m, codecs)
        for m in spec.models
        if isinstance(m, ObjectModel) and not free_form(m)
    ]
    enum_views = [_enum_view(m) for m in spec.models if isinstance(m, EnumModel)]
    alias_views = _alias_views(spec, codecs)
    helpers = [_helper_view(h) for _, h in sorted(codecs.helpers.items())]
    values = {
        "enums": enum_views,
        "objects": object_views,
        "aliases": alias_views,
        "helpers": helpers,
        "strict": ctx.config.strict,
        "decl": decl,
        "cond": cond,
        "call": call,
        "class_line": class_line,
        "assign": assign,
        "stmt": stmt,
        "display": display,
        "lit": lit,
        "alias_def": alias_def,
    }
    body = ctx.render("dataclasses/models_body.py.j2", **values).rstrip() + "\n"
    models_text = ctx.render(
        "dataclasses/models.py.j2",
        body=body,
        imports=_imports(body),
        names=sorted([m.name for m in spec.models]),
    )
    files: dict[str, str] = {
        f"{pkg}/models.py": models_text.rstrip() + "\n",
        f"{pkg}/_codec.py": ctx.render("dataclasses/_codec.py.j2").rstrip() + "\n",
        f"{pkg}/__init__.py": ctx.render(
            "dataclasses/__init__.py.j2",
            names=sorted([m.name for m in spec.models], key=isort_key),
            targets=list(ctx.config.targets),
        ),
        f"{pkg}/py.typed": "",
        "pyproject.toml": ctx.render(
            "dataclasses/pyproject.toml.j2",
            toml_name=json.dumps(pkg.replace("_", "-")),
            toml_version=json.dumps(ctx.config.version or "0.1.0"),
            toml_description=json.dumps(
                f"{ctx.config.title or pkg}: models generated by specgen", ensure_ascii=True
            ),
            toml_package=json.dumps(pkg),
            targets=list(ctx.config.targets),
        ),
    }
    if "jsonschema" not in ctx.config.targets:  # the schemas ship as package data
        files.update(jsonschema.emit(spec, ctx))
    return files


def lit(value: str | int | float | bool | None) -> str:
    """A Python literal for a JSON scalar: repr(), with strings double-quoted
    the way ruff format writes them (repr escapes every control character)."""
    text = repr(value)
    if not isinstance(value, str) or text.startswith('"'):
        return text
    # repr chose single quotes: so every ' in the body is escaped and no " is
    body = text[1:-1].replace("\\'", "'").replace('"', '\\"')
    return f'"{body}"'


# ------------------------------------------------------------------ layout
# Small layout helpers the templates call, so long lines wrap the way ruff
# format would wrap them and the output stays within the line length.


def decl(name: str, annotation: str, default: str) -> str:
    """A class-body field declaration, four spaces in."""
    tail = f" = {default}" if default else ""
    one = f"    {name}: {annotation}{tail}"
    if len(one) <= LINE:
        return one
    return f"    {name}: (\n        {fmt_type(annotation, 8)}\n    ){tail}"


def split_top(text: str, sep: str) -> list[str]:
    """`text` split at `sep` outside brackets and string literals."""
    parts: list[str] = []
    depth, quote, escaped, start = 0, "", False, 0
    for i, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def split_union(annotation: str) -> list[str]:
    """The top-level `|` parts of an annotation."""
    return split_top(annotation, "|")


def fmt_type(ann: str, indent: int) -> str:
    """An annotation laid out inside brackets: one union part or one generic
    argument per line once it no longer fits (ruff format's shape)."""
    pad = " " * indent
    if len(pad + ann) <= LINE:
        return ann
    parts = split_union(ann)
    if len(parts) > 1:
        return f"\n{pad}| ".join(fmt_type(p, indent + 2) for p in parts)
    if ann.endswith("]") and "[" in ann:
        head, inner = ann[: ann.index("[")], ann[ann.index("[") + 1 : -1]
        args = [f"{pad}    {fmt_type(a, indent + 4)},\n" for a in split_top(inner, ",")]
        return f"{head}[\n{''.join(args)}{pad}]"
    return ann


def alias_def(name: str, annotation: str) -> str:
    """`Name: TypeAlias = A | B`, laid out over lines when long."""
    one = f"{name}: TypeAlias = {annotation}"
    if len(one) <= LINE:
        return one
    return f"{name}: TypeAlias = (\n    {fmt_type(annotation, 4)}\n)"


def cond(indent: int, parts: list[str] | tuple[str, ...]) -> str:
    """`if a and b:`, or the parenthesised one-conjunct-per-line form."""
    pad = " " * indent
    one = f"{pad}if {' and '.join(parts)}:"
    if len(one) <= LINE:
        return one
    inner = pad + "    "
    lines = []
    for i, p in enumerate(parts):
        lead = "" if i == 0 else "and "
        # measured from where the operand starts, after its `and `
        lines.append(f"{inner}{lead}{break_expr(p, indent + 4 + len(lead))}")
    return "\n".join([f"{pad}if (", *lines, f"{pad}):"])


def call(
    indent: int, head: str, args: list[str] | tuple[str, ...], tail: str = ")", comma: bool = True
) -> str:
    """`head(a, b)tail`, or one argument per line (trailing comma unless told not)."""
    pad = " " * indent
    one = f"{pad}{head}{', '.join(args)}{tail}"
    if len(one) <= LINE or not args:
        return one
    inner = pad + "    "
    end = "," if comma else ""
    lines = [_split_literal(_lambda_arg(f"{inner}{a}{end}")) for a in args]
    return "\n".join([f"{pad}{head}", *lines, f"{pad}{tail}"])


def _lambda_arg(line: str) -> str:
    """A `lambda x: <body>,` argument too long for its line: the body in
    parentheses on a line of its own."""
    text = line.lstrip()
    pad = line[: len(line) - len(text)]
    if len(line) <= LINE or not text.startswith("lambda x: "):
        return line
    end = "," if text.endswith(",") else ""
    body = text[len("lambda x: ") : len(text) - len(end)]
    return f"{pad}lambda x: (\n{pad}    {body}\n{pad}){end}"


def _split_literal(line: str) -> str:
    """A string literal argument too long for its line (`"<100-character model
    name> object or null",`), split into adjacent literals that fit; a word
    that cannot fit gets a literal of its own, a line without whitespace that
    ruff's E501 lets run long."""
    text = line.lstrip()
    pad = line[: len(line) - len(text)]
    end = "," if text.endswith(",") else ""
    lit_ = text[: len(text) - len(end)]
    if len(line) <= LINE or not re.fullmatch(r'"[^"\\]*"', lit_) or " " not in lit_:
        return line
    chunks: list[str] = []
    cur = ""
    for part in re.findall(r" +|[^ ]+", lit_[1:-1]):
        if cur and len(f'{pad}"{cur}{part}"{end}') > LINE:
            chunks.append(cur)
            cur = ""
        cur += part
    return "\n".join(f'{pad}"{c}"' for c in [*chunks, cur]) + end


def display(indent: int, head: str, entries: list[tuple[str, str]]) -> str:
    """`head{k: v, ...}` (`out = {...}`), one entry per line once it is long;
    a long value in parentheses, broken as `stmt` breaks it."""
    pad = " " * indent
    one = f"{pad}{head}{{{', '.join(f'{k}: {v}' for k, v in entries)}}}"
    if len(one) <= LINE or not entries:
        return one
    inner = pad + "    "
    lines = [f"{pad}{head}{{"]
    for k, v in entries:
        entry = f"{inner}{k}: {v},"
        if len(entry) > LINE:
            entry = f"{inner}{k}: (\n{inner}    {break_expr(v, indent + 8)}\n{inner}),"
        lines.append(entry)
    return "\n".join([*lines, f"{pad}}}"])


def stmt(indent: int, head: str, expr: str) -> str:
    """`head expr` (`return x`, `y = x`), or the expression in parentheses."""
    pad = " " * indent
    one = f"{pad}{head} {expr}"
    if len(one) <= LINE:
        return one
    display = _break_display(expr, indent)
    if display is not None:  # brackets of its own: no parentheses around them
        return f"{pad}{head} {display}"
    return f"{pad}{head} (\n{pad}    {break_expr(expr, indent + 4)}\n{pad})"


def _top_level(text: str, token: str) -> int:
    """Index of `token` outside brackets and strings, or -1."""
    depth, quote = 0, ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = ""
        elif depth == 0 and text.startswith(token, i):
            return i
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
    return -1


def break_expr(expr: str, indent: int) -> str:
    """A long comprehension or conditional expression over several lines
    (inside brackets, so any line break is legal)."""
    pad = " " * indent
    if len(pad + expr) <= LINE:
        return expr
    inner = pad + "    "
    display = _break_display(expr, indent)
    if display is not None:
        return display
    i, j = _top_level(expr, " if "), _top_level(expr, " else ")
    if 0 <= i < j:
        # `else a if b else c` (chained) or `else [... for ...]`: broken in turn
        rest = "else " + break_expr(expr[j + 6 :], indent + 5)  # measured after `else `
        return f"{expr[:i]}\n{pad}{expr[i + 1 : j]}\n{pad}{rest}"
    if expr.startswith("not (") and expr.endswith(")") and _top_level(expr[4:], " ") < 0:
        return f"not (\n{inner}{break_expr(expr[5:-1], indent + 4)}\n{pad})"
    for op in (" or ", " and "):  # a boolean chain: one operand per line
        if _top_level(expr, op) >= 0:
            operands = _split_at(expr, op)
            return f"\n{pad}{op.strip()} ".join(operands)
    open_at = _top_level(expr, "(")
    if open_at > 0 and expr.endswith(")") and _top_level(expr[open_at:], " ") < 0:
        # a call: its arguments on their own line
        args = break_expr(expr[open_at + 1 : -1], indent + 4)
        return f"{expr[: open_at + 1]}\n{inner}{args}\n{pad})"
    return expr


def _break_display(expr: str, indent: int) -> str | None:
    """A comprehension over lines (item, then `for ...`), or a one-element
    display (`[*map(f, v)]`) with the element on a line of its own; None for
    anything else."""
    if expr[:1] not in "[{" or _top_level(expr, " ") >= 0:
        return None
    pad, body = " " * indent, expr[1:-1]
    inner = pad + "    "
    i = _top_level(body, " for ")
    if i >= 0:
        item = break_expr(body[:i], indent + 4)
        return f"{expr[0]}\n{inner}{item}\n{inner}{body[i + 1 :]}\n{pad}{expr[-1]}"
    if _top_level(body, ", ") < 0:
        return f"{expr[0]}\n{inner}{break_expr(body, indent + 4)}\n{pad}{expr[-1]}"
    return None


def _split_at(expr: str, op: str) -> list[str]:
    parts = []
    while (i := _top_level(expr, op)) >= 0:
        parts.append(expr[:i])
        expr = expr[i + len(op) :]
    return [*parts, expr]


def assign(indent: int, target: str, expr: str) -> str:
    return stmt(indent, f"{target} =", expr)
