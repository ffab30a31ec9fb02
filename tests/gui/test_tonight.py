"""The Tonight home screen (G2): shift, tonight's contacts and totals, quick counters, due list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from redvan.core.enums import FollowUpType, Role
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven, Shift
from redvan.core.night import Clock
from redvan.gui.followups.page import FollowUpsModel
from redvan.gui.tonight.page import (
    TonightContactsModel,
    TonightPage,
    load_tonight,
    night_window,
)
from redvan.gui.widgets.after_paint import AfterPaint

# The clock of the `context` fixture: Friday 2026-11-20 22:00.
NIGHT = datetime(2026, 11, 20, 22, 0)


def _page(context, qtbot) -> TonightPage:  # type: ignore[no-untyped-def]
    page = TonightPage(context)
    qtbot.addWidget(page)
    page.refresh()
    page.resize(1100, 720)
    with qtbot.waitSignal(page.details_loaded):  # the due list fills once it is painted
        page.show()
    return page


def _staff_id(services, name: str) -> str:  # type: ignore[no-untyped-def]
    return next(s.id for s in services.store.list_staff() if s.display_name == name)


def _check(widget, slug: str) -> None:  # type: ignore[no-untyped-def]
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == slug:
            widget.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(slug)


def _text(model, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


# -- "tonight" ------------------------------------------------------------------------------


def test_night_window_is_the_vaults_night_and_from_the_shift_start() -> None:
    evening = datetime(2026, 11, 20, 22, 0)
    assert night_window(evening) == (datetime(2026, 11, 20, 6), datetime(2026, 11, 21, 6))
    after_midnight = datetime(2026, 11, 21, 1, 30)
    assert night_window(after_midnight) == (datetime(2026, 11, 20, 6), datetime(2026, 11, 21, 6))
    # the night follows the vault's day-start hour
    late = Clock(day_start_hour=2)
    assert night_window(datetime(2026, 11, 21, 3, 0), None, late)[0] == datetime(2026, 11, 21, 2)
    shift = Shift("s", date(2026, 11, 20), "Van 1", (), (), datetime(2026, 11, 20, 21, 0))
    assert night_window(after_midnight, shift) == (
        datetime(2026, 11, 20, 21),
        datetime(2026, 11, 21, 21),
    )


def test_referral_counts_between_counts_per_contact(session) -> None:  # type: ignore[no-untyped-def]
    services = session.services
    two = services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(hours=1),
            referrals=(ReferralInput("reden"), ReferralInput("checkpoint")),
        )
    )
    services.save_contact(ContactInput(time=NIGHT - timedelta(minutes=30)))
    services.save_contact(
        ContactInput(time=NIGHT - timedelta(days=2), referrals=(ReferralInput("reden"),))
    )
    counts = services.store.referral_counts_between(NIGHT - timedelta(hours=10), NIGHT)
    assert counts == {two.contact_id: 2}


# -- the shift ------------------------------------------------------------------------------


def test_start_shift_from_the_form(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    services.add_staff("MJ", Role.OUTREACH)
    page = _page(context, qtbot)
    assert page.shift_stack.currentIndex() == 0
    # the unlocked staff member is already on the shift
    checked = [
        page.staff.item(i).text()
        for i in range(page.staff.count())
        if page.staff.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["AB"]

    qtbot.keyClicks(page.team, "Van 1")
    # zones and staff are checked from the keyboard: arrows move, Space checks
    page.zones.setFocus()
    page.zones.setCurrentRow(0)
    qtbot.keyClick(page.zones, Qt.Key.Key_Space)
    qtbot.keyClick(page.zones, Qt.Key.Key_Right)
    qtbot.keyClick(page.zones, Qt.Key.Key_Space)
    page.staff.setFocus()
    page.staff.setCurrentRow(1)
    qtbot.keyClick(page.staff, Qt.Key.Key_Space)

    with qtbot.waitSignal(page.shift_started) as started:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    shift = services.store.open_shift()
    assert shift is not None and started.args == [shift.id]
    assert shift.team == "Van 1"
    assert set(shift.zones) == {"istedgade", "vesterbro"}
    assert set(shift.staff_ids) == {_staff_id(services, "AB"), _staff_id(services, "MJ")}
    assert shift.started_at == NIGHT
    assert page.shift_stack.currentIndex() == 1
    text = page.running_label.text()
    for part in ("Van 1", "Istedgade", "Vesterbro", "since 22:00", "AB", "MJ"):
        assert part in text


def test_start_shift_needs_a_team(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.start_error.isVisible()
    assert "team" in page.start_error.text()
    assert context.services.store.open_shift() is None


def test_end_shift_asks_inline_then_ends(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    shift = services.start_shift(
        "Van 2", ["istedgade"], [_staff_id(services, "AB")], NIGHT - timedelta(hours=1)
    )
    page = _page(context, qtbot)
    assert page.shift_stack.currentIndex() == 1
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    assert page.confirm_row.isVisible()
    assert services.store.open_shift() is not None  # nothing ended before confirming
    qtbot.mouseClick(page.keep_going, Qt.MouseButton.LeftButton)
    assert not page.confirm_row.isVisible()
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.shift_ended) as ended:
        qtbot.mouseClick(page.confirm_end, Qt.MouseButton.LeftButton)
    assert ended.args == [shift.id]
    assert services.store.open_shift() is None
    assert page.shift_stack.currentIndex() == 0


# -- tonight's contacts ---------------------------------------------------------------------


@pytest.fixture
def night(session):  # type: ignore[no-untyped-def]
    """A running shift from 21:00 and a few contacts around it."""
    services = session.services
    # Someone met last week, so not new tonight.
    services.save_contact(ContactInput(time=NIGHT - timedelta(days=7), code="OLD55"))
    # Before the shift started: not tonight.
    services.save_contact(ContactInput(time=NIGHT - timedelta(hours=3), channel="street"))
    shift = services.start_shift(
        "Van 1", ["vesterbro", "istedgade"], [_staff_id(services, "AB")], NIGHT - timedelta(hours=1)
    )
    first = services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(minutes=50),
            zone="istedgade",
            channel="street",
            code="MAJA7",
            services=(ServiceGiven("condoms", 10), ServiceGiven("conversation")),
            referrals=(ReferralInput("reden"),),
        )
    )
    services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(minutes=40),
            zone="vesterbro",
            channel="van",
            services=(ServiceGiven("coffee-food", 2),),
        )
    )
    services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(minutes=30),
            zone="istedgade",
            channel="street",
            code="OLD55",
            services=(ServiceGiven("condoms", 5),),
        )
    )
    services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(minutes=10), zone="istedgade", channel="street", code="MAJA7"
        )
    )
    return shift, first


def test_tonights_contacts_model_without_a_view(session, night) -> None:  # type: ignore[no-untyped-def]
    shift, first = night
    store = session.services.store
    start, end = night_window(NIGHT, shift)
    model = TonightContactsModel("en")
    model.set_rows(load_tonight(store, start, end), store.vocabulary())
    assert model.rowCount() == 4
    assert model.columnCount() == 6
    alias = first.alias
    # newest first
    assert [_text(model, r, model.COL_TIME) for r in range(4)] == [
        "21:50",
        "21:30",
        "21:20",
        "21:10",
    ]
    oldest = 3
    assert _text(model, oldest, model.COL_PERSON) == f"{alias} (new)"
    assert _text(model, oldest, model.COL_ZONE) == "Istedgade"
    assert _text(model, oldest, model.COL_CHANNEL) == "Street"
    assert _text(model, oldest, model.COL_SERVICES) == "Condoms ×10, Conversation"
    assert _text(model, oldest, model.COL_REFERRALS) == "1"
    assert _text(model, 2, model.COL_PERSON) == "No code"
    assert _text(model, 2, model.COL_SERVICES) == "Coffee / food ×2"
    assert _text(model, 2, model.COL_REFERRALS) == ""
    assert _text(model, 1, model.COL_PERSON) != "No code"
    assert "(new)" not in _text(model, 1, model.COL_PERSON)

    totals = model.totals()
    assert (totals.contacts, totals.persons, totals.uncoded, totals.new_persons) == (4, 2, 1, 1)
    assert model.service_total("condoms") == 15
    assert model.service_total("coffee-food") == 2

    model.set_language("da")
    assert _text(model, oldest, model.COL_CHANNEL) == "Gade"
    assert _text(model, oldest, model.COL_SERVICES) == "Kondomer ×10, Samtale"
    assert _text(model, 2, model.COL_CHANNEL) == "Bussen"


def test_without_a_shift_tonight_is_the_vaults_night(session) -> None:  # type: ignore[no-untyped-def]
    services = session.services
    services.save_contact(ContactInput(time=datetime(2026, 11, 20, 5, 59)))  # the night before
    services.save_contact(ContactInput(time=datetime(2026, 11, 20, 6, 0)))
    services.save_contact(ContactInput(time=datetime(2026, 11, 20, 22, 0)))
    services.save_contact(ContactInput(time=datetime(2026, 11, 21, 1, 15)))
    services.save_contact(ContactInput(time=datetime(2026, 11, 21, 6, 0)))  # the next night
    store = services.store
    at_night = load_tonight(
        store, *night_window(datetime(2026, 11, 21, 2, 0), None, services.clock())
    )
    assert [(r.contact.time.day, r.contact.time.hour) for r in at_night] == [
        (21, 1),
        (20, 22),
        (20, 6),
    ]


def test_page_shows_contacts_and_totals(context, qtbot, night) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    assert page.contacts_model.rowCount() == 4
    assert [s.number.text() for s in page.stats] == ["4", "2", "1", "1"]
    assert page.contacts_stack.currentIndex() == 0
    condoms = next(c for c in page._counters if c.entry.slug == "condoms")
    assert condoms.total.text() == "15"
    context.language = "da"
    page.retranslate()
    assert page.running_label.text().startswith("Van 1 · ")
    assert "fredag" in page.date_label.text()


def test_empty_night_says_so(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    assert page.contacts_stack.currentIndex() == 1
    assert [s.number.text() for s in page.stats] == ["0", "0", "0", "0"]


# -- quick counters ---------------------------------------------------------------------------


def test_quick_counter_records_an_uncoded_contact_and_undo_removes_it(
    context, qtbot, night
) -> None:  # type: ignore[no-untyped-def]
    shift, _ = night
    store = context.services.store
    page = _page(context, qtbot)
    assert {c.entry.slug for c in page._counters} == {"condoms", "lubricant", "coffee-food"}
    button, quantity = page.counter("condoms")
    assert button.text() == "+ Condoms"
    quantity.selectAll()
    qtbot.keyClicks(quantity, "12")
    with qtbot.waitSignal(page.counted) as counted:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    contact = store.contact_by_id(counted.args[0])
    assert contact is not None
    assert contact.profile_id is None
    assert contact.time == NIGHT
    assert contact.zone == "istedgade"  # the shift's first zone in list order
    assert contact.shift_id == shift.id
    assert [(g.service, g.quantity) for g in contact.services] == [("condoms", 12)]
    assert page.saved_row.isVisible() and page.undo_button.isVisible()
    assert "12" in page.saved_label.text()
    assert page.contacts_model.rowCount() == 5
    assert [s.number.text() for s in page.stats] == ["5", "2", "2", "1"]
    condoms = next(c for c in page._counters if c.entry.slug == "condoms")
    assert condoms.total.text() == "27"

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert store.contact_by_id(contact.id) is None
    assert page.contacts_model.rowCount() == 4
    assert condoms.total.text() == "15"
    assert not page.undo_button.isVisible()


def test_quick_counter_by_keyboard(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    _, quantity = page.counter("lubricant")
    quantity.setFocus()
    quantity.selectAll()
    qtbot.keyClicks(quantity, "3")
    with qtbot.waitSignal(page.counted) as counted:
        qtbot.keyClick(quantity, Qt.Key.Key_Return)
    contact = context.services.store.contact_by_id(counted.args[0])
    assert [(g.service, g.quantity) for g in contact.services] == [("lubricant", 3)]


def test_quick_counter_works_without_a_shift(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    button, _ = page.counter("coffee-food")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    contacts = context.services.store.contacts_between(NIGHT, NIGHT + timedelta(minutes=1))
    assert len(contacts) == 1
    assert contacts[0].zone is None and contacts[0].profile_id is None
    assert [(g.service, g.quantity) for g in contacts[0].services] == [("coffee-food", 1)]


# -- due follow-ups and the new-contact button ------------------------------------------------


def test_due_follow_ups_and_activation(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    person = services.create_profile("HERON42", NIGHT)
    today = NIGHT.date()
    overdue = services.add_followup(
        person.id, FollowUpType.CALL_BACK, today - timedelta(days=2), None
    )
    due = services.add_followup(person.id, FollowUpType.HOME_VISIT, today, None)
    services.add_followup(person.id, FollowUpType.OTHER, today + timedelta(days=1), None)
    page = _page(context, qtbot)
    model = page.due_model
    assert model.rowCount() == 2
    assert [model.followup(r).id for r in range(2)] == [overdue.id, due.id]
    assert model.data(model.index(0, FollowUpsModel.COL_PERSON)) == person.alias
    assert model.data(model.index(0, FollowUpsModel.COL_TYPE)) == "Call back"
    assert model.data(model.index(0, FollowUpsModel.COL_DUE), Qt.ItemDataRole.ForegroundRole)
    assert (
        model.data(model.index(1, FollowUpsModel.COL_DUE), Qt.ItemDataRole.ForegroundRole) is None
    )
    assert model.data(model.index(1, FollowUpsModel.COL_DUE)) == "Today"
    assert "(2)" in page.due_title.text()

    page.due_view.setFocus()
    page.due_view.setCurrentIndex(model.index(1, 0))
    with qtbot.waitSignal(page.followup_activated) as activated:
        qtbot.keyClick(page.due_view, Qt.Key.Key_Return)
    assert activated.args == [due.id]


def test_contacts_come_first_and_the_due_list_follows(context, qtbot, night) -> None:  # type: ignore[no-untyped-def]
    """refresh() fills tonight's contacts at once; the follow-ups due one event later (B7)."""
    services = context.services
    person = services.create_profile("HERON42", NIGHT)
    services.add_followup(person.id, FollowUpType.CALL_BACK, NIGHT.date(), None)
    page = TonightPage(context)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.details_loaded):
        page.refresh()
        assert page.contacts_model.rowCount() > 0
        assert page.due_model.rowCount() == 0
    assert page.due_model.rowCount() == 1
    assert "(1)" in page.due_title.text()
    page.retranslate()  # a change of language keeps the count
    assert "(1)" in page.due_title.text()


def test_a_lock_before_the_due_list_fills_is_harmless(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = TonightPage(context)
    qtbot.addWidget(page)
    loaded: list[bool] = []
    page.details_loaded.connect(lambda: loaded.append(True))
    page.refresh()
    context.session.lock(backup=False)
    painted = AfterPaint(page)
    painted.arm(page.contacts_stack.currentWidget(), lambda: loaded.append(False))
    page.show()  # the page's own load was queued first, so it has run when this one has
    qtbot.waitUntil(lambda: loaded != [])
    assert loaded == [False] and page.due_model.rowCount() == 0


def test_the_due_list_waits_for_the_page_to_be_shown(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    person = context.services.create_profile("HERON42", NIGHT)
    context.services.add_followup(person.id, FollowUpType.CALL_BACK, NIGHT.date(), None)
    page = TonightPage(context)
    qtbot.addWidget(page)
    page.refresh()
    assert page.due_model.rowCount() == 0  # nothing painted yet: nothing read
    with qtbot.waitSignal(page.details_loaded):
        page.show()
    assert page.due_model.rowCount() == 1


def test_new_contact_button_and_shortcut(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    assert "Ctrl+N" in page.new_contact.text()
    with qtbot.waitSignal(page.new_contact_requested):
        qtbot.mouseClick(page.new_contact, Qt.MouseButton.LeftButton)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.team.setFocus()
    with qtbot.waitSignal(page.new_contact_requested):
        qtbot.keyClick(page.team, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_start_form_draft_survives_a_lock(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    assert page.draft() is None
    qtbot.keyClicks(page.team, "Van 3")
    _check(page.zones, "amager")
    draft = page.draft()
    assert draft == {"team": "Van 3", "zones": ["amager"]}
    other = _page(context, qtbot)
    other.restore_draft(draft)
    assert other.team.text() == "Van 3"
    assert [
        other.zones.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(other.zones.count())
        if other.zones.item(i).checkState() == Qt.CheckState.Checked
    ] == ["amager"]
