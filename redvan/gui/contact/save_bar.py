"""The contact form's foot: the question about a note that looks like personal data, what
stopped the save, and Clear and Save."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from redvan.gui.widgets.confirm import ConfirmRow
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.roles import role_label, say
from redvan.gui.widgets.texts import Texts


class SaveBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.texts = Texts()
        self.pii = ConfirmRow()
        t.bind(
            self.pii.back,
            text=lambda: self.tr("E&dit note"),
            accessibleName=lambda: self.tr("Edit the note"),
        )
        t.bind(
            self.pii.on,
            text=lambda: self.tr("Save an&yway"),
            accessibleName=lambda: self.tr("Save the note as it is"),
        )
        self.error = role_label("error", hidden=True)
        self.clear_button = t.button(
            lambda: self.tr("Cl&ear"), accessible=lambda: self.tr("Clear the form without saving")
        )
        self.save_button = t.button(
            lambda: self.tr("Save  (Ctrl+Enter)"),
            role="primary",
            accessible=lambda: self.tr("Save the contact"),
        )
        buttons = hbox((self.error, 1), STRETCH, self.clear_button, self.save_button)
        vbox(self.pii, buttons, parent=self, margins=0)

    def focus_chain(self) -> list[QWidget]:
        return [self.pii.back, self.pii.on, self.clear_button, self.save_button]

    def show_error(self, text: str) -> None:
        say(self.error, "error", text)

    def hide_error(self) -> None:
        self.error.hide()
        self.error.setText("")
