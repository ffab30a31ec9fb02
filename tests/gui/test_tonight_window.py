"""Tonight inside the real window, driven by real key events (issue 15, items 1 and the
returning-person key count)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from redvan.core.model import ContactInput, ServiceGiven
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings

PASS = "night shift passphrase"
NIGHT = datetime(2026, 11, 20, 22, 0)
CTRL = Qt.KeyboardModifier.ControlModifier


def _vault(tmp_path: Path, fast_kdf) -> Path:  # type: ignore[no-untyped-def]
    """A vault with a running shift and MAJA7 met last week."""
    session = Session(kdf=fast_kdf)
    vault, _code = session.create(tmp_path / "van.redvan", "AB", PASS)
    session.attach(vault)
    services = session.services
    assert services is not None
    me = [s.id for s in services.store.list_staff()]
    services.start_shift("Van 1", ["istedgade"], me, NIGHT - timedelta(hours=1))
    services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(days=7),
            zone="istedgade",
            channel="street",
            code="MAJA7",
            services=(ServiceGiven("condoms", 10),),
        )
    )
    session.lock(backup=False)
    return tmp_path / "van.redvan"


@pytest.fixture
def window(qtbot, tmp_path: Path, fast_kdf) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    path = _vault(tmp_path, fast_kdf)
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(
        Session(path, kdf=fast_kdf),
        settings,
        Translations(QApplication.instance()),
        build_pages,
        wire=wire,
        now=lambda: NIGHT,
    )
    qtbot.addWidget(win)
    win.resize(1100, 720)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    page = win.unlock_page
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.workspace is not None, timeout=10_000)
    yield win
    if win.session.is_open:
        win.session.lock(backup=False)


def _focused(window: MainWindow) -> QWidget:
    return QApplication.focusWidget() or window


def test_ctrl_n_on_tonight_opens_a_new_contact(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Issue 15, 1: Ctrl+N was bound on the button and window-wide; Qt saw an ambiguous
    shortcut and did nothing on the one screen that advertises it."""
    workspace = window.workspace
    assert workspace is not None
    tonight = workspace.open_page("tonight")
    assert "Ctrl+N" in tonight.new_contact.text()
    tonight.new_contact.setFocus()
    QTest.keyClick(_focused(window), Qt.Key.Key_N, CTRL)
    assert workspace.current().key == "contact"


def test_ctrl_digits_are_shown_and_work(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    assert workspace is not None
    tonight = workspace.open_page("tonight")
    assert tonight.keys_hint.isVisible() and "Ctrl+1" in tonight.keys_hint.text()
    QTest.keyClick(_focused(window), Qt.Key.Key_5, CTRL)
    assert workspace.current().key == workspace.keys[4]
    QTest.keyClick(_focused(window), Qt.Key.Key_1, CTRL)
    assert workspace.current().key == "tonight"


def test_returning_person_with_two_services_key_count(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The returning-person path from Tonight, every step a real key press, counted."""
    workspace = window.workspace
    assert workspace is not None
    services = window.session.services
    assert services is not None
    workspace.open_page("tonight")
    presses = 0

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal presses
        QTest.keyClick(_focused(window), key, modifier)
        presses += 1

    press(Qt.Key.Key_N, CTRL)
    contact = workspace.current()
    assert contact.key == "contact"
    QTest.keyClicks(_focused(window), "MAJA7")  # the code itself: 5 presses, counted apart
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_1)
    press(Qt.Key.Key_2)
    press(Qt.Key.Key_Return, CTRL)
    person = services.find_by_code("MAJA7")
    assert person is not None
    saved = services.store.contacts_of_profile(person.id)
    assert len(saved) == 2
    newest = max(saved, key=lambda c: c.time)
    assert len(newest.services) == 2 and newest.zone == "istedgade"
    # Ctrl+N, Return, 1, 2, Ctrl+Enter: 5 after Tonight, besides the code's 5 characters.
    assert presses == 5
