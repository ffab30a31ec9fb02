"""The store's audit-bundle queries (budget B9): audit_rows as a plain per-contact join would
give it, and the audit chain walked from a checkpoint."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.storage import audit

START = datetime(2026, 11, 2, 21, 0)  # Monday of 2026-W45


def fill(services: Any) -> None:
    codes = ["KIM1984", "ANNA77", None, "LU55"]
    for i in range(24):
        services.save_contact(
            ContactInput(
                time=START + timedelta(days=(i * 5) % 21, minutes=i),
                zone="istedgade",
                channel="street",
                code=codes[i % 4],
                age_band="25-34",
                services=(
                    (ServiceGiven("condoms", 1 + i % 3), ServiceGiven("conversation", 1))
                    if i % 3
                    else ()
                ),
                referrals=(
                    (ReferralInput("reden", "referred"), ReferralInput("reden", "no-show"))
                    if i % 5 == 0
                    else ()
                ),
            ),
            confirm_pii=True,
        )


def plain_join(conn: Any, first: str, last: str) -> Counter[Any]:
    """What audit_rows must give, one contact at a time."""
    out: Counter[Any] = Counter()
    for contact_id, week, profile_id in conn.execute(
        "SELECT id, week, profile_id FROM contact WHERE week BETWEEN ? AND ?", (first, last)
    ).fetchall():
        given = conn.execute(
            "SELECT service, quantity FROM contact_service WHERE contact_id = ?", (contact_id,)
        ).fetchall()
        referred = conn.execute(
            "SELECT status FROM referral WHERE contact_id = ? AND week BETWEEN ? AND ?",
            (contact_id, first, last),
        ).fetchall()
        out[
            (
                week,
                profile_id,
                tuple(sorted(map(tuple, given))),
                tuple(sorted(r[0] for r in referred)),
            )
        ] += 1
    return out


def test_audit_rows_is_the_plain_join(services: Any) -> None:
    fill(services)
    store = services.store
    for first, last in [
        ("2026-W45", "2026-W47"),
        ("2026-W46", "2026-W46"),
        ("2027-W01", "2027-W02"),
    ]:
        rows = store.audit_rows(first, last)
        got = Counter((w, p, tuple(sorted(s)), tuple(sorted(r))) for w, p, s, r in rows)
        assert got == plain_join(store.conn, first, last)
    rows = store.audit_rows("2026-W45", "2026-W47")
    assert len(rows) == 24
    assert all(type(q) is int for _, _, given, _ in rows for _, q in given)
    assert sum(1 for _, p, _, _ in rows if p is None) == 6
    # Rows with the same services share one tuple.
    assert len({id(s) for _, _, s, _ in rows}) == len({s for _, _, s, _ in rows})


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(
        st.integers(min_value=1, max_value=10**12),
        st.text(max_size=12),
        st.one_of(st.none(), st.text(max_size=12)),
        st.sampled_from(sorted(audit.ACTIONS)),
        st.text(min_size=1, max_size=12),
        st.one_of(st.none(), st.text(max_size=40)),
        st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    )
)
def test_the_quick_hash_is_the_event_hash(fields: tuple[Any, ...]) -> None:
    # Any text: quotes, backslashes, control characters, non-ASCII, NULLs.
    assert audit._quick_hash(*fields) == audit.event_hash(*fields)


def chain(services: Any) -> Any:
    fill(services)
    conn = services.store.conn
    head = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert head[0] > 20
    return conn, head


def test_the_chain_is_walked_from_its_checkpoint(services: Any) -> None:
    conn, head = chain(services)
    store = services.store
    assert store.get_setting("audit_verified") is None
    ok, events, head_hash, reason = store.audit_chain()
    assert (ok, events, head_hash, reason) == (True, head[0], head[1], "")
    assert store.get_setting("audit_verified") == [head[0], head[1]]
    middle = conn.execute("SELECT seq, hash FROM audit WHERE seq = 10").fetchone()
    assert audit.verify(conn, since=(middle[0], middle[1])).ok
    # An edit after the checkpoint is found, and where.
    (original,) = conn.execute("SELECT entity_id FROM audit WHERE seq = 15").fetchone()
    with store.transaction():
        conn.execute("UPDATE audit SET entity_id = 'x' WHERE seq = 15")
    report = audit.verify(conn, since=(middle[0], middle[1]))
    assert (report.ok, report.first_broken) == (False, 15)
    # An edit before it is found only when a spot check lands on it (here they all land on
    # the link 9 -> 10: the trade-off), but the full walk finds it.
    with store.transaction():
        conn.execute("UPDATE audit SET entity_id = ? WHERE seq = 15", (original,))
        conn.execute("UPDATE audit SET entity_id = 'x' WHERE seq = 5")
    with mock.patch.object(audit.secrets, "randbelow", lambda n: n - 1):
        assert audit.verify(conn, since=(middle[0], middle[1])).ok
    with mock.patch.object(audit.secrets, "randbelow", lambda n: 4 - 1):  # the link 4 -> 5
        assert audit.verify(conn, since=(middle[0], middle[1])).first_broken == 5
    assert audit.verify(conn).first_broken == 5


def test_a_checkpoint_that_does_not_hold_means_a_full_walk(services: Any) -> None:
    conn, head = chain(services)
    store = services.store
    (original,) = conn.execute("SELECT entity_id FROM audit WHERE seq = 5").fetchone()
    with store.transaction():
        conn.execute("UPDATE audit SET entity_id = 'x' WHERE seq = 5")
    for checkpoint in ([12, "0" * 64], [head[0] + 5, head[1]], "damaged", [3]):
        with store.transaction():
            store.set_setting("audit_verified", checkpoint)
        ok, _, _, reason = store.audit_chain()
        assert not ok and reason.startswith("event 5:"), checkpoint
    with store.transaction():
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('audit_verified', '{') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
    assert not store.audit_chain()[0]
    # A changed checkpoint event makes its checkpoint void.
    with store.transaction():
        conn.execute("UPDATE audit SET entity_id = ? WHERE seq = 5", (original,))
        store.set_setting(
            "audit_verified",
            [10, conn.execute("SELECT hash FROM audit WHERE seq = 10").fetchone()[0]],
        )
        conn.execute("UPDATE audit SET entity_id = 'y' WHERE seq = 10")
    ok, _, _, reason = store.audit_chain()
    assert not ok and reason.startswith("event 10:")
    assert (
        json.loads(
            conn.execute("SELECT value FROM setting WHERE key = 'audit_verified'").fetchone()[0]
        )[0]
        == 10
    )
