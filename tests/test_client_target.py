"""The client target itself: documented error models become exception classes,
hostile doc text stays data, operations without method/path stop the build,
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


def test_operation_without_method_and_path_stops_the_build(tmp_path: Path) -> None:
    files = dict(FILES)
    files["sdks/widgets/README.md"] = README + CREATE + UNMAPPED
    spec = _spec(tmp_path, files)
    out = tmp_path / "out"
    args = ["build", "--spec", str(spec), "--out", str(out), *WIRE]
    done = run_cli(*args, "--targets", "jsonschema,dataclasses,client", cwd=tmp_path)
    assert done.returncode == 2
    line = (README + CREATE).count("\n") + UNMAPPED.splitlines().index("## deleteWidget") + 1
    assert f"sdks/widgets/README.md:{line}:" in done.stderr
    assert "'deleteWidget' has no HTTP method and path" in done.stderr
    assert "spec/endpoints.md" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()  # nothing written
    # other targets do not need endpoints: a warning only
    done = run_cli(*args, "--targets", "jsonschema", "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "deleteWidget" in done.stderr


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
