"""Settings → Reporting day: the day-start hour and time zone, shown and saved (SPEC §3)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from redvan.core.model import ContactInput
from redvan.core.night import Clock
from redvan.gui.vault_settings import SettingsPage
from redvan.gui.workspace import Context

REPORTING_DAY = 5  # the tab after Language


@pytest.fixture
def page(context: Context, qtbot) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    widget.refresh()
    return widget


def test_the_section_shows_the_vaults_rule_and_saves_a_change(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    services.save_contact(ContactInput(time=datetime(2026, 11, 23, 1, 30)))  # Monday 01:30
    page.select_section(REPORTING_DAY)
    section = page.reporting_day
    assert page.tabs.tabText(REPORTING_DAY) == "Reporting day"
    assert section.hour.value() == 6 and section.zone.currentText() == "Europe/Copenhagen"
    assert "06:00" in section.rule.text()
    assert not section.save_button.isEnabled() and not section.warning.isVisibleTo(page)

    section.hour.setValue(0)
    assert section.save_button.isEnabled() and section.warning.isVisibleTo(page)
    with qtbot.waitSignal(section.reporting_day_changed):
        qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert services.clock() == Clock(0, "Europe/Copenhagen")
    assert "1 contact" in section.status.text()
    assert services.store.conn.execute("SELECT week FROM contact").fetchone()[0] == "2026-W48"


def test_an_unknown_time_zone_is_refused_inline(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(REPORTING_DAY)
    section = page.reporting_day
    section.zone.setCurrentText("Atlantis/Nowhere")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert "not a time zone" in section.status.text()
    assert context.services.clock() == Clock()
