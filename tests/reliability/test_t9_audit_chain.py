"""T9 / V8: any edited, deleted, reordered or forged audit event is detected, at the right place.

A chain is built once through the real services; each tampering runs on a direct SQLCipher
connection inside a transaction that is rolled back, so every example starts from the same
intact chain.
"""

from __future__ import annotations

import io
import json
import types
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redvan import cli
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
from redvan.core.services import Services
from redvan.core.weeks import IsoWeek
from redvan.storage import audit
from redvan.storage.keyslots import KdfParams
from redvan.storage.repository import VaultStore
from redvan.storage.vault import create_vault, open_connection
from tests.conftest import FAST_KDF_ARGS, PASSPHRASE

FIELDS = ("seq", "time", "staff_id", "action", "entity", "entity_id", "prev_hash", "hash")
EDITABLE = FIELDS  # every column of an event
NIGHT = datetime(2026, 11, 20, 21, 0)
DERANDOMIZED = settings(max_examples=25, deadline=None, derandomize=True)


def build_chain(services: Services) -> None:
    """A realistic night: staff, a shift, coded and uncoded contacts, referrals, a programme,
    follow-ups, an incident, an undo and a purge, each leaving its audit events."""
    helper = services.add_staff("CD", Role.OUTREACH)
    shift = services.start_shift("Red van 1", ["istedgade"], [helper.id], NIGHT)
    services.save_programme("exit-2026", "EXIT 2026", IsoWeek(2026, 40), IsoWeek(2027, 39), 465)
    saved = []
    for n in range(8):
        saved.append(
            services.save_contact(
                ContactInput(
                    time=NIGHT + timedelta(minutes=15 * n),
                    zone="istedgade",
                    channel="street",
                    code=f"CHAIN{n % 5}X" if n % 3 else None,
                    services=(ServiceGiven("condoms", 2 + n),),
                    referrals=(ReferralInput("reden"),) if n % 4 == 1 else (),
                    programme="exit-2026" if n == 2 else None,
                    note="talked about housing" if n % 2 else None,
                )
            )
        )
    coded = next(r for r in saved if r.profile_id)
    followup = services.add_followup(
        coded.profile_id, FollowUpType.CALL_BACK, date(2026, 11, 27), None
    )
    services.close_followup(followup.id, FollowUpStatus.DONE, "called back", NIGHT)
    referral = next(r for r in saved if r.referral_ids).referral_ids[0]
    services.set_referral_status(referral, ReferralStatus.ATTENDED, NIGHT)
    services.record_incident(
        NIGHT.date(),
        "istedgade",
        [IncidentType.THREATS_HARASSMENT],
        ConsentTier.WARN_WORKERS,
        PoliceReport.WANTS_HELP,
    )
    services.undo_contact(saved[-1])
    services.end_shift(shift.id, NIGHT + timedelta(hours=4))
    services.purge(NIGHT + timedelta(days=400))


def chain_vault(path: Path) -> tuple[Any, Any]:
    """A vault at `path` holding build_chain's events: (its vault, a direct connection)."""

    def seed(vault):  # type: ignore[no-untyped-def]
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(path, "AB", PASSPHRASE, kdf=KdfParams(**FAST_KDF_ARGS), init=seed)
    build_chain(Services(VaultStore(created.vault)))
    return created.vault, open_connection(path, created.vault.raw_key)


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """(direct connection, number of events) over a vault that stays unlocked for the module."""
    vault, conn = chain_vault(tmp_path_factory.mktemp("t9") / "night.redvan")
    events = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert events >= 20
    yield conn, events
    conn.close()
    vault.close(backup=False)


class Tampered:
    """Run one tampering in a transaction, verify, and always roll back."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __enter__(self) -> Any:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("ROLLBACK")


def row(conn: Any, seq: int) -> dict[str, Any]:
    values = conn.execute(f"SELECT {', '.join(FIELDS)} FROM audit WHERE seq = ?", (seq,)).fetchone()
    return dict(zip(FIELDS, values, strict=True))


def changed(field: str, value: Any, events: int) -> Any:
    """A different value of the same kind for `field`."""
    if field == "seq":
        return events + 1000
    if field in ("prev_hash", "hash"):
        return ("1" if value[0] != "1" else "2") + value[1:]
    if field == "time":
        return value[:-1] + ("1" if value[-1] != "1" else "2")  # another moment
    if field == "action":
        return "delete" if value != "delete" else "create"
    if field == "staff_id":
        return None if value is not None else "00000000-0000-4000-8000-000000000000"
    return (value or "") + "x"


def forge_hash(seq: int, event: dict[str, Any]) -> str:
    return audit.event_hash(
        seq,
        event["time"],
        event["staff_id"],
        event["action"],
        event["entity"],
        event["entity_id"],
        event["prev_hash"],
    )


def set_seq(conn: Any, old: int, new: int) -> None:
    conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (new, old))


# -- the intact chain ----------------------------------------------------------------------


def test_the_untouched_chain_verifies(chain) -> None:
    conn, events = chain
    report = audit.verify(conn)
    assert report.ok and report.events == events and report.first_broken is None
    actions = {r[0] for r in conn.execute("SELECT DISTINCT action FROM audit")}
    assert {"create", "edit", "undo", "purge"} <= actions
    # No field values: only ids, actions and entity names (V8).
    for (entity_id,) in conn.execute("SELECT entity_id FROM audit"):
        assert entity_id is None or len(entity_id) <= 64


# -- edits ---------------------------------------------------------------------------------


@DERANDOMIZED
@given(data=st.data())
def test_editing_any_field_of_any_event_is_found_at_that_event(chain, data) -> None:
    conn, events = chain
    seq = data.draw(st.integers(1, events), label="seq")
    field = data.draw(st.sampled_from(EDITABLE), label="field")
    with Tampered(conn):
        value = row(conn, seq)[field]
        new = changed(field, value, events)
        assert new != value
        conn.execute(f"UPDATE audit SET {field} = ? WHERE seq = ?", (new, seq))
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == seq, (field, report)
    assert audit.verify(conn).ok


@DERANDOMIZED
@given(data=st.data())
def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(chain, data) -> None:
    # Someone who knows the hash function rewrites one event consistently: the event itself
    # verifies, the link from the next event (or the recorded head) does not.
    conn, events = chain
    seq = data.draw(st.integers(1, events), label="seq")
    field = data.draw(st.sampled_from(("time", "staff_id", "action", "entity", "entity_id")))
    with Tampered(conn):
        event = row(conn, seq)
        event[field] = changed(field, event[field], events)
        conn.execute(
            f"UPDATE audit SET {field} = ?, hash = ? WHERE seq = ?",
            (event[field], forge_hash(seq, event), seq),
        )
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == (seq + 1 if seq < events else seq), report


# -- deletions -----------------------------------------------------------------------------


@DERANDOMIZED
@given(data=st.data())
def test_deleting_a_middle_event_is_found_where_it_is_missing(chain, data) -> None:
    conn, events = chain
    seq = data.draw(st.integers(1, events - 1), label="seq")
    with Tampered(conn):
        conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == seq, report
    assert "missing" in report.reason


@DERANDOMIZED
@given(data=st.data())
def test_deleting_events_at_the_end_is_found(chain, data) -> None:
    conn, events = chain
    first_gone = data.draw(st.integers(1, events), label="first deleted seq")
    with Tampered(conn):
        conn.execute("DELETE FROM audit WHERE seq >= ?", (first_gone,))
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == first_gone, report
    assert report.events == first_gone - 1


@DERANDOMIZED
@given(data=st.data())
def test_deleting_a_run_of_events_is_found_at_its_start(chain, data) -> None:
    conn, events = chain
    start = data.draw(st.integers(1, events - 2), label="start")
    end = data.draw(st.integers(start, events - 1), label="end")
    with Tampered(conn):
        conn.execute("DELETE FROM audit WHERE seq BETWEEN ? AND ?", (start, end))
        report = audit.verify(conn)
    assert report.first_broken == start, report


# -- reordering ----------------------------------------------------------------------------


@DERANDOMIZED
@given(data=st.data())
def test_swapping_two_events_is_found_at_the_earlier_one(chain, data) -> None:
    conn, events = chain
    first = data.draw(st.integers(1, events - 1), label="first")
    second = data.draw(st.integers(first + 1, events), label="second")
    with Tampered(conn):
        set_seq(conn, first, -1)
        set_seq(conn, second, first)
        set_seq(conn, -1, second)
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == first, report


@DERANDOMIZED
@given(data=st.data())
def test_swapping_two_events_and_their_hashes_is_still_found(chain, data) -> None:
    # Swap whole rows but keep each position's seq: content moves, links break.
    conn, events = chain
    first = data.draw(st.integers(1, events - 1), label="first")
    second = data.draw(st.integers(first + 1, events), label="second")
    with Tampered(conn):
        a, b = row(conn, first), row(conn, second)
        for seq, event in ((first, b), (second, a)):
            cols = [f for f in FIELDS if f != "seq"]
            conn.execute(
                f"UPDATE audit SET {', '.join(f'{c} = ?' for c in cols)} WHERE seq = ?",
                [event[c] for c in cols] + [seq],
            )
        report = audit.verify(conn)
    assert report.first_broken == first, report


# -- forgeries -----------------------------------------------------------------------------


@DERANDOMIZED
@given(data=st.data())
def test_a_forged_event_inserted_in_the_middle_is_found(chain, data) -> None:
    # The forger shifts the later events up by one and inserts a correctly hashed event that
    # links to its predecessor. The first link that no longer holds is the next event's.
    conn, events = chain
    at = data.draw(st.integers(1, events), label="position")
    with Tampered(conn):
        prev = row(conn, at - 1)["hash"] if at > 1 else audit.GENESIS
        conn.execute("UPDATE audit SET seq = -seq WHERE seq >= ?", (at,))
        conn.execute("UPDATE audit SET seq = -seq + 1 WHERE seq < 0")
        forged = {
            "time": "2026-11-20T23:00:00.000+00:00",
            "staff_id": None,
            "action": "delete",
            "entity": "contact",
            "entity_id": "00000000-0000-4000-8000-000000000001",
            "prev_hash": prev,
        }
        conn.execute(
            f"INSERT INTO audit ({', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [at, *forged.values(), forge_hash(at, forged)],
        )
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == at + 1, report


def _append_forged(conn: Any, events: int, *, valid_hash: bool) -> None:
    last = row(conn, events)
    forged = {
        "time": "2026-11-21T03:00:00.000+00:00",
        "staff_id": last["staff_id"],
        "action": "export",
        "entity": "vault",
        "entity_id": last["entity_id"],
        "prev_hash": last["hash"],
    }
    digest = forge_hash(events + 1, forged) if valid_hash else "0" * 64
    conn.execute(
        f"INSERT INTO audit ({', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [events + 1, *forged.values(), digest],
    )


def test_a_forged_event_with_a_bad_hash_appended_at_the_end_is_found(chain) -> None:
    conn, events = chain
    with Tampered(conn):
        _append_forged(conn, events, valid_hash=False)
        report = audit.verify(conn)
    assert report.first_broken == events + 1, report


def test_a_correctly_chained_forged_event_appended_at_the_end_is_found_at_itself(chain) -> None:
    conn, events = chain
    with Tampered(conn):
        _append_forged(conn, events, valid_hash=True)
        report = audit.verify(conn)
    assert not report.ok
    assert report.first_broken == events + 1, report


def test_removing_the_recorded_head_is_found(chain) -> None:
    conn, _ = chain
    with Tampered(conn):
        conn.execute("DELETE FROM setting WHERE key = 'audit_head'")
        report = audit.verify(conn)
    assert not report.ok and report.first_broken == 1


@pytest.mark.parametrize("head", ["garbage", "null", "[1]", "[1, 2, 3]", '"x"', "{}"])
def test_a_mangled_head_record_is_reported_not_raised(chain, head: str) -> None:
    conn, _ = chain
    with Tampered(conn):
        conn.execute("UPDATE setting SET value = ? WHERE key = 'audit_head'", (head,))
        report = audit.verify(conn)
    assert not report.ok


def test_a_head_pointing_elsewhere_is_reported(chain) -> None:
    conn, events = chain
    with Tampered(conn):
        conn.execute(
            "UPDATE setting SET value = ? WHERE key = 'audit_head'",
            (json.dumps([events, "0" * 64]),),
        )
        report = audit.verify(conn)
    assert not report.ok and report.first_broken == events


def test_every_tampering_was_rolled_back(chain) -> None:
    conn, events = chain
    report = audit.verify(conn)
    assert report.ok and report.events == events
    head = json.loads(
        conn.execute("SELECT value FROM setting WHERE key = 'audit_head'").fetchone()[0]
    )
    assert head[0] == events


# -- through `redvan check` ----------------------------------------------------------------


def run_check(monkeypatch, capsys, path: Path):  # type: ignore[no-untyped-def]
    fake_stdin = types.SimpleNamespace(
        buffer=io.BytesIO((PASSPHRASE + "\n").encode()), isatty=lambda: False
    )
    monkeypatch.setattr("sys.stdin", fake_stdin)
    code = cli.main(["check", "--vault", str(path), "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def tamper_locked(services, sql: str, params: tuple = ()) -> Path:  # type: ignore[no-untyped-def,type-arg]
    vault = services.store.vault
    conn = open_connection(vault.path, vault.raw_key)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()
    vault.close(backup=False)
    return vault.path


def test_check_reports_an_edited_event_as_the_first_broken_link(
    services, monkeypatch, capsys
) -> None:
    build_chain(services)
    path = tamper_locked(services, "UPDATE audit SET action = 'delete' WHERE seq = 5")
    code, out, err = run_check(monkeypatch, capsys, path)
    assert code != 0
    assert "FAIL  audit chain: first broken link at event 5: its contents were changed" in out
    assert "ok    cipher integrity" in out and "ok    database integrity" in out
    assert err.splitlines() == ["redvan: The vault failed 1 check(s): audit chain."]


def test_check_reports_an_untouched_chain_as_unbroken(services, monkeypatch, capsys) -> None:
    build_chain(services)
    path = tamper_locked(services, "SELECT 1")
    code, out, err = run_check(monkeypatch, capsys, path)
    assert code == 0, err
    assert "ok    audit chain:" in out and "unbroken" in out


def test_check_reports_deleted_events_at_the_end(services, monkeypatch, capsys) -> None:
    build_chain(services)
    events = services.store.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    path = tamper_locked(services, "DELETE FROM audit WHERE seq > ?", (events - 3,))
    code, out, err = run_check(monkeypatch, capsys, path)
    assert code != 0
    assert f"FAIL  audit chain: first broken link at event {events - 2}" in out
