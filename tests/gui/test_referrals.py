"""The referral network screen (G7): status flow, a linked follow-up to check on a referral,
the partner directory (coordinators edit it), and the completion rate per organisation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from redvan.core.enums import FollowUpType, ReferralStatus, Role
from redvan.core.model import ContactInput, ReferralInput, Staff
from redvan.core.referrals import CompletionRate, PartnerOrganisation
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.referrals.models import (
    CompletionModel,
    PartnersModel,
    ReferralDirectory,
    ReferralsModel,
    percent,
    slug_for,
)
from redvan.gui.referrals.page import ReferralsPage
from tests.gui.pages import shown

NIGHT = datetime(2026, 11, 20, 22, 0)


def _page(context, qtbot) -> ReferralsPage:  # type: ignore[no-untyped-def]
    page = shown(ReferralsPage(context), qtbot)
    return page


def _text(model, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def referred(session):  # type: ignore[no-untyped-def]
    """A coded person referred to two places 20 days ago, and an uncoded contact referred."""
    services = session.services
    coded = services.save_contact(
        ContactInput(
            time=NIGHT - timedelta(days=20),
            code="MAJA7",
            referrals=(ReferralInput("reden"), ReferralInput("checkpoint")),
        )
    )
    uncoded = services.save_contact(
        ContactInput(time=NIGHT - timedelta(days=2), referrals=(ReferralInput("legal-aid"),))
    )
    return coded, uncoded


def test_models_without_a_view(session, referred) -> None:  # type: ignore[no-untyped-def]
    coded, _uncoded = referred
    store = session.services.store
    model = ReferralsModel("en")
    model.set_referrals(store.find_referrals(), ReferralDirectory(store), NIGHT.date())
    assert model.rowCount() == 3
    assert _text(model, 0, model.COL_PERSON) == "Contact without code"
    assert _text(model, 0, model.COL_DESTINATION) == "Legal aid service"
    assert _text(model, 0, model.COL_STATUS).startswith("Referred · open 2")
    assert _text(model, 1, model.COL_PERSON) == coded.alias
    assert _text(model, 1, model.COL_DATE) == "Sat 31 Oct"
    # open for longer than two weeks: shown as one to check on
    assert model.data(model.index(1, model.COL_STATUS), Qt.ItemDataRole.ForegroundRole)
    model.set_language("da")
    assert _text(model, 0, model.COL_DESTINATION) == "Retshjælp"

    partners = PartnersModel("en")
    destinations = store.vocabulary(VocabularyKind.DESTINATION)
    partners.set_partners(destinations, [PartnerOrganisation("reden", phone="70 00 00 00")])
    row = partners.row_of("reden")
    assert _text(partners, row, partners.COL_PHONE) == "70 00 00 00"
    assert partners.rowCount() == len(destinations)

    completion = CompletionModel("en")
    completion.set_rates(
        [
            CompletionRate("reden", {"attended": 2, "no-show": 1, "referred": 1}),
            CompletionRate("checkpoint", {"referred": 2}),
        ],
        destinations,
    )
    assert completion.rowCount() == 3  # two organisations and the total
    assert _text(completion, 0, completion.COL_DESTINATION).startswith("Checkpoint")
    assert _text(completion, 0, completion.COL_RATE) == "—"
    assert _text(completion, 1, completion.COL_RATE) == "67%"
    assert _text(completion, 2, completion.COL_DESTINATION) == "All partner organisations"
    assert _text(completion, 2, completion.COL_REFERRED) == "6"
    assert _text(completion, 2, completion.COL_OPEN) == "3"
    assert percent(2 / 3, "da") == "67 %" and percent(None, "en") == "—"
    assert slug_for("Café Kløver", {"cafe-kloever"}) == "cafe-kloever-2"


def test_status_flow_moves_a_referral_out_of_the_open_list(
    context, qtbot, session, referred
) -> None:  # type: ignore[no-untyped-def]
    coded, _uncoded = referred
    page = _page(context, qtbot)
    assert page.model.total() == 3  # open referrals, newest first (issue 15, item 7)
    assert page.model.row_data(0).referral.id == _uncoded.referral_ids[0]
    assert page.model.row_data(2).referral.id in coded.referral_ids
    assert page.select(coded.referral_ids[0])
    assert not page.status_buttons[ReferralStatus.REFERRED].isEnabled()
    qtbot.mouseClick(page.status_buttons[ReferralStatus.ATTENDED], Qt.MouseButton.LeftButton)
    store = session.services.store
    assert store.referral_by_id(coded.referral_ids[0]).status == "attended"
    assert page.model.total() == 2 and page.message.property("role") == "ok"
    events = store.conn.execute(
        "SELECT action FROM audit WHERE entity = 'referral' AND entity_id = ?",
        (coded.referral_ids[0],),
    ).fetchall()
    assert [e[0] for e in events] == ["create", "edit"]
    # and back, from the list of every referral
    page.show_filter.setCurrentIndex(page.show_filter.findData("all"))
    assert page.select(coded.referral_ids[0])
    assert page.set_status(ReferralStatus.REFERRED)
    assert store.referral_by_id(coded.referral_ids[0]).status == "referred"


def test_a_check_on_a_referral_is_a_linked_follow_up(context, qtbot, session, referred) -> None:  # type: ignore[no-untyped-def]
    coded, uncoded = referred
    page = _page(context, qtbot)
    assert page.select(uncoded.referral_ids[0])
    assert not page.check_button.isEnabled() and "without code" in page.check_info.text()
    assert page.select(coded.referral_ids[1])
    assert page.check_button.isEnabled()
    page.check_due.setDate(QDate(2026, 11, 24))
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    store = session.services.store
    referral = store.referral_by_id(coded.referral_ids[1])
    followup = store.followup_by_id(referral.followup_id)
    assert followup.type == FollowUpType.REFERRAL_CHECK.value
    assert followup.due == date(2026, 11, 24) and followup.profile_id == coded.profile_id
    assert followup.referral_id == referral.id
    assert followup.assigned_staff_id == session.vault.staff_id
    assert not page.check_button.isEnabled() and "planned" in page.check_info.text()
    row = page.model.row_of(referral.id)
    assert _text(page.model, row, page.model.COL_CHECK) == "Check due Tue 24 Nov"


def test_a_coordinator_keeps_the_partner_directory(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    page.tabs.setCurrentIndex(page.TAB_PARTNERS)
    page.partners_view.selectRow(page.partners_model.row_of("reden"))
    assert page.partner_name.text().startswith("Reden")
    qtbot.keyClicks(page.areas, "Vesterbro; women over 18")
    qtbot.keyClicks(page.phone, "70 00 00 00")
    page.hours.setText("Mon–Fri 10–22")  # (keyClicks takes ASCII only)
    assert page.draft() is not None  # unsaved details survive a lock
    qtbot.mouseClick(page.save_partner_button, Qt.MouseButton.LeftButton)
    [saved] = session.services.store.partner_organisations()
    assert (saved.slug, saved.areas, saved.phone, saved.hours) == (
        "reden", "Vesterbro; women over 18", "70 00 00 00", "Mon–Fri 10–22",
    )  # fmt: skip
    assert page.draft() is None

    page.new_name_en.setText("Café Klare (night café)")
    assert page.add_partner() is None  # both names are needed
    page.new_name_da.setText("Café Klare")
    entry = page.add_partner()
    assert entry is not None and entry.slug == "cafe-klare-night-cafe"
    destinations = {e.slug for e in session.services.store.vocabulary(VocabularyKind.DESTINATION)}
    assert "cafe-klare-night-cafe" in destinations
    assert page.partner_name.text() == "Café Klare (night café)"
    assert page.destination_filter.findData("cafe-klare-night-cafe") >= 0


def test_an_outreach_worker_reads_the_directory(context, qtbot, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    worker = Staff("someone", "CD", Role.OUTREACH.value, True)
    monkeypatch.setattr(context.session, "me", lambda: worker)
    page = _page(context, qtbot)
    page.tabs.setCurrentIndex(page.TAB_PARTNERS)
    assert page.areas.isReadOnly() and not page.save_partner_button.isVisibleTo(page)
    assert not page.add_partner_button.isVisibleTo(page)
    assert page.save_partner() is None and page.add_partner() is None


def test_completion_rate_per_organisation_and_period(context, qtbot, session, referred) -> None:  # type: ignore[no-untyped-def]
    coded, uncoded = referred
    services = session.services
    services.set_referral_status(coded.referral_ids[0], ReferralStatus.ACCOMPANIED, NIGHT)
    services.set_referral_status(coded.referral_ids[1], ReferralStatus.NO_SHOW, NIGHT)
    page = _page(context, qtbot)
    page.tabs.setCurrentIndex(page.TAB_COMPLETION)
    model = page.completion_model
    rows = {model.rate(r).destination: model.rate(r) for r in range(model.rowCount())}
    assert rows["reden"].rate == 1.0 and rows["checkpoint"].rate == 0.0
    assert rows["legal-aid"].rate is None and rows[""].rate == 0.5
    # only this week: the coded person's referrals were three weeks ago
    page.from_week.setCurrentIndex(0)
    assert {model.rate(r).destination for r in range(model.rowCount())} == {"legal-aid", ""}
    page.to_week.setCurrentIndex(page.to_week.count() - 1)  # reversed weeks are put in order
    assert model.rowCount() == 4


def test_plan_a_check_keeps_the_selected_row_in_view(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    """Issue 15, item 7: after "Plan a check" the list reloaded to its top and the message
    grew the panel below it, so the row just worked on was out of sight."""
    services = session.services
    for day in range(60):
        services.save_contact(
            ContactInput(
                time=NIGHT - timedelta(days=day, hours=1),
                code=f"P{day:03d}X",
                referrals=(ReferralInput("reden"),),
            )
        )
    page = _page(context, qtbot)
    assert page.model.total() == 60
    view = page.view
    row = 45  # well below the first screenful
    view.scrollTo(page.model.index(row, 0))
    where = view.visualRect(page.model.index(row, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    chosen = page.model.row_data(row).referral.id
    assert page.check_button.isEnabled()
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert page.message.isVisible() and page.message.property("role") == "ok"
    selected = view.selectionModel().selectedRows()
    assert [page.model.row_data(i.row()).referral.id for i in selected] == [chosen]
    shown = view.visualRect(selected[0])
    assert view.viewport().rect().contains(shown), "the selected row is out of sight"
