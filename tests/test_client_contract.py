"""What the client must do to keep a vendor's real contract (issue: the Prism
contract suite, tests/contract/), each capability against a server on 127.0.0.1:
null accepted where the docs cannot say nullability and refused where they can,
204 answers without a body, multipart and form bodies, security schemes (API
keys in a header, query parameter or cookie, HTTP basic, per-operation schemes).
"""

from __future__ import annotations

import asyncio
import base64
import email.policy
import io
import json
import threading
from collections.abc import Iterator
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from conftest import run_cli
from test_client_support import Built, Responder, Server, build_package, reply, serve

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

## putRaw

Store a file as the whole body.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `name` | *string* | :heavy_check_mark: | Its name |
| `body` | *ReadableStream<Uint8Array>* | :heavy_check_mark: | The file |

### Response

**[Meta](../../models/meta.md)**
"""

UPLOAD_ENDPOINTS = """# Endpoints

| Operation | Method | Path | Content type |
| --- | --- | --- | --- |
| `upload` | POST | `/files` | |
| `login` | POST | `/login` | |
| `signup` | POST | `/signup` | `application/x-www-form-urlencoded` |
| `putRaw` | PUT | `/raw/{name}` | |
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
        "putRaw": "application/json",  # a binary body is sent as it is, whatever its value
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


def test_binary_body_is_sent_as_it_is(up: Built, server: Server, tmp_path: Path) -> None:
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG from a path")
    server.script(reply(200, {"source": "ok"}), reply(200, {"source": "ok"}))
    with up.client.Client(base_url=server.url, validate=True) as c:
        c.files.put_raw("a", b"\x00raw bytes")
        c.files.put_raw("b", png)
    first, second = server.seen[-2:]
    assert (first.method, first.raw_path, first.body) == ("PUT", "/raw/a", b"\x00raw bytes")
    assert first.headers["content-type"] == "application/octet-stream"
    assert (second.body, second.headers["content-type"]) == (b"\x89PNG from a path", "image/png")


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


# ------------------------------------------------------------------ security

SECURITY = """# Security

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `apiKey` | *string* | :heavy_minus_sign: | N/A |
| `appId` | *string* | :heavy_minus_sign: | N/A |
| `session` | *string* | :heavy_minus_sign: | N/A |
| `basic` | [SchemeBasic](schemebasic.md) | :heavy_minus_sign: | N/A |
"""

SCHEME_BASIC = """# SchemeBasic

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `username` | *string* | :heavy_check_mark: | N/A |
| `password` | *string* | :heavy_check_mark: | N/A |
"""

REPORT_SECURITY = """# GetReportSecurity

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `reportToken` | *string* | :heavy_check_mark: | N/A |
"""

SECURE_SDK = """# Reports

## listReports

List reports.

### Example Usage

```typescript
const acme = new Acme({
  security: {
    appId: process.env["ACME_APP_ID"] ?? "",
  },
});
```

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `page` | *number* | :heavy_minus_sign: | Page |

### Response

**[Meta](../../models/meta.md)**

## getReport

One report, with its own token.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `id` | *string* | :heavy_check_mark: | The id |
| `security` | [GetReportSecurity](../../models/getreportsecurity.md) | yes | Its scheme |

### Response

**[Meta](../../models/meta.md)**
"""

SECURE_ENDPOINTS = """# Endpoints

| Operation | Method | Path |
| --- | --- | --- |
| `listReports` | GET | `/reports` |
| `getReport` | GET | `/reports/{id}` |
"""

SECURITY_TABLE = """# Security

| Credential | Scheme | In | Name | Environment variable |
| --- | --- | --- | --- | --- |
| `apiKey` | api-key | header | `X-API-Key` | `ACME_API_KEY` |
| `appId` | api-key | query | `app_id` | |
| `session` | api-key | cookie | `sid` | |
| `basic` | basic | | | |
"""


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sec(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_sec")
    spec = _write(
        tmp / "spec",
        {
            "models/security.md": SECURITY,
            "models/schemebasic.md": SCHEME_BASIC,
            "models/getreportsecurity.md": REPORT_SECURITY,
            "models/meta.md": META,
            "sdks/reports/README.md": SECURE_SDK,
            "endpoints.md": SECURE_ENDPOINTS,
            "security.md": SECURITY_TABLE,
        },
    )
    return build_package(tmp / "out", "contract_sec", spec=spec, cwd=tmp)


def test_ir_records_the_security_schemes(sec: Built) -> None:
    got = [
        (s["name"], s["kind"], s["location"], s["wire_name"], s["default"], s["settled"])
        for s in sec.ir["security"]
    ]
    assert got == [
        ("apiKey", "api-key", "header", "X-API-Key", True, True),
        ("appId", "api-key", "query", "app_id", True, True),
        ("session", "api-key", "cookie", "sid", True, True),
        ("basic", "basic", "header", "Authorization", True, True),
        ("reportToken", "bearer", "header", "Authorization", False, False),
    ]
    envs = {a["doc_name"]: a["env"] for s in sec.ir["security"] for a in s["args"]}
    assert envs["apiKey"] == "ACME_API_KEY"  # the table's column
    assert envs["appId"] == "ACME_APP_ID"  # the usage snippet
    ops = {op["name"]: op["security"] for op in sec.ir["operations"]}
    assert ops == {"listReports": None, "getReport": ["reportToken"]}


def test_api_keys_in_header_query_and_cookie(sec: Built, server: Server) -> None:
    server.script(reply(200, {"source": "ok"}))
    with sec.client.Client(base_url=server.url, api_key="k1", app_id="a1", session="s1") as c:
        c.reports.list_reports(page=2)
    seen = server.seen[-1]
    assert seen.headers["x-api-key"] == "k1"
    assert seen.query == [("page", "2"), ("app_id", "a1")]
    assert seen.headers["cookie"] == "sid=s1"
    assert "authorization" not in seen.headers  # no basic or bearer credential given


def test_basic_auth(sec: Built, server: Server) -> None:
    server.script(reply(200, {"source": "ok"}))
    with sec.client.Client(base_url=server.url, username="ada", password="pw:1") as c:
        c.reports.list_reports()
    sent = server.seen[-1].headers["authorization"]
    assert sent == "Basic " + base64.b64encode(b"ada:pw:1").decode()


def test_credentials_from_the_environment(
    sec: Built, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACME_API_KEY", "from-env")
    monkeypatch.setenv("ACME_APP_ID", "app-env")
    server.script(reply(200, {"source": "ok"}), reply(200, {"source": "ok"}))
    with sec.client.Client(base_url=server.url) as c:
        c.reports.list_reports()
    seen = server.seen[-1]
    assert (seen.headers["x-api-key"], seen.query) == ("from-env", [("app_id", "app-env")])
    with sec.client.Client(base_url=server.url, api_key="given") as c:  # an argument wins
        c.reports.list_reports()
    assert server.seen[-1].headers["x-api-key"] == "given"
    assert sec.client.CREDENTIAL_ENV == {"api_key": "ACME_API_KEY", "app_id": "ACME_APP_ID"}


def test_operation_with_its_own_scheme(sec: Built, server: Server) -> None:
    server.script(reply(200, {"source": "ok"}))
    with sec.client.Client(base_url=server.url, api_key="k1", report_token="rt") as c:
        c.reports.get_report("r1")
    seen = server.seen[-1]
    assert seen.headers["authorization"] == "Bearer rt"
    assert "x-api-key" not in seen.headers  # the default schemes are not its own


def test_token_is_kept_when_no_scheme_is_a_bearer_token(sec: Built, server: Server) -> None:
    server.script(reply(200, {"source": "ok"}))
    with sec.client.Client("t0", base_url=server.url) as c:
        c.reports.list_reports()
    assert server.seen[-1].headers["authorization"] == "Bearer t0"


def test_documented_scheme_wins_over_the_implicit_token(sec: Built, server: Server) -> None:
    """A token given beside the docs' basic credentials must not replace them
    (stackone-csharp: basic only; every call was refused with a bearer token)."""
    server.script(reply(200, {"source": "ok"}))
    with sec.client.Client("t0", base_url=server.url, username="ada", password="pw") as c:
        c.reports.list_reports()
    sent = server.seen[-1].headers["authorization"]
    assert sent == "Basic " + base64.b64encode(b"ada:pw").decode()


def test_unsettled_credentials_are_warned_about(tmp_path: Path) -> None:
    files = {
        "models/security.md": SECURITY,
        "models/schemebasic.md": SCHEME_BASIC,
        "models/meta.md": META,
        "sdks/reports/README.md": SECURE_SDK.split("## getReport")[0],
        "endpoints.md": SECURE_ENDPOINTS.replace("| `getReport` | GET | `/reports/{id}` |\n", ""),
    }
    spec = _write(tmp_path / "spec", files)
    done = run_cli("ir", "--spec", str(spec), "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("apiKey", "appId", "session"):
        assert (
            f"credential {name!r}: the docs do not say how it is sent; sent as a bearer token"
            in done.stderr
        )
    assert "credential 'basic'" not in done.stderr  # a user name and password: HTTP basic


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("| `apiKey` | magic | header | `X` | |", "security row needs a credential and a scheme"),
        ("| `apiKey` | api-key | body | `X` | |", "In must be header, query or cookie, not 'body'"),
        ("| `apiKey` | api-key | header | | |", "api-key 'apiKey' needs the Name it is sent"),
        ("| `apiKey` | bearer | | | `A-B` |", "'A-B' is not an environment variable name"),
    ],
)
def test_bad_security_rows_are_errors(tmp_path: Path, row: str, message: str) -> None:
    table = "| Credential | Scheme | In | Name | Environment variable |\n" + "| --- " * 5 + "|\n"
    files = {
        "models/security.md": SECURITY,
        "models/schemebasic.md": SCHEME_BASIC,
        "models/meta.md": META,
        "security.md": table + row + "\n",
    }
    spec = _write(tmp_path / "spec", files)
    done = run_cli("ir", "--spec", str(spec), cwd=tmp_path)
    assert done.returncode == 2
    assert f"security.md:3: {message}" in done.stderr


# ------------------------------------------- GET and DELETE: query, never a body

FILTER = """# Filter

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `status` | *string* | :heavy_check_mark: | Status |
| `tags` | *string*[] | :heavy_minus_sign: | Tags |
"""

LIST_REQUEST = """# ListItemsRequest

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `filter` | [Filter](filter.md) | :heavy_minus_sign: | A filter |
| `page` | *number* | :heavy_minus_sign: | Page |
| `x_tenant_id` | *string* | :heavy_minus_sign: | Tenant |
"""

# The docs cannot say a parameter is a header: the wire-name table's In column does.
QUERY_WIRE_NAMES = """# Wire names

| Model | Field | Wire name | In |
| --- | --- | --- | --- |
| `*` | `x_tenant_id` | `x-tenant-id` | header |
"""

EMPTY_REQUEST = """# PingRequest

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
"""

QUERY_SDK = """# Items

## listItems

List items.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `request` | [ListItemsRequest](../../models/listitemsrequest.md) | yes | The request |

### Response

**[Meta](../../models/meta.md)**

## removeItem

Remove one.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `id` | *string* | yes | The id |
| `filter` | [Filter](../../models/filter.md) | no | Only if it matches |

### Response

**[Meta](../../models/meta.md)**

## ping

Ping (its request page has no fields).

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `request` | [PingRequest](../../models/pingrequest.md) | yes | Nothing |

### Response

**[Meta](../../models/meta.md)**
"""

QUERY_ENDPOINTS = """# Endpoints

| Operation | Method | Path |
| --- | --- | --- |
| `listItems` | GET | `/items` |
| `removeItem` | DELETE | `/items/{id}` |
| `ping` | POST | `/ping` |
"""


@pytest.fixture(scope="module")
def qp(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_qp")
    spec = _write(
        tmp / "spec",
        {
            "models/filter.md": FILTER,
            "models/listitemsrequest.md": LIST_REQUEST,
            "models/pingrequest.md": EMPTY_REQUEST,
            "models/meta.md": META,
            "sdks/items/README.md": QUERY_SDK,
            "endpoints.md": QUERY_ENDPOINTS,
            "wire-names.md": QUERY_WIRE_NAMES,
        },
    )
    extra = ("--wire-name-overrides", str(spec / "wire-names.md"))
    return build_package(tmp / "out", "contract_qp", spec=spec, cwd=tmp, extra=extra)


def test_get_and_delete_take_no_body(qp: Built) -> None:
    ops = {op["name"]: op for op in qp.ir["operations"]}
    for name in ("listItems", "removeItem", "ping"):
        assert ops[name]["body"] is None, name
    where = {n: [(p["wire_name"], p["location"]) for p in ops[n]["params"]] for n in ops}
    assert where == {
        "listItems": [("filter", "query"), ("page", "query"), ("x-tenant-id", "header")],
        "removeItem": [("id", "path"), ("filter", "query")],
        "ping": [],
    }


def test_model_query_parameter_is_form_exploded(qp: Built, server: Server) -> None:
    server.script(*[reply(200, {"source": "ok"})] * 3)
    with qp.client.Client(base_url=server.url) as c:
        c.items.list_items(filter={"status": "open", "tags": ["a", "b"]}, page=2, x_tenant_id="t1")
        c.items.remove_item("i1", filter=qp.models.Filter(status="gone"))
        c.items.ping()
    listed, removed, pinged = server.seen
    assert listed.query == [("status", "open"), ("tags", "a"), ("tags", "b"), ("page", "2")]
    assert (listed.method, listed.body) == ("GET", b"")
    assert listed.headers["x-tenant-id"] == "t1"
    assert (removed.method, removed.raw_path, removed.query) == (
        "DELETE",
        "/items/i1",
        [("status", "gone")],
    )
    assert removed.body == b"" and "content-type" not in removed.headers
    assert (pinged.method, pinged.body) == ("POST", b"")


def test_bad_in_column_is_an_error(tmp_path: Path) -> None:
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "wire-names.md": QUERY_WIRE_NAMES.replace("| header |", "| body |"),
        },
    )
    table = str(spec / "wire-names.md")
    done = run_cli("ir", "--spec", str(spec), "--wire-name-overrides", table, cwd=tmp_path)
    assert done.returncode == 2
    assert "wire-names.md:5: In must be path, query, header, not 'body'" in done.stderr


# -- query styles the docs cannot say (stackone-csharp's deepObject `filter`) --

STYLED_WIRE_NAMES = """# Wire names

| Model | Field | Wire name | In |
| --- | --- | --- | --- |
| `*` | `x_tenant_id` | `x-tenant-id` | header |
| `listItems` | `filter` | `filter` | query deepObject |
| `listItems` | `ids` | `ids` | query pipeDelimited |
| `removeItem` | `filter` | `filter` | query form explode=false |
"""


def _styled_spec(root: Path) -> Path:
    ids_row = "| `ids` | *string*[] | :heavy_minus_sign: | Ids |\n"
    return _write(
        root,
        {
            "models/filter.md": FILTER,
            "models/listitemsrequest.md": LIST_REQUEST + ids_row,
            "models/pingrequest.md": EMPTY_REQUEST,
            "models/meta.md": META,
            "sdks/items/README.md": QUERY_SDK,
            "endpoints.md": QUERY_ENDPOINTS,
            "wire-names.md": STYLED_WIRE_NAMES,
        },
    )


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_styled")
    spec = _styled_spec(tmp / "spec")
    extra = ("--wire-name-overrides", str(spec / "wire-names.md"))
    return build_package(tmp / "out", "contract_styled", spec=spec, cwd=tmp, extra=extra)


def test_query_styles_from_the_wire_name_table(styled: Built, server: Server) -> None:
    ops = {op["name"]: op for op in styled.ir["operations"]}
    got = {(n, p["wire_name"]): (p["style"], p["explode"]) for n in ops for p in ops[n]["params"]}
    assert got[("listItems", "filter")] == ("deepObject", True)
    assert got[("listItems", "ids")] == ("pipeDelimited", False)
    assert got[("removeItem", "filter")] == ("form", False)
    assert got[("listItems", "page")] == ("form", True)
    server.script(*[reply(200, {"source": "ok"})] * 2)
    with styled.client.Client(base_url=server.url) as c:
        c.items.list_items(filter={"status": "open", "tags": ["a", "b"]}, page=2, ids=["1", "2"])
        c.items.remove_item("i1", filter=styled.models.Filter(status="gone", tags=["x"]))
    listed, removed = server.seen
    assert listed.query == [
        ("filter[status]", "open"),
        ("filter[tags]", "a"),
        ("filter[tags]", "b"),
        ("page", "2"),
        ("ids", "1|2"),
    ]
    # not exploded: one `key,value,...` list; a value nested deeper goes as JSON
    assert removed.query == [("filter", 'status,gone,tags,["x"]')]


def test_query_styles_survive_the_markdown_target(tmp_path: Path) -> None:
    spec = _styled_spec(tmp_path / "spec")
    table = str(spec / "wire-names.md")
    out = tmp_path / "out"
    args = ("--spec", str(spec), "--wire-name-overrides", table)
    done = run_cli("build", *args, "--out", str(out), "--targets", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    docs = next(out.glob("*/docs"))
    assert "| query deepObject |" in (docs / "wire-names.md").read_text(encoding="utf-8")
    again = run_cli("ir", "--spec", str(docs), "--wire-name-overrides", str(docs / "wire-names.md"))
    first = run_cli("ir", *args, cwd=tmp_path)
    assert again.returncode == 0 and first.returncode == 0, again.stderr + first.stderr

    def styles(text: str) -> list[tuple[str, str, str, bool]]:
        ops = json.loads(text)["operations"]
        return [
            (o["name"], p["wire_name"], p["style"], p["explode"]) for o in ops for p in o["params"]
        ]

    assert styles(again.stdout) == styles(first.stdout)
    assert ("listItems", "ids", "pipeDelimited", False) in styles(first.stdout)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("header deepObject", "a style is for the query"),
        ("query deepobject", "a style is for the query"),
        ("query form explode=maybe", "after the style only explode=true or explode=false"),
    ],
)
def test_bad_query_style_is_an_error(tmp_path: Path, cell: str, message: str) -> None:
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "wire-names.md": QUERY_WIRE_NAMES.replace("| header |", f"| {cell} |"),
        },
    )
    table = str(spec / "wire-names.md")
    done = run_cli("ir", "--spec", str(spec), "--wire-name-overrides", table, cwd=tmp_path)
    assert done.returncode == 2
    assert f"wire-names.md:5: {message}" in done.stderr


# -- the media type the answers come in (dwolla-ts: only a vendor `+json` type) --

ERRORS = """
### Errors

| Error Type | Status Code | Content Type |
| --- | --- | --- |
| errors.APIError | 404 | {media} |
| errors.APIError | 4XX, 5XX | \\*/\\* |
"""


def _media_sdk(media: str) -> str:
    errors = ERRORS.format(media=media)
    get, delete = SDK.split("## deleteItem")
    return get + errors + "\n## deleteItem" + delete + errors


@pytest.fixture(
    scope="module", params=["application/vnd.acme.v2.hal+json", "application/problem+json"]
)
def media(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_media")
    ref = "[components.Item](../../models/components/item.md)"
    files = {
        "models/components/item.md": TS_ITEM,
        "sdks/items/README.md": _media_sdk(request.param).format(string="string", item=ref),
        "endpoints.md": ENDPOINTS,
    }
    spec = _write(tmp / "spec", files)
    package = "contract_vendor" if "vnd." in request.param else "contract_problem"
    built = build_package(tmp / "out", package, spec=spec, cwd=tmp)
    built.ir["_media"] = request.param
    return built


def test_accept_is_the_media_type_the_errors_table_names(media: Built, server: Server) -> None:
    named = media.ir["_media"]
    # a vendor type is the API's; problem details are only how its errors come
    want = named if named == "application/vnd.acme.v2.hal+json" else "application/json"
    assert {op["name"]: op["accept"] for op in media.ir["operations"]} == {
        "getItem": "" if want == "application/json" else want,
        "deleteItem": "" if want == "application/json" else want,
    }
    server.script(reply(200, {"name": "n"}, headers={"Content-Type": named}))
    with media.client.Client(base_url=server.url) as c:
        assert c.items.get_item("a").name == "n"
        sent = [server.seen[-1].headers["accept"]]
        server.script(reply(204, raw=b""))
        assert c.items.delete_item("a") is None
        sent.append(server.seen[-1].headers["accept"])
    assert sent == [want, want]


# -- an endpoints table routes same-named operations of several groups --

GROUP_SDK = """# {title}

## list

List them.

### Response

**[Meta](../../models/meta.md)**
"""


def test_endpoints_rows_qualified_by_group(tmp_path: Path, server: Server) -> None:
    endpoints = """# Endpoints

| Operation | Method | Path | Status |
| --- | --- | --- | --- |
| `users.list` | GET | `/users` | 200 |
| `teams.list` | GET | `/teams` | 201 |
"""
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "sdks/users/README.md": GROUP_SDK.format(title="Users"),
            "sdks/teams/README.md": GROUP_SDK.format(title="Teams"),
            "endpoints.md": endpoints,
        },
    )
    built = build_package(tmp_path / "out", "contract_groups", spec=spec, cwd=tmp_path)
    routes = {(o["group"], o["method"], o["path"]) for o in built.ir["operations"]}
    assert routes == {("users", "GET", "/users"), ("teams", "GET", "/teams")}
    server.script(reply(200, {"source": "u"}), reply(201, {"source": "t"}))
    with built.client.Client(base_url=server.url) as c:
        c.users.list()
        assert server.seen[-1].raw_path == "/users"
        c.teams.list()
        assert server.seen[-1].raw_path == "/teams"
    # the markdown target writes the teams row (201) qualified, and it reads back
    out = tmp_path / "md"
    done = run_cli(
        "build", "--spec", str(spec), "--out", str(out), "--targets", "markdown", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    docs = next(out.glob("*/docs"))
    assert "`teams.list`" in (docs / "endpoints.md").read_text(encoding="utf-8")
    again = run_cli("ir", "--spec", str(docs), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    back = {(o["group"], o["method"], o["path"]) for o in json.loads(again.stdout)["operations"]}
    assert ("teams", "GET", "/teams") in back


# -- older Speakeasy response wrappers: one field per status, errors first --

NOTES_RESPONSE = """# ListNotesResponse

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `contentType` | *string* | :heavy_check_mark: | HTTP response content type |
| `statusCode` | *number* | :heavy_check_mark: | HTTP response status code |
| `rawResponse` | [AxiosResponse](https://axios-http.com/docs/res_schema) | yes | Raw |
| `internalServerError` | *string* | :heavy_minus_sign: | Internal Server Error |
| `notFound` | *string* | :heavy_minus_sign: | Not Found |
| `badRequestZodError` | *string* | :heavy_minus_sign: | Bad request, named for its model |
| `classes` | [components.Meta](../../models/meta.md)[] | :heavy_minus_sign: | OK |
"""

NOTES_SDK = """# Notes

## listNotes

List the notes.

### Response

**Promise\\\\<[operations.ListNotesResponse](../../models/operations/listnotesresponse.md)\\\\>**
"""


# -- Speakeasy's `request` row: the whole request, so on a POST the body --

FREEFORM_SDK = """# Sales

## Rest

Start a sale.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `request` | *object* | :heavy_check_mark: | The request object to use for the request. |

### Response

**[Meta](../../models/meta.md)**
"""


def test_request_row_of_a_post_is_its_body(tmp_path: Path, server: Server) -> None:
    """netevia-csharp documents a free-form JSON body as a `request` row typed
    `object`: it is the body, not a query parameter named `request`."""
    endpoints = (
        "| Operation | Method | Path |\n| --- | --- | --- |\n| `Rest` | POST | `/restApi` |\n"
    )
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "sdks/sales/README.md": FREEFORM_SDK,
            "endpoints.md": "# Endpoints\n\n" + endpoints,
        },
    )
    built = build_package(tmp_path / "out", "contract_freeform", spec=spec, cwd=tmp_path)
    [op] = built.ir["operations"]
    assert op["params"] == [] and op["body"]["kind"] in ("any", "map")
    server.script(reply(200, {"source": "ok"}))
    with built.client.Client(base_url=server.url) as c:
        c.sales.rest({"amount": 5, "tags": ["a"]})
    [seen] = server.seen[-1:]
    assert (seen.method, seen.raw_path, seen.query) == ("POST", "/restApi", [])
    assert json.loads(seen.body) == {"amount": 5, "tags": ["a"]}
    assert seen.headers["content-type"] == "application/json"


# -- flattened bodies are Speakeasy Python's: elsewhere a page of the rows holds parameters --

TOS_SDK = """# Customers

## createTosLink

Request a hosted ToS link.

### Example Usage

<!-- UsageSnippet language="{lang}" operationID="createTosLink" method="post" path="/tos_links" -->
```{lang}
sdk.customers.create_tos_link("<value>")
```

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `idempotencyKey` | *{string}* | :heavy_check_mark: | N/A |

### Response

**[Meta](../../models/meta.md)**
"""

TOS_REQUEST = """# CreateTosLinkRequest

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `idempotencyKey` | *{string}* | :heavy_check_mark: | N/A |
"""


@pytest.mark.parametrize(
    ("lang", "string", "body"), [("php", "string", False), ("python", "str", True)]
)
def test_only_python_docs_flatten_a_body_into_parameters(
    tmp_path: Path, lang: str, string: str, body: bool
) -> None:
    """bridge-php's `createTosLink(idempotencyKey)` has a `<OperationId>Request` page
    holding exactly its row: a parameter holder (the API takes no body); the same
    page in Speakeasy Python docs is the inline body the method's arguments spell."""
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "models/operations/createtoslinkrequest.md": TOS_REQUEST.format(string=string),
            "sdks/customers/README.md": TOS_SDK.format(lang=lang, string=string),
        },
    )
    done = run_cli("ir", "--spec", str(spec), "--dialect", lang, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [op] = json.loads(done.stdout)["operations"]
    if body:
        assert (op["params"], op["body"]) == ([], {"kind": "ref", "model": "CreateTosLinkRequest"})
    else:
        assert op["body"] is None
        assert [(p["wire_name"], p["location"]) for p in op["params"]] == [
            ("idempotencyKey", "query")
        ]


# -- Speakeasy Python's flattened bodies: which page the arguments spell --

PY_FILTERS = """# Filters

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `kb` | List[*str*] | :heavy_minus_sign: | Knowledge bases |
"""

PY_ADD_MESSAGE = """# AddMessageRequest

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `query` | *str* | :heavy_check_mark: | The question |
| `filters` | [Optional[models.Filters]](filters.md) | :heavy_minus_sign: | N/A |
"""

PY_ADDRESS = """# AddressAccount

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `street` | *str* | :heavy_check_mark: | Street |
| `city` | *str* | :heavy_check_mark: | City |
"""

PY_EDIT_REQUEST = """# EditAddressRequest

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `id` | *str* | :heavy_check_mark: | The address |
| `address_account` | [models.AddressAccount](addressaccount.md) | :heavy_check_mark: | N/A |
"""

PY_FLAT_SDK = """# Conversations

## add_message

Add a message.

<!-- UsageSnippet language="python" operationID="addMessage" method="post" path="/c/{cId}/m" -->

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `c_id` | *str* | :heavy_check_mark: | The conversation |
| `query` | *str* | :heavy_check_mark: | The question |
| `filters` | [Optional[models.Filters]](../../models/filters.md) | :heavy_minus_sign: | N/A |

### Response

**[models.Meta](../../models/meta.md)**

## edit_address

Edit an address.

<!-- UsageSnippet language="python" operationID="editAddress" method="put" path="/a/{id}" -->

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `id` | *str* | :heavy_check_mark: | The address |
| `street` | *str* | :heavy_check_mark: | Street |
| `city` | *str* | :heavy_check_mark: | City |

### Response

**[models.Meta](../../models/meta.md)**
"""


def test_python_arguments_spell_the_body_page(tmp_path: Path, server: Server) -> None:
    """pipeshub-python `add_message(conversation_id, query, filters)`: the body is
    the page of exactly those rows, though `filters: Filters` is named for its
    model; bolt-python `edit_address(id, street, city)`: the body is the model
    the `<OperationId>Request` holder's `address_account` field names."""
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "models/filters.md": PY_FILTERS,
            "models/addmessagerequest.md": PY_ADD_MESSAGE,
            "models/addressaccount.md": PY_ADDRESS,
            "models/editaddressrequest.md": PY_EDIT_REQUEST,
            "sdks/conversations/README.md": PY_FLAT_SDK,
        },
    )
    built = build_package(tmp_path / "out", "contract_flat", spec=spec, cwd=tmp_path)
    ops = {o["name"]: o for o in built.ir["operations"]}
    assert ops["add_message"]["body"] == {"kind": "ref", "model": "AddMessageRequest"}
    assert ops["edit_address"]["body"] == {"kind": "ref", "model": "AddressAccount"}
    for op in ops.values():
        assert [p["location"] for p in op["params"]] == ["path"]
    server.script(reply(200, {"source": "a"}), reply(200, {"source": "b"}))
    with built.client.Client(base_url=server.url) as c:
        m = built.models
        c.conversations.add_message(
            "c1", m.AddMessageRequest(query="q", filters=m.Filters(kb=["k"]))
        )
        c.conversations.edit_address("a1", m.AddressAccount(street="s", city="x"))
    added, edited = server.seen[-2:]
    assert (added.raw_path, added.query) == ("/c/c1/m", [])
    assert json.loads(added.body) == {"query": "q", "filters": {"kb": ["k"]}}
    assert (edited.method, edited.raw_path, edited.query) == ("PUT", "/a/a1", [])
    assert json.loads(edited.body) == {"street": "s", "city": "x"}


TWO_BODIES_SDK = """# Items

## putItem

Put an item.

### Parameters

| Parameter | Type | Required | Description |
| --- | --- | --- | --- |
| `meta` | [components.Meta](../../models/meta.md) | :heavy_check_mark: | One |
| `other` | [components.Meta](../../models/meta.md) | :heavy_check_mark: | Two |

### Response

**Promise\\\\<void\\\\>**
"""


def test_two_rows_read_as_the_body_are_warned_about(tmp_path: Path) -> None:
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            "sdks/items/README.md": TWO_BODIES_SDK,
            "endpoints.md": "| Operation | Method | Path |\n| --- | --- | --- |\n"
            "| `putItem` | PUT | `/items` |\n",
        },
    )
    done = run_cli("ir", "--spec", str(spec), "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    line = (
        TWO_BODIES_SDK.splitlines().index(
            next(x for x in TWO_BODIES_SDK.splitlines() if "`meta`" in x)
        )
        + 1
    )
    assert (
        f"sdks/items/README.md:{line}: warning: 'putItem': rows 'meta' and 'other' both read"
        in done.stderr
    )
    [op] = json.loads(done.stdout)["operations"]
    assert op["body"] == {"kind": "ref", "model": "Meta"} and op["params"] == []


# -- server-sent events: `EventStream<T>` answers, read one event at a time --

CHAT_EVENT = """# ChatEvent

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `event` | *string* | :heavy_minus_sign: | The event's type |
| `data` | *string* | :heavy_check_mark: | Its payload, as text |
| `id` | *string* | :heavy_minus_sign: | The event id |
| `retry` | *number* | :heavy_minus_sign: | Reconnect after (ms) |
"""

JSON_EVENT = """# JsonEvent

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `event` | *string* | :heavy_minus_sign: | The event's type |
| `data` | [components.Delta](delta.md) | :heavy_check_mark: | Its payload |
"""

DELTA = """# Delta

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `text` | *string* | :heavy_check_mark: | A piece of the answer |
"""

STREAM_SDK = """# Chat

## streamText

Events whose data is text.

### Response

**Promise\\\\<EventStream\\\\<[components.ChatEvent](../../models/components/chatevent.md)>>**

## streamJson

Events whose data is JSON.

### Response

**Promise\\\\<EventStream\\\\<[components.JsonEvent](../../models/components/jsonevent.md)>>**

## streamDeltas

Each event's data is a Delta.

### Response

**Promise\\\\<EventStream\\\\<[components.Delta](../../models/components/delta.md)>>**
"""

STREAM_ENDPOINTS = """# Endpoints

| Operation | Method | Path |
| --- | --- | --- |
| `streamText` | POST | `/text` |
| `streamJson` | POST | `/json` |
| `streamDeltas` | POST | `/deltas` |
"""


def sse(
    *chunks: bytes,
    gate: threading.Event | None = None,
    opened: list[bool] | None = None,
    media: str = "text/event-stream",
) -> Responder:
    """Answer with an event stream written in `chunks`, flushed one by one; with
    a `gate`, wait for it after the first chunk (the client has read an event)
    and note in `opened` whether it opened before the wait ran out."""

    def respond(h: Any, seen: Any) -> None:
        h.send_response(200)
        h.send_header("Content-Type", media)
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        for i, chunk in enumerate(chunks):
            h.wfile.write(chunk)
            h.wfile.flush()
            if i == 0 and gate is not None and opened is not None:
                opened.append(gate.wait(3))

    return respond


@pytest.fixture(scope="module")
def events_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(
        tmp_path_factory.mktemp("contract_sse_spec") / "spec",
        {
            "models/components/chatevent.md": CHAT_EVENT,
            "models/components/jsonevent.md": JSON_EVENT,
            "models/components/delta.md": DELTA,
            "sdks/chat/README.md": STREAM_SDK,
            "endpoints.md": STREAM_ENDPOINTS,
        },
    )


@pytest.fixture(scope="module")
def events(events_spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contract_sse")
    return build_package(tmp / "out", "contract_sse", spec=events_spec, cwd=tmp)


def test_ir_records_event_stream_answers(events: Built, events_spec: Path, tmp_path: Path) -> None:
    ops = {o["name"]: o["responses"][0] for o in events.ir["operations"]}
    assert {n: (r["stream"], r["type"]["model"]) for n, r in ops.items()} == {
        "streamText": (True, "ChatEvent"),
        "streamJson": (True, "JsonEvent"),
        "streamDeltas": (True, "Delta"),
    }
    # the markdown target writes `EventStream<...>` back, and it reads as a stream again
    out = tmp_path / "md"
    done = run_cli(
        "build",
        "--spec",
        str(events_spec),
        "--out",
        str(out),
        "--targets",
        "markdown",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    again = run_cli(
        "ir", "--spec", str(next(out.glob("*/docs"))), "--dialect", "plain", cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr
    back = {o["name"]: o["responses"][0]["stream"] for o in json.loads(again.stdout)["operations"]}
    assert back == {"streamText": True, "streamJson": True, "streamDeltas": True}
    # the OpenAPI target serves the events' schema as text/event-stream
    done = run_cli(
        "build", "--spec", str(events_spec), "--out", str(tmp_path / "oa"),
        "--targets", "openapi", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    api = json.loads(next((tmp_path / "oa").rglob("openapi.json")).read_text(encoding="utf-8"))
    answer = api["paths"]["/deltas"]["post"]["responses"]["200"]["content"]
    assert list(answer) == ["text/event-stream"]


def test_events_arrive_one_at_a_time(events: Built, server: Server) -> None:
    gate, opened = threading.Event(), []
    server.script(
        sse(
            b": ping\n\nevent: chunk\nid: 1\ndata: hello\n\n",
            b"event: chunk\ndata: two\ndata: lines\n\nretry: 10\nevent: end\ndata: bye",
            gate=gate,
            opened=opened,
        )
    )
    with events.client.Client(base_url=server.url) as c:
        stream = c.chat.stream_text()
        first = next(stream)  # the server holds the rest until it is read
        gate.set()
        rest = list(stream)
    # the first event came before the server wrote the rest: a client that read the
    # whole answer first would have got it only after the server's wait ran out
    assert opened == [True]
    assert server.seen[0].headers["accept"] == "text/event-stream"
    m = events.models
    assert first == m.ChatEvent(event="chunk", data="hello", id_="1")
    assert rest == [
        m.ChatEvent(event="chunk", data="two\nlines"),
        m.ChatEvent(event="end", data="bye", retry=10),
    ]


def test_event_data_as_json_and_done(events: Built, server: Server) -> None:
    server.script(
        sse(b'event: delta\ndata: {"text": "a"}\n\n'),
        sse(b'data: {"text": "b"}\n\ndata: {"text": "c"}\n\ndata: [DONE]\n\n'),
    )
    m = events.models
    with events.client.Client(base_url=server.url) as c:
        assert list(c.chat.stream_json()) == [m.JsonEvent(event="delta", data=m.Delta(text="a"))]
        assert list(c.chat.stream_deltas()) == [m.Delta(text="b"), m.Delta(text="c")]


def test_async_events(events: Built, server: Server) -> None:
    server.script(sse(b'data: {"text": "x"}\n\n'))

    async def run() -> list[Any]:
        async with events.client.AsyncClient(base_url=server.url) as c:
            return [d async for d in await c.chat.stream_deltas()]

    assert asyncio.run(run()) == [events.models.Delta(text="x")]


def test_bad_events_and_other_media_are_decode_errors(events: Built, server: Server) -> None:
    errors = events.client.ResponseDecodeError
    server.script(
        sse(b'data: {"text": 5}\n\n'),
        sse(b'{"text": "x"}', media="application/json"),
    )
    with events.client.Client(base_url=server.url) as c:
        with pytest.raises(errors, match="sent an event that does not match"):
            list(c.chat.stream_deltas())
        with pytest.raises(errors, match="is application/json, not text/event-stream"):
            c.chat.stream_deltas()


ERRORS_ONLY_RESPONSE = """# DeleteNoteResponse

## Fields

| Field | Type | Required | Description |
| --- | --- | --- | --- |
| `fourHundredAndFourApplicationJsonObject` | [components.Meta](../../models/meta.md) | no | 404 |
| `fiveHundredApplicationJsonObject` | [components.Meta](../../models/meta.md) | no | 500 |
| `contentType` | *string* | :heavy_check_mark: | HTTP response content type |
| `statusCode` | *number* | :heavy_check_mark: | HTTP response status code |
| `rawResponse` | [AxiosResponse](https://axios-http.com/docs/res_schema) | yes | Raw |
"""

DELETE_NOTE_SDK = """# Notes

## deleteNote

Delete a note.

### Response

**Promise\\\\<[operations.DeleteNoteResponse](../../models/operations/deletenoteresponse.md)\\\\>**
"""


@pytest.mark.parametrize(
    ("page", "sdk", "answer"),
    [
        (
            ("listnotesresponse.md", NOTES_RESPONSE),
            NOTES_SDK,
            {"kind": "array", "item": {"kind": "ref", "model": "Meta"}},
        ),
        (("deletenoteresponse.md", ERRORS_ONLY_RESPONSE), DELETE_NOTE_SDK, None),
    ],
    ids=["errors-before-the-body", "errors-only"],
)
def test_wrapper_body_is_no_field_named_for_an_error_status(
    tmp_path: Path, page: tuple[str, str], sdk: str, answer: Any
) -> None:
    """exactpayments-php lists `internalServerError`, `notFound` and
    `badRequestZodError` before the success body `classes`: the body is `classes`.
    paddle-php's DELETEs answer 200 with no body; their wrappers list only errors,
    named for their status spelled out: no field is the success body."""
    spec = _write(
        tmp_path / "spec",
        {
            "models/meta.md": META,
            f"models/operations/{page[0]}": page[1],
            "sdks/notes/README.md": sdk,
        },
    )
    done = run_cli("ir", "--spec", str(spec), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [op] = json.loads(done.stdout)["operations"]
    assert [r["type"] for r in op["responses"]] == [answer]
