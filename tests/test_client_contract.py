"""What the client must do to keep a vendor's real contract (issue: the Prism
contract suite, tests/contract/), each capability against a server on 127.0.0.1:
null accepted where the docs cannot say nullability and refused where they can,
204 answers without a body.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_client_support import Built, Server, build_package, reply, serve

pytestmark = pytest.mark.timeout(60)

# The same API documented in two dialects: TypeScript cannot write null, Python can.
TS_ITEM = """# Item

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `name` | *string* | :heavy_check_mark: | The name |
| `size` | *number* | :heavy_minus_sign: | The size |
| `tags` | *string*[] | :heavy_minus_sign: | Tags |
"""

PY_ITEM = """# Item

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `name` | *str* | :heavy_check_mark: | The name |
| `size` | *Optional[float]* | :heavy_minus_sign: | The size |
| `tags` | List[*str*] | :heavy_minus_sign: | Tags |
| `note` | *Nullable[str]* | :heavy_check_mark: | A note, null when none |
"""

SDK = """# Items

## getItem

Get one item.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `id` | *{string}* | :heavy_check_mark: | The id |

### Response

**{item}**

## deleteItem

Delete one item.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `id` | *{string}* | :heavy_check_mark: | The id |

### Response

**{item}**
"""

ENDPOINTS = """# Endpoints

| Operation | Method | Path |
| --- | --- | --- |
| `getItem` | GET | `/items/{id}` |
| `deleteItem` | DELETE | `/items/{id}` |
"""


def _spec(root: Path, item: str, string: str, ref: str) -> Path:
    files = {
        "models/components/item.md": item,
        "sdks/items/README.md": SDK.format(string=string, item=ref),
        "endpoints.md": ENDPOINTS,
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def ts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_ts")
    ref = "[components.Item](../../models/components/item.md)"
    spec = _spec(tmp / "spec", TS_ITEM, "string", ref)
    return build_package(tmp / "out", "contract_ts", spec=spec, cwd=tmp)


@pytest.fixture(scope="module")
def py(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_py")
    ref = "[components.Item](../../models/components/item.md)"
    spec = _spec(tmp / "spec", PY_ITEM, "str", ref)
    return build_package(tmp / "out", "contract_py", spec=spec, cwd=tmp)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serve()


def _field(built: Built, model: str, wire: str) -> dict[str, Any]:
    [m] = [m for m in built.ir["models"] if m["name"] == model]
    [f] = [f for f in m["fields"] if f["wire_name"] == wire]
    return f


def test_ir_records_which_nullability_the_docs_settle(ts: Built, py: Built) -> None:
    # TypeScript has no way to write null: nothing is settled.
    assert [_field(ts, "Item", w)["nullable_known"] for w in ("name", "size", "tags")] == [
        False,
        False,
        False,
    ]
    # Python writes Nullable[...]: every field is settled, nullable or not.
    assert [_field(py, "Item", w)["nullable_known"] for w in ("name", "size", "note")] == [
        True,
        True,
        True,
    ]
    assert _field(py, "Item", "note")["nullable"] and not _field(py, "Item", "name")["nullable"]


def test_null_accepted_where_docs_cannot_say(ts: Built, server: Server) -> None:
    body = {"name": None, "size": None, "tags": None}
    server.script(reply(200, body))
    with ts.client.Client(base_url=server.url) as c:
        item = c.items.get_item("a")
    assert (item.name, item.size, item.tags) == (None, None, None)
    assert item.to_dict() == body  # kept as null and written back as null


def test_null_refused_where_docs_say_not_nullable(py: Built, server: Server) -> None:
    server.script(reply(200, {"name": None, "note": None}))
    with py.client.Client(base_url=server.url) as c:
        with pytest.raises(py.client.ResponseDecodeError, match=r"\$\.name: expected string"):
            c.items.get_item("a")
        server.script(reply(200, {"name": "n", "note": None}))
        item = c.items.get_item("a")
    assert (item.name, item.note) == ("n", None)


def test_null_refused_in_optional_field_python_settles(py: Built, server: Server) -> None:
    server.script(reply(200, {"name": "n", "note": "x", "size": None}))
    with py.client.Client(base_url=server.url) as c:
        with pytest.raises(py.client.ResponseDecodeError, match=r"\$\.size"):
            c.items.get_item("a")


def test_204_on_delete_returns_none(ts: Built, server: Server) -> None:
    server.script(reply(204, raw=b""))
    with ts.client.Client(base_url=server.url) as c:
        raw = c.items.delete_item_raw("a")
    assert raw.status_code == 204 and raw.data is None
    assert server.seen[-1].method == "DELETE" and server.seen[-1].raw_path == "/items/a"


def test_empty_200_for_a_documented_body_is_a_decode_error(ts: Built, server: Server) -> None:
    server.script(reply(200, raw=b""))
    with ts.client.Client(base_url=server.url) as c:
        with pytest.raises(ts.client.ResponseDecodeError, match="empty body"):
            c.items.get_item("a")
