"""Settings → Reporting day: the hour a night starts and the vault's time zone (SPEC §3).

Every figure counts a contact on its night (redvan.core.night). Changing either setting moves
the stored contacts to their nights under the new rule, in one transaction, and is audited
without its values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QSpinBox, QWidget

from redvan.core.night import DAY_START_HOURS, zone_names
from redvan.gui.messages import describe
from redvan.gui.vault_settings.helpers import Section, card, say
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.roles import role_label
from redvan.gui.workspace import Context


class ReportingDaySection(Section):
    """Day-start hour and time zone, with what they mean for the figures."""

    reporting_day_changed = Signal(int, str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.texts
        self.hour = t.bind(QSpinBox(), accessibleName=lambda: self.tr("Day starts at"))
        self.hour.setRange(DAY_START_HOURS.start, DAY_START_HOURS.stop - 1)
        self.hour.setSuffix(":00")
        self.hour.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.zone = t.bind(QComboBox(), accessibleName=lambda: self.tr("Time zone"))
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(zone_names())
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone.setMinimumContentsLength(28)
        self.rule = role_label("subtitle")
        self.warning = t.bind(
            role_label("warning"),
            text=lambda: self.tr(
                "Saving a change puts every recorded contact on its night under the new rule; "
                "weekly figures already published may then differ."
            ),
        )
        self.status = role_label("ok", hidden=True)
        self.save_button = t.button(lambda: self.tr("&Save"), role="primary", clicked=self.save)
        self.hour.valueChanged.connect(self._changed)
        self.zone.currentTextChanged.connect(self._changed)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.addWidget(t.label(lambda: self.tr("&Day starts at"), buddy=self.hour), 0, 0)
        grid.addWidget(self.hour, 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(t.label(lambda: self.tr("&Time zone"), buddy=self.zone), 1, 0)
        grid.addWidget(self.zone, 1, 1, Qt.AlignmentFlag.AlignLeft)
        intro = t.bind(
            role_label("subtitle"),
            text=lambda: self.tr(
                "A shift runs past midnight, so every figure counts a contact on the night it "
                "belongs to. A contact before the day-start hour belongs to the day before."
            ),
        )
        vbox(
            card(
                intro,
                6,
                grid,
                self.rule,
                self.warning,
                hbox(self.save_button, (self.status, 1), STRETCH),
            ),
            STRETCH,
            parent=self,
        )
        self._saved = (-1, "")

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._changed()

    def refresh(self) -> None:
        clock = self.services.clock()
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
            moved = self.services.change_clock(hour, zone)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            return
        self._saved = (hour, zone)
        say(self.status, self.tr("Saved; %n contact(s) moved to another week.", "", moved), "ok")
        self._changed()
        self.reporting_day_changed.emit(hour, zone)
