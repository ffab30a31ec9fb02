"""The Qt part of `redvan --self-test` (see redvan/selftest.py): platform plugins, the Danish
translation, the app icon and the unlock window, drawn on the offscreen platform.

Touches no QSettings and no window geometry: nothing of the user's setup is read or written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from redvan.gui import theme
from redvan.gui.app import app_icon
from redvan.gui.i18n import qm_path
from redvan.gui.session import Session
from redvan.gui.unlock.page import UnlockPage
from redvan.resources import resource_path
from redvan.selftest import StepFailed

ENGLISH_TITLE = "Unlock the vault"  # UnlockPage's title before translation


def check_gui(vault: Path, staff: str) -> str:
    """Draw the unlock window of `vault` in Danish; returns what was proven, in one line."""
    app = QApplication.instance()
    if app is None:
        # The command-line option wins over QT_QPA_PLATFORM: the self-test needs no display.
        app = QApplication(["redvan", "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    _check_platform_plugins()
    ours = QTranslator(app)
    if not ours.load(str(qm_path("da"))):
        raise StepFailed("the Danish translation could not be loaded")
    qt_own = QTranslator(app)
    if not qt_own.load(QLocale("da"), "qtbase", "_", _translations_dir()):
        raise StepFailed("Qt's own Danish translation (qtbase_da.qm) is missing")
    app.installTranslator(ours)
    page: UnlockPage | None = None
    try:
        svg = QIcon(str(resource_path("icons", "redvan.svg"))).pixmap(64, 64)
        if svg.isNull() or svg.toImage().pixelColor(32, 40).alpha() == 0:
            raise StepFailed("the app icon could not be drawn from SVG (Qt SVG is missing)")
        if app_icon().pixmap(256, 256).isNull():
            raise StepFailed("the app icon could not be drawn")
        theme.apply(app, "dark")
        page = UnlockPage(Session(vault))
        page.resize(640, 480)
        page.prepare()
        if page.title.text() in ("", ENGLISH_TITLE):
            raise StepFailed("the Danish translation does not translate the unlock window")
        if [page.staff.itemText(i) for i in range(page.staff.count())] != [staff]:
            raise StepFailed("the unlock window does not list the vault's staff member")
        drawn = page.grab()
        if drawn.isNull() or drawn.width() < 100:
            raise StepFailed("the unlock window could not be drawn")
    finally:
        app.removeTranslator(ours)
        if page is not None:
            page.deleteLater()
    return (
        f"Qt {pyside_version} on {app.platformName()}: Danish translation, icon, "
        f"unlock window drawn {drawn.width()}x{drawn.height()}"
    )


def _translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _check_platform_plugins() -> None:
    """The desktop needs more than the offscreen plugin this check runs on."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = {p.name for p in folder.glob("*")} if folder.is_dir() else set()
    if sys.platform.startswith("linux"):
        needed = ["libqxcb.so", "libqwayland.so"]
    elif sys.platform == "win32":
        needed = ["qwindows.dll"]
    elif sys.platform == "darwin":
        needed = ["libqcocoa.dylib"]
    else:
        needed = []
    missing = [n for n in needed if n not in names]
    if missing:
        raise StepFailed(f"Qt's platform plugin {missing[0]} is missing")
