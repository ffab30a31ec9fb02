"""The PII guard measured on a corpus (issue 14, V10): every realistic identifier is found,
and harmless outreach notes (doses, times, prices, quantities, dates) are almost never flagged,
so staff do not learn to click past the warning."""

from __future__ import annotations

import pytest

from redvan.core.pii import find_pii
from tests.unit.pii_corpus import HARMLESS, IDENTIFIERS

MAX_FALSE_POSITIVE_RATE = 0.02


def test_the_corpus_is_large_enough() -> None:
    assert len(IDENTIFIERS) >= 100 and len(HARMLESS) >= 200
    assert len(set(HARMLESS)) == len(HARMLESS)


@pytest.mark.parametrize(("note", "part"), IDENTIFIERS, ids=range(len(IDENTIFIERS)))
def test_every_identifier_of_the_corpus_is_found(note: str, part: str) -> None:
    start = note.index(part)
    end = start + len(part)
    assert any(f.start < end and f.end > start for f in find_pii(note)), note


def test_harmless_notes_are_rarely_flagged() -> None:
    flagged = [note for note in HARMLESS if find_pii(note)]
    assert len(flagged) / len(HARMLESS) <= MAX_FALSE_POSITIVE_RATE, flagged


def test_full_width_findings_map_back_to_the_original_text() -> None:
    note = "mail ｍａｊａ＠ｇｍａｉｌ．ｃｏｍ nu"
    (finding,) = find_pii(note)
    assert note[finding.start : finding.end] == "ｍａｊａ＠ｇｍａｉｌ．ｃｏｍ"
    hidden = "tlf 22\u200b33\u200b44\u200b55"
    (finding,) = find_pii(hidden)
    assert hidden[finding.start : finding.end] == "22\u200b33\u200b44\u200b55"
