"""The app's real theme for a test that measures what people see, put back afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QStyleFactory

from redvan.gui import theme


@pytest.fixture
def dark_theme(qapp: QApplication) -> Iterator[QApplication]:
    style, palette = qapp.style().name(), qapp.palette()
    theme.apply(qapp, "dark")
    yield qapp
    ring = qapp.findChild(theme.FocusRing)
    if ring is not None:
        qapp.focusChanged.disconnect(ring._moved)
        if ring.frame is not None and theme._alive(ring.frame):
            ring.frame.setWidget(None)
            ring.frame.deleteLater()
        ring.setParent(None)
        ring.deleteLater()
    qapp.setStyle(QStyleFactory.create(style))
    qapp.setPalette(palette)
