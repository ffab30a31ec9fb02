"""Run something just after a widget has been painted: screens show their main content first
and fill the rest one event later (bench B7)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Calls a function once, at the turn of the event loop after `target`'s next paint.

    Arming it again replaces what was armed. A widget that is never painted (never shown)
    never triggers it: what it would fill is not seen either.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._target: QWidget | None = None
        self._call: Callable[[], None] | None = None

    def arm(self, target: QWidget, call: Callable[[], None]) -> None:
        self.disarm()
        self._target, self._call = target, call
        target.installEventFilter(self)

    def disarm(self) -> None:
        if self._target is not None:
            self._target.removeEventFilter(self)
        self._target, self._call = None, None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._target and event.type() == QEvent.Type.Paint:
            call = self._call
            self.disarm()
            if call is not None:
                QTimer.singleShot(0, self, call)
        return False
