"""Security schemes: the docs' `Security` model (the SDK's global credentials),
`<Op>Security` models (an operation's own, shown as its `security` parameter),
environment variables from the usage snippets, and the security table.

Speakeasy docs name each credential (`ClientID`, `bearer_auth`, `username`) but
never say how the API takes it: the header, query parameter or cookie name of an
API key is only in the OpenAPI.  A credential is therefore a bearer token unless
it is a user name and password (HTTP basic) or the security table (a markdown
table `Credential | Scheme | In | Name | Environment variable`, the `security`
setting) says otherwise; a guess is marked (`SecurityScheme.settled`) and warned
about when the docs list several credentials, where one bearer token for all
cannot be right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..ir import (
    CredentialLocation,
    Model,
    ObjectModel,
    Operation,
    Ref,
    SchemeKind,
    SecurityArg,
    SecurityScheme,
    Source,
    Type,
)
from ..naming import py_identifier
from ..parse import Code, Document, Section
from .context import _Ctx, _op_key
from .tables import _cell_at, _tables_anywhere

BASIC = "basic"  # the scheme name of a Security model that is a user name and password
_USER, _PASSWORD = "username", "password"
# Scheme cells of the security table, as users may spell them.
SCHEME_WORDS: dict[str, SchemeKind] = {
    "bearer": "bearer",
    "http bearer": "bearer",
    "oauth2": "bearer",
    "openidconnect": "bearer",
    "basic": "basic",
    "http basic": "basic",
    "api-key": "api-key",
    "api key": "api-key",
    "apikey": "api-key",
}
LOCATIONS: tuple[CredentialLocation, ...] = ("header", "query", "cookie")
# `bearerAuth: process.env["DUB_API_KEY"]`, `bearer_auth=os.getenv("X", "")`,
# `ClientID: sdkgo.String(os.Getenv("DECK_CLIENT_ID"))`, `WithSecurity(os.Getenv("X"))`.
_ENV = re.compile(
    r"(\w+)\s*[:=(]\s*(?:[\w.]+\(\s*)?"
    r"(?:os\.[Gg]etenv|process\.env|ENV|System\.getenv|Environment\.GetEnvironmentVariable)"
    r"\s*[\[(]\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']"
)


@dataclass(frozen=True)
class _Row:
    """One row of the security table."""

    credential: str
    kind: SchemeKind
    location: CredentialLocation
    name: str
    env: str
    source: Source


def security_fields(t: Type, models: dict[str, Model]) -> tuple[str, ...]:
    """The credentials an `<Op>Security` model lists: its fields, a basic scheme
    (`Basic: SchemeBasic`) as one, options (bolt-java `option1: {oauth, apiKey}`)
    by their fields."""
    m = models.get(t.model) if isinstance(t, Ref) else None
    if not isinstance(m, ObjectModel):
        return ()
    out: list[str] = []
    for f in m.fields:
        if _is_option(f.doc_name):
            out += [n for n in security_fields(f.type, models) if n not in out]
        elif f.doc_name not in out:
            out.append(f.doc_name)
    return tuple(out)


def _is_option(name: str) -> bool:
    """bolt-java's `option1`, `option2`: alternative sets of credentials."""
    return re.fullmatch(r"option\d*", _op_key(name)) is not None


def _is_basic(m: ObjectModel) -> bool:
    return {_op_key(f.doc_name) for f in m.fields} == {_USER, _PASSWORD}


def _global_model(models: dict[str, Model], ctx: _Ctx) -> ObjectModel | None:
    """The SDK's `Security` model (components/shared), not an operation's."""
    for m in models.values():
        folders = set(m.source.file.lower().split("/")[:-1])
        title = ctx.titles.get(m.name, m.name)
        if (
            isinstance(m, ObjectModel)
            and _op_key(title) == "security"
            and not folders & {"operations", "requests"}
        ):
            return m
    return None


def _schemes_of(m: ObjectModel, models: dict[str, Model], default: bool) -> list[SecurityScheme]:
    if _is_basic(m):
        args = tuple(SecurityArg(f.doc_name, py_identifier(f.doc_name)) for f in m.fields)
        return [SecurityScheme(BASIC, "basic", args, m.source, default=default)]
    out: list[SecurityScheme] = []
    for f in m.fields:
        inner = models.get(f.type.model) if isinstance(f.type, Ref) else None
        if isinstance(inner, ObjectModel) and _is_basic(inner):
            args = tuple(SecurityArg(g.doc_name, py_identifier(g.doc_name)) for g in inner.fields)
            out.append(SecurityScheme(f.doc_name, "basic", args, f.source, default=default))
        elif isinstance(inner, ObjectModel) and _is_option(f.doc_name):
            out += [
                s
                for s in _schemes_of(inner, models, default)
                if s.name not in {t.name for t in out}
            ]
        else:  # a token; an OAuth scheme's model (`SchemeOauth2 {clientID, ...}`) too
            arg = SecurityArg(f.doc_name, py_identifier(f.doc_name), "", f.description)
            out.append(
                SecurityScheme(
                    f.doc_name, "bearer", (arg,), f.source, default=default, settled=False
                )
            )
    return out


def _key(name: str) -> str:
    return _op_key(name)


def _matches(scheme: SecurityScheme, name: str) -> bool:
    key = _key(name)
    if scheme.kind == "basic":
        return key in (_key(scheme.name), BASIC, _USER, _PASSWORD)
    return key == _key(scheme.name)


def _table(doc: Document, ctx: _Ctx) -> list[_Row]:
    rows: list[_Row] = []
    for table in (t for s in [*doc.sections, None] for t in _tables_anywhere(doc, s)):
        ccol = table.column("credential", "field")
        kcol = table.column("scheme", "type")
        lcol = table.column("in", "location")
        ncol = table.column("name", "header", "wire name")
        ecol = table.column("environment variable", "env")
        if ccol is None or kcol is None:
            ctx.diags.error(
                doc.path, table.line, "security table needs Credential and Scheme columns"
            )
            continue
        for row in table.rows:
            cells = [_cell_at(row, c) for c in (ccol, kcol, lcol, ncol, ecol)]
            cred, kind, loc, name, env = ((c.code or c.text).strip() if c else "" for c in cells)
            scheme = SCHEME_WORDS.get(kind.lower())
            where = (doc.path, row.line)
            if not cred or scheme is None:
                ctx.diags.error(
                    *where,
                    f"security row needs a credential and a scheme ({', '.join(SCHEME_WORDS)})",
                )
                continue
            location = next((x for x in LOCATIONS if x == (loc.lower() or "header")), None)
            if location is None:
                ctx.diags.error(*where, f"In must be header, query or cookie, not {loc!r}")
                continue
            if scheme == "api-key" and not name:
                ctx.diags.error(*where, f"api-key {cred!r} needs the Name it is sent under")
                continue
            if env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", env):
                ctx.diags.error(*where, f"{env!r} is not an environment variable name")
                continue
            rows.append(_Row(cred, scheme, location, name, env, Source(*where)))
    return rows


def _apply(scheme: SecurityScheme, row: _Row) -> SecurityScheme:
    if row.kind == "basic":
        args = scheme.args if scheme.kind == "basic" else ()
        args = args or (SecurityArg(_USER, _USER), SecurityArg(_PASSWORD, _PASSWORD))
        return replace(scheme, kind="basic", args=args, settled=True)
    env = row.env or (scheme.args[0].env if scheme.args else "")
    args = (replace(scheme.args[0], env=env),) if scheme.args else ()
    if row.kind == "bearer":
        return replace(scheme, kind="bearer", args=args, settled=True)
    return replace(
        scheme,
        kind="api-key",
        args=args,
        location=row.location,
        wire_name=row.name,
        settled=True,
    )


def snippet_envs(docs: Iterable[Document]) -> dict[str, str]:
    """Op key of a credential -> the environment variable the usage snippets read
    it from; `WithSecurity` (a single credential) under the key `withsecurity`."""
    found: dict[str, str] = {}

    def walk(secs: Iterable[Section]) -> None:
        for s in secs:
            for b in s.blocks:
                if isinstance(b, Code):
                    for key, env in _ENV.findall(b.content):
                        found.setdefault(_key(key), env)
            walk(s.children)

    for d in docs:
        walk(d.sections)
    return found


def settle(
    models: dict[str, Model],
    ops: list[Operation],
    docs: list[Document],
    table: Document | None,
    ctx: _Ctx,
) -> tuple[tuple[SecurityScheme, ...], list[Operation]]:
    """Every security scheme, and the operations' `security` as scheme names
    (each operation's holds the credential names of its `<Op>Security` model)."""
    glob = _global_model(models, ctx)
    schemes = _schemes_of(glob, models, True) if glob is not None else []
    for name in sorted(ctx.security_models):  # `<Op>Security`: schemes only some operations take
        m = models.get(name)
        for s in _schemes_of(m, models, False) if isinstance(m, ObjectModel) else []:
            if not any(_matches(t, s.name) or (s.kind == t.kind == "basic") for t in schemes):
                schemes.append(s)
    envs = snippet_envs(docs)
    if len(schemes) == 1 and "withsecurity" in envs:
        envs.setdefault(_key(schemes[0].args[0].doc_name), envs["withsecurity"])
    schemes = [
        replace(s, args=tuple(replace(a, env=envs.get(_key(a.doc_name), a.env)) for a in s.args))
        for s in schemes
    ]
    for row in _table(table, ctx) if table is not None else []:
        hits = [i for i, s in enumerate(schemes) if _matches(s, row.credential)]
        if not hits:
            ctx.diags.warning(
                row.source.file,
                row.source.line,
                f"security: {row.credential!r} is not among the docs' credentials; added",
            )
            arg = SecurityArg(row.credential, py_identifier(row.credential), row.env)
            added = SecurityScheme(row.credential, "bearer", (arg,), row.source)
            schemes.append(_apply(added, row))
            continue
        for i in hits:
            schemes[i] = _apply(schemes[i], row)
    guessed = [s for s in schemes if not s.settled]
    if len(schemes) > 1:
        where = ctx.options.security_file or "security.md"
        for s in guessed:
            ctx.diags.warning(
                s.source.file,
                s.source.line,
                f"credential {s.name!r}: the docs do not say how it is sent; sent as a "
                f"bearer token (name its scheme in {where})",
            )
    named = [replace(op, security=scheme_names(op.security, schemes)) for op in ops]
    schemes.sort(key=lambda s: not s.default)  # stable: the docs' order within each
    return tuple(schemes), named


def scheme_names(
    names: tuple[str, ...] | None, schemes: list[SecurityScheme]
) -> tuple[str, ...] | None:
    if names is None:
        return None
    out: list[str] = []
    for n in names:
        hit = next((s.name for s in schemes if _matches(s, n)), None)
        if hit is not None and hit not in out:
            out.append(hit)
    return tuple(out)
