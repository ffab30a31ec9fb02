"""Settings → Locking and privacy: auto-lock, suppression threshold, retention."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QWidget

from redvan.core.services import SETTINGS
from redvan.gui.messages import describe
from redvan.gui.vault_settings.helpers import Section, card, say, subtitle
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.texts import Texts, without_mnemonic
from redvan.gui.workspace import Context


class NumberSettings(QWidget):
    """Some of the vault's whole-number settings, each with its bounds and one line on it."""

    setting_changed = Signal(str, int)

    def __init__(
        self, context: Context, keys: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.keys = list(keys)
        self.t = Texts()
        self.spins: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M"))
        for row, key in enumerate(self.keys):
            low, high = SETTINGS[key]
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self._changed)
            label = QLabel()
            label.setBuddy(spin)
            note = subtitle(self.t)
            self.spins[key], self.labels[key], self.notes[key] = spin, label, note
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(spin, row, 1)
            self.grid.addWidget(note, row, 2)
        self.warning = role_label(hidden=True)
        self.save_button = self.t.button(
            lambda: self.tr("S&ave"), role="primary", clicked=self.save
        )
        self.status = role_label(hidden=True)
        self._saved: dict[str, int] = {}

    def texts(self) -> dict[str, tuple[str, str, str]]:
        """key -> (label with mnemonic, unit suffix, explanation with %1–%2 bounds)."""
        return {
            "auto_lock_minutes": (
                self.tr("Auto-&lock after"),
                self.tr(" min"),
                self.tr(
                    "Lock the vault after this many idle minutes (%1–%2). Ctrl+L locks at once."
                ),
            ),
            "suppression_threshold": (
                self.tr("&Round published figures to multiples of"),
                "",
                self.tr(
                    "Reports that leave the vault round every figure to a multiple of this "
                    "number, the same way each time, so no person can be recognised (%1–%2)."
                ),
            ),
            "note_retention_days": (
                self.tr("Keep &notes for"),
                self.tr(" days"),
                self.tr(
                    "Notes, incident descriptions and follow-up outcomes older than this are "
                    "deleted for good (%1–%2 days)."
                ),
            ),
            "profile_retention_days": (
                self.tr("Keep &codes for"),
                self.tr(" days"),
                self.tr(
                    "A person not seen for this long is detached from their code; their "
                    "contacts still count (%1–%2 days)."
                ),
            ),
            "backup_generations": (
                self.tr("&Keep"),
                self.tr(" backups"),
                self.tr(
                    "The newest automatic backups kept next to the vault; older ones are "
                    "removed (%1–%2)."
                ),
            ),
        }

    def retranslate(self) -> None:
        texts = self.texts()
        for key in self.keys:
            label, suffix, note = texts[key]
            low, high = SETTINGS[key]
            self.labels[key].setText(label)
            self.spins[key].setSuffix(suffix)
            self.spins[key].setAccessibleName(without_mnemonic(label))
            self.notes[key].setText(note.replace("%1", str(low)).replace("%2", str(high)))
        self.t.retranslate()
        self._changed()

    def refresh(self) -> None:
        services = self.context.services
        self._saved = {key: services.setting(key) for key in self.keys}
        for key, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(self._saved[key])
            spin.blockSignals(False)
        self.status.hide()
        self._changed()

    def changes(self) -> dict[str, int]:
        return {
            k: s.value()
            for k, s in self.spins.items()
            if k in self._saved and s.value() != self._saved[k]
        }

    def _changed(self) -> None:
        changes = self.changes()
        self.save_button.setEnabled(bool(changes))
        shorter = [
            k
            for k in ("note_retention_days", "profile_retention_days")
            if k in changes and changes[k] < self._saved[k]
        ]
        if shorter:
            say(
                self.warning,
                self.tr(
                    "A shorter retention period applies at the next purge: what is older is "
                    "deleted or detached then, and cannot be brought back."
                ),
                "warning",
            )
        else:
            self.warning.hide()

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            return
        services = self.context.services
        try:
            for key, value in changes.items():
                services.change_setting(key, value)
                self._saved[key] = value
                self.setting_changed.emit(key, value)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            self._changed()
            return
        self._changed()
        say(self.status, self.tr("Saved."), "ok")


class PrivacySection(Section):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.texts
        self.numbers = NumberSettings(
            context,
            (
                "auto_lock_minutes",
                "suppression_threshold",
                "note_retention_days",
                "profile_retention_days",
            ),
        )
        numbers = self.numbers
        vbox(
            card(
                subtitle(
                    t,
                    lambda: self.tr(
                        "How soon the vault locks itself, how small a count may be "
                        "shown outside it, and how long notes and codes are kept."
                    ),
                ),
                6,
                numbers.grid,
                numbers.warning,
                hbox(numbers.save_button, (numbers.status, 1), STRETCH),
            ),
            STRETCH,
            parent=self,
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.numbers.retranslate()

    def refresh(self) -> None:
        self.numbers.refresh()
