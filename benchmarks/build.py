"""Whole-process build time: specgen vs datamodel-codegen, at 1x, 10x and 100x.

    python benchmarks/build.py [--scales 1,10,100] [--repeat 3] [--keep DIR]

Inputs are the same API twice over: specgen reads the markdown docs in
`spec/`, datamodel-codegen reads the HoneyHive OpenAPI they document
(`../shared/corpus/honeyhive-python/openapi.yaml`).  A scale of N is N copies
of every model, copies renamed (`PetK2`, links and `$ref`s rewritten), so
the model count grows N times on both sides; operations are not copied.

Child processes run with bytecode caches (PYTHONDONTWRITEBYTECODE removed
from their environment), as an installed tool runs.  Every number is the wall
time of a whole process (interpreter start, imports, parsing, rendering,
writing), the minimum of --repeat runs, each into a fresh output folder.  Rows:

- `specgen build` with `--targets dataclasses`, and with every pure-specgen
  target (jsonschema, dataclasses, client) in one build, also once with the
  on-disk template cache off (`SPECGEN_CACHE_DIR=off`: every template compiled);
- `specgen build --targets pydantic` (built on datamodel-code-generator) as a
  separate row when that target exists;
- datamodel-codegen writing dataclasses and pydantic v2 models;
- a no-op rebuild (`specgen build` again, nothing changed) next to the
  interpreter's own start (`python -c pass`).

Ratios: "x faster" = datamodel-codegen time / specgen time.  Linearity:
(time at N - fixed cost) / (time at 1 - fixed cost), where the fixed cost is
a process importing everything a build imports; 100x should stay <= 110.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
OPENAPI = (ROOT / ".." / "shared" / "corpus" / "honeyhive-python" / "openapi.yaml").resolve()
PY = sys.executable

# ------------------------------------------------------------- scaling

_LINK = re.compile(r"components\.(\w+)\]\((\.\./\.\./models/components/)(\w+)\.md")


def scale_spec(src: Path, dst: Path, n: int) -> int:
    """Copy the spec; add copies 2..n of every component doc, renamed. Returns doc count."""
    shutil.copytree(src, dst)
    comp = dst / "models" / "components"
    originals = sorted(comp.glob("*.md"))
    for k in range(2, n + 1):
        for doc in originals:
            text = doc.read_text(encoding="utf-8")
            lines = text.split("\n")
            if lines and lines[0].startswith("# "):
                lines[0] = f"{lines[0]}K{k}"
            text = "\n".join(lines)
            text = _LINK.sub(lambda m, k=k: f"components.{m[1]}K{k}]({m[2]}{m[3]}k{k}.md", text)
            (comp / f"{doc.stem}k{k}.md").write_text(text, encoding="utf-8")
    return sum(1 for _ in dst.rglob("*.md"))


def _rename_refs(node: Any, k: int) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if (
                key == "$ref"
                and isinstance(value, str)
                and value.startswith("#/components/schemas/")
            ):
                out[key] = f"{value}K{k}"
            else:
                out[key] = _rename_refs(value, k)
        return out
    if isinstance(node, list):
        return [_rename_refs(v, k) for v in node]
    return node


def scale_openapi(src: Path, dst: Path, n: int) -> int:
    """Copies 2..n of every component schema, renamed; returns the schema count."""
    doc = yaml.safe_load(src.read_text(encoding="utf-8"))
    schemas = doc["components"]["schemas"]
    originals = dict(schemas)
    for k in range(2, n + 1):
        for name, schema in originals.items():
            schemas[f"{name}K{k}"] = _rename_refs(copy.deepcopy(schema), k)
    dst.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return len(schemas)


# ------------------------------------------------------------- timing


# Child processes run as an installed tool does: with bytecode (.pyc) caches.
# PYTHONDONTWRITEBYTECODE (set on some machines) would make every specgen run
# recompile its modules from source while the peer's site-packages keep the
# .pyc files pip wrote, which is no like-for-like comparison.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
NO_TEMPLATE_CACHE = {**ENV, "SPECGEN_CACHE_DIR": "off"}


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(wall, CPU user+sys) seconds of one whole process; CPU from wait4's rusage."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV if env is None else env,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def timed(
    argv: Sequence[str],
    cwd: Path,
    prepare: Any = None,
    repeat: int = 3,
    env: dict[str, str] | None = None,
) -> tuple[float, float]:
    """Minimum wall and minimum CPU time of `repeat` runs of a whole process."""
    walls, cpus = [], []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        wall, cpu = run_once(argv, cwd, env)
        walls.append(wall)
        cpus.append(cpu)
    return min(walls), min(cpus)


_RUNS = itertools.count(1)  # one counter: several rows reuse an output folder


def fresh(path: Path) -> Any:
    """A `prepare` step that moves the last run's output aside (not deleted).

    Deleting thousands of files right before a timed run bills the next
    process for the file system's deferred work: on this ext4 machine a 100x
    build into a just-deleted folder showed 4.3 s of system time against 0.8 s
    into a new one.  A rename costs nothing; the work folder goes at the end.
    """

    def prepare() -> None:
        if path.exists():
            path.rename(path.with_name(f"{path.name}.run{next(_RUNS)}"))

    return prepare


def has_target(name: str) -> bool:
    from generator.config import ALL_TARGETS

    return name in ALL_TARGETS and (ROOT / "generator" / "targets" / f"{name}.py").is_file()


def dcg() -> list[str]:
    # the console script beside this interpreter, not a PATH shim (pyenv's adds
    # ~50 ms of bash to every run, which would flatter specgen's ratios)
    exe = Path(PY).with_name("datamodel-codegen")
    return [str(exe)] if exe.is_file() else [PY, "-m", "datamodel_code_generator"]


FLOOR = "import markdown_it, jinja2"
IMPORTS = (
    "import generator.cli, generator.pipeline, generator.resolve, generator.emit, "
    "generator.write, jinja2, markdown_it; "
    "import generator.targets.dataclasses"
)


class Clock:
    """Wall and CPU time since the last lap."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def stages(argv: list[str]) -> int:
    """In-process time of each stage of a build (and of watch's one-doc rebuild)."""
    spec, out, targets, *common = argv
    sys.path.insert(0, str(ROOT))
    from dataclasses import replace as dc_replace

    from generator.config import Config, from_mapping
    from generator.diagnostics import Diagnostics
    from generator.emit import render
    from generator.parse import parse_document
    from generator.pipeline import inputs_hash, options
    from generator.resolve import build, discover
    from generator.watch import DocCache
    from generator.write import plan

    cfg = from_mapping(
        {"targets": targets, "wire-names": common[1], "package": common[3]}, Path(".")
    )
    cfg = dc_replace(cfg, spec=Path(spec), out=Path(out))
    assert isinstance(cfg, Config)
    lap: dict[str, tuple[float, float]] = {}
    clock = Clock()
    inputs_hash(cfg)
    lap["inputs hash"] = clock.lap()
    files = discover(cfg.spec, Diagnostics())
    lap["read docs"] = clock.lap()
    docs = [parse_document(text, rel) for rel, text in files]
    lap["parse (markdown-it)"] = clock.lap()
    spec_ir = build(docs, options(cfg), Diagnostics())
    lap["resolve"] = clock.lap()
    render(spec_ir, cfg)
    lap["render (compiling templates)"] = clock.lap()
    rendered = render(spec_ir, cfg)
    lap["render (templates compiled)"] = clock.lap()
    plan(cfg.out, rendered)
    lap["compare with disk"] = clock.lap()
    cache = DocCache()
    cache.load(cfg)
    doc = cfg.spec / EDITED_DOC
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("Name of the session", "Name, edited"), encoding="utf-8")
    try:
        clock.lap()
        render(cache.load(cfg)[0], cfg)
        lap["watch: one doc edited (parse 1, resolve, render)"] = clock.lap()
    finally:
        doc.write_text(text, encoding="utf-8")
    for name, (wall, cpu) in lap.items():
        print(f"{name} {wall:.6f} {cpu:.6f}")
    return 0


COMMON = ["--wire-names", "snake_case", "--package", "honeyhive"]
EDITED_DOC = Path("models") / "components" / "sessionstartrequest.md"


class Bench:
    def __init__(self, work: Path, repeat: int) -> None:
        self.work = work
        self.repeat = repeat
        self.rows: dict[str, dict[int, tuple[float, float]]] = {}
        self.sizes: dict[int, tuple[int, int, int]] = {}
        self.full = [t for t in ("jsonschema", "dataclasses", "client") if has_target(t)]

    def row(self, name: str, scale: int, times: tuple[float, float]) -> None:
        self.rows.setdefault(name, {})[scale] = times
        wall, cpu = times
        print(
            f"  {name:<52} {scale:>4}x wall {wall * 1000:8.0f} ms  CPU {cpu * 1000:8.0f} ms",
            file=sys.stderr,
            flush=True,
        )

    def fixed_costs(self) -> None:
        reps = max(5, self.repeat)
        self.row("python -c pass", 1, timed([PY, "-c", "pass"], self.work, repeat=reps))
        self.row("fixed cost (imports)", 1, timed([PY, "-c", IMPORTS], ROOT, repeat=reps))
        # the floor of any build on the product's two mandated libraries
        self.row("floor (imports)", 1, timed([PY, "-c", FLOOR], ROOT, repeat=reps))

    def scale(self, n: int) -> None:
        work = self.work
        spec, api = work / f"spec-{n}x", work / f"openapi-{n}x.yaml"
        if not spec.exists():
            scale_spec(SPEC, spec, n)
        if not api.exists():
            scale_openapi(OPENAPI, api, n)
        ir = subprocess.run(
            [PY, "-m", "generator", "ir", "--spec", str(spec), *COMMON],
            cwd=work,
            capture_output=True,
            text=True,
            check=True,
        )
        models = len(json.loads(ir.stdout)["models"])
        schemas = len(yaml.safe_load(api.read_text())["components"]["schemas"])
        docs = sum(1 for _ in spec.rglob("*.md"))
        self.sizes[n] = (docs, models, schemas)
        print(f"{n}x: {docs} docs, {models} models; OpenAPI {schemas} schemas", file=sys.stderr)
        rep = self.repeat if n < 100 else max(1, self.repeat // 2)

        def sg(targets: list[str], out: Path) -> list[str]:
            return [
                PY,
                "-m",
                "generator",
                "build",
                "--spec",
                str(spec),
                "--out",
                str(out),
                "--targets",
                ",".join(targets),
                *COMMON,
            ]

        out = work / f"out-dc-{n}x"
        self.row(
            "specgen build (dataclasses)", n, timed(sg(["dataclasses"], out), work, fresh(out), rep)
        )
        out = work / f"out-full-{n}x"
        label = f"specgen build ({','.join(self.full)})"
        # first without the on-disk template cache: every template compiled
        self.row(
            f"{label}, template cache off",
            n,
            timed(sg(self.full, out), work, fresh(out), rep, NO_TEMPLATE_CACHE),
        )
        self.row(label, n, timed(sg(self.full, out), work, fresh(out), rep))
        # no-op: the last build's output is there and nothing changed
        self.row(
            "specgen build, no-op rebuild", n, timed(sg(self.full, out), work, None, max(5, rep))
        )
        doc = spec / EDITED_DOC
        original = doc.read_text(encoding="utf-8")
        edit = Editor(doc, original)
        self.row("specgen build, one doc edited", n, timed(sg(self.full, out), work, edit, rep))
        doc.write_text(original, encoding="utf-8")
        staged = subprocess.run(
            [PY, __file__, "--stages", str(spec), str(out), ",".join(self.full), *COMMON],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=NO_TEMPLATE_CACHE,  # so the first render row really compiles
        )
        if staged.returncode != 0:  # a broken checkout mid-edit: keep the other rows
            print(f"stage timing failed:\n{staged.stderr[-1500:]}", file=sys.stderr)
        for line in staged.stdout.splitlines():
            name, wall, cpu = line.rsplit(" ", 2)
            self.row(f"in-process: {name}", n, (float(wall), float(cpu)))
        if has_target("pydantic"):
            out = work / f"out-pyd-{n}x"
            self.row(
                "specgen build (pydantic, via datamodel-codegen)",
                n,
                timed(sg(["pydantic"], out), work, fresh(out), rep),
            )
        for kind, model_type in (
            ("dataclasses", "dataclasses.dataclass"),
            ("pydantic v2", "pydantic_v2.BaseModel"),
        ):
            target = work / f"dcg-{kind.replace(' ', '')}-{n}x.py"
            argv = [
                *dcg(),
                "--input",
                str(api),
                "--input-file-type",
                "openapi",
                "--output-model-type",
                model_type,
                "--output",
                str(target),
                "--disable-timestamp",
            ]
            self.row(f"datamodel-codegen ({kind})", n, timed(argv, work, None, rep))


class Editor:
    """A `prepare` step that changes one doc's text before every run."""

    def __init__(self, doc: Path, original: str) -> None:
        self.doc, self.original, self.n = doc, original, 0

    def __call__(self) -> None:
        self.n += 1
        edited = self.original.replace("Name of the session", f"Name of the session ({self.n})")
        self.doc.write_text(edited, encoding="utf-8")


def main() -> int:
    if sys.argv[1:2] == ["--stages"]:
        return stages(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="keep the scaled inputs and outputs here")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="specgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, args.repeat)
    bench.fixed_costs()
    for n in scales:
        bench.scale(n)
    print_table(bench.rows, bench.sizes, scales, bench.full)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def print_table(
    rows: dict[str, dict[int, tuple[float, float]]],
    sizes: dict[int, tuple[int, int, int]],
    scales: list[int],
    full: list[str],
) -> None:
    def ms(t: tuple[float, float]) -> str:
        return f"{t[0] * 1000:.0f} / {t[1] * 1000:.0f} ms"

    py = rows["python -c pass"][1]
    fixed = rows["fixed cost (imports)"][1]
    floor = rows["floor (imports)"][1]
    print(
        f"interpreter start (python -c pass): {ms(py)} (wall / CPU); "
        f"fixed cost (a process importing all a build imports): {ms(fixed)}; "
        f"floor (a process importing only markdown_it and jinja2): {ms(floor)}"
    )
    print(
        "sizes: "
        + "; ".join(
            f"{n}x = {d} docs -> {m} models (OpenAPI: {s} schemas)"
            for n, (d, m, s) in sizes.items()
        )
    )
    print()
    print("| wall / CPU time | " + " | ".join(f"{n}x" for n in scales) + " |")
    print("|" + " --- |" * (len(scales) + 1))
    for name, by in rows.items():
        if name.startswith(("python", "fixed")):
            continue
        print(f"| {name} | " + " | ".join(ms(by[n]) if n in by else "-" for n in scales) + " |")
    print()
    print("| ratio (CPU; wall in brackets) | " + " | ".join(f"{n}x" for n in scales) + " |")
    print("|" + " --- |" * (len(scales) + 1))

    def ratio(a: tuple[float, float], b: tuple[float, float]) -> str:
        return f"{a[1] / b[1]:.1f}x ({a[0] / b[0]:.1f}x)"

    label = ",".join(full)
    dc = rows["specgen build (dataclasses)"]
    fl = rows[f"specgen build ({label})"]
    for peer in ("datamodel-codegen (dataclasses)", "datamodel-codegen (pydantic v2)"):
        p = rows[peer]
        print(
            f"| {peer} / specgen (dataclasses) | "
            + " | ".join(ratio(p[n], dc[n]) for n in scales)
            + " |"
        )
        print(
            f"| {peer} / specgen ({label}) | "
            + " | ".join(ratio(p[n], fl[n]) for n in scales)
            + " |"
        )
    for peer in ("datamodel-codegen (dataclasses)", "datamodel-codegen (pydantic v2)"):
        # no build that imports the two mandated libraries can beat this ratio
        print(
            f"| {peer} / floor (import markdown_it, jinja2; no work) | "
            + " | ".join(ratio(rows[peer][n], floor) if n == 1 else "-" for n in scales)
            + " |"
        )
    pyd = rows.get("specgen build (pydantic, via datamodel-codegen)")
    if pyd:
        p = rows["datamodel-codegen (pydantic v2)"]
        print(
            "| specgen (pydantic) / datamodel-codegen (pydantic v2): its cost | "
            + " | ".join(ratio(pyd[n], p[n]) for n in scales)
            + " |"
        )
    noop = rows["specgen build, no-op rebuild"]
    print(
        "| no-op rebuild minus python -c pass (CPU; wall) | "
        + " | ".join(
            f"{(noop[n][1] - py[1]) * 1000:.0f} ms ({(noop[n][0] - py[0]) * 1000:.0f} ms)"
            for n in scales
        )
        + " |"
    )
    if 1 in scales:
        for name, by, base in (
            ("specgen (dataclasses)", dc, fixed),
            (f"specgen ({label})", fl, fixed),
            ("datamodel-codegen (dataclasses)", rows["datamodel-codegen (dataclasses)"], py),
            ("datamodel-codegen (pydantic v2)", rows["datamodel-codegen (pydantic v2)"], py),
        ):
            one = by[1][1] - base[1]
            print(
                f"| linearity {name}: (CPU(N) - fixed) / (CPU(1x) - fixed) | "
                + " | ".join(f"{(by[n][1] - base[1]) / one:.1f}" for n in scales)
                + " |"
            )


if __name__ == "__main__":
    raise SystemExit(main())
