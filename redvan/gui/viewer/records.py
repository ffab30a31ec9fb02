"""The viewer's records tab: the de-identified records, and a search over them as shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QLineEdit, QWidget

from redvan.exchange.bundle import AuditRow
from redvan.gui.viewer.figures import fixed_rows
from redvan.gui.viewer.models import AuditRowsModel
from redvan.gui.widgets.layouts import hbox, vbox
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.texts import Texts


class RecordsTab(QWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[AuditRow] | None = None  # the bundle's, once one is shown
        # a page is measured as it loads (size_columns), then sized by hand
        self.model = AuditRowsModel(language, self)
        self.view = fixed_rows(table_view(self.model, precision=AuditRowsModel.PAGE_SIZE))
        t = self.texts = Texts()
        t.bind(self.view, accessibleName=lambda: self.tr("De-identified records"))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.summary = t.label(wrap=True)
        # Search over the records (issue 15, item 11): every word must appear in the row as
        # shown (week, pseudonym, services, referral status), in the viewer's language.
        self.search = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Week, pseudonym, service or referral status"),
            accessibleName=lambda: self.tr("Search the records"),
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search_label = t.label(lambda: self.tr("&Search:"), buddy=self.search)
        self.count = t.label(role="subtitle")
        vbox(
            self.summary,
            hbox(self.search_label, (self.search, 1), self.count),
            (self.view, 1),
            parent=self,
        )

    def show_rows(self, rows: Sequence[AuditRow]) -> None:
        self.rows = rows
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_rows(rows)
        self.retranslate()

    def size_columns(self) -> None:
        """Fit the loaded page (headers included); services get at least half the width."""
        self.view.resizeColumnsToContents()
        services = AuditRowsModel.COL_SERVICES
        wide = self.view.viewport().width() // 2
        if self.view.columnWidth(services) < wide:
            self.view.setColumnWidth(services, wide)

    def _row_text(self, row: AuditRow) -> str:
        person = row.person or self.tr("no code")
        return " ".join(
            (row.week, person, self.model.services_text(row), self.model.referrals_text(row))
        ).casefold()

    def _filter(self) -> None:
        rows = self.rows
        if rows is None:
            return
        words = self.search.text().casefold().split()
        if words:
            rows = [row for row in rows if all(w in self._row_text(row) for w in words)]
        self.model.set_rows(rows)
        self._count(len(rows))

    def _count(self, shown: int | None = None) -> None:
        rows = self.rows
        if rows is None or not self.search.text().strip():
            self.count.clear()
            return
        shown = self.model.total() if shown is None else shown
        self.count.setText(
            self.tr("%1 of %2").replace("%1", f"{shown:n}").replace("%2", f"{len(rows):n}")
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._count()
        if self.rows is not None:
            self.summary.setText(
                self.tr(
                    "%Ln de-identified record(s), one per contact: the week, a pseudonym that "
                    "exists only in this bundle, the services and the referrals' status.",
                    None,
                    len(self.rows),
                )
            )
