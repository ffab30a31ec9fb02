"""B12 / V6: the automatic backup of a lock runs on a worker thread while the window, already
locked, keeps painting; its progress shows in the status bar; closing the window waits for it.

No timing is asserted: the backup's copy is held on its worker thread until the GUI thread's
event loop has counted TICKS ticks of a QTimer. Were the backup on the GUI thread, no tick
could happen while it waits, and the wait would fail.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from redvan.core.model import ContactInput, ServiceGiven
from redvan.gui.session import Session
from redvan.storage import backup
from tests.gui.test_shell import PASS, make_window
from tests.gui.test_shell import clock as clock  # noqa: PLC0414 - a fixture, used by name
from tests.gui.test_shell import settings as settings  # noqa: PLC0414 - a fixture, used by name

TICKS = 20


def _unlocked_window(qtbot, session, settings, clock):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    path = session.path
    session.lock(backup=False)
    window = make_window(qtbot, Session(path, kdf=session.kdf), settings, clock)
    qtbot.keyClicks(window.unlock_page.passphrase, PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    services = window.session.services
    for i in range(25):
        services.save_contact(
            ContactInput(
                time=datetime(2026, 11, 20, 21, 0) + timedelta(minutes=i),
                zone="istedgade",
                channel="street",
                services=(ServiceGiven("condoms", 2),),
            )
        )
    return window


class _HeldCopy:
    """Wraps backup._copy_bytes: notes its thread, then waits for the GUI's ticks."""

    def __init__(self, original: Any) -> None:
        self.original = original
        self.thread: int | None = None
        self.ticks_seen = threading.Event()
        self.reached = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        self.thread = threading.get_ident()
        self.reached.set()
        assert self.ticks_seen.wait(timeout=30), "the event loop did not tick during the backup"
        result: str = self.original(*args, **kwargs)
        return result


def test_the_lock_backup_runs_on_a_worker_while_the_event_loop_ticks(
    qtbot, session, settings, clock, monkeypatch
) -> None:
    window = _unlocked_window(qtbot, session, settings, clock)
    vault_path = window.session.path
    held = _HeldCopy(backup._copy_bytes)
    monkeypatch.setattr(backup, "_copy_bytes", held)
    progress: list[tuple[int, int, str]] = []
    window.session.backup_progress.connect(lambda *p: progress.append(p))
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        if held.reached.is_set():
            ticks += 1
            if ticks >= TICKS:
                held.ticks_seen.set()

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(tick)
    timer.start()
    try:
        window.lock()
        # Locked at once: the unlock page shows while the backup is still being written.
        assert window.stack.currentWidget() is window.unlock_page
        assert window.workspace is None and not window.session.is_open
        qtbot.waitUntil(lambda: not window.session.closing, timeout=30_000)
    finally:
        timer.stop()
        held.ticks_seen.set()
    assert held.thread is not None and held.thread != threading.main_thread().ident
    assert ticks >= TICKS
    made = backup.list_backups(vault_path)
    assert len(made) == 1 and backup.readable_backup(made[0])
    qtbot.waitUntil(lambda: bool(progress) and progress[-1][2] == "write", timeout=10_000)
    assert {stage for *_, stage in progress} == {"copy", "verify", "write"}


def test_progress_shows_in_the_status_bar_and_clears(qtbot, session, settings, clock) -> None:
    window = _unlocked_window(qtbot, session, settings, clock)
    window.session.backup_progress.emit(50, 200, "copy")
    assert window.statusBar().currentMessage() == "Backing up the vault: 25 %"
    window.session.backup_progress.emit(0, 1, "verify")
    assert "checking the copy" in window.statusBar().currentMessage()
    window.lock()
    window.session.wait_closed()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=10_000)


def test_closing_the_window_waits_for_the_backup(
    qtbot, session, settings, clock, monkeypatch
) -> None:
    window = _unlocked_window(qtbot, session, settings, clock)
    vault_path = window.session.path
    held = _HeldCopy(backup._copy_bytes)
    monkeypatch.setattr(backup, "_copy_bytes", held)
    try:
        window.close()  # locks; the backup starts on its worker and holds at the copy
        assert held.reached.wait(timeout=30)
        assert window.isVisible() and not window.isEnabled()  # still painting, not closed
        held.ticks_seen.set()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    finally:
        held.ticks_seen.set()
        window.session.wait_closed()
    assert len(backup.list_backups(vault_path)) == 1
    assert QApplication.instance() is not None
