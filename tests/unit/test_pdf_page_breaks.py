"""Issue 15, item 9: "The weekly PDF's last page holds two lines."

A weekly tally whose breakdowns end low on a page had its closing section ("About these
figures") split, leaving the last line or two of the definitions alone on the last page. The
police report could leave its sign-off (or two of its three lines) alone on a page, and the
alert sheet the last line of a description, or a blank page. Every PDF made here from flowing
text is checked: no page after the first holds only a line or two."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from redvan.core.disclosure import disclose
from redvan.core.incidents import IncidentExport, IncidentSheet, SheetEntry
from redvan.core.tally import TallyRows, build_tally
from redvan.core.vocabulary import DEFAULT_VOCABULARIES, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.reports import alerts, tally_pdf
from redvan.reports.police import render_police_report
from tests.pdfpages import lines_per_page

WEEK = IsoWeek(2026, 47)
# Fewer lines than this on a page after the first is an orphan.
ORPHAN = 3
LANGUAGES = [e.slug for e in DEFAULT_VOCABULARIES if e.kind is VocabularyKind.LANGUAGE]
SERVICES = [e.slug for e in DEFAULT_VOCABULARIES if e.kind is VocabularyKind.SERVICE]
PROPERTY = settings(max_examples=25, deadline=None)


@pytest.fixture(autouse=True, scope="module")
def vera():  # type: ignore[no-untyped-def]
    """The font that ships with reportlab, so the page breaks are the same on every machine."""
    mp = pytest.MonkeyPatch()
    mp.setenv("REDVAN_PDF_BUNDLED_FONT", "1")
    mp.setattr(tally_pdf, "_fonts", None)
    yield
    mp.undo()
    tally_pdf._fonts = None


def tally(languages: int, services: int, weeks: int = 1):  # type: ignore[no-untyped-def]
    """A week's tally (or a period report of ``weeks`` weeks) with ``languages`` rows in "By
    language" and ``services`` services: the lengths that move where the closing section
    starts."""
    rows = TallyRows(
        place=((str(WEEK), "street", "istedgade", 400, 300),),
        person=tuple((str(WEEK), "25-34", "woman", LANGUAGES[i], 20) for i in range(languages)),
        persons=60,
        new_persons=10,
        services=tuple((SERVICES[i], 20, 20) for i in range(services)),
    )
    return disclose(build_tally(rows, WEEK - (weeks - 1), WEEK, 5, DEFAULT_VOCABULARIES))


def assert_no_orphan_page(pages: list[int]) -> None:
    orphans = [n for n, held in enumerate(pages, start=1) if n > 1 and held < ORPHAN]
    assert not orphans, f"lines per page {pages}: page(s) {orphans} hold only a line or two"


@given(
    languages=st.integers(0, len(LANGUAGES)),
    services=st.integers(0, len(SERVICES)),
    language=st.sampled_from(["en", "da"]),
    weeks=st.sampled_from([1, 1, 4, 13]),
)
# Found by hand (and as demo seed 2's week 42): the definitions' last line alone on page 3.
@example(languages=10, services=10, language="da", weeks=1)
@example(languages=15, services=3, language="en", weeks=1)
@PROPERTY
def test_the_tally_pdf_keeps_its_closing_section_whole(
    languages: int, services: int, language: str, weeks: int
) -> None:
    disclosed = tally(languages, services, weeks)
    pages = lines_per_page(
        tally_pdf, lambda: tally_pdf.tally_pdf(disclosed, language, datetime(2026, 11, 23))
    )
    assert_no_orphan_page(pages)


def sheet(kind: IncidentExport, entries: int, lines: int) -> IncidentSheet:
    """``entries`` incidents, each with a description of ``lines`` short lines."""
    description = "\n".join(f"Line {n}: he came back in the grey car." for n in range(lines))
    return IncidentSheet(
        kind,
        WEEK,
        WEEK,
        "export",
        tuple(
            SheetEntry(
                f"incident-{n}",
                str(WEEK),
                date(2026, 11, 18),
                "istedgade",
                ("violence",),
                "no",
                description,
                reference=f"RV-{n}",
            )
            for n in range(entries)
        ),
    )


@given(entries=st.integers(1, 3), lines=st.integers(1, 60))
@example(entries=3, lines=5)  # the sign-off alone on page 2, two of its three lines
@example(entries=3, lines=54)  # its last line alone on page 5
@PROPERTY
def test_the_police_report_keeps_its_sign_off_with_the_last_incident(
    entries: int, lines: int
) -> None:
    police = sheet(IncidentExport.POLICE, entries, lines)
    pages = lines_per_page(alerts, lambda: render_police_report(police, "en", date(2026, 11, 23)))
    assert_no_orphan_page(pages)


@given(entries=st.integers(1, 3), lines=st.integers(1, 60))
@example(entries=1, lines=39)  # the description's last line alone on page 2
@example(entries=2, lines=18)  # a blank page 2 (the space after the last incident)
@PROPERTY
def test_the_alert_sheet_never_ends_on_a_line_or_two(entries: int, lines: int) -> None:
    alert = sheet(IncidentExport.ALERTS, entries, lines)
    printed = date(2026, 11, 23)
    pages = lines_per_page(alerts, lambda: alerts.render_alert_sheet(alert, "en", printed))
    assert_no_orphan_page(pages)
