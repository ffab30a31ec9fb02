"""The hash-chained audit log (V8): who did what to which entity, never field values.

Each event's hash covers its own fields and the previous event's hash; the newest hash is also
kept in `setting.audit_head`, so deleting events from the end is detected as well.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

ACTIONS = frozenset(
    {
        "create",
        "edit",
        "delete",
        "export",
        "unlock",
        "unlock-recovery",
        "unlock-failed",
        "lock",
        "setting",
        "backup",
        "restore",
        "purge",
        "import",
        "migrate",
        "undo",
    }
)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def iso_from_epoch(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds")


def event_hash(
    seq: int,
    time: str,
    staff_id: str | None,
    action: str,
    entity: str,
    entity_id: str | None,
    prev_hash: str,
) -> str:
    material = json.dumps(
        [seq, time, staff_id, action, entity, entity_id, prev_hash], separators=(",", ":")
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append(
    conn: Any,
    staff_id: str | None,
    action: str,
    entity: str,
    entity_id: str | None,
    *,
    at: str | None = None,
) -> int:
    """Add one event inside the caller's transaction; returns its sequence number."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    head = conn.execute("SELECT value FROM setting WHERE key = 'audit_head'").fetchone()
    try:
        head_seq, head_hash = json.loads(head[0]) if head else (None, None)
    except (ValueError, TypeError):
        head_seq, head_hash = None, None
    if isinstance(head_seq, int) and isinstance(head_hash, str) and head_hash != prev:
        # The log no longer ends where it did: chain from the recorded head, so the gap
        # (or the events added after it) stays visible to verify() instead of being sealed.
        seq, prev = max(seq, head_seq + 1), head_hash
    time = at or now_iso()
    digest = event_hash(seq, time, staff_id, action, entity, entity_id, prev)
    conn.execute(
        "INSERT INTO audit (seq, time, staff_id, action, entity, entity_id, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, time, staff_id, action, entity, entity_id, prev, digest),
    )
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('audit_head', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (json.dumps([seq, digest]),),
    )
    return int(seq)


@dataclass(frozen=True)
class ChainReport:
    events: int
    first_broken: int | None  # the sequence number of the first event that does not verify
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def verify(conn: Any) -> ChainReport:
    """Walk the chain in order; report the first event whose link or hash does not hold."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    cursor = conn.execute(
        "SELECT seq, time, staff_id, action, entity, entity_id, prev_hash, hash "
        "FROM audit ORDER BY seq"
    )
    for seq, time, staff_id, action, entity, entity_id, prev_hash, digest in cursor:
        count += 1
        if seq != expected_seq:
            return ChainReport(count, expected_seq, "an event is missing")
        if prev_hash != prev:
            return ChainReport(count, seq, "it does not link to the event before it")
        if event_hash(seq, time, staff_id, action, entity, entity_id, prev_hash) != digest:
            return ChainReport(count, seq, "its contents were changed")
        prev = digest
        expected_seq += 1
    head_row = conn.execute("SELECT value FROM setting WHERE key = 'audit_head'").fetchone()
    if head_row is not None:
        try:
            head_seq, head_hash = json.loads(head_row[0])
            if not isinstance(head_seq, int) or not isinstance(head_hash, str):
                raise ValueError
        except (ValueError, TypeError):
            return ChainReport(count, 1, "the chain's head record is damaged")
        if head_seq > count:
            return ChainReport(count, count + 1, "events at the end were removed")
        if head_seq < count:
            return ChainReport(count, head_seq + 1, "events were added after the last one")
        if head_hash != prev:
            return ChainReport(count, head_seq or 1, "its contents were changed")
    elif count:
        return ChainReport(count, 1, "the chain's head record is missing")
    return ChainReport(count, None)
