"""Starting the desktop app: `redvan`, `redvan gui [--vault PATH]`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from redvan.gui import collector, theme
from redvan.gui import settings as keys
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.resources import resource_path

if TYPE_CHECKING:
    from redvan.gui.workspace import Context, PageEntry, Workspace


def app_icon() -> QIcon:
    """The red van: SVG where Qt can draw it, the 256 px PNG otherwise."""
    icon = QIcon(str(resource_path("icons", "redvan.svg")))
    icon.addFile(str(resource_path("icons", "redvan.png")))
    return icon


# The screens (and what they import: reportlab, the exporters) load at the first unlock, not at
# start-up: the unlock window comes up sooner (bench B2). They are imported on a thread while
# the unlock's key derivation runs, so building Tonight after it does not wait for them (B7).
PRELOAD = ("redvan.core.services", "redvan.storage.repository", "redvan.gui.pages")


def _build_pages(context: Context) -> Sequence[PageEntry]:
    from redvan.gui.pages import build_pages

    return build_pages(context)


def _wire(workspace: Workspace, window: MainWindow) -> None:
    from redvan.gui.pages import wire

    wire(workspace, window)


def create_window(app: QApplication, vault: Path | None, app_settings: AppSettings) -> MainWindow:
    translations = Translations(app)
    translations.install(app_settings.get(keys.LANGUAGE))
    theme.apply(app, app_settings.get(keys.THEME))
    path = vault.absolute() if vault else keys.remembered_vault(app_settings)
    session = Session(path, preload=PRELOAD)
    return MainWindow(session, app_settings, translations, _build_pages, wire=_wire)


def main(vault: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Red Van Intake")
    app.setOrganizationName("redvan")
    app.setDesktopFileName("redvan")
    app.setWindowIcon(app_icon())
    collector.install(app)  # the cycle collector never runs on a worker thread
    window = create_window(app, vault, AppSettings())
    window.show()
    if os.environ.get(BENCH_STARTUP):
        report_first_paint(app, window)
    return int(app.exec())


# The start-up benchmark (bench B2) sets this: the app says when its first screen is up, then
# quits. What it prints is the screen's name only.
BENCH_STARTUP = "REDVAN_BENCH_STARTUP"


def report_first_paint(app: QApplication, window: MainWindow) -> None:
    """Once the current screen has been painted, print `redvan-first-paint <screen>` and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    page = window.stack.currentWidget()
    name = {window.unlock_page: "unlock", window.welcome: "welcome"}.get(page, "other")

    def report() -> None:
        print(f"redvan-first-paint {name}", flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint:
                page.removeEventFilter(self)
                QTimer.singleShot(0, report)  # after the whole repaint this event starts
            return False

    page.installEventFilter(FirstPaint(page))
