"""The report preview as a table model: exact count, how the report shows it, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from redvan.core.disclosure import Disclosed, Reason, Shown, Withheld
from redvan.core.tally import TOTALS, category_label
from redvan.gui import theme
from redvan.gui.widgets.table import ALL_ROWS, Column, ColumnTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class PreviewRow:
    """One row of the preview: a section heading or one figure."""

    table: str  # a table key, or "total"
    category: str | None  # None for a section heading
    label: str
    shown: Shown | None = None
    withheld: Withheld | None = None


class TallyPreviewModel(ColumnTableModel[PreviewRow]):
    """The tally as the coordinator sees it: exact count, how the report shows it, and why."""

    COL_FIGURE, COL_COUNT, COL_REPORT, COL_WHY = range(4)
    COLUMNS = 4
    TEXT_TOOLTIPS = False
    PAGE_SIZE = ALL_ROWS

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        self.disclosed: Disclosed | None = None
        super().__init__(language, parent)

    def columns(self) -> Sequence[Column[PreviewRow]]:
        return (
            Column(
                lambda: self.tr("Figure"),
                lambda r: r.label if r.category is None else f"    {r.label}",
            ),
            Column(
                lambda: self.tr("Exact"),
                lambda r: "" if r.shown is None else str(r.shown.true_value),
                alignment=_RIGHT,
            ),
            Column(
                lambda: self.tr("In the report"),
                self.report_text,
                alignment=_RIGHT,
                foreground=_changed_colour,
            ),
            Column(lambda: self.tr("Why"), self.why_text, foreground=_changed_colour),
        )

    # -- content ------------------------------------------------------------------------------

    def section_title(self, key: str) -> str:
        return {
            "total": self.tr("Totals"),
            "contacts.code": self.tr("Contacts with and without a code"),
            "contacts.week": self.tr("Contacts per week"),
            "contacts.channel": self.tr("Contacts by channel"),
            "contacts.zone": self.tr("Contacts by zone"),
            "contacts.age_band": self.tr("Contacts by age band"),
            "contacts.gender": self.tr("Contacts by gender"),
            "contacts.language": self.tr("Contacts by language"),
            "persons.new": self.tr("New and known persons"),
            "services": self.tr("Services"),
            "services.quantity": self.tr("Services: handed out"),
            "referrals.destination": self.tr("Referrals by partner organisation"),
            "referrals.status": self.tr("Referrals by status"),
            "followups.status": self.tr("Follow-ups due, by status"),
            "incidents.type": self.tr("Incidents by type"),
            "incidents.consent_tier": self.tr("Incidents by consent tier"),
            "incidents.police": self.tr("Incidents reported to the police"),
            "series": self.tr("Contacts in the weeks before (chart)"),
        }.get(key, key)

    def total_label(self, name: str) -> str:
        return {
            "contacts": self.tr("Contacts"),
            "persons": self.tr("Persons with a code"),
            "referrals": self.tr("Referrals"),
            "followups": self.tr("Follow-ups due"),
            "incidents": self.tr("Incidents"),
        }[name]

    def set_disclosed(self, disclosed: Disclosed | None) -> None:
        self.disclosed = disclosed
        self.set_items(self._build() if disclosed is not None else [])

    def clear(self) -> None:
        self.set_disclosed(None)

    def set_language(self, language: str) -> None:
        self.language = language
        self.set_disclosed(self.disclosed)

    def _build(self) -> list[PreviewRow]:
        disclosed = self.disclosed
        assert disclosed is not None
        vocabulary = disclosed.tally.vocabulary
        rows = [PreviewRow("total", None, self.section_title("total"))]
        for name in TOTALS:
            rows.append(PreviewRow("total", name, self.total_label(name), disclosed.total(name)))
        for table in disclosed.tables:
            if not table.cells:
                continue
            counted = [(c, s) for c, s in table.cells if s.value or s.true_value]
            if not counted and table.table.group is None:
                continue
            rows.append(
                PreviewRow(table.key, None, self.section_title(table.key), withheld=table.withheld)
            )
            for category, shown in table.cells:
                if not (shown.value or shown.true_value) and table.key not in (
                    "contacts.code",
                    "persons.new",
                ):
                    continue  # rows with 0 are shown as 0 in the report, or left out
                label = category_label(table.key, category, self.language, vocabulary)
                rows.append(PreviewRow(table.key, category, label, shown))
            if table.quantities and any(s.true_value for _, s in table.quantities):
                rows.append(
                    PreviewRow("services.quantity", None, self.section_title("services.quantity"))
                )
                for category, shown in table.quantities:
                    if shown.true_value or shown.value:
                        label = category_label(table.key, category, self.language, vocabulary)
                        rows.append(PreviewRow("services.quantity", category, label, shown))
        return rows

    def key(self, item: PreviewRow) -> tuple[str, str | None]:
        return item.table, item.category

    def find(self, table: str, category: str | None) -> int:
        """The row of a figure (or section heading); -1 if it is not listed."""
        return self.row_of((table, category))

    def bold(self, row: PreviewRow) -> bool:
        return row.category is None  # a section heading

    def report_text(self, row: PreviewRow) -> str:
        if row.shown is None:
            return self.tr("not shown") if row.withheld is not None else ""
        if row.shown.reason is Reason.WITHHELD:
            return "—"
        assert self.disclosed is not None
        return self.disclosed.text(row.shown)

    def why_text(self, row: PreviewRow) -> str:
        assert self.disclosed is not None
        k = str(self.disclosed.threshold)
        if row.shown is None:
            if row.withheld is Withheld.SMALL_TOTAL:
                return self.tr("Too few to break down")
            if row.withheld is Withheld.NO_SAFE_PATTERN:
                return self.tr("Cannot be shown without revealing a small count")
            return ""
        if row.shown.reason is Reason.PRIMARY:
            return self.tr("Below %1").replace("%1", k)
        if row.shown.reason is Reason.COMPLEMENTARY:
            return self.tr("Hidden so a count below %1 cannot be worked out").replace("%1", k)
        if row.shown.value != row.shown.true_value:
            return self.tr("Rounded to a multiple of %1").replace("%1", k)
        return ""


def _changed_colour(row: PreviewRow) -> QColor | None:
    """Warn where the report shows less than the exact count."""
    shown = row.shown
    changed = shown is not None and (shown.hidden or shown.value != shown.true_value)
    return QColor(theme.WARN) if changed or row.withheld is not None else None
