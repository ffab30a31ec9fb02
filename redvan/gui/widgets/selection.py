"""What a list screen asks of its table: the selected row, and where its period starts."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QTableView

from redvan.core.weeks import IsoWeek
from redvan.gui.widgets.table import TableOrEmpty, select_key


def selected_row(view: QTableView) -> int | None:
    """The number of the row selected in `view` (a single-selection table), or None."""
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def show_reloaded(stack: TableOrEmpty, has_rows: bool, keep: Any | None) -> None:
    """After a list's reload: show its table (or the sentence saying why it is empty), and
    select the record whose key is `keep` again, if it is still listed."""
    stack.show_rows(has_rows)
    if keep is not None:
        select_key(stack.view, keep)


def first_monday(today: date, weeks: int | None) -> date | None:
    """The Monday that starts the last `weeks` ISO weeks up to `today`; None (no limit) when
    `weeks` is not given."""
    return (IsoWeek.of(today) - (int(weeks) - 1)).monday() if weeks else None
