"""The contract suite: each corpus tree's generated client against Prism serving
that tree's own OpenAPI (see harness.py).  Every call must succeed, or its
failure be pinned below with the reason; a pinned failure that passes is stale
and fails the test too, so the pins only ever shrink.  The pins and their reasons
live in pinned.json (`python -m tests.contract.harness --pin TREE` rewrites a
tree's entry; review its diff: every reason must be a real one).

Run alone: `pytest tests/contract -m slow`; the table in docs/contract.md comes
from `python -m tests.contract.harness --docs`.
"""

from __future__ import annotations

import os

import pytest

from .harness import PRISM, TREES, contract_trees, failures, pinned, run_tree


def _trees() -> list[str]:
    return [t.name for t in contract_trees()]


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", _trees())
def test_contract(name: str) -> None:
    if not PRISM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{PRISM} missing in CI: `npm ci --prefix tests/contract` must run first")
        pytest.skip("Prism is not installed: npm ci --prefix tests/contract")
    run = run_tree(TREES[name])
    if run.operations == 0:
        pytest.skip(f"{name}: no routed operation (the docs give no method and path)")
    assert run.calls > 0
    found = {(r.op, r.kind) for r in run.results if r.kind != "ok"}
    pins = pinned(name)
    assert all(not why.startswith("unexplained") for why in pins.values()), pins
    new = sorted(found - set(pins))
    stale = sorted(set(pins) - found)
    assert not new, f"unpinned failures:\n{failures(run)}"
    assert not stale, f"pinned failures that now pass (remove the pins): {stale}"
