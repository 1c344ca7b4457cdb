"""`specgen validate` in one process vs on a local Dask cluster (`--workers N`).

    python benchmarks/validate_scale.py                  # 1 GB file, --workers 2 (~5 min)
    python benchmarks/validate_scale.py --megabytes 100  # a quicker look

Run by hand, not in CI.  A JSON Lines file of SessionStartRequest payloads
(1 in 1000 invalid; benchmarks/validate.py's generator makes 100 MB, copied up
to the size) is written to a temporary folder (`--tmp`, default /tmp; deleted
afterwards) and checked by the real command in a subprocess:

- one process (as without --workers);
- `--workers N` at the default blocksize (64MB) and at a small one (8MB), to
  read the scheduler's cost per task from the difference;
- `--workers N` on a one-line file: the cluster's start and stop, which a big
  run pays once.

The process tree is sampled every 50 ms (psutil): peak RSS of the client
(which hosts the scheduler with --workers) and of each worker process, and
CPU seconds.  The reports are compared with the timing fields dropped: they
must be the same.  `os.getloadavg()` is printed before and after each run: on a
shared machine the other load counts.  Needs the dask and bench extras.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from validate import SCHEMAS, write_big  # noqa: E402  (benchmarks/validate.py)

from generator.validate import defs_from_dir  # noqa: E402

MODEL = "SessionStartRequest"


@dataclass
class Run:
    label: str
    wall: float
    summary: dict[str, Any]
    report: list[dict[str, Any]]
    client_rss: int  # bytes
    worker_rss: list[int]  # bytes, per worker process
    client_cpu: float
    worker_cpu: float
    load: tuple[float, float]


def _is_worker(p: psutil.Process) -> bool:
    cmd = " ".join(p.cmdline())
    return "spawn_main" in cmd and "resource_tracker" not in cmd


def run(label: str, args: list[str], out: Path) -> Run:
    """One `specgen validate` subprocess, its tree sampled until it exits."""
    load0 = os.getloadavg()[0]
    cmd = [sys.executable, "-m", "generator", "validate", "--model", MODEL, "--format", "json"]
    t0 = time.perf_counter()
    with open(out, "wb") as f:
        proc = psutil.Popen(
            [*cmd, "--schema-dir", str(SCHEMAS), *args],
            cwd=ROOT,
            stdout=f,
            stderr=subprocess.DEVNULL,
        )
        rss: dict[int, int] = {}
        cpu: dict[int, float] = {}
        workers: set[int] = set()
        while proc.poll() is None:
            try:
                tree = [proc, *proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in tree:
                try:
                    mem, times = p.memory_info().rss, p.cpu_times()
                    if p.pid != proc.pid and p.pid not in workers and _is_worker(p):
                        workers.add(p.pid)
                except psutil.Error:
                    continue
                rss[p.pid] = max(rss.get(p.pid, 0), mem)
                cpu[p.pid] = times.user + times.system
            time.sleep(0.05)
        wall = time.perf_counter() - t0
    report = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return Run(
        label,
        wall,
        report[-1],
        report[:-1],
        rss.get(proc.pid, 0),
        sorted(rss[w] for w in workers),
        cpu.get(proc.pid, 0.0),
        sum(cpu[w] for w in workers),
        (load0, os.getloadavg()[0]),
    )


def make_file(path: Path, defs: dict[str, Any], megabytes: int) -> tuple[int, int]:
    """Up to 100 MB of distinct payloads, then copies of them to the size: (lines, bytes)."""
    part = path.with_name("part.jsonl")
    lines, size = write_big(part, defs, min(megabytes, 100))
    copies = max(1, round(megabytes * 1e6 / size))
    data = part.read_bytes()
    with open(path, "wb") as f:
        for _ in range(copies):
            f.write(data)
    part.unlink()
    return lines * copies, size * copies


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def table(runs: list[Run], base: Run) -> str:
    rows = [
        "| run | wall | payloads/s (wall) | x 1 process (wall) | CPU client | CPU workers "
        "| client peak RSS | worker peak RSS | load (1 min) before -> after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        n = r.summary["payloads"]
        rate, ratio = (f"{n / r.wall:,.0f}", f"{base.wall / r.wall:.2f}x") if n > 1 else ("-", "-")
        workers = " / ".join(mb(x) for x in r.worker_rss) or "-"
        rows.append(
            f"| {r.label} | {r.wall:.1f} s | {rate} | {ratio} | {r.client_cpu:.1f} s | "
            f"{r.worker_cpu:.1f} s | {mb(r.client_rss)} | {workers} | "
            f"{r.load[0]:.1f} -> {r.load[1]:.1f} |"
        )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--megabytes", type=int, default=1000, help="size of the file (1000)")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (2)")
    ap.add_argument("--tmp", default=tempfile.gettempdir(), help="where the file is written")
    args = ap.parse_args()
    n = args.workers
    defs = defs_from_dir(SCHEMAS)
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        path = Path(tmp) / "events.jsonl"
        t0 = time.perf_counter()
        lines, size = make_file(path, defs, args.megabytes)
        made = time.perf_counter() - t0
        one = Path(tmp) / "one.jsonl"
        one.write_bytes(path.open("rb").readline())
        out = Path(tmp) / "out.jsonl"
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {path.name}: "
            f"{mb(size)}, {lines:,} lines, written in {made:.0f} s"
        )
        start1 = run("one process, a one-line file", [str(one)], out)
        single = run("one process", [str(path)], out)
        start = run(f"--workers {n}, a one-line file", ["--workers", str(n), str(one)], out)
        big = run(f"--workers {n} (64MB blocks)", ["--workers", str(n), str(path)], out)
        small = run(
            f"--workers {n} --blocksize 8MB",
            ["--workers", str(n), "--blocksize", "8MB", str(path)],
            out,
        )
    same = all(r.report == single.report for r in (big, small))
    s = single.summary
    print(f"invalid: {s['invalid']} of {s['payloads']:,} payloads; reports identical: {same}")
    print()
    print(table([start1, single, start, big, small], single))
    print()
    # CPU seconds, start-up excluded: what a core does, whatever else the machine runs
    one_core = s["payloads"] / max(single.client_cpu - start1.client_cpu, 1e-9)
    per_core = s["payloads"] / max(big.worker_cpu - start.worker_cpu, 1e-9)
    tasks = {64: -(-size // 64_000_000), 8: -(-size // 8_000_000)}
    extra = tasks[8] - tasks[64]
    client_task = (small.client_cpu - big.client_cpu) / extra
    worker_task = (small.worker_cpu - big.worker_cpu) / extra
    line = size / lines
    print(
        f"per CPU-second, start-up excluded: one process {one_core:,.0f} payloads "
        f"({one_core * line / 1e6:.0f} MB); a worker core {per_core:,.0f} payloads "
        f"({per_core * line / 1e6:.0f} MB).  Cluster start + stop: {start.wall:.1f} s wall.  "
        f"Cost per extra task ({tasks[8]} vs {tasks[64]} tasks): "
        f"{client_task * 1000:.1f} ms CPU of the client (scheduler inside), "
        f"{worker_task * 1000:.1f} ms CPU of a worker."
    )


if __name__ == "__main__":
    main()
