"""The programme early warning (G10), shown on Tonight and Reports alike."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from redvan.core import enums
from redvan.core.reach import Reach
from redvan.gui import theme
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
        self.hide()

    def show_reach(self, reach: Sequence[Reach], language: str) -> None:
        self._reach = [r for r in reach if r.warning]
        self._language = language
        self.retranslate()

    def refresh(self, context: Context) -> None:
        """Reach this week of the running programmes; shows itself only for a shortfall."""
        try:
            reach = context.services.programme_reach(context.now().date())
        except Exception:  # noqa: BLE001 - a warning must never break the screen it sits on
            reach = []
        self.show_reach(reach, context.language)

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
        self.label.setText("\n".join(lines))
        self.label.setAccessibleName(self.tr("Programme early warning"))
        self.setVisible(bool(lines))
