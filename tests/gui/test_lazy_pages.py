"""The workspace builds each screen on its first open (bench B7), and stays wired and wipeable."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from redvan.core.enums import FollowUpType
from redvan.gui.followups.page import FollowUpsPage
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.tonight.page import TonightPage
from redvan.gui.workspace import Context, Workspace

KEYS = ["tonight", "contact", "profiles", "followups", "incidents", "referrals", "reports"]


def window_over(qtbot, session: Session, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(
        session, settings, Translations(QApplication.instance()), build_pages, wire=wire
    )
    qtbot.addWidget(window)
    window.show()
    window._unlocked()
    return window


def test_only_the_first_screen_is_built_at_unlock(qtbot, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = window_over(qtbot, session, tmp_path)
    workspace = window.workspace
    assert isinstance(workspace, Workspace)
    assert workspace.keys == [*KEYS, "settings"]
    assert [p.key for p in workspace.built_pages()] == ["tonight"]
    assert workspace.nav.count() == 8
    # Each navigation label is the screen's own title, before and after it is built.
    before = [workspace.nav.item(row).text() for row in range(workspace.nav.count())]
    after = [page.title() for page in workspace.pages]
    assert before == after
    assert [p.key for p in workspace.built_pages()] == [*KEYS, "settings"]


def test_shortcuts_open_and_build_screens(qtbot, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = window_over(qtbot, session, tmp_path)
    workspace = window.workspace
    assert workspace is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = QApplication.focusWidget() or workspace
    qtbot.keyClick(target, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert workspace.current().key == "profiles"
    assert workspace.stack.currentWidget() is workspace.page("profiles")
    assert workspace.is_built("profiles") and not workspace.is_built("incidents")
    workspace.open_page("tonight")
    assert workspace.stack.currentWidget() is workspace.page("tonight")


def test_screens_are_wired_when_built_later(qtbot, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = window_over(qtbot, session, tmp_path)
    workspace = window.workspace
    assert workspace is not None
    tonight = workspace.page("tonight")
    assert isinstance(tonight, TonightPage)
    tonight.new_contact_requested.emit()  # the contact screen is built on demand
    assert workspace.current().key == "contact"
    followup = session.services.add_followup(
        session.services.create_profile("HERON42", tonight.context.now()).id,
        FollowUpType.CALL_BACK,
        tonight.context.now().date(),
        None,
    )
    tonight.followup_activated.emit(followup.id)
    followups = workspace.current()
    assert isinstance(followups, FollowUpsPage) and followups.key == "followups"
    settings = workspace.page("settings")
    settings.setting_changed.emit("auto_lock_minutes", 7)  # type: ignore[attr-defined]
    assert window.idle.timeout_seconds == 7 * 60


def test_a_draft_builds_its_screen_and_the_lock_wipes_what_was_built(  # type: ignore[no-untyped-def]
    qtbot, session, tmp_path
) -> None:
    context = Context(session)
    store = context.services.store
    with store.transaction():
        store.save_draft("followups", '{"outcome": "called back MARKERQ7Z", "person": ""}')
    window = window_over(qtbot, session, tmp_path)
    workspace = window.workspace
    assert workspace is not None
    assert workspace.is_built("followups") and not workspace.is_built("incidents")
    followups = workspace.page("followups")
    assert isinstance(followups, FollowUpsPage)
    assert followups.outcome.text() == "called back MARKERQ7Z"
    window.lock()
    assert window.workspace is None
    assert followups.outcome.text() == ""
    # ...and the draft was kept for the next unlock, the screen not being open
    assert session.services is None


def test_the_screens_modules_are_imported_while_the_key_is_derived(session, fast_kdf) -> None:  # type: ignore[no-untyped-def]
    path = session.path
    session.lock(backup=False)
    sys.modules.pop("colorsys", None)  # a module nothing here imports
    other = Session(path, kdf=fast_kdf, preload=("colorsys", "redvan.no_such_module"))
    vault = other.open_vault("AB", "night shift passphrase")
    try:
        assert "colorsys" in sys.modules  # loaded (and a failing one only logged)
        assert other.preload == ()  # once
    finally:
        vault.close(backup=False)
