"""Settings → Reporting day: the hour a night starts and the vault's time zone (SPEC §3).

Every figure counts a contact on its night (redvan.core.night). Changing either setting moves
the stored contacts to their nights under the new rule, in one transaction, and is audited
without its values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from redvan.core.night import DAY_START_HOURS, zone_names
from redvan.gui.messages import describe
from redvan.gui.workspace import Context


def _label(role: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", role)
    return label


class ReportingDaySection(QWidget):
    """Day-start hour and time zone, with what they mean for the figures."""

    reporting_day_changed = Signal(int, str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.intro = _label("subtitle")
        self.hour = QSpinBox()
        self.hour.setRange(DAY_START_HOURS.start, DAY_START_HOURS.stop - 1)
        self.hour.setSuffix(":00")
        self.hour.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.hour_label = QLabel()
        self.hour_label.setBuddy(self.hour)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(zone_names())
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone.setMinimumContentsLength(28)
        self.zone_label = QLabel()
        self.zone_label.setBuddy(self.zone)
        self.rule = _label("subtitle")
        self.warning = _label("warning")
        self.status = _label("ok")
        self.status.hide()
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.hour.valueChanged.connect(self._changed)
        self.zone.currentTextChanged.connect(self._changed)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.hour_label, 0, 0)
        grid.addWidget(self.hour, 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.zone_label, 1, 0)
        grid.addWidget(self.zone, 1, 1, Qt.AlignmentFlag.AlignLeft)
        box = QVBoxLayout()
        box.addWidget(self.intro)
        box.addSpacing(6)
        box.addLayout(grid)
        box.addWidget(self.rule)
        box.addWidget(self.warning)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        row.addStretch()
        box.addLayout(row)
        frame = QFrame()
        frame.setProperty("role", "card")
        frame.setLayout(box)
        layout = QVBoxLayout(self)
        layout.addWidget(frame)
        layout.addStretch()
        self._saved = (-1, "")

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "A shift runs past midnight, so every figure counts a contact on the night it "
                "belongs to. A contact before the day-start hour belongs to the day before."
            )
        )
        self.hour_label.setText(self.tr("&Day starts at"))
        self.hour.setAccessibleName(self.tr("Day starts at"))
        self.zone_label.setText(self.tr("&Time zone"))
        self.zone.setAccessibleName(self.tr("Time zone"))
        self.warning.setText(
            self.tr(
                "Saving a change puts every recorded contact on its night under the new rule; "
                "weekly figures already published may then differ."
            )
        )
        self.save_button.setText(self.tr("&Save"))
        self._changed()

    def refresh(self) -> None:
        clock = self.context.services.clock()
        self._saved = (clock.day_start_hour, clock.time_zone)
        for widget in (self.hour, self.zone):
            widget.blockSignals(True)
        self.hour.setValue(clock.day_start_hour)
        self.zone.setCurrentText(clock.time_zone)
        for widget in (self.hour, self.zone):
            widget.blockSignals(False)
        self.status.hide()
        self._changed()

    def chosen(self) -> tuple[int, str]:
        return self.hour.value(), self.zone.currentText().strip()

    def _changed(self) -> None:
        hour, zone = self.chosen()
        changed = (hour, zone) != self._saved
        self.save_button.setEnabled(changed)
        self.warning.setVisible(changed)
        self.rule.setText(
            self.tr("A night runs from %1 to %1 the next morning, on the clock of %2.")
            .replace("%1", f"{hour:02d}:00")
            .replace("%2", zone)
        )

    def save(self) -> None:
        hour, zone = self.chosen()
        try:
            moved = self.context.services.change_clock(hour, zone)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self.status.setProperty("role", "error")
            self.status.style().polish(self.status)
            self.status.setText(describe(exc))
            self.status.show()
            return
        self._saved = (hour, zone)
        self.status.setProperty("role", "ok")
        self.status.style().polish(self.status)
        self.status.setText(self.tr("Saved; %n contact(s) moved to another week.", "", moved))
        self.status.show()
        self._changed()
        self.reporting_day_changed.emit(hour, zone)
