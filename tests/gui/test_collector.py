"""The cycle collector runs on the GUI thread only (redvan/gui/collector.py).

Before, a PDF drawn on a worker thread could trigger a collection there that freed the
reports screen's progress dialog and timer, and the process crashed ("Garbage-collecting"
on the worker in the fault handler's trace, test_reports)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from redvan.gui import collector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_install_switches_automatic_collection_off_and_collects_on_the_gui_thread(
    qapp, qtbot
) -> None:
    owner = QObject()
    was = gc.isenabled()
    try:
        found = collector.install(owner)
        assert collector.install(owner) is found  # once per application
        assert not gc.isenabled()
        cycles = [_Cycle() for _ in range(gc.get_threshold()[0] + 10)]
        alive = weakref.ref(cycles[0])
        seen: list[str] = []
        original = gc.collect

        def spy(generation: int = 2) -> int:
            seen.append(threading.current_thread().name)
            return original(generation)

        gc.collect = spy  # type: ignore[assignment]
        try:
            del cycles
            qtbot.waitUntil(lambda: alive() is None, timeout=5000)
        finally:
            gc.collect = original  # type: ignore[assignment]
        assert seen and set(seen) == {threading.main_thread().name}
    finally:
        found.timer.stop()
        owner.deleteLater()
        if was:
            gc.enable()
