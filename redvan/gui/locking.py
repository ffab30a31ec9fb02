"""Auto-lock (G9): idle time from any input, and wall-clock jumps (suspend/resume) count too.

Like KeePassXC: an application-wide event filter restarts the idle count; a timer checks it.
The clock is injected so tests can move time without sleeping.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}
# A wall-clock step larger than the checks' spacing plus this slack is a suspend or a jump.
_JUMP_SLACK_SECONDS = 5.0


class Clock(Protocol):
    def monotonic(self) -> float: ...
    def wall(self) -> float: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()


class IdleWatcher(QObject):
    """Emits `idle_timeout` once the app has been idle for `timeout_seconds`."""

    idle_timeout = Signal()

    def __init__(
        self, timeout_seconds: float, clock: Clock | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock or SystemClock()
        self.timeout_seconds = timeout_seconds
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        self.reset()

    def reset(self) -> None:
        self._last_activity = self.clock.monotonic()
        self._last_mono = self.clock.monotonic()
        self._last_wall = self.clock.wall()
        self._jumped = 0.0

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def idle_seconds(self) -> float:
        return self.clock.monotonic() - self._last_activity + self._jumped

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY and self.active:
            self.check()  # input right after a resume must not hide the sleep
            if self.active:
                self._last_activity = self.clock.monotonic()
                self._jumped = 0.0
        return False

    def _note_jump(self) -> None:
        mono, wall = self.clock.monotonic(), self.clock.wall()
        step = (wall - self._last_wall) - (mono - self._last_mono)
        if step > _JUMP_SLACK_SECONDS:
            self._jumped += step  # time the machine slept (the wall ran ahead) is idle time
        self._last_mono, self._last_wall = mono, wall

    def check(self) -> None:
        if not self.active:
            return
        self._note_jump()
        if self.idle_seconds() >= self.timeout_seconds:
            self.stop()
            self.idle_timeout.emit()
