"""`specgen diff OLD NEW`: what changed between two specs, and whom it breaks.

Each side is a spec folder or a git revision (`HEAD~1`, a tag); a revision's
spec folder is extracted with `git archive` into a temp dir.  Both sides are
resolved to IR and compared model by model, field by field, operation by
operation.  Every change is classified twice:

- breaking for a **client**: a client built on OLD fails against a server of
  NEW (or its code stops compiling when regenerated);
- breaking for a **server**: a server built on OLD no longer honours what a
  client of NEW may send or expect.

Whether a change to a model breaks a side depends on which way the model's
data flows: a model reachable from request parameters or bodies is written
by clients, one reachable from responses is written by servers; a model used
both ways or by no operation counts as both.  The README lists the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from .config import Config, ConfigError
from .diagnostics import SpecError
from .ir import (
    AliasModel,
    AnyType,
    Array,
    EnumModel,
    Field,
    Map,
    Model,
    ObjectModel,
    Operation,
    Param,
    Primitive,
    Ref,
    Spec,
    Type,
    Union,
    UnionModel,
    type_refs,
)
from .ir import (
    Literal as LiteralType,
)

Direction = Literal["request", "response", "both"]
Relation = Literal["same", "narrowed", "widened", "changed"]


@dataclass(frozen=True)
class Change:
    kind: str  # model | field | member | variant | operation | param | body | response
    change: str  # added | removed | changed
    subject: str  # "Pet", "Pet.owner", "getPet", "getPet(petId)"
    detail: str
    client: bool  # breaking for clients
    server: bool  # breaking for servers
    source: str = ""  # file:line on the side that has the thing

    @property
    def breaking(self) -> bool:
        return self.client or self.server

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "change": self.change,
            "subject": self.subject,
            "detail": self.detail,
            "breaking": {"client": self.client, "server": self.server},
            "source": self.source,
        }


# --------------------------------------------------------------- types


def relate(old: Type, new: Type) -> Relation:
    """How the set of values NEW accepts relates to OLD's."""
    if old == new:
        return "same"
    if isinstance(new, AnyType):
        return "widened"
    if isinstance(old, AnyType):
        return "narrowed"
    if isinstance(old, Union) or isinstance(new, Union):
        olds = list(old.variants) if isinstance(old, Union) else [old]
        news = list(new.variants) if isinstance(new, Union) else [new]
        covered_old = all(any(relate(o, n) in ("same", "widened") for n in news) for o in olds)
        covered_new = all(any(relate(o, n) in ("same", "narrowed") for o in olds) for n in news)
        if covered_old and covered_new:
            return "same"
        if covered_old:
            return "widened"
        if covered_new:
            return "narrowed"
        return "changed"
    if isinstance(old, Array) and isinstance(new, Array):
        return relate(old.item, new.item)
    if isinstance(old, Map) and isinstance(new, Map):
        return relate(old.value, new.value)
    if isinstance(old, Primitive) and isinstance(new, Primitive):
        return _relate_primitive(old, new)
    if isinstance(old, LiteralType) and isinstance(new, Primitive):
        return "widened" if _literal_kind(old) == new.kind else "changed"
    if isinstance(old, Primitive) and isinstance(new, LiteralType):
        return "narrowed" if _literal_kind(new) == old.kind else "changed"
    return "changed"


def _literal_kind(lit: LiteralType) -> str:
    v = lit.value
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    return "null"


def _relate_primitive(old: Primitive, new: Primitive) -> Relation:
    if old.kind != new.kind:
        if (old.kind, new.kind) == ("integer", "number"):
            return "widened" if new.format is None else "changed"
        if (old.kind, new.kind) == ("number", "integer"):
            return "narrowed" if old.format is None else "changed"
        return "changed"
    if old.format is None:
        return "narrowed"  # a format constrains the same kind
    if new.format is None:
        return "widened"
    return "changed"


def show(t: Type | None) -> str:
    """A short, stable spelling of a type for messages."""
    match t:
        case None:
            return "nothing"
        case Primitive(kind, fmt):
            return f"{kind}({fmt})" if fmt else kind
        case Array(item):
            return f"{show(item)}[]"
        case Map(value):
            return f"map<{show(value)}>"
        case Ref(model):
            return model
        case Union(variants):
            return " | ".join(show(v) for v in variants)
        case LiteralType(value):
            return json.dumps(value)
    return "any"


# ----------------------------------------------------------- direction


def directions(spec: Spec) -> dict[str, set[str]]:
    """{model: {"request", "response"}} from the operations that reach it."""
    models = spec.model_map()
    found: dict[str, set[str]] = {}

    def walk(t: Type | None, way: str) -> None:
        todo = type_refs(t) if t is not None else []
        while todo:
            name = todo.pop()
            if way in found.setdefault(name, set()):
                continue
            found[name].add(way)
            m = models.get(name)
            if isinstance(m, ObjectModel):
                todo.extend(r for f in m.fields for r in type_refs(f.type))
            elif isinstance(m, UnionModel):
                todo.extend(r for v in m.variants for r in type_refs(v))
            elif isinstance(m, AliasModel):
                todo.extend(type_refs(m.type))

    for op in spec.operations:
        for p in op.params:
            walk(p.type, "request")
        walk(op.body, "request")
        for r in op.responses + op.errors:
            walk(r.type, "response")
    return found


def _direction(name: str, old: dict[str, set[str]], new: dict[str, set[str]]) -> Direction:
    ways = old.get(name, set()) | new.get(name, set())
    if ways == {"request"}:
        return "request"
    if ways == {"response"}:
        return "response"
    return "both"  # both ways, or no operation uses it: assume either side may write it


def by_relation(rel: Relation, way: Direction) -> tuple[bool, bool]:
    """(client, server) breaking for a change of accepted values.

    Narrower request values break clients that still send the old ones; narrower
    response values break servers that still send them; wider is the mirror.
    """
    if rel == "same":
        return False, False
    if rel == "changed" or way == "both":
        return True, True
    narrowed = rel == "narrowed"
    if way == "request":
        return narrowed, not narrowed
    return not narrowed, narrowed


def _src(thing: Model | Field | Operation | Param) -> str:
    return str(thing.source)


# -------------------------------------------------------------- models


def _fields(model: str, old: ObjectModel, new: ObjectModel, way: Direction) -> Iterator[Change]:
    olds = {f.doc_name: f for f in old.fields}
    news = {f.doc_name: f for f in new.fields}
    for name in sorted(olds.keys() - news.keys()):
        f = olds[name]
        # Clients lose the attribute; servers of OLD may still require it from NEW clients.
        server = way != "response" and f.required
        yield Change("field", "removed", f"{model}.{name}", "field removed", True, server, _src(f))
    for name in sorted(news.keys() - olds.keys()):
        f = news[name]
        client, server = _requiredness(False, f.required, way, added=True)
        detail = "required field added" if f.required else "optional field added"
        yield Change("field", "added", f"{model}.{name}", detail, client, server, _src(f))
    for name in sorted(olds.keys() & news.keys()):
        yield from _field(model, olds[name], news[name], way)


def _requiredness(
    old_req: bool, new_req: bool, way: Direction, added: bool = False
) -> tuple[bool, bool]:
    """(client, server) breaking when a field's presence rule changes."""
    if old_req == new_req:
        return False, False
    if new_req:  # now always present: request senders and response senders must add it
        client = way != "response"
        server = way != "request"
        return client, server
    if added:
        return False, False
    # now optional: readers that relied on it break
    return way != "request", way != "response"


def _field(model: str, o: Field, n: Field, way: Direction) -> Iterator[Change]:
    subject = f"{model}.{n.doc_name}"
    src = _src(n)
    if o.wire_name != n.wire_name:
        detail = f"wire name {o.wire_name!r} -> {n.wire_name!r}"
        yield Change("field", "changed", subject, detail, True, True, src)
    if o.py_name != n.py_name:
        detail = f"Python name {o.py_name} -> {n.py_name}"
        yield Change("field", "changed", subject, detail, True, True, src)
    if o.required != n.required:
        client, server = _requiredness(o.required, n.required, way)
        detail = "optional -> required" if n.required else "required -> optional"
        yield Change("field", "changed", subject, detail, client, server, src)
    rel = relate(o.type, n.type)
    if o.nullable != n.nullable:
        nrel: Relation = "widened" if n.nullable else "narrowed"
        client, server = by_relation(nrel, way)
        detail = "now nullable" if n.nullable else "no longer nullable"
        yield Change("field", "changed", subject, detail, client, server, src)
    if rel != "same":
        client, server = by_relation(rel, way)
        detail = f"type {rel}: {show(o.type)} -> {show(n.type)}"
        yield Change("field", "changed", subject, detail, client, server, src)
    if o.deprecated != n.deprecated:
        detail = "deprecated" if n.deprecated else "no longer deprecated"
        yield Change("field", "changed", subject, detail, False, False, src)


def _models(old: Spec, new: Spec) -> Iterator[Change]:
    olds, news = old.model_map(), new.model_map()
    dir_old, dir_new = directions(old), directions(new)
    for name in sorted(olds.keys() - news.keys()):
        yield Change("model", "removed", name, "model removed", True, True, _src(olds[name]))
    for name in sorted(news.keys() - olds.keys()):
        yield Change("model", "added", name, "model added", False, False, _src(news[name]))
    for name in sorted(olds.keys() & news.keys()):
        o, n = olds[name], news[name]
        way = _direction(name, dir_old, dir_new)
        if o.kind != n.kind:
            detail = f"{o.kind} -> {n.kind}"
            yield Change("model", "changed", name, detail, True, True, _src(n))
            continue
        if isinstance(o, ObjectModel) and isinstance(n, ObjectModel):
            if o.open != n.open:
                rel: Relation = "widened" if n.open else "narrowed"
                client, server = by_relation(rel, way)
                detail = "unknown keys now allowed" if n.open else "unknown keys now rejected"
                yield Change("model", "changed", name, detail, client, server, _src(n))
            yield from _fields(name, o, n, way)
        elif isinstance(o, EnumModel) and isinstance(n, EnumModel):
            yield from _members(name, o, n, way)
        elif isinstance(o, UnionModel) and isinstance(n, UnionModel):
            rel = relate(Union(o.variants), Union(n.variants))
            if rel != "same":
                client, server = by_relation(rel, way)
                detail = f"variants {rel}: {show(Union(o.variants))} -> {show(Union(n.variants))}"
                yield Change("model", "changed", name, detail, client, server, _src(n))
        elif isinstance(o, AliasModel) and isinstance(n, AliasModel):
            rel = relate(o.type, n.type)
            if rel != "same":
                client, server = by_relation(rel, way)
                detail = f"type {rel}: {show(o.type)} -> {show(n.type)}"
                yield Change("model", "changed", name, detail, client, server, _src(n))


def _members(name: str, o: EnumModel, n: EnumModel, way: Direction) -> Iterator[Change]:
    olds = {m.value: m for m in o.members}
    news = {m.value: m for m in n.members}
    for value in sorted(olds.keys() - news.keys(), key=str):
        client, server = by_relation("narrowed", way)
        subject = f"{name}.{olds[value].py_name}"
        detail = f"value {value!r} removed"
        yield Change("member", "removed", subject, detail, client, server, _src(n))
    for value in sorted(news.keys() - olds.keys(), key=str):
        client, server = by_relation("widened", way)
        subject = f"{name}.{news[value].py_name}"
        detail = f"value {value!r} added"
        yield Change("member", "added", subject, detail, client, server, _src(n))


# ---------------------------------------------------------- operations


def _operations(old: Spec, new: Spec) -> Iterator[Change]:
    olds = {op.name: op for op in old.operations}
    news = {op.name: op for op in new.operations}
    for name in sorted(olds.keys() - news.keys()):
        op = olds[name]
        yield Change("operation", "removed", name, _route(op), True, False, _src(op))
    for name in sorted(news.keys() - olds.keys()):
        op = news[name]
        yield Change("operation", "added", name, _route(op), False, False, _src(op))
    for name in sorted(olds.keys() & news.keys()):
        yield from _operation(olds[name], news[name])


def _route(op: Operation) -> str:
    return f"{op.method or '?'} {op.path or '?'}"


def _operation(o: Operation, n: Operation) -> Iterator[Change]:
    name, src = n.name, _src(n)
    if (o.method, o.path) != (n.method, n.path):
        detail = f"{_route(o)} -> {_route(n)}"
        yield Change("operation", "changed", name, detail, True, True, src)
    olds = {p.doc_name: p for p in o.params}
    news = {p.doc_name: p for p in n.params}
    for pname in sorted(olds.keys() - news.keys()):
        p = olds[pname]
        yield Change(
            "param",
            "removed",
            f"{name}({pname})",
            f"{p.location} parameter removed",
            True,
            p.required,
            _src(p),
        )
    for pname in sorted(news.keys() - olds.keys()):
        p = news[pname]
        req = "required" if p.required else "optional"
        yield Change(
            "param",
            "added",
            f"{name}({pname})",
            f"{req} {p.location} parameter added",
            p.required,
            False,
            _src(p),
        )
    for pname in sorted(olds.keys() & news.keys()):
        yield from _param(name, olds[pname], news[pname])
    if o.body != n.body or o.body_required != n.body_required:
        yield from _body(o, n)
    yield from _responses(name, "response", o.responses, n.responses, src)
    yield from _responses(name, "error", o.errors, n.errors, src)


def _param(op: str, o: Param, n: Param) -> Iterator[Change]:
    subject, src = f"{op}({n.doc_name})", _src(n)
    if o.location != n.location or o.wire_name != n.wire_name:
        detail = f"{o.location} {o.wire_name!r} -> {n.location} {n.wire_name!r}"
        yield Change("param", "changed", subject, detail, True, True, src)
    if o.required != n.required:
        client, server = _requiredness(o.required, n.required, "request")
        detail = "optional -> required" if n.required else "required -> optional"
        yield Change("param", "changed", subject, detail, client, server, src)
    rel = relate(o.type, n.type)
    if rel != "same":
        client, server = by_relation(rel, "request")
        detail = f"type {rel}: {show(o.type)} -> {show(n.type)}"
        yield Change("param", "changed", subject, detail, client, server, src)


def _body(o: Operation, n: Operation) -> Iterator[Change]:
    src = _src(n)
    if o.body is None or n.body is None:
        change = "added" if o.body is None else "removed"
        required = n.body_required if n.body is not None else False
        client = change == "removed" or required
        server = change == "removed" and o.body_required
        detail = f"request body {change}: {show(o.body)} -> {show(n.body)}"
        yield Change("body", change, n.name, detail, client, server, src)
        return
    rel = relate(o.body, n.body)
    if rel != "same":
        client, server = by_relation(rel, "request")
        detail = f"request body {rel}: {show(o.body)} -> {show(n.body)}"
        yield Change("body", "changed", n.name, detail, client, server, src)
    if o.body_required != n.body_required:
        client, server = _requiredness(o.body_required, n.body_required, "request")
        detail = "body optional -> required" if n.body_required else "body required -> optional"
        yield Change("body", "changed", n.name, detail, client, server, src)


def _responses(
    op: str, what: str, olds_t: tuple[Any, ...], news_t: tuple[Any, ...], src: str
) -> Iterator[Change]:
    olds = {r.status: r.type for r in olds_t}
    news = {r.status: r.type for r in news_t}
    for status in sorted(olds.keys() - news.keys()):
        yield Change(
            "response", "removed", f"{op} {status}", f"{what} {status} removed", True, False, src
        )
    for status in sorted(news.keys() - olds.keys()):
        # a status old clients have never seen
        yield Change(
            "response",
            "added",
            f"{op} {status}",
            f"{what} {status} added",
            what == "response",
            False,
            src,
        )
    for status in sorted(olds.keys() & news.keys()):
        ot, nt = olds[status], news[status]
        if ot == nt:
            continue
        if ot is None or nt is None:
            rel: Relation = "changed"
        else:
            rel = relate(ot, nt)
        if rel == "same":
            continue
        client, server = by_relation(rel, "response")
        detail = f"{what} {status} {rel}: {show(ot)} -> {show(nt)}"
        yield Change("response", "changed", f"{op} {status}", detail, client, server, src)


def compare(old: Spec, new: Spec) -> list[Change]:
    return [*_models(old, new), *_operations(old, new)]


# --------------------------------------------------------------- sides


class SideError(Exception):
    """A side that is neither a spec folder nor a git revision: one line, exit 2."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise SideError("git is not installed") from None


def _rebase(p: Path | None, old_root: Path, new_root: Path) -> Path | None:
    """A settings path inside the configured spec folder, moved to the side's folder."""
    if p is None:
        return None
    try:
        rel = p.resolve().relative_to(old_root.resolve())
    except ValueError:
        return p  # outside the spec folder: shared by both sides
    moved = new_root / rel
    return moved if moved.is_file() else None


def side_config(cfg: Config, spec_dir: Path) -> Config:
    return replace(
        cfg,
        spec=spec_dir,
        wire_name_overrides=_rebase(cfg.wire_name_overrides, cfg.spec, spec_dir),
        endpoints=_rebase(cfg.endpoints, cfg.spec, spec_dir),
    )


def checkout(rev: str, cfg: Config, into: Path, cwd: Path = Path(".")) -> Config:
    """Extract the spec folder (and settings files) at git revision `rev` into `into`."""
    if rev.startswith("-"):
        raise SideError(f"{rev!r} is neither a spec folder nor a git revision")
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise SideError(f"{rev!r} is not a folder, and {cwd.resolve()} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    ok = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    if ok.returncode != 0:
        raise SideError(f"{rev!r} is neither a spec folder nor a git revision")
    commit = ok.stdout.decode().strip()
    try:
        spec_rel = cfg.spec.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise SideError(f"spec folder {cfg.spec} is outside the git repository {root}") from None
    paths = [spec_rel]
    for extra in (cfg.wire_name_overrides, cfg.endpoints):
        if extra is None:
            continue
        try:
            rel = extra.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        if spec_rel != "." and not rel.startswith(spec_rel + "/"):
            paths.append(rel)
    listed = _git(["ls-tree", "-r", "--name-only", commit, "--", *paths], root)
    present = set(listed.stdout.decode().splitlines())
    wanted = [p for p in paths if p == spec_rel or p in present]
    prefix = "" if spec_rel == "." else spec_rel + "/"
    if not any(n.startswith(prefix) for n in present):
        raise SideError(f"{rev}: no spec folder {spec_rel!r} at that revision")
    archive = _git(["archive", "--format=tar", commit, "--", *wanted], root)
    if archive.returncode != 0:
        msg = archive.stderr.decode(errors="replace").strip().splitlines()
        raise SideError(f"{rev}: git archive failed: {msg[-1] if msg else 'unknown error'}")
    tar_path = into / "archive.tar"
    tar_path.write_bytes(archive.stdout)
    tree = into / "tree"
    with tarfile.open(tar_path) as tar:
        tar.extractall(tree, filter="data")  # refuses links and paths leaving `tree`
    return replace(
        cfg,
        spec=tree / spec_rel,
        wire_name_overrides=_rebase(cfg.wire_name_overrides, root, tree),
        endpoints=_rebase(cfg.endpoints, root, tree),
    )


def load_side(label: str, cfg: Config, tmp: Path) -> Spec:
    from .pipeline import load_spec

    given = Path(label)
    if given.is_dir():
        side = side_config(cfg, given)
    else:
        tmp.mkdir(parents=True, exist_ok=True)
        side = checkout(label, cfg, tmp)
    try:
        spec, _ = load_spec(side)
    except SpecError as e:
        print(f"specgen: diff: the {label} side has errors:", file=sys.stderr)
        raise e from None
    return spec


# ---------------------------------------------------------------- output


def _flags(c: Change) -> str:
    if c.client and c.server:
        return "BREAKING client+server"
    if c.client:
        return "BREAKING client"
    if c.server:
        return "BREAKING server"
    return "ok"


def render_text(changes: list[Change], old: str, new: str) -> str:
    client = sum(c.client for c in changes)
    server = sum(c.server for c in changes)
    lines = [
        f"specgen diff {old} -> {new}: {len(changes)} change(s); "
        f"{client} breaking for clients, {server} for servers"
    ]
    width = max((len(_flags(c)) for c in changes), default=0)
    for c in changes:
        where = f"  ({c.source})" if c.source else ""
        lines.append(f"  {_flags(c):<{width}}  {c.kind} {c.subject}: {c.detail}{where}")
    return "\n".join(lines) + "\n"


def render_json(changes: list[Change], old: str, new: str) -> str:
    data = {
        "old": old,
        "new": new,
        "summary": {
            "changes": len(changes),
            "breaking_client": sum(c.client for c in changes),
            "breaking_server": sum(c.server for c in changes),
        },
        "changes": [c.to_json() for c in changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def run(cfg: Config, args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="specgen-diff-") as tmp:
        try:
            old = load_side(args.old, cfg, Path(tmp) / "old")
            new = load_side(args.new, cfg, Path(tmp) / "new")
        except SideError as e:
            raise ConfigError(str(e)) from None
    changes = compare(old, new)
    render = render_json if args.format == "json" else render_text
    sys.stdout.write(render(changes, args.old, args.new))
    which = getattr(args, "breaking_for", "any")
    breaking = [
        c
        for c in changes
        if (c.client and which in ("any", "client")) or (c.server and which in ("any", "server"))
    ]
    return 1 if breaking and args.fail_on_breaking else 0
