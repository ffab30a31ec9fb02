"""Correct the past (issue 15, item 7): edit or void a saved contact from Tonight, with real
mouse and key events; audited, PII-guarded, and reflected in every figure."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.tally import CONTACTS
from redvan.core.weeks import IsoWeek
from redvan.gui.tonight.page import TonightPage
from redvan.gui.widgets.contact_correction import CorrectContactDialog

NIGHT = datetime(2026, 11, 20, 22, 0)
WEEK = IsoWeek.of(NIGHT)


@pytest.fixture
def page(context, qtbot) -> TonightPage:  # type: ignore[no-untyped-def]
    services = context.services
    services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(minutes=50),
            zone="istedgade",
            channel="street",
            code="MAJA7",
            services=(ServiceGiven("condoms", 10),),
            referrals=(ReferralInput("reden"),),
        )
    )
    services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(minutes=20),
            zone="istedgade",
            channel="street",
            services=(ServiceGiven("condoms", 5),),
        )
    )
    page = TonightPage(context)
    qtbot.addWidget(page)
    page.refresh()
    page.resize(1100, 720)
    with qtbot.waitSignal(page.details_loaded):
        page.show()
    return page


def _row_centre(page: TonightPage, row: int) -> QPoint:
    view = page.contacts_view
    return view.visualRect(view.model().index(row, 1)).center()


def _audited(context, action: str, contact_id: str) -> bool:  # type: ignore[no-untyped-def]
    conn = context.session.vault.conn
    found = conn.execute(
        "SELECT 1 FROM audit WHERE action = ? AND entity = 'contact' AND entity_id = ?",
        (action, contact_id),
    ).fetchone()
    return found is not None


def _condoms_total(page: TonightPage) -> str:
    return next(c for c in page._counters if c.entry.slug == "condoms").total.text()


def test_double_click_a_row_corrects_that_contact(context, qtbot, page) -> None:  # type: ignore[no-untyped-def]
    assert _condoms_total(page) == "15"
    oldest = page.contacts_model.row_data(1).contact
    viewport, where = page.contacts_view.viewport(), _row_centre(page, 1)
    # A real double-click: press and release, then the second press Qt reads as double.
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    dialog = page.correction.dialog
    assert isinstance(dialog, CorrectContactDialog) and dialog.isVisible()
    assert dialog.contact.id == oldest.id
    slug, box, amount = next(s for s in dialog.services if s[0] == "condoms")
    amount.setFocus()
    amount.selectAll()
    QTest.keyClicks(amount, "3")
    conversation = next(s for s in dialog.services if s[0] == "conversation")[1]
    conversation.setFocus()
    QTest.keyClick(conversation, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.corrected):
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = context.services.store.contact_by_id(oldest.id)
    assert {(g.service, g.quantity) for g in saved.services} == {
        ("condoms", 3),
        ("conversation", 1),
    }
    assert _audited(context, "edit", oldest.id)
    assert _condoms_total(page) == "8"  # Tonight's figures follow at once
    assert context.services.tally(WEEK, WEEK).total(CONTACTS) == 2


def test_right_click_void_takes_the_contact_out_of_every_count(context, qtbot, page) -> None:  # type: ignore[no-untyped-def]
    newest = page.contacts_model.row_data(0).contact
    view = page.contacts_view
    where = _row_centre(page, 0)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=where)
    # The window system turns a right-click into this event; QTest does not.
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)
        ),
    )
    menu = page.correction.menu
    assert menu is not None and menu.isVisible()
    actions = [a.text() for a in menu.actions()]
    assert actions == ["&Correct this contact…", "&Void this contact…"]
    menu.actions()[1].trigger()
    dialog = page.correction.dialog
    assert dialog is not None and dialog.void_row.isVisible()
    assert dialog.focusWidget() is dialog.void_row.back  # the safe way is the default
    with qtbot.waitSignal(dialog.voided):
        QTest.mouseClick(dialog.void_row.on, Qt.MouseButton.LeftButton)
    assert context.services.store.contact_by_id(newest.id) is None
    assert _audited(context, "delete", newest.id)
    assert page.contacts_model.rowCount() == 1 and page.stats[0].number.text() == "1"
    assert _condoms_total(page) == "10"
    assert context.services.tally(WEEK, WEEK).total(CONTACTS) == 1


def test_the_note_passes_the_pii_guard(context, qtbot, page) -> None:  # type: ignore[no-untyped-def]
    dialog = page.correction.open_row(0)
    assert dialog is not None
    dialog.note.setFocus()
    QTest.keyClicks(dialog.note, "Ring hende på 22 33 44 55")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.pii.isVisible() and dialog.isVisible()
    contact_id = dialog.contact.id
    assert context.services.store.contact_by_id(contact_id).note is None  # nothing saved yet
    with qtbot.waitSignal(dialog.corrected):
        QTest.mouseClick(dialog.pii.on, Qt.MouseButton.LeftButton)
    assert context.services.store.contact_by_id(contact_id).note == "Ring hende på 22 33 44 55"


def test_moving_a_contact_back_a_week_moves_its_referral_and_first_seen(context) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    saved = services.save_contact(
        ContactInput(time=NIGHT, code="LUNA5", referrals=(ReferralInput("reden"),))
    )
    earlier = NIGHT - timedelta(days=7)
    services.correct_contact(
        saved.contact_id, time=earlier, zone=None, channel=None, services=(), note=None
    )
    store = services.store
    assert store.contact_by_id(saved.contact_id).week == str(IsoWeek.of(earlier))
    week = context.session.vault.conn.execute(
        "SELECT week FROM referral WHERE id = ?", (saved.referral_ids[0],)
    ).fetchone()[0]
    assert week == str(IsoWeek.of(earlier))  # the referral counts in the contact's week
    person = store.profile_by_id(saved.profile_id)
    assert person.first_seen == earlier and person.last_seen == earlier
    later = services.save_contact(ContactInput(time=NIGHT, code="LUNA5"))
    services.void_contact(saved.contact_id)  # the first contact was a mistake
    person = store.profile_by_id(later.profile_id)
    assert person.first_seen == NIGHT  # first seen is the earliest contact left


def test_a_persons_timeline_voids_a_contact_by_double_click(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    """From People: the first contact was a mistake; voiding it moves first seen."""
    from redvan.gui.profiles import ProfilesPage

    services = context.services
    first = services.save_contact(ContactInput(time=NIGHT - timedelta(days=9), code="SOL77"))
    services.save_contact(ContactInput(time=NIGHT - timedelta(days=2), code="SOL77"))
    page = ProfilesPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.refresh()
    page.code.setFocus()
    QTest.keyClicks(page.code, "sol77")
    QTest.keyClick(page.code, Qt.Key.Key_Return)
    assert page.first_seen.text().startswith("11 Nov 2026")
    view = page.timeline_view
    oldest = page.timeline.rowCount() - 1
    where = view.visualRect(page.timeline.index(oldest, 1)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dialog = page.correction.dialog
    assert dialog is not None and dialog.contact.id == first.contact_id
    QTest.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.voided):
        QTest.mouseClick(dialog.void_row.on, Qt.MouseButton.LeftButton)
    assert page.timeline.rowCount() == 1
    assert page.first_seen.text().startswith("18 Nov 2026")  # the earliest contact left
