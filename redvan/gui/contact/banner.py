"""The contact form's banner: how to save, then what was saved, with a short undo."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QWidget

from redvan.core.codes import alias_label
from redvan.gui.widgets.layouts import hbox
from redvan.gui.widgets.roles import set_role
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context

SAVED = ("new", "returning", "uncoded")  # the other kinds say a save was taken back


class SaveBanner(QFrame):
    """Shows `kind` (new, returning, uncoded, undone, undone-back) for `alias`, or the hint."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind: str | None = None
        self.alias: str | None = None
        t = self.texts = Texts()
        self.text = t.label(role="subtitle", wrap=True)
        self.undo_button = t.button(
            lambda: self.tr("&Undo  (Ctrl+Z)"), accessible=lambda: self.tr("Undo the last save")
        )
        self.undo_button.hide()
        hbox((self.text, 1), self.undo_button, parent=self, margins=(10, 4, 6, 4))

    def say(self, kind: str | None, alias: str | None = None) -> None:
        self.kind, self.alias = kind, alias
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.setMinimumHeight(self.undo_button.sizeHint().height() + 10)
        set_role(self, "card" if self.kind is not None else "")
        if self.kind is None:
            self.text.setText(
                self.tr("Ctrl+Enter saves from anywhere; Ctrl+Z takes the last save back.")
            )
            set_role(self.text, "subtitle")
            return
        shown = alias_label(self.alias, self.context.language) if self.alias else ""
        texts = {
            "new": self.tr("Saved — %1 (new person)").replace("%1", shown),
            "returning": self.tr("Saved — %1").replace("%1", shown),
            "uncoded": self.tr("Saved — contact without code"),
            "undone": self.tr("Undone — that contact was taken back."),
            "undone-back": self.tr(
                "Undone — the entry is back in the form. Change it and save again, or clear it."
            ),
        }
        self.text.setText(texts[self.kind])
        set_role(self.text, "ok" if self.kind in SAVED else "warning")
