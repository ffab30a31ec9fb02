"""R1 in the vault: VaultStore.tally_rows and inclusion_counts (schema v4), the tally against a
recomputation from the records, the indexes the queries use (budget B4), and the v4 migration.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.enums import (
    AgeBand,
    ConsentTier,
    FollowUpStatus,
    FollowUpType,
    Gender,
    IncidentType,
    PoliceReport,
    ReferralStatus,
)
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.services import Services
from redvan.core.tally import NOT_RECORDED, Tally, period_bounds
from redvan.core.weeks import IsoWeek
from redvan.storage import schema
from redvan.storage.vault import unlock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BASE = IsoWeek(2026, 40)

ZONES = ["istedgade", "vesterbro", "amager", None]
CHANNELS = ["street", "van", "online", None]
LANGUAGES = ["da", "ro", "bg", None]
SERVICES = ["condoms", "lubricant", "conversation", "legal-advice", "exit-plan"]
DESTINATIONS = ["reden", "jobcenter", "legal-aid"]

contact = st.fixed_dictionaries(
    {
        "week": st.integers(0, 5),
        "day": st.integers(0, 6),
        "minute": st.integers(0, 23 * 60),
        "zone": st.sampled_from(ZONES),
        "channel": st.sampled_from(CHANNELS),
        "code": st.one_of(st.none(), st.integers(1, 12).map(lambda n: f"CODE{n:02d}")),
        "age": st.one_of(st.none(), st.sampled_from([a.value for a in AgeBand])),
        "gender": st.one_of(st.none(), st.sampled_from([g.value for g in Gender])),
        "language": st.sampled_from(LANGUAGES),
        "services": st.dictionaries(st.sampled_from(SERVICES), st.integers(1, 20), max_size=3),
        "referrals": st.lists(
            st.tuples(
                st.sampled_from(DESTINATIONS), st.sampled_from([s.value for s in ReferralStatus])
            ),
            max_size=2,
        ),
        "followup": st.one_of(st.none(), st.sampled_from([s for s in FollowUpStatus])),
    }
)
incident = st.tuples(
    st.integers(0, 5 * 7 + 6),
    st.sets(st.sampled_from(list(IncidentType)), min_size=1, max_size=3),
    st.sampled_from(list(ConsentTier)),
    st.sampled_from(list(PoliceReport)),
)


def save(services: Services, entry: dict, staff: str | None) -> None:
    when = datetime.combine(
        (BASE + entry["week"]).monday() + timedelta(days=entry["day"]), datetime.min.time()
    ) + timedelta(minutes=entry["minute"])
    result = services.save_contact(
        ContactInput(
            time=when,
            zone=entry["zone"],
            channel=entry["channel"],
            code=entry["code"],
            age_band=entry["age"],
            gender=entry["gender"],
            language=entry["language"],
            services=tuple(ServiceGiven(s, q) for s, q in entry["services"].items()),
            referrals=tuple(ReferralInput(d, s) for d, s in entry["referrals"]),
        )
    )
    if entry["followup"] is not None and result.profile_id is not None:
        followup = services.add_followup(
            result.profile_id, FollowUpType.CALL_BACK, when.date() + timedelta(days=3), staff
        )
        if entry["followup"] is not FollowUpStatus.OPEN:
            services.close_followup(followup.id, entry["followup"], None, when)


def recompute(services: Services, first: IsoWeek, last: IsoWeek) -> dict[str, Counter[str]]:
    """The same figures, counted one record at a time from what the store hands back."""
    store = services.store
    # Contacts (and their referrals, and new persons) count by night; dates by calendar day.
    start, end = services.clock().window(first, last)
    days_from, days_to = period_bounds(first, last)
    contacts = store.contacts_between(start, end)
    out: dict[str, Counter[str]] = {"total": Counter()}
    out["total"]["contacts"] = len(contacts)
    persons = {c.profile_id for c in contacts if c.profile_id is not None}
    out["total"]["persons"] = len(persons)
    new = set()
    for pid in persons:
        profile = store.profile_by_id(pid)
        assert profile is not None and profile.first_seen is not None
        if start <= profile.first_seen < end:
            new.add(pid)
    out["persons.new"] = Counter({"new": len(new), "returning": len(persons - new)})
    out["contacts.code"] = Counter(
        "coded" if c.profile_id is not None else "uncoded" for c in contacts
    )
    out["contacts.week"] = Counter(c.week for c in contacts)
    out["contacts.channel"] = Counter(c.channel or NOT_RECORDED for c in contacts)
    out["contacts.zone"] = Counter(c.zone or NOT_RECORDED for c in contacts)
    out["contacts.age_band"] = Counter(c.age_band for c in contacts)
    out["contacts.gender"] = Counter(c.gender for c in contacts)
    out["contacts.language"] = Counter(c.language or NOT_RECORDED for c in contacts)
    out["services"] = Counter(g.service for c in contacts for g in c.services)
    out["services.quantity"] = Counter()
    for c in contacts:
        for g in c.services:
            out["services.quantity"][g.service] += g.quantity
    referrals = [
        (d, s)
        for d, s, t in store.conn.execute(
            "SELECT r.destination, r.status, c.time FROM referral r "
            "JOIN contact c ON c.id = r.contact_id"
        )
        if start <= datetime.fromisoformat(t) < end
    ]
    out["total"]["referrals"] = len(referrals)
    out["referrals.destination"] = Counter(d for d, _ in referrals)
    out["referrals.status"] = Counter(s for _, s in referrals)
    followups = [
        f for f in store.followups(status=None) if days_from.date() <= f.due < days_to.date()
    ]
    out["total"]["followups"] = len(followups)
    out["followups.status"] = Counter(f.status for f in followups)
    incidents = {
        i: (tier, police)
        for i, day, tier, police in store.conn.execute(
            "SELECT id, date, consent_tier, reported_to_police FROM incident"
        )
        if days_from.date() <= date.fromisoformat(day) < days_to.date()
    }
    out["total"]["incidents"] = len(incidents)
    out["incidents.consent_tier"] = Counter(t for t, _ in incidents.values())
    out["incidents.police"] = Counter(p for _, p in incidents.values())
    out["incidents.type"] = Counter(
        t
        for i, t in store.conn.execute("SELECT incident_id, type FROM incident_type")
        if i in incidents
    )
    return out


def figures(tally: Tally) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {"total": Counter(tally.totals)}
    for table in tally.tables:
        out[table.key] = Counter({c: n for c, n in table.cells if n})
        if table.quantities:
            out["services.quantity"] = Counter({c: q for c, q in table.quantities if q})
    return out


@given(
    contacts=st.lists(contact, min_size=1, max_size=12),
    incidents=st.lists(incident, max_size=3),
    span=st.tuples(st.integers(0, 5), st.integers(0, 5)).map(sorted),
)
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_tally_equals_a_recount_of_the_records(services, contacts, incidents, span) -> None:  # type: ignore[no-untyped-def]
    """Whatever is in the vault (examples add up), the tally and a recount agree."""
    staff = services.store.staff_id
    for entry in contacts:
        save(services, entry, staff)
    for day, types, tier, police in incidents:
        services.record_incident(
            BASE.monday() + timedelta(days=day), "istedgade", sorted(types), tier, police
        )
    first, last = BASE + span[0], BASE + span[1]
    tally = services.tally(first, last)
    expected = recompute(services, first, last)
    got = figures(tally)
    for key, counted in expected.items():
        if key == "contacts.week" and first == last:
            continue  # a single week has no week breakdown
        assert +got[key] == +counted, key
    assert tally.table("contacts.code").total == tally.total("contacts")


def test_tally_rows_and_inclusions(services) -> None:  # type: ignore[no-untyped-def]
    week = IsoWeek(2026, 47)
    services.save_programme("exit", "EXIT", week - 10, week + 40, 60)
    monday = datetime.combine(week.monday(), datetime.min.time())
    services.save_contact(
        ContactInput(
            time=monday + timedelta(hours=22),
            zone="istedgade",
            channel="street",
            code="MAJA7",
            services=(ServiceGiven("condoms", 10),),
            programme="exit",
        )
    )
    services.save_contact(ContactInput(time=monday + timedelta(days=1, hours=23)))
    store = services.store
    rows = store.tally_rows(str(week), str(week), str(week - 3))
    assert sum(r[3] for r in rows.place) == 2 and sum(r[4] for r in rows.place) == 1
    assert (rows.persons, rows.new_persons) == (1, 1)
    assert rows.services == (("condoms", 1, 10),)
    assert rows.series == ()  # nothing in the weeks before
    programme = store.programme_by_slug("exit")
    assert programme is not None
    assert store.inclusion_counts(week.sunday()) == [(programme.id, week.monday(), 1)]
    assert store.inclusion_counts(week.monday() - timedelta(days=1)) == []
    reach = services.programme_reach(week.monday() + timedelta(days=4))
    assert [r.reached for r in reach] == [1]


def test_an_export_is_an_audit_event_without_values(services) -> None:  # type: ignore[no-untyped-def]
    services.record_export("tally-pdf", IsoWeek(2026, 40), IsoWeek(2026, 47))
    row = services.store.conn.execute(
        "SELECT action, entity, entity_id FROM audit ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert tuple(row) == ("export", "tally-pdf", "2026-W40..2026-W47")


def test_the_tally_queries_read_covering_indexes(services) -> None:  # type: ignore[no-untyped-def]
    """Budget B4: every contact and service query is an index range on the week, never a scan."""
    conn = services.store.conn
    queries = {
        "SELECT week, channel, zone, count(*), count(profile_id) FROM contact "
        "WHERE week BETWEEN ? AND ? GROUP BY week, channel, zone": "contact_tally_place",
        "SELECT week, age_band, gender, language, count(*) FROM contact "
        "WHERE week BETWEEN ? AND ? GROUP BY week, age_band, gender, language": (
            "contact_tally_person"
        ),
        "SELECT service, count(*), sum(quantity) FROM contact_service "
        "WHERE week BETWEEN ? AND ? GROUP BY week, service": "contact_service_week",
    }
    for sql, index in queries.items():
        plan = " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, ("a", "b")))
        assert f"COVERING INDEX {index}" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # grouped in index order
    plan = " | ".join(
        r[3]
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM profile WHERE id IN "
            "(SELECT profile_id FROM contact WHERE week BETWEEN ? AND ? "
            "AND profile_id IS NOT NULL)",
            ("a", "b"),
        )
    )
    assert "SCAN profile" not in plan and "COVERING INDEX contact_tally" in plan, plan


def test_schema_v4_backfills_the_week_of_every_service_row(tmp_path: Path) -> None:
    fixture = FIXTURES / "schema_v1.redvan"
    path = tmp_path / fixture.name
    for suffix in ("", ".keys"):
        shutil.copyfile(
            fixture.with_name(fixture.name + suffix), path.with_name(path.name + suffix)
        )
    vault = unlock(path, "fixture passphrase v1", staff="AB", migrate=True)
    try:
        conn = vault.conn
        assert schema.version(conn) == schema.LATEST
        rows = conn.execute(
            "SELECT s.week, c.week FROM contact_service s JOIN contact c ON c.id = s.contact_id"
        ).fetchall()
        assert rows and all(a == b for a, b in rows)
        # A writer that does not know the column still gets it filled in.
        contact_id = conn.execute("SELECT id FROM contact WHERE week = '2026-W47'").fetchone()[0]
        conn.execute(
            "INSERT INTO contact_service (contact_id, service, quantity) VALUES (?, 'old-kit', 2)",
            (contact_id,),
        )
        week = conn.execute(
            "SELECT week FROM contact_service WHERE contact_id = ? AND service = 'old-kit'",
            (contact_id,),
        ).fetchone()[0]
        assert week == "2026-W47"
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")}
        assert {"contact_tally_place", "contact_tally_person", "contact_service_week"} <= names
        assert "contact_week" not in names
    finally:
        vault.close(backup=False)
