"""Issue 15, item 9: at the default 1100 x 720 in Danish, Reports cut "Why" to "Hidden so a
count …" and the week pickers to "30. nov. – 6. d"; the incident form's "Support given" list
showed 7 rows above empty space. Measured in the real window, in Danish."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox

from redvan.gui.i18n import Translations
from redvan.gui.incidents.page import IncidentsPage
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.reports.page import ReportsPage
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.workspace import Context
from tests.gui.test_reports import LAST_WEEK, record_week
from tests.gui.themed import dark_theme  # noqa: F401 (a fixture)

NIGHT = datetime(2026, 11, 20, 22, 0)


@pytest.fixture
def window(qtbot, session: Session, tmp_path, request) -> MainWindow:  # type: ignore[no-untyped-def]
    request.getfixturevalue("dark_theme")  # measured as people see it
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    translations = Translations(QApplication.instance())
    window = MainWindow(session, settings, translations, build_pages, wire=wire, now=lambda: NIGHT)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    record_week(Context(session, "da", now=lambda: NIGHT), LAST_WEEK)
    window._unlocked()
    window.set_language("da")
    yield window
    window.set_language("en")


def test_reports_week_pickers_and_why_are_whole(window: MainWindow) -> None:
    assert window.workspace is not None
    page = window.workspace.open_page("reports")
    assert isinstance(page, ReportsPage)
    page.choose_recent(3, 0)  # four weeks: the pickers show two different weeks
    QApplication.processEvents()
    for combo in (page.first, page.last):
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        text = combo.currentText()
        assert combo.fontMetrics().horizontalAdvance(text) <= field.width(), text
    view, model = page.view, page.model
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    metrics = view.fontMetrics()
    checked = 0
    for row in range(model.rowCount()):
        index = model.index(row, model.COL_WHY)
        text = str(model.data(index) or "")
        if not text:
            continue
        rect = view.visualRect(index)
        room = rect.width() - 2 * margin
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text)
        assert needed.width() <= room and needed.height() <= rect.height(), text
        checked += 1
    assert checked >= 3  # small counts and the cell hidden to protect them


def test_support_given_uses_the_height_of_the_form(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    page = window.workspace.open_page("incidents")
    assert isinstance(page, IncidentsPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    support = page.support
    row = support.sizeHintForRow(0)
    shown = support.viewport().height() // row
    assert shown >= min(support.count(), 14), f"{shown} of {support.count()} rows"
