"""The checks every corpus tree must pass (called by one test module per tree)."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest

from generator.diagnostics import is_typed_as_any

from .scoring import Built, Tree, TreeScore, build_tree

# Pages the docs have but the OpenAPI has no schema for (FORMATS.md section 6):
# security holders, SDK-only request/response wrappers, retry config, globals.
NO_SCHEMA = re.compile(r"(Security|Request|Response|Globals|RetryConfig|HTTPMetadata)$")


def check_tree(
    s: TreeScore,
    minimum: float,
    known: AbstractSet[tuple[str, str]] = frozenset(),
    known_unmatched: AbstractSet[str] = frozenset(),
    max_stray: int = 0,
    routed: bool = True,
    broken_docs: AbstractSet[str] = frozenset(),
    drifted: AbstractSet[str] = frozenset(),
) -> None:
    """Zero errors, no cell typed as any but the vendor's broken ones
    (`broken_docs`: `file:line`, each pinned with why), the dialect detected for
    every file, the score at least `minimum` % exact-or-lossy, and mismatches
    exactly the documented ones: rows in `known`, or any row of a model in
    `drifted` (docs written for another version of that schema than the tree's
    OpenAPI: each such model must still disagree somewhere)."""
    assert not s.errors, "\n".join(s.errors[:20])
    assert set(s.typed_as_any) == set(broken_docs), sorted(set(s.typed_as_any) ^ broken_docs)
    assert set(s.detected) == {s.dialect}, f"auto-detected {s.detected}, expected {s.dialect}"
    assert s.fields > 0 and s.matched > 0
    # every documented operation found its method and path, and the OpenAPI has it
    assert s.operations > 0
    if routed:
        assert s.ops_routed == s.operations, (s.ops_routed, s.operations)
    mismatches = {(r.model, r.field) for r in s.rows if r.verdict == "mismatch"}
    unexpected = {m for m in mismatches - known if m[0] not in drifted}
    assert not unexpected, "\n".join(
        f"{r.model}.{r.field}: {r.why}" for r in s.rows if (r.model, r.field) in unexpected
    )
    gone = (known - mismatches) | (drifted - {m for m, _ in mismatches})
    assert not gone, f"documented disagreements no longer seen (update the list): {gone}"
    assert s.pct("exact", "lossy") >= minimum, f"{s.pct('exact', 'lossy'):.1f}% < {minimum}%"
    stray = {m for m in s.unmatched if not NO_SCHEMA.search(m)} - set(known_unmatched)
    # Pages nothing in the docs links to (inline schemas Speakeasy documented
    # on their own) cannot be paired; a tree may allow a measured number.
    assert len(stray) <= max_stray, f"models with no OpenAPI counterpart: {sorted(stray)}"


def check_parse_only(name: str, dialect: str, tmp: Path) -> Built:
    """A tree without an OpenAPI (the newest generator versions): every file
    reads as `dialect`, with no error and no cell typed as any."""
    tree = Tree(name, dialect, "as-documented", None)
    if not tree.docs.is_dir():
        pytest.skip(f"corpus tree {name} is not available at {tree.docs}")
    built = build_tree(tree, tmp)
    errors = [str(d) for d in built.diagnostics.errors]
    assert not errors, "\n".join(errors[:20])
    unread = [str(d) for d in built.diagnostics.items if is_typed_as_any(d)]
    assert not unread, "\n".join(unread[:20])
    assert {d for _, d in built.spec.dialects} == {dialect}
    return built
