"""Shared fixtures for the corpus acceptance tests: each tree is built and scored once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .scoring import TREES, TreeScore, report, score_tree

_cache: dict[str, TreeScore] = {}


@pytest.fixture(scope="session")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], TreeScore]:
    def get(name: str) -> TreeScore:
        tree = TREES[name]
        if not tree.docs.is_dir() or not tree.spec.is_file():
            pytest.skip(f"corpus tree {name} is not available at {tree.docs}")
        if name not in _cache:
            tmp: Path = tmp_path_factory.mktemp(name)
            _cache[name] = score_tree(tree, tmp)
            print("\n" + report(_cache[name]))
        return _cache[name]

    return get
