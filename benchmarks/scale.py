"""Resource limits: time and peak memory of a build as the spec and its cells grow.

    python benchmarks/scale.py [--models 1250,2500,5000,10000] [--cells 125,250,500,1000]
                               [--targets jsonschema,dataclasses] [--peer-max 10000]

Two synthetic inputs, written to a temp folder:

- models: N object docs of 6 fields each (scalars, an array, a map, and links to
  two neighbours, so the spec is one big link cycle); built with `specgen build`.
  The peer is datamodel-codegen turning the emitted JSON Schema bundle (same N
  models under `$defs`) into dataclasses.
- cells: one model whose Description cell is K kB of prose, and one whose cell is
  K kB of unmatched `[` (markdown-it scans up to 1,000 characters for each
  label: linear, but with a large constant).

Each number is one whole process (`python -m generator build`): CPU seconds
(user + system) and peak RSS, both from wait4.  "growth" is time(N) / time(previous N): about 2.0
for linear work when N doubles, 4.0 for quadratic.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"


def model_doc(i: int, n: int) -> str:
    nxt, prev = (i + 1) % n, (i - 1) % n
    link = "[components.M{k}](../../models/components/m{k}.md)"
    rows = [
        f"| `id` | *string* | :heavy_check_mark: | Identifier of model {i} |",
        "| `count` | *number* | :heavy_minus_sign: | How many |",
        "| `tags` | *string*[] | :heavy_minus_sign: | Tags |",
        "| `meta` | Record<string, *any*> | :heavy_minus_sign: | Free-form metadata |",
        f"| `next` | {link.format(k=nxt)} | :heavy_minus_sign: | The next model |",
        f"| `prev` | {link.format(k=prev)}[] | :heavy_minus_sign: | Earlier models |",
    ]
    return f"# M{i}\n\nModel number {i}.\n\n## Fields\n\n{HEAD}" + "\n".join(rows) + "\n"


def write_models(root: Path, n: int) -> None:
    comps = root / "models" / "components"
    comps.mkdir(parents=True)
    for i in range(n):
        (comps / f"m{i}.md").write_text(model_doc(i, n), encoding="utf-8")


def write_cell(root: Path, kb: int, unit: str) -> None:
    comps = root / "models" / "components"
    comps.mkdir(parents=True)
    cell = (unit * (kb * 1024 // len(unit) + 1))[: kb * 1024].strip()
    (comps / "big.md").write_text(
        f"# Big\n\n## Fields\n\n{HEAD}| `big` | *string* | :heavy_check_mark: | {cell} |\n",
        encoding="utf-8",
    )


def measure(cmd: list[str], cwd: Path, timeout: float) -> tuple[float, float, int]:
    """(CPU seconds, peak RSS MiB, exit code) of one child process (from wait4).

    CPU (user + system) rather than wall time: the machines this runs on are
    shared, and wall time there measures the neighbours."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return float("inf"), usage.ru_maxrss / 1024, -9
        time.sleep(0.01)
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0 and proc.stderr is not None:
        sys.stderr.write(proc.stderr.read().decode(errors="replace")[-2000:])
    return cpu, usage.ru_maxrss / 1024, code


def specgen(spec: Path, out: Path, targets: str, timeout: float) -> tuple[float, float, int]:
    cmd = [PY, "-m", "generator", "build", "--spec", str(spec), "--out", str(out)]
    cmd += ["--package", "scale", "--targets", targets]
    return measure(cmd, spec.parent, timeout)


def peer(out: Path, timeout: float) -> tuple[float, float, int]:
    exe = shutil.which("datamodel-codegen")
    bundle = out / "scale" / "schemas" / "_bundle.schema.json"
    if exe is None or not bundle.is_file():
        return float("nan"), float("nan"), -1
    cmd = [exe, "--input", str(bundle), "--input-file-type", "jsonschema"]
    cmd += ["--output", str(out / "peer.py"), "--output-model-type", "dataclasses.dataclass"]
    return measure(cmd, out, timeout)


def fmt(x: float) -> str:
    return "timeout" if x == float("inf") else ("-" if x != x else f"{x:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default="1250,2500,5000,10000")
    ap.add_argument("--cells", default="125,250,500,1000", help="cell sizes in kB")
    ap.add_argument("--targets", default="jsonschema,dataclasses")
    ap.add_argument("--peer-max", type=int, default=10000, help="largest N run through the peer")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()

    print(f"## models: specgen build --targets {args.targets} vs datamodel-codegen\n")
    print("| models | specgen CPU s | growth | peak MiB | peer CPU s | peak MiB | peer / specgen |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    prev = None
    for n in (int(x) for x in args.models.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            spec, out = Path(tmp) / "spec", Path(tmp) / "out"
            write_models(spec, n)
            s, mem, code = specgen(spec, out, args.targets, args.timeout)
            assert code == 0, f"specgen failed at {n} models"
            p, pmem, _ = (
                peer(out, args.timeout) if n <= args.peer_max else (float("nan"),) * 2 + (0,)
            )
        growth = fmt(s / prev) if prev else "-"
        prev = s
        print(f"| {n} | {fmt(s)} | {growth} | {mem:.0f} | {fmt(p)} | {fmt(pmem)} | {fmt(p / s)} |")

    print("\n## one big cell: specgen build --targets " + args.targets + "\n")
    print("| cell kB | prose CPU s | growth | peak MiB | `[` x K CPU s | growth | peak MiB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    prev_a = prev_b = None
    for kb in (int(x) for x in args.cells.split(",")):
        row = []
        for unit in ("lorem ipsum ", "["):
            with tempfile.TemporaryDirectory() as tmp:
                spec, out = Path(tmp) / "spec", Path(tmp) / "out"
                write_cell(spec, kb, unit)
                row.append(specgen(spec, out, args.targets, args.timeout))
        (a, amem, _), (b, bmem, _) = row
        ga = fmt(a / prev_a) if prev_a else "-"
        gb = fmt(b / prev_b) if prev_b else "-"
        prev_a, prev_b = a, b
        print(f"| {kb} | {fmt(a)} | {ga} | {amem:.0f} | {fmt(b)} | {gb} | {bmem:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
