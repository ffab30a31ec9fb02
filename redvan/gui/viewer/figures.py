"""The viewer's figures tab: each figure as the bundle states it and as recomputed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from redvan.exchange.bundle import Figure
from redvan.gui.viewer.models import MISMATCH, FiguresModel
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.texts import Texts


def fixed_rows(view: QTableView) -> QTableView:
    """Rows of one fixed height: a page of records is not measured row by row."""
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


class FiguresTab(QWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total: int | None = None  # figures in the bundle, once one is shown
        self.model = FiguresModel(language, self)
        self.view = fixed_rows(
            table_view(self.model, stretch=FiguresModel.COL_FIGURE, precision=-1)
        )
        t = self.texts = Texts()
        t.bind(self.view, accessibleName=lambda: self.tr("Figures and their reconciliation"))
        self.summary = t.label(wrap=True)
        vbox(self.summary, (self.view, 1), parent=self)

    def show_figures(self, figures: Sequence[Figure]) -> None:
        # the figures that do not match first, where they are seen
        self.model.set_figures(sorted(figures, key=lambda figure: figure.status != MISMATCH))
        self.total = len(figures)
        self.retranslate()

    def size_columns(self) -> None:
        """The figure's name takes the room left; a model reset forgets per-column modes."""
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FiguresModel.COL_FIGURE, QHeaderView.ResizeMode.Stretch)

    def retranslate(self) -> None:
        self.texts.retranslate()
        if self.total is None:
            return
        self.summary.setText(
            self.tr(
                "Each figure as the bundle states it and as recomputed from its records. "
                "✓ matches, ✗ does not match, — cannot be recomputed from de-identified records."
            )
            + " "
            + self.tr("%Ln figure(s) in the bundle.", None, self.total)
        )
