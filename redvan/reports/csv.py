"""CSV exports that are safe to open in a spreadsheet (R6), and the published tally as CSV.

No cell can start a formula. Spreadsheets (Excel, LibreOffice Calc, Google Sheets, Numbers)
treat a cell that begins with ``=``, ``+``, ``-``, ``@`` — and in some of them ``|`` (DDE), ``%``,
a tab, a carriage return or a line feed, or the full-width forms ``＝ ＋ － ＠`` — as something
to evaluate. :func:`safe_cell` therefore

1. drops NUL characters (a reader may cut the cell there, or skip the NUL and then see ``=``);
2. prefixes an apostrophe when the cell's first character, or its first character after any
   leading white space (some importers trim it), is one of those; the apostrophe makes every
   spreadsheet take the cell as text, and it is shown, so nothing is silently changed;

and :class:`SafeWriter` quotes every cell (commas, quotes and line breaks inside a cell stay
inside it) and writes UTF-8 with a byte order mark and CRLF line ends, so Excel shows æ, ø and å.
Counts are never negative, so no number is ever touched. Documented in docs/disclosure-control.md
(exports) and tested by T7 (tests/reliability/test_t7_csv_injection.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from redvan.core.disclosure import Disclosed, hidden_figures
from redvan.core.tally import TOTALS, category_label
from redvan.reports.texts import report_title, suppression_note, table_title, text

# Characters that make a spreadsheet evaluate a cell when they come first.
FORMULA_STARTS = frozenset("=+-@|%\t\r\n\uff1d\uff0b\uff0d\uff20")
# White space some importers trim before looking at the first character.
_TRIMMED = " \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000"


def safe_cell(value: object) -> str:
    """The cell as text that no spreadsheet will evaluate (see the module docstring)."""
    text_value = "" if value is None else str(value)
    text_value = text_value.replace("\x00", "")
    if not text_value:
        return text_value
    trimmed = text_value.lstrip(_TRIMMED)
    if text_value[0] in FORMULA_STARTS or (trimmed and trimmed[0] in FORMULA_STARTS):
        return "'" + text_value
    return text_value


class SafeWriter:
    """A csv writer whose every cell has passed :func:`safe_cell`, all cells quoted."""

    def __init__(self, stream: io.TextIOBase | io.StringIO) -> None:
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")

    def row(self, cells: Sequence[object]) -> None:
        self._writer.writerow([safe_cell(c) for c in cells])

    def rows(self, rows: Iterable[Sequence[object]]) -> None:
        for cells in rows:
            self.row(cells)


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as a spreadsheet-safe CSV file: UTF-8 with BOM, every cell quoted, CRLF."""
    out = io.StringIO()
    SafeWriter(out).rows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tally_rows(disclosed: Disclosed, language: str, generated: datetime) -> list[list[str]]:
    """The published tally as rows: table, category, label, value (suppressed as "<k" or "x").

    Metadata rows come first (table "report"), then the totals, every breakdown, the services'
    quantities, programme reach and the list of what is hidden. Categories are the stable slugs;
    labels are in ``language``. Withheld breakdowns appear as one row saying so.
    """
    tally, k = disclosed.tally, disclosed.threshold
    t = text(language)
    rows: list[list[str]] = [[t["csv_table"], t["csv_category"], t["csv_label"], t["csv_value"]]]
    rows.append(
        ["report", "title", t["csv_title"], report_title(tally.first, tally.last, language)]
    )
    rows.append(["report", "first-week", t["csv_first_week"], str(tally.first)])
    rows.append(["report", "last-week", t["csv_last_week"], str(tally.last)])
    rows.append(["report", "generated", t["csv_generated"], generated.strftime("%Y-%m-%d %H:%M")])
    rows.append(["report", "threshold", t["csv_threshold"], str(k)])
    rows.append(["report", "note", t["csv_note_label"], suppression_note(k, language)])
    rows.append(["report", "reporting-day", t["csv_reporting_day"], tally.clock.describe(language)])
    rows.append(["report", "time-zone", t["csv_time_zone"], tally.clock.time_zone])
    rows.append(["report", "day-start-hour", t["csv_day_start"], str(tally.clock.day_start_hour)])
    for name in TOTALS:
        rows.append(["total", name, t[f"total_{name}"], disclosed.text(disclosed.total(name))])
    for table in disclosed.tables:
        if table.key == "series":
            continue
        title = table_title(table.key, language)
        if table.withheld is not None:
            rows.append([table.key, "", title, t[f"withheld_{table.withheld.value}"]])
            continue
        for category, shown in table.cells:
            label = category_label(table.key, category, language, tally.vocabulary)
            rows.append([table.key, category, label, disclosed.text(shown)])
        for category, shown in table.quantities:
            label = category_label(table.key, category, language, tally.vocabulary)
            rows.append(["services.quantity", category, label, disclosed.text(shown)])
    for reach in disclosed.reach:
        r = reach.published
        prefix = f"reach.{r.slug}"
        rows.append([prefix, "name", t["reach_name"], r.name])
        rows.append([prefix, "period", t["reach_period"], f"{r.first}..{r.last}"])
        rows.append([prefix, "as-of", t["reach_as_of"], str(r.as_of)])
        rows.append([prefix, "target", t["reach_target"], str(r.target)])
        rows.append([prefix, "reached", t["reach_reached"], disclosed.text(reach.reached)])
        if reach.forecast is not None:
            rows.append([prefix, "forecast", t["reach_forecast"], disclosed.text(reach.forecast)])
        if reach.pace_needed is not None:
            rows.append(
                [prefix, "pace-needed", t["reach_pace_needed"], f"{float(reach.pace_needed):.1f}"]
            )
        rows.append(
            [prefix, "warning", t["reach_warning_label"], t["yes"] if r.warning else t["no"]]
        )
        for week, value in reach.milestones:
            rows.append([f"{prefix}.line", str(week), t["reach_line"], str(value)])
    for figure in hidden_figures(disclosed):
        where = figure.table if figure.category is None else f"{figure.table}:{figure.category}"
        rows.append(["hidden", where, t["csv_hidden"], t[f"reason_{figure.reason.value}"]])
    return rows


def tally_csv(disclosed: Disclosed, language: str, generated: datetime) -> bytes:
    """The published tally as a spreadsheet-safe CSV file (see :func:`tally_rows`)."""
    return csv_bytes(tally_rows(disclosed, language, generated))
