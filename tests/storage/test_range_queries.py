"""The screens' range and list queries read indexes instead of whole tables (B7); they must
still return exactly what the plain queries did."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from redvan.core.demo import DemoPlan, generate
from redvan.core.enums import FollowUpType, ReferralStatus
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.weeks import IsoWeek

SUNDAY_NIGHT = datetime(2026, 11, 22, 23, 30)  # Sunday of 2026-W47


def _contact(at: datetime, code: str | None = None, referral: bool = False) -> ContactInput:
    return ContactInput(
        time=at,
        zone="istedgade",
        channel="street",
        code=code,
        services=(ServiceGiven("condoms", 5),),
        referrals=(ReferralInput("reden", ReferralStatus.REFERRED.value),) if referral else (),
    )


def _plain_contacts(store, start: datetime, end: datetime) -> list[str]:  # type: ignore[no-untyped-def]
    rows = store.conn.execute(
        "SELECT id FROM contact WHERE time >= ? AND time < ? ORDER BY time, id",
        (start.isoformat(timespec="minutes"), end.isoformat(timespec="minutes")),
    )
    return [r[0] for r in rows]


def test_contacts_between_across_a_week_boundary_and_a_night_labelled_by_its_start(
    services,  # type: ignore[no-untyped-def]
) -> None:
    store = services.store
    for minutes in (0, 20, 45, 90, 600):  # Sunday 23:30 → Monday 00:50 and later (W48)
        services.save_contact(_contact(SUNDAY_NIGHT + timedelta(minutes=minutes), referral=True))
    services.save_contact(_contact(SUNDAY_NIGHT - timedelta(days=9)))
    # As the demo stores it: a contact after midnight carries its night's week (W47).
    with store.transaction():
        store.conn.execute(
            "UPDATE contact SET week = ? WHERE time > ?",
            (str(IsoWeek(2026, 47)), "2026-11-23T00:00"),
        )
    windows = [
        (datetime(2026, 11, 23, 0, 0), datetime(2026, 11, 23, 12, 0)),  # Monday morning only
        (datetime(2026, 11, 22, 12, 0), datetime(2026, 11, 23, 12, 0)),
        (datetime(2026, 11, 1), datetime(2026, 12, 1)),
        (datetime(2020, 1, 1), datetime(2030, 1, 1)),  # too many weeks: read as before
    ]
    for start, end in windows:
        found = store.contacts_between(start, end)
        assert sorted(c.id for c in found) == sorted(_plain_contacts(store, start, end))
        assert [c.time for c in found] == sorted(c.time for c in found)
        counts = store.referral_counts_between(start, end)
        assert set(counts) == {c.id for c in found if c.time >= SUNDAY_NIGHT}
        assert set(counts.values()) <= {1}


def test_followups_carry_their_referral_and_only_theirs(services) -> None:  # type: ignore[no-untyped-def]
    person = services.create_profile("MAJA7", SUNDAY_NIGHT)
    first = services.save_contact(_contact(SUNDAY_NIGHT, "MAJA7", referral=True))
    services.save_contact(_contact(SUNDAY_NIGHT + timedelta(minutes=5), "MAJA7", referral=True))
    linked = services.add_followup(
        person.id,
        FollowUpType.REFERRAL_CHECK,
        date(2026, 11, 25),
        None,
        referral_id=first.referral_ids[0],
    )
    loose = services.add_followup(person.id, FollowUpType.CALL_BACK, date(2026, 11, 24), None)
    found = {f.id: f.referral_id for f in services.store.followups(status="open")}
    assert found == {linked.id: first.referral_ids[0], loose.id: None}
    assert services.store.followup_by_id(linked.id).referral_id == first.referral_ids[0]
    due = services.store.followups(status="open", due_before=date(2026, 11, 25))
    assert [f.id for f in due] == [loose.id]
    # A filtered list finds the links of its own follow-ups only; Tonight's skips them.
    later = services.store.followups(status="open", due_before=date(2026, 11, 26))
    assert [(f.id, f.referral_id) for f in later] == [
        (loose.id, None),
        (linked.id, first.referral_ids[0]),
    ]
    bare = services.store.followups(
        status="open", due_before=date(2026, 11, 26), with_referrals=False
    )
    assert [(f.id, f.referral_id) for f in bare] == [(loose.id, None), (linked.id, None)]
    assert [f.id for f in services.store.followups(status=None, with_referrals=False)] == [
        loose.id,
        linked.id,
    ]
    assert {f.id for f in services.store.followups_of_profile(person.id)} == set(found)


def test_people_are_listed_most_recently_seen_first_a_page_at_a_time(services) -> None:  # type: ignore[no-untyped-def]
    generate(services, DemoPlan(weeks=6, seed=3, vans=1, last_week=IsoWeek(2026, 47)))
    store = services.store
    everyone = store.conn.execute("SELECT id, last_seen FROM profile").fetchall()
    assert len(everyone) > 60
    page = store.profiles_by_alias("", 50)
    assert len(page) == 50
    seen = [p.last_seen for p in page]
    assert seen == sorted(seen, reverse=True)
    newest = sorted((r[1] for r in everyone), reverse=True)[:50]
    assert [p.last_seen.isoformat(timespec="minutes") for p in page] == newest
    alias = page[0].alias
    prefix = alias.split("-")[0] + "-"
    by_prefix = store.profiles_by_alias(prefix, 500)
    assert by_prefix and all(p.alias.startswith(prefix) for p in by_prefix)
    assert any(p.alias == alias for p in by_prefix)
    assert store.profiles_by_alias("Nobody-", 10) == []


def test_aliases_by_id_are_those_of_the_whole_profiles(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    generate(services, DemoPlan(weeks=3, seed=5, vans=1, last_week=IsoWeek(2026, 47)))
    store = services.store
    ids = [r[0] for r in store.conn.execute("SELECT id FROM profile LIMIT 7")]
    assert len(ids) == 7
    monkeypatch.setattr(type(store), "_IDS_PER_QUERY", 3)  # several queries
    found = store.aliases_by_id([*ids, ids[0], "no-such-person"])
    assert set(found) == set(ids)
    for profile_id in ids:
        profile = store.profile_by_id(profile_id)
        assert found[profile_id] == (profile.alias, profile.first_seen)
    assert store.aliases_by_id([]) == {}


def test_inclusions_are_counted_by_the_monday_of_their_week(services) -> None:  # type: ignore[no-untyped-def]
    generate(services, DemoPlan(weeks=8, seed=7, vans=1, last_week=IsoWeek(2026, 47)))
    store = services.store
    assert store.conn.execute("SELECT count(*) FROM programme_inclusion").fetchone()[0] > 0
    for until in (date(2026, 11, 29), date(2026, 10, 14), date(2020, 1, 1)):
        plain = store.conn.execute(
            "SELECT programme_id, date(included_on, 'weekday 0', '-6 days') AS monday, "
            "count(*) FROM programme_inclusion WHERE included_on <= ? "
            "GROUP BY programme_id, monday",
            (until.isoformat(),),
        )
        expected = [(p, date.fromisoformat(d), n) for p, d, n in plain]
        assert store.inclusion_counts(until) == expected
