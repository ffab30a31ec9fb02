"""T6, extended (issue 14): fuzzed vocabularies and the semantic cases behind the signature.

The earlier T6 fuzzed bytes and structure. These packages are signed by a trusted device and
valid by the schema, but carry what broke merges and outputs: hostile vocabulary labels
(controls, bidi overrides, lone surrogates, markup, the longest allowed), weeks at the ends of
the calendar and mixes of good and poison packages. Whatever is accepted merges and renders in
every format without a control character; a poison package never drops the good ones.
REDVAN_LONG_FUZZ=1 runs many more examples (on demand)."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.merge import Ledger, merge, render
from redvan.exchange.sync import SyncPackage, canonical_sha256, check_document
from tests.reliability.test_t6_fuzz_sync import valid_document

FUZZ = settings(
    max_examples=400 if os.environ.get("REDVAN_LONG_FUZZ") else 40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
UNSAFE = "\x1b\x07\x00\x9b\u202e\u2066"

hostile_piece = st.sampled_from(
    ["\x1b[2J", "\x1b]0;title\x07", "\x00", "\x9b31m", "\u202e", "\u2066", "\ud800", "\udfff",
     "<b>", "&amp;", "</para>", "=HYPERLINK(1)", "\r\n", "\t", "مرحبا", "e\u0301", "🚐", "x" * 60,
     "Istedgade", " "]
)  # fmt: skip
label = st.one_of(
    st.lists(hostile_piece, min_size=1, max_size=8).map("".join).map(lambda t: t[:200]),
    st.text(min_size=1, max_size=200),
)


def package_of(doc: dict[str, Any]) -> SyncPackage:
    # As read from a file: JSON with escapes, so lone surrogates survive as they would.
    doc = json.loads(json.dumps(doc))
    check_document(doc, "fuzzed")
    return SyncPackage(doc, canonical_sha256(doc), "fuzzed.json")


def outputs(result: Any) -> dict[str, str]:
    from pathlib import Path
    from tempfile import TemporaryDirectory

    from tests.pdftext import pdf_text

    shown = {}
    for fmt in ("text", "csv", "json", "pdf"):
        data = render(result, fmt, "da", datetime(2026, 11, 27))
        if fmt == "pdf":
            with TemporaryDirectory() as folder:
                path = Path(folder) / "m.pdf"
                path.write_bytes(data if isinstance(data, bytes) else data.encode())
                shown[fmt] = pdf_text(path)
        else:
            raw = data.decode("utf-8-sig") if isinstance(data, bytes) else data
            shown[fmt] = json.dumps(json.loads(raw), ensure_ascii=False) if fmt == "json" else raw
    return shown


@FUZZ
@given(st.lists(label, min_size=3, max_size=6))
def test_fuzzed_vocabulary_labels_merge_and_render_clean(labels: list[str]) -> None:
    doc = valid_document()
    doc["package_id"] = str(uuid.uuid4())
    for item, text in zip(doc["vocabulary"], labels, strict=False):
        item["en"], item["da"] = text, labels[-1]
    doc["programmes"][0]["name"] = labels[0]
    try:
        package = package_of(doc)
    except ImportRefused:
        return  # refused by the schema (say, an empty label): a clean refusal
    result = merge(Ledger(), [package])
    if result.refused:
        assert len(result.refused) == 1 and "fuzzed.json" in result.refused[0]
        assert not any(c in result.refused[0] for c in UNSAFE)
        return
    for fmt, shown in outputs(result).items():
        for char in UNSAFE + "\ud800\udfff":
            assert char not in shown, (fmt, repr(char))


def shifted(doc: dict[str, Any], first: IsoWeek) -> None:
    weeks = [first, first + 1, first + 2]
    for entry, week in zip(doc["weeks"], weeks, strict=True):
        entry["week"] = str(week)
    doc["period"] = {"first": str(weeks[0]), "last": str(weeks[-1])}
    programme = doc["programmes"][0]
    programme.update(first_week=str(weeks[0]), last_week=str(weeks[-1]))
    programme["inclusions"] = [[str(weeks[0]), 2]]


calendar_edges = st.sampled_from(
    [IsoWeek(1, 1), IsoWeek(1, 50), IsoWeek(1969, 52), IsoWeek(2026, 46), IsoWeek(9998, 50),
     IsoWeek(9999, 1), IsoWeek(9999, 50)]
)  # fmt: skip


@FUZZ
@given(st.lists(st.tuples(calendar_edges, st.booleans()), min_size=1, max_size=4))
def test_a_poison_package_never_drops_the_good_ones(plan: list[tuple[IsoWeek, bool]]) -> None:
    good = valid_document()
    good["package_id"] = str(uuid.uuid4())
    packages = [package_of(good)]
    for n, (week, surrogate) in enumerate(plan):
        doc = valid_document()
        doc["package_id"] = str(uuid.uuid4())
        doc["device_id"] = f"{n + 1:016X}"
        shifted(doc, week)
        if surrogate:
            doc["vocabulary"][0]["en"] = "Isted\ud800gade"
        try:
            packages.append(package_of(doc))
        except ImportRefused:
            continue  # refused when read: the good one is unaffected too
    result = merge(Ledger(), packages)
    assert result.tally is not None and any("fuzzed.json" in m for m in result.merged)
    assert len(result.merged) + len(result.refused) + len(result.unchanged) == len(packages)
    outputs(result)  # the merged tally renders in every format
