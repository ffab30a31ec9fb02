"""Stored nights (SPEC §3 "Reporting day"): every way a contact enters a vault files it on its
night; first_seen and programme inclusions are the earliest, whatever the order of entry; the
v5 migration and a change of the rule put existing records on their nights."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from redvan.core.demo import DemoPlan, generate
from redvan.core.intake import parse_jsonl
from redvan.core.model import ContactInput
from redvan.core.night import Clock
from redvan.core.services import ServiceError, Services
from redvan.core.weeks import IsoWeek
from redvan.storage import schema
from redvan.storage.nights import recompute_nights
from redvan.storage.vault import unlock
from tests.storage.test_migrations import VAULTS, copy_fixture, manifest_of


def _programme(services: Services) -> None:
    services.save_programme("exit-2020", "EXIT", IsoWeek(2020, 1), IsoWeek(2021, 52), 50)


def test_out_of_order_intake_keeps_the_earliest_inclusion_and_first_seen(services) -> None:  # type: ignore[no-untyped-def]
    """Before: INSERT OR IGNORE left included_on at 06-03 while first_seen was 03-04."""
    _programme(services)
    lines = parse_jsonl(
        b'{"time": "2020-06-03T22:00", "code": "MAJA7", "programme": "exit-2020"}\n'
        b'{"time": "2020-03-04T23:00", "code": "MAJA7", "programme": "exit-2020"}\n'
    )
    services.save_intake(lines)
    profile = services.find_by_code("MAJA7")
    assert profile is not None and profile.first_seen == datetime(2020, 3, 4, 23, 0)
    assert profile.last_seen == datetime(2020, 6, 3, 22, 0)
    [(_, included)] = services.store.inclusions_of_profile(profile.id)
    assert included == date(2020, 3, 4)
    # a later inclusion never moves it forward again
    services.save_intake(
        parse_jsonl(b'{"time": "2020-07-01T22:00", "code": "MAJA7", "programme": "exit-2020"}\n')
    )
    assert services.store.inclusions_of_profile(profile.id)[0][1] == date(2020, 3, 4)


def test_an_inclusion_after_midnight_dates_from_the_night(services) -> None:  # type: ignore[no-untyped-def]
    _programme(services)
    services.save_intake(
        parse_jsonl(b'{"time": "2020-03-09T01:30", "code": "MAJA7", "programme": "exit-2020"}\n')
    )
    profile = services.find_by_code("MAJA7")
    assert profile is not None
    # 01:30 on Monday belongs to Sunday's night, and so to week 10, not 11
    assert services.store.inclusions_of_profile(profile.id)[0][1] == date(2020, 3, 8)


def test_record_and_the_contact_form_file_by_night(services) -> None:  # type: ignore[no-untyped-def]
    """Before: `record` and the app filed 01:30 on Monday under Monday's week."""
    services.save_intake(
        parse_jsonl(
            b'{"time": "2026-11-22T23:59", "code": "ANNA1"}\n'
            b'{"time": "2026-11-23T01:30", "code": "ANNA1"}\n'
        )
    )
    services.save_contact(ContactInput(time=datetime(2026, 11, 23, 2, 15), code="ANNA1"))
    weeks = {w for (w,) in services.store.conn.execute("SELECT week FROM contact")}
    assert weeks == {"2026-W47"}
    tally = services.tally(IsoWeek(2026, 47), IsoWeek(2026, 47))
    assert tally.total("contacts") == 3 and tally.total("persons") == 1
    assert tally.table("persons.new").count("new") == 1
    assert services.tally(IsoWeek(2026, 48), IsoWeek(2026, 48)).total("persons") == 0


def test_an_offset_is_converted_to_the_vault_zone_not_the_machines(services) -> None:  # type: ignore[no-untyped-def]
    services.save_contact(ContactInput(time=datetime(2026, 10, 25, 23, 30, tzinfo=UTC)))
    plus_one = timezone(timedelta(hours=1))
    services.save_contact(ContactInput(time=datetime(2027, 1, 4, 0, 30, tzinfo=plus_one)))
    rows = sorted(services.store.conn.execute("SELECT time, week FROM contact"))
    assert rows == [("2026-10-26T00:30", "2026-W43"), ("2027-01-04T00:30", "2026-W53")]


def test_a_time_in_the_gap_is_stored_moved_forward(services) -> None:  # type: ignore[no-untyped-def]
    services.save_contact(ContactInput(time=datetime(2026, 3, 29, 2, 30)))
    assert services.store.conn.execute("SELECT time FROM contact").fetchone()[0] == (
        "2026-03-29T03:30"
    )


def test_undoing_the_earliest_contact_moves_first_seen_back(services) -> None:  # type: ignore[no-untyped-def]
    services.save_contact(ContactInput(time=datetime(2026, 5, 5, 22, 0), code="BIRD2"))
    early = services.save_contact(ContactInput(time=datetime(2026, 5, 1, 22, 0), code="BIRD2"))
    services.undo_contact(early)
    profile = services.find_by_code("BIRD2")
    assert profile is not None and profile.first_seen == datetime(2026, 5, 5, 22, 0)


def test_changing_the_rule_moves_stored_contacts_to_their_night(services) -> None:  # type: ignore[no-untyped-def]
    services.save_contact(ContactInput(time=datetime(2026, 11, 23, 1, 30)))  # Monday 01:30
    assert services.store.conn.execute("SELECT week FROM contact").fetchone()[0] == "2026-W47"
    assert services.change_clock(0, "Europe/Copenhagen") == 1
    assert services.clock() == Clock(0, "Europe/Copenhagen")
    assert services.store.conn.execute("SELECT week FROM contact").fetchone()[0] == "2026-W48"
    assert services.change_clock(0, "Europe/Copenhagen") == 0
    with pytest.raises(ServiceError, match="not a time zone"):
        services.change_clock(6, "Atlantis/Nowhere")


def test_recompute_puts_every_record_on_its_night(services) -> None:  # type: ignore[no-untyped-def]
    """What the v5 migration does to a vault filed by calendar date and in random order."""
    _programme(services)
    services.save_intake(
        parse_jsonl(
            b'{"time": "2020-06-08T01:00", "code": "CORA3", "programme": "exit-2020",'
            b' "services": {"condoms": 2}, "referrals": [{"to": "reden"}]}\n'
            b'{"time": "2020-06-01T23:00", "code": "CORA3"}\n'
        )
    )
    conn = services.store.conn
    # The old ways: calendar weeks, first_seen of the first entered, inclusion by calendar date.
    with services.store.transaction():
        conn.execute("UPDATE contact SET week = '2020-W24' WHERE time = '2020-06-08T01:00'")
        conn.execute("UPDATE contact_service SET week = '2020-W24'")
        conn.execute("UPDATE referral SET week = '2020-W24'")
        conn.execute("UPDATE profile SET first_seen = '2020-06-08T01:00'")
        conn.execute("UPDATE programme_inclusion SET included_on = '2020-06-08'")
    with services.store.transaction():
        moved = recompute_nights(conn, Clock())
    assert moved == 1
    assert {w for (w,) in conn.execute("SELECT week FROM contact")} == {"2020-W23"}
    assert conn.execute("SELECT week FROM contact_service").fetchone()[0] == "2020-W23"
    assert conn.execute("SELECT week FROM referral").fetchone()[0] == "2020-W23"
    assert conn.execute("SELECT first_seen, last_seen FROM profile").fetchone() == (
        "2020-06-01T23:00",
        "2020-06-08T01:00",
    )
    assert conn.execute("SELECT included_on FROM programme_inclusion").fetchone()[0] == (
        "2020-06-07"
    )
    with services.store.transaction():
        assert recompute_nights(conn, Clock()) == 0  # idempotent


@pytest.mark.parametrize("fixture", VAULTS, ids=lambda p: p.stem)
def test_every_fixture_migrates_onto_nights(fixture: Path, tmp_path: Path) -> None:
    manifest = manifest_of(fixture)
    path = copy_fixture(fixture, tmp_path)
    vault = unlock(path, manifest["passphrase"], staff=manifest["staff"], migrate=True)
    try:
        conn = vault.conn
        assert schema.version(conn) == schema.LATEST
        clock = Clock()
        for stamp, week in conn.execute("SELECT time, week FROM contact"):
            assert week == str(clock.week(datetime.fromisoformat(stamp)))
        for first, low in conn.execute(
            "SELECT p.first_seen, min(c.time) FROM profile p JOIN contact c "
            "ON c.profile_id = p.id GROUP BY p.id"
        ):
            assert first == low
        stale = conn.execute(
            "SELECT count(*) FROM contact_service s JOIN contact c ON c.id = s.contact_id "
            "WHERE s.week <> c.week"
        ).fetchone()[0]
        assert stale == 0
    finally:
        vault.close()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_the_demo_never_writes_the_future_and_has_no_returning_person_overall(services) -> None:  # type: ignore[no-untyped-def]
    """Before: a whole-history tally said 868 new and 1 returning."""
    now = datetime(2026, 12, 2, 23, 10)  # a Wednesday night in 2026-W49
    generate(services, DemoPlan(weeks=6, seed=7, last_week=IsoWeek(2026, 50), now=now))
    conn = services.store.conn
    stamp = now.isoformat(timespec="minutes")
    assert conn.execute("SELECT max(time) FROM contact").fetchone()[0] <= stamp
    assert conn.execute("SELECT max(started_at) FROM shift").fetchone()[0] <= stamp
    assert conn.execute("SELECT max(created_at) FROM incident").fetchone()[0] <= stamp
    assert conn.execute("SELECT max(created_at) FROM followup").fetchone()[0] <= stamp
    assert (
        conn.execute(
            "SELECT count(*) FROM followup WHERE status <> 'open' AND due >= ?",
            (now.date().isoformat(),),
        ).fetchone()[0]
        == 0
    )
    first_week = IsoWeek.parse(conn.execute("SELECT min(week) FROM contact").fetchone()[0])
    whole = services.tally(first_week, IsoWeek(2026, 50))
    assert whole.table("persons.new").count("returning") == 0
    assert whole.table("persons.new").count("new") == whole.total("persons") > 0


def test_the_tonight_warning_uses_the_nights_week(services) -> None:  # type: ignore[no-untyped-def]
    services.save_programme("exit", "EXIT", IsoWeek(2026, 40), IsoWeek(2026, 47), 50)
    # 01:30 on Monday of week 48 is Sunday's night: the programme (ending week 47) still runs.
    assert [r.slug for r in services.programme_reach(datetime(2026, 11, 23, 1, 30))] == ["exit"]
    assert services.programme_reach(datetime(2026, 11, 23, 7, 0)) == []
