"""T7 / R6: no cell of a CSV export can start a formula in a spreadsheet.

Values that start with = + - @ | % (and their full-width forms), a tab, a carriage return, a
line feed or a NUL — also after leading spaces — are written through the real writer, read back
with the csv module as a spreadsheet would, and checked: no cell starts (even after trimming
white space) with a character that makes a spreadsheet evaluate it, and each cell reads back
as what was given (NULs dropped, one apostrophe added in front when needed).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from redvan.core.disclosure import disclose
from redvan.core.tally import TallyRows, build_tally
from redvan.core.textsafe import clean_line
from redvan.core.vocabulary import DEFAULT_VOCABULARIES, VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.reports.csv import FORMULA_STARTS, csv_bytes, safe_cell, tally_csv

DANGEROUS = sorted(FORMULA_STARTS | {"\x00"})
# What spreadsheets trim or drop before they look at the first character (issue 14: a zero-
# width space, a BOM, VT, FF, NEL or U+2028 before "=" got no apostrophe).
# Control characters too (hypothesis found "\x1f=": a control character some importers drop).
SPACES = (
    " \t\r\n\u00a0\u3000\u200b\ufeff\x0b\x0c\x85\u2028\u2029\u2060\u00ad\u200c\u200d"
    + "".join(chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)))
)


def read_back(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def evaluates(cell: str) -> bool:
    """Would a spreadsheet (that may trim leading white space) take this as a formula?"""
    trimmed = cell.lstrip(SPACES)
    return bool(cell) and (cell[0] in FORMULA_STARTS or trimmed[:1] in FORMULA_STARTS - {""})


attack = st.builds(
    lambda lead, start, rest: lead + start + rest,
    st.text(alphabet=SPACES + "\x00", max_size=3),
    st.sampled_from(DANGEROUS),
    st.text(max_size=30),
)
anything = st.one_of(attack, st.text(max_size=40), st.integers(-5, 10**6))


@given(rows=st.lists(st.lists(anything, min_size=1, max_size=5), min_size=1, max_size=8))
@settings(max_examples=500, deadline=None)
def test_no_cell_starts_a_formula(rows: list[list[object]]) -> None:
    back = read_back(csv_bytes(rows))
    assert len(back) == len(rows)
    for written, read in zip(rows, back, strict=True):
        assert len(read) == len(written)
        for value, cell in zip(written, read, strict=True):
            assert "\x00" not in cell
            assert not evaluates(cell), repr(cell)
            expected = str(value).replace("\x00", "")
            assert cell in (expected, "'" + expected)
            if evaluates(expected):
                assert cell == "'" + expected
            # (An apostrophe before other invisible or control characters is also allowed.)


@given(value=attack)
@example(value="\x00\x1f=")
@settings(max_examples=300, deadline=None)
def test_every_formula_start_gets_the_apostrophe(value: str) -> None:
    cell = safe_cell(value)
    given_text = value.replace("\x00", "")
    assert cell == ("'" + given_text if evaluates(given_text) else given_text)
    assert not evaluates(cell) and "\x00" not in cell


def test_what_spreadsheets_strip_does_not_hide_a_formula() -> None:
    for lead in ("\u200b", "\ufeff", "\x0b", "\x0c", "\x85", "\u2028", "\u2060", "\u00ad"):
        for start in "=+-@":
            assert safe_cell(f"{lead}{start}HYPERLINK(1)").startswith("'"), repr(lead)


def test_plain_values_and_counts_are_untouched() -> None:
    for value in ("12", "<5", "x", "Kødbyen", "Støtte til anmeldelse", "2026-W47", ""):
        assert safe_cell(value) == value
    assert safe_cell("-3") == "'-3"  # a negative number would be evaluated: never in a tally
    assert safe_cell(None) == ""


@given(label=attack)
@settings(max_examples=100, deadline=None)
def test_a_tally_with_hostile_vocabulary_labels_is_safe(label: str) -> None:
    """Coordinators name the lists; a label like =HYPERLINK(…) must not become a formula."""
    label = label.replace("\x00", "")
    if not label.strip():
        label = "=1+1"
    hostile = VocabularyEntry(VocabularyKind.ZONE, "evil", label, label)
    rows = TallyRows(
        place=(("2026-W47", "street", "evil", 12, 5),),
        person=(("2026-W47", "unknown", "unknown", None, 12),),
        persons=5,
        new_persons=2,
    )
    week = IsoWeek(2026, 47)
    tally = build_tally(rows, week, week, 5, [*DEFAULT_VOCABULARIES, hostile])
    data = tally_csv(disclose(tally), "da", datetime(2026, 11, 23, 9, 0))
    cells = [cell for row in read_back(data) for cell in row]
    assert not any(evaluates(cell) for cell in cells)
    # The label is there, as text, without control or bidi characters (core.textsafe).
    shown = clean_line(label)
    assert safe_cell(shown or "evil") in cells
