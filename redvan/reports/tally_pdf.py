"""The weekly tally and the period report as PDF (R4), in Danish or English.

Everything printed comes from a :class:`~redvan.core.disclosure.Disclosed` tally, so disclosure
control (R2) is applied to every figure, every bar and every line: a count below k is printed as
"<k" and drawn as a pale band up to k, a complementary cell as "x" with no bar, a withheld
breakdown as one sentence, and the reach line only through its published milestones.

The font is embedded: DejaVu Sans when the system has it (it covers Danish, Romanian and
Bulgarian), else Arial on Windows or macOS, else Bitstream Vera, which ships inside reportlab and
so is always there (Danish yes; letters it lacks are folded, ș → s, and Cyrillic is
transliterated). Texts are data in :mod:`redvan.reports.texts`.
"""

from __future__ import annotations

import io
import math
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from redvan.core import enums
from redvan.core.disclosure import (
    Disclosed,
    DisclosedReach,
    Reason,
    Shown,
)
from redvan.core.tally import category_label
from redvan.core.weeks import IsoWeek
from redvan.reports.texts import report_title, suppression_note, table_title, text, week_text

INK = colors.HexColor("#1f2328")
ACCENT = colors.HexColor("#b23a33")
MUTED = colors.HexColor("#5b6068")
RULE = colors.HexColor("#d9dbde")
SHADE = colors.HexColor("#f4f1ee")
BAR = colors.HexColor("#c4524a")
BAND = colors.HexColor("#efd9d6")
CONTEXT = colors.HexColor("#dca5a0")
GOOD = colors.HexColor("#2e7d5b")
WARN_BG = colors.HexColor("#fbeeec")
TARGET = colors.HexColor("#7a7f87")

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN_X - 12  # the frame's padding is 6 pt each side

# -- fonts ----------------------------------------------------------------------------------

_FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "Arial Bold.ttf"),
)
_VERA = Path(reportlab.__file__).parent / "fonts"


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    covered: frozenset[int]


_fonts: Fonts | None = None


def font_files() -> tuple[Path, Path]:
    """The regular and bold TTF files the report embeds (see the module docstring)."""
    # REDVAN_PDF_BUNDLED_FONT=1: only the font that ships with reportlab (as on a bare machine).
    candidates = () if os.environ.get("REDVAN_PDF_BUNDLED_FONT") else _FONT_CANDIDATES
    for regular, bold in candidates:
        path = Path(regular)
        if path.is_file() and path.with_name(bold).is_file():
            return path, path.with_name(bold)
    return _VERA / "Vera.ttf", _VERA / "VeraBd.ttf"


def fonts() -> Fonts:
    """Register the embedded font once per process."""
    global _fonts
    if _fonts is None:
        regular_path, bold_path = font_files()
        # Named after the files, so a process that switches fonts (tests) never mixes them.
        name = f"RedVan-{regular_path.stem}"
        regular = TTFont(name, str(regular_path))
        bold = TTFont(f"{name}-Bold", str(bold_path))
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(bold)
        pdfmetrics.registerFontFamily(
            name, normal=name, bold=f"{name}-Bold", italic=name, boldItalic=f"{name}-Bold"
        )
        covered = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
        _fonts = Fonts(name, f"{name}-Bold", covered)
    return _fonts


_CYRILLIC = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ",
        "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya "
        "A B V G D E Zh Z I Y K L M N O P R S T U F H Ts Ch Sh Sht A Y Yu Ya".split(),
        strict=True,
    )
)


def printable(value: str) -> str:
    """Text the embedded font can draw: missing letters folded (ș → s) or transliterated."""
    covered = fonts().covered
    out = []
    for char in value:
        if ord(char) in covered or char in "\n\t ":
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and all(ord(c) in covered for c in base):
            out.append(base)
        else:
            out.append(_CYRILLIC.get(char, "?"))
    return "".join(out)


def para(value: str) -> str:
    return escape(printable(value))


# -- dates and numbers ---------------------------------------------------------------------

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "da": "januar februar marts april maj juni juli august september oktober november december",
}


def _lang(language: str) -> str:
    return "da" if enums.is_danish(language) else "en"


def day_text(day: date, language: str) -> str:
    """ "20 November 2026" / "20. november 2026"."""
    lang = _lang(language)
    month = _MONTHS[lang].split()[day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def decimal(value: Fraction | float, language: str) -> str:
    shown = f"{float(value):.1f}"
    return shown.replace(".", ",") if _lang(language) == "da" else shown


def fill(template: str, *values: object) -> str:
    for number, value in reversed(list(enumerate(values, start=1))):
        template = template.replace(f"%{number}", str(value))
    return template


# -- styles ---------------------------------------------------------------------------------


class Styles:
    def __init__(self) -> None:
        f = fonts()
        base = ParagraphStyle("base", fontName=f.regular, fontSize=9.5, leading=13, textColor=INK)
        self.brand = ParagraphStyle(
            "brand", base, fontName=f.bold, fontSize=8, leading=10, textColor=ACCENT
        )
        self.title = ParagraphStyle("title", base, fontName=f.bold, fontSize=20, leading=24)
        self.title_long = ParagraphStyle("titlelong", self.title, fontSize=16, leading=20)
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=11.5, leading=15, textColor=MUTED)
        self.h2 = ParagraphStyle(
            "h2", base, fontName=f.bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5
        )
        self.h3 = ParagraphStyle("h3", base, fontName=f.bold, fontSize=9.5, leading=12.5)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11.5, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=9, leading=11.5)
        self.number = ParagraphStyle("number", self.cell, alignment=2)
        self.hidden = ParagraphStyle("hidden", self.number, textColor=MUTED)
        self.big = ParagraphStyle("big", base, fontName=f.bold, fontSize=22, leading=26)
        self.big_hidden = ParagraphStyle("bighidden", self.big, textColor=MUTED)
        self.caption = ParagraphStyle("caption", base, fontSize=8.5, leading=11, textColor=MUTED)
        self.warning = ParagraphStyle("warning", base, fontSize=10, leading=13.5)
        self.warning_head = ParagraphStyle(
            "warninghead", base, fontName=f.bold, fontSize=10, leading=13.5, textColor=ACCENT
        )


# -- the document ---------------------------------------------------------------------------


def tally_pdf(
    disclosed: Disclosed, language: str, generated: datetime, *, notes: Sequence[str] = ()
) -> bytes:
    """The published tally as a PDF: a weekly tally for one week, else a period report.

    ``notes`` are paragraphs shown under the key figures (a merge's range of persons)."""
    report = _Report(disclosed, language, generated, notes)
    return report.render()


class _Report:
    def __init__(
        self, disclosed: Disclosed, language: str, generated: datetime, notes: Sequence[str] = ()
    ) -> None:
        self.notes = tuple(notes)
        self.d = disclosed
        self.tally = disclosed.tally
        self.k = disclosed.threshold
        self.lang = _lang(language)
        self.t = text(language)
        self.generated = generated
        self.s = Styles()

    # helpers

    def label(self, table_key: str, category: str) -> str:
        return category_label(table_key, category, self.lang, self.tally.vocabulary)

    def shown(self, value: Shown) -> str:
        return self.d.text(value)

    def title(self) -> str:
        return report_title(self.tally.first, self.tally.last, self.lang)

    def render(self) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=printable(self.title()),
            author="Red Van Intake",
            creator="Red Van Intake",
            invariant=True,
        )
        footer = printable(fill(self.t["footer"], self.title()))
        page_text = self.t["page"]
        f = fonts()

        class Numbered(_NumberedCanvas):
            def footer(self, page: int, pages: int) -> None:
                self.saveState()
                self.setFont(f.regular, 8)
                self.setFillColor(MUTED)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.6)
                self.line(MARGIN_X, 13 * mm, PAGE_W - MARGIN_X, 13 * mm)
                self.drawString(MARGIN_X, 9 * mm, footer)
                self.drawRightString(
                    PAGE_W - MARGIN_X, 9 * mm, printable(fill(page_text, page, pages))
                )
                self.restoreState()

        doc.build(self.story(), canvasmaker=Numbered)
        return buffer.getvalue()

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        out += self.header()
        out += self.warnings()
        out += self.key_figures()
        out += [Paragraph(para(note), self.s.body) for note in self.notes]
        out += self.weekly_chart()
        out += self.reach()
        out += self.services()
        out += self.referrals()
        out += self.incidents()
        out += self.who()
        out += self.about()
        return out

    # sections

    def header(self) -> list[Flowable]:
        tally, t, s = self.tally, self.t, self.s
        weeks = t["weeks_one"] if tally.weeks == 1 else fill(t["weeks_many"], tally.weeks)
        dates = fill(
            t["dates"],
            day_text(tally.first.monday(), self.lang),
            day_text(tally.last.sunday(), self.lang),
            weeks,
        )
        generated = fill(
            t["generated"],
            f"{day_text(self.generated.date(), self.lang)} {self.generated:%H:%M}",
        )
        return [
            Paragraph(para(t["brand"]), s.brand),
            Spacer(1, 2),
            Paragraph(para(self.title()), s.title if len(self.title()) <= 40 else s.title_long),
            Spacer(1, 3),
            Paragraph(para(dates), s.subtitle),
            Paragraph(para(generated), s.small),
            Spacer(1, 10),
        ]

    def warnings(self) -> list[Flowable]:
        out: list[Flowable] = []
        for reach in self.d.reach:
            if reach.warning:
                out.append(self._warning_box(reach))
                out.append(Spacer(1, 8))
        return out

    def _warning_box(self, reach: DisclosedReach) -> Flowable:
        r, t = reach.published, self.t
        if reach.forecast is not None and not reach.forecast.hidden and reach.pace_needed:
            sentence = fill(
                t["reach_warning"],
                reach.forecast.value,
                week_text(r.last, self.lang),
                r.target,
                decimal(reach.pace_needed, self.lang),
                decimal(reach.pace_so_far or 0, self.lang),
            )
        else:
            sentence = fill(t["reach_warning_hidden"], r.target, week_text(r.last, self.lang))
        box = Table(
            [
                [Paragraph(para(f"{t['reach_warning_label']} · {r.name}"), self.s.warning_head)],
                [Paragraph(para(sentence), self.s.warning)],
            ],
            colWidths=[WIDTH],
        )
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), WARN_BG),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, 0), 7),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                    ("TOPPADDING", (0, 1), (-1, -1), 1),
                ]
            )
        )
        return box

    def key_figures(self) -> list[Flowable]:
        t, d = self.t, self.d
        figures: list[tuple[str, Shown | None]] = [
            (t["total_contacts"], d.total("contacts")),
            (t["total_persons"], d.total("persons")),
            (t["new_persons"], self._cell("persons.new", "new")),
            (t["uncoded"], self._cell("contacts.code", "uncoded")),
            (t["total_referrals"], d.total("referrals")),
            (t["total_followups"], d.total("followups")),
            (t["total_incidents"], d.total("incidents")),
        ]
        cells = []
        for caption, shown in figures:
            if shown is None:
                number = Paragraph("–", self.s.big_hidden)
            else:
                style = self.s.big_hidden if shown.hidden else self.s.big
                number = Paragraph(para(self.shown(shown)), style)
            cells.append([number, Paragraph(para(caption), self.s.caption)])
        columns = 4
        width = (WIDTH - (columns - 1) * 6) / columns
        rows = []
        for start in range(0, len(cells), columns):
            chunk = cells[start : start + columns]
            row = []
            for number, caption in chunk:
                inner = Table([[number], [caption]], colWidths=[width], rowHeights=[30, 26])
                inner.setStyle(
                    TableStyle(
                        [
                            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                            ("LEFTPADDING", (0, 0), (-1, -1), 8),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("TOPPADDING", (0, 0), (-1, 0), 5),
                            ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
                            ("TOPPADDING", (0, 1), (-1, 1), 0),
                        ]
                    )
                )
                row.append(inner)
            row += [""] * (columns - len(row))
            rows.append(row)
        grid = Table(rows, colWidths=[width + 6] * (columns - 1) + [width])
        grid.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [Paragraph(para(t["key_figures"]), self.s.h2), grid]

    def _cell(self, table_key: str, category: str) -> Shown | None:
        if not any(t.key == table_key for t in self.d.tables):
            return None  # a merge of several devices cannot know who is new
        table = self.d.table(table_key)
        if table.withheld is not None and any(s.value for _, s in table.cells):
            return None
        return table.cell(category)

    def weekly_chart(self) -> list[Flowable]:
        t = self.t
        points: list[tuple[IsoWeek, Shown]] = []
        context = self.d.table("series")
        for week, shown in context.cells:
            points.append((IsoWeek.parse(week), shown))
        if self.tally.is_week:
            points.append((self.tally.first, self.d.total("contacts")))
            title = fill(t["contacts_per_week_context"], len(context.cells))
        else:
            table = self.d.table("contacts.week")
            if table.withheld is not None:
                return [
                    Paragraph(para(t["contacts_per_week"]), self.s.h2),
                    Paragraph(para(t[f"withheld_{table.withheld.value}"]), self.s.small),
                ]
            points += [(IsoWeek.parse(w), s) for w, s in table.cells]
            title = t["contacts_per_week"]
        period = {w for w, _ in points if self.tally.first <= w <= self.tally.last}
        chart = _week_bars(points, self.k, self.lang, highlight=period)
        return [KeepTogether([Paragraph(para(title), self.s.h2), chart])]

    def reach(self) -> list[Flowable]:
        if not self.d.reach:
            return []
        out: list[Flowable] = []
        for number, reach in enumerate(self.d.reach):
            block = self._reach_block(reach)
            if number == 0:
                block.insert(0, Paragraph(para(self.t["reach"]), self.s.h2))
            out.append(KeepTogether(block))
            out.append(Spacer(1, 8))
        return out

    def _reach_block(self, reach: DisclosedReach) -> list[Flowable]:
        r, t, s = reach.published, self.t, self.s
        week_of = fill(
            t["reach_week_of"],
            r.week_number(r.as_of),
            r.weeks_total,
            week_text(r.first, self.lang),
            week_text(r.last, self.lang),
        )
        rows = [
            [t["reach_reached"], self.shown(reach.reached)],
            [t["reach_target"], str(r.target)],
        ]
        if reach.forecast is not None:
            rows.append([t["reach_forecast"], self.shown(reach.forecast)])
        if reach.pace_needed is not None:
            rows.append([t["reach_pace_needed"], decimal(reach.pace_needed, self.lang)])
        if reach.pace_so_far is not None and not r.ended:
            rows.append([t["reach_pace_so_far"], decimal(reach.pace_so_far, self.lang)])
        if r.ended:
            status = fill(
                t["reach_ended"], week_text(r.last, self.lang), self.shown(reach.reached), r.target
            )
        elif reach.forecast is None:
            from redvan.core.reach import MIN_FORECAST_WEEKS

            status = fill(t["reach_too_early"], MIN_FORECAST_WEEKS)
        elif r.warning:
            status = ""  # said in the warning box on the first page
        else:
            status = fill(
                t["reach_on_track"],
                self.shown(reach.forecast),
                week_text(r.last, self.lang),
                r.target,
            )
        figures = _figure_table(
            [(label, value, False) for label, value in rows], self.s, 72 * mm, value_width=16 * mm
        )
        head = Paragraph(para(r.name), s.h3)
        sub = Paragraph(para(week_of), s.small)
        block: list[Flowable] = [head, sub, Spacer(1, 4)]
        chart: Flowable
        if reach.reached.hidden:
            chart = Paragraph(para(fill(t["chart_hidden"], self.k)), s.small)
        else:
            chart = _reach_chart(reach, self.lang, t, WIDTH - 70 * mm - 8 * mm)
        side = Table([[figures, chart]], colWidths=[70 * mm + 8 * mm, WIDTH - 70 * mm - 8 * mm])
        side.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        block.append(side)
        if status:
            block += [Spacer(1, 4), Paragraph(para(status), s.body)]
        return block

    def services(self) -> list[Flowable]:
        t = self.t
        table = self.d.table("services")
        quantities = dict(table.quantities)
        counted = {e.slug for e in self.tally.vocabulary if e.quantity}
        rows = [(c, s) for c, s in table.cells if s.value]
        out: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(para(t["services"]), self.s.h2)]
        if not rows:
            return out + [Paragraph(para(t["none"]), self.s.small)]
        top = max((s.value for _, s in rows if not s.hidden), default=1)
        label_w, bar_w, num_w = 62 * mm, WIDTH - 62 * mm - 44 * mm, 22 * mm
        data: list[list[Any]] = [
            [
                "",
                "",
                Paragraph(para(t["col_contacts"]), self._head_number()),
                Paragraph(para(t["col_quantity"]), self._head_number()),
            ]
        ]
        for category, shown in rows:
            quantity = quantities.get(category)
            qty_text = self.shown(quantity) if quantity is not None and category in counted else "–"
            data.append(
                [
                    Paragraph(para(self.label("services", category)), self.s.cell),
                    _HBar(shown, top, bar_w - 8, self.k),
                    Paragraph(para(self.shown(shown)), self._number_style(shown)),
                    Paragraph(para(qty_text), self._number_style(quantity)),
                ]
            )
        grid = Table(data, colWidths=[label_w, bar_w, num_w, num_w], repeatRows=1)
        grid.setStyle(_list_style(len(data)))
        return out + [grid]

    def _head_number(self) -> ParagraphStyle:
        return ParagraphStyle("headnum", self.s.number, textColor=MUTED, fontSize=8)

    def _number_style(self, shown: Shown | None) -> ParagraphStyle:
        return self.s.hidden if shown is not None and shown.hidden else self.s.number

    def referrals(self) -> list[Flowable]:
        t = self.t
        left = self._breakdown("referrals.destination")
        right = self._breakdown("referrals.status")
        follow = self._breakdown("followups.status")
        return [
            CondPageBreak(70 * mm),
            Paragraph(para(t["referrals_followups"]), self.s.h2),
            _columns([left, right]),
            Spacer(1, 8),
            _columns([follow, []]),
        ]

    def incidents(self) -> list[Flowable]:
        t = self.t
        out: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(para(t["incidents"]), self.s.h2)]
        if self.tally.total("incidents") == 0:
            return out + [Paragraph(para(t["incidents_none"]), self.s.small)]
        types = self._breakdown("incidents.type")
        tiers = self._breakdown("incidents.consent_tier")
        police = self._breakdown("incidents.police")
        return out + [_columns([types, tiers]), Spacer(1, 8), _columns([police, []])]

    def who(self) -> list[Flowable]:
        t = self.t
        keys = [
            "contacts.code",
            "persons.new",
            "contacts.channel",
            "contacts.zone",
            "contacts.age_band",
            "contacts.gender",
            "contacts.language",
        ]
        present = {table.key for table in self.d.tables}
        blocks = [self._breakdown(key) for key in keys if key in present]
        out: list[Flowable] = [
            CondPageBreak(80 * mm),
            Paragraph(para(t["who"]), self.s.h2),
            Paragraph(para(t["who_intro"]), self.s.small),
            Spacer(1, 6),
        ]
        for start in range(0, len(blocks), 2):
            pair = blocks[start : start + 2]
            out.append(_columns(pair + [[]] * (2 - len(pair))))
            out.append(Spacer(1, 8))
        return out

    def _breakdown(self, key: str) -> list[Flowable]:
        """One breakdown as a table; by the report's one rule, rows with 0 are left out."""
        table = self.d.table(key)
        title = Paragraph(para(table_title(key, self.lang)), self.s.h3)
        width = (WIDTH - 10 * mm) / 2
        if table.withheld is not None:
            if not any(s.value for _, s in table.cells):
                return [title, Paragraph(para(self.t["none"]), self.s.small)]
            message = self.t[f"withheld_{table.withheld.value}"]
            return [title, Spacer(1, 2), Paragraph(para(message), self.s.small)]
        cells = [(c, s) for c, s in table.cells if s.value]
        if not cells:
            return [title, Paragraph(para(self.t["none"]), self.s.small)]
        rows = [(self.label(key, c), self.shown(s), s.hidden) for c, s in cells]
        return [title, Spacer(1, 2), _figure_table(rows, self.s, width)]

    def about(self) -> list[Flowable]:
        """The closing section, kept on one page: where it does not fit under the breakdowns it
        starts the next page whole, rather than leaving its last lines alone on a page."""
        t, s, k = self.t, self.s, self.k
        section: list[Flowable] = [
            Paragraph(para(t["about"]), s.h2),
            Paragraph(para(t["suppression_title"]), s.h3),
            Paragraph(para(suppression_note(k, self.lang)), s.body),
            Paragraph(para(t["rows_left_out"]), s.body),
            Paragraph(para(self.d.tally.clock.describe(self.lang)), s.body),
            Spacer(1, 6),
            Paragraph(para(t["definitions_title"]), s.h3),
            Paragraph(para(t["definitions"]), s.body),
        ]
        return [KeepTogether(section)]


class _NumberedCanvas(Canvas):
    """Keeps each page until the end, so the footer can say "page 2 of 3"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.footer(self._pageNumber, total)
            super().showPage()
        super().save()

    def footer(self, page: int, pages: int) -> None:
        raise NotImplementedError


def _list_style(rows: int) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
    ]
    for row in range(2, rows, 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), SHADE))
    return TableStyle(commands)


def _figure_table(
    rows: Sequence[tuple[str, str, bool]],
    styles: Styles,
    width: float,
    *,
    value_width: float = 16 * mm,
) -> Table:
    data = [
        [
            Paragraph(para(label), styles.cell),
            Paragraph(para(value), styles.hidden if hidden else styles.number),
        ]
        for label, value, hidden in rows
    ]
    table = Table(data, colWidths=[width - value_width, value_width])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    for row in range(1, len(data), 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _columns(blocks: Sequence[Sequence[Flowable]]) -> Table:
    width = (WIDTH - 10 * mm) / 2
    table = Table([[list(b) for b in blocks]], colWidths=[width + 10 * mm, width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 10 * mm),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


class _HBar(Flowable):
    """A horizontal bar for one count; a count below k is a pale band up to k, "x" none."""

    def __init__(self, shown: Shown, top: int, width: float, k: int) -> None:
        super().__init__()
        self.shown, self.top, self.width, self.k = shown, max(1, top), width, k
        self.height = 7

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.shown.reason is Reason.PRIMARY:
            canvas.setFillColor(BAND)
            canvas.rect(0, 0, self.width * min(1.0, self.k / self.top), self.height, 0, 1)
        elif self.shown.reason is None and self.shown.value:
            canvas.setFillColor(BAR)
            canvas.rect(0, 0, self.width * self.shown.value / self.top, self.height, 0, 1)


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return max(1.0, factor * power)
    return 10 * power


def _axis(drawing: Drawing, x0: float, y0: float, width: float, height: float, top: float) -> float:
    """Horizontal grid lines with labels; returns the value at the top of the plot."""
    f = fonts()
    step = _nice_step(top)
    ceiling = step * math.ceil(max(top, 1) / step)
    value = 0.0
    while value <= ceiling + 1e-9:
        y = y0 + height * value / ceiling
        drawing.add(Line(x0, y, x0 + width, y, strokeColor=RULE, strokeWidth=0.5))
        label = f"{value:.0f}" if step >= 1 else f"{value:.1f}"
        drawing.add(
            String(
                x0 - 4,
                y - 3,
                label,
                fontName=f.regular,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
        value += step
    return ceiling


def _week_bars(
    points: Sequence[tuple[IsoWeek, Shown]], k: int, language: str, highlight: set[IsoWeek]
) -> Drawing:
    f = fonts()
    height = 50 * mm
    drawing = Drawing(WIDTH, height)
    x0, y0 = 22.0, 16.0
    plot_w, plot_h = WIDTH - x0 - 4, height - y0 - 10
    top = max([s.value for _, s in points if not s.hidden] + [k])
    ceiling = _axis(drawing, x0, y0, plot_w, plot_h, top)
    n = max(1, len(points))
    slot = plot_w / n
    bar_w = min(max(slot * 0.7, min(1.5, slot * 0.9)), 22)
    labelled = week_labels(n, slot, pdfmetrics.stringWidth("53", f.regular, 7) + 5)
    for i, (week, shown) in enumerate(points):
        cx = x0 + slot * (i + 0.5)
        color = BAR if week in highlight else CONTEXT
        if shown.reason is None:
            h = plot_h * shown.value / ceiling
            drawing.add(Rect(cx - bar_w / 2, y0, bar_w, h, fillColor=color, strokeColor=None))
            value_label, label_y = str(shown.value), y0 + h + 2
        elif shown.reason is Reason.PRIMARY:
            h = plot_h * k / ceiling
            drawing.add(Rect(cx - bar_w / 2, y0, bar_w, h, fillColor=BAND, strokeColor=None))
            value_label, label_y = f"<{k}", y0 + h + 2
        else:
            value_label, label_y = "x", y0 + 2
        if n <= 16:
            drawing.add(
                String(
                    cx,
                    label_y,
                    value_label,
                    fontName=f.regular,
                    fontSize=7,
                    fillColor=INK,
                    textAnchor="middle",
                )
            )
        if i in labelled:
            drawing.add(
                String(
                    cx,
                    y0 - 10,
                    str(week.week),
                    fontName=f.bold if week in highlight and len(highlight) == 1 else f.regular,
                    fontSize=7,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
    drawing.add(Line(x0, y0, x0 + plot_w, y0, strokeColor=MUTED, strokeWidth=0.8))
    years = sorted({w.year for w, _ in points})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    unit = f"{'uge' if _lang(language) == 'da' else 'week'}, {span}"
    drawing.add(
        String(
            x0 + plot_w,
            y0 - 10 - 9,
            unit,
            fontName=f.regular,
            fontSize=7,
            fillColor=MUTED,
            textAnchor="end",
        )
    )
    return drawing


# Steps between labelled weeks: every week, every 2nd, 4th, a quarter, half a year, a year …
_LABEL_STEPS = (1, 2, 4, 13, 26, 52, 104, 260)


def week_labels(n: int, slot: float, label_width: float) -> set[int]:
    """Which of ``n`` bars ``slot`` points apart get their week number, so that no two labels
    overlap: every step-th bar from the first, with the smallest step that leaves room, and
    the last bar always (a regular label too close to it gives way)."""
    if n <= 0:
        return set()
    step = next((s for s in _LABEL_STEPS if s * slot >= label_width), n)
    last = n - 1
    chosen = {i for i in range(0, n, step) if (last - i) * slot >= label_width}
    chosen.add(last)
    return chosen


def _reach_chart(
    reach: DisclosedReach, language: str, texts: Mapping[str, str], width: float
) -> Drawing:
    f = fonts()
    r = reach.published
    height = 58 * mm
    drawing = Drawing(width, height)
    x0, y0 = 26.0, 24.0
    plot_w, plot_h = width - x0 - 30, height - y0 - 12
    forecast = reach.forecast.value if reach.forecast and not reach.forecast.hidden else None
    top = max(r.target, forecast or 0, reach.reached.value)
    ceiling = _axis(drawing, x0, y0, plot_w, plot_h, top)
    total = r.weeks_total

    def x(week_index: float) -> float:  # 0 = before the first week, total = end of last
        return x0 + plot_w * week_index / total

    def y(value: float) -> float:
        return y0 + plot_h * value / ceiling

    # The path to the target: a straight line from 0 at the start to the target at the end.
    drawing.add(
        Line(
            x(0),
            y(0),
            x(total),
            y(r.target),
            strokeColor=TARGET,
            strokeWidth=1,
            strokeDashArray=[3, 2],
        )
    )
    drawing.add(
        String(
            x(total) + 3,
            y(r.target) - 3,
            str(r.target),
            fontName=f.bold,
            fontSize=7.5,
            fillColor=TARGET,
        )
    )
    # Reached: through the published milestones only.
    line = [x(0), y(0)]
    for week, value in reach.milestones:
        line += [x(r.week_number(week)), y(value)]
    if len(line) >= 4:
        drawing.add(PolyLine(line, strokeColor=BAR, strokeWidth=1.8))
    now = r.week_number(r.as_of)
    drawing.add(Line(x(now), y0, x(now), y0 + plot_h, strokeColor=RULE, strokeWidth=0.7))
    if 0 < now < total:
        drawing.add(
            String(
                x(now),
                y0 + plot_h + 2,
                printable(f"{'uge' if _lang(language) == 'da' else 'week'} {r.as_of.week}"),
                fontName=f.bold,
                fontSize=7,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    if forecast is not None and not r.ended:
        color = ACCENT if r.warning else GOOD
        drawing.add(
            Line(
                x(now),
                y(reach.reached.value),
                x(total),
                y(forecast),
                strokeColor=color,
                strokeWidth=1.4,
                strokeDashArray=[1.5, 2],
            )
        )
        drawing.add(
            String(
                x(total) + 3,
                y(forecast) - 3,
                str(forecast),
                fontName=f.bold,
                fontSize=7.5,
                fillColor=color,
            )
        )
    drawing.add(Line(x0, y0, x0 + plot_w, y0, strokeColor=MUTED, strokeWidth=0.8))
    for index, anchor in ((0, "start"), (total, "end")):
        week = r.first if index == 0 else r.last
        drawing.add(
            String(
                x(index),
                y0 - 9,
                week_text(week, language),
                fontName=f.regular,
                fontSize=7,
                fillColor=MUTED,
                textAnchor=anchor,
            )
        )
    # Legend under the axis.
    legend_y = 4.0
    cursor = x0
    for label, color, dash in (
        (texts["legend_reached"], BAR, None),
        (texts["legend_target"], TARGET, [3, 2]),
        (texts["legend_forecast"], ACCENT if r.warning else GOOD, [1.5, 2]),
    ):
        drawing.add(
            Line(
                cursor,
                legend_y + 2.5,
                cursor + 14,
                legend_y + 2.5,
                strokeColor=color,
                strokeWidth=1.6,
                strokeDashArray=dash,
            )
        )
        shown = printable(label)
        drawing.add(
            String(cursor + 17, legend_y, shown, fontName=f.regular, fontSize=7, fillColor=INK)
        )
        cursor += 17 + pdfmetrics.stringWidth(shown, f.regular, 7) + 12
    return drawing
