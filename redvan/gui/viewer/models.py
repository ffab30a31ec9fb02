"""The viewer's tables: the figures with their reconciliation mark, and the de-identified rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from redvan.core.tally import category_label
from redvan.core.vocabulary import VocabularyKind, default_entries
from redvan.exchange.bundle import AuditRow, Figure
from redvan.gui import theme
from redvan.gui.widgets.paged_model import PagedRowsModel

Index = QModelIndex | QPersistentModelIndex

MATCH, MISMATCH, NOT_RECOMPUTABLE = "match", "mismatch", "not-recomputable"
# The mark is shown with a word beside it, so the result never rests on colour alone.
MARKS = {MATCH: "✓", MISMATCH: "✗", NOT_RECOMPUTABLE: "—"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FiguresModel(QAbstractTableModel):
    """Each figure of the bundle's tally: stated, recomputed from the rows, and the mark."""

    COL_FIGURE, COL_STATED, COL_RECOMPUTED, COL_CHECK = range(4)
    COLUMNS = 4

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._figures: list[Figure] = []

    def set_figures(self, figures: Sequence[Figure]) -> None:
        self.beginResetModel()
        self._figures = list(figures)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self.beginResetModel()
        self.language = language
        self.endResetModel()

    def figure(self, row: int) -> Figure:
        return self._figures[row]

    def label(self, figure: Figure) -> str:
        return figure.label_da if self.language == "da" else figure.label_en

    def status_text(self, status: str) -> str:
        return {
            MATCH: self.tr("matches"),
            MISMATCH: self.tr("does not match"),
            NOT_RECOMPUTABLE: self.tr("cannot be recomputed"),
        }.get(status, status)

    def check_text(self, figure: Figure) -> str:
        return f"{MARKS.get(figure.status, '?')} {self.status_text(figure.status)}"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._figures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._figures):
            return None
        figure = self._figures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_FIGURE:
                return self.label(figure)
            if column == self.COL_STATED:
                return QLocale().toString(figure.stated)
            if column == self.COL_RECOMPUTED:
                if figure.recomputed is None:
                    return "—"
                return QLocale().toString(figure.recomputed)
            if column == self.COL_CHECK:
                return self.check_text(figure)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == self.COL_RECOMPUTED and figure.recomputed is None:
                return self.tr("not recomputed")
            if column == self.COL_CHECK:
                return self.status_text(figure.status)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_CHECK:
            if figure.status == MISMATCH:
                assert figure.recomputed is not None
                return (
                    self.tr("The bundle states %1, but its records give %2.")
                    .replace("%1", str(figure.stated))
                    .replace("%2", str(figure.recomputed))
                )
            if figure.status == NOT_RECOMPUTABLE:
                return self.tr("The de-identified records do not carry what this figure counts.")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_CHECK:
            if figure.status == MATCH:
                return QBrush(QColor(theme.OK))
            if figure.status == MISMATCH:
                return QBrush(QColor(theme.ACCENT))
        if role == Qt.ItemDataRole.FontRole and figure.status == MISMATCH:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COL_STATED,
            self.COL_RECOMPUTED,
        ):
            return _RIGHT
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_FIGURE: self.tr("Figure"),
            self.COL_STATED: self.tr("Stated"),
            self.COL_RECOMPUTED: self.tr("Recomputed"),
            self.COL_CHECK: self.tr("Check"),
        }.get(section)


class _AsIs:
    """Rows are shown as they are; the model formats them when they are drawn."""

    def row(self, item: Any) -> Any:
        return item


class AuditRowsModel(PagedRowsModel):
    """The bundle's de-identified rows (one per contact), fetched a page at a time."""

    COL_WEEK, COL_PERSON, COL_SERVICES, COL_REFERRALS = range(4)
    COLUMNS = 4
    PAGE_SIZE = 500

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self._service_labels: dict[str, str] = {}

    def set_rows(self, rows: Sequence[AuditRow]) -> None:
        self.set_items(rows, _AsIs(), date.today())

    def set_language(self, language: str) -> None:
        self._service_labels.clear()
        super().set_language(language)

    def service_label(self, slug: str) -> str:
        label = self._service_labels.get(slug)
        if label is None:
            vocabulary = default_entries(VocabularyKind.SERVICE)
            label = category_label("services", slug, self.language, vocabulary)
            self._service_labels[slug] = label
        return label

    def services_text(self, row: AuditRow) -> str:
        return ", ".join(
            self.service_label(slug) if quantity == 1 else f"{self.service_label(slug)} ×{quantity}"
            for slug, quantity in row.services
        )

    def referrals_text(self, row: AuditRow) -> str:
        return ", ".join(
            category_label("referrals.status", status, self.language) for status in row.referrals
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: AuditRow = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            accessible = role == Qt.ItemDataRole.AccessibleTextRole
            if column == self.COL_WEEK:
                return row.week
            if column == self.COL_PERSON:
                if row.person is None:
                    return self.tr("no code") if accessible else "—"
                return row.person
            if column == self.COL_SERVICES:
                text = self.services_text(row)
                return text or (self.tr("none") if accessible else "")
            if column == self.COL_REFERRALS:
                text = self.referrals_text(row)
                return text or (self.tr("none") if accessible else "")
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_WEEK: self.tr("Week"),
            self.COL_PERSON: self.tr("Person (pseudonym)"),
            self.COL_SERVICES: self.tr("Services"),
            self.COL_REFERRALS: self.tr("Referrals (status)"),
        }.get(section)
