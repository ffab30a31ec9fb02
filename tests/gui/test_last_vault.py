"""Issue 15, item 5: the last vault was stored as typed (`demo/night.redvan`), so the app
started from another folder showed "Create a new vault" and the worker thought the data gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from redvan.gui import settings as keys
from redvan.gui.app import create_window
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings

PASSPHRASE = "night shift passphrase"


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "redvan.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def locked_vault(session: Session) -> Path:
    assert session.path is not None
    path = session.path
    session.lock(backup=False)
    return path


def _window(qtbot, qapp, vault: Path | None, app_settings: AppSettings):  # type: ignore[no-untyped-def]
    window = create_window(qapp, vault, app_settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _unlock_by_typing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    field = window.unlock_page.passphrase
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)


def test_a_vault_opened_by_a_relative_path_is_remembered_absolute(  # type: ignore[no-untyped-def]
    qtbot, qapp, locked_vault: Path, app_settings: AppSettings, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(locked_vault.parent.parent)
    relative = Path(locked_vault.parent.name) / locked_vault.name
    window = _window(qtbot, qapp, relative, app_settings)
    assert window.stack.currentWidget() is window.unlock_page
    _unlock_by_typing(qtbot, window)
    stored = app_settings.get(keys.LAST_VAULT)
    assert Path(stored).is_absolute() and Path(stored) == locked_vault.absolute()
    window.close()

    # started again from another folder, with no --vault: the unlock page of the same vault
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    again = _window(qtbot, qapp, None, app_settings)
    assert again.stack.currentWidget() is again.unlock_page
    assert again.session.path == locked_vault.absolute()
    again.close()


def test_a_relative_path_from_old_settings_is_found_and_rewritten(  # type: ignore[no-untyped-def]
    qtbot, qapp, locked_vault: Path, app_settings: AppSettings, monkeypatch, tmp_path: Path
) -> None:
    home = locked_vault.parent.parent
    monkeypatch.setenv("HOME", str(home))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app_settings.set(keys.LAST_VAULT, f"{locked_vault.parent.name}/{locked_vault.name}")
    window = _window(qtbot, qapp, None, app_settings)
    assert window.stack.currentWidget() is window.unlock_page
    assert window.session.path == locked_vault.absolute()
    assert app_settings.get(keys.LAST_VAULT) == str(locked_vault.absolute())
    _unlock_by_typing(qtbot, window)
    window.close()


def test_a_missing_last_vault_is_named_not_silently_forgotten(  # type: ignore[no-untyped-def]
    qtbot, qapp, app_settings: AppSettings, tmp_path: Path
) -> None:
    gone = tmp_path / "usb" / "night.redvan"
    app_settings.set(keys.LAST_VAULT, str(gone))
    window = _window(qtbot, qapp, None, app_settings)
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.notice.isVisibleTo(window)
    assert str(gone) in window.welcome.notice.text()
    assert app_settings.get(keys.LAST_VAULT) == str(gone)  # kept: the disk may come back
    window.close()
