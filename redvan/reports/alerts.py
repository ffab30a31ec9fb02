"""The alert sheet (SPEC R5): incidents other outreach workers should know about, as a PDF.

Only incidents whose consent tier is "warn other workers" reach it (core.incidents decides),
and each gives only the week, the zone, the type(s) and the reviewed description. No person,
alias, code, id or exact date is ever printed. The layout helpers here are shared with the
police report (reports.police). Texts are data in both languages (P7); the built-in Helvetica
covers æ, ø and å.
"""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from redvan.core import enums
from redvan.core.enums import IncidentType
from redvan.core.incidents import IncidentExport, IncidentSheet, SheetEntry
from redvan.core.textsafe import clean_text
from redvan.reports.flow import flowing_text, split_ending

ACCENT = colors.HexColor("#b23a33")
MUTED = colors.HexColor("#5b6068")
RULE = colors.HexColor("#d9dbde")
SHADE = colors.HexColor("#f4f1ee")

TEXTS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Alert sheet",
        "subtitle": "Incidents other outreach workers should know about",
        "period": "Weeks %1 to %2",
        "one_week": "Week %1",
        "count_one": "1 incident",
        "count_many": "%1 incidents",
        "printed": "printed %1",
        "intro": (
            "Shared with the consent of the persons concerned, who asked that other outreach "
            "workers be warned (“frit lejde”). Nobody is identified: only the week, the area and "
            "what happened. Pass this sheet on only to outreach workers and do not publish it."
        ),
        "week": "Week %1",
        "no_zone": "Area not given",
        "no_description": "No description.",
        "withheld": "[description withheld: review in the app]",
        "empty": "No incidents with the consent tier “warn other workers” in these weeks.",
        "footer": "Red Van Intake · Alert sheet · for outreach workers only · page %1",
    },
    "da": {
        "title": "Advarselsark",
        "subtitle": "Hændelser, som andre opsøgende medarbejdere bør kende til",
        "period": "Uge %1 til %2",
        "one_week": "Uge %1",
        "count_one": "1 hændelse",
        "count_many": "%1 hændelser",
        "printed": "udskrevet %1",
        "intro": (
            "Deles med samtykke fra de berørte personer, som har bedt om, at andre opsøgende "
            "medarbejdere bliver advaret (frit lejde). Ingen kan genkendes: kun uge, område og "
            "hvad der skete. Giv kun arket videre til opsøgende medarbejdere, og offentliggør "
            "det ikke."
        ),
        "week": "Uge %1",
        "no_zone": "Område ikke oplyst",
        "no_description": "Ingen beskrivelse.",
        "withheld": "[beskrivelse tilbageholdt: gennemgå den i appen]",
        "empty": "Ingen hændelser med samtykkeniveauet »advar andre opsøgende« i disse uger.",
        "footer": "Red Van Intake · Advarselsark · kun til opsøgende medarbejdere · side %1",
    },
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "da": "januar februar marts april maj juni juli august september oktober november december",
}
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "da": "mandag tirsdag onsdag torsdag fredag lørdag søndag".split(),
}


def language_of(lang: str) -> str:
    return "da" if enums.is_danish(lang) else "en"


def long_date(day: date, lang: str) -> str:
    """ "Friday 20 November 2026" / "fredag den 20. november 2026"."""
    lang = language_of(lang)
    weekday, month = _WEEKDAYS[lang][day.weekday()], _MONTHS[lang].split()[day.month - 1]
    if lang == "da":
        return f"{weekday} den {day.day}. {month} {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"


def short_date(day: date, lang: str) -> str:
    lang = language_of(lang)
    month = _MONTHS[lang].split()[day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def printable(text: str) -> str:
    """Text the built-in fonts can show: letters outside Windows-1252 lose their accents
    (ș → s) or become "?", instead of turning into black boxes."""
    out = []
    for char in text:
        try:
            char.encode("cp1252")
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        try:
            base.encode("cp1252")
            out.append(base or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def para(text: str) -> str:
    """Plain text made safe for a reportlab Paragraph (control characters dropped, markup
    escaped, line breaks kept)."""
    return escape(printable(clean_text(text))).replace("\n", "<br/>")


def type_labels(types: Sequence[str], lang: str) -> str:
    order = {t.value: n for n, t in enumerate(IncidentType)}
    known = sorted((t for t in types if t in order), key=order.__getitem__)
    return " · ".join(enums.label(IncidentType(t), lang) for t in known)


class Styles:
    """The paragraph styles of both incident documents."""

    def __init__(self) -> None:
        base = ParagraphStyle("base", fontName="Helvetica", fontSize=10.5, leading=14.5)
        self.title = ParagraphStyle(
            "title", base, fontName="Helvetica-Bold", fontSize=22, leading=26, textColor=ACCENT
        )
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=12.5, leading=16)
        self.meta = ParagraphStyle("meta", base, fontSize=9.5, textColor=MUTED)
        self.intro = ParagraphStyle("intro", base, fontSize=10, leading=14)
        self.head = ParagraphStyle("head", base, fontName="Helvetica-Bold", fontSize=12, leading=15)
        self.types = ParagraphStyle("types", base, fontName="Helvetica-Bold", textColor=ACCENT)
        self.body = ParagraphStyle("body", base, alignment=TA_LEFT)
        self.note = ParagraphStyle("note", base, fontName="Helvetica-Oblique", textColor=MUTED)
        self.label = ParagraphStyle("label", base, fontSize=9.5, textColor=MUTED)


def intro_box(text: str, styles: Styles, width: float) -> Table:
    box = Table([[Paragraph(para(text), styles.intro)]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


# Paragraphs (lines, mostly) of the last description that stay together at the end of a
# document, so that its last page never holds only a line or two.
ENDING = 3


def entry_block(
    rows: list[Any],
    width: float,
    body: Sequence[Any] = (),
    *,
    last: bool = False,
    closing: Sequence[Any] = (),
) -> list[Any]:
    """One incident: its short heading rows in a ruled block, then its description, which
    flows across pages (reports.flow); the heading stays with the description's start.

    The ``last`` incident of a document keeps its last :data:`ENDING` paragraphs together with
    ``closing`` (the police report's sign-off), or, if it is that short, is kept whole; and no
    space follows it, which could only open an empty page."""
    table = Table([[row] for row in rows], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
            ]
        )
    )
    start = KeepTogether([table, *body[:1]])
    if not last:
        return [start, *body[1:], Spacer(1, 6)]
    middle, ending = split_ending(list(body[1:]), ENDING)
    if not middle:
        return [KeepTogether([table, *body, *closing])]
    return [start, *middle, KeepTogether([*ending, *closing])]


def description_flowables(entry: SheetEntry, texts: Mapping[str, str], styles: Styles) -> list[Any]:
    """The description as flowables that may break across pages (any accepted length)."""
    if entry.description:
        shown = flowing_text(entry.description, styles.body, printable)
        if shown:
            return shown
    if entry.withheld:
        return [Paragraph(para(texts["withheld"]), styles.note)]
    return [Paragraph(para(texts["no_description"]), styles.note)]


def period_text(sheet: IncidentSheet, texts: Mapping[str, str]) -> str:
    if sheet.first == sheet.last:
        return texts["one_week"].replace("%1", str(sheet.first))
    return texts["period"].replace("%1", str(sheet.first)).replace("%2", str(sheet.last))


def count_text(n: int, texts: Mapping[str, str]) -> str:
    return texts["count_one"] if n == 1 else texts["count_many"].replace("%1", str(n))


def render_document(
    title: str,
    story: list[Any],
    footer: str,
) -> bytes:
    """Lay out `story` on A4 with a footer line on every page; return the PDF's bytes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=printable(title),
        author="Red Van Intake",
        creator="Red Van Intake",
        invariant=True,  # no creation time or random id in the file
    )

    def on_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(20 * mm, 11 * mm, printable(footer.replace("%1", str(document.page))))
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def content_width() -> float:
    # The page less its margins and the frame's own padding (6 pt each side).
    return A4[0] - 40 * mm - 12


def heading(
    texts: Mapping[str, str], sheet: IncidentSheet, printed: date, lang: str, styles: Styles
) -> list[Any]:
    meta = " · ".join(
        (
            period_text(sheet, texts),
            count_text(len(sheet.entries), texts),
            texts["printed"].replace("%1", short_date(printed, lang)),
        )
    )
    return [
        Paragraph(para(texts["title"]), styles.title),
        Spacer(1, 2),
        Paragraph(para(texts["subtitle"]), styles.subtitle),
        Spacer(1, 3),
        Paragraph(para(meta), styles.meta),
        Spacer(1, 8),
        intro_box(texts["intro"], styles, content_width()),
        Spacer(1, 8),
    ]


def render_alert_sheet(
    sheet: IncidentSheet, lang: str = "en", printed: date | None = None
) -> bytes:
    """The alert sheet as PDF bytes, in Danish ("da") or English."""
    if sheet.kind is not IncidentExport.ALERTS:
        raise ValueError("render_alert_sheet takes an alert sheet")
    lang = language_of(lang)
    texts, styles, width = TEXTS[lang], Styles(), content_width()
    story = heading(texts, sheet, printed or date.today(), lang, styles)
    if not sheet.entries:
        story.append(Paragraph(para(texts["empty"]), styles.note))
    for number, entry in enumerate(sheet.entries, start=1):
        place = sheet.zone_label(entry.zone, lang) or texts["no_zone"]
        head = f"{texts['week'].replace('%1', entry.week)} · {place}"
        story.extend(
            entry_block(
                [
                    Paragraph(para(head), styles.head),
                    Paragraph(para(type_labels(entry.types, lang)), styles.types),
                ],
                width,
                description_flowables(entry, texts, styles),
                last=number == len(sheet.entries),
            )
        )
    return render_document(texts["title"], story, texts["footer"])


def write_private(target: Path, data: bytes) -> None:
    """Write a file only its owner can read (0o600): temporary name, fsync, rename."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        os.chmod(target, 0o600)


def write_alert_sheet(
    target: Path, sheet: IncidentSheet, lang: str = "en", printed: date | None = None
) -> None:
    write_private(target, render_alert_sheet(sheet, lang, printed))
