"""The client target itself: documented error models become exception classes,
hostile doc text stays data, operations without method/path are left out (or
stop the build under `unrouted-operations = "error"`),
output is deterministic and passes ruff and mypy --strict.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from test_client_support import Built, Server, build_package, reply, serve

pytestmark = pytest.mark.timeout(60)

SUMMARY = 'Get a widget """ with \\ backslashes {{ braces }} and \'quotes\''

README = f"""# Widgets
(*widgets*)

## getWidget

{SUMMARY}

### Parameters

| Parameter | Type | Required | Description |
| --------- | ---- | -------- | ----------- |
| `widgetId` | *string* | :heavy_check_mark: | The widget's id \"\"\" \\ |
| `verbose` | *boolean* | :heavy_minus_sign: | More detail |
| `timeout` | *number* | :heavy_minus_sign: | Server-side limit; clashes with the call option |
| `config` | [AxiosRequestConfig](https://axios-http.com/docs/req_config) | :heavy_minus_sign: | x |

### Response

**Promise<[operations.GetWidgetResponse](../../models/operations/getwidgetresponse.md)>**
### Errors

| Error Object          | Status Code | Content Type     |
| --------------------- | ----------- | ---------------- |
| errors.WidgetNotFound | 404         | application/json |
| errors.WidgetGone     | 404         | application/json |
| errors.SDKError       | 4xx-5xx     | */*              |
"""

LONG = "WidgetCreationRequestWithAnExtremelyLongNameSoThatTheSignaturesWrap"

LINK = f"../../models/components/{LONG.lower()}.md"

CREATE = f"""
## createWidget

Create a widget

### Parameters

| Parameter | Type | Required | Description |
| --------- | ---- | -------- | ----------- |
| `request` | [components.{LONG}]({LINK}) | :heavy_check_mark: | |

### Response

**Promise<[operations.GetWidgetResponse](../../models/operations/getwidgetresponse.md)>**
"""

UNMAPPED = """
## deleteWidget

Delete a widget

### Parameters

| Parameter | Type | Required | Description |
| --------- | ---- | -------- | ----------- |
| `widgetId` | *string* | :heavy_check_mark: | The widget's id |

### Response

**Promise<[operations.GetWidgetResponse](../../models/operations/getwidgetresponse.md)>**
"""

TABLE = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"

FILES = {
    "sdks/widgets/README.md": README + CREATE,
    f"models/components/{LONG.lower()}.md": f"# {LONG}\n\n## Fields\n\n"
    + TABLE
    + "| `name` | *string* | :heavy_check_mark: | Display name |\n",
    "models/components/widget.md": "# Widget\n\nA widget.\n\n## Fields\n\n"
    + TABLE
    + "| `id` | *string* | :heavy_check_mark: | Identifier |\n"
    + "| `name` | *string* | :heavy_minus_sign: | Display name |\n",
    "models/errors/widgetnotfound.md": "# WidgetNotFound\n\nNo widget has that id.\n\n"
    + "## Fields\n\n"
    + TABLE
    + "| `message` | *string* | :heavy_check_mark: | What went wrong |\n"
    + "| `widgetId` | *string* | :heavy_minus_sign: | The id asked for |\n",
    "models/errors/widgetgone.md": "# WidgetGone\n\nThe widget was deleted.\n\n## Fields\n\n"
    + TABLE
    + "| `reason` | *string* | :heavy_check_mark: | Why it went |\n",
    "models/operations/getwidgetresponse.md": "# GetWidgetResponse\n\n## Fields\n\n"
    + TABLE
    + "| `contentType` | *string* | :heavy_check_mark: | HTTP response content type |\n"
    + "| `statusCode` | *number* | :heavy_check_mark: | HTTP response status code |\n"
    + "| `rawResponse` | [AxiosResponse](https://axios-http.com/docs/res_schema) "
    + "| :heavy_check_mark: | Raw HTTP response |\n"
    + "| `widget` | [components.Widget](../../models/components/widget.md) "
    + "| :heavy_minus_sign: | OK |\n",
    "endpoints.md": "# Endpoints\n\n| Operation | Method | Path |\n| --- | --- | --- |\n"
    + "| `getWidget` | GET | `/widgets/{widget_id}` |\n"
    + "| `createWidget` | POST | `/widgets` |\n",
}

WIRE = ("--wire-names", "snake_case")


@pytest.fixture(scope="module")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("widgets")
    for rel, text in FILES.items():
        p = root / "spec" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return build_package(root / "out", "widgets_api", spec=root / "spec", cwd=root, extra=WIRE)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serve()


def test_documented_error_model_is_a_typed_exception(widgets: Built, server: Server) -> None:
    errors = __import__("widgets_api.errors", fromlist=["x"])
    cls = errors.WidgetNotFoundError
    assert issubclass(cls, errors.ApiError)
    body = {"message": "no such widget", "widget_id": "w1"}
    server.script(reply(404, body))
    with widgets.client.Client(base_url=server.url) as c:
        with pytest.raises(cls) as info:
            c.widgets.get_widget("w1")
    err = info.value
    assert err.status == 404 and err.json == body
    assert isinstance(err.data, widgets.models.WidgetNotFound)
    assert err.data.to_dict() == body
    assert "getWidget (GET " in str(err)


def test_a_status_with_several_error_classes_raises_the_one_that_reads(
    widgets: Built, server: Server
) -> None:
    """dwolla-ts documents several error classes for one status (a oneOf's
    variants): the first whose model reads the body, else the first."""
    errors = __import__("widgets_api.errors", fromlist=["x"])
    source = Path(widgets.client.__file__).read_text(encoding="utf-8")
    assert (
        "'404': (\n            _errors.WidgetNotFoundError,\n            _errors.WidgetGoneError,\n"
        in source
    )
    server.script(reply(404, {"reason": "deleted"}), reply(404, {"other": 1}))
    with widgets.client.Client(base_url=server.url) as c:
        with pytest.raises(errors.WidgetGoneError) as gone:
            c.widgets.get_widget("w1")
        assert gone.value.data is not None and gone.value.data.reason == "deleted"
        with pytest.raises(errors.WidgetNotFoundError) as neither:
            c.widgets.get_widget("w1")
        assert neither.value.data is None and neither.value.json == {"other": 1}


def test_other_statuses_and_bad_error_bodies(widgets: Built, server: Server) -> None:
    errors = __import__("widgets_api.errors", fromlist=["x"])
    server.script(reply(500, {"message": "x"}), reply(404, raw=b"plain text"))
    with widgets.client.Client(base_url=server.url) as c:
        with pytest.raises(errors.ApiError) as info:
            c.widgets.get_widget("w1")
        assert type(info.value) is errors.ApiError and info.value.status == 500
        with pytest.raises(errors.WidgetNotFoundError) as info2:
            c.widgets.get_widget("w1")
        assert info2.value.data is None and info2.value.body == "plain text"


def test_doc_text_stays_data(widgets: Built, server: Server) -> None:
    group = widgets.client.WidgetsApi
    doc = inspect.getdoc(group.get_widget) or ""
    assert SUMMARY in doc and 'The widget\'s id """ \\' in doc
    server.script(reply(200, {"id": "w1"}))
    with widgets.client.Client(base_url=server.url) as c:
        got = c.widgets.get_widget("w 1", verbose=False, timeout_=1.5, timeout=5)
    assert got.to_dict() == {"id": "w1"}
    assert server.seen[0].raw_path == "/widgets/w%201"
    assert sorted(server.seen[0].query) == [("timeout", "1.5"), ("verbose", "false")]


def test_long_annotations_wrap_and_bodies_are_sent(widgets: Built, server: Server) -> None:
    source = Path(widgets.client.__file__).read_text(encoding="utf-8")
    assert max(len(line) for line in source.splitlines()) <= 100
    assert f"            _m.{LONG}\n            | Mapping[str, Any]\n" in source
    server.script(reply(200, {"id": "w2", "name": "n"}))
    with widgets.client.Client(base_url=server.url) as c:
        got = c.widgets.create_widget({"name": "n"}, validate=True)
    assert got.to_dict() == {"id": "w2", "name": "n"}
    assert server.seen[0].method == "POST" and server.seen[0].json() == {"name": "n"}


def test_no_base_url_and_no_token_env_without_config(widgets: Built) -> None:
    assert widgets.client.TOKEN_ENV is None and widgets.client.DEFAULT_BASE_URL == ""
    with pytest.raises(ValueError, match="base_url"):
        widgets.client.Client()


def _spec(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = tmp_path / "spec" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path / "spec"


def _unmapped_line() -> int:
    return (README + CREATE).count("\n") + UNMAPPED.splitlines().index("## deleteWidget") + 1


def test_operation_without_method_and_path_is_left_out_of_the_client(tmp_path: Path) -> None:
    """Default (`unrouted-operations = "skip"`): one warning at the operation's
    heading, the summary counts it, everything else is what the tree without
    that operation builds, byte for byte."""
    files = dict(FILES)
    files["sdks/widgets/README.md"] = README + CREATE + UNMAPPED
    targets = ("--targets", "jsonschema,dataclasses,client")
    done = run_cli(
        "build", "--spec", str(_spec(tmp_path / "with", files)), "--out",
        str(tmp_path / "with" / "out"), *WIRE, *targets, cwd=tmp_path / "with",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    warned = [ln for ln in done.stderr.splitlines() if "deleteWidget" in ln]
    assert warned == [
        f"sdks/widgets/README.md:{_unmapped_line()}: warning: operation 'deleteWidget' has no "
        "method and path; left out of the client; add it to endpoints.md"
    ]
    assert ", 1 operation left out ->" in done.stdout
    plain = run_cli(
        "build", "--spec", str(_spec(tmp_path / "without", FILES)), "--out",
        str(tmp_path / "without" / "out"), *WIRE, *targets, cwd=tmp_path / "without",
    )  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert "left out" not in plain.stdout + plain.stderr
    for f in ("client.py", "errors.py", "models.py", "schemas/_bundle.schema.json"):
        with_op = (tmp_path / "with" / "out" / "api" / f).read_text(encoding="utf-8")
        assert with_op == (tmp_path / "without" / "out" / "api" / f).read_text(encoding="utf-8")
    client = (tmp_path / "with" / "out" / "api" / "client.py").read_text(encoding="utf-8")
    assert "def get_widget(" in client and "def create_widget(" in client
    assert "delete_widget" not in client


def test_unrouted_operations_error_stops_the_build(tmp_path: Path) -> None:
    files = dict(FILES)
    files["sdks/widgets/README.md"] = README + CREATE + UNMAPPED
    spec = _spec(tmp_path, files)
    out = tmp_path / "out"
    args = ["build", "--spec", str(spec), "--out", str(out), *WIRE]
    strict = ("--unrouted-operations", "error")
    done = run_cli(*args, *strict, "--targets", "jsonschema,dataclasses,client", cwd=tmp_path)
    assert done.returncode == 2
    errors = [ln for ln in done.stderr.splitlines() if "deleteWidget" in ln]
    assert errors == [
        f"sdks/widgets/README.md:{_unmapped_line()}: operation 'deleteWidget' has no HTTP "
        "method and path, which the client needs; add it to endpoints.md"
    ]
    assert "nothing written" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    # the OpenAPI document places operations by method and path too
    done = run_cli(*args, *strict, "--targets", "openapi", cwd=tmp_path)
    assert done.returncode == 2 and "which the OpenAPI document needs" in done.stderr
    # targets that do not place operations need no endpoints: a warning (-v) only
    done = run_cli(*args, *strict, "--targets", "jsonschema,dataclasses", "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "'deleteWidget' has no method and path: add it to endpoints.md" in done.stderr
    assert "left out" not in done.stdout


def test_hand_built_ir_without_routes_stops_a_strict_client() -> None:
    """The client target's own guard, for IR that did not come through resolve."""
    from generator import emit
    from generator.config import Config
    from generator.diagnostics import SpecError
    from generator.ir import Operation, Source, Spec

    op = Operation(
        "ping", "ping", "misc", "", None, None, (), None, False, (), (), Source("sdks/x.md", 7)
    )
    spec = Spec((), (op,), ())
    cfg = Config(package="api", targets=("client",), unrouted_operations="error")
    with pytest.raises(SpecError, match="'ping' has no HTTP method and path"):
        emit.render(spec, cfg)
    files = emit.render(spec, Config(package="api", targets=("client",)))
    assert "def ping(" not in files["api/client.py"] and "MiscApi" not in files["api/client.py"]


def test_client_alone_brings_its_models_and_schemas(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_cli("build", "--out", str(out), "--targets", "client")
    assert done.returncode == 0, done.stderr
    check = "import honeyhive.client as c, honeyhive.models as m; print(c.Client, m.Project)"
    r = subprocess.run([sys.executable, "-c", check], cwd=out, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (out / "honeyhive" / "schemas" / "_bundle.schema.json").is_file()


def test_output_is_deterministic(tmp_path: Path) -> None:
    texts: list[dict[str, bytes]] = []
    for name in ("a", "b"):
        out = tmp_path / name
        done = run_cli("build", "--out", str(out), "--targets", "jsonschema,dataclasses,client")
        assert done.returncode == 0, done.stderr
        files = ("client.py", "_http.py", "errors.py")
        texts.append({f: (out / "honeyhive" / f).read_bytes() for f in files})
    assert texts[0] == texts[1]


def _tool(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


CLIENT_FILES = ("client.py", "_http.py", "errors.py")


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "check",
    [
        lambda files: [sys.executable, "-m", "ruff", "check", "--no-cache", *files],
        lambda files: [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *files],
    ],
    ids=["ruff", "mypy-strict"],
)
def test_generated_client_passes(check: Callable[[list[str]], list[str]], tmp_path: Path) -> None:
    for spec_args, pkg in (((), "honeyhive"), (("--spec", str(_spec(tmp_path, FILES))), "api")):
        out = tmp_path / f"out_{pkg}"
        extra: tuple[str, ...] = WIRE if spec_args else ()
        args = ["build", "--out", str(out), *spec_args, *extra]
        done = run_cli(*args, "--package", pkg, "--targets", "jsonschema,dataclasses,client")
        assert done.returncode == 0, done.stderr
        # the generated package's own pyproject configures ruff and mypy
        files = [f"{pkg}/{f}" for f in CLIENT_FILES]
        result = _tool(check(files), out)
        assert result.returncode == 0, result.stdout + result.stderr


def test_client_target_is_configured_for_the_project() -> None:
    cfg: Any = __import__("generator.config", fromlist=["load"]).load(ROOT)
    assert "client" in cfg.targets
    assert cfg.base_url == "https://api.honeyhive.ai" and cfg.token_env == "HONEYHIVE_API_KEY"
    assert cfg.unrouted_operations == "error"  # our own docs route every operation
