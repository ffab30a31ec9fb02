"""A table of records whose display rows are looked up a page at a time (lazy lists, B7)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

Index = QModelIndex | QPersistentModelIndex

# Rows a ResizeToContents column measures (the visible ones first): measuring every row asks
# the model for each cell's data in a dozen roles, which took seconds on a long list (B7).
RESIZE_PRECISION = 50


class Directory(Protocol):
    """Turns a record into the row a table shows (aliases, labels), with its own caches."""

    def row(self, item: Any) -> Any: ...


def _rows(directory: Directory, items: Sequence[Any]) -> list[Any]:
    """The display rows of a page: in one go if the directory can (`rows`: a query per page
    instead of one per row, B7), else row by row."""
    batch = getattr(directory, "rows", None)
    if batch is not None:
        return list(batch(items))
    return [directory.row(item) for item in items]


class PagedRowsModel(QAbstractTableModel):
    """Holds every record, but builds display rows only for the pages the view has asked for.

    Subclasses set COLUMNS and implement data() and headerData() over `self._rows`.
    """

    COLUMNS = 0
    PAGE_SIZE = 200

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.today = date.today()
        self._items: list[Any] = []
        self._rows: list[Any] = []
        self._directory: Directory | None = None

    def page_size(self) -> int:
        return self.PAGE_SIZE

    def set_items(self, items: Sequence[Any], directory: Directory, today: date) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._directory = directory
        self.today = today
        self._rows = _rows(directory, self._items[: self.page_size()])
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._items, self._rows, self._directory = [], [], None
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self.language = language
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and len(self._rows) < len(self._items)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008,N802
        if parent.isValid() or self._directory is None:
            return
        start = len(self._rows)
        batch = self._items[start : start + self.page_size()]
        if not batch:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(_rows(self._directory, batch))
        self.endInsertRows()

    def total(self) -> int:
        """All records in the model, loaded or not."""
        return len(self._items)

    def row_of(self, item_id: str) -> int:
        """The row of a record (loading further pages if needed), or -1."""
        for number, item in enumerate(self._items):
            if item.id == item_id:
                while len(self._rows) <= number:
                    self.fetchMore()
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self.COLUMNS
