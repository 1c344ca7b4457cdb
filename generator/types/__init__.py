"""Stage 2: the text of a Type cell -> an IR type, by a table-driven grammar.

One small recursive-descent parser serves every dialect; a dialect is only data
(`Dialect`): which scalar names it has, which generic wrappers (`Record<..>`,
`List[..]`, `Crystalline::Nilable.new(..)`), which external links name types
(`[Date](https://...)`), and whether arrays are written `T[]` or `[]T`.  Adding
a dialect is one module with one `Dialect` value, registered in `DIALECTS`.

Grammar (over the cell's inline parts; links are single tokens):

    union    := postfix ('|' postfix)*
    postfix  := prefix ('[' ']')*                 -- when array_suffix
    prefix   := ('[' ']' | '*' | '?')* primary     -- slices, pointers, ?nullable
    primary  := LINK | STRING | NUMBER | IDENT [open args close]
    args     := union (',' union)*
"""

from __future__ import annotations

import functools
import importlib
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal as _Lit

from ..ir import NULL, AnyType, Array, Literal, Map, Primitive, Ref, Type, Union
from ..parse import Cell, Part

# ------------------------------------------------------------ parsed types


@dataclass(frozen=True, slots=True)
class Parsed:
    """A type plus what the wrappers around it said."""

    type: Type
    nullable: bool = False
    optional: bool = False  # a hint only: the Required column decides
    plumbing: bool = False  # SDK-only type (raw HTTP response, request config)
    # "may be absent or null" (Go `*T`, PHP `?T`, Ruby `Nilable`): nullable
    # only where the field is required, since an optional field needs it anyway.
    maybe_null: bool = False
    # A link naming several models (`[A|B](page.md)`, Ruby `[Union.new(A, B)](x.md)`):
    # the page it points at, as a ref key; `type` holds the union read from the text.
    page: str = ""
    # The outermost form: "array" / "map" (a container), "external" (a linked
    # language type), a wrapper's kind, or "" (see Dialect.unwrapped).
    outer: str = ""
    # A server-sent event stream of `type` (Speakeasy's `EventStream<T>`): kept
    # through the optional/nullable wrappers around it (Go's `*stream.EventStream[T]`).
    stream: bool = False


GenericKind = _Lit[
    "array",
    "map",
    "optional",
    "nullable",
    "optional_nullable",
    "maybe",  # optional-or-nullable, see Parsed.maybe_null
    "list_or_map",  # PHP array<T> / array<K, V>
    "union",
    "literal",
    "same",
    "stream",  # server-sent events of T (`EventStream<T>`)
    "plumbing",  # an SDK-only type whatever its arguments: Java `HttpResponse<byte[]>`
]


@dataclass(frozen=True)
class Dialect:
    """A documentation dialect's type vocabulary (see the module docstring)."""

    name: str
    scalars: Mapping[str, Type]
    generics: Mapping[str, GenericKind] = field(default_factory=dict)
    externals: Mapping[str, Type | None] = field(default_factory=dict)  # None: SDK plumbing
    namespaces: tuple[str, ...] = ()  # stripped from model names: "components."
    array_suffix: bool = False  # T[]
    # `T[]` that names a scalar of its own, not an array: Java/C# `byte[]` (file
    # content).  The markdown target writes it where no scalar says the type.
    array_of: Mapping[str, Type] = field(default_factory=dict)
    slice_prefix: bool = False  # []T
    pointer_optional: bool = False  # *T marks optional/nullable (Go)
    question_nullable: bool = False  # ?T (PHP)
    wildcards: bool = False  # Java `?`, `? extends T`, `? super T` as type arguments
    plumbing_names: frozenset[str] = frozenset()  # parameter rows that are SDK-only
    bracket_maps: frozenset[str] = frozenset()  # Go `map[K]V`
    trailing: tuple[str, ...] = ()  # text after the type: Go `**[*X](x.md), error**`
    # Non-empty when `## Supported Types` headings name variants rather than
    # types (C# `### Str`, `### ArrayOfX`, `### ProviderName`): the scalar names.
    variant_names: Mapping[str, Type] = field(default_factory=dict)
    prefix_words: Mapping[str, GenericKind] = field(default_factory=dict)  # `array of T` (plain)
    # Optional hook for unusual cells; returns None to fall back to the grammar.
    special: Callable[[Cell], Parsed | None] | None = None
    # Names of "no value" (TypeScript `void`, Go's bare `error`): an operation
    # answering only that has no body.  Not a null marker (see `null_marker`).
    void_names: frozenset[str] = frozenset()
    # Outermost forms the dialect never wraps in its null marker, so a cell of
    # that form leaves nullability unknown (`Parsed.outer`): Speakeasy Python
    # writes `List[..]`, `Dict[..]` and `[date](..)` bare even when nullable.
    unwrapped: frozenset[str] = frozenset()
    # Whole cells the grammar would read otherwise: Go's `[]byte` is binary.
    cells: Mapping[str, Type] = field(default_factory=dict)
    # `{ [k: string]: T }`: an index signature is a map (TypeScript)
    index_maps: bool = False
    # Reads a `### Variant`'s type from its code sample instead of the heading
    # (Go: `components.CreateLocStr(string{/* values here */})`): group `type`.
    variant_sample: re.Pattern[str] | None = None
    # The SDK's methods take an inline request body's properties as their own
    # arguments (Speakeasy Python): parameter rows may be the body's fields.
    flattened_bodies: bool = False
    # The user's type map (`type-map.md`), read before everything above: a whole
    # cell, or an identifier (by its full name or last segment).
    user_types: Mapping[str, Type] = field(default_factory=dict)


NullMarker = _Lit["explicit", "maybe", "none"]


def null_marker(d: Dialect) -> NullMarker:
    """How a dialect's Type cells say a value may be null, read from its grammar:
    'explicit' (a `Nullable`-style wrapper or `| null`), 'maybe' (one wrapper for
    absent-or-null, so nullability shows on required fields only) or 'none'."""
    kinds = set(d.generics.values()) | set(d.prefix_words.values())
    if "nullable" in kinds or "optional_nullable" in kinds:
        return "explicit"
    if "maybe" in kinds or d.pointer_optional or d.question_nullable:
        return "maybe"  # PHP's `T|null` is its `?T`: maybe too
    return "explicit" if NULL in d.scalars.values() else "none"


def nullable_known(d: Dialect, required: bool, said_null: bool, outer: str = "") -> bool:
    """Whether a field's docs settle its nullability: a cell that says null always
    does; otherwise only a dialect that could have said it on this field, in a
    form it wraps at all (Python never writes `Nullable[List[..]]`)."""
    marker = null_marker(d)
    if outer in d.unwrapped:
        return said_null
    return said_null or marker == "explicit" or (marker == "maybe" and required)


class TypeSyntaxError(Exception):
    """A Type cell no grammar rule reads: degraded to any, or an error (setting)."""


class TypeStructureError(TypeSyntaxError):
    """A cell no setting may degrade: hostile nesting, or a link to a model doc
    outside the tree (`file:`, a web server): always an error."""


# ---------------------------------------------------------------- tokens

_PUNCT = "<>[](),|*?{}"
_ESCAPED = tuple("<>[](),|*?")  # `\\` before one of these is an escape, not a PHP namespace


@dataclass(frozen=True, slots=True)
class Tok:
    """A token of a Type cell; a link is one token."""

    kind: _Lit["ident", "string", "number", "punct", "link"]
    text: str
    href: str = ""


def _is_ident_start(c: str) -> bool:
    return c.isalpha() or c in "_:\\$"


def _is_ident_char(c: str) -> bool:
    return c.isalnum() or c in "_:\\$.-"


def tokenize_text(s: str) -> list[Tok]:
    return list(_tokens(s))


# Every dialect tokenizes the same cell during detection, and cell texts recur
# (`*string*`): tokens are immutable, so one tuple per text is shared.
@functools.lru_cache(maxsize=1 << 14)
def _tokens(s: str) -> tuple[Tok, ...]:
    out: list[Tok] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
        elif c == "\\" and s[i + 1 : i + 2] in _ESCAPED:
            i += 1  # `List\\<X>`: a markdown escape written twice, left as `\\<`
        elif c in _PUNCT:
            out.append(Tok("punct", c))
            i += 1
        elif c in "\"'":
            j = s.find(c, i + 1)
            if j < 0:
                raise TypeSyntaxError(f"unterminated string in {s!r}")
            out.append(Tok("string", s[i + 1 : j]))
            i = j + 1
        elif c.isdigit() or (c == "-" and i + 1 < n and s[i + 1].isdigit()):
            j = i + 1
            while j < n and (s[j].isdigit() or s[j] == "."):
                j += 1
            out.append(Tok("number", s[i:j]))
            i = j
        elif _is_ident_start(c):
            j = i + 1
            while (
                j < n
                and _is_ident_char(s[j])
                and not (s[j] == "\\" and s[j + 1 : j + 2] in _ESCAPED)
            ):
                j += 1
            # "Crystalline::Boolean.new" and "Nilable.new" stay one identifier;
            # a trailing "-" belongs to the next token.
            out.append(Tok("ident", s[i:j].rstrip("-")))
            i = j if not s[i:j].endswith("-") else j - 1
        else:
            raise TypeSyntaxError(f"unexpected {c!r} in {s!r}")
    return tuple(out)


def tokenize_cell(parts: Sequence[Part]) -> list[Tok]:
    out: list[Tok] = []
    for p in parts:
        if p.kind == "link":
            out.append(Tok("link", p.text, p.href))
        else:
            out.extend(_tokens(p.text))
    return out


# ---------------------------------------------------------------- refs

REF_SEP = "#"


def ref_key(target: str, name: str) -> str:
    """An unresolved reference: a spec-relative file path (may be '') and a name."""
    return f"{target}{REF_SEP}{name}"


# A by-name reference that came with a namespace (`operations.Input`) keeps its
# folder as a hint: `\0ns/operations#Input` (no path holds a NUL).
NAMESPACE_HINT = "\0ns/"


def namespaced_key(namespace: str, name: str) -> str:
    """A by-name reference with the namespace's folder (`components` of
    `Models::Components::`), preferred when two folders have the name."""
    folder = last_segment(namespace.rstrip(".:\\"))
    return ref_key(f"{NAMESPACE_HINT}{folder}" if folder else "", name)


def split_ref_key(key: str) -> tuple[str, str] | None:
    if REF_SEP not in key:
        return None
    target, _, name = key.rpartition(REF_SEP)
    return target, name


def is_external(href: str) -> bool:
    return "://" in href or href.startswith(("mailto:", "file:", "data:", "javascript:"))


def _is_doc_link(href: str) -> bool:
    """A web link to a markdown page: a model doc outside the tree (never fetched)."""
    return href.split("#", 1)[0].split("?", 1)[0].lower().endswith(".md")


def link_target(doc_path: str, href: str) -> str:
    """Spec-relative, normalised path of a relative link (may start with '..')."""
    href = href.split("#", 1)[0]
    if href.startswith("/"):
        return "/" + href.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), href))


# ---------------------------------------------------------------- parser

# Nesting bound: a hostile cell like `Array<Array<...` 3,000 deep must be a
# diagnostic, not a RecursionError (every nesting level passes `prefix`).
MAX_TYPE_DEPTH = 64


def last_segment(name: str) -> str:
    """`Models::Components::X`, `Components\\X`, `components.X` -> `X`."""
    for sep in ("::", "\\", "."):
        name = name.rpartition(sep)[2]
    return name.strip()


class _Parser:
    def __init__(
        self,
        dialect: Dialect,
        toks: Sequence[Tok],
        doc_path: str,
        href: str = "",
        trace: list[str] | None = None,
    ) -> None:
        self.d = dialect
        self.toks = toks
        self.i = 0
        self.doc_path = doc_path
        self.href = href  # inside a link: its href
        self.depth = 0
        self.trace = trace  # the grammar rules used, for `explain` (tests.corpus.survey)

    def note(self, rule: str) -> None:
        if self.trace is not None:
            self.trace.append(rule)

    # token helpers
    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at(self, text: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == "punct" and t.text == text

    def expect(self, text: str) -> None:
        if not self.at(text):
            got = self.peek()
            raise TypeSyntaxError(f"expected {text!r}, got {got.text if got else 'end'!r}")
        self.i += 1

    # grammar
    def parse_all(self) -> Parsed:
        if not self.toks:
            raise TypeSyntaxError("empty type")
        p = self.union()
        if self.peek() is not None:
            raise TypeSyntaxError(f"unexpected {self.peek().text!r}")  # type: ignore[union-attr]
        return p

    def union(self) -> Parsed:
        first = self.postfix()
        if not self.at("|"):
            return first
        items = [first]
        self.note("a | b")
        while self.at("|"):
            self.i += 1
            items.append(self.postfix())
        got = _union(items)
        if self.d.question_nullable and got.nullable:  # PHP: `T|null` is `?T`
            return replace(got, nullable=False, optional=True, maybe_null=True)
        return got

    def postfix(self) -> Parsed:
        t = self.peek()
        if (
            t is not None
            and t.kind == "ident"
            and t.text in self.d.array_of
            and self.at("[", 1)
            and self.at("]", 2)
        ):
            self.i += 3  # `byte[]`: a scalar of its own
            p = Parsed(self.d.array_of[t.text])
        else:
            p = self.prefix()
        while self.d.array_suffix and self.at("[") and self.at("]", 1):
            self.i += 2
            self.note("T[]")
            p = Parsed(Array(_with_null(p)), plumbing=p.plumbing)
        return p

    def prefix(self) -> Parsed:
        self.depth += 1
        if self.depth > MAX_TYPE_DEPTH:
            raise TypeStructureError(f"type nests deeper than {MAX_TYPE_DEPTH} levels")
        try:
            return self._prefix()
        finally:
            self.depth -= 1

    def _prefix(self) -> Parsed:
        word, of = self.peek(), self.peek(1)
        if (
            word is not None
            and word.kind == "ident"
            and word.text in self.d.prefix_words
            and of is not None
            and (of.kind, of.text) == ("ident", "of")
        ):  # `array of T`, `map of (T | null)`
            self.i += 2
            self.note(f"{word.text} of T")
            if self.at("("):
                self.i += 1
                inner = self.union()
                self.expect(")")
            else:
                inner = self.prefix()
            return _apply(self.d.prefix_words[word.text], word.text, [inner])
        if self.d.index_maps and self.at("{"):
            return self.index_map()
        if self.d.slice_prefix and self.at("[") and self.at("]", 1):
            self.i += 2
            self.note("[]T")
            inner = self.prefix()
            return Parsed(Array(_with_null(inner)), plumbing=inner.plumbing, outer="array")
        if self.d.wildcards and self.at("?"):
            self.i += 1
            bound = self.peek()
            if bound is not None and bound.kind == "ident" and bound.text in ("extends", "super"):
                self.i += 1
                return self.prefix()  # `? extends String`: a String
            return Parsed(AnyType())  # `HttpResponse<?>`
        if (self.d.pointer_optional and self.at("*")) or (
            self.d.question_nullable and self.at("?")
        ):
            self.note(f"{self.peek().text}T")  # type: ignore[union-attr]
            self.i += 1
            inner = self.prefix()
            return replace(inner, optional=True, maybe_null=True)
        return self.primary()

    def index_map(self) -> Parsed:
        """`{ [k: string]: T }` (the tokenizer reads `k:` and `:` as identifiers)."""
        self.note("{ [k: string]: T }")
        self.i += 1
        self.expect("[")
        while self.peek() is not None and not self.at("]"):
            self.i += 1  # the key's name and type: keys are strings
        self.expect("]")
        colon = self.peek()
        if colon is None or colon.text != ":":
            raise TypeSyntaxError("expected ':' after an index signature's key")
        self.i += 1
        value = self.union()
        self.expect("}")
        return Parsed(Map(_with_null(value)), plumbing=value.plumbing)

    def primary(self) -> Parsed:
        t = self.peek()
        if t is None:
            raise TypeSyntaxError("type ends too early")
        self.i += 1
        if t.kind == "link":
            return self.link(t)
        if t.kind in ("string", "number"):
            self.note("literal")
        if t.kind == "string":
            return Parsed(Literal(t.text))
        if t.kind == "number":
            return Parsed(Literal(float(t.text) if "." in t.text else int(t.text)))
        if t.kind != "ident":
            raise TypeSyntaxError(f"unexpected {t.text!r}")
        name = t.text
        opens = any(self.at(o) for o in "<[(")
        if not (opens and (name in self.d.generics or name in self.d.bracket_maps)):
            found = _user_type(self.d, name)
            if found is not None:
                self.note("type map")
                return Parsed(found)
        if name in self.d.generics and opens:
            return self.generic(name)
        if name in self.d.bracket_maps and self.at("["):  # map[string]V
            self.note(f"{name}[K]V")
            self.i += 1
            self.union()
            self.expect("]")
            value = self.prefix()
            return Parsed(Map(_with_null(value)), plumbing=value.plumbing, outer="map")
        if self.href and is_external(self.href) and name in self.d.externals:
            return self.external(name)  # a linked language type: its own table wins
        if name in self.d.void_names:
            self.note("void")
            return Parsed(NULL)
        if name in self.d.scalars:
            self.note("scalar")
            return Parsed(self.d.scalars[name])
        if self.href and not is_external(self.href):
            self.note("model link")
            return Parsed(
                Ref(ref_key(link_target(self.doc_path, self.href), self.model_name(name)))
            )
        if self.href:
            return self.external(name)
        if self.d.namespaces and name.startswith(self.d.namespaces):
            self.note("model name")
            bare = self.model_name(name)
            return Parsed(Ref(namespaced_key(name[: -len(bare)], bare)))
        raise TypeSyntaxError(f"unknown type {name!r}")

    def model_name(self, name: str) -> str:
        for ns in self.d.namespaces:
            if name.startswith(ns):
                return name[len(ns) :]
        return last_segment(name)

    def external(self, name: str) -> Parsed:
        ext = self.d.externals
        if name in ext:
            found = ext[name]
            self.note("external" if found is not None else "SDK plumbing")
            if found is None:
                return Parsed(AnyType(), plumbing=True)
            return Parsed(found, outer="external")
        error = TypeStructureError if _is_doc_link(self.href) else TypeSyntaxError
        raise error(f"unknown external type {name!r} ({self.href})")

    def link(self, t: Tok) -> Parsed:
        href = t.href
        if is_external(href):
            whole = t.text.strip()
            if whole in self.d.externals:  # `[HttpResponse<?>](https://...)`
                found = self.d.externals[whole]
                self.note("external" if found is not None else "SDK plumbing")
                if found is None:
                    return Parsed(AnyType(), plumbing=True)
                return Parsed(found, outer="external")
            if href.startswith(("http://", "https://")):
                inner = _tokens(t.text)
                return _Parser(self.d, inner, self.doc_path, href, self.trace).parse_all()
            raise TypeStructureError(f"link {href!r} is neither a model file nor a web page")
        inner = _tokens(t.text)
        # Only a link naming exactly one model points at that model's file;
        # Ruby writes `[Nilable.new(Union.new(A, B))](union.md)`: those names
        # resolve by name.
        models = [
            x
            for k, x in enumerate(inner)
            if x.kind == "ident"
            and not x.text.endswith(":")  # `{ [k: string]: T }`
            and x.text not in self.d.scalars
            and _user_type(self.d, x.text) is None
            and not (
                x.text in self.d.generics
                and k + 1 < len(inner)
                and inner[k + 1].text in ("<", "[", "(")
            )
            and not (self.d.wildcards and k > 0 and inner[k - 1].text == "?")  # `? extends`
        ]
        sub = _Parser(self.d, inner, self.doc_path, href if len(models) == 1 else "", self.trace)
        if len(models) != 1:
            sub.href = ""
            got = sub.parse_all()
            if isinstance(got.type, Union) and href.split("#", 1)[0]:
                self.note("union page link")
                page = ref_key(link_target(self.doc_path, href), "")
                return replace(got, page=page)
            return got
        return sub.parse_all()

    def generic(self, name: str) -> Parsed:
        opener = self.peek()
        assert opener is not None
        closer = {"<": ">", "[": "]", "(": ")"}[opener.text]
        self.note(f"{name}{opener.text}T{closer}")
        self.i += 1
        args = [self.union()]
        while self.at(","):
            self.i += 1
            args.append(self.union())
        self.expect(closer)
        return _apply(self.d.generics[name], name, args)


def _user_type(d: Dialect, name: str) -> Type | None:
    if not d.user_types:
        return None
    return d.user_types.get(name) or d.user_types.get(last_segment(name))


def _with_null(p: Parsed) -> Type:
    # Inside a list or map there is no Required column: `maybe` means nullable.
    return Union((p.type, NULL)) if p.nullable or p.maybe_null else p.type


def _union(items: list[Parsed]) -> Parsed:
    nullable = any(p.nullable for p in items)
    variants: list[Type] = []
    for p in items:
        if p.type == NULL:
            nullable = True
        elif p.type not in variants:
            variants.append(p.type)
    t: Type = variants[0] if len(variants) == 1 else Union(tuple(variants))
    return Parsed(
        t,
        nullable=nullable,
        optional=any(p.optional for p in items),
        maybe_null=any(p.maybe_null for p in items),
        # Python's `Union[EventStream[T], EventStreamAsync[T]]`: still a stream of T
        stream=bool(items) and all(p.stream for p in items),
    )


def _apply(kind: GenericKind, name: str, args: list[Parsed]) -> Parsed:
    if kind == "union":
        return _union(args)
    if kind == "plumbing":
        return Parsed(AnyType(), plumbing=True)
    if kind == "list_or_map":
        kind = "map" if len(args) == 2 else "array"
    if len(args) > 2 or (len(args) == 2 and kind != "map"):
        raise TypeSyntaxError(f"{name} takes {'two' if kind == 'map' else 'one'} argument(s)")
    a = args[-1]
    if kind == "array":
        return Parsed(Array(_with_null(a)), plumbing=a.plumbing, outer="array")
    if kind == "map":
        return Parsed(Map(_with_null(a)), plumbing=a.plumbing, outer="map")
    if kind == "optional":
        return replace(a, optional=True, outer=kind)
    if kind == "nullable":
        return replace(a, nullable=True, outer=kind)
    if kind == "optional_nullable":
        return replace(a, optional=True, nullable=True, outer=kind)
    if kind == "maybe":
        return replace(a, optional=True, maybe_null=True, outer=kind)
    if kind == "literal":
        if isinstance(a.type, Literal):
            return a
        raise TypeSyntaxError(f"{name}[...] needs a literal value")
    if kind == "stream":
        return replace(a, stream=True, outer=kind)
    return a  # "same": a wrapper that says nothing (Promise<T>)


# ---------------------------------------------------------------- API


def parse_type(
    dialect: Dialect, cell: Cell, doc_path: str, trace: list[str] | None = None
) -> Parsed:
    """Parse one Type cell; raises TypeSyntaxError with a short reason.  Pure, and
    reads doc_path only through its folder, for relative links (`Memo` relies on it).
    `trace` collects the names of the grammar rules used (see `explain`)."""
    if dialect.user_types:
        whole = dialect.user_types.get(cell.text.strip())
        if whole is not None:
            if trace is not None:
                trace.append("type map")
            return Parsed(whole)
    if dialect.cells:
        whole = dialect.cells.get(cell.text.strip())
        if whole is not None:
            if trace is not None:
                trace.append("whole cell")
            return Parsed(whole)
    if dialect.special is not None:
        got = dialect.special(cell)
        if got is not None:
            if trace is not None:
                trace.append("special")
            return got
    parts = cell.parts
    last = parts[-1] if parts else None
    if last is not None and last.kind == "text":
        for tail in dialect.trailing:
            if last.text.rstrip().endswith(tail):
                text = last.text.rstrip()[: -len(tail)]
                parts = (*parts[:-1], Part("text", text)) if text.strip() else parts[:-1]
                if trace is not None:
                    trace.append(f"T{tail}")
                break
    for p in parts:
        m = _REFUSED_LINK.search(p.text) if p.kind == "text" else None
        if m is not None:  # markdown refused the link (`file:`, `javascript:`): still a link
            raise TypeStructureError(f"link {m[1]!r} is neither a model file nor a web page")
    toks = tokenize_cell(parts)
    return _Parser(dialect, toks, doc_path, trace=trace).parse_all()


def explain(dialect: Dialect, cell: Cell, doc_path: str) -> tuple[str, ...]:
    """The grammar rules that read a cell, each once, in order of first use
    (`Optional[T]`, `model link`, `scalar`); raises TypeSyntaxError as
    `parse_type` does."""
    trace: list[str] = []
    parse_type(dialect, cell, doc_path, trace)
    return tuple(dict.fromkeys(trace))


# `[X](file:///etc/passwd)`: markdown-it does not make a link of an unsafe
# scheme, so the cell holds it as text.
_REFUSED_LINK = re.compile(r"\]\(\s*<?((?:file|javascript|vbscript|data):[^)\s>]*)")


class Memo:
    """`parse_type` with a memory, for one build: detection reads every Type cell
    in every dialect, then the chosen dialect reads it again, and most cells
    (`*string*`) recur across files.  `parse_type` is pure and reads `doc_path`
    only to resolve a link's href against the file's folder, so a cell without
    links reads the same in every file.  Dialects are told apart by name."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, Cell, str], Parsed | TypeSyntaxError] = {}

    def parse_type(self, dialect: Dialect, cell: Cell, doc_path: str) -> Parsed:
        linked = any(p.kind == "link" for p in cell.parts)
        key = (dialect.name, cell, posixpath.dirname(doc_path) if linked else "")
        got = self._seen.get(key)
        if got is None:
            try:
                got = parse_type(dialect, cell, doc_path)
            except TypeSyntaxError as e:
                got = e.with_traceback(None)
            self._seen[key] = got
        if isinstance(got, TypeSyntaxError):
            raise type(got)(str(got))  # anew each time: no traceback piles up
        return got


def parse_variant(dialect: Dialect, cell: Cell, doc_path: str) -> Parsed:
    """A `### heading` under `## Supported Types`: a type, or in a dialect whose
    headings name variants, `Str` / `ArrayOfX` / a model found by name."""
    try:
        return parse_type(dialect, cell, doc_path)
    except TypeSyntaxError:
        text = cell.text.strip()
        if not dialect.variant_names or cell.links or not text.isidentifier():
            raise
        return Parsed(_variant(dialect, text))


def _variant(dialect: Dialect, name: str) -> Type:
    if name in dialect.variant_names:
        return dialect.variant_names[name]
    if name.startswith("ArrayOf") and len(name) > len("ArrayOf"):
        return Array(_variant(dialect, name[len("ArrayOf") :]))
    if name.startswith("MapOf") and len(name) > len("MapOf"):
        return Map(_variant(dialect, name[len("MapOf") :]))
    return Ref(ref_key("", name))  # a model, found by name (or discriminator value)


# Common scalar types, shared by the dialect tables.
STRING = Primitive("string")
INTEGER = Primitive("integer")
INT64 = Primitive("integer", "int64")
INT32 = Primitive("integer", "int32")
NUMBER = Primitive("number")
BOOLEAN = Primitive("boolean")
DATE_TIME = Primitive("string", "date-time")
DATE = Primitive("string", "date")
BINARY = Primitive("string", "binary")
ANY = AnyType()
ANY_MAP = Map(AnyType())


def dialects() -> dict[str, Dialect]:
    """Every dialect module named in `config.DIALECT_NAMES`, in detection order."""
    from ..config import DIALECT_NAMES

    found: list[Dialect] = [
        importlib.import_module(f"{__name__}.{name}").DIALECT for name in DIALECT_NAMES
    ]
    return {d.name: d for d in found}


def detect_all(
    cells: Sequence[Cell],
    doc_path: str,
    candidates: Sequence[Dialect],
    parse: Callable[[Dialect, Cell, str], Parsed] = parse_type,
) -> list[Dialect]:
    """Every dialect tied for parsing the most Type cells of a file, in order;
    empty when the file has no Type cells.  Ties (`*string*` reads as
    TypeScript, Go, C# and PHP) are settled by the rest of the tree."""
    if not cells:
        return []
    best: tuple[int, int] = (-1, 0)
    chosen: list[Dialect] = []
    for d in candidates:
        ok = 0
        recognised = 0
        for i, c in enumerate(cells):
            if ok + len(cells) - i < best[0]:
                break  # even reading every cell left, d cannot tie the best: skip it
            try:
                p = parse(d, c, doc_path)
            except TypeSyntaxError:
                continue
            ok += 1
            recognised += 0 if isinstance(p.type, Ref) else 1
        score = (ok, recognised)
        if score > best:
            best, chosen = score, [d]
        elif score == best:
            chosen.append(d)
    return chosen
