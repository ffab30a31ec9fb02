"""The contact form's safeguarding card, shown for a person under 18: the duty to notify,
and a check that the worker will follow the procedure (the save waits for it)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QWidget

from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.texts import Texts


class SafeguardCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        t = self.texts = Texts()
        self.title = t.label(lambda: self.tr("Under 18 — safeguarding"), role="warning")
        self.text = t.label(
            lambda: self.tr(
                "The team has a duty to notify the municipality (underretning) when a child may "
                "be at risk. Follow the safeguarding procedure tonight and talk to the "
                "coordinator on duty."
            ),
            wrap=True,
        )
        self.check = t.check(
            lambda: self.tr("I &will follow the safeguarding procedure"),
            accessible=lambda: self.tr("I will follow the safeguarding procedure"),
        )
        vbox(self.title, self.text, self.check, parent=self, spacing=4)
        self.hide()
