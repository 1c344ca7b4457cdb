"""`specgen validate --workers N | --scheduler ADDRESS`: the same report, from a Dask cluster.

The client plans: inputs are expanded (globs, fsspec URLs), opened once to
be sized and sniffed (JSON Lines or one document, as validate.py decides),
and a JSON Lines file is cut into --blocksize blocks.  A worker reads its
block with fsspec's `read_block`: from the first line starting in it to the
first line starting in the next block, so blocks tile the file on line
boundaries.  A block's result is its newline count, its payload count and
its bad lines numbered from 1 within the block: errors only, never
payloads.  The client takes results in block order and adds the newlines of
the blocks before: line numbers are counted, not guessed, and the report is
the single-process one byte for byte.

The workers run the client's rendered validation module (the package's
`validation.py`): a WorkerPlugin carries its text and the schemas, loads
and compiles them once per worker, and is replayed on any worker that joins
later, one replacing a lost worker included.  At most WINDOW blocks per
worker thread are in flight and unreported: the client's memory stays flat,
and --max-errors cancels what is left.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
import types
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

import distributed
from distributed.diagnostics.plugin import WorkerPlugin
from fsspec.utils import read_block

from .config import ConfigError
from .validate import (
    BOM,
    PROGRESS_MIN_BYTES,
    Progress,
    Report,
    _Compiled,
    check_document,
    check_stream,
    expand,
    first_line,
    is_url,
    load_engine,
    open_input,
    sniff,
    why,
)

WINDOW = 4  # blocks in flight per worker thread
COMPILED: list[str] = []  # plugins compiled in this process, in order (tests read it)

# A bad line as a worker returns it: (line in the block from 1, column, message,
# the failed rules as (pointer, rule, expected, actual, message), payloads so far).
Record = tuple[int, int, str, tuple[tuple[str, str, str, str, str], ...], int]
Result = tuple[int, int, list[Record]]  # (newlines, payloads, bad lines)


@dataclass(frozen=True)
class Spec:
    """What every worker needs: the module's text, the schemas, the model, the engine."""

    source: str
    package: str
    defs: Mapping[str, Any]
    model: str
    engine: str  # the client's: workers without it fail rather than report differently


@dataclass(frozen=True)
class Unit:
    """One step of the report, in order: a block or document for the cluster, stdin or a
    missing input for the client."""

    kind: str  # block | document | stdin | missing
    name: str  # as reported
    url: str = ""  # what a worker opens (local paths made absolute)
    offset: int = 0
    length: int = 0
    why: str = ""  # missing: the reason


# ------------------------------------------------------------------ workers


class Setup(WorkerPlugin):
    """Loads the validation module and compiles the model, once per worker."""

    def __init__(self, name: str, spec: Spec) -> None:
        self.name = name
        self.spec = spec
        self.mod: types.ModuleType | None = None
        self.model: _Compiled | None = None

    def setup(self, worker: distributed.Worker) -> None:
        spec = self.spec
        self.mod = load_engine(spec.source, spec.package)
        self.model = self.mod.CompiledModel(spec.model, spec.defs, spec.engine)
        COMPILED.append(self.name)


def check_block(
    f: IO[bytes],
    unit: Unit,
    mod: types.ModuleType,
    model: _Compiled,
    max_invalid: int,
) -> Result:
    """A unit's bad lines, numbered within it; what passes is dropped at once."""
    if unit.kind == "document":
        data = f.read()
    else:
        data = read_block(f, unit.offset, unit.length, b"\n")
    newlines = data.count(b"\n")
    if unit.offset == 0 and data.startswith(BOM):
        data = data[len(BOM) :]
    if unit.kind == "document":
        payloads, errors = check_document(data, mod, model)
        return newlines, payloads, [_record(e, payloads) for e in errors]
    check = mod.LineCheck(model)
    records = [_record(e, check.payloads) for e in check.errors(io.BytesIO(data), max_invalid)]
    return newlines, check.payloads, records


def _record(e: Any, payloads: int) -> Record:
    rules = tuple((x.pointer, x.rule, x.expected, x.actual, x.message) for x in e.errors)
    return e.line, e.column, e.message, rules, payloads


def _task(plugin: str, unit: Unit, max_invalid: int) -> Result:
    setup = distributed.get_worker().plugins[plugin]
    assert isinstance(setup, Setup) and setup.mod is not None and setup.model is not None
    with open_input(unit.url) as f:
        return check_block(f, unit, setup.mod, setup.model, max_invalid)


# ------------------------------------------------------------------ client


def plan(names: Iterable[str], blocksize: int, mod: types.ModuleType) -> Iterator[Unit]:
    """The units of every input, in report order."""
    for name in expand(names):
        if name == "-":
            yield Unit("stdin", "<stdin>")
            continue
        url = name if is_url(name) else os.path.abspath(name)
        try:
            with open_input(name) as f:
                size = f.seek(0, io.SEEK_END)
                f.seek(0)
                _, jsonl = sniff(f, name, mod)
        except OSError as e:
            yield Unit("missing", name, why=why(e))
            continue
        if jsonl is None:  # empty or blank: nothing to report
            continue
        if not jsonl:
            yield Unit("document", name, url, 0, size)
            continue
        for offset in range(0, size, blocksize):
            yield Unit("block", name, url, offset, min(blocksize, size - offset))


@contextmanager
def connect(args: argparse.Namespace) -> Iterator[distributed.Client]:
    """A client of the scheduler at --scheduler, or of a local cluster of --workers processes."""
    if args.scheduler is not None:
        try:
            client = distributed.Client(args.scheduler)
        except (OSError, TimeoutError, ValueError) as e:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {args.scheduler}: {first_line(e)}"
            ) from None
        with client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,  # validation holds the GIL: one process per core
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def run(
    args: argparse.Namespace,
    spec: Spec,
    mod: types.ModuleType,
    model: _Compiled,
    report: Report,
    progress: bool,
) -> None:
    """Every input checked on the cluster, reported in order on the client."""
    units = list(plan(args.files, args.blocksize, mod))
    with connect(args) as client:
        name = f"specgen-validate-{uuid.uuid4().hex}"
        try:
            client.register_plugin(Setup(name, spec), name=name)
        except Exception as e:  # noqa: BLE001 - whatever a worker raised, in one line
            raise ConfigError(
                f"the Dask workers cannot compile the schema of {spec.model}: {first_line(e)}"
            ) from None
        try:
            Drive(client, name, mod, model, report, args.max_errors).run(units, progress)
        finally:
            client.unregister_worker_plugin(name)


class Drive:
    """Submits units a window ahead and reports their results in order."""

    def __init__(
        self,
        client: distributed.Client,
        plugin: str,
        mod: types.ModuleType,
        model: _Compiled,
        report: Report,
        max_errors: int,
    ) -> None:
        self.client, self.plugin = client, plugin
        self.mod, self.model, self.report = mod, model, report
        self.max_errors = max_errors
        self.window = WINDOW * max(1, sum(client.nthreads().values()))
        self.base = 1  # line number of the next block's first line
        self.failed: set[str] = set()

    def run(self, units: list[Unit], progress: bool) -> None:
        total = sum(u.length for u in units)
        bar = Progress("validating", total) if progress and total >= PROGRESS_MIN_BYTES else None
        todo = iter(units)
        pending: deque[tuple[Unit, distributed.Future[Result] | None]] = deque()
        done = 0
        try:
            while True:
                while len(pending) < self.window and (unit := next(todo, None)) is not None:
                    pending.append((unit, self._submit(unit)))
                if not pending:
                    break
                unit, future = pending.popleft()
                self._report(unit, future)
                done += unit.length
                if bar is not None:
                    bar.name = unit.name
                    bar.update(min(done, total))
                if self.report.stopped:
                    break
        finally:
            self.client.cancel([f for _, f in pending if f is not None])
            if bar is not None:
                bar.close()

    def _submit(self, unit: Unit) -> distributed.Future[Result] | None:
        if unit.kind not in ("block", "document"):
            return None
        return self.client.submit(_task, self.plugin, unit, self.max_errors, pure=False)

    def _report(self, unit: Unit, future: distributed.Future[Result] | None) -> None:
        report = self.report
        if unit.kind == "stdin":
            check_stream(sys.stdin.buffer, unit.name, self.mod, self.model, report, self.max_errors)
            return
        if unit.kind == "missing":
            report.missing(unit.name, unit.why)
            return
        assert future is not None
        if unit.offset == 0:
            self.base = 1
            self.failed.discard(unit.name)
        if unit.name in self.failed:
            future.cancel()
            return
        try:
            newlines, payloads, records = future.result()
        except OSError as e:  # the input went away, or its storage failed
            self.failed.add(unit.name)
            report.missing(unit.name, why(e))
            return
        except Exception as e:  # noqa: BLE001 - a lost cluster, a worker without an engine
            raise ConfigError(f"a Dask task failed on {unit.name}: {first_line(e)}") from None
        self._lines(unit, records)
        if not report.stopped:
            report.payloads += payloads
        self.base += newlines

    def _lines(self, unit: Unit, records: list[Record]) -> None:
        report, mod = self.report, self.mod
        for line, column, message, rules, payloads in records:
            errors = tuple(mod.ValidationError(*r) for r in rules)
            at = None if unit.kind == "document" else self.base + line - 1
            report.bad_line(unit.name, mod.LineError(line, column, message, errors), at)
            if errors and self.max_errors and report.invalid >= self.max_errors:
                report.payloads += payloads
                report.stopped = True
                return
