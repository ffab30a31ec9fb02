"""Small text helpers shared by the screens."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def scale_font(widget: QWidget, factor: float, *, bold: bool = True) -> None:
    """Make a heading or figure larger relative to the system font (never a fixed size, G11)."""
    font = widget.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold)
    widget.setFont(font)
