"""Form rows written as data: `(label text, field, the field's accessible name)` a row.

form(*named_rows(t, (lambda: self.tr("&Alias"), self.alias, lambda: self.tr("Alias"))))
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from redvan.gui.widgets.texts import Text, Texts


def named_rows(texts: Texts, *rows: tuple[Text, QWidget, Text]) -> list[tuple[QLabel, QWidget]]:
    """The `(label, field)` rows `Texts.row` makes: each label's mnemonic (&) focuses its field,
    and screen readers call the field by its accessible name."""
    return [texts.row(text, field, accessible=accessible) for text, field, accessible in rows]
