"""A confirm row: a warning sentence with the way back and the way on, side by side.

Used where a step needs a second, deliberate press (ending a shift, saving a note the PII
guard stopped, voiding a contact). The row says what will happen; "back" is the default.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from redvan.gui.widgets.texts import without_mnemonic


class ConfirmRow(QFrame):
    """Hidden until asked; `confirmed` or `cancelled` says which button was pressed."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, card: bool = True, role: str = "warning"
    ) -> None:
        super().__init__(parent)
        if card:
            self.setProperty("role", "card")
        self.text = QLabel()
        self.text.setProperty("role", role)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.back = QPushButton()
        self.back.clicked.connect(self._cancel)
        self.on = QPushButton()
        self.on.clicked.connect(self._confirm)
        layout = QHBoxLayout(self)
        if not card:
            layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back)
        layout.addWidget(self.on)
        self.hide()

    def set_texts(self, back: str, on: str, back_name: str = "", on_name: str = "") -> None:
        self.back.setText(back)
        self.on.setText(on)
        self.back.setAccessibleName(back_name or without_mnemonic(back))
        self.on.setAccessibleName(on_name or without_mnemonic(on))

    def ask(self, sentence: str, *, focus_on: bool = False) -> None:
        """Show the row with `sentence`; focus goes to the way back (or, with `focus_on`,
        to the way on: where going on is the usual answer, as "Save anyway")."""
        self.text.setText(sentence)
        self.text.setAccessibleDescription(sentence)
        self.show()
        (self.on if focus_on else self.back).setFocus(Qt.FocusReason.OtherFocusReason)

    def _cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def _confirm(self) -> None:
        self.hide()
        self.confirmed.emit()
