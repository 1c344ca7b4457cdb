"""Runs one tree's planned calls through its generated client (a subprocess of the
harness, with the generated package importable): reads the plan as JSON on stdin,
writes one JSON result per call on stdout.

Kept apart from the harness so the generated package is imported in a clean
interpreter, never into the test process.
"""

from __future__ import annotations

import base64
import importlib
import json
import sys
import traceback
from collections.abc import Iterator
from typing import Any

PRISM_ERRORS = "stoplight.io/prism/errors#"


def _decode(value: Any) -> Any:
    """The plan's JSON with `{"__bytes__": b64}` turned back into bytes."""
    if isinstance(value, dict):
        if set(value) == {"__bytes__"}:
            return base64.b64decode(value["__bytes__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _violations(data: Any) -> str:
    if isinstance(data, dict):
        found = data.get("validation") or []
        shown = [
            f"{'.'.join(str(p) for p in v.get('location', []))}: {v.get('message', '')}"
            for v in found
            if isinstance(v, dict)
        ]
        return "; ".join(shown) or str(data.get("detail") or data.get("title") or "")
    return ""


def _errors_only(header: str) -> str:
    """Prism's `sl-violations` without its warnings (a deprecated parameter sent)."""
    if not header:
        return ""
    try:
        found = json.loads(header)
    except ValueError:
        return header
    errors = [v for v in found if isinstance(v, dict) and v.get("severity") != "Warning"]
    return json.dumps(errors) if errors else ""


def run_call(client: Any, call: dict[str, Any], http: Any, pkg: Any) -> dict[str, Any]:
    group = getattr(client, call["group"])
    method = getattr(group, call["method"] + "_raw")
    args = [_decode(a) for a in call["args"]]
    kwargs = {k: _decode(v) for k, v in call["kwargs"].items()}
    errors = importlib.import_module(pkg.__name__ + ".errors")
    try:
        result = method(*args, **kwargs)
        streamed = isinstance(result.data, Iterator)
        if streamed:  # server-sent events: each is decoded as it is read
            list(result.data)
    except errors.ResponseDecodeError as e:
        return {"kind": "response refused", "status": e.status, "detail": str(e)[:400]}
    except errors.ApiError as e:
        data = e.json
        kind = "http"
        if isinstance(data, dict) and str(data.get("type", "")).startswith(
            "https://" + PRISM_ERRORS
        ):
            kind = {
                "UNPROCESSABLE_ENTITY": "request refused",
                "UNAUTHORIZED": "auth refused",
                "NO_PATH_MATCHED_ERROR": "no such operation",
                "NO_METHOD_MATCHED_ERROR": "no such operation",
                "INVALID_CONTENT_TYPE": "request refused",
                "NOT_ACCEPTABLE": "not acceptable",
            }.get(str(data["type"]).rsplit("#", 1)[-1], "prism error")
        flagged = e.response.headers.get("sl-violations", "") if e.response is not None else ""
        if kind == "http" and '"request' in flagged:  # a documented 4xx chosen for a bad request
            kind = "request refused"
        if e.status == 401:
            kind = "auth refused"
        detail = _violations(data) or flagged[:300] or e.body[:300]
        return {"kind": kind, "status": e.status, "detail": f"HTTP {e.status}: {detail}"}
    except errors.ClientError as e:
        return {"kind": "client error", "status": None, "detail": str(e)[:400]}
    except Exception as e:  # the generated code itself failed
        tb = traceback.format_exc(limit=3).splitlines()[-3:]
        return {"kind": "client crash", "status": None, "detail": f"{e!r} {' | '.join(tb)}"[:400]}
    response = result.response
    refused = _errors_only(response.headers.get("sl-violations", ""))
    if refused:
        return {
            "kind": "contract violation",
            "status": response.status_code,
            "detail": refused[:400],
        }
    ctype = response.headers.get("content-type", "")
    if streamed:
        pass  # no one body to write back
    elif isinstance(result.data, bytes):  # documented as raw bytes (Go `[]byte`): kept whole
        if result.data != response.content:
            return {
                "kind": "round trip",
                "status": response.status_code,
                "detail": f"bytes differ from the body sent: {result.data[:200]!r}",
            }
    elif result.data is not None and "json" in ctype and response.content:
        sent = json.loads(response.text)
        back = http.to_json(result.data)
        if back != sent:
            return {
                "kind": "round trip",
                "status": response.status_code,
                "detail": f"decoded and written back: {json.dumps(back)[:200]} "
                f"!= {json.dumps(sent)[:200]}",
            }
    return {"kind": "ok", "status": response.status_code, "detail": ""}


# What the suite passes for each kind of credential: Prism checks that they are
# present and well-formed (`Bearer x`, `Basic base64(user:password)`), not their value.
VALUES = {"bearer": ("contract-suite-token",), "basic": ("contract-user", "contract-password")}


def credentials(client_mod: Any) -> dict[str, str]:
    """A value for every Client(...) argument of every scheme the client knows."""
    return {
        arg: VALUES.get(s.kind, ("contract-key",))[min(i, len(VALUES.get(s.kind, "x")) - 1)]
        for s in client_mod.SECURITY
        for i, arg in enumerate(s.args)
    }


def main() -> int:
    plan = json.loads(sys.stdin.read())
    pkg = importlib.import_module(plan["package"])
    client_mod = importlib.import_module(plan["package"] + ".client")
    http = importlib.import_module(plan["package"] + "._http")
    results = []
    with client_mod.Client(**plan["client"], **credentials(client_mod)) as client:
        for call in plan["calls"]:
            results.append(run_call(client, call, http, pkg))
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
