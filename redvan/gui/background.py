"""The one helper for background work (STYLE 4, like Anki's QueryOp and CollectionOp).

`run(parent, work, done, failed)`: `work()` runs on a pool thread and must never touch a widget;
`done(result)` or `failed(exception)` run on the GUI thread afterwards.

`run_reporting(parent, work, done, failed, progressed)`: the same for long work that says how
far it is. `work(report)` calls `report(done, total, stage)` as often as it likes, from its own
thread (`total` 0 means "unknown"; `stage` is a short key such as "verify", never record text);
`progressed(done, total, stage)` runs on the GUI thread with the newest values. Calls are
coalesced: while an update of a stage waits for the GUI thread, later ones of the same stage
only replace its values, so a tight loop never floods the window; a new stage is always shown.
When the work may be stopped, it checks `report.cancelled` at points where stopping is safe and
raises `Cancelled`; `failed` then receives that exception.
The progress dialog in `redvan.gui.widgets.progress` is built on this.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The work stopped at a safe point because the person asked it to."""


class Reporter:
    """What long work is handed: call it with (done, total, stage); read `cancelled`.

    Updates waiting for the GUI thread are coalesced within a stage (only the newest counts)
    but never across stages: each stage the work passes through is shown."""

    def __init__(self, notify: Callable[[], None]) -> None:
        self._notify = notify
        self._lock = threading.Lock()
        self._waiting: list[tuple[int, int, str]] = []
        self._latest: tuple[int, int, str] | None = None
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int = 0, stage: str = "") -> None:
        update = (max(0, int(done)), max(0, int(total)), stage)
        with self._lock:
            self._latest = update
            if self._waiting and self._waiting[-1][2] == stage:
                self._waiting[-1] = update
                return  # the update already on its way will carry these values
            first = not self._waiting
            self._waiting.append(update)
        if not first:
            return
        try:
            self._notify()
        except RuntimeError:  # the window that waited for it is gone; the work goes on
            with self._lock:
                self._waiting.clear()

    def take(self) -> list[tuple[int, int, str]]:
        """The updates waiting, oldest first (GUI thread); the next call notifies again."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
            return waiting

    @property
    def latest(self) -> tuple[int, int, str] | None:
        with self._lock:
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
    """Carries a job's result (and its progress) from the pool thread to the GUI thread.

    The signals are connected to this object's own slots, so a queued result is delivered
    to a QObject that Qt knows: if the relay (or the widget it belongs to) is gone, Qt drops
    the event instead of calling a Python function through a connection that no longer
    exists (that crashed the process, rarely)."""

    finished = Signal(object)
    crashed = Signal(object)
    progressed = Signal()

    def __init__(
        self,
        parent: QObject,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        progressed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._done, self._failed, self._progressed = done, failed, progressed
        self.finished.connect(self._on_finished)
        self.crashed.connect(self._on_crashed)
        self.progressed.connect(self._on_progressed)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._done(result)

    @Slot(object)
    def _on_crashed(self, exc: BaseException) -> None:
        self._failed(exc)

    @Slot()
    def _on_progressed(self) -> None:
        if self._progressed is not None:
            self._progressed()


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
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None,
    progressed: Callable[[], None] | None = None,
) -> _Relay:
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

    relay = _Relay(parent, finish, crash, progressed)
    _running.add(relay)
    return relay


def run(
    parent: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
) -> None:
    relay = _start(parent, done, failed)
    QThreadPool.globalInstance().start(_Job(work, relay))


def run_reporting(
    parent: QObject,
    work: Callable[[Reporter], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
    progressed: ProgressCallback | None = None,
) -> Reporter:
    """Run `work(report)` in the background; returns the reporter (to cancel through it)."""
    reporter: Reporter | None = None

    def forward() -> None:
        if reporter is None:
            return
        for update in reporter.take():
            if progressed is not None:
                progressed(*update)

    def finish(result: Any) -> None:
        forward()  # what was reported last before the work returned
        done(result)

    relay = _start(parent, finish, failed, forward)
    reporter = Reporter(relay.progressed.emit)
    chosen = reporter
    QThreadPool.globalInstance().start(_Job(lambda: work(chosen), relay))
    return reporter


def wait_for_all(msecs: int = 30_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)
