"""The contact form's note: optional, short, and never a name, a number or an address (the
save asks again when the note looks like one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from redvan.core import limits
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.texts import Texts


class NoteSection(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.texts = Texts()
        self.note = t.bind(QPlainTextEdit(), accessibleName=lambda: self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        label = t.label(
            lambda: self.tr("N&ote (optional — no names, numbers or addresses)"),
            role="subtitle",
            buddy=self.note,
        )
        vbox(label, self.note, attach_counter(self.note, limits.FREE_TEXT), parent=self, margins=0)

    def edit(self) -> None:
        """Back to the note with the cursor where it was, nothing selected."""
        self.note.setFocus()
        cursor = self.note.textCursor()
        cursor.clearSelection()
        self.note.setTextCursor(cursor)
