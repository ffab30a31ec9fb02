"""The follow-ups screen (G5): overdue / today / upcoming, closing with an outcome, planning."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from redvan.core.enums import FollowUpStatus, FollowUpType
from redvan.core.model import ContactInput, ReferralInput
from redvan.gui.followups.page import FollowUpsPage
from redvan.gui.widgets import followup_list
from redvan.gui.widgets.followup_list import (
    FollowUpDirectory,
    FollowUpsModel,
    partition_followups,
)
from redvan.gui.widgets.people import find_people

# The clock of the `context` fixture: Friday 2026-11-20 22:00.
NIGHT = datetime(2026, 11, 20, 22, 0)
TODAY = NIGHT.date()


def _page(context, qtbot) -> FollowUpsPage:  # type: ignore[no-untyped-def]
    page = FollowUpsPage(context)
    qtbot.addWidget(page)
    page.refresh()
    page.resize(1100, 720)
    page.show()
    return page


def _text(model, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def plan(session):  # type: ignore[no-untyped-def]
    """One person with follow-ups due before, on and after today, plus one already done."""
    services = session.services
    saved = services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(days=3), code="MAJA7", referrals=(ReferralInput("reden"),)
        )
    )
    me = services.store.staff_id
    followups = {
        "overdue": services.add_followup(
            saved.profile_id,
            FollowUpType.REFERRAL_CHECK,
            TODAY - timedelta(days=3),
            me,
            referral_id=saved.referral_ids[0],
        ),
        "today": services.add_followup(saved.profile_id, FollowUpType.CALL_BACK, TODAY, None),
        "upcoming": services.add_followup(
            saved.profile_id, FollowUpType.BISIDNING, TODAY + timedelta(days=4), me
        ),
        "closed": services.add_followup(
            saved.profile_id, FollowUpType.OTHER, TODAY - timedelta(days=1), me
        ),
    }
    services.close_followup(followups["closed"].id, FollowUpStatus.DONE, None, NIGHT)
    return saved, followups


def test_partition_is_around_today(session, plan) -> None:  # type: ignore[no-untyped-def]
    _, followups = plan
    store = session.services.store
    overdue, today, upcoming = partition_followups(store.followups(status=None), TODAY)
    assert [f.id for f in overdue] == [followups["overdue"].id]
    assert [f.id for f in today] == [followups["today"].id]
    assert [f.id for f in upcoming] == [followups["upcoming"].id]
    # a day later, today's is overdue
    overdue, today, upcoming = partition_followups(store.followups(), TODAY + timedelta(days=1))
    assert len(overdue) == 2 and today == [] and len(upcoming) == 1


def test_model_without_a_view(session, plan) -> None:  # type: ignore[no-untyped-def]
    saved, followups = plan
    store = session.services.store
    model = FollowUpsModel("en")
    model.set_followups(store.followups(), FollowUpDirectory(store), TODAY)
    assert model.rowCount() == 3 and model.columnCount() == 6
    assert _text(model, 0, model.COL_DUE) == "Tue 17 Nov"
    assert _text(model, 0, model.COL_PERSON) == saved.alias
    assert _text(model, 0, model.COL_TYPE) == "Referral check"
    assert _text(model, 0, model.COL_ASSIGNED) == "AB"
    assert _text(model, 0, model.COL_REFERRAL) == "Reden København (KFUK's social work)"
    assert _text(model, 0, model.COL_STATUS).startswith("Overdue by 3")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == followups["overdue"].id
    assert _text(model, 1, model.COL_DUE) == "Today"
    assert _text(model, 1, model.COL_ASSIGNED) == ""
    assert _text(model, 1, model.COL_REFERRAL) == ""
    assert _text(model, 1, model.COL_STATUS) == "Open"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(model.COL_REFERRAL, Qt.Orientation.Horizontal) == "Referral"

    model.set_language("da")
    assert _text(model, 0, model.COL_TYPE) == "Opfølgning på henvisning"
    assert _text(model, 0, model.COL_REFERRAL) == "Reden København"
    assert _text(model, 2, model.COL_DUE) == "tirs. 24. nov."
    assert _text(model, 2, model.COL_TYPE) == "Bisidning"


def test_model_loads_a_long_list_lazily(session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(followup_list, "PAGE_SIZE", 2)
    services = session.services
    person = services.create_profile("LONG77", NIGHT)
    ids = [
        services.add_followup(person.id, FollowUpType.CALL_BACK, TODAY + timedelta(days=d), None).id
        for d in range(5)
    ]
    model = FollowUpsModel("en")
    model.set_followups(services.store.followups(), FollowUpDirectory(services.store), TODAY)
    assert model.rowCount() == 2 and model.total() == 5
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 4
    assert model.row_of(ids[4]) == 4
    assert model.rowCount() == 5 and not model.canFetchMore()


def test_page_tabs_with_counts(context, qtbot, plan) -> None:  # type: ignore[no-untyped-def]
    _, followups = plan
    page = _page(context, qtbot)
    assert [page.tabs.tabText(i) for i in range(3)] == ["Overdue (1)", "Today (1)", "Upcoming (1)"]
    assert page.models[page.TAB_TODAY].followup(0).id == followups["today"].id


def test_close_with_an_outcome(context, qtbot, plan) -> None:  # type: ignore[no-untyped-def]
    _, followups = plan
    page = _page(context, qtbot)
    assert not page.done_button.isEnabled()  # nothing selected yet
    assert page.select(followups["overdue"].id)
    assert page.tabs.currentIndex() == page.TAB_OVERDUE
    assert page.done_button.isEnabled()
    qtbot.keyClicks(page.outcome, "Went with her to the clinic")
    with qtbot.waitSignal(page.followup_closed) as closed:
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert closed.args == [followups["overdue"].id]
    stored = context.services.store.followup_by_id(followups["overdue"].id)
    assert stored.status == "done" and stored.outcome == "Went with her to the clinic"
    assert page.tabs.tabText(0) == "Overdue (0)"
    assert page.message.property("role") == "ok"
    assert page.outcome.text() == ""


def test_missed_and_cancelled_by_shortcut(context, qtbot, plan) -> None:  # type: ignore[no-untyped-def]
    _, followups = plan
    page = _page(context, qtbot)
    assert page.missed_button.shortcut().toString() == "Alt+M"
    assert page.done_button.shortcut().toString() == "Alt+D"
    assert page.cancelled_button.shortcut().toString() == "Alt+C"  # from the "&" mnemonics
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.select(followups["today"].id)
    store = context.services.store
    # a button's shortcut "animates" the click, so the click lands a moment later
    with qtbot.waitSignal(page.followup_closed):
        qtbot.keyClick(page.views[page.TAB_TODAY], Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert store.followup_by_id(followups["today"].id).status == "missed"
    page.select(followups["upcoming"].id)
    with qtbot.waitSignal(page.followup_closed):
        qtbot.keyClick(page.views[page.TAB_UPCOMING], Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    upcoming = store.followup_by_id(followups["upcoming"].id)
    assert upcoming.status == "cancelled" and upcoming.outcome is None


def test_pii_in_the_outcome_is_caught(context, qtbot, plan) -> None:  # type: ignore[no-untyped-def]
    _, followups = plan
    store = context.services.store
    page = _page(context, qtbot)
    page.select(followups["today"].id)
    qtbot.keyClicks(page.outcome, "Call her on 22 33 44 55")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert store.followup_by_id(followups["today"].id).status == "open"
    assert page.message.isVisible() and page.message.property("role") == "warning"
    assert "phone number" in page.message.text()
    assert page.save_anyway.isVisible()
    # editing the text withdraws "Save anyway"
    qtbot.keyClick(page.outcome, Qt.Key.Key_Backspace)
    assert not page.save_anyway.isVisible()
    qtbot.keyClicks(page.outcome, "5")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.save_anyway.isVisible()
    qtbot.mouseClick(page.save_anyway, Qt.MouseButton.LeftButton)
    stored = store.followup_by_id(followups["today"].id)
    assert stored.status == "done" and stored.outcome == "Call her on 22 33 44 55"


def test_closing_needs_a_selection(context, qtbot, plan) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    assert not page.close_selected(FollowUpStatus.DONE)
    assert page.message.property("role") == "error"


def test_find_people_by_alias_in_either_language(session) -> None:  # type: ignore[no-untyped-def]
    services = session.services
    person = services.create_profile("FINDME9", NIGHT)
    store = services.store
    animal, number = person.alias.rsplit("-", 1)
    assert [p.id for p in find_people(store, person.alias)] == [person.id]
    assert person.id in [p.id for p in find_people(store, animal[:3].lower())]
    assert person.id in [p.id for p in find_people(store, f"{animal} {number[0]}")]
    from redvan.core.codes import alias_label

    danish = alias_label(person.alias, "da")
    assert [p.id for p in find_people(store, danish)] == [person.id]
    assert find_people(store, "zzz") == []
    assert find_people(store, "12") == []


def test_new_follow_up(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    person = services.create_profile("NEWONE5", NIGHT)
    page = _page(context, qtbot)
    # tomorrow by default, and the unlocked staff member is assigned
    assert page.due.date() == QDate(2026, 11, 21)
    assert page.assigned.currentText() == "AB"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.new_message.property("role") == "error"  # no person chosen

    qtbot.keyClicks(page.person, person.alias)
    qtbot.waitUntil(lambda: page.matches.isEnabled())
    assert page.matches.currentData() == person.id
    page.type.setCurrentIndex(page.type.findData(FollowUpType.HOME_VISIT.value))
    page.due.setDate(QDate(2026, 11, 24))
    with qtbot.waitSignal(page.followup_added) as added:
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    stored = services.store.followup_by_id(added.args[0])
    assert stored.profile_id == person.id
    assert stored.type == "home-visit"
    assert stored.due == date(2026, 11, 24)
    assert stored.assigned_staff_id == services.store.staff_id
    assert page.tabs.tabText(page.TAB_UPCOMING) == "Upcoming (1)"
    assert page.tabs.currentIndex() == page.TAB_UPCOMING  # the new one is shown
    assert page.selected().id == stored.id
    assert page.new_message.property("role") == "ok"
    assert page.person.text() == ""


def test_prefill_and_draft(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    person = services.create_profile("DRAFT44", NIGHT)
    page = _page(context, qtbot)
    assert page.draft() is None
    page.prefill_person(person.id)
    assert page.matches.currentData() == person.id
    qtbot.keyClicks(page.outcome, "half written")
    draft = page.draft()
    other = _page(context, qtbot)
    other.restore_draft(draft)
    assert other.outcome.text() == "half written"
    assert other.matches.currentData() == person.id


def test_danish_labels(context, qtbot, plan) -> None:  # type: ignore[no-untyped-def]
    context.language = "da"
    page = _page(context, qtbot)
    page.retranslate()
    assert page.type.itemText(0) == "Følgeskab"
    assert page.models[0].data(page.models[0].index(0, FollowUpsModel.COL_TYPE)) == (
        "Opfølgning på henvisning"
    )
