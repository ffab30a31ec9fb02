"""Issue 15, item 6: no two mnemonics (Alt+letter) on what a window shows at once.

In the incident form "What &happened" took Alt+H, which also opens the &Help menu: Qt then
cycles between them and the key seems to do nothing. Every screen, every tab of it, in both
languages, is checked against the menu bar and itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTabWidget, QWidget

from redvan.core.enums import IncidentType
from redvan.gui.i18n import Translations
from redvan.gui.incidents.page import IncidentsPage
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import SCREENS, build_pages, wire
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings

NIGHT = datetime(2026, 11, 20, 22, 0)


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def clashes(window: MainWindow) -> dict[str, list[str]]:
    """Mnemonic letter -> what uses it, for those used twice on what is shown now."""
    users: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if (key := mnemonic(action.text())) is not None:
            users[key].append(f"menu {action.text()!r}")
    for widget in window.centralWidget().findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        text = ""
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text() if widget.buddy().isVisibleTo(window) else ""
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                if (key := mnemonic(widget.tabText(index))) is not None:
                    users[key].append(f"tab {widget.tabText(index)!r}")
        if text and (key := mnemonic(text)) is not None:
            users[key].append(f"{type(widget).__name__} {text!r}")
    return {key: found for key, found in users.items() if len(found) > 1}


@pytest.fixture
def window(qtbot, session: Session, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(
        session,
        settings,
        Translations(QApplication.instance()),
        build_pages,
        wire=wire,
        now=lambda: NIGHT,
    )
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    window._unlocked()  # the session of the fixture is open already
    return window


def _screen_params() -> list[object]:
    params = []
    for language in ("en", "da"):
        for cls, _title in SCREENS:
            params.append(pytest.param(language, cls.key, id=f"{language}-{cls.key}"))
    return params


@pytest.mark.parametrize(("language", "key"), _screen_params())
def test_no_mnemonic_is_used_twice_on_a_screen(window: MainWindow, language: str, key: str) -> None:
    window.set_language(language)
    assert window.workspace is not None
    page = window.workspace.open_page(key)
    found: dict[str, dict[str, list[str]]] = {}
    tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(window)]
    for tab_widget in tabs or [None]:
        for index in range(tab_widget.count() if tab_widget else 1):
            if tab_widget is not None:
                tab_widget.setCurrentIndex(index)
            QApplication.processEvents()
            where = tab_widget.tabText(index) if tab_widget else key
            if clash := clashes(window):
                found[where] = clash
    window.set_language("en")
    assert found == {}


def test_alt_w_goes_to_what_happened_and_alt_h_opens_help(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    page = window.workspace.open_page("incidents")
    assert isinstance(page, IncidentsPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.description.setFocus()
    qtbot.keyClick(page.description, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    first = page.type_boxes[IncidentType.PHYSICAL_VIOLENCE]
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    popup = QApplication.activePopupWidget()
    assert popup is window.help_menu
    popup.close()
