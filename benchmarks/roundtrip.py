"""Round-trip speed: payloads/s of load + dump for a few large HoneyHive models.

    python benchmarks/roundtrip.py [--seconds 0.2] [--repeat 15]

Peers, in one run on the same payloads:
  specgen   the generated dataclasses: `Model.from_dict(p).to_dict()`
  pydantic  pydantic v2 models that datamodel-code-generator emits from the
            same JSON Schema bundle: `model_validate(p).model_dump(mode="json",
            by_alias=True, exclude_unset=True)`
  msgspec   msgspec Structs built from the same IR (`defstruct`, renamed to the
            wire names, UNSET defaults): `to_builtins(convert(p, Model))`

All three keep free-form objects (open, no declared fields: HoneyHive's
`History`, `Inputs`, `Metadata`...) as dicts.

Every peer's output is compared with the input (canonical JSON text) and the
table says whether it round-trips exactly; only specgen is required to.
Numbers are the best of `--repeat` batches of about `--seconds` each, timed in
CPU time (`time.process_time`: time the process waits for a core on a shared
machine is not counted); the peers take turns batch by batch, so a load change
hits them alike.
"""

from __future__ import annotations

import argparse
import enum
import importlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import config as config_mod  # noqa: E402
from generator import pipeline  # noqa: E402
from generator.emit import render  # noqa: E402
from generator.ir import (  # noqa: E402
    AnyType,
    Array,
    EnumModel,
    Map,
    ObjectModel,
    Primitive,
    Ref,
    Spec,
    Type,
    free_form,
)

PACKAGE = "hhbench"
MODELS = ["GetDatapointsResponseBody", "Event", "SessionStartRequest", "Metric", "ParametersT"]


# ------------------------------------------------------------- payloads


def _text(rng: random.Random, n: int = 12) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz _-") for _ in range(n))


def _stamp(rng: random.Random) -> str:
    ms = rng.randrange(1000)
    return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:" + (
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{ms:03d}Z"
    )


def payload(spec: Spec, name: str, rng: random.Random, depth: int = 0) -> Any:
    """A full payload: every field set, arrays of 3, open objects with 3 keys."""
    m = spec.model(name)
    if isinstance(m, EnumModel):
        return rng.choice(m.members).value
    assert isinstance(m, ObjectModel)
    if free_form(m):  # an open object with no declared fields: free-form data
        return {f"k{i}": _text(rng, 6) for i in range(3)}
    return {f.wire_name: value(spec, f.type, rng, depth) for f in m.fields}


def value(spec: Spec, t: Type, rng: random.Random, depth: int) -> Any:
    match t:
        case Primitive("string", "date-time"):
            return _stamp(rng)
        case Primitive("string"):
            return _text(rng)
        case Primitive("number"):
            return rng.choice([rng.randint(0, 10**6), round(rng.random() * 1000, 3)])
        case Primitive("integer"):
            return rng.randint(0, 10**6)
        case Primitive("boolean"):
            return rng.random() < 0.5
        case Array(item):
            n = 20 if isinstance(item, Ref) and depth == 0 else 3
            return [value(spec, item, rng, depth + 1) for _ in range(n)]
        case Map():
            return {f"k{i}": _text(rng, 6) for i in range(3)}
        case Ref(name):
            return payload(spec, name, rng, depth + 1)
        case AnyType():
            return _text(rng)
    raise AssertionError(t)


# ---------------------------------------------------------------- peers


def specgen_peer(spec: Spec, cfg: config_mod.Config, tmp: Path) -> Callable[[str], Any]:
    targets = ("jsonschema", "dataclasses")
    files = render(spec, replace(cfg, package=PACKAGE, targets=targets), targets)
    for rel, text in files.items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp))
    models = importlib.import_module(f"{PACKAGE}.models")

    def make(name: str) -> Any:
        cls = getattr(models, name)
        return lambda p: cls.from_dict(p).to_dict()

    return make


def pydantic_peer(tmp: Path) -> Callable[[str], Any]:
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType, StrictTypes
    from datamodel_code_generator.format import DatetimeClassType, PythonVersion

    bundle = json.loads((tmp / PACKAGE / "schemas" / "_bundle.schema.json").read_text())
    text = generate(
        bundle,
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        disable_timestamp=True,
        skip_root_model=True,
        allow_population_by_field_name=True,
        output_datetime_class=DatetimeClassType.Datetime,
        strict_types=[StrictTypes.str, StrictTypes.int, StrictTypes.float, StrictTypes.bool],
    )
    assert isinstance(text, str)
    (tmp / "pyd_models.py").write_text(text, encoding="utf-8")
    mod = importlib.import_module("pyd_models")

    def make(name: str) -> Any:
        cls = getattr(mod, name)
        return lambda p: cls.model_validate(p).model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )

    return make


def msgspec_peer(spec: Spec) -> Callable[[str], Any]:
    import msgspec

    types: dict[str, Any] = {}

    def py(t: Type) -> Any:
        match t:
            case Primitive("string", "date-time"):
                return datetime
            case Primitive(kind):
                return {"string": str, "number": float, "integer": int, "boolean": bool}[kind]
            case Array(item):
                return list[py(item)]  # type: ignore[misc]
            case Map(v):
                return dict[str, py(v)]  # type: ignore[misc]
            case Ref(name):
                return build(name)
        return Any

    def build(name: str) -> Any:
        if name in types:
            return types[name]
        m = spec.model(name)
        if isinstance(m, EnumModel):
            types[name] = enum.Enum(name, {f"M{i}": mem.value for i, mem in enumerate(m.members)})
            return types[name]
        assert isinstance(m, ObjectModel)
        if free_form(m):  # open object, nothing declared: a dict keeps every key
            types[name] = dict[str, Any]
            return types[name]
        fields = []
        for f in m.fields:
            t = py(f.type)
            if f.required:
                fields.append((f.py_name, t))
            else:
                fields.append((f.py_name, t | msgspec.UnsetType, msgspec.UNSET))
        fields.sort(key=lambda x: len(x) == 3)  # required first
        rename = {f.py_name: f.wire_name for f in m.fields}
        types[name] = msgspec.defstruct(name, fields, kw_only=True, rename=rename)
        return types[name]

    def make(name: str) -> Any:
        cls = build(name)
        return lambda p: msgspec.to_builtins(msgspec.convert(p, cls))

    return make


# ----------------------------------------------------------------- timing


CLOCK = time.process_time  # CPU time: the benchmark is single-threaded


def calibrate(fn: Callable[[Any], Any], p: Any, seconds: float) -> int:
    """Calls per batch so that one batch takes about `seconds`."""
    n = 1
    while True:
        t = CLOCK()
        for _ in range(n):
            fn(p)
        dt = CLOCK() - t
        if dt >= seconds / 4:
            return max(1, int(n * seconds / dt))
        n *= 2


def rates(
    fns: dict[str, Callable[[Any], Any]], p: Any, seconds: float, repeat: int
) -> dict[str, float]:
    """Best payloads/s per peer; peers take turns batch by batch, so a change
    in machine load hits all of them alike and the ratios stay fair."""
    sizes = {name: calibrate(fn, p, seconds) for name, fn in fns.items()}
    best = dict.fromkeys(fns, 0.0)
    for _ in range(repeat):
        for name, fn in fns.items():
            n = sizes[name]
            t = CLOCK()
            for _ in range(n):
                fn(p)
            best[name] = max(best[name], n / (CLOCK() - t))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=0.2)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    cfg = config_mod.load(ROOT)
    spec, _ = pipeline.load_spec(cfg)
    rng = random.Random(4)
    tmp = Path(tempfile.mkdtemp(prefix="roundtrip-bench-"))
    sys.path.insert(0, str(tmp))
    peers = {
        "specgen": specgen_peer(spec, cfg, tmp),
        "pydantic": pydantic_peer(tmp),
        "msgspec": msgspec_peer(spec),
    }
    import msgspec
    import pydantic

    print(
        f"python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, "
        f"msgspec {msgspec.__version__}; best of {args.repeat} x ~{args.seconds}s CPU time; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print()
    print(
        "| model | payload bytes | specgen /s | pydantic v2 /s | msgspec /s "
        "| specgen ÷ pydantic | specgen ÷ msgspec | exact round trip (specgen/pydantic/msgspec) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in MODELS:
        p = payload(spec, name, rng)
        size = len(json.dumps(p))
        fns = {peer: make(name) for peer, make in peers.items()}
        exact = []
        for peer, fn in fns.items():
            same = json.dumps(fn(p), sort_keys=True) == json.dumps(p, sort_keys=True)
            exact.append("yes" if same else "no")
            if peer == "specgen":
                assert same, f"specgen must round-trip {name} exactly"
        best = rates(fns, p, args.seconds, args.repeat)
        s, pd, ms = best["specgen"], best["pydantic"], best["msgspec"]
        print(
            f"| {name} | {size} | {s:,.0f} | {pd:,.0f} | {ms:,.0f} | {s / pd:.2f}x "
            f"| {s / ms:.2f}x | {'/'.join(exact)} |"
        )


if __name__ == "__main__":
    main()
