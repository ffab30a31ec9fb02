"""The order Tab moves through a screen's widgets."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QWidget


def tab_order(*widgets: QWidget) -> None:
    """Tab visits `widgets` in the order given (Shift+Tab the other way)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
