"""Keyboard focus: the order Tab takes through a screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def tab_order(*widgets: QWidget) -> None:
    """Tab goes from each widget to the next, in the order given."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
