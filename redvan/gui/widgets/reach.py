"""The programme early warning (G10), shown on Tonight and Reports alike.

A reach figure is only comparable with its date: Tonight counts the running week so far,
Reports the weeks chosen there. So the warning names its "as of" day and week (issue 15,
item 8: "18 of 78" on Tonight beside "17 of 78" on Reports, with nothing to say why).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from redvan.core import enums
from redvan.core.reach import Reach
from redvan.core.weeks import IsoWeek
from redvan.gui import theme
from redvan.gui.widgets.dates import format_day
from redvan.gui.workspace import Context


def pace(value: float, language: str) -> str:
    """One decimal, with the decimal sign of the UI language ("7.7" / "7,7")."""
    shown = f"{float(value):.1f}"
    return shown.replace(".", ",") if enums.is_danish(language) else shown


class ProgrammeWarning(QFrame):
    """The early warning for programmes whose forecast falls short (Tonight and Reports).

    Hidden unless some running programme's forecast is below its target.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setStyleSheet(
            f'QFrame[role="card"] {{ border: 1px solid {theme.WARN}; border-left-width: 4px; }}'
        )
        self.label = QLabel()
        self.label.setProperty("role", "warning")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._reach: list[Reach] = []
        self._language = "en"
        self._as_of: date | None = None
        self.hide()

    def show_reach(self, reach: Sequence[Reach], language: str, as_of: date | None = None) -> None:
        """Show the programmes falling short; `as_of` is the day the figures run to."""
        self._reach = [r for r in reach if r.warning]
        self._language = language
        self._as_of = as_of
        self.retranslate()

    def refresh(self, context: Context) -> None:
        """Reach this week of the running programmes; shows itself only for a shortfall."""
        try:
            reach = context.services.programme_reach(context.now().date())
        except Exception:  # noqa: BLE001 - a warning must never break the screen it sits on
            reach = []
        self.show_reach(reach, context.language, context.now().date())

    def retranslate(self) -> None:
        lines = []
        for reach in self._reach:
            assert reach.forecast is not None and reach.pace_needed is not None
            lines.append(
                self.tr(
                    "Early warning: %1 has reached %2 of %3 persons and is forecast to reach "
                    "%4 by week %5, %6. %7 persons a week are needed from now on."
                )
                .replace("%1", reach.name)
                .replace("%2", str(reach.reached))
                .replace("%3", str(reach.target))
                .replace("%4", str(reach.forecast))
                .replace("%5", str(reach.last.week))
                .replace("%6", str(reach.last.year))
                .replace("%7", pace(float(reach.pace_needed), self._language))
            )
        if lines and self._as_of is not None:
            week = IsoWeek.of(self._as_of)
            lines.insert(
                0,
                self.tr(
                    "As of %1, with week %2 counted so far; Reports counts the weeks chosen there."
                )
                .replace("%1", format_day(self._as_of, self._language))
                .replace("%2", str(week.week)),
            )
        self.label.setText("\n".join(lines))
        self.label.setAccessibleName(self.tr("Programme early warning"))
        self.setVisible(bool(lines))
