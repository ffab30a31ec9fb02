"""The shell: create-vault wizard, unlock, recovery, auto-lock with a fake clock (G1, G9, T12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.workspace import Context, WorkspacePage

PASS = "night shift passphrase"
MARKER = "MARKERQ7Z"


class FakeClock:
    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall_time = 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall_time += seconds

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> float:
        return self.wall_time


class NotePage(WorkspacePage):
    """A minimal page with free text, standing in for the real screens."""

    key = "note"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.edit = QPlainTextEdit(self)

    def title(self) -> str:
        return "Note"

    def draft(self) -> dict[str, Any] | None:
        return {"text": self.edit.toPlainText()} if self.edit.toPlainText() else None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.edit.setPlainText(draft["text"])


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    from PySide6.QtCore import QSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_window(qtbot, session: Session, settings: AppSettings, clock: FakeClock) -> MainWindow:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    window = MainWindow(
        session, settings, Translations(app), lambda ctx: [NotePage(ctx)], clock=clock
    )
    qtbot.addWidget(window)
    window.show()
    return window


def texts_on_screen() -> str:
    out = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit):
            out.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            out.append(widget.toPlainText())
        elif isinstance(widget, QLabel):
            out.append(widget.text())
    return "\n".join(out)


def test_wizard_creates_a_vault_shows_the_code_once_and_opens_it(
    qtbot, tmp_path, fast_kdf, settings, clock
) -> None:
    session = Session(kdf=fast_kdf)
    window = make_window(qtbot, session, settings, clock)
    assert window.stack.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.create, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None
    target = tmp_path / "first.redvan"
    wizard.path_edit.setText(str(target))
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.initials, "AB")
    qtbot.keyClicks(wizard.passphrase, "short")
    qtbot.keyClicks(wizard.repeat, "short")
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.error.isVisible() and not target.exists()
    wizard.passphrase.setText(PASS)
    wizard.repeat.setText(PASS)
    assert wizard.meter.value() >= 2
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 2, timeout=10_000)
    code = wizard.code_label.text()
    assert len(code) == 39 and target.exists()
    sheet = tmp_path / "sheet.pdf"
    wizard.write_sheet(sheet)
    assert sheet.read_bytes().startswith(b"%PDF") and sheet.stat().st_mode & 0o777 == 0o600
    assert not wizard.next.isEnabled()
    wizard.confirm.setChecked(True)
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert window.workspace is not None and session.is_open
    assert code not in texts_on_screen()  # shown once only


def test_unlock_wrong_then_right(qtbot, session, settings, clock) -> None:
    path = session.path
    session.lock(backup=False)
    window = make_window(qtbot, Session(path, kdf=session.kdf), settings, clock)
    page = window.unlock_page
    assert window.stack.currentWidget() is page and page.staff.currentText() == "AB"
    qtbot.keyClicks(page.passphrase, "not the right one")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=10_000)
    assert "AB" in page.error.text() and page.passphrase.text() == ""
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    window.lock()


def unlocked_window(qtbot, session, settings, clock) -> MainWindow:  # type: ignore[no-untyped-def]
    path = session.path
    session.lock(backup=False)
    window = make_window(qtbot, Session(path, kdf=session.kdf), settings, clock)
    qtbot.keyClicks(window.unlock_page.passphrase, PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    return window


def assert_locked_clean(window: MainWindow, vault: Any) -> None:
    """T12: no connection open, no widget with record text, the unlock page showing (at
    once), and, once the lock's backup is written on its worker thread, no key either."""
    assert window.workspace is None and not window.session.is_open
    assert window.stack.currentWidget() is window.unlock_page
    window.session.wait_closed()
    assert vault.is_open is False
    with pytest.raises(Exception):
        vault.conn  # noqa: B018
    assert MARKER not in texts_on_screen()
    assert window.stack.currentWidget() is window.unlock_page


def test_idle_lock_keeps_the_draft_encrypted_and_restores_it(
    qtbot, session, settings, clock
) -> None:
    window = unlocked_window(qtbot, session, settings, clock)
    page = window.workspace.page("note")
    page.edit.setPlainText(f"half-written {MARKER}")
    vault = window.session.vault
    clock.advance(4 * 60)
    window.idle.check()
    assert window.workspace is not None  # 4 of 5 minutes: still open
    clock.advance(61)
    window.idle.check()
    assert_locked_clean(window, vault)
    raw = Path(window.session.path).read_bytes()
    assert MARKER.encode() not in raw
    qtbot.keyClicks(window.unlock_page.passphrase, PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    assert window.workspace.page("note").edit.toPlainText() == f"half-written {MARKER}"
    assert window.session.services.store.load_draft("note") is None  # used once
    window.lock()


def test_activity_postpones_the_lock(qtbot, session, settings, clock) -> None:
    window = unlocked_window(qtbot, session, settings, clock)
    clock.advance(4 * 60)
    qtbot.keyClick(window.workspace.page("note").edit, Qt.Key.Key_A)
    clock.advance(4 * 60)
    window.idle.check()
    assert window.workspace is not None
    window.lock()


def test_a_jump_of_the_wall_clock_counts_as_idle(qtbot, session, settings, clock) -> None:
    window = unlocked_window(qtbot, session, settings, clock)
    vault = window.session.vault
    clock.mono += 2  # the machine slept: monotonic time barely moved …
    clock.wall_time += 3600  # … but an hour passed on the wall
    qtbot.keyClick(window.workspace.page("note").edit, Qt.Key.Key_A)  # first touch after resume
    assert_locked_clean(window, vault)


def test_ctrl_l_locks(qtbot, session, settings, clock) -> None:
    window = unlocked_window(qtbot, session, settings, clock)
    vault = window.session.vault
    window.lock_action.trigger()
    assert_locked_clean(window, vault)


def test_recovery_code_resets_a_forgotten_passphrase(qtbot, session, settings, clock) -> None:
    code = session.recovery_code
    path = session.path
    session.lock(backup=False)
    window = make_window(qtbot, Session(path, kdf=session.kdf), settings, clock)
    qtbot.mouseClick(window.unlock_page.forgot, Qt.MouseButton.LeftButton)
    page = window.recovery_page
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.code, code.lower())
    page.passphrase.setText("a new night passphrase")
    page.repeat.setText("a new night passphrase")
    qtbot.mouseClick(page.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    window.lock()


def test_language_switch_retranslates(qtbot, session, settings, clock) -> None:
    window = unlocked_window(qtbot, session, settings, clock)
    window.set_language("da")
    assert window.translations.language == "da"
    window.set_language("en")
    assert window.file_menu.title() == "&File"
    window.lock()


def test_every_interactive_widget_on_the_unlock_page_has_a_name(
    qtbot, session, settings, clock
) -> None:
    path = session.path
    session.lock(backup=False)
    window = make_window(qtbot, Session(path, kdf=session.kdf), settings, clock)
    for widget in window.unlock_page.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            assert widget.accessibleName()


def test_a_damaged_vault_offers_its_newest_backup_and_restores_it(
    qtbot, session, settings, clock, monkeypatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from redvan.storage.backup import automatic_backup

    automatic_backup(session.vault, "lock")
    path = session.path
    session.lock(backup=False)
    data = bytearray(path.read_bytes())
    data[100:116] = bytes(b ^ 0xFF for b in data[100:116])
    path.write_bytes(bytes(data))
    window = make_window(qtbot, Session(path, kdf=session.kdf), settings, clock)
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=10_000)
    assert "damaged" in page.error.text() and page.restore_button.isVisible()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASS, True)))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Restored" in page.error.text(), timeout=10_000)
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    window.lock()
