"""The generated client when things go wrong, against a real server on 127.0.0.1:
retries (5xx, 429 + Retry-After, connect errors), resets, timeouts, error
bodies, unreadable success bodies, request validation, and connection ownership.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from test_client_support import Built, Server, build_package, reply, reset, serve, stall

PACKAGE = "hh_client_faults"

pytestmark = pytest.mark.timeout(15)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_package(tmp_path_factory.mktemp("client_faults"), PACKAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serve()


@pytest.fixture
def client(built: Built, server: Server) -> Iterator[Any]:
    with built.client.Client(token="t", base_url=server.url) as c:
        yield c


def fast(built: Built, events: list[Any] | None = None, **kw: Any) -> Any:
    """A retry policy with tiny backoff that records its retries."""
    on_retry = events.append if events is not None else None
    return built.client.RetryPolicy(backoff=0.01, max_backoff=0.05, on_retry=on_retry, **kw)


PROJECT = {"description": "d", "id": "x", "name": "p", "type": "chat"}


# --------------------------------------------------------------- retries


def test_retries_are_off_by_default(built: Built, server: Server, client: Any) -> None:
    server.script(reply(500, {"error": "boom"}), reply(200, []))
    with pytest.raises(built.client.ApiError) as info:
        client.projects.get_projects()
    assert info.value.status == 500 and info.value.attempts == 1
    assert len(server.seen) == 1


def test_500_then_200_succeeds_with_retries_on(built: Built, server: Server, client: Any) -> None:
    events: list[Any] = []
    server.script(reply(500, {"error": "boom"}), reply(200, [PROJECT]))
    raw = client.projects.get_projects_raw(retries=fast(built, events))
    assert raw.attempts == 2 and raw.status_code == 200
    assert [p.to_dict() for p in raw.data] == [PROJECT]
    assert [(e.attempt, e.reason) for e in events] == [(1, "HTTP 500")]
    assert len(server.seen) == 2


def test_retry_count_is_bounded(built: Built, server: Server) -> None:
    events: list[Any] = []
    server.script(*[reply(503, {"e": i}) for i in range(5)])
    policy = fast(built, events, max_attempts=3)
    with built.client.Client(token="t", base_url=server.url, retries=policy) as c:
        with pytest.raises(built.client.ApiError) as info:
            c.projects.get_projects()
    assert info.value.status == 503 and info.value.attempts == 3
    assert "after 3 attempts" in str(info.value)
    assert len(server.seen) == 3 and len(events) == 2


def test_int_retries_means_that_many_retries(built: Built, server: Server) -> None:
    server.script(reply(502, {}), reply(502, {}), reply(200, []))
    with built.client.Client(token="t", base_url=server.url, retries=2) as c:
        raw = c.projects.get_projects_raw()
    assert raw.attempts == 3


def test_post_is_not_retried_unless_asked(built: Built, server: Server, client: Any) -> None:
    body = {"session": {"project": "p"}}
    server.script(reply(500, {}), reply(200, {"session_id": "s"}))
    with pytest.raises(built.client.ApiError) as info:
        client.session.start_session(body, retries=fast(built))
    assert info.value.attempts == 1 and len(server.seen) == 1

    server.script(reply(500, {}), reply(200, {"session_id": "s"}))
    policy = fast(built, methods=built.client.ALL_METHODS)
    raw = client.session.start_session_raw(body, retries=policy)
    assert raw.attempts == 2 and [s.method for s in server.seen] == ["POST", "POST"]
    assert server.seen[0].json() == server.seen[1].json() == body


def test_429_retry_after_seconds_is_honoured(built: Built, server: Server, client: Any) -> None:
    events: list[Any] = []
    server.script(reply(429, {}, headers={"Retry-After": "1"}), reply(200, []))
    started = time.monotonic()
    raw = client.projects.get_projects_raw(retries=fast(built, events))
    waited = time.monotonic() - started
    assert raw.attempts == 2
    assert [e.delay for e in events] == [1.0]  # the header, not the 0.01 s backoff
    assert waited >= 1.0


def test_429_retry_after_beyond_the_budget_is_not_waited(
    built: Built, server: Server, client: Any
) -> None:
    events: list[Any] = []
    server.script(reply(429, {"e": "slow down"}, headers={"Retry-After": "3600"}))
    with pytest.raises(built.client.ApiError) as info:
        client.projects.get_projects(retries=fast(built, events, max_elapsed=2.0))
    assert info.value.status == 429 and info.value.attempts == 1
    assert events == [] and len(server.seen) == 1


def test_retry_after_http_date(built: Built) -> None:
    http = built.client._http
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    got = http.retry_after(httpx.Response(429, headers={"Retry-After": when}))
    assert 25 <= got <= 31
    assert http.retry_after(httpx.Response(429, headers={"Retry-After": "soon"})) is None
    assert http.retry_after(httpx.Response(429)) is None


def test_backoff_grows_with_jitter_and_is_capped(built: Built) -> None:
    policy = built.client.RetryPolicy(backoff=1.0, max_backoff=4.0, jitter=0.5)
    for retry, top in [(1, 1.0), (2, 2.0), (3, 4.0), (6, 4.0)]:
        delays = [policy.backoff_delay(retry) for _ in range(50)]
        assert all(top / 2 <= d <= top for d in delays)
        assert len(set(delays)) > 1  # jittered


def test_connect_errors_are_retried(built: Built) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    events: list[Any] = []
    url = f"http://127.0.0.1:{port}"
    with built.client.Client(token="t", base_url=url, retries=fast(built, events)) as c:
        with pytest.raises(built.client.TransportError) as info:
            c.projects.get_projects()
    assert info.value.attempts == 3
    assert [e.reason for e in events] == ["ConnectError", "ConnectError"]
    assert "getProjects (GET " + url + "/projects)" in str(info.value)


def test_async_retries(built: Built, server: Server) -> None:
    events: list[Any] = []
    server.script(reply(503, {}), reply(200, [PROJECT]))

    async def go() -> Any:
        async with built.client.AsyncClient(token="t", base_url=server.url) as c:
            return await c.projects.get_projects_raw(retries=fast(built, events))

    raw = asyncio.run(go())
    assert raw.attempts == 2 and [p.to_dict() for p in raw.data] == [PROJECT]


# ------------------------------------------------------- transport faults


def test_connection_reset(built: Built, server: Server, client: Any) -> None:
    server.script(reset())
    with pytest.raises(built.client.TransportError) as info:
        client.session.get_session("abc")
    err = info.value
    assert not isinstance(err, built.client.ApiTimeoutError)
    assert (err.operation, err.method) == ("getSession", "GET")
    assert err.url == f"{server.url}/session/abc"
    assert f"getSession (GET {server.url}/session/abc) failed" in str(err)


def test_timeout_per_call(built: Built, server: Server, client: Any) -> None:
    server.script(stall(1.0, reply(200, [])))
    with pytest.raises(built.client.ApiTimeoutError) as info:
        client.projects.get_projects(timeout=0.2)
    assert isinstance(info.value, built.client.TransportError)
    assert "getProjects (GET" in str(info.value) and "timed out" in str(info.value)


def test_timeout_client_default(built: Built, server: Server) -> None:
    server.script(stall(1.0, reply(200, [])))

    async def go() -> None:
        async with built.client.AsyncClient(token="t", base_url=server.url, timeout=0.2) as c:
            await c.projects.get_projects()

    with pytest.raises(built.client.ApiTimeoutError):
        asyncio.run(go())


# ------------------------------------------------------------ bad answers


def test_404_with_error_body(built: Built, server: Server, client: Any) -> None:
    body = {"error": "session not found", "code": 404}
    server.script(reply(404, body, headers={"X-Request-Id": "req-42"}))
    with pytest.raises(built.client.ApiError) as info:
        client.session.get_session("missing id")
    err = info.value
    assert err.status == 404 and err.json == body and err.request_id == "req-42"
    assert err.body == '{"error": "session not found", "code": 404}'
    assert err.response.status_code == 404
    url = f"{server.url}/session/missing%20id"
    assert err.url == url
    assert str(err).startswith(f"getSession (GET {url}) failed with HTTP 404 [request id req-42]")
    assert "session not found" in str(err)


def test_redirect_is_not_success(built: Built, server: Server, client: Any) -> None:
    server.script(reply(302, {}, headers={"Location": "/elsewhere"}))
    with pytest.raises(built.client.ApiError) as info:
        client.projects.get_projects()
    assert info.value.status == 302


def test_200_with_invalid_json(built: Built, server: Server, client: Any) -> None:
    server.script(reply(200, raw=b"<html>oops, not json</html>"))
    with pytest.raises(built.client.ResponseDecodeError) as info:
        client.session.get_session("abc")
    err = info.value
    assert isinstance(err, built.client.ApiError) and err.status == 200
    assert "is not JSON" in str(err) and "<html>oops, not json</html>" in str(err)
    assert err.body == "<html>oops, not json</html>"


def test_200_with_the_wrong_shape(built: Built, server: Server, client: Any) -> None:
    server.script(reply(200, {"not": "a list"}))
    with pytest.raises(built.client.ResponseDecodeError) as info:
        client.projects.get_projects()
    assert "does not match the documented type" in str(info.value)


def test_long_bodies_are_excerpted(built: Built, server: Server, client: Any) -> None:
    server.script(reply(500, raw=b"x" * 5000))
    with pytest.raises(built.client.ApiError) as info:
        client.projects.get_projects()
    assert len(str(info.value)) < 700 and len(info.value.body) == 5000


# -------------------------------------------------------------- validation


def test_validate_rejects_a_bad_body_before_sending(
    built: Built, server: Server, client: Any
) -> None:
    server.script(reply(200, {}))
    bad = {"name": 7}  # CreateProjectRequest.name is a required string
    with pytest.raises(built.client.RequestValidationError) as info:
        client.projects.create_project(bad, validate=True)
    assert server.seen == []
    err = info.value
    validation = __import__(f"{PACKAGE}.validation", fromlist=["ValidationError"])
    assert err.errors == validation.validate("CreateProjectRequest", bad)
    assert all(isinstance(e, validation.ValidationError) for e in err.errors)
    assert [e.pointer for e in err.errors] == ["/name"]
    assert "createProject (POST" in str(err)


def test_validate_default_on_the_client(built: Built, server: Server) -> None:
    server.script(reply(200, PROJECT), reply(200, PROJECT))
    with built.client.Client(token="t", base_url=server.url, validate=True) as c:
        c.projects.create_project({"name": "ok"})  # valid: sent
        assert len(server.seen) == 1
        with pytest.raises(built.client.RequestValidationError):
            c.projects.create_project({})
        c.projects.create_project({}, validate=False)  # per call wins
    assert len(server.seen) == 2


# ------------------------------------------------------ connection ownership


def test_supplied_http_client_is_used_and_left_open(built: Built, server: Server) -> None:
    server.script(reply(200, []))
    http = httpx.Client(headers={"x-from-user-client": "yes"})
    with built.client.Client(token="t", base_url=server.url, http_client=http) as c:
        c.projects.get_projects()
        assert c.http_client is http
    assert server.seen[0].headers["x-from-user-client"] == "yes"
    assert not http.is_closed
    http.close()


def test_owned_client_is_closed_on_exit(built: Built) -> None:
    with built.client.Client(token="t") as c:
        inner = c.http_client
    assert inner.is_closed

    async def go() -> Any:
        async with built.client.AsyncClient(token="t") as ac:
            return ac.http_client

    assert asyncio.run(go()).is_closed


def test_transport_is_accepted(built: Built) -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[PROJECT])

    with built.client.Client(token="t", transport=httpx.MockTransport(handle)) as c:
        projects = c.projects.get_projects(name="p", extra_headers={"x-extra": "1"})
    assert [p.to_dict() for p in projects] == [PROJECT]
    assert str(seen[0].url) == "https://api.honeyhive.ai/projects?name=p"
    assert seen[0].headers["x-extra"] == "1"
    with pytest.raises(ValueError):
        built.client.Client(http_client=httpx.Client(), transport=httpx.MockTransport(handle))


def test_async_transport_and_http_client(built: Built) -> None:
    async def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[PROJECT], headers={"x-seen": request.headers["x-u"]})

    async def go() -> tuple[Any, Any, bool]:
        transport = httpx.MockTransport(handle)
        async with built.client.AsyncClient(
            token="t", transport=transport, headers={"x-u": "1"}
        ) as c:
            first = await c.projects.get_projects_raw()
        user = httpx.AsyncClient(transport=transport)
        async with built.client.AsyncClient(token="t", http_client=user, headers={"x-u": "2"}) as c:
            second = await c.projects.get_projects_raw()
        still_open = not user.is_closed
        await user.aclose()
        return first, second, still_open

    first, second, still_open = asyncio.run(go())
    assert first.headers["x-seen"] == "1" and second.headers["x-seen"] == "2"
    assert [p.to_dict() for p in second.data] == [PROJECT] and still_open


# ------------------------------------------------- non-JSON success bodies


def test_binary_and_text_answers(built: Built) -> None:
    from generator.ir import Primitive
    from generator.targets.client import output_annotation, result_decoder

    binary, text = Primitive("string", "binary"), Primitive("string")
    assert (output_annotation(binary, {}), result_decoder(binary, {})) == ("bytes", "_http.BYTES")
    assert (output_annotation(text, {}), result_decoder(text, {})) == ("str", "_http.TEXT")

    http = built.client._http
    op = http.Operation("download", "GET", "/file", accept="*/*")
    settings = http.Settings("http://h", "t", None, http.NO_RETRIES, False, {})
    prepared = settings.prepare(
        op, path={}, query=[], headers=[], body=None, timeout=None, retries=None, extra_headers=None
    )
    assert prepared.headers["accept"] == "*/*" and prepared.url == "http://h/file"
    call = http.Call(op, "GET", "http://h/file", [], {}, http.NO_BODY, None, http.NO_RETRIES)
    pdf = b"%PDF-1.7\x00\xff"
    got = http.decode(call, httpx.Response(200, content=pdf), http.BYTES, 1)
    assert got.data == pdf
    plain = httpx.Response(200, text="just text", headers={"content-type": "text/plain"})
    assert http.decode(call, plain, http.TEXT, 1).data == "just text"
    quoted = httpx.Response(200, json="a json string")
    assert http.decode(call, quoted, http.TEXT, 1).data == "a json string"
    with pytest.raises(built.client.ResponseDecodeError, match="expected a JSON string"):
        http.decode(call, httpx.Response(200, json={"not": "a string"}), http.TEXT, 1)


def test_validation_errors_match_the_validate_command(
    built: Built, client: Any, tmp_path: Any
) -> None:
    from conftest import run_cli

    payloads = [{"name": 7, "type": "nope"}, {}]
    path = tmp_path / "bodies.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in payloads), encoding="utf-8")
    done = run_cli("validate", "--model", "CreateProjectRequest", "--format", "json", str(path))
    assert done.returncode == 1, done.stderr
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    cli = [r["errors"] for r in reports if r["kind"] == "invalid"]
    ours = []
    for p in payloads:
        with pytest.raises(built.client.RequestValidationError) as info:
            client.projects.create_project(p, validate=True)
        ours.append([e.to_dict() for e in info.value.errors])
    assert ours == cli and all(cli)
