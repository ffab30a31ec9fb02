"""Audit at scale (B13): the demo logs what the app would, in bulk; the log has a time index
that the per-day counts of an audit bundle read instead of the table."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.demo import DemoPlan, generate
from redvan.core.weeks import IsoWeek
from redvan.storage import audit, schema
from redvan.storage.vault import open_connection


def test_the_demo_logs_about_one_event_per_save_in_time_order(services) -> None:
    plan = DemoPlan(weeks=4, seed=3, last_week=IsoWeek(2026, 47))
    made = generate(services, plan)
    conn = services.store.conn
    events = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    per_kind = dict(
        conn.execute("SELECT entity, count(*) FROM audit WHERE action = 'create' GROUP BY entity")
    )
    assert per_kind["contact"] == made["contacts"]
    assert per_kind["shift"] == made["shifts"]
    assert per_kind["referral"] == made["referrals"]
    assert per_kind["incident"] == made["incidents"]
    assert per_kind["profile"] == made["persons"]
    actions = {row[0] for row in conn.execute("SELECT DISTINCT action FROM audit")}
    assert {"unlock", "lock", "backup", "export", "create"} <= actions
    assert events > made["contacts"]
    # The demo's own events (the vault's creation and the import are stamped today).
    times = [
        row[0]
        for row in conn.execute("SELECT time FROM audit WHERE time < '2026-11-24' ORDER BY seq")
    ]
    assert len(times) > made["contacts"] and times == sorted(times)
    assert all(t.endswith("+00:00") for t in times)
    report = audit.verify(conn)
    assert report.ok and report.events == events


def _chain_with_append(conn: Any, events: list[tuple[str, str | None, str, str, str | None]]):
    conn.execute("BEGIN IMMEDIATE")
    for time, staff, action, entity, entity_id in events:
        audit.append(conn, staff, action, entity, entity_id, at=time)
    conn.execute("COMMIT")
    return conn.execute("SELECT * FROM audit ORDER BY seq").fetchall()


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_EVENT = st.tuples(
    st.just("2026-11-20T21:00:00.000+00:00"),
    st.none() | _TEXT,
    st.sampled_from(sorted(audit.ACTIONS)),
    _TEXT,
    st.none() | _TEXT,
)


# Each example restores the log it found, so one vault serves them all.
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(events=st.lists(_EVENT, min_size=1, max_size=12), split=st.integers(0, 12))
def test_append_many_chains_exactly_as_append_does(services, events, split) -> None:
    store = services.store
    conn = open_connection(store.vault.path, store.vault.raw_key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        base = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        audit.append_many(conn, events[:split])
        audit.append_many(conn, events[split:])
        bulk = conn.execute("SELECT * FROM audit WHERE seq > ? ORDER BY seq", (base,)).fetchall()
        assert audit.verify(conn).ok
        conn.execute("ROLLBACK")
        one_by_one = _chain_with_append(conn, events)
        assert bulk == [r for r in one_by_one if r[0] > base]
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM audit WHERE seq > ?", (base,))
        head = conn.execute("SELECT seq, hash FROM audit WHERE seq = ?", (base,)).fetchone()
        conn.execute(
            "UPDATE setting SET value = ? WHERE key = 'audit_head'", (f'[{head[0]}, "{head[1]}"]',)
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_append_many_refuses_an_unknown_action(services) -> None:
    conn = services.store.conn
    before = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    try:
        audit.append_many(conn, [("2026-11-20T21:00:00.000+00:00", None, "steal", "vault", None)])
    except ValueError:
        pass
    else:  # pragma: no cover - the assertion below says what went wrong
        raise AssertionError("an unknown action was chained")
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before


def test_audit_counts_search_the_day_index_in_its_order(services) -> None:
    store = services.store
    conn = store.conn
    assert schema.version(conn) == schema.LATEST
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        store.audit_log_counts(date(2026, 1, 1), date(2026, 12, 31))
    finally:
        conn.set_trace_callback(None)
    (sql,) = [s for s in statements if "FROM audit" in s]
    detail = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "USING INDEX audit_day" in detail or "COVERING INDEX audit_day" in detail, detail
    assert "TEMP B-TREE" not in detail, detail  # grouped in the index's order, no sort


def test_audit_counts_per_day_match_the_log(services) -> None:
    store = services.store
    rng = random.Random(5)
    events = sorted(
        (f"2026-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00.000+00:00",)
        + (None, rng.choice(("create", "edit", "export")), rng.choice(("contact", "tally")), None)
        for _ in range(300)
    )
    with store.transaction():
        store.bulk_audit(events)
    counts = store.audit_log_counts(date(2026, 3, 2), date(2026, 3, 8))
    expected: dict[tuple[str, str, str], int] = {}
    for time, _, action, entity, _ in events:
        if "2026-03-02" <= time[:10] <= "2026-03-08":
            key = (time[:10], action, entity)
            expected[key] = expected.get(key, 0) + 1
    assert {(d, a, e): n for d, a, e, n in counts} == expected


def test_the_time_index_step_can_run_again(services) -> None:
    conn = services.store.conn
    step = schema.MIGRATIONS[schema.MIGRATIONS.index(schema._audit_day_index)]
    step(conn)  # already applied by create_vault: a second run changes nothing
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE tbl_name = 'audit'")]
    assert names.count("audit_day") == 1
