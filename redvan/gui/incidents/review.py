"""The export review: each description exactly as it will be printed, confirmed one by one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from redvan.core import limits, pii
from redvan.core.incidents import proposed_text
from redvan.core.model import Incident
from redvan.gui.messages import pii_kinds
from redvan.gui.widgets.limits import attach_counter


class ReviewCard(QFrame):
    """One description exactly as it will be printed; the coordinator edits it (for the print
    only, never the record) and must confirm it before the export."""

    confirmed_changed = Signal()

    def __init__(self, incident: Incident, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.incident_id = incident.id
        self.had_description = bool((incident.description or "").strip())
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.text.setPlainText(proposed_text(incident))
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.text.textChanged.connect(self._edited)
        self.guard = QLabel()
        self.guard.setWordWrap(True)
        self.guard.setProperty("role", "warning")
        self.guard.hide()
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(attach_counter(self.text, limits.FREE_TEXT))
        layout.addWidget(self.guard)
        layout.addWidget(self.confirm)
        found = pii.find_pii(incident.description or "")
        if found:
            self._warn(
                self.tr("The PII guard took out %1. Check what is left.").replace(
                    "%1", pii_kinds({f.kind.value for f in found})
                )
            )
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setAccessibleName(self.tr("Description as it will be printed"))
        self.text.setPlaceholderText(self.tr("Nothing will be printed for this incident."))
        self.confirm.setText(self.tr("I have read this and it identifies nobod&y"))
        self.confirm.setAccessibleName(self.tr("Confirm this description"))

    def printed(self) -> str:
        return self.text.toPlainText().strip()

    def is_confirmed(self) -> bool:
        return self.confirm.isChecked()

    def _warn(self, text: str) -> None:
        self.guard.setText(text)
        self.guard.show()

    def _edited(self) -> None:
        if self.confirm.isChecked():
            self.confirm.setChecked(False)  # an edited text must be read again

    def _toggled(self, checked: bool) -> None:
        if checked:
            text = self.text.toPlainText()
            safe = pii.redact(text)
            if safe != text:
                # The guard has the last word: show what it will print and ask again.
                self.confirm.blockSignals(True)
                self.confirm.setChecked(False)
                self.confirm.blockSignals(False)
                self.text.blockSignals(True)
                self.text.setPlainText(safe)
                self.text.blockSignals(False)
                self._warn(self.tr("The PII guard changed this text again. Read it once more."))
        self.confirmed_changed.emit()
