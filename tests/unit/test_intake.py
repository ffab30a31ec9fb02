"""JSON Lines intake: every bad line is named with its field, and values never echoed."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.intake import IntakeError, parse_contact, parse_jsonl

GOOD = {
    "time": "2026-11-20T22:15",
    "zone": "istedgade",
    "channel": "street",
    "code": "MAJA7",
    "age_band": "25-34",
    "gender": "woman",
    "language": "ro",
    "services": {"condoms": 10, "conversation": 1},
    "referrals": [{"to": "reden", "status": "referred"}],
    "programme": "exit-2020",
    "note": "free text",
}


def lines(*objs: object) -> bytes:
    return "\n".join(json.dumps(o) for o in objs).encode()


def test_the_spec_example_parses() -> None:
    [(number, entry)] = parse_jsonl(lines(GOOD))
    assert number == 1
    assert entry.time == datetime(2026, 11, 20, 22, 15)
    assert entry.code == "MAJA7"
    assert [(s.service, s.quantity) for s in entry.services] == [
        ("condoms", 10),
        ("conversation", 1),
    ]
    assert entry.referrals[0].destination == "reden"
    assert entry.programme == "exit-2020"


def test_only_time_is_required() -> None:
    entry = parse_contact({"time": "2026-11-20T23:59"})
    assert entry.code is None and entry.services == () and entry.zone is None


def test_blank_lines_are_skipped_and_numbers_kept() -> None:
    data = b'\n{"time": "2026-11-20T22:15"}\n\n{"time": "2026-11-20T22:16"}\n'
    assert [n for n, _ in parse_jsonl(data)] == [2, 4]


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"zone": "istedgade"}, "time"),
        ({"time": "20-11-2026 22:15"}, "time"),
        ({"time": "2026-11-20T22:15", "services": {"condoms": 0}}, "services"),
        ({"time": "2026-11-20T22:15", "services": {"condoms": "ten"}}, "services"),
        ({"time": "2026-11-20T22:15", "services": {"Condoms!": 1}}, "services"),
        ({"time": "2026-11-20T22:15", "services": ["condoms"]}, "services"),
        ({"time": "2026-11-20T22:15", "referrals": [{"status": "referred"}]}, "referrals"),
        ({"time": "2026-11-20T22:15", "referrals": [{"to": "reden", "status": "x"}]}, "referrals"),
        ({"time": "2026-11-20T22:15", "age_band": "30"}, "age_band"),
        ({"time": "2026-11-20T22:15", "gender": "female"}, "gender"),
        ({"time": "2026-11-20T22:15", "code": "ab"}, "code"),
        ({"time": "2026-11-20T22:15", "code": "0101901234"}, "code"),
        ({"time": "2026-11-20T22:15", "code": 12345}, "code"),
        ({"time": "2026-11-20T22:15", "zone": "Istedgade 12"}, "zone"),
        ({"time": "2026-11-20T22:15", "note": 5}, "note"),
        ({"time": "2026-11-20T22:15", "servics": {}}, "servics"),
    ],
)
def test_a_bad_line_is_refused_naming_line_and_field(obj: dict[str, object], field: str) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_jsonl(lines(GOOD, obj))
    error = caught.value
    assert error.line == 2
    assert error.field == field
    message = str(error)
    assert message.startswith(f"Line 2, field '{field}':")
    assert "Nothing from the file was saved" in message


def test_errors_never_echo_the_code() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_jsonl(lines({"time": "2026-11-20T22:15", "code": "0101901234"}))
    assert "0101901234" not in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"\n\n", b"not json\n", b"[1, 2]\n", b"\xff\xfe\x00"])
def test_malformed_files_give_clean_errors(data: bytes) -> None:
    with pytest.raises(IntakeError):
        parse_jsonl(data)


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        parse_jsonl(data)
    except IntakeError:
        pass


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(sorted(GOOD) + ["extra"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=6,
        ),
    )
)
def test_arbitrary_json_objects_parse_or_fail_cleanly(obj: dict[str, object]) -> None:
    try:
        parse_jsonl(json.dumps(obj).encode())
    except IntakeError as exc:
        assert exc.line == 1
