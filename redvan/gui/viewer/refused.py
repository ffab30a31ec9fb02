"""The viewer's page for a file that cannot be opened as an audit bundle: why, in one
sentence, and what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from redvan.gui.viewer.verdict import said, selectable
from redvan.gui.widgets.layouts import STRETCH, Stretch, hbox, vbox
from redvan.gui.widgets.texts import Texts


class RefusedPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = ""  # the exchange's sentence, in English
        self.needs_identity = False
        t = self.texts = Texts()
        self.title = t.label(
            lambda: self.tr("This file cannot be opened as an audit bundle."), role="title"
        )
        self.text = selectable(
            t.label(self._reason, role="error", wrap=True, accessible=self._reason)
        )
        self.hint = t.label(self._hint, wrap=True)
        self.identity_button = t.button(lambda: self.tr("Choose the age &key file…"))
        self.identity_button.hide()
        box = QWidget()
        box.setMaximumWidth(640)
        vbox(
            self.title,
            8,
            self.text,
            self.hint,
            (self.identity_button, 0, Qt.AlignmentFlag.AlignLeft),
            parent=box,
        )
        vbox(STRETCH, hbox(STRETCH, box, STRETCH), Stretch(2), parent=self)

    def show_reason(self, reason: str, *, needs_identity: bool, can_choose: bool) -> None:
        """`can_choose`: a key file may be chosen with a file dialog here."""
        self.reason, self.needs_identity = reason, needs_identity
        self.identity_button.setVisible(needs_identity and can_choose)
        self.texts.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()

    def _reason(self) -> str:
        return said(self.reason)  # the exchange's sentence, in the viewer's language

    def _hint(self) -> str:
        if self.needs_identity:
            return self.tr(
                "It is encrypted to a coordinator's age key. Open it with the key file: "
                "“redvan open FILE --identity KEYFILE”. Nothing was changed."
            )
        return self.tr(
            "An audit bundle is the .rvaudit file that “redvan export audit” writes, "
            "with its .minisig signature beside it. Nothing was changed."
        )
