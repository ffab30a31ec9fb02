"""Programme reach on Reports: each programme of the period against its target."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from redvan.core.disclosure import (
    Disclosed,
)
from redvan.core.reach import Reach
from redvan.gui.widgets.reach import pace


class ReachPanel(QFrame):
    """Each programme of the period: reached against target, forecast, pace, the warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.title = QLabel()
        self.title.setProperty("role", "subtitle")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows)
        self._widgets: list[QWidget] = []
        self._reach: list[Reach] = []
        self._hidden: set[str] = set()
        self._language = "en"
        self.bars: list[QProgressBar] = []
        self.warnings: list[QLabel] = []

    def show_reach(self, disclosed: Disclosed | None, language: str) -> None:
        self._reach = [r.reach for r in disclosed.reach] if disclosed is not None else []
        self._hidden = (
            {r.reach.slug for r in disclosed.reach if r.reached.hidden} if disclosed else set()
        )
        self._language = language
        self.retranslate()

    def summary(self, reach: Reach) -> str:
        """ "12 of 119 persons reached · week 40 of 53"."""
        return (
            self.tr("%1 of %2 persons reached · week %3 of %4")
            .replace("%1", str(reach.reached))
            .replace("%2", str(reach.target))
            .replace("%3", str(reach.week_number(reach.as_of)))
            .replace("%4", str(reach.weeks_total))
        )

    def retranslate(self) -> None:
        for widget in self._widgets:
            self.rows.removeWidget(widget)
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self._widgets, self.bars, self.warnings = [], [], []
        self.title.setText(self.tr("Programme reach"))
        self.empty.setText(self.tr("No programme runs in these weeks."))
        self.empty.setVisible(not self._reach)
        for reach in self._reach:
            name = QLabel(reach.name)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            summary = QLabel(self.summary(reach))
            summary.setWordWrap(True)
            bar = QProgressBar()
            bar.setRange(0, max(1, reach.target))
            bar.setValue(min(reach.reached, reach.target))
            bar.setTextVisible(False)
            bar.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
            bar.setAccessibleName(self.tr("%1: reached against target").replace("%1", reach.name))
            self.bars.append(bar)
            parts = []
            if reach.forecast is not None and not reach.ended:
                parts.append(
                    self.tr("Forecast %1 by week %2, %3")
                    .replace("%1", str(reach.forecast))
                    .replace("%2", str(reach.last.week))
                    .replace("%3", str(reach.last.year))
                )
            elif not reach.ended:
                parts.append(self.tr("Too early for a forecast"))
            if reach.pace_needed is not None:
                parts.append(
                    self.tr("%1 a week needed, %2 so far")
                    .replace("%1", pace(float(reach.pace_needed), self._language))
                    .replace("%2", pace(float(reach.pace_so_far), self._language))
                )
            details = QLabel(" · ".join(parts))
            details.setWordWrap(True)
            details.setProperty("role", "subtitle")
            status = QLabel()
            status.setWordWrap(True)
            if reach.warning:
                status.setText(
                    self.tr("Early warning: the forecast is %1 short of the target.").replace(
                        "%1", str(reach.shortfall)
                    )
                )
                status.setProperty("role", "warning")
                self.warnings.append(status)
            elif reach.ended:
                status.setText(self.tr("Ended."))
                status.setProperty("role", "subtitle")
            elif reach.forecast is not None:
                status.setText(self.tr("On track."))
                status.setProperty("role", "ok")
            if reach.slug in self._hidden:
                note = self.tr("The report shows reach as below the threshold.")
                status.setText(f"{status.text()} {note}".strip())
            block = QWidget()
            box = QVBoxLayout(block)
            box.setContentsMargins(0, 4, 0, 4)
            box.setSpacing(2)
            for widget in (name, summary, bar, details, status):
                box.addWidget(widget)
            status.setVisible(bool(status.text()))
            self.rows.addWidget(block)
            self._widgets.append(block)
