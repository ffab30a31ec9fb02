"""Issue 15, item 2: "Fatal Python error: none_dealloc … Aborted" (exit 134) at quit.

PySide6 6.12 on Python 3.11 drops a reference to None on every call of a method that returns
nothing, and one to True on every signal emit; a long session brought the count to zero.
Run in a child process, so an abort shows as its exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 400_000  # far more void calls and emits than None and True hold references

CHILD = f"""
from redvan.gui import refcounts  # importing redvan.gui protects None, True and False
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Notifier(QObject):
    changed = Signal()

app = QCoreApplication([])
thing = Notifier()
for _ in range({CALLS}):
    thing.setObjectName("x")
    thing.changed.emit()
print("done")
"""


def test_a_long_session_of_qt_calls_ends_without_an_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300
    )
    assert "Fatal Python error" not in result.stderr
    assert (result.returncode, result.stdout.strip()) == (0, "done")


def test_protect_is_once_and_harmless() -> None:
    from redvan.gui import refcounts

    assert refcounts.protect() is False  # already done when redvan.gui was imported
    if sys.version_info < (3, 12):
        for singleton in (None, True, False):
            # The slip keeps taking references after protect(): far above zero, not exact
            # (tests before this one, language switches above all, take many thousands).
            assert refcounts.HEADROOM // 2 < sys.getrefcount(singleton) < 2 * refcounts.HEADROOM
