"""The date-time loader's quick path (the RFC 3339 shape checked with one
set lookup, then fromisoformat) against the regex-first loader it replaced: for any
string, the same value, wire text and offset, or the same error text.  And the
dumper's one-isoformat() UTC path against the replace()-then-isoformat() one.

Python's fromisoformat takes much more than RFC 3339 (other separators,
basic format, reduced precision, `,5`, `+0200`, `+02`, `+02:00:30`, `56.Z`);
every such spelling must fall through to the regex path.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st


def _load_codec() -> ModuleType:
    path = ROOT / "generated" / "honeyhive" / "_codec.py"
    spec = importlib.util.spec_from_file_location("_fastpath_codec", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


codec = _load_codec()
ModelError = codec.ModelError
WireDateTime = codec.WireDateTime

# ---- the loader before the quick path, copied from git (commit cc84b1c)
_rfc3339_shape = re.compile(
    r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:[0-5]\d)", re.ASCII
).fullmatch
_fromisoformat = datetime.fromisoformat


def reference_load_datetime(value: Any) -> datetime:
    if type(value) is str and _rfc3339_shape(value):
        try:
            state = _fromisoformat(value.upper()).__reduce__()[1]
            parsed = WireDateTime(*state)
        except ValueError:
            reason = f"invalid date-time {value!r}"
            raise ModelError("date-time (RFC 3339)", value, reason=reason) from None
        parsed.wire = value
        return parsed
    raise ModelError("date-time string (RFC 3339)", value)


def reference_dump_datetime(value: datetime) -> str:  # before the one-isoformat() UTC path
    wire: str | None = getattr(value, "wire", None)
    if wire is not None:
        return wire
    offset = value.utcoffset()
    if offset is None:
        return value.isoformat() + "Z"
    if offset == timedelta(0):
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


# ---------------------------------------------------------------------------


def outcome(load: Any, value: Any) -> tuple[Any, ...]:
    try:
        got = load(value)
    except Exception as err:  # any exception type must match too
        return ("error", type(err).__name__, str(err), getattr(err, "reason", None))
    # the pickle state: every field incl. fold, and the tzinfo object
    state = datetime.__reduce__(got)[1]
    return ("ok", type(got).__name__, state, got.wire, got.utcoffset(), got.tzname())


def same(value: Any) -> tuple[Any, ...]:
    want = outcome(reference_load_datetime, value)
    got = outcome(codec.load_datetime, value)
    assert got == want, value
    return got


CASES = [
    "2024-05-01T12:34:56Z",
    "2024-05-01T12:34:56.789Z",
    "2024-05-01T12:34:56.123456789Z",
    "2024-05-01T12:34:56.1234567890Z",
    "2024-05-01T12:34:56.1234567890+01:00",
    "2024-05-01T12:34:56.123456789-23:59",
    "2024-05-01T12:34:56.5+02:00",
    "2024-05-01T12:34:56-07:30",
    "2024-05-01T12:34:56-00:00",
    "2024-05-01t12:34:56z",
    "2024-05-01T12:34:56z",
    "2024-05-01t12:34:56Z",
    "2024-05-01 12:34:56Z",
    "2024-05-01x12:34:56Z",
    "2024-05-01\u013012:34:56Z",
    "2024-05-01\ud80012:34:56Z",
    "2024-05-01T12:34:56.5\udfffZ",
    "20240501T123456Z",
    "2024-05-01T123456Z",
    "2024-05-01T12:34Z",
    "2024-05-01T12Z",
    "2024-05-01T12:34:56",
    "2024-05-01",
    "2024-05-01T12:34:56,5Z",
    "2024-05-01T12:34:56.Z",
    "2024-05-01T12:34:56.+02:00",
    "2024-05-01T12:34:56.5+0200",
    "2024-05-01T12:34:56+0200",
    "2024-05-01T12:34:56+02",
    "2024-05-01T12:34:56+02:00:30",
    "2024-05-01T12:34:56+02:00:30.5",
    "2024-05-01T12:34:56+02:00Z",
    "2024-05-01T12:34:56.5Z+02:00",
    "2024-05-01T12:34:56+24:00",
    "2024-05-01T12:34:56+02:60",
    "2024-05-01T12:34:56+02:59",
    "2024-05-01T12:34:60Z",
    "2024-02-30T12:34:56Z",
    "2024-13-01T12:34:56Z",
    "0000-01-01T00:00:00Z",
    "2024-05-01T24:00:00Z",
    "2024-05-01T12:34:5Z",
    "2024-05-01T12:34:5+02:00",
    "2024-05-01T12:3:56Z",
    "2024-05-01T12:34:56.\u0663Z",
    "\u0662024-05-01T12:34:56Z",
    "2024-05-01T12:34:56.5\u0663Z",
    "2024-05-01T12:34:56+0\u0662:00",
    "2024-W18-3T12:34:56Z",
    "2024-05-01T12:34:56.5 Z",
    " 2024-05-01T12:34:56Z",
    "2024-05-01T12:34:56Z ",
    "+024-05-01T12:34:56Z",
    "2024- 5-01T12:34:56Z",
    "2024-05-01T12:34:56.1_2Z",
    "2024-05-01T12:34:56+02:0\u0663",
    "",
    "Z",
    None,
    20240501,
    b"2024-05-01T12:34:56Z",
]


@pytest.mark.parametrize("value", CASES, ids=repr)
def test_hand_cases_match_reference(value: Any) -> None:
    same(value)


def test_quick_path_is_live_and_valid_values_load(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:  # the quick path alone loads the usual shapes
        m.setattr(codec, "_rfc3339_shape", None)
        for text in [
            "2024-05-01T12:34:56Z",
            "2024-05-01T12:34:56.78-07:00",
            "2024-05-01T12:34:56+02:00",
        ]:
            assert codec.load_datetime(text).wire == text
    got = same("2024-05-01T12:34:56.789+02:00")
    assert got[0] == "ok" and got[3] == "2024-05-01T12:34:56.789+02:00"
    assert same("2024-05-01T12:34:56z")[0] == "ok"  # lowercase: the regex path
    assert same("2024-05-01T12:34:56,5Z")[0] == "error"


# ------------------------------------------------------------- generated

DIGITS = "0123456789"
ODD_DIGITS = "\u0660\u0663\u0966\uff11\u00b2"  # Arabic-Indic, Devanagari, fullwidth, superscript


def _num(n: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(DIGITS), min_size=n, max_size=n)


def _two(top: int) -> st.SearchStrategy[str]:
    return st.integers(0, top).map(lambda v: f"{v:02d}")


OFFSET = st.one_of(
    st.sampled_from(["Z", "z", "", "+00:00", "-00:00", "+24:00", "+02:60", "+23:59"]),
    st.tuples(st.sampled_from("+-"), _two(25), st.sampled_from([":", ""]), _two(61)).map("".join),
    st.tuples(st.sampled_from("+-"), _two(25)).map("".join),
    st.tuples(st.sampled_from("+-"), _two(23), _two(59), _two(61)).map(
        lambda t: f"{t[0]}{t[1]}:{t[2]}:{t[3]}"
    ),
)
FRACTION = st.one_of(
    st.just(""),
    st.tuples(st.sampled_from(".,"), st.text(st.sampled_from(DIGITS), max_size=12)).map("".join),
)
SEP = st.sampled_from(["T", "T", "T", "t", " ", "x", "_", "\u0130", "TT"])


@st.composite
def stamps(draw: st.DrawFn) -> str:
    year = draw(st.one_of(_num(4), st.sampled_from(["0000", "0001", "9999", "+024", "-024"])))
    month, day = draw(_two(13)), draw(_two(32))
    hour, minute, second = draw(_two(25)), draw(_two(61)), draw(_two(61))
    d_sep = draw(st.sampled_from(["-", "-", "-", ""]))
    t_sep = draw(st.sampled_from([":", ":", ":", ""]))
    date = f"{year}{d_sep}{month}{d_sep}{day}"
    time = draw(
        st.sampled_from(
            [
                f"{hour}{t_sep}{minute}{t_sep}{second}",
                f"{hour}{t_sep}{minute}{t_sep}{second}",
                f"{hour}{t_sep}{minute}",
                hour,
            ]
        )
    )
    text = f"{date}{draw(SEP)}{time}{draw(FRACTION)}{draw(OFFSET)}"
    return draw(mutated(text))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """Unchanged most of the time, else one character replaced, dropped or added."""
    kind = draw(st.sampled_from(["same", "same", "same", "replace", "drop", "insert"]))
    if kind == "same" or not text:
        return text
    at = draw(st.integers(0, len(text) - 1))
    char = draw(st.sampled_from(DIGITS + ODD_DIGITS + "-:.,+ TZtzW\x00_"))
    if kind == "replace":
        return text[:at] + char + text[at + 1 :]
    if kind == "drop":
        return text[:at] + text[at + 1 :]
    return text[:at] + char + text[at:]


FASTPATH_SETTINGS = settings(
    max_examples=400,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


@FASTPATH_SETTINGS
@given(stamps())
def test_generated_stamps_match_reference(value: str) -> None:
    same(value)


@FASTPATH_SETTINGS
@given(st.text(st.sampled_from(DIGITS + ODD_DIGITS + "-:.,+ TZtzW"), max_size=34))
def test_random_text_matches_reference(value: str) -> None:
    same(value)


# ------------------------------------------------------------------- dumps


class NoOffset(tzinfo):
    """An aware-looking tzinfo whose utcoffset() is None: dumped as naive."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None


ZONES = st.one_of(
    st.none(),
    st.just(UTC),
    st.just(NoOffset()),
    st.timezones(),  # zoneinfo: offsets that change with the date, fold included
    st.timedeltas(-timedelta(hours=23, minutes=59), timedelta(hours=23, minutes=59)).map(
        timezone  # whole minutes, seconds and microseconds in the offset
    ),
)


@FASTPATH_SETTINGS
@given(st.datetimes(timezones=ZONES, allow_imaginary=True))
# found by hypothesis: a time in the spring-forward gap (fold=1, so +01:00).  `==`
# between zones is always False for such a time (PEP 495), so instants are compared in UTC.
@example(datetime(1995, 3, 26, 1, 59, 59, 8167, fold=1, tzinfo=ZoneInfo("Europe/Isle_of_Man")))
@example(datetime(2024, 10, 27, 1, 30, fold=1, tzinfo=ZoneInfo("Europe/London")))  # repeated hour
def test_dump_matches_reference(value: datetime) -> None:
    assert codec.dump_datetime(value) == reference_dump_datetime(value)
    offset = value.utcoffset()
    if offset is not None and not offset % timedelta(minutes=1):
        # RFC 3339 offsets are whole minutes: those dumps load back to the same instant
        loaded = codec.load_datetime(codec.dump_datetime(value))
        assert loaded.astimezone(UTC) == value.astimezone(UTC)
        assert loaded.utcoffset() == offset


def test_dump_of_utc_and_near_utc_offsets() -> None:
    when = datetime(2024, 5, 1, 12, 34, 56, 789)
    for tz, text in [
        (UTC, "2024-05-01T12:34:56.000789Z"),
        (timezone(timedelta(0)), "2024-05-01T12:34:56.000789Z"),
        (timezone(timedelta(seconds=30)), "2024-05-01T12:34:56.000789+00:00:30"),
        (timezone(-timedelta(microseconds=1)), "2024-05-01T12:34:56.000789-00:00:00.000001"),
        (NoOffset(), "2024-05-01T12:34:56.000789Z"),
    ]:
        got = codec.dump_datetime(when.replace(tzinfo=tz))
        assert got == reference_dump_datetime(when.replace(tzinfo=tz)) == text
