"""Incidents (edits, the person link, police references) and the referral network over a real
vault; and the version-3 fixture read by today's code."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from redvan.core.enums import ConsentTier, FollowUpType, IncidentType, PoliceReport, ReferralStatus
from redvan.core.incidents import IncidentExport
from redvan.core.model import ContactInput, ReferralInput
from redvan.core.referrals import PartnerOrganisation
from redvan.core.services import PiiWarning, ServiceError, Services
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock

NIGHT = datetime(2026, 11, 20, 22, 0)
W47 = IsoWeek(2026, 47)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def audit_rows(services, entity: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = services.store.conn.execute(
        "SELECT action, entity_id FROM audit WHERE entity = ? ORDER BY seq", (entity,)
    )
    return [(r[0], r[1]) for r in rows]


def test_an_incident_links_to_a_person_and_edits_are_audited(services) -> None:  # type: ignore[no-untyped-def]
    person = services.create_profile("MAJA7", NIGHT)
    incident = services.record_incident(
        date(2026, 11, 18),
        "istedgade",
        [IncidentType.ROBBERY_THEFT],
        ConsentTier.RECORD_ONLY,
        PoliceReport.NO,
        ["conversation"],
        "A grey car.",
        profile_id=person.id,
    )
    stored = services.store.incident_by_id(incident.id)
    assert stored == incident and stored.profile_id == person.id
    edited = services.edit_incident(
        incident.id,
        date(2026, 11, 19),
        "vesterbro",
        [IncidentType.THREATS_HARASSMENT, IncidentType.ROBBERY_THEFT],
        ConsentTier.WARN_WORKERS,
        PoliceReport.WANTS_HELP,
        ["crime-report-support"],
        None,
    )
    stored = services.store.incident_by_id(incident.id)
    assert stored == edited
    assert stored.types == ("robbery-theft", "threats-harassment")
    assert stored.support_given == ("crime-report-support",)
    assert stored.profile_id is None and stored.description is None
    assert audit_rows(services, "incident") == [("create", incident.id), ("edit", incident.id)]

    with pytest.raises(PiiWarning):
        services.edit_incident(
            incident.id, date(2026, 11, 19), None, [IncidentType.OTHER], ConsentTier.RECORD_ONLY,
            PoliceReport.NO, (), "ring 20 30 40 50",
        )  # fmt: skip
    with pytest.raises(ServiceError):
        services.edit_incident(
            "no-such-id", date(2026, 11, 19), None, [IncidentType.OTHER],
            ConsentTier.RECORD_ONLY, PoliceReport.NO,
        )  # fmt: skip
    with pytest.raises(ServiceError):
        services.record_incident(
            date(2026, 11, 19), None, [IncidentType.OTHER], ConsentTier.RECORD_ONLY,
            PoliceReport.NO, profile_id="nobody",
        )  # fmt: skip


def test_a_person_with_an_incident_is_never_removed_by_an_undo(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.save_contact(ContactInput(time=NIGHT, code="NEW123"))
    services.record_incident(
        NIGHT.date(), None, [IncidentType.OTHER], ConsentTier.RECORD_ONLY, PoliceReport.NO,
        profile_id=saved.profile_id,
    )  # fmt: skip
    services.undo_contact(saved)
    assert services.store.profile_by_id(saved.profile_id) is not None


def test_find_incidents_filters_by_period_tier_and_type(services) -> None:  # type: ignore[no-untyped-def]
    def add(day: date, tier: ConsentTier, *types: IncidentType) -> str:
        return services.record_incident(day, None, list(types), tier, PoliceReport.NO).id

    a = add(date(2026, 11, 2), ConsentTier.WARN_WORKERS, IncidentType.SEXUAL_VIOLENCE)
    b = add(date(2026, 11, 18), ConsentTier.RECORD_ONLY, IncidentType.OTHER)
    c = add(
        date(2026, 11, 20),
        ConsentTier.WARN_WORKERS,
        IncidentType.OTHER,
        IncidentType.PHYSICAL_VIOLENCE,
    )
    store = services.store
    assert [i.id for i in store.find_incidents()] == [c, b, a]
    assert [i.id for i in store.find_incidents(first_day=date(2026, 11, 16))] == [c, b]
    assert [i.id for i in store.find_incidents(last_day=date(2026, 11, 18))] == [b, a]
    assert [i.id for i in store.find_incidents(tiers=("warn-workers",))] == [c, a]
    assert [i.id for i in store.find_incidents(type_="other")] == [c, b]
    assert store.find_incidents(tiers=()) == []


def test_police_references_are_kept_only_once_the_export_is_recorded(services) -> None:  # type: ignore[no-untyped-def]
    shared = services.record_incident(
        date(2026, 11, 18), "istedgade", [IncidentType.ROBBERY_THEFT],
        ConsentTier.POLICE_ANONYMOUS, PoliceReport.WANTS_HELP, (), "Two men, a grey car.",
    )  # fmt: skip
    services.record_incident(
        date(2026, 11, 18), None, [IncidentType.OTHER], ConsentTier.WARN_WORKERS, PoliceReport.NO
    )
    sheet = services.incident_sheet(IncidentExport.POLICE, W47, W47)
    assert [e.incident_id for e in sheet.entries] == [shared.id]
    reference = sheet.entries[0].reference
    assert reference and reference.startswith("RV-") and shared.id not in reference
    assert services.store.police_reference_incident(reference) is None  # not yet
    services.record_incident_export(sheet)
    assert services.store.police_reference_incident(reference) == shared.id
    assert services.incident_by_police_reference(reference.lower()) == shared
    assert services.incident_by_police_reference("RV-0000-0000") is None
    assert [r for r, _ in services.store.police_references_of(shared.id)] == [reference]
    assert audit_rows(services, "police-report") == [("export", sheet.export_id)]
    # a new export draws a new reference for the same incident
    again = services.incident_sheet(IncidentExport.POLICE, W47, W47)
    assert again.entries[0].reference != reference and again.export_id != sheet.export_id

    alerts = services.incident_sheet(IncidentExport.ALERTS, W47, W47)
    services.record_incident_export(alerts)
    assert audit_rows(services, "alert-sheet") == [("export", alerts.export_id)]
    assert all(e.reference is None for e in alerts.entries)


def test_partner_details_are_saved_audited_and_go_with_their_list_entry(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.save_partner_organisation(
        PartnerOrganisation("reden", areas=" Vesterbro ", phone="70 00 00 00", hours="10–22")
    )
    assert saved.areas == "Vesterbro"
    assert services.store.partner_organisations() == [saved]
    services.save_partner_organisation(PartnerOrganisation("reden", areas="Indre By"))
    assert services.store.partner_organisations()[0].areas == "Indre By"
    assert audit_rows(services, "partner-organisation") == [("edit", "reden"), ("edit", "reden")]
    with pytest.raises(ServiceError):
        services.save_partner_organisation(PartnerOrganisation("no-such-place"))
    with pytest.raises(ServiceError):
        services.save_partner_organisation(PartnerOrganisation("reden", notes="x" * 500))

    # a new, unused partner deleted from the list takes its details with it
    services.save_vocabulary_entry(
        VocabularyEntry(VocabularyKind.DESTINATION, "cafe-klare", "Café Klare", "Café Klare")
    )
    services.save_partner_organisation(PartnerOrganisation("cafe-klare", phone="70 00 00 01"))
    assert services.remove_vocabulary_entry(VocabularyKind.DESTINATION, "cafe-klare") == "deleted"
    assert [p.slug for p in services.store.partner_organisations()] == ["reden"]


def test_referrals_are_found_by_status_and_counted_for_completion(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.save_contact(
        ContactInput(
            time=NIGHT,
            code="MAJA7",
            referrals=(ReferralInput("reden"), ReferralInput("checkpoint"), ReferralInput("reden")),
        )
    )
    first, second, third = saved.referral_ids
    services.set_referral_status(first, ReferralStatus.ATTENDED, NIGHT)
    services.set_referral_status(third, ReferralStatus.NO_SHOW, NIGHT)
    store = services.store
    assert {r.id for r in store.find_referrals(statuses=("referred",))} == {second}
    assert {r.id for r in store.find_referrals(destination="reden")} == {first, third}
    assert store.find_referrals(created_from=datetime(2026, 11, 21)) == []
    assert store.referral_by_id(first).status == "attended"
    followup = services.add_followup(
        saved.profile_id, FollowUpType.REFERRAL_CHECK, date(2026, 11, 24), None, referral_id=second
    )
    assert store.referral_by_id(second).followup_id == followup.id

    rates = {r.destination: r for r in services.referral_completion(W47, W47)}
    assert rates["reden"].rate == 0.5 and rates["checkpoint"].rate is None
    assert services.referral_completion(W47 + 1, W47 + 2) == []
    with pytest.raises(ServiceError):
        services.referral_completion(W47, W47 - 1)


def test_the_version_3_fixture_reads_with_todays_code(tmp_path: Path) -> None:
    manifest = json.loads((FIXTURES / "schema_v3.counts.json").read_text(encoding="utf-8"))
    for suffix in ("", ".keys"):
        shutil.copyfile(FIXTURES / f"schema_v3.redvan{suffix}", tmp_path / f"v3.redvan{suffix}")
    vault = unlock(tmp_path / "v3.redvan", manifest["passphrase"], staff="AB", migrate=True)
    try:
        services = Services(VaultStore(vault))
        incident = services.incident_by_police_reference("RV-7K3M-Q9XD")
        assert incident is not None and incident.profile_id == manifest["codes"]["rosa k9"]
        assert incident.types == ("robbery-theft",)
        assert services.store.partner_organisations()[0].areas == "Vesterbro; women over 18"
    finally:
        vault.close(backup=False)
