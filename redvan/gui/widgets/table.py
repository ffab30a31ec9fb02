"""One table model driven by column specs, with paging built in, and the table view factory.

A screen describes its columns (title, value, tooltip, sort key, alignment) and hands the
model its records; the model does the Qt plumbing every table needs: roles, the header,
language changes, loading display rows a page at a time (B7), finding a record's row and
sorting by a column's key. Titles are functions so they are translated in the screen's own
context (`lambda: self.tr("Time")`) and follow a language switch.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

# Rows a ResizeToContents column measures (the visible ones first): measuring every row asks
# the model for each cell's data in a dozen roles, which took seconds on a long list (B7).
RESIZE_PRECISION = 50
PAGE_SIZE = 200
ALL_ROWS = sys.maxsize  # the PAGE_SIZE of a short list: every display row at once

_D = Qt.ItemDataRole
# The roles the model answers (as plain ints: the test runs for every cell); sizing the
# columns asks each cell for every role, and most have no answer (B7).
_ANSWERED = frozenset(
    int(r)
    for r in (
        _D.DisplayRole,
        _D.AccessibleTextRole,
        _D.ToolTipRole,
        _D.UserRole,
        _D.TextAlignmentRole,
        _D.ForegroundRole,
        _D.FontRole,
    )
)


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, what a row shows in it, and how it behaves.

    `tooltip`: None shows the cell's whole text (a cut-off cell can be read by hovering;
    unless the model's TEXT_TOOLTIPS is False); `accessible`: None reads the cell's text;
    `sort_key` takes the record (not the display row), so sorting orders every record, loaded
    or not; None sorts by the text; `foreground`: this column's colour of a row, instead of
    the model's `foreground(row)`.
    """

    title: Callable[[], str]
    value: Callable[[R], str]
    tooltip: Callable[[R], str | None] | None = None
    accessible: Callable[[R], str] | None = None
    sort_key: Callable[[Any], Any] | None = None
    alignment: Qt.AlignmentFlag | None = None
    foreground: Callable[[R], QColor | None] | None = None


class Directory(Protocol):
    """Turns a record into the row a table shows (aliases, labels), with its own caches."""

    def row(self, item: Any) -> Any: ...


class _Same:
    """The directory of a table whose records are already its display rows."""

    def row(self, item: Any) -> Any:
        return item


def _rows(directory: Directory, items: Sequence[Any]) -> list[Any]:
    """The display rows of a page: in one go if the directory can (`rows`: a query per page
    instead of one per row, B7), else row by row."""
    batch = getattr(directory, "rows", None)
    if batch is not None:
        return list(batch(items))
    return [directory.row(item) for item in items]


def _key(item: Any) -> Any:
    return getattr(item, "id", None)


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """Holds every record, but builds display rows only for the pages the view asks for.

    Subclasses implement `columns()`; they may override `foreground(row)` (a row's colour),
    `bold(row)` (a row in bold), `key(item)` (what UserRole returns and `row_of` finds; the
    record's `id` by default).
    """

    PAGE_SIZE = PAGE_SIZE
    TEXT_TOOLTIPS = True  # a column without `tooltip` shows its text as the tooltip

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.today = date.today()
        self._items: list[Any] = []
        self._rows: list[R] = []
        self._directory: Directory = _Same()
        self._columns: list[Column[R]] = list(self.columns())

    # -- for subclasses -------------------------------------------------------------------------

    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def foreground(self, row: R) -> QColor | None:
        return None

    def bold(self, row: R) -> bool:
        return False

    def key(self, item: Any) -> Any:
        return _key(item)

    def page_size(self) -> int:
        return self.PAGE_SIZE

    # -- records ------------------------------------------------------------------------------

    def set_items(
        self,
        items: Sequence[Any],
        directory: Directory | None = None,
        today: date | None = None,
    ) -> None:
        """Show `items` (in this order); only the first page's display rows are built now."""
        self.beginResetModel()
        self._items = list(items)
        self._directory = directory if directory is not None else _Same()
        if today is not None:
            self.today = today
        self._rows = _rows(self._directory, self._items[: self.page_size()])
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._items, self._rows, self._directory = [], [], _Same()
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self.language = language
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def total(self) -> int:
        """All records in the model, loaded or not."""
        return len(self._items)

    def items(self) -> list[Any]:
        """Every record, loaded or not, in the model's order."""
        return list(self._items)

    def item(self, row: int) -> Any:
        return self._items[row]

    def row_data(self, row: int) -> R:
        return self._rows[row]

    def loaded(self) -> list[R]:
        """The display rows built so far."""
        return list(self._rows)

    def row_of(self, key: Any) -> int:
        """The row of a record by its key (loading further pages if needed), or -1."""
        for number, item in enumerate(self._items):
            if self.key(item) == key:
                while len(self._rows) <= number:
                    self.fetchMore()
                return number
        return -1

    # -- Qt -----------------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and len(self._rows) < len(self._items)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008,N802
        if parent.isValid():
            return
        start = len(self._rows)
        batch = self._items[start : start + self.page_size()]
        if not batch:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(_rows(self._directory, batch))
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _D.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column, row = self._columns[index.column()], self._rows[index.row()]
        if role == _D.DisplayRole:
            return column.value(row)
        if role == _D.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            return column.value(row) if self.TEXT_TOOLTIPS else None
        if role == _D.AccessibleTextRole:
            return column.value(row) if column.accessible is None else column.accessible(row)
        if role == _D.UserRole:
            return self.key(self._items[index.row()])
        if role == _D.TextAlignmentRole:
            return None if column.alignment is None else int(column.alignment)
        if role == _D.ForegroundRole:
            return self.foreground(row) if column.foreground is None else column.foreground(row)
        if role == _D.FontRole and self.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _D.DisplayRole
    ) -> Any:
        if (
            orientation != Qt.Orientation.Horizontal
            or role != _D.DisplayRole
            or not 0 <= section < len(self._columns)
        ):
            return None
        return self._columns[section].title()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order every record by the column's sort key (or its text, for loaded rows)."""
        if not 0 <= column < len(self._columns):
            return
        spec = self._columns[column]
        reverse = order == Qt.SortOrder.DescendingOrder
        if spec.sort_key is not None:
            key = spec.sort_key
            self.set_items(sorted(self._items, key=key, reverse=reverse), self._directory)
            return
        rows = [self._directory.row(item) for item in self._items]
        paired = sorted(
            zip(rows, self._items, strict=True),
            key=lambda pair: spec.value(pair[0]).casefold(),
            reverse=reverse,
        )
        self.set_items([item for _row, item in paired], self._directory)


def select_key(view: QTableView, key: Any) -> bool:
    """Select the row of a record by its key (a ColumnTableModel's `row_of`, loading further
    pages if needed) and bring it into view; False when the record is not in the table."""
    model = view.model()
    row = model.row_of(key)  # type: ignore[attr-defined]
    if row < 0:
        return False
    view.selectRow(row)
    view.setCurrentIndex(model.index(row, 0))
    view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)
    return True


def table_view(
    model: QAbstractItemModel,
    *,
    stretch: int | None = None,
    precision: int = RESIZE_PRECISION,
    highlight: bool = False,
) -> QTableView:
    """A read-only, row-selecting table: columns sized to their contents (measured on the
    rows in view, B7), the last one (or `stretch`) taking the rest of the width. With
    `highlight`, the header marks the selected row's columns, as Qt does by default."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setHighlightSections(highlight)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(precision)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class TableOrEmpty(QStackedWidget):
    """A table, or — when it has no rows — a centred sentence saying why."""

    def __init__(self, view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.empty = QLabel()
        self.empty.setProperty("role", "subtitle")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.addWidget(view)
        self.addWidget(self.empty)

    def show_rows(self, has_rows: bool) -> None:
        self.setCurrentWidget(self.view if has_rows else self.empty)
