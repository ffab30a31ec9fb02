"""A character counter under a text field: shown as the user types (issue 14: long text).

Every free text and label has a limit (redvan.core.limits) that matches what the outputs
take. The counter says how much of it is used ("120 / 4000 characters"), turns to the warning
role near the limit and to the error role past it, so nobody learns of a limit only when
saving fails. A line edit also gets the limit as its maximum length, so it cannot pass it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

NEAR = 0.9  # from 90 % of the limit the counter warns


class LengthCounter(QLabel):
    """The counter of one field; it follows the field's text and the language."""

    def __init__(
        self, field: QLineEdit | QPlainTextEdit, limit: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.limit = limit
        self.setProperty("role", "subtitle")
        if isinstance(field, QLineEdit):
            field.setMaxLength(limit)
        field.textChanged.connect(self.update_count)
        self.update_count()

    def text_length(self) -> int:
        if isinstance(self.field, QLineEdit):
            return len(self.field.text())
        return len(self.field.toPlainText())

    def over(self) -> bool:
        return self.text_length() > self.limit

    def update_count(self, *_args: object) -> None:
        used = self.text_length()
        locale = QLocale()
        shown = self.tr("%1 / %2 characters").replace("%1", locale.toString(used))
        shown = shown.replace("%2", locale.toString(self.limit))
        if used > self.limit:
            shown = self.tr("%1 — too long: shorten it to save.").replace("%1", shown)
            role = "error"
        elif used >= self.limit * NEAR:
            role = "warning"
        else:
            role = "subtitle"
        self.setText(shown)
        self.setAccessibleName(shown)
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)
            self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.update_count()
        super().changeEvent(event)


def attach_counter(
    field: QLineEdit | QPlainTextEdit, limit: int, parent: QWidget | None = None
) -> LengthCounter:
    """A counter for ``field``; the caller places it (usually right under the field)."""
    return LengthCounter(field, limit, parent)
