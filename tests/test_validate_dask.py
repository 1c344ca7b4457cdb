"""`specgen validate --scheduler/--workers` on a real distributed.LocalCluster.

One cluster (2 worker processes) serves the whole module; the CLI runs as a
real subprocess against it.  The single-process report is the reference: the
cluster's must equal it byte for byte (timing fields aside), at a blocksize
small enough to cut every file into many blocks.  Where the inputs are built
here, the lines that must be reported are known and checked too.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run_on_a_terminal
from hypothesis import given, settings
from hypothesis import strategies as st

distributed = pytest.importorskip("distributed")

from generator import validate_dask  # noqa: E402
from generator.config import load  # noqa: E402
from generator.validate import defs_from_spec, engine_module  # noqa: E402

pytestmark = pytest.mark.xdist_group("dask-cluster")  # one cluster per run, not per xdist worker

ROOT = Path(__file__).resolve().parents[1]
MODEL = "SessionStartRequest"
BLOCK = 512  # bytes: every file below spans many blocks
GOOD = {"project": "p", "session_name": "s", "source": "prod"}


# ------------------------------------------------------------ inputs with known answers


def rows(n: int, seed: int) -> list[tuple[str, bytes]]:
    """(kind, line text without its ending): valid, invalid, unreadable or blank."""
    import random

    rnd = random.Random(seed)
    out: list[tuple[str, bytes]] = []
    for i in range(n):
        r = rnd.random()
        pad = "€✓😀" * rnd.randint(0, 12)  # 3- and 4-byte UTF-8 on block boundaries
        if r < 0.08:
            out.append(("invalid", text({**GOOD, "source": 7, "user_properties": pad})))
        elif r < 0.12:
            out.append(("invalid", text({"project": i, "metadata": pad})))
        elif r < 0.14:
            out.append(("unreadable", b'{"project": "p", oops}'))
        elif r < 0.15:
            out.append(("unreadable", b'{"project": "\xff\xfe"}'))
        elif r < 0.16:
            out.append(("unreadable", b'{"project": NaN}'))
        elif r < 0.18:
            out.append(("blank", b"  " if r < 0.17 else b""))
        else:
            out.append(("valid", text({**GOOD, "metadata": {"note": pad}})))
    return out


def text(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def write(path: Path, lines: list[tuple[str, bytes]], end: bytes, last_newline: bool) -> None:
    data = end.join(text for _, text in lines) + (end if last_newline else b"")
    path.write_bytes(data)


def expected_lines(lines: list[tuple[str, bytes]]) -> list[tuple[str, int]]:
    return [(kind, n) for n, (kind, _) in enumerate(lines, 1) if kind in ("invalid", "unreadable")]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("dask-inputs")
    mixed = rows(300, 1)
    write(d / "a-mixed.jsonl", mixed, b"\n", True)
    write(d / "b-crlf.jsonl", mixed, b"\r\n", True)
    tail = rows(120, 2) + [("invalid", json.dumps({"project": 1}).encode())]
    write(d / "c-no-final-newline.jsonl", tail, b"\n", False)
    cut = rows(120, 3) + [("unreadable", b'{"project": "p", "sess')]
    write(d / "d-truncated.jsonl", cut, b"\n", False)
    (d / "e-empty.jsonl").write_bytes(b"")
    bom = rows(60, 4)
    (d / "f-bom.txt").write_bytes(b"\xef\xbb\xbf" + b"\n".join(t for _, t in bom) + b"\n")
    (d / "g-document.json").write_text(json.dumps({**GOOD, "source": 1}, indent=2))
    (d / "h-blank.txt").write_bytes(b"\n  \n\n")
    known = {
        "a-mixed.jsonl": expected_lines(mixed),
        "b-crlf.jsonl": expected_lines(mixed),
        "c-no-final-newline.jsonl": expected_lines(tail),
        "d-truncated.jsonl": expected_lines(cut),
        "f-bom.txt": expected_lines(bom),
    }
    return {"dir": d, "files": sorted(str(p) for p in d.iterdir()), "known": known}


# ------------------------------------------------------------ the cluster


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """2 worker processes, one thread each; generated/ importable there (the DataFrame test)."""
    generated = str(ROOT / "generated")
    sys.path.insert(0, generated)  # spawned workers start with this sys.path
    try:
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as lc,
            distributed.Client(lc) as client,
        ):
            yield client
    finally:
        sys.path.remove(generated)
        for name in [m for m in sys.modules if m == "honeyhive" or m.startswith("honeyhive.")]:
            del sys.modules[name]


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--model", MODEL, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def on_cluster(
    client: Any, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    address = client.scheduler.address
    return cli("--scheduler", address, "--blocksize", f"{BLOCK}B", *args, stdin=stdin)


TIMING = re.compile(r" in \d+\.\d+ s \([\d,]+ payloads/s, ")


def untimed(out: str, fmt: str) -> str:
    """The report without its timing fields (the only ones allowed to differ)."""
    if fmt == "text":
        return TIMING.sub(" in T s (R payloads/s, ", out)
    recs = [json.loads(x) for x in out.splitlines()]
    for r in recs:
        if r["kind"] == "summary":
            r.pop("seconds"), r.pop("payloads_per_second")
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in recs)


def test_inputs_cover_the_cases(inputs: dict[str, Any]) -> None:
    """Many blocks per file, and multi-byte characters across nominal block boundaries."""
    d: Path = inputs["dir"]
    for name in ("a-mixed.jsonl", "b-crlf.jsonl", "c-no-final-newline.jsonl"):
        assert (d / name).stat().st_size > 30 * BLOCK
    data = (d / "a-mixed.jsonl").read_bytes()
    inside = [k for k in range(BLOCK, len(data), BLOCK) if 0x80 <= data[k] < 0xC0]
    assert len(inside) >= 5  # a continuation byte: the boundary cuts a character
    assert b"\r\n" in (d / "b-crlf.jsonl").read_bytes()
    assert not (d / "c-no-final-newline.jsonl").read_bytes().endswith(b"\n")


STDIN = json.dumps(GOOD) + "\n" + json.dumps({"project": 5}) + "\n"


def compiled() -> list[str]:
    """The worker plugins compiled in this (worker) process, in order."""
    from generator import validate_dask

    return list(validate_dask.COMPILED)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cluster_report_equals_single_process(
    cluster: Any, inputs: dict[str, Any], fmt: str
) -> None:
    files = inputs["files"]
    args = ("--format", fmt, *files[:4], "-", *files[4:])  # stdin keeps its place
    single = cli(*args, stdin=STDIN)
    before = cluster.run(compiled)
    dask = on_cluster(cluster, *args, stdin=STDIN)
    after = cluster.run(compiled)
    assert dask.stderr == ""  # no progress bar off a terminal, no cluster chatter
    assert (dask.returncode, untimed(dask.stdout, fmt)) == (
        single.returncode,
        untimed(single.stdout, fmt),
    )
    assert single.returncode == 2  # unreadable lines win over invalid ones
    # each worker compiled the schemas once for this run, not once per block
    assert set(after) == set(before) and len(after) == 2
    for addr in after:
        new = after[addr][len(before[addr]) :]
        assert len(new) == 1 and new[0].startswith("specgen-validate-")
    plugins = cluster.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
    assert not [p for p in plugins if p.startswith("specgen-validate-")]  # unregistered
    if fmt == "text":
        assert "<stdin>:2: /project: type: expected string, got integer 5" in dask.stdout
        return
    # the lines reported are the ones the inputs were built with
    recs = [json.loads(x) for x in dask.stdout.splitlines()]
    for name, known in inputs["known"].items():
        got = [
            (r["kind"], r["line"])
            for r in recs
            if r["kind"] != "summary" and r["file"].endswith("/" + name)
        ]
        assert got == known, name
    doc = [r for r in recs if r.get("file", "").endswith("g-document.json")]
    assert [(r["kind"], r["line"]) for r in doc] == [("invalid", None)]
    assert not [r for r in recs if r.get("file", "").endswith(("e-empty.jsonl", "blank.txt"))]


def test_max_errors_stops_the_cluster_early(cluster: Any, tmp_path: Path) -> None:
    f = tmp_path / "all-bad.jsonl"
    f.write_text("".join(json.dumps({"project": i}) + "\n" for i in range(3000)))
    blocks = -(-f.stat().st_size // BLOCK)
    args = ("--format", "json", "--max-errors", "7", str(f))
    single = cli(*args)
    with distributed.get_task_stream(cluster) as ts:
        dask = on_cluster(cluster, *args)
    assert untimed(dask.stdout, "json") == untimed(single.stdout, "json")
    recs = [json.loads(x) for x in dask.stdout.splitlines()]
    assert [r["line"] for r in recs[:-1]] == [1, 2, 3, 4, 5, 6, 7]
    assert recs[-1]["stopped_early"] is True and recs[-1]["payloads"] == 7
    ran = [t for t in ts.data if "_task" in str(t["key"])]
    assert blocks > 100 and 0 < len(ran) <= 4 * validate_dask.WINDOW * 2


def test_fsspec_url_glob_same_report(cluster: Any, inputs: dict[str, Any]) -> None:
    """A file:// glob: expanded in sorted order, read through fsspec on both sides."""
    url = f"file://{inputs['dir']}/[abc]-*.jsonl"
    single = cli("--format", "json", url)
    dask = on_cluster(cluster, "--format", "json", url)
    assert untimed(dask.stdout, "json") == untimed(single.stdout, "json")
    files = [json.loads(x).get("file") for x in single.stdout.splitlines()[:-1]]
    names = sorted({f.rsplit("/", 1)[-1] for f in files})
    assert names == ["a-mixed.jsonl", "b-crlf.jsonl", "c-no-final-newline.jsonl"]
    assert all(f.startswith("file:///") for f in files)


def test_progress_bar_on_a_terminal(cluster: Any, tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    row = json.dumps({**GOOD, "metadata": {"pad": "x" * 200}}) + "\n"
    f.write_text(row * (5_000_000 // len(row) + 1))
    cmd = [sys.executable, "-m", "generator", "validate", "--model", MODEL]
    address = cluster.scheduler.address
    code, out, seen = run_on_a_terminal(
        [*cmd, "--scheduler", address, "--blocksize", "256KiB", str(f)]
    )
    assert code == 0, out
    assert b"big.jsonl [" in seen and b"% " in seen and b" MB/s" in seen
    assert seen.endswith(b"\r\x1b[K")
    assert out.startswith("specgen: ") and "[" not in out


def test_dataframe_map_partitions_example_from_the_docs(cluster: Any, tmp_path: Path) -> None:
    """The docs' Dask DataFrame example, run as printed on this cluster (its path swapped)."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("dask.dataframe")
    page = (ROOT / "docs" / "validation.md").read_text()
    code = re.search(r"```python\n(import dask\.dataframe.*?)```", page, re.S)
    assert code is not None, "docs/validation.md has no Dask DataFrame example"
    folder = tmp_path / "events"
    folder.mkdir()
    bad_ids = []
    for part in range(3):
        ids, payloads = [], []
        for i in range(40):
            key = f"e{part}-{i}"
            ids.append(key)
            if i % 7 == 3:
                payloads.append(json.dumps({"event_type": "robot"}))
                bad_ids.append(key)
            elif i % 11 == 5:
                payloads.append("{not json")
                bad_ids.append(key)
            else:
                payloads.append(json.dumps({"event_type": "model", "project_id": "p"}))
        pd.DataFrame({"id": ids, "payload": payloads}).to_parquet(folder / f"{part}.parquet")
    text = code.group(1).replace('"s3://bucket/events/"', repr(str(folder)))
    scope: dict[str, Any] = {}
    exec(compile(text, "docs/validation.md", "exec"), scope)
    bad = scope["bad"]
    assert bad.npartitions == 3
    found = bad.compute()
    assert sorted(found["id"]) == sorted(bad_ids)
    assert found.set_index("id").loc["e0-3", "error"].startswith("3: /event_type: enum: ")
    assert "invalid JSON" in found.set_index("id").loc["e0-5", "error"]


# ------------------------------------------------------------ without a cluster


@pytest.fixture(scope="module")
def engine() -> tuple[Any, Any]:
    cfg = load(ROOT)
    defs = defs_from_spec(cfg)
    mod = engine_module(cfg, list(defs))
    return mod, mod.CompiledModel(MODEL, defs)


def test_a_block_result_holds_errors_never_payloads(engine: tuple[Any, Any]) -> None:
    mod, model = engine
    good = (json.dumps({**GOOD, "metadata": {"pad": "x" * 100}}) + "\n").encode()
    data = good * 5000 + b'{"project": 1}\n' + good * 10
    unit = validate_dask.Unit("block", "x.jsonl", "x.jsonl", 0, len(data))
    newlines, payloads, records = validate_dask.check_block(io.BytesIO(data), unit, mod, model, 0)
    assert (newlines, payloads) == (5011, 5011)
    assert [(r[0], [e[0] for e in r[3]]) for r in records] == [
        (5001, ["/project", "/session_name", "/source"])
    ]
    assert len(pickle.dumps((newlines, payloads, records))) < 1000 < len(data) // 500


@settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(
        st.sampled_from([b"", b"{}", b"1", b"x" * 40, "é€😀".encode(), b"\r"]), max_size=40
    ),
    final=st.booleans(),
    blocksize=st.integers(1, 64),
)
def test_blocks_tile_the_file_on_line_boundaries(
    engine: tuple[Any, Any], tile_file: Path, lines: list[bytes], final: bool, blocksize: int
) -> None:
    """Blocks concatenate to the file; each non-empty one but the last ends a line."""
    mod, _ = engine
    data = b"\n".join(lines) + (b"\n" if final and lines else b"")
    tile_file.write_bytes(data)
    units = list(validate_dask.plan([str(tile_file)], blocksize, mod))
    if not data.strip():
        assert units == []  # blank input: nothing to report, nothing to run
        return
    assert [u.offset for u in units] == list(range(0, len(data), blocksize))
    with open(tile_file, "rb") as fh:
        got = [validate_dask.read_block(fh, u.offset, u.length, b"\n") for u in units]
    assert b"".join(got) == data
    filled = [b for b in got if b]
    assert all(b.endswith(b"\n") for b in filled[:-1])


@pytest.fixture(scope="module")
def tile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tile") / "t.jsonl"


# ------------------------------------------------------------ errors a user can cause


def test_without_dask_one_line_saying_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "dask").mkdir()
    (tmp_path / "dask" / "__init__.py").write_text("raise ImportError('not installed')\n")
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(GOOD) + "\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    for flag in (["--workers", "2"], ["--scheduler", "tcp://127.0.0.1:8786"]):
        r = subprocess.run(
            [sys.executable, "-m", "generator", "validate", "--model", MODEL, *flag, str(f)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert (r.returncode, r.stdout) == (2, "")
        assert r.stderr == (
            "specgen: error: --scheduler/--workers need dask.distributed: "
            "pip install 'specgen[dask]'\n"
        )
    r = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--model", MODEL, str(f)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr  # one process needs no Dask


def test_unreachable_scheduler_one_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(GOOD) + "\n")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "validate",
            "--model",
            MODEL,
            "--scheduler",
            "tcp://127.0.0.1:9",
            str(f),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
    )
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.startswith(
        "specgen: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
    )
    assert len(r.stderr.splitlines()) == 1


@pytest.mark.parametrize("size", ["0", "12XB", "-5MB"])
def test_bad_blocksize_is_a_usage_error(size: str) -> None:
    r = cli(f"--blocksize={size}", "-", stdin="{}")
    assert r.returncode == 2
    assert f"argument --blocksize: {size!r} is not a size such as 64MB or 512KiB" in r.stderr


# ------------------------------------------------------------ a worker lost mid-run (last)


def test_worker_killed_mid_run_every_invalid_line_once(cluster: Any, tmp_path: Path) -> None:
    f = tmp_path / "long.jsonl"
    lines = [
        json.dumps({"project": i}) if i % 50 == 0 else json.dumps({**GOOD, "metadata": {"i": i}})
        for i in range(60_000)
    ]
    f.write_text("\n".join(lines) + "\n")
    invalid = [n for n, i in enumerate(range(60_000), 1) if i % 50 == 0]
    cmd = [sys.executable, "-m", "generator", "validate", "--model", MODEL, "--format", "json"]
    proc = subprocess.Popen(
        [*cmd, "--scheduler", cluster.scheduler.address, "--blocksize", "16KiB", str(f)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the first block is reported: the run is under way
    pids = cluster.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    assert proc.poll() is None  # still running when the worker died
    rest = proc.stdout.read()  # communicate() would lose what readline() buffered
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.wait(timeout=300)
    recs = [json.loads(x) for x in (first + rest).splitlines()]
    assert proc.returncode == 1, err
    assert [r["line"] for r in recs[:-1]] == invalid  # each exactly once, in order
    assert recs[-1]["payloads"] == 60_000 and recs[-1]["invalid"] == len(invalid)
    cluster.wait_for_workers(2, timeout=120)  # the nanny restarted it
    assert victim not in cluster.run(os.getpid).values()
