"""rows.json read as a stream (issue 14, finding 3): the same rows, whatever the chunk size;
the same refusals as strict whole-document JSON; never more than MAX_ROWS rows."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek
from redvan.exchange import bundle as b
from redvan.exchange import rowstream
from redvan.exchange.hostile import ImportRefused

W1, W3 = IsoWeek(2026, 1), IsoWeek(2026, 3)

people = st.one_of(st.none(), st.sampled_from(["P-7F3A", "P-0123", "P-ABCDEF"]))
services = st.dictionaries(
    st.sampled_from(["condoms", "coffee-food", "conversation"]), st.integers(1, 99), max_size=3
)
referrals = st.lists(st.sampled_from(["referred", "attended"]), max_size=3)
rows = st.lists(st.tuples(people, services, referrals).map(list), max_size=12)
weeks = st.lists(rows, min_size=0, max_size=3)


def document(blocks: list[list[Any]], spaced: bool) -> bytes:
    doc = {
        "format": "redvan-audit-rows",
        "version": 1,
        "first_week": str(W1),
        "last_week": str(W3),
        "weeks": [{"week": str(W1 + i), "rows": r} for i, r in enumerate(blocks)],
    }
    if spaced:
        return json.dumps(doc, indent=1).encode()
    return json.dumps(doc, separators=(",", ":")).encode()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(weeks, st.booleans(), st.integers(1, 40))
def test_any_chunk_size_reads_the_same_rows(
    blocks: list[list[Any]], spaced: bool, chunk: int
) -> None:
    data = document(blocks, spaced)
    expected = [
        (str(W1 + i), p, tuple(s.items()), tuple(r))
        for i, block in enumerate(blocks)
        for p, s, r in block
    ]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rowstream, "CHUNK", chunk)
        got = b.read_rows(data, W1, W3)
    assert [tuple(r) for r in got] == expected


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(weeks, st.integers(1, 30), st.data())
def test_a_cut_or_changed_document_is_refused_as_whole_json_would_be(
    blocks: list[list[Any]], chunk: int, data: st.DataObject
) -> None:
    """Any prefix and any one-byte change: refused by the stream whenever strict JSON parsing
    of the whole would fail, and never a crash."""
    text = bytearray(document(blocks, data.draw(st.booleans())))
    if data.draw(st.booleans()):
        text = text[: data.draw(st.integers(0, len(text) - 1))]
    else:
        text[data.draw(st.integers(0, len(text) - 1))] = data.draw(st.sampled_from(b'[]{},:" 1x'))
    try:
        json.loads(bytes(text))
        whole_ok = True
    except ValueError:
        whole_ok = False
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rowstream, "CHUNK", chunk)
        try:
            b.read_rows(bytes(text), W1, W3)
        except ImportRefused:
            return
    assert whole_ok, bytes(text)


def test_more_rows_than_the_cap_are_refused_before_they_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rowstream, "MAX_ROWS", 50)
    monkeypatch.setattr(b, "MAX_ROWS", 50)
    data = document([[[None, {}, []]] * 30, [[None, {}, []]] * 20], False)
    assert len(b.read_rows(data, W1, W3)) == 50
    data = document([[[None, {}, []]] * 30, [[None, {}, []]] * 21], False)
    with pytest.raises(ImportRefused, match="more than 50 rows"):
        b.read_rows(data, W1, W3)


@pytest.mark.parametrize(
    "text",
    [
        b'{"format":"redvan-audit-rows","weeks":[{"rows":[[null,{},[]]],"week":"2026-W01"}]}',
        b'{"weeks":[],"weeks":[]}',
        b'{"weeks":[{"week":"2026-W01","week":"2026-W01","rows":[]}]}',
        b'{"weeks":[{"week":"2026-W01","rows":[[null,{},[]]]}]} x',
        b'{"weeks":[{"week":"2026-W01","rows":[[null,{},[]],[null,{},[]]',
        b'{"version":true}',
        b'{"version":1.0}',
        b"[" * 100_000,
        b'{"weeks":[{"week":"2026-W01","rows":[["' + b"x" * (5 * 1024 * 1024) + b'"]]}]}',
    ],
)
def test_hostile_shapes_are_refused(text: bytes) -> None:
    with pytest.raises(ImportRefused):
        b.read_rows(text, W1, W3)
