"""Issue 15, item 10: the second save dialog opened in the home folder again; "Saved
weekly-tally-2026-W49.csv." named no folder, offered no way to open it, and stayed English
after a switch to Danish. Only the folder is remembered, never a file name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog

from redvan.gui import settings as keys
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.reports.page import ReportsPage
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.workspace import Context
from tests.gui.test_reports import LAST_WEEK, record_week

NIGHT = datetime(2026, 11, 20, 22, 0)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "redvan.ini"


@pytest.fixture
def window(qtbot, session: Session, settings_file: Path):  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    translations = Translations(QApplication.instance())
    window = MainWindow(session, settings, translations, build_pages, wire=wire, now=lambda: NIGHT)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    record_week(Context(session, "en", now=lambda: NIGHT), LAST_WEEK)
    window._unlocked()
    yield window
    window.set_language("en")


def test_the_folder_is_remembered_named_and_opened(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path, settings_file: Path, monkeypatch
) -> None:
    exports = tmp_path / "board reports"
    exports.mkdir()
    started_in: list[Path] = []
    answers = iter([exports / "weekly-tally-2026-W46.csv", exports / "weekly-tally-2026-W46.pdf"])

    def dialog(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        started_in.append(Path(start).parent)
        return str(next(answers)), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert window.workspace is not None
    page = window.workspace.open_page("reports")
    assert isinstance(page, ReportsPage)

    with qtbot.waitSignal(page.exported, timeout=20_000):
        qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert started_in[0] != exports
    assert page.saved.isVisibleTo(window)
    assert page.saved.text.text() == f"Saved weekly-tally-2026-W46.csv in {exports}."

    with qtbot.waitSignal(page.exported, timeout=20_000):
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert started_in[1] == exports, "the second dialog opens where the first saved"

    # QSettings holds the folder, never a file name
    window.app_settings._q.sync()
    stored = settings_file.read_text(encoding="utf-8")
    assert window.app_settings.get(keys.SAVE_FOLDER) == str(exports)
    assert "weekly-tally" not in stored and ".pdf" not in stored and ".csv" not in stored

    opened: list[QUrl] = []
    page.saved.open_url = lambda url: opened.append(url) or True
    qtbot.mouseClick(page.saved.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(exports))]

    window.set_language("da")
    assert page.saved.text.text() == f"Gemte weekly-tally-2026-W46.pdf i {exports}."
    assert page.saved.open_button.text() == "Åbn mappen"


def test_a_new_run_opens_the_dialog_in_the_remembered_folder(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    exports = tmp_path / "usb"
    exports.mkdir()
    window.app_settings.set(keys.SAVE_FOLDER, str(exports))
    started_in: list[Path] = []

    def dialog(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        started_in.append(Path(start).parent)
        return "", filters  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert window.workspace is not None
    page = window.workspace.open_page("reports")
    assert isinstance(page, ReportsPage)
    qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert started_in == [exports]
    assert not page.saved.isVisibleTo(window)
