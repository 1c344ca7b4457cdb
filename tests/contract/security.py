"""Propose a corpus tree's security table (what its docs cannot say: how each
credential is sent) from the tree's OpenAPI, as a user would write it.

    python -m tests.contract.security <tree> [--write]

A docs credential (`SecurityScheme.name`) is paired with the OpenAPI security
scheme whose key it spells (Speakeasy names the field after the key: `ClientID`
for `client_id`, `x_api_key` for `X-API-Key`), case and punctuation aside.  An
API key becomes a row (`In`, `Name` from the scheme); a bearer or OAuth scheme
becomes a row only where the docs list several credentials (one bearer token
for all is then only a guess).  `--write` saves `security/<tree>.md`, which the
contract harness copies into the spec folder as `security.md`.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.corpus.scoring import TREES, load_openapi

from .harness import SECURITY, build

BEARERS = {("http", "bearer"), ("oauth2", ""), ("openIdConnect", "")}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def rows(tree: str) -> list[str]:
    t = TREES[tree]
    api = load_openapi(t.spec)
    schemes: dict[str, Any] = (api.get("components") or {}).get("securitySchemes") or {}
    by_key = {_norm(k): v for k, v in schemes.items() if isinstance(v, dict)}
    with tempfile.TemporaryDirectory() as tmp:
        spec, _ = build(t, Path(tmp))
    out: list[str] = []
    for s in spec.security:
        theirs = by_key.get(_norm(s.name))
        if theirs is None or s.kind == "basic":
            continue
        kind = (str(theirs.get("type", "")), str(theirs.get("scheme", "")).lower())
        if theirs.get("type") == "apiKey":
            where, name = theirs.get("in", "header"), theirs.get("name", "")
            out.append(f"| `{s.name}` | api-key | {where} | `{name}` |")
        elif kind == ("http", "basic"):
            out.append(f"| `{s.name}` | basic | | |")
        elif (kind[0], kind[1] if kind[0] == "http" else "") in BEARERS and len(spec.security) > 1:
            out.append(f"| `{s.name}` | bearer | | |")
    return out


def table(tree: str, found: list[str]) -> str:
    head = (
        f"# Security: {tree}\n\nHow the docs' credentials are sent, read from the tree's "
        f"OpenAPI by\n`python -m tests.contract.security {tree} --write`.\n\n"
        "| Credential | Scheme | In | Name |\n| --- | --- | --- | --- |\n"
    )
    return head + "".join(r + "\n" for r in found)


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")]
    for tree in names:
        found = rows(tree)
        text = table(tree, found)
        print(text)
        path = SECURITY / f"{tree}.md"
        if "--write" in argv:
            if found:
                SECURITY.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
            elif path.exists():
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
