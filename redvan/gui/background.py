"""The one helper for background work (STYLE 4, like Anki's QueryOp).

`run(parent, work, done, failed)`: `work` runs on a pool thread and must never touch a widget;
`done(result)` or `failed(exception)` run on the GUI thread afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object)
    crashed = Signal(object)


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


def run(
    parent: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
) -> None:
    relay = _Relay(parent)
    _running.add(relay)

    def finish(result: Any) -> None:
        _running.discard(relay)
        relay.deleteLater()
        done(result)

    def crash(exc: BaseException) -> None:
        _running.discard(relay)
        relay.deleteLater()
        log.warning("background work failed: %s", type(exc).__name__)
        if failed is not None:
            failed(exc)

    relay.finished.connect(finish)
    relay.crashed.connect(crash)
    QThreadPool.globalInstance().start(_Job(work, relay))


def wait_for_all(msecs: int = 30_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)
