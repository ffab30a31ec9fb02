"""A whole night shift through the real window and screens, as staff would work it.

Create the vault, start the shift, log a new person, the same person returning, an uncoded
contact, a referral with a follow-up and a note that trips the PII guard; get locked by the
idle timer (a fake clock), unlock, find the draft again, end the shift. T12 after each lock.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit

from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.storage import audit

PASS = "night shift passphrase"
CTRL = Qt.KeyboardModifier.ControlModifier
SECRETS = ("MAJA7", "LUNA5", "ROSE42", "DRAFT9", "22 33 44 55", "half-written")


class FakeClock:
    def __init__(self) -> None:
        self.mono, self.wall_time = 5000.0, 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall_time += seconds

    def monotonic(self) -> float:
        return self.mono

    def wall(self) -> float:
        return self.wall_time


def screen_text() -> str:
    parts = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QLabel):
            parts.append(widget.text())
    return "\n".join(parts)


def assert_t12(window: MainWindow, vault: object) -> None:
    assert window.workspace is None and not window.session.is_open
    window.session.wait_closed()  # the lock's backup runs on a worker thread, then the key goes
    assert vault.is_open is False  # type: ignore[attr-defined]
    shown = screen_text().upper()
    for secret in SECRETS:
        assert secret.upper() not in shown, secret


def press(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> int:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget() or widget
    from PySide6.QtTest import QTest

    QTest.keyClick(target, key, modifier)
    return 1


@pytest.fixture
def window(qtbot, tmp_path: Path, fast_kdf) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    clock = FakeClock()
    win = MainWindow(
        Session(kdf=fast_kdf),
        settings,
        Translations(QApplication.instance()),
        build_pages,
        wire=wire,
        clock=clock,
    )
    win.fake_clock = clock  # type: ignore[attr-defined]
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    return win


def test_a_whole_night_shift(qtbot, window: MainWindow, tmp_path: Path) -> None:
    clock: FakeClock = window.fake_clock  # type: ignore[attr-defined]
    # -- create the vault -----------------------------------------------------------------
    window.show_wizard()
    wizard = window.wizard
    wizard.path_edit.setText(str(tmp_path / "van.redvan"))
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    wizard.initials.setText("AB")
    wizard.passphrase.setText(PASS)
    wizard.repeat.setText(PASS)
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 2, timeout=10_000)
    wizard.confirm.setChecked(True)
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    workspace = window.workspace
    assert workspace is not None
    services = window.session.services

    # -- start the shift ------------------------------------------------------------------
    tonight = workspace.open_page("tonight")
    tonight.team.setText("Van 1")
    for row in range(tonight.zones.count()):
        item = tonight.zones.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in ("istedgade", "vesterbro"):
            item.setCheckState(Qt.CheckState.Checked)
    shift = tonight.start_shift()
    assert shift is not None and services.store.open_shift() is not None

    # -- a new coded person, then the same person returning --------------------------------
    qtbot.mouseClick(tonight.new_contact, Qt.MouseButton.LeftButton)  # "New contact (Ctrl+N)"
    contact = workspace.current()
    assert contact.key == "contact"
    qtbot.keyClicks(contact.code, "MAJA7")
    for key, mod in (
        (Qt.Key.Key_Return, None),
        (Qt.Key.Key_1, None),
        (Qt.Key.Key_2, None),
        (Qt.Key.Key_Return, CTRL),
    ):
        press(contact, key, mod or Qt.KeyboardModifier.NoModifier)
    first = services.find_by_code("MAJA7")
    assert first is not None
    qtbot.keyClicks(contact.code, "maja-7")
    press(contact, Qt.Key.Key_Return)
    assert first.alias in contact.person_name.text() or "Returning" in contact.person_detail.text()
    for key, mod in ((Qt.Key.Key_1, None), (Qt.Key.Key_3, None), (Qt.Key.Key_Return, CTRL)):
        press(contact, key, mod or Qt.KeyboardModifier.NoModifier)
    assert len(services.store.contacts_of_profile(first.id)) == 2

    # -- an uncoded contact ---------------------------------------------------------------
    contact.no_code.setChecked(True)
    contact.toggle_service(0)
    assert contact.save() is not None
    assert services.store.count_contacts() == 3

    # -- a referral and its follow-up -----------------------------------------------------
    qtbot.keyClicks(contact.code, "LUNA5")
    contact.look_up(final=True)
    contact.add_referral_row({"destination": "reden", "status": "referred"})
    saved = contact.save()
    assert saved is not None and len(saved.referral_ids) == 1
    followups = workspace.open_page("followups")
    followups.prefill_person(saved.profile_id)
    added = followups.add_followup()
    assert added is not None and added.profile_id == saved.profile_id

    # -- a note that looks like personal data ---------------------------------------------
    workspace.open_page("contact")
    qtbot.keyClicks(contact.code, "ROSE42")
    contact.look_up(final=True)
    contact.note.setPlainText("Ring hende på 22 33 44 55 i morgen")
    assert contact.save() is None
    assert contact.pii.isVisible() and services.store.count_contacts() == 4
    assert contact.save(confirm_pii=True) is not None
    assert services.store.count_contacts() == 5

    # -- idle: the draft is kept encrypted, every view is cleared -------------------------
    qtbot.keyClicks(contact.code, "DRAFT9")
    contact.toggle_service(3)
    contact.note.setPlainText("half-written note")
    vault = window.session.vault
    clock.advance(5 * 60 + 1)
    window.idle.check()
    assert_t12(window, vault)
    raw = window.session.path.read_bytes()
    assert b"half-written" not in raw and b"DRAFT9" not in raw

    # -- unlock: the draft comes back (the code is asked for again) -------------------------
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    workspace = window.workspace
    services = window.session.services
    contact = workspace.page("contact")
    assert contact.note.toPlainText() == "half-written note"
    assert contact.code.text() == "" and contact._toggles[3].isChecked()

    # -- end the shift and lock on demand -------------------------------------------------
    tonight = workspace.open_page("tonight")
    assert tonight.end_shift()
    assert services.store.open_shift() is None
    assert tonight.contacts_model.rowCount() == 5
    vault = window.session.vault
    window.lock_action.trigger()
    assert_t12(window, vault)

    # the audit chain holds every step, and no event carries a value
    from redvan.storage.vault import unlock

    reopened = unlock(window.session.path, PASS)
    try:
        assert audit.verify(reopened.conn).ok
        rows = reopened.conn.execute("SELECT * FROM audit").fetchall()
        flat = " ".join(str(v) for row in rows for v in row).upper()
        for secret in SECRETS:
            assert secret.upper() not in flat
    finally:
        reopened.close(backup=False)
