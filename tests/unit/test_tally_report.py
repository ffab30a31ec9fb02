"""R4: the tally PDF (both languages, the embedded font, what it prints) and the text view."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from redvan.core.disclosure import disclose
from redvan.core.tally import TallyRows, build_tally, category_label
from redvan.core.vocabulary import DEFAULT_VOCABULARIES, VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.reports import tally_pdf
from redvan.reports.tally_text import tally_json, tally_text
from tests import exit_scenario as exit_
from tests.pdftext import pdf_text

WEEK = IsoWeek(2026, 47)
GENERATED = datetime(2026, 11, 23, 9, 30)


def disclosed(first: IsoWeek = WEEK, last: IsoWeek = WEEK):  # type: ignore[no-untyped-def]
    rows = TallyRows(
        place=(
            (str(last), "street", "istedgade", 30, 20),
            (str(last), "online", "vesterbro", 3, 1),
        ),
        person=((str(last), "25-34", "woman", "ro", 25), (str(last), "18-24", "woman", "bg", 8)),
        persons=14,
        new_persons=2,
        services=(("condoms", 28, 300), ("legal-advice", 2, 2)),
        referrals=(("reden", "referred", 7),),
        followups=(("open", 2),),
        series=((str(last - 3), 41),),
    )
    romanian = VocabularyEntry(
        VocabularyKind.LANGUAGE, "ro", "Romanian (română)", "Rumænsk (română)"
    )
    bulgarian = VocabularyEntry(VocabularyKind.LANGUAGE, "bg", "Bulgarian (български)", "Bulgarsk")
    vocabulary = [
        e
        for e in DEFAULT_VOCABULARIES
        if (e.kind, e.slug) not in {("language", "ro"), ("language", "bg")}
    ] + [romanian, bulgarian]
    tally = build_tally(
        rows,
        first,
        last,
        5,
        vocabulary,
        programmes=[exit_.programme(WEEK - (exit_.HALFWAY - 1))],
        inclusions=[("p-exit", d, n) for d, n in exit_.inclusions(WEEK - (exit_.HALFWAY - 1))],
        series_from=last - 11,
    )
    return disclose(tally)


@pytest.fixture
def vera(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The font pip always installs (reportlab's Bitstream Vera), as on a bare CI machine."""
    monkeypatch.setenv("REDVAN_PDF_BUNDLED_FONT", "1")
    monkeypatch.setattr(tally_pdf, "_fonts", None)
    yield
    monkeypatch.setattr(tally_pdf, "_fonts", None)


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page[^s]", data))


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_weekly_pdf_renders_in_both_languages(language: str, tmp_path: Path) -> None:
    data = tally_pdf.tally_pdf(disclosed(), language, GENERATED)
    assert data.startswith(b"%PDF") and 2 <= pages(data) <= 5
    assert b"/FontFile2" in data  # the font is embedded
    if not shutil.which("pdftotext"):
        return
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = pdf_text(path)
    if language == "da":
        for words in (
            "Ugeopgørelse — uge 47, 2026",
            "Tidlig advarsel",
            "Nøgletal",
            "Side 1 af",
            "Diskretionering",
            "rækker, hvis offentliggjorte tal er 0, udeladt",
            "Rumænsk",
        ):
            assert words in text, words
    else:
        for words in (
            "Weekly tally — week 47, 2026",
            "Early warning",
            "Key figures",
            "Page 1 of",
            "Disclosure control",
            "rows whose published figure is 0 are left out",
            "Generated 23 November 2026",
        ):
            assert words in text, words
    # Rounded, not suppressed: the method is said, and no "<k" or "x" marks are printed.
    assert ("multiplum af 5" if language == "da" else "multiple of 5") in text
    assert "<5" not in text


def test_the_period_pdf_and_the_vera_fallback(vera, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tally_pdf.font_files()[0].name == "Vera.ttf"
    # Vera has æ ø å but not ș or Cyrillic: those are folded, never drawn as boxes.
    assert tally_pdf.printable("Kødbyen, română, български") == "Kødbyen, româna, balgarski"
    data = tally_pdf.tally_pdf(disclosed(WEEK - 5, WEEK), "da", GENERATED)
    assert data.startswith(b"%PDF") and b"BitstreamVeraSans" in data
    if shutil.which("pdftotext"):
        path = tmp_path / "p.pdf"
        path.write_bytes(data)
        text = pdf_text(path)
        assert "Periodeopgørelse — uge 42–47, 2026" in text and "Rumænsk (româna)" in text


def test_the_text_and_json_views_are_exact_and_say_what_is_hidden() -> None:
    shown = disclosed()
    text = tally_text(shown, "en")
    assert "CONFIDENTIAL, EXACT" in text
    online = next(line for line in text.splitlines() if line.strip().startswith("Online"))
    published = shown.table("contacts.channel").cell("online").value
    assert published in (0, 5)
    assert online.split()[-2:] == ["3", f"({published})"]
    assert "EARLY WARNING" in text
    data = tally_json(shown, GENERATED)
    assert data["exact"] is True and "confidential" in data["confidential"]
    channel = next(t for t in data["tables"] if t["key"] == "contacts.channel")
    online_cell = next(c for c in channel["cells"] if c["category"] == "online")
    assert online_cell == {
        "category": "online",
        "label": "Online",
        "count": 3,
        "published": published,
    }
    assert data["reach"][0]["reached"]["count"] == 64
    assert data["reach"][0]["warning"] is True
    assert date.fromisoformat(data["generated"][:10]) == GENERATED.date()


@pytest.mark.parametrize("weeks", [1, 2, 13, 50, 52, 53, 104, 260, 520])
def test_chart_week_labels_never_collide(weeks: int) -> None:
    """Before: on a 50-week chart the last labels collided ("4950")."""
    from reportlab.pdfbase import pdfmetrics

    f = tally_pdf.fonts()
    plot_w = tally_pdf.WIDTH - 40
    slot = plot_w / weeks
    width = pdfmetrics.stringWidth("53", f.regular, 7) + 5
    chosen = sorted(tally_pdf.week_labels(weeks, slot, width))
    assert chosen[0] == 0 and chosen[-1] == weeks - 1
    gaps = [(b - a) * slot for a, b in zip(chosen, chosen[1:], strict=False)]
    assert all(gap >= width for gap in gaps), (weeks, chosen)
    assert len(chosen) >= min(weeks, 5)  # thinned, not emptied


def test_one_zero_row_rule_stated_once(tmp_path: Path) -> None:
    """Before: zero rows were dropped in some tables, kept in others, noted only under Services."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    data = tally_pdf.tally_pdf(disclosed(), "en", GENERATED)
    path = tmp_path / "z.pdf"
    path.write_bytes(data)
    text = pdf_text(path)
    assert text.count("rows whose published figure is 0 are left out") == 1
    assert "Rows with 0 are left out." not in text
    d = disclosed()
    for key in ("contacts.age_band", "contacts.gender", "referrals.status"):
        for category, shown in d.table(key).cells:
            if shown.value == 0:
                label = tally_pdf.printable(category_label(key, category, "en", d.tally.vocabulary))
                assert f"{label} 0" not in " ".join(text.split()), (key, category)
