"""Use-case services over a real vault: contacts, profiles, programmes, follow-ups, incidents."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from redvan.core.enums import (
    ConsentTier,
    FollowUpStatus,
    FollowUpType,
    IncidentType,
    PoliceReport,
    ReferralStatus,
    Role,
)
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.services import CodeTaken, PiiWarning, ServiceError, UnknownValue
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.storage import audit

NIGHT = datetime(2026, 11, 20, 22, 15)


def contact(**kw: object) -> ContactInput:
    base: dict[str, object] = {"time": NIGHT, "zone": "istedgade", "channel": "street"}
    base.update(kw)
    return ContactInput(**base)  # type: ignore[arg-type]


def test_a_new_code_makes_a_person_and_a_returning_code_finds_them(services) -> None:
    first = services.save_contact(contact(code="maja 7", services=(ServiceGiven("condoms", 10),)))
    assert first.new_profile and first.alias
    again = services.save_contact(contact(code="MAJA-7", time=NIGHT + timedelta(days=7)))
    assert not again.new_profile
    assert again.profile_id == first.profile_id
    profile = services.find_by_code("Maja7")
    assert profile is not None and profile.alias == first.alias
    assert profile.first_seen == NIGHT and profile.last_seen == NIGHT + timedelta(days=7)


def test_the_code_itself_is_never_stored(services) -> None:
    services.save_contact(contact(code="ZEBRA99"))
    conn = services.store.conn
    for (sql,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"):
        for row in conn.execute(f'SELECT * FROM "{sql}"'):
            assert not any(isinstance(v, str) and "ZEBRA99" in v.upper() for v in row)


def test_an_uncoded_contact_is_counted_but_makes_no_person(services) -> None:
    result = services.save_contact(contact(services=(ServiceGiven("coffee-food", 2),)))
    assert result.profile_id is None and result.alias is None
    assert services.store.count_contacts() == 1
    assert services.store.conn.execute("SELECT count(*) FROM profile").fetchone()[0] == 0


def test_contact_saves_services_referrals_and_audit_without_values(services) -> None:
    result = services.save_contact(
        contact(
            code="LUNA5",
            services=(ServiceGiven("condoms", 10), ServiceGiven("conversation", 1)),
            referrals=(ReferralInput("reden", "referred"),),
        )
    )
    saved = services.store.contact_by_id(result.contact_id)
    assert saved is not None and saved.week == "2026-W47"
    assert {(s.service, s.quantity) for s in saved.services} == {
        ("condoms", 10),
        ("conversation", 1),
    }
    assert len(result.referral_ids) == 1
    actions = services.store.conn.execute(
        "SELECT action, entity FROM audit ORDER BY seq"
    ).fetchall()
    assert ("create", "contact") in actions and ("create", "referral") in actions
    assert ("create", "profile") in actions
    assert audit.verify(services.store.conn).ok


def test_unknown_vocabulary_values_are_refused(services) -> None:
    with pytest.raises(UnknownValue) as caught:
        services.save_contact(contact(zone="nowhere"))
    assert caught.value.field == "zone"
    with pytest.raises(UnknownValue):
        services.save_contact(contact(services=(ServiceGiven("caviar", 1),)))
    assert services.store.count_contacts() == 0


def test_pii_in_a_note_needs_confirmation(services) -> None:
    with pytest.raises(PiiWarning) as caught:
        services.save_contact(contact(note="Ring hende på 22 33 44 55"))
    assert "22 33 44 55" not in str(caught.value)
    assert services.store.count_contacts() == 0
    services.save_contact(contact(note="Ring hende på 22 33 44 55"), confirm_pii=True)
    assert services.store.count_contacts() == 1


def test_a_plain_note_needs_no_confirmation(services) -> None:
    services.save_contact(contact(note="Gave 10 condoms on Istedgade at 22:15, 20.11.2026"))
    assert services.store.count_contacts() == 1


def test_create_profile_refuses_a_taken_code_without_saying_whose(services) -> None:
    first = services.create_profile("ROSE42")
    with pytest.raises(CodeTaken) as caught:
        services.create_profile("rose-42")
    assert first.alias not in str(caught.value)
    assert "ROSE42" not in str(caught.value).upper()


def test_undo_takes_back_the_contact_and_a_person_it_created(services) -> None:
    result = services.save_contact(contact(code="UNDO1", programme=None))
    services.undo_contact(result)
    assert services.store.count_contacts() == 0
    assert services.find_by_code("UNDO1") is None
    kept = services.save_contact(contact(code="KEEP1"))
    second = services.save_contact(contact(code="KEEP1"))
    services.undo_contact(second)
    assert services.find_by_code("KEEP1") is not None
    assert services.store.contact_by_id(kept.contact_id) is not None


def test_programme_inclusion_counts_the_first_contact_only(services) -> None:
    services.save_programme("exit-2020", "EXIT", IsoWeek(2026, 1), IsoWeek(2026, 52), 465)
    first = services.save_contact(contact(code="ANNA1", programme="exit-2020"))
    services.save_contact(
        contact(code="ANNA1", programme="exit-2020", time=NIGHT + timedelta(days=1))
    )
    rows = services.store.conn.execute(
        "SELECT included_on, contact_id FROM programme_inclusion"
    ).fetchall()
    assert rows == [("2026-11-20", first.contact_id)]


def test_programme_needs_a_coded_person_and_an_existing_slug(services) -> None:
    with pytest.raises(ServiceError):
        services.save_contact(contact(programme="missing"))
    services.save_programme("exit", "EXIT", IsoWeek(2026, 1), IsoWeek(2026, 52), 10)
    with pytest.raises(ServiceError):
        services.save_contact(contact(programme="exit"))


def test_programme_update_keeps_its_id(services) -> None:
    a = services.save_programme("exit", "EXIT", IsoWeek(2026, 1), IsoWeek(2026, 52), 10)
    b = services.save_programme("exit", "EXIT 2", IsoWeek(2026, 1), IsoWeek(2027, 52), 20)
    assert a.id == b.id and b.target == 20
    with pytest.raises(ServiceError):
        services.save_programme("exit", "EXIT", IsoWeek(2026, 10), IsoWeek(2026, 1), 10)


def test_a_shift_gives_contacts_their_shift(services) -> None:
    staff = services.store.list_staff()[0]
    shift = services.start_shift("Van 1", ["istedgade", "vesterbro"], [staff.id], NIGHT)
    with pytest.raises(ServiceError):
        services.start_shift("Van 2", [], [], NIGHT)
    result = services.save_contact(contact())
    saved = services.store.contact_by_id(result.contact_id)
    assert saved is not None and saved.shift_id == shift.id
    services.end_shift(shift.id, NIGHT + timedelta(hours=4))
    assert services.store.open_shift() is None


def test_a_shift_names_its_staff_in_alphabetical_order(services) -> None:
    """The staff of a shift read back in the order of their names, not of their random ids
    (Tonight showed "AK, AB" on one run and "AB, AK" on the next)."""
    names = ["ZK7", "MB7", "AB7", "TT7", "CD7", "AK7", "QX7", "BB7"]
    people = [services.add_staff(name, Role.OUTREACH) for name in names]
    services.start_shift("Van 1", [], [p.id for p in people], NIGHT)
    shift = services.store.open_shift()
    assert shift is not None
    by_id = {p.id: p.display_name for p in people}
    assert [by_id[i] for i in shift.staff_ids] == sorted(names, key=str.casefold)


def test_followups_open_and_close(services) -> None:
    result = services.save_contact(contact(code="FOLLOW1", referrals=(ReferralInput("reden"),)))
    assert result.profile_id is not None
    followup = services.add_followup(
        result.profile_id,
        FollowUpType.REFERRAL_CHECK,
        date(2026, 11, 27),
        None,
        referral_id=result.referral_ids[0],
    )
    assert [f.id for f in services.store.followups(status="open")] == [followup.id]
    with pytest.raises(PiiWarning):
        services.close_followup(followup.id, FollowUpStatus.DONE, "mail maja@example.dk", NIGHT)
    services.close_followup(followup.id, FollowUpStatus.DONE, "Attended the clinic", NIGHT)
    closed = services.store.followup_by_id(followup.id)
    assert (
        closed is not None
        and closed.status == "done"
        and closed.referral_id == result.referral_ids[0]
    )
    services.set_referral_status(result.referral_ids[0], ReferralStatus.ATTENDED, NIGHT)


def test_incidents_are_recorded_with_tier(services) -> None:
    incident = services.record_incident(
        date(2026, 11, 20),
        "istedgade",
        [IncidentType.PHYSICAL_VIOLENCE, IncidentType.ROBBERY_THEFT],
        ConsentTier.WARN_WORKERS,
        PoliceReport.WANTS_HELP,
        ["crime-report-support"],
        "Dark blue car, man in his 50s",
    )
    assert incident.week == "2026-W47"
    with pytest.raises(ServiceError):
        services.record_incident(
            date(2026, 11, 20), None, [], ConsentTier.RECORD_ONLY, PoliceReport.NO
        )


def test_used_vocabulary_is_retired_not_deleted(services) -> None:
    services.save_contact(contact(services=(ServiceGiven("condoms", 1),)))
    assert services.remove_vocabulary_entry(VocabularyKind.SERVICE, "condoms") == "retired"
    assert services.remove_vocabulary_entry(VocabularyKind.SERVICE, "group-course") == "deleted"
    with pytest.raises(UnknownValue):
        services.save_contact(contact(services=(ServiceGiven("condoms", 1),)))
    entry = VocabularyEntry(VocabularyKind.ZONE, "nordhavn", "Nordhavn", "Nordhavn")
    services.save_vocabulary_entry(entry)
    services.save_contact(contact(zone="nordhavn"))


def test_staff_can_be_added(services) -> None:
    member = services.add_staff("MJ", Role.OUTREACH)
    assert member.id in {s.id for s in services.store.list_staff()}
    with pytest.raises(ServiceError):
        services.add_staff("  ", Role.OUTREACH)


def test_scripted_intake_is_all_or_nothing(services) -> None:
    from redvan.core.intake import IntakeError

    good = contact(code="BATCH1")
    bad = contact(zone="atlantis")
    with pytest.raises(IntakeError) as caught:
        services.save_intake([(1, good), (2, bad)])
    assert caught.value.line == 2 and caught.value.field == "zone"
    assert services.store.count_contacts() == 0
    assert len(services.save_intake([(1, good), (2, contact())])) == 2


def test_a_referral_area_is_guarded_and_purged(services) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: `{"referrals":[{"to":"reden","area":"Maja, cpr 010190-1234, tlf +45 22 33
    44 55"}]}` was stored verbatim and never purged."""
    from datetime import datetime

    import pytest

    from redvan.core.model import ContactInput, ReferralInput
    from redvan.core.services import PiiWarning

    area = "Maja, cpr 010190-1234, tlf +45 22 33 44 55"
    entry = ContactInput(
        time=datetime(2026, 11, 10, 21, 0),
        zone="istedgade",
        channel="street",
        referrals=(ReferralInput("reden", "referred", area=area),),
    )
    with pytest.raises(PiiWarning) as caught:
        services.save_contact(entry)
    assert caught.value.field == "referral area"
    assert {f.kind.value for f in caught.value.findings} == {"cpr", "phone"}
    services.save_contact(entry, confirm_pii=True)  # confirmed by the worker: kept, for now
    records = services.purge(datetime(2027, 12, 1))
    assert any(r.kind == "referral-area" and r.count == 1 for r in records)
    rows = services.store.conn.execute("SELECT area FROM referral").fetchall()  # type: ignore[attr-defined]
    assert rows == [("",)]
