"""Issue 15, item 6: the focus ring was very faint on the dark theme.

Tab moves the focus; the pixels just outside the focused field must show the ring in a colour
that stands out from the window (contrast of at least 3:1, WCAG's figure for focus marks).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from tests.gui.themed import dark_theme  # noqa: F401 (a fixture)


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.usefixtures("dark_theme")
def test_tab_shows_a_clear_ring_on_the_dark_theme(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    layout.setContentsMargins(20, 20, 20, 20)
    layout.setSpacing(20)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    form.resize(300, 140)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second
    QApplication.processEvents()
    image = form.grab().toImage()
    background = qapp.palette().color(qapp.palette().ColorRole.Window)
    top_left = second.mapTo(form, QPoint(0, 0))
    middle_y = top_left.y() + second.height() // 2
    # the column of pixels just left of the field, within the ring's margin
    best = max(
        contrast(image.pixelColor(top_left.x() - dx, middle_y), background) for dx in (1, 2, 3)
    )
    assert best >= 3.0, f"focus ring contrast {best:.1f}:1"
    # and no ring around the field that lost the focus
    first_left = first.mapTo(form, QPoint(0, 0))
    y = first_left.y() + first.height() // 2
    stale = max(contrast(image.pixelColor(first_left.x() - dx, y), background) for dx in (1, 2, 3))
    assert stale < 1.5
