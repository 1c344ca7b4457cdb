"""Names: wire-name policies and safe, unique identifiers.

Doc text is untrusted: every identifier that reaches generated code goes
through `py_identifier` / `model_identifier`, which only ever produce
`[A-Za-z_][A-Za-z0-9_]*` and never a keyword.
"""

from __future__ import annotations

import functools
import hashlib
import keyword
import re
import unicodedata
from collections.abc import Iterable

# Names generated code itself uses on every model: fields must not shadow them.
RESERVED_FIELD_NAMES = frozenset(
    {"to_dict", "from_dict", "additional_properties", "self", "cls", "UNSET"}
    # builtins a field would shadow inside the class body
    | {"type", "id", "list", "dict", "str", "int", "float", "bool", "bytes", "object"}
    # names a dataclass body evaluates (`= field(...)`, `frozenset({...})`, decorators):
    # a field `field` (also the fallback for names like `"""`) made the class fail to import
    | {"field", "frozenset", "classmethod", "staticmethod", "property", "dataclass", "set"}
    # type names generated annotations use: a field of that name would shadow them
    | {"datetime", "date"}
)

# Names generated modules define at top level: models must not collide.
RESERVED_MODEL_NAMES = frozenset(
    {
        "Any",
        "UNSET",
        "Unset",
        "Enum",
        "StrEnum",
        "IntEnum",
        "ClassVar",
        "Final",
        "WireDateTime",
        "ModelError",
        "ValidationError",
        "Client",
        "AsyncClient",
        "ApiError",
        "TransportError",
        "Self",
        "Literal",
        "Union",
        "Optional",
        "TypeAlias",
        "Mapping",
        "datetime",
        "date",
        "None",
        "True",
        "False",
    }
)

# Windows device names: a file called CON.json cannot exist there.
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)


# Field, parameter and model names recur across docs (`id`, `name`) and each is
# spelled several ways (wire name, py name): one split per distinct text.
@functools.lru_cache(maxsize=1 << 14)
def _ascii_words(text: str) -> tuple[str, ...]:
    """Split text into words at case changes, digits runs and non-alphanumerics."""
    text = unicodedata.normalize("NFKD", text)
    words: list[str] = []
    cur = ""
    prev = ""
    for i, c in enumerate(text):
        if not (c.isascii() and c.isalnum()):
            if cur:
                words.append(cur)
            cur, prev = "", ""
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        boundary = cur and (
            (c.isupper() and (prev.islower() or prev.isdigit()))
            or (c.isupper() and prev.isupper() and nxt.islower())
            or (c.isdigit() and prev.isalpha())
        )
        if boundary:
            words.append(cur)
            cur = ""
        cur += c
        prev = c
    if cur:
        words.append(cur)
    return tuple(words)


def snake_case(text: str) -> str:
    return "_".join(w.lower() for w in _ascii_words(text))


def camel_case(text: str) -> str:
    words = _ascii_words(text)
    if not words:
        return ""
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])


def pascal_case(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _ascii_words(text))


WIRE_POLICIES = ("as-documented", "snake_case", "camelCase")


def wire_name(doc_name: str, policy: str) -> str:
    if policy == "snake_case":
        return snake_case(doc_name) or doc_name
    if policy == "camelCase":
        return camel_case(doc_name) or doc_name
    return doc_name


def path_wire_name(wire: str, doc_name: str, path: str) -> str:
    """The wire name of a parameter as the path template spells it: `{connectorType}`
    for `connector_type`; `wire` when the template names no such parameter."""
    if not path or "{" + wire + "}" in path:
        return wire

    def key(n: str) -> str:
        return n.replace("_", "").replace("-", "").lower()

    names = [m.partition("}")[0] for m in path.split("{")[1:]]
    return next((n for n in names if key(n) in (key(wire), key(doc_name))), wire)


def py_identifier(text: str, reserved: Iterable[str] = RESERVED_FIELD_NAMES) -> str:
    """A snake_case Python identifier for a field or parameter."""
    name = snake_case(text) or "field"
    if name[0].isdigit():
        name = "field_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in set(reserved):
        name += "_"
    return name


MAX_MODEL_NAME = 100
# A long name cut to MAX_MODEL_NAME with a hash: `<91 characters>_<8 hex>`.
_SHORTENED = re.compile(rf"[A-Z][A-Za-z0-9]{{{MAX_MODEL_NAME - 10}}}_[0-9a-f]{{8}}")


def model_identifier(text: str) -> str:
    """A PascalCase class name (also a file stem) for a model title; a name it
    made is its own identifier (the markdown target writes names as titles)."""
    if _SHORTENED.fullmatch(text):
        return text
    name = pascal_case(text) or "Model"
    if name[0].isdigit():
        name = "Model" + name
    if keyword.iskeyword(name) or name in RESERVED_MODEL_NAMES:
        name += "Model"
    if name.upper() in WINDOWS_DEVICES:
        name += "Model"
    if len(name) > MAX_MODEL_NAME:
        # The name is a file stem too: a 300-character title must not exceed
        # the file system's 255-byte names.  A hash keeps long names distinct.
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        name = f"{name[: MAX_MODEL_NAME - 9]}_{digest}"
    return name


def enum_member_identifier(name: str, value: str | int) -> str:
    """UPPER_SNAKE member name from the documented constant, else the value."""
    base = snake_case(name) or snake_case(str(value)) or "VALUE"
    ident = base.upper()
    if ident[0].isdigit():
        ident = "V_" + ident
    # Enum's own names, and `I` / `O`, which read as 1 and 0 (ruff E741;
    # exactpayments-php's card-type codes)
    if keyword.iskeyword(ident) or ident in ("NAME", "VALUE", "MRO", "I", "O"):
        ident += "_"
    return ident


def uniquify(names: Iterable[str]) -> list[str]:
    """Make names unique (case-insensitively) by suffixing _2, _3 ... in order."""
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        cand, k = n, 2
        while cand.lower() in seen:
            cand = f"{n}_{k}" if not n.endswith("_") else f"{n}{k}"
            k += 1
        seen.add(cand.lower())
        out.append(cand)
    return out
