"""Payload validation throughput: specgen vs its peers, bytes in -> errors out.

    python benchmarks/validate.py            # full run (~2 min): tables + 100 MB JSONL
    python benchmarks/validate.py --quick    # smaller sets, 20 MB file

Every peer gets the same JSON Lines bytes, one payload per line, and must
return its errors for that payload (or nothing when valid):

- orjson.loads alone: the floor (parsing, no validation)
- specgen: `<package>/validation.py` (`CompiledModel.errors` after `orjson.loads`),
  with its fast engine (jsonschema-rs) and its pure fallback (jsonschema)
- jsonschema Draft202012Validator (+ format checks), fastjsonschema (draft-07
  mode: it stops at the first error), jsonschema-rs (`iter_errors`)
- pydantic v2 and msgspec models generated from the same bundle by
  datamodel-code-generator (`model_validate_json` / `msgspec.json.Decoder`)

Then a generated JSON Lines file (100 MB, 0.1% invalid) goes through the real
`specgen validate` command in a subprocess, and its peak RSS is read from
wait4().  Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.config import load  # noqa: E402
from generator.validate import defs_from_dir, engine_module  # noqa: E402

SCHEMAS = ROOT / "generated" / "honeyhive" / "schemas"
MODELS = ["SessionStartRequest", "Event", "Datapoint", "Configuration"]
WORDS = "user assistant query answer model tool chain session openai gpt eval test prod".split()

Fn = Callable[[bytes], Any]


# ------------------------------------------------------------------ payloads


def ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while (name := ref_name(schema)) is not None:
        schema = defs[name]
    return schema


def text(rng: random.Random, n: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, n)))


def open_object(rng: random.Random) -> dict[str, Any]:
    """What HoneyHive puts in its free-form objects: chat turns, params, scores."""
    return {
        "query": text(rng, 12),
        "chat_history": [
            {"role": rng.choice(["user", "assistant"]), "content": text(rng, 10)}
            for _ in range(rng.randint(0, 3))
        ],
        "temperature": round(rng.random(), 2),
        "tags": [rng.choice(WORDS) for _ in range(rng.randint(0, 3))],
    }


def value(schema: dict[str, Any], defs: dict[str, Any], rng: random.Random, depth: int) -> Any:
    s = resolve(schema, defs)
    if "anyOf" in s:
        return value(s["anyOf"][0], defs, rng, depth)
    if "enum" in s:
        return rng.choice(s["enum"])
    t = s.get("type")
    if t == "object":
        props = s.get("properties", {})
        if not props:
            return open_object(rng) if depth < 3 else {}
        req = set(s.get("required", ()))
        return {
            k: value(v, defs, rng, depth + 1)
            for k, v in props.items()
            if k in req or (depth < 3 and rng.random() < 0.7)
        }
    if t == "array":
        return [value(s.get("items", {}), defs, rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if t == "string":
        if s.get("format") == "date-time":
            return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z"
        return text(rng)
    if t == "number":
        return round(rng.random() * 1000, 3)
    if t == "integer":
        return rng.randint(0, 10_000)
    if t == "boolean":
        return rng.random() < 0.5
    return text(rng)


def corrupt(payload: dict[str, Any], name: str, defs: dict[str, Any], rng: random.Random) -> Any:
    """One realistic mistake: a wrong type, a missing required key, a bad enum or date."""
    s = defs[name]
    props = s.get("properties", {})
    req = list(s.get("required", ()))
    choices = []
    if req:
        choices.append("required")
    for k, v in props.items():
        r = resolve(v, defs)
        if "enum" in r:
            choices.append(("enum", k))
        if r.get("format") == "date-time":
            choices.append(("date", k))
        if r.get("type") in ("string", "number", "array", "object"):
            choices.append(("type", k))
    bad = dict(payload)
    pick = rng.choice(choices)
    if pick == "required":
        bad.pop(rng.choice(req), None)
    elif pick[0] == "enum":
        bad[pick[1]] = "no-such-member"
    elif pick[0] == "date":
        bad[pick[1]] = "2024-13-45 noon"
    else:
        t = resolve(props[pick[1]], defs).get("type")
        bad[pick[1]] = 42 if t != "number" else "forty-two"
    return bad


def payload_lines(
    name: str, defs: dict[str, Any], n: int, invalid: bool, seed: int = 7
) -> list[bytes]:
    rng = random.Random(seed)
    root = {"$ref": f"#/$defs/{name}"}
    out = []
    for _ in range(n):
        p = value(root, defs, rng, 0)
        if invalid:
            p = corrupt(p, name, defs, rng)
        out.append(orjson.dumps(p))
    return out


# ------------------------------------------------------------------ peers


def root_schema(name: str, defs: dict[str, Any], dialect: str) -> dict[str, Any]:
    return {"$schema": dialect, "$defs": defs, "$ref": f"#/$defs/{name}"}


def datamodel_module(defs: dict[str, Any], kind: str, tmp: Path) -> Any:
    import datamodel_code_generator as dcg

    bundle = (SCHEMAS / "_bundle.schema.json").read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = dcg.generate(
            bundle,
            input_file_type=dcg.InputFileType.JsonSchema,
            output_model_type=getattr(dcg.DataModelType, kind),
        )
    assert isinstance(code, str)
    path = tmp / f"bench_{kind.lower()}.py"
    path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = mod
    spec.loader.exec_module(mod)
    return mod


def peers(defs: dict[str, Any], tmp: Path) -> dict[str, Callable[[str], Fn]]:
    """Peer name -> (model name -> bytes -> errors)."""
    cfg = load(ROOT)
    engine = engine_module(cfg, list(defs))
    loads = orjson.loads
    d2020 = "https://json-schema.org/draft/2020-12/schema"
    out: dict[str, Callable[[str], Fn]] = {}

    out["orjson.loads (floor)"] = lambda name: loads

    def specgen(engine_name: str) -> Callable[[str], Fn]:
        def make(name: str) -> Fn:
            m = engine.CompiledModel(name, defs, engine_name)
            errors = m.errors  # what <package>.validate() runs: is_valid, then explain
            return lambda b: errors(loads(b))

        return make

    out["specgen (jsonschema-rs engine)"] = specgen("jsonschema-rs")
    out["specgen (pure jsonschema engine)"] = specgen("jsonschema")

    import jsonschema_rs

    def rs(name: str) -> Fn:
        v = jsonschema_rs.validator_for(root_schema(name, defs, d2020), validate_formats=True)
        iter_errors = v.iter_errors
        return lambda b: list(iter_errors(loads(b)))

    out["jsonschema-rs"] = rs

    import jsonschema

    def js(name: str) -> Fn:
        v = jsonschema.Draft202012Validator(
            root_schema(name, defs, d2020), format_checker=jsonschema.FormatChecker()
        )
        iter_errors = v.iter_errors
        return lambda b: list(iter_errors(loads(b)))

    out["jsonschema Draft202012Validator"] = js

    import fastjsonschema

    def fast(name: str) -> Fn:
        check = fastjsonschema.compile(
            root_schema(name, defs, "http://json-schema.org/draft-07/schema#")
        )
        exc = fastjsonschema.JsonSchemaValueException

        def run(b: bytes) -> Any:
            try:
                check(loads(b))
            except exc as e:
                return [e]
            return None

        return run

    out["fastjsonschema (first error)"] = fast

    pyd = datamodel_module(defs, "PydanticV2BaseModel", tmp)
    import pydantic

    def pydantic_peer(name: str) -> Fn:
        model = getattr(pyd, name)
        validate_json = model.model_validate_json
        exc = pydantic.ValidationError

        def run(b: bytes) -> Any:
            try:
                validate_json(b)
            except exc as e:
                return e.errors()
            return None

        return run

    out["pydantic v2 (datamodel-codegen)"] = pydantic_peer

    ms = datamodel_module(defs, "MsgspecStruct", tmp)
    import msgspec

    def msgspec_peer(name: str) -> Fn:
        decode = msgspec.json.Decoder(getattr(ms, name)).decode
        exc = msgspec.ValidationError

        def run(b: bytes) -> Any:
            try:
                decode(b)
            except exc as e:
                return [e]
            return None

        return run

    out["msgspec (datamodel-codegen, first error)"] = msgspec_peer
    return out


def timed(fn: Fn, lines: list[bytes]) -> tuple[float, int]:
    """CPU seconds of one pass (the machine may be shared), and payloads flagged."""
    flagged = 0
    t0 = time.process_time()
    for b in lines:
        if fn(b):
            flagged += 1
    return time.process_time() - t0, flagged


def fmt_rate(r: float) -> str:
    return f"{r / 1000:,.1f}k" if r >= 1000 else f"{r:,.0f}"


def throughput_tables(defs: dict[str, Any], n: int, repeat: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        table = peers(defs, Path(tmp))
        sets = {(m, inv): payload_lines(m, defs, n, inv) for m in MODELS for inv in (False, True)}
        fns = {(peer, m): make(m) for peer, make in table.items() for m in MODELS}
        best: dict[tuple[str, str, bool], float] = {}
        flagged: dict[tuple[str, str, bool], int] = {}
        for _ in range(repeat):  # rounds interleave peers, so a busy moment hits all
            for (peer, m), fn in fns.items():
                for inv in (False, True):
                    secs, bad = timed(fn, sets[(m, inv)])
                    key = (peer, m, inv)
                    best[key] = min(best.get(key, math.inf), secs)
                    flagged[key] = bad
        rates = {k: n / max(v, 1e-9) for k, v in best.items()}
    sizes = {m: sum(map(len, sets[(m, False)])) / n for m in MODELS}
    out = [
        f"{n} payloads per set, best of {repeat} interleaved rounds, CPU time; mean size: "
        + ", ".join(f"{m} {sizes[m]:.0f} B" for m in MODELS),
        "",
    ]
    for inv in (False, True):
        label = "invalid (one mistake each)" if inv else "valid"
        out.append(f"**{label} payloads**: payloads/s (x jsonschema-rs)")
        out.append("")
        out.append("| peer | " + " | ".join(MODELS) + " | geo-mean x rs | flagged |")
        out.append("|---|" + "---:|" * (len(MODELS) + 2))
        for peer in table:
            cells, ratios = [], []
            for m in MODELS:
                r = rates[(peer, m, inv)]
                ratio = r / rates[("jsonschema-rs", m, inv)]
                ratios.append(ratio)
                cells.append(f"{fmt_rate(r)} ({ratio:.2f}x)")
            geo = math.exp(sum(map(math.log, ratios)) / len(ratios))
            bad = sum(flagged[(peer, m, inv)] for m in MODELS)
            shown = "-" if peer.endswith("(floor)") else f"{bad}/{n * len(MODELS)}"
            out.append(f"| {peer} | " + " | ".join(cells) + f" | {geo:.2f}x | {shown} |")
        out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------ big file


def write_big(path: Path, defs: dict[str, Any], megabytes: int) -> tuple[int, int]:
    """JSON Lines of SessionStartRequest payloads, 1 in 1000 invalid; (lines, bytes)."""
    rng = random.Random(11)
    root = {"$ref": "#/$defs/SessionStartRequest"}
    target = megabytes * 1_000_000
    n = size = 0
    with open(path, "wb") as f:
        while size < target:
            chunk = []
            for _ in range(1000):
                p = value(root, defs, rng, 0)
                if rng.random() < 0.001:
                    p = corrupt(p, "SessionStartRequest", defs, rng)
                chunk.append(orjson.dumps(p) + b"\n")
            data = b"".join(chunk)
            f.write(data)
            size += len(data)
            n += len(chunk)
    return n, size


# Linux carries the parent's peak RSS into a forked child's ru_maxrss, so the
# command is started from a small launcher process, not from this (big) one.
LAUNCHER = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    p = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
cpu = usage.ru_utime + usage.ru_stime
code = os.waitstatus_to_exitcode(status)
print(json.dumps([time.perf_counter() - t0, cpu, usage.ru_maxrss, code]))
"""


def run_cli(args: list[str], tmp: Path) -> tuple[float, float, int, str, int]:
    """(wall s, CPU s, peak RSS KiB, stdout, exit code) of `python -m generator ...`."""
    out = tmp / "stdout.txt"
    r = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(out), sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    secs, cpu, rss, code = json.loads(r.stdout)
    return secs, cpu, rss, out.read_text(encoding="utf-8"), code


def big_file(defs: dict[str, Any], megabytes: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        lines, size = write_big(path, defs, megabytes)
        small = Path(tmp) / "one.jsonl"
        small.write_bytes(path.open("rb").readline())
        base = ["validate", "--model", "SessionStartRequest", "--schema-dir", str(SCHEMAS)]
        rows = []
        for engine in ("jsonschema-rs", "jsonschema"):
            os.environ["SPECGEN_VALIDATION_ENGINE"] = engine
            _, cpu0, rss0, _, _ = run_cli([*base, "--format", "json", str(small)], Path(tmp))
            secs, cpu, rss, out, code = run_cli([*base, "--format", "json", str(path)], Path(tmp))
            summary = json.loads(out.splitlines()[-1])
            rows.append(
                f"| {engine} | {size / 1e6:.0f} MB, {lines:,} lines | {summary['invalid']} | "
                f"{code} | {secs:.1f} s | {cpu:.1f} s | {cpu0:.2f} s | "
                f"{size / 1e6 / cpu:.1f} MB/s | {lines / cpu:,.0f} | "
                f"{rss / 1024:.0f} MB | {rss0 / 1024:.0f} MB |"
            )
        os.environ.pop("SPECGEN_VALIDATION_ENGINE", None)
    head = (
        "| engine | input | invalid | exit | wall | CPU | CPU on a 1-line file | MB/s (CPU) "
        "| payloads/s (CPU) | peak RSS | peak RSS on a 1-line file |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    return head + "\n" + "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sets and a 20 MB file")
    ap.add_argument("--megabytes", type=int, default=None, help="size of the big JSONL file")
    ap.add_argument("--big-only", action="store_true", help="only the big-file run")
    args = ap.parse_args()
    defs = defs_from_dir(SCHEMAS)
    n, repeat = (500, 3) if args.quick else (2000, 5)
    mb = args.megabytes or (20 if args.quick else 100)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; models: {', '.join(MODELS)}")
    print()
    if not args.big_only:
        print(throughput_tables(defs, n, repeat))
    print(f"**`specgen validate` on a generated {mb} MB JSON Lines file** (subprocess, wait4)")
    print()
    print(big_file(defs, mb))


if __name__ == "__main__":
    main()
