"""T9 with checkpoints (B13): a walk that starts at a stored checkpoint re-checks it first and
never trusts it blindly, and `redvan check --full` still finds a tampered old event.

The chain is the one of test_t9_audit_chain (a realistic night through the real services);
each tampering runs inside a transaction that is rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redvan.storage import audit
from redvan.storage.check import check_vault
from redvan.storage.vault import open_connection
from tests.conftest import PASSPHRASE
from tests.reliability.test_t9_audit_chain import (
    DERANDOMIZED,
    Tampered,
    build_chain,
    chain_vault,
    run_check,
    tamper_locked,
)


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int]]:
    """(direct connection, events) over a chain whose head is stored as the checkpoint."""
    vault, conn = chain_vault(tmp_path_factory.mktemp("t9cp") / "night.redvan")
    conn.execute("BEGIN IMMEDIATE")
    assert audit.record_checkpoint(conn, audit.verify(conn)) is not None
    conn.execute("COMMIT")
    events = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert audit.read_checkpoint(conn) is not None and audit.read_checkpoint(conn)[0] == events
    yield conn, events
    conn.close()
    vault.close(backup=False)


def _set_checkpoint(conn: Any, value: object) -> None:
    conn.execute(
        "UPDATE setting SET value = ? WHERE key = ?", (json.dumps(value), audit.CHECKPOINT_KEY)
    )


def test_a_walk_from_a_holding_checkpoint_starts_after_it(chain) -> None:
    conn, events = chain
    report = audit.verify_from_checkpoint(conn)
    assert report.ok and report.events == events and report.checkpoint == events
    assert audit.verify(conn).checkpoint == 0  # without `since`, every event is walked


def test_events_after_the_checkpoint_are_walked(chain) -> None:
    conn, events = chain
    with Tampered(conn):
        audit.append(conn, None, "lock", "vault", None)
        assert audit.verify_from_checkpoint(conn).ok
        conn.execute("UPDATE audit SET action = 'unlock' WHERE seq = ?", (events + 1,))
        report = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.first_broken, report.checkpoint) == (False, events + 1, events)


@DERANDOMIZED
@given(data=st.data())
def test_an_old_event_edited_below_the_checkpoint_is_found_by_a_full_walk(chain, data) -> None:
    conn, events = chain
    seq = data.draw(st.integers(1, events - 1), label="seq")
    with Tampered(conn):
        conn.execute("UPDATE audit SET entity_id = 'forged' WHERE seq = ?", (seq,))
        full = audit.verify(conn)
    assert (full.ok, full.first_broken) == (False, seq)


@DERANDOMIZED
@given(data=st.data())
def test_a_spot_check_that_lands_on_an_edited_link_rejects_the_checkpoint(chain, data) -> None:
    # The spot checks pick links at random; here the pick is made to land on the edit, and
    # the walk then ignores the checkpoint and finds the event exactly.
    conn, events = chain
    seq = data.draw(st.integers(1, events - 1), label="seq")
    field = data.draw(st.sampled_from(("time", "action", "entity", "prev_hash", "hash")))
    with Tampered(conn), mock.patch.object(audit.secrets, "randbelow", lambda _n: seq - 1):
        conn.execute(f"UPDATE audit SET {field} = {field} || '0' WHERE seq = ?", (seq,))
        report = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.first_broken, report.checkpoint) == (False, seq, 0)


@DERANDOMIZED
@given(data=st.data())
def test_deleting_an_event_below_the_checkpoint_is_found_without_luck(chain, data) -> None:
    conn, events = chain
    seq = data.draw(st.integers(2, events - 1), label="seq")
    with Tampered(conn):
        conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
        report = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.first_broken, report.reason) == (
        False,
        seq,
        "an event is missing",
    )
    assert report.checkpoint == 0


def test_deleting_the_first_event_rejects_the_checkpoint(chain) -> None:
    conn, _ = chain
    with Tampered(conn):
        conn.execute("DELETE FROM audit WHERE seq = 1")
        report = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.first_broken, report.checkpoint) == (False, 1, 0)


def test_an_edited_checkpoint_event_rejects_the_checkpoint(chain) -> None:
    conn, events = chain
    with Tampered(conn):
        conn.execute("UPDATE audit SET action = 'delete' WHERE seq = ?", (events,))
        report = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.first_broken, report.checkpoint) == (False, events, 0)


@pytest.mark.parametrize(
    "value",
    [
        "not a list",
        [1],
        [0, "0" * 64],
        [-3, "0" * 64],
        ["5", "0" * 64],
        [True, "0" * 64],
        [5, "f" * 64],  # a hash that is not event 5's
        [10**9, "0" * 64],  # an event that does not exist
    ],
)
def test_a_checkpoint_that_does_not_describe_the_log_is_ignored(chain, value) -> None:
    conn, events = chain
    with Tampered(conn):
        _set_checkpoint(conn, value)
        report = audit.verify_from_checkpoint(conn)
        conn.execute("UPDATE setting SET value = 'garbage{' WHERE key = ?", (audit.CHECKPOINT_KEY,))
        garbled = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.events, report.checkpoint) == (True, events, 0)
    assert (garbled.ok, garbled.events, garbled.checkpoint) == (True, events, 0)


def test_a_checkpoint_moved_to_a_forged_copy_of_an_event_is_rejected(chain) -> None:
    # Pointing the checkpoint at an event whose stored hash was replaced by one that does
    # not recompute is not enough to skip the walk.
    conn, events = chain
    seq = events // 2
    forged = "e" * 64
    with Tampered(conn):
        conn.execute("UPDATE audit SET hash = ? WHERE seq = ?", (forged, seq))
        _set_checkpoint(conn, [seq, forged])
        report = audit.verify_from_checkpoint(conn)
    assert (report.ok, report.first_broken, report.checkpoint) == (False, seq, 0)


# -- `redvan check` ---------------------------------------------------------------------


def test_check_starts_at_the_checkpoint_the_previous_check_left(services) -> None:
    build_chain(services)
    vault = services.store.vault
    first = check_vault(vault)
    assert first.ok, first.lines()
    assert any("audit chain" in line and "unbroken" in line for line in first.lines())
    assert audit.read_checkpoint(vault.conn) is not None
    services.store.audit("lock", "vault", None)  # one more event after the checkpoint
    second = check_vault(vault)
    assert second.ok
    chain_line = next(line for line in second.lines() if "audit chain" in line)
    assert "re-checked at its checkpoint" in chain_line
    full = check_vault(vault, full=True)
    chain_line = next(line for line in full.lines() if "audit chain" in line)
    assert full.ok and "checkpoint" not in chain_line


def test_check_full_finds_a_tampered_old_event_below_the_checkpoint(
    services, monkeypatch, capsys
) -> None:
    build_chain(services)
    vault = services.store.vault
    assert check_vault(vault).ok  # leaves a checkpoint at the head
    head = audit.read_checkpoint(vault.conn)
    assert head is not None and head[0] > 10
    # Keep every spot check away from event 3, so only a full walk can see the edit.
    monkeypatch.setattr(audit.secrets, "randbelow", lambda n: n - 1)
    path = tamper_locked(services, "UPDATE audit SET entity_id = 'forged' WHERE seq = 3")
    code, out, _ = run_check(monkeypatch, capsys, path)
    assert code == 0 and "re-checked at its checkpoint" in out
    monkeypatch.setattr("sys.argv", ["redvan"])
    code, out, err = _run_full_check(monkeypatch, capsys, path)
    assert code != 0
    assert "FAIL  audit chain: first broken link at event 3: its contents were changed" in out
    assert "ok    cipher integrity" in out and "ok    database integrity: ok" in out


def _run_full_check(monkeypatch, capsys, path: Path):  # type: ignore[no-untyped-def]
    import io
    import types

    from redvan import cli

    fake_stdin = types.SimpleNamespace(
        buffer=io.BytesIO((PASSPHRASE + "\n").encode()), isatty=lambda: False
    )
    monkeypatch.setattr("sys.stdin", fake_stdin)
    code = cli.main(["check", "--full", "--vault", str(path), "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_lock_with_its_backup_leaves_a_checkpoint_near_the_head(services) -> None:
    # A vault nobody ran check on for years still has a recent checkpoint: each lock walks
    # the events since the last one (on the lock's worker thread) and stores the head.
    build_chain(services)
    vault = services.store.vault
    assert audit.read_checkpoint(vault.conn) is None
    key = vault.raw_key
    vault.close(backup=True, reason="lock")
    conn = open_connection(vault.path, key)
    try:
        checkpoint = audit.read_checkpoint(conn)
        last = conn.execute("SELECT seq, action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        assert last[1] == "backup"  # the backup's own event came after the walk
        assert checkpoint is not None and checkpoint[0] == last[0] - 1
        report = audit.verify_from_checkpoint(conn)
        assert report.ok and report.checkpoint == checkpoint[0]
    finally:
        conn.close()
