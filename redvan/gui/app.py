"""Starting the desktop app: `redvan`, `redvan gui [--vault PATH]`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from redvan.gui import settings as keys
from redvan.gui import theme
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings


def create_window(app: QApplication, vault: Path | None, app_settings: AppSettings) -> MainWindow:
    translations = Translations(app)
    translations.install(app_settings.get(keys.LANGUAGE))
    theme.apply(app, app_settings.get(keys.THEME))
    last = app_settings.get(keys.LAST_VAULT)
    path = vault or (Path(last) if last else None)
    return MainWindow(Session(path), app_settings, translations, build_pages, wire=wire)


def main(vault: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Red Van Intake")
    app.setOrganizationName("redvan")
    app.setDesktopFileName("redvan")
    window = create_window(app, vault, AppSettings())
    window.show()
    return int(app.exec())
