"""Role-coloured labels and cards: the theme styles widgets by their "role" property."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from redvan.gui.widgets.text import scale_font

# The roles the theme knows for labels.
TITLE, SUBTITLE, WARNING, ERROR, OK, BIG = "title", "subtitle", "warning", "error", "ok", "big"


def set_role(widget: QWidget, role: str | None) -> None:
    """Give a widget a theme role, restyling it only when the role changes."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def select_data(combo: QComboBox, value: Any) -> bool:
    """Choose the item of a combo box whose data is `value`; False when there is none."""
    index = combo.findData(value)
    if index < 0:
        return False
    combo.setCurrentIndex(index)
    return True


def role_label(role: str | None = None, *, wrap: bool = True, hidden: bool = False) -> QLabel:
    """A plain-text label in a theme role (plain text: a name can never become markup)."""
    label = QLabel()
    if role is not None:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if hidden:
        label.hide()
    return label


def say(label: QLabel, role: str, text: str) -> None:
    """Show a message in a role's colour; screen readers hear it too."""
    set_role(label, role)
    label.setText(text)
    label.setAccessibleDescription(text)
    label.show()


def heading(factor: float = 1.5, *, wrap: bool = True) -> tuple[QLabel, QLabel]:
    """A screen's title and the line under it (`wrap`: the line may take several lines)."""
    title = QLabel()
    title.setProperty("role", TITLE)
    scale_font(title, factor)
    subtitle = role_label(SUBTITLE, wrap=wrap)
    return title, subtitle


def card(parent: QWidget | None = None, *, compact: bool = False) -> tuple[QFrame, QVBoxLayout]:
    """A framed card and its layout; `compact` keeps it to the height of what it holds."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    if compact:
        frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return frame, layout


class Stat(QWidget):
    """A big number over a caption (Tonight's totals, a person's visits)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLabel("0")
        self.number.setProperty("role", BIG)
        scale_font(self.number, 2.0)
        self.caption = QLabel()
        self.caption.setProperty("role", SUBTITLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 24, 0)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set(self, number: int | str, caption: str, accessible: str | None = None) -> None:
        self.number.setText(str(number))
        self.caption.setText(caption)
        self.setAccessibleName(accessible or f"{number} {caption}")
