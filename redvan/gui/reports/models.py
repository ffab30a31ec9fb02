"""The report preview as a table model: exact count, how the report shows it, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QWidget,
)

from redvan.core.disclosure import (
    Disclosed,
    Reason,
    Shown,
    Withheld,
)
from redvan.core.tally import TOTALS, category_label
from redvan.gui import theme

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PreviewRow:
    """One row of the preview: a section heading or one figure."""

    table: str  # a table key, or "total"
    category: str | None  # None for a section heading
    label: str
    shown: Shown | None = None
    withheld: Withheld | None = None


class TallyPreviewModel(QAbstractTableModel):
    """The tally as the coordinator sees it: exact count, how the report shows it, and why."""

    COL_FIGURE, COL_COUNT, COL_REPORT, COL_WHY = range(4)
    COLUMNS = 4

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.disclosed: Disclosed | None = None
        self._rows: list[PreviewRow] = []

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
        self.beginResetModel()
        self.disclosed = disclosed
        self._rows = self._build() if disclosed is not None else []
        self.endResetModel()

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

    def row_data(self, row: int) -> PreviewRow:
        return self._rows[row]

    def find(self, table: str, category: str | None) -> int:
        """The row of a figure (or section heading); -1 if it is not listed."""
        return next(
            (i for i, r in enumerate(self._rows) if r.table == table and r.category == category),
            -1,
        )

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

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_FIGURE:
                return row.label if row.category is None else f"    {row.label}"
            if column == self.COL_COUNT:
                return "" if row.shown is None else str(row.shown.true_value)
            if column == self.COL_REPORT:
                return self.report_text(row)
            if column == self.COL_WHY:
                return self.why_text(row)
        if role == Qt.ItemDataRole.FontRole and row.category is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.COL_REPORT, self.COL_WHY):
            if (
                row.shown is not None
                and (row.shown.hidden or row.shown.value != row.shown.true_value)
            ) or row.withheld is not None:
                return QBrush(QColor(theme.WARN))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COL_COUNT,
            self.COL_REPORT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_FIGURE: self.tr("Figure"),
            self.COL_COUNT: self.tr("Exact"),
            self.COL_REPORT: self.tr("In the report"),
            self.COL_WHY: self.tr("Why"),
        }.get(section)
