"""Targets: one module per output kind, each `emit(spec, ctx) -> {path: text}`.

A new target is a module here plus its templates; it never touches the parser.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from ..emit import EmitContext, Emitter
from ..ir import Spec


def _lazy(module: str) -> Emitter:
    def emit(spec: Spec, ctx: EmitContext) -> Mapping[str, str]:
        mod = importlib.import_module(f"{__name__}.{module}")
        result: Mapping[str, str] = mod.emit(spec, ctx)
        return result

    return emit


TARGETS: dict[str, Emitter] = {
    "jsonschema": _lazy("jsonschema"),
    "dataclasses": _lazy("dataclasses"),
    "client": _lazy("client"),
    "pydantic": _lazy("pydantic"),
    "openapi": _lazy("openapi"),
    "markdown": _lazy("markdown"),
}
