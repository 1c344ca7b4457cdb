"""Whole-process build time: specgen vs datamodel-codegen, at 1x, 10x and 100x.

    python benchmarks/build.py [--scales 1,10,100] [--repeat 3] [--keep DIR]

Inputs are the same API twice over: specgen reads the markdown docs in
`spec/`, datamodel-codegen reads the HoneyHive OpenAPI they document
(`../shared/corpus/honeyhive-python/openapi.yaml`).  A scale of N is N copies
of every model, copies renamed (`PetK2`, links and `$ref`s rewritten), so
the model count grows N times on both sides; operations are not copied.

Every number is the wall time of a whole process (interpreter start, imports,
parsing, rendering, writing), the minimum of --repeat runs, each into a fresh
output folder.  Rows:

- `specgen build` with `--targets dataclasses`, and with every pure-specgen
  target (jsonschema, dataclasses, client) in one build;
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
import json
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


def timed(argv: Sequence[str], cwd: Path, prepare: Any = None, repeat: int = 3) -> float:
    """Minimum wall time of `repeat` runs of a whole process, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        t0 = time.perf_counter()
        r = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            raise SystemExit(f"failed: {' '.join(argv)}\n{r.stderr[-2000:]}")
        best = min(best, dt)
    return best


def fresh(path: Path) -> Any:
    def prepare() -> None:
        shutil.rmtree(path, ignore_errors=True)

    return prepare


def has_target(name: str) -> bool:
    from generator.config import ALL_TARGETS

    return name in ALL_TARGETS and (ROOT / "generator" / "targets" / f"{name}.py").is_file()


def dcg() -> list[str]:
    exe = shutil.which("datamodel-codegen")
    return [exe] if exe else [PY, "-m", "datamodel_code_generator"]


IMPORTS = (
    "import generator.cli, generator.pipeline, generator.resolve, generator.emit, "
    "generator.write, jinja2, markdown_it; "
    "import generator.targets.dataclasses"
)


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
    t = time.perf_counter()
    inputs_hash(cfg)
    lap = {"inputs hash": time.perf_counter() - t}
    t = time.perf_counter()
    files = discover(cfg.spec, Diagnostics())
    lap["read docs"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = [parse_document(text, rel) for rel, text in files]
    lap["parse (markdown-it)"] = time.perf_counter() - t
    t = time.perf_counter()
    spec_ir = build(docs, options(cfg), Diagnostics())
    lap["resolve"] = time.perf_counter() - t
    render(spec_ir, cfg)  # first render compiles the templates
    t = time.perf_counter()
    rendered = render(spec_ir, cfg)
    lap["render (templates compiled)"] = time.perf_counter() - t
    t = time.perf_counter()
    plan(cfg.out, rendered)
    lap["compare with disk"] = time.perf_counter() - t
    cache = DocCache()
    cache.load(cfg)
    doc = cfg.spec / "models" / "components" / "sessionstartrequest.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("Name of the session", "Name, edited"), encoding="utf-8")
    try:
        t = time.perf_counter()
        render(cache.load(cfg)[0], cfg)
        lap["watch: one doc edited (parse 1, resolve, render)"] = time.perf_counter() - t
    finally:
        doc.write_text(text, encoding="utf-8")
    for name, seconds in lap.items():
        print(f"{name} {seconds:.6f}")
    return 0


COMMON = ["--wire-names", "snake_case", "--package", "honeyhive"]
EDITED_DOC = Path("models") / "components" / "sessionstartrequest.md"


class Bench:
    def __init__(self, work: Path, repeat: int) -> None:
        self.work = work
        self.repeat = repeat
        self.rows: dict[str, dict[int, float]] = {}
        self.sizes: dict[int, tuple[int, int, int]] = {}
        self.full = [t for t in ("jsonschema", "dataclasses", "client") if has_target(t)]

    def row(self, name: str, scale: int, seconds: float) -> None:
        self.rows.setdefault(name, {})[scale] = seconds
        print(f"  {name:<52} {scale:>4}x {seconds * 1000:9.0f} ms", file=sys.stderr, flush=True)

    def fixed_costs(self) -> None:
        reps = max(5, self.repeat)
        self.row("python -c pass", 1, timed([PY, "-c", "pass"], self.work, repeat=reps))
        self.row("fixed cost (imports)", 1, timed([PY, "-c", IMPORTS], ROOT, repeat=reps))

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
            check=True,
        )
        for line in staged.stdout.splitlines():
            name, _, seconds = line.rpartition(" ")
            self.row(f"in-process: {name}", n, float(seconds))
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
    rows: dict[str, dict[int, float]],
    sizes: dict[int, tuple[int, int, int]],
    scales: list[int],
    full: list[str],
) -> None:
    py = rows["python -c pass"][1]
    fixed = rows["fixed cost (imports)"][1]
    print(
        f"interpreter start (python -c pass): {py * 1000:.0f} ms; "
        f"fixed cost (all imports of a build): {fixed * 1000:.0f} ms"
    )
    print(
        "sizes: "
        + "; ".join(
            f"{n}x = {d} docs / {m} models (OpenAPI: {s} schemas)" for n, (d, m, s) in sizes.items()
        )
    )
    print()
    head = "| whole-process time | " + " | ".join(f"{n}x" for n in scales) + " |"
    print(head)
    print("|" + " --- |" * (len(scales) + 1))
    for name, by in rows.items():
        if name.startswith(("python", "fixed")):
            continue
        cells = [f"{by[n] * 1000:.0f} ms" if n in by else "-" for n in scales]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("| ratio | " + " | ".join(f"{n}x" for n in scales) + " |")
    print("|" + " --- |" * (len(scales) + 1))
    dc = rows["specgen build (dataclasses)"]
    fl = rows[f"specgen build ({','.join(full)})"]
    for peer in ("datamodel-codegen (dataclasses)", "datamodel-codegen (pydantic v2)"):
        p = rows[peer]
        print(
            f"| {peer} / specgen (dataclasses) | "
            + " | ".join(f"{p[n] / dc[n]:.1f}x" for n in scales)
            + " |"
        )
        print(
            f"| {peer} / specgen ({','.join(full)}) | "
            + " | ".join(f"{p[n] / fl[n]:.1f}x" for n in scales)
            + " |"
        )
    pyd = rows.get("specgen build (pydantic, via datamodel-codegen)")
    if pyd:
        p = rows["datamodel-codegen (pydantic v2)"]
        print(
            "| specgen (pydantic) / datamodel-codegen (pydantic v2) | "
            + " | ".join(f"{pyd[n] / p[n]:.2f}x" for n in scales)
            + " |"
        )
    noop = rows["specgen build, no-op rebuild"]
    print(
        "| no-op rebuild - python -c pass | "
        + " | ".join(f"{(noop[n] - py) * 1000:.0f} ms" for n in scales)
        + " |"
    )
    if 1 in scales:
        for name, by in (("dataclasses", dc), (",".join(full), fl)):
            base = by[1] - fixed
            print(
                f"| linearity, specgen ({name}): (t(N) - fixed) / (t(1x) - fixed) | "
                + " | ".join(f"{(by[n] - fixed) / base:.1f}" for n in scales)
                + " |"
            )
        for peer in ("datamodel-codegen (dataclasses)", "datamodel-codegen (pydantic v2)"):
            by = rows[peer]
            base = by[1] - py
            print(
                f"| linearity, {peer}: (t(N) - python) / (t(1x) - python) | "
                + " | ".join(f"{(by[n] - py) / base:.1f}" for n in scales)
                + " |"
            )


if __name__ == "__main__":
    raise SystemExit(main())
