"""The one helper for background work (STYLE 4, like Anki's QueryOp and CollectionOp).

`run(parent, work, done, failed)`: `work()` runs on a pool thread and must never touch a widget;
`done(result)` or `failed(exception)` run on the GUI thread afterwards.

`run_reporting(parent, work, done, failed, progressed)`: the same for long work that says how
far it is. `work(report)` calls `report(done, total, stage)` as often as it likes, from its own
thread (`total` 0 means "unknown"; `stage` is a short key such as "verify", never record text);
`progressed(done, total, stage)` runs on the GUI thread with the newest values. Calls are
coalesced: while one update waits for the GUI thread, later ones only replace its values, so a
tight loop never floods the window. When the work may be stopped, it checks `report.cancelled`
at points where stopping is safe and raises `Cancelled`; `failed` then receives that exception.
The progress dialog in `redvan.gui.widgets.progress` is built on this.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The work stopped at a safe point because the person asked it to."""


class Reporter:
    """What long work is handed: call it with (done, total, stage); read `cancelled`."""

    def __init__(self, notify: Callable[[], None]) -> None:
        self._notify = notify
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._pending = False
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int = 0, stage: str = "") -> None:
        with self._lock:
            self._latest = (max(0, int(done)), max(0, int(total)), stage)
            if self._pending:
                return  # the update already on its way will carry these values
            self._pending = True
        try:
            self._notify()
        except RuntimeError:  # the window that waited for it is gone; the work goes on
            with self._lock:
                self._pending = False

    def take(self) -> tuple[int, int, str] | None:
        """The newest values (GUI thread); the next call notifies again."""
        with self._lock:
            self._pending = False
            return self._latest

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if stopping was asked for: call it only where stopping is safe."""
        if self._cancel.is_set():
            raise Cancelled


class _Relay(QObject):
    finished = Signal(object)
    crashed = Signal(object)
    progressed = Signal()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
            self._relay.crashed.emit(exc)
        else:
            self._relay.finished.emit(result)


_running: set[_Relay] = set()


def _start(
    parent: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None,
    relay: _Relay,
) -> None:
    _running.add(relay)

    def finish(result: Any) -> None:
        _running.discard(relay)
        relay.deleteLater()
        done(result)

    def crash(exc: BaseException) -> None:
        _running.discard(relay)
        relay.deleteLater()
        if isinstance(exc, Cancelled):
            log.info("background work stopped on request")
        else:
            log.warning("background work failed: %s", type(exc).__name__)
        if failed is not None:
            failed(exc)

    relay.finished.connect(finish)
    relay.crashed.connect(crash)
    QThreadPool.globalInstance().start(_Job(work, relay))


def run(
    parent: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
) -> None:
    _start(parent, work, done, failed, _Relay(parent))


def run_reporting(
    parent: QObject,
    work: Callable[[Reporter], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
    progressed: ProgressCallback | None = None,
) -> Reporter:
    """Run `work(report)` in the background; returns the reporter (to cancel through it)."""
    relay = _Relay(parent)
    reporter = Reporter(relay.progressed.emit)

    def forward() -> None:
        latest = reporter.take()
        if latest is not None and progressed is not None:
            progressed(*latest)

    relay.progressed.connect(forward)

    def finish(result: Any) -> None:
        forward()  # the last values reported before the work returned
        done(result)

    _start(parent, lambda: work(reporter), finish, failed, relay)
    return reporter


def wait_for_all(msecs: int = 30_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)
