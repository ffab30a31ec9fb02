"""A week picker: recent ISO weeks, newest first, each with its Monday and Sunday."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from redvan.core.weeks import IsoWeek
from redvan.gui.widgets.dates import format_short

RECENT_WEEKS = 104


class WeekCombo(QComboBox):
    """Choose one of the last two years' weeks ("2026-W47 · 16–22 Nov")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = "en"
        self._today = date.today()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def fill(self, today: date, language: str, weeks: int = RECENT_WEEKS) -> None:
        """List the weeks up to the one holding `today`; keeps the chosen week if it is there."""
        chosen = self.week()
        self._today, self._language = today, language
        newest = IsoWeek.of(today)
        self.blockSignals(True)
        self.clear()
        for back in range(weeks):
            week = newest - back
            self.addItem(self._text(week), str(week))
        self.blockSignals(False)
        if chosen is None or not self.set_week(chosen):
            self.setCurrentIndex(0)

    def _text(self, week: IsoWeek) -> str:
        first = format_short(week.monday(), self._language)
        last = format_short(week.sunday(), self._language)
        return f"{week} · {first} – {last}"

    def week(self) -> IsoWeek | None:
        data = self.currentData()
        return IsoWeek.parse(data) if data else None

    def set_week(self, week: IsoWeek) -> bool:
        index = self.findData(str(week))
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True
