"""`specgen watch`: not built yet (see the open issue)."""

from __future__ import annotations

import argparse
import sys

from .config import Config


def run(cfg: Config, args: argparse.Namespace) -> int:
    print("specgen: error: 'watch' is not available yet", file=sys.stderr)
    return 2
