"""The Reports screen (R1–R4) and the programme early warning on Tonight (R3)."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redvan.core.model import ContactInput, ServiceGiven, Staff
from redvan.core.weeks import IsoWeek
from redvan.gui.pages import build_pages
from redvan.gui.reports.page import ReportsPage, TallyPreviewModel
from redvan.gui.tonight.page import TonightPage
from redvan.gui.workspace import Context
from tests import exit_scenario as exit_

THIS_WEEK = IsoWeek(2026, 47)
LAST_WEEK = IsoWeek(2026, 46)


def record_week(context: Context, week: IsoWeek) -> None:
    """20 street contacts, 3 online (a small count) and one with legal advice."""
    services = context.services
    night = datetime.combine(week.monday() + timedelta(days=4), datetime.min.time())
    for minute in range(20):
        services.save_contact(
            ContactInput(
                time=night + timedelta(hours=21, minutes=minute),
                zone="istedgade",
                channel="street",
                services=(ServiceGiven("condoms", 5),),
            )
        )
    for minute in range(3):
        services.save_contact(
            ContactInput(
                time=night + timedelta(hours=23, minutes=minute),
                zone="istedgade",
                channel="online",
                code=f"ONLINE{minute}",
                services=(ServiceGiven("legal-advice", 1),) if minute == 0 else (),
            )
        )


@pytest.fixture
def page(qtbot, context: Context) -> ReportsPage:  # type: ignore[no-untyped-def]
    record_week(context, LAST_WEEK)
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    widget.refresh()
    return widget


def row_text(model: TallyPreviewModel, table: str, category: str | None, column: int) -> str:
    row = model.find(table, category)
    assert row >= 0, (table, category)
    return str(model.data(model.index(row, column)))


def test_it_is_a_screen_of_the_workspace_before_settings(context: Context) -> None:
    keys = [p.key for p in build_pages(context)]
    assert keys.index("reports") == keys.index("settings") - 1


def test_the_preview_opens_on_last_week_with_exact_beside_published(page) -> None:  # type: ignore[no-untyped-def]
    assert page.period() == (LAST_WEEK, LAST_WEEK)
    model = page.model
    assert row_text(model, "total", "contacts", model.COL_COUNT) == "23"
    assert row_text(model, "total", "contacts", model.COL_REPORT) in ("20", "25")
    assert row_text(model, "contacts.channel", "online", model.COL_COUNT) == "3"
    assert row_text(model, "contacts.channel", "online", model.COL_REPORT) in ("0", "5")
    assert row_text(model, "contacts.channel", "online", model.COL_WHY) == (
        "Rounded to a multiple of 5"
    )
    for row in range(model.rowCount()):
        data = model.row_data(row)
        shown = data.shown
        if shown is not None and (data.table, data.category) != ("persons.new", "returning"):
            assert shown.value % 5 == 0 and abs(shown.value - shown.true_value) < 5
    assert "week 46, 2026" in page.preview_title.text()
    assert page.pdf_button.isEnabled() and page.csv_button.isEnabled()


def test_presets_and_a_wrong_period(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.four_weeks, Qt.MouseButton.LeftButton)
    assert page.period() == (THIS_WEEK - 3, THIS_WEEK)
    assert page.disclosed is not None and not page.disclosed.tally.is_week
    assert page.model.find("contacts.week", str(LAST_WEEK)) >= 0
    qtbot.mouseClick(page.this_week, Qt.MouseButton.LeftButton)
    assert page.period() == (THIS_WEEK, THIS_WEEK)
    page.first.set_week(THIS_WEEK)
    page.last.set_week(LAST_WEEK)  # the signal recomputes
    assert page.period_error.isVisibleTo(page)
    assert not page.pdf_button.isEnabled()
    qtbot.mouseClick(page.last_week, Qt.MouseButton.LeftButton)
    assert not page.period_error.isVisibleTo(page) and page.pdf_button.isEnabled()


def test_the_period_is_chosen_by_keyboard(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.first.setFocus()
    qtbot.keyClick(page.first, Qt.Key.Key_Down)  # one week further back
    assert page.period() == (LAST_WEEK - 1, LAST_WEEK)
    assert page.disclosed is not None and page.disclosed.tally.first == LAST_WEEK - 1
    assert page.first_label.buddy() is page.first and "&" in page.first_label.text()


def test_saving_a_pdf_runs_in_the_background_and_is_audited(page, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "weekly.pdf"
    with qtbot.waitSignal(page.exported, timeout=20_000) as blocker:
        assert page.export("pdf", target)
        assert page.progress.isVisibleTo(page) and not page.pdf_button.isEnabled()
    assert blocker.args == ["pdf"]
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not page.progress.isVisibleTo(page) and page.pdf_button.isEnabled()
    assert page.status.text() == "Saved weekly.pdf."
    row = page.services.store.conn.execute(
        "SELECT action, entity, entity_id FROM audit ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert tuple(row) == ("export", "tally-pdf", "2026-W46..2026-W46")


def test_saving_a_csv_from_the_button_in_danish(page, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "uge.csv"
    asked = []

    def ask(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(Path(start).name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    page.language.setCurrentIndex(page.language.findData("da"))
    with qtbot.waitSignal(page.exported, timeout=20_000):
        qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert asked == ["ugeopgoerelse-2026-W46.csv"]
    text = target.read_bytes().decode("utf-8-sig")
    published = page.disclosed
    assert published is not None
    contacts = published.total("contacts").value
    assert f'"total","contacts","Kontakter","{contacts}"' in text and contacts in (20, 25)
    online = published.table("contacts.channel").cell("online").value
    assert f'"contacts.channel","online","Online","{online}"' in text
    assert "<5" not in text and '"x"' not in text


def test_a_failed_save_is_said_inline(page, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.export_failed, timeout=20_000):
        page.export("csv", tmp_path / "missing" / "folder" / "x.csv")
    assert page.status.isVisibleTo(page) and page.status.property("role") == "error"
    assert page.pdf_button.isEnabled()


def test_an_outreach_worker_gets_an_explanation(qtbot, context: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    worker = Staff("w1", "CD", "outreach")
    monkeypatch.setattr(context.session, "me", lambda: worker)
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.stack.currentWidget() is page.denied
    assert "coordinator" in page.denied.text()
    assert page.disclosed is None and page.model.rowCount() == 0


def test_labels_follow_the_language(page) -> None:  # type: ignore[no-untyped-def]
    page.context.language = "da"
    page.retranslate()
    model = page.model
    assert row_text(model, "contacts.channel", "street", model.COL_FIGURE).strip() == "Gade"
    assert row_text(model, "contacts.code", "uncoded", model.COL_FIGURE).strip() == "Uden kode"


# -- the memo's programme: the shortfall on Reports and on Tonight --------------------------


def test_the_programme_shortfall_shows_on_reports_and_tonight(qtbot, context: Context) -> None:  # type: ignore[no-untyped-def]
    first = THIS_WEEK - (exit_.HALFWAY - 1)  # halfway this week
    exit_.record(context.services, first)

    tonight = TonightPage(context)
    qtbot.addWidget(tonight)
    tonight.show()
    with qtbot.waitSignal(tonight.details_loaded):  # the warning follows the painted contacts
        tonight.refresh()
    banner = tonight.programme_warning
    assert banner.isVisibleTo(tonight)
    text = banner.label.text()
    assert "EXIT 2020–2023 has reached 64 of 465 persons" in text
    assert "forecast to reach 128" in text and "3.9 persons a week" in text

    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.mouseClick(page.this_week, Qt.MouseButton.LeftButton)
    assert [w.text() for w in page.reach.warnings] == [
        "Early warning: the forecast is 337 short of the target."
    ]
    assert page.reach.bars[0].value() == 64 and page.reach.bars[0].maximum() == 465


def test_tonight_shows_no_warning_for_a_programme_on_track(qtbot, context: Context) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    services.save_programme("small", "Small", THIS_WEEK - 9, THIS_WEEK + 10, 12)
    monday = datetime.combine((THIS_WEEK - 9).monday(), datetime.min.time())
    for n in range(8):
        services.save_contact(
            ContactInput(
                time=monday + timedelta(days=7 * n, hours=22), code=f"SMALL{n}", programme="small"
            )
        )
    tonight = TonightPage(context)
    qtbot.addWidget(tonight)
    tonight.show()
    with qtbot.waitSignal(tonight.details_loaded):  # the warning follows the painted contacts
        tonight.refresh()
    assert not tonight.programme_warning.isVisibleTo(tonight)
