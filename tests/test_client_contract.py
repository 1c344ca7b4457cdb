"""What the client must do to keep a vendor's real contract (issue: the Prism
contract suite, tests/contract/), each capability against a server on 127.0.0.1:
null accepted where the docs cannot say nullability and refused where they can,
204 answers without a body, multipart and form bodies.
"""

from __future__ import annotations

import email.policy
import io
from collections.abc import Iterator
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from conftest import run_cli
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


# ------------------------------------------------------- multipart and forms

UPLOAD = """# Upload

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `file` | [UploadFile](uploadfile.md) | :heavy_check_mark: | The file |
| `title` | *string* | :heavy_check_mark: | A title |
| `pages` | *number* | :heavy_minus_sign: | Pages |
| `draft` | *boolean* | :heavy_minus_sign: | Draft |
| `extra` | [UploadFile](uploadfile.md)[] | :heavy_minus_sign: | More |
| `meta` | [Meta](meta.md) | :heavy_minus_sign: | Metadata |
"""

UPLOAD_FILE = """# UploadFile

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `fileName` | *string* | :heavy_check_mark: | N/A |
| `content` | *ReadableStream<Uint8Array>* | :heavy_check_mark: | N/A |
"""

META = """# Meta

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `source` | *string* | :heavy_check_mark: | Where from |
"""

LOGIN = """# Login

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `username` | *string* | :heavy_check_mark: | Who |
| `password` | *string* | :heavy_check_mark: | Secret |
| `remember` | *boolean* | :heavy_minus_sign: | Stay in |
| `scopes` | *string*[] | :heavy_minus_sign: | Scopes |
"""

UPLOAD_SDK = """# Files

## upload

Upload a file.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `request` | [Upload](../../models/upload.md) | :heavy_check_mark: | The upload |

### Response

**[Meta](../../models/meta.md)**

## login

Log in. The Content-Type of this request must be application/x-www-form-urlencoded.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `request` | [Login](../../models/login.md) | :heavy_check_mark: | Credentials |

### Response

**[Meta](../../models/meta.md)**

## signup

Sign up (the endpoints table says how the body is sent).

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `request` | [Login](../../models/login.md) | :heavy_check_mark: | Credentials |

### Response

**[Meta](../../models/meta.md)**
"""

UPLOAD_ENDPOINTS = """# Endpoints

| Operation | Method | Path | Content type |
| --- | --- | --- | --- |
| `upload` | POST | `/files` | |
| `login` | POST | `/login` | |
| `signup` | POST | `/signup` | `application/x-www-form-urlencoded` |
"""


@pytest.fixture(scope="module")
def up(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_up")
    files = {
        "models/upload.md": UPLOAD,
        "models/uploadfile.md": UPLOAD_FILE,
        "models/meta.md": META,
        "models/login.md": LOGIN,
        "sdks/files/README.md": UPLOAD_SDK,
        "endpoints.md": UPLOAD_ENDPOINTS,
    }
    for rel, text in files.items():
        p = tmp / "spec" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return build_package(tmp / "out", "contract_up", spec=tmp / "spec", cwd=tmp)


def _parts(seen: Any) -> list[tuple[str, str | None, str, bytes]]:
    """(name, filename, content type, content) of each part of a multipart body."""
    head = f"Content-Type: {seen.headers['content-type']}\r\n\r\n".encode()
    msg = BytesParser(policy=email.policy.HTTP).parsebytes(head + seen.body)
    assert msg.is_multipart()
    return [
        (
            str(p.get_param("name", header="content-disposition")),
            p.get_filename(),
            p.get_content_type(),
            p.get_payload(decode=True),
        )
        for p in msg.iter_parts()
    ]


def test_ir_records_each_body_media_type(up: Built) -> None:
    media = {op["name"]: op["content_type"] for op in up.ir["operations"]}
    assert media == {
        "upload": "multipart/form-data",  # a {fileName, content} part
        "login": "application/x-www-form-urlencoded",  # the operation's text names it
        "signup": "application/x-www-form-urlencoded",  # the endpoints table's column
    }


def test_multipart_file_as_bytes_path_and_file_object(
    up: Built, server: Server, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 from a path")
    body = {
        "file": {"fileName": "a.txt", "content": b"from bytes"},
        "title": "Q3",
        "pages": 3,
        "draft": False,
        "extra": [pdf, io.BytesIO(b"from a file object")],
        "meta": {"source": "test"},
    }
    server.script(reply(200, {"source": "ok"}))
    with up.client.Client(base_url=server.url) as c:
        assert c.files.upload(body).source == "ok"
    seen = server.seen[-1]
    assert seen.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert _parts(seen) == [
        ("file", "a.txt", "text/plain", b"from bytes"),
        ("title", None, "text/plain", b"Q3"),
        ("pages", None, "text/plain", b"3"),
        ("draft", None, "text/plain", b"false"),
        ("extra", "report.pdf", "application/pdf", b"%PDF-1.4 from a path"),
        ("extra", "extra", "application/octet-stream", b"from a file object"),
        ("meta", None, "application/json", b'{"source":"test"}'),
    ]


def test_multipart_from_a_model_with_raw_bytes(up: Built, server: Server) -> None:
    model = up.models.Upload(file=b"\x00\x01raw", title="t")  # type: ignore[arg-type]
    server.script(reply(200, {"source": "ok"}))
    with up.client.Client(base_url=server.url) as c:
        c.files.upload(model)
    assert _parts(server.seen[-1]) == [
        ("file", "file", "application/octet-stream", b"\x00\x01raw"),
        ("title", None, "text/plain", b"t"),
    ]


def test_multipart_validation_sees_files_as_strings(up: Built, server: Server) -> None:
    server.script(reply(200, {"source": "ok"}))
    with up.client.Client(base_url=server.url, validate=True) as c:
        c.files.upload({"file": b"x", "title": "t"})  # a valid body: sent
        with pytest.raises(up.client.RequestValidationError, match="title"):
            c.files.upload({"file": b"x"})  # `title` is required: not sent
    assert len(server.seen) == 1


@pytest.mark.parametrize("op", ["login", "signup"])
def test_form_body(up: Built, server: Server, op: str) -> None:
    server.script(reply(200, {"source": "ok"}))
    body = {"username": "ada", "password": "p&w=1 2", "remember": True, "scopes": ["a", "b"]}
    with up.client.Client(base_url=server.url) as c:
        getattr(c.files, op)(body)
    seen = server.seen[-1]
    assert seen.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(seen.body.decode("ascii"), strict_parsing=True) == [
        ("username", "ada"),
        ("password", "p&w=1 2"),
        ("remember", "true"),
        ("scopes", "a"),
        ("scopes", "b"),
    ]


def test_unknown_content_type_in_endpoints_table_is_an_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    (spec / "sdks" / "files").mkdir(parents=True)
    (spec / "sdks" / "files" / "README.md").write_text(UPLOAD_SDK.split("## login")[0])
    (spec / "models").mkdir(parents=True)
    for rel, text in (("upload", UPLOAD), ("uploadfile", UPLOAD_FILE), ("meta", META)):
        (spec / "models" / f"{rel}.md").write_text(text)
    (spec / "endpoints.md").write_text(
        "| Operation | Method | Path | Content type |\n| --- | --- | --- | --- |\n"
        "| `upload` | POST | `/files` | text/csv |\n"
    )
    done = run_cli("build", "--spec", str(spec), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2  # errors in the docs
    assert "endpoints.md:3: content type 'text/csv' of 'upload'" in done.stderr
