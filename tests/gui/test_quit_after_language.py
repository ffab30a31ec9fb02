"""Issue 15, item 2: quitting after a language switch aborted with "none_dealloc" (exit 134).

The app runs in a child process, as a worker runs it: unlock by typing, open every screen,
switch the language through the View menu with the keyboard a few times, quit with Ctrl+Q.
The cause was the binding (PySide6 6.12.0 on Python 3.11 drops a reference to None on every
void call, see redvan/gui/refcounts.py); the child must end with exit code 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from redvan.gui.session import Session

CHILD = textwrap.dedent(
    """
    import os
    import sys
    from pathlib import Path

    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from redvan.gui.app import create_window
    from redvan.gui.settings import AppSettings

    vault, settings_file, passphrase, switches = sys.argv[1:5]
    app = QApplication(["redvan"])
    window = create_window(
        app, Path(vault), AppSettings(QSettings(settings_file, QSettings.Format.IniFormat))
    )
    window.show()

    def activate():
        # A closed menu stays the active window on the offscreen platform: give it back.
        window.windowHandle().requestActivate()
        QApplication.processEvents()
        QTest.qWaitForWindowActive(window)

    def choose_language(position):
        activate()
        QTest.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # &View, &Vis
        view = QApplication.activePopupWidget()
        danish = window.translations.language == "da"
        QTest.keyClick(view, Qt.Key.Key_S if danish else Qt.Key.Key_L)  # &Sprog, &Language
        menu = QApplication.activePopupWidget()
        QTest.keyClick(menu, Qt.Key.Key_Home)
        for _ in range(position):
            QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    def check(condition, failure):
        if not condition:
            print(failure, flush=True)
            os._exit(2)

    def after_unlock():
        if window.workspace is None:
            QTimer.singleShot(50, after_unlock)
            return
        for key in window.workspace.keys:
            window.workspace.open_page(key)
            app.processEvents()
        for turn in range(int(switches)):
            choose_language(1)
            app.processEvents()
            check(window.translations.language == "da", "the menu did not switch to Danish")
            choose_language(0)
            app.processEvents()
            check(window.translations.language == "en", "the menu did not switch to English")
        print("switched", switches, flush=True)
        activate()
        QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    def unlock():
        field = window.unlock_page.passphrase
        QTest.keyClicks(field, passphrase)
        QTest.keyClick(field, Qt.Key.Key_Return)
        after_unlock()

    QTimer.singleShot(0, unlock)
    QTimer.singleShot(90_000, lambda: os._exit(3))  # a watchdog: never hang the test run
    sys.exit(app.exec())
    """
)


def test_quit_after_switching_language_ends_cleanly(session: Session, tmp_path: Path) -> None:
    assert session.path is not None
    vault = session.path
    session.lock(backup=False)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REDVAN_LOG_DIR=str(tmp_path / "logs"))
    env["PYTHONFAULTHANDLER"] = "1"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(vault),
            str(tmp_path / "settings.ini"),
            "night shift passphrase",
            "6",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert "switched 6" in result.stdout, (result.returncode, result.stdout, result.stderr[-600:])
    assert "none_dealloc" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
