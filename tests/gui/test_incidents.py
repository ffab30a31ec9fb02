"""The incidents screen (G6): record with a consent tier, edit (audited), filter, and export
the alert sheet and the police report after reviewing every printed description (R5)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.incidents import IncidentExport
from redvan.core.model import ContactInput
from redvan.gui.incidents.page import IncidentsModel, IncidentsPage
from tests.gui.pages import shown
from tests.pdftext import pdf_text

NIGHT = datetime(2026, 11, 20, 22, 0)


def _page(context, qtbot) -> IncidentsPage:  # type: ignore[no-untyped-def]
    page = shown(IncidentsPage(context), qtbot)
    return page


def _audit(session, entity: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = session.services.store.conn.execute(
        "SELECT action, entity_id FROM audit WHERE entity = ? ORDER BY seq", (entity,)
    )
    return [(r[0], r[1]) for r in rows]


def _record(session, day: date, tier: ConsentTier, text: str | None = None, **kw):  # type: ignore[no-untyped-def]
    return session.services.record_incident(
        day, "istedgade", [IncidentType.ROBBERY_THEFT], tier, PoliceReport.NO, (), text, **kw
    )


def test_model_without_a_view(session) -> None:  # type: ignore[no-untyped-def]
    services = session.services
    person = services.create_profile("MAJA7", NIGHT)
    _record(session, date(2026, 11, 18), ConsentTier.WARN_WORKERS, profile_id=person.id)
    services.record_incident(
        date(2025, 3, 1), None, [IncidentType.POLICE_MISCONDUCT, IncidentType.OTHER],
        ConsentTier.STATISTICS_ONLY, PoliceReport.WANTS_HELP,
    )  # fmt: skip
    model = IncidentsModel("en")
    model.set_incidents(services.store.find_incidents(), services.store, NIGHT.date())
    assert model.rowCount() == 2 and model.columnCount() == 6

    def text(row: int, column: int) -> str:
        return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)

    assert text(0, model.COL_DATE) == "Wed 18 Nov"
    assert text(0, model.COL_ZONE) == "Istedgade"
    assert text(0, model.COL_TIER) == "Warn other workers"
    assert text(0, model.COL_PERSON) == person.alias
    assert text(1, model.COL_DATE) == "Sat 1 Mar 2025"
    assert text(1, model.COL_TYPES) == "Police misconduct, Other"
    assert text(1, model.COL_POLICE) == "Wants help to report"
    model.set_language("da")
    assert text(0, model.COL_TIER) == "Advar andre opsøgende"
    assert text(1, model.COL_TYPES) == "Krænkende adfærd fra politiet, Andet"
    assert model.headerData(model.COL_TIER, Qt.Orientation.Horizontal) == "Consent tier"


def test_record_an_incident_from_the_keyboard(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == page.TAB_FORM
    page.date.setDate(QDate(2026, 11, 19))
    page.zone.setCurrentIndex(page.zone.findData("kodbyen"))
    for member in (IncidentType.PHYSICAL_VIOLENCE, IncidentType.ROBBERY_THEFT):
        page.type_boxes[member].setFocus()
        qtbot.keyClick(page.type_boxes[member], Qt.Key.Key_Space)
    page.tier_buttons[ConsentTier.WARN_WORKERS].setFocus()
    qtbot.keyClick(page.tier_buttons[ConsentTier.WARN_WORKERS], Qt.Key.Key_Space)
    page.police.setCurrentIndex(page.police.findData("wants-help"))
    page.support.item(3).setCheckState(Qt.CheckState.Checked)  # conversation
    page.description.setFocus()
    qtbot.keyClicks(page.description, "Dark estate car, two men.")
    qtbot.keyClick(page.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    [incident] = context.services.store.find_incidents()
    assert incident.date == date(2026, 11, 19) and incident.zone == "kodbyen"
    assert incident.types == ("physical-violence", "robbery-theft")
    assert incident.consent_tier == "warn-workers" and incident.reported_to_police == "wants-help"
    assert incident.support_given == ("conversation",)
    assert incident.description == "Dark estate car, two men." and incident.profile_id is None
    assert page.form_message.property("role") == "ok"
    # ready for the next one, and the list shows it
    assert not any(b.isChecked() for b in page.type_boxes.values())
    assert page.description.toPlainText() == ""
    assert page.model.rowCount() == 1


def test_a_type_and_a_consent_tier_are_required(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    page.new_incident()
    assert page.save() is None and "Tick at least one" in page.form_message.text()
    page.type_boxes[IncidentType.OTHER].setChecked(True)
    assert page.save() is None and "consent tier" in page.form_message.text()
    assert context.services.store.find_incidents() == []


def test_the_pii_guard_stops_a_description_until_saved_anyway(context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(context, qtbot)
    page.new_incident()
    page.type_boxes[IncidentType.THREATS_HARASSMENT].setChecked(True)
    page.tier_buttons[ConsentTier.RECORD_ONLY].setChecked(True)
    page.description.setPlainText("He said call 20 30 40 50")
    assert page.save() is None
    assert page.pii.isVisibleTo(page) and "phone number" in page.pii_text.text()
    assert context.services.store.find_incidents() == []
    qtbot.mouseClick(page.save_anyway, Qt.MouseButton.LeftButton)
    [incident] = context.services.store.find_incidents()
    assert incident.description == "He said call 20 30 40 50"
    assert not page.pii.isVisibleTo(page)


def test_an_edit_links_the_person_and_is_audited(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    person = session.services.create_profile("MAJA7", NIGHT)
    incident = _record(session, date(2026, 11, 18), ConsentTier.RECORD_ONLY, "A grey car.")
    page = _page(context, qtbot)
    page.view.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == page.TAB_FORM
    assert page.tier_buttons[ConsentTier.RECORD_ONLY].isChecked()
    assert page.description.toPlainText() == "A grey car."
    page.tier_buttons[ConsentTier.STATISTICS_ONLY].setChecked(True)
    qtbot.keyClicks(page.person, person.alias[:4])
    page.search_people()
    assert page.matches.currentData() == person.id
    assert page.save() is not None
    stored = session.services.store.incident_by_id(incident.id)
    assert stored.consent_tier == "statistics-only" and stored.profile_id == person.id
    assert _audit(session, "incident") == [("create", incident.id), ("edit", incident.id)]
    # a typed alias that matches nobody is not silently dropped
    page.open_incident(incident.id)
    page.person.setText("Nobody-00")
    page.search_people()
    assert page.save() is None and "Choose the person" in page.form_message.text()


def test_the_list_filters_by_period_type_and_tier(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    _record(session, date(2026, 11, 18), ConsentTier.WARN_WORKERS)
    _record(session, date(2026, 11, 19), ConsentTier.POLICE_ANONYMOUS)
    session.services.record_incident(
        date(2026, 1, 10), None, [IncidentType.SEXUAL_VIOLENCE], ConsentTier.RECORD_ONLY,
        PoliceReport.NO,
    )  # fmt: skip
    page = _page(context, qtbot)
    assert page.model.total() == 2  # the last 13 weeks
    page.period.setCurrentIndex(page.period.findData(0))
    assert page.model.total() == 3
    page.type_filter.setCurrentIndex(page.type_filter.findData("sexual-violence"))
    assert page.model.total() == 1
    page.type_filter.setCurrentIndex(0)
    page.tier_filter.setCurrentIndex(page.tier_filter.findData("police-anonymous"))
    assert page.model.total() == 1
    page.tier_filter.setCurrentIndex(page.tier_filter.findData("statistics-only"))
    assert page.model.total() == 0 and page.list_stack.currentIndex() == 1


@pytest.fixture
def exportable(session):  # type: ignore[no-untyped-def]
    person = session.services.create_profile("MAJA7", NIGHT)
    warn = _record(
        session, date(2026, 11, 18), ConsentTier.WARN_WORKERS,
        "Grey estate car. Driver gave 20 30 40 50 as his number.", profile_id=person.id,
        confirm_pii=True,
    )  # fmt: skip
    police = _record(
        session, date(2026, 11, 19), ConsentTier.POLICE_ANONYMOUS,
        "Two men outside the hotel.", profile_id=person.id,
    )  # fmt: skip
    quiet = _record(session, date(2026, 11, 19), ConsentTier.RECORD_ONLY, "recordonlymarker")
    return person, warn, police, quiet


def test_the_alert_sheet_needs_every_description_confirmed(  # type: ignore[no-untyped-def]
    context, qtbot, session, exportable, tmp_path: Path
) -> None:
    person, warn, _police, _quiet = exportable
    page = _page(context, qtbot)
    page.tabs.setCurrentIndex(page.TAB_EXPORT)
    page.export_language.setCurrentIndex(page.export_language.findData("en"))
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    [card] = page._cards
    assert card.incident_id == warn.id
    assert "2026-W47" in card.heading.text() and "Istedgade" in card.heading.text()
    # shown as it will be printed: after the PII guard
    assert card.printed() == "Grey estate car. Driver gave [phone] as his number."
    assert card.guard.isVisibleTo(card) and "phone number" in card.guard.text()
    assert not page.export_button.isEnabled()

    card.confirm.setChecked(True)
    assert page.export_button.isEnabled()
    card.text.setPlainText("Grey estate car; call 20 30 40 50")  # an edit must be read again
    assert not card.confirm.isChecked() and not page.export_button.isEnabled()
    card.confirm.setChecked(True)  # the guard takes the number out once more, and asks again
    assert not card.confirm.isChecked() and card.printed() == "Grey estate car; call [phone]"
    card.text.setPlainText("A grey estate car, driver in his fifties.")
    card.confirm.setFocus()
    qtbot.keyClick(card.confirm, Qt.Key.Key_Space)
    assert card.confirm.isChecked() and page.export_button.isEnabled()

    target = tmp_path / "alerts.pdf"
    page.choose_file = lambda suggested: str(target)
    with qtbot.waitSignal(page.exported, timeout=10_000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    text = pdf_text(target)
    assert "A grey estate car, driver in his fifties." in text
    assert "20 30 40 50" not in text and "Grey estate car. Driver" not in text
    assert "recordonlymarker" not in text and "Two men outside" not in text
    for secret in (person.alias, "MAJA7", person.id, warn.id):
        assert secret not in text
    assert (target.stat().st_mode & 0o777) == 0o600
    assert page.saved.isVisibleTo(page) and page.saved.text.property("role") == "ok"
    # "incident." with the English plural forms installed, "incident(s)." without them
    assert page.saved.text.text().startswith(f"Saved alerts.pdf in {tmp_path} with 1 incident")
    assert page._cards == []  # the next export is reviewed afresh
    # the record itself was never changed by the review
    stored = session.services.store.incident_by_id(warn.id)
    assert stored.description == "Grey estate car. Driver gave 20 30 40 50 as his number."
    assert [a for a, _ in _audit(session, "alert-sheet")] == ["export"]


def test_the_police_report_reference_leads_back_to_the_incident(  # type: ignore[no-untyped-def]
    context, qtbot, session, exportable, tmp_path: Path
) -> None:
    person, _warn, police, _quiet = exportable
    page = _page(context, qtbot)
    page.tabs.setCurrentIndex(page.TAB_EXPORT)
    page.kind_buttons[IncidentExport.POLICE].setChecked(True)
    page.export_language.setCurrentIndex(page.export_language.findData("da"))
    [card] = page.review()
    assert card.incident_id == police.id and "Two men outside the hotel." == card.printed()
    card.confirm.setChecked(True)
    target = tmp_path / "politi"
    page.choose_file = lambda suggested: str(target)
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export()
    written = tmp_path / "politi.pdf"
    text = pdf_text(written)
    assert "Anonym anmeldelse via tredjepart" in text and "Two men outside the hotel." in text
    for secret in (person.alias, "MAJA7", person.id, police.id):
        assert secret not in text
    reference = next(w for w in text.split() if w.startswith("RV-"))
    assert [r for r, _ in session.services.store.police_references_of(police.id)] == [reference]

    page.tabs.setCurrentIndex(page.TAB_LIST)
    page.reference.setText(reference.lower())
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    assert page.selected() is not None and page.selected().id == police.id
    assert page.list_message.property("role") == "ok"
    page.open_selected()
    assert reference in page.references_label.text()
    page.reference.setText("RV-0000-0000")
    assert page.find_reference() is None and page.list_message.property("role") == "error"


def test_nothing_to_export_says_so(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    _record(session, date(2026, 11, 18), ConsentTier.RECORD_ONLY)
    page = _page(context, qtbot)
    assert page.review() == []
    assert "No incident in these weeks" in page.review_summary.text()
    assert not page.export_button.isEnabled() and page.export() is False


def test_the_form_survives_a_lock_as_a_draft(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    incident = _record(session, date(2026, 11, 18), ConsentTier.RECORD_ONLY, "A grey car.")
    page = _page(context, qtbot)
    assert page.draft() is None
    page.open_incident(incident.id)
    page.tier_buttons[ConsentTier.WARN_WORKERS].setChecked(True)
    page.description.setPlainText("A grey car, changed.")
    draft = page.draft()
    assert draft is not None and draft["editing"] == incident.id

    again = _page(context, qtbot)
    again.restore_draft(draft)
    assert again.tabs.currentIndex() == again.TAB_FORM
    assert again.tier_buttons[ConsentTier.WARN_WORKERS].isChecked()
    assert again.description.toPlainText() == "A grey car, changed."
    assert again.save() is not None
    assert session.services.store.incident_by_id(incident.id).consent_tier == "warn-workers"


def test_the_screen_follows_the_language(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    session.services.save_contact(ContactInput(time=NIGHT, code="MAJA7"))
    page = _page(context, qtbot)
    context.language = "da"
    page.retranslate()
    assert page.tier_buttons[ConsentTier.POLICE_ANONYMOUS].text() == (
        "Del anonymt med politiet via organisationen"
    )
    assert page.type_boxes[IncidentType.ROBBERY_THEFT].text() == "Røveri/tyveri"
    assert page.police.itemText(page.police.findData("wants-help")) == (
        "Ønsker hjælp til anmeldelse"
    )
