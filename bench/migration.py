"""A migration of the 1M reference from an older schema, with its progress and estimate.

There is no 1M vault made at schema v1–v3 (the reference is built at the current schema), so
a scratch copy of the reference is taken back to the shape of an older version: the steps
after it are undone (the v4 tally indexes, the week column of contact_service and its
trigger, the record keys of v6, the audit index of v7, the programme tokens of v8; the v3
index on contact.week comes back) and `user_version` set.
Taking it back to v3 is the oldest that keeps every table the demo fills (v1 and v2 lack
columns and tables the demo writes); v3 → LATEST holds the expensive steps (v4: a column
filled for 2.5M service rows and four indexes; v5: every contact re-filed by its night; v6:
a key for every record and the keyed indexes). Then the scratch copy is unlocked the way
the app does it, which makes the pre-migration backup and migrates, with progress reported;
the run notes when each report came, the estimate of the time left that the command line
would show at 25 %, 50 % and 75 %, and the total.

    python -m bench.migration [--from 3]      (uses bench/out's reference; prints JSON)
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

# The tables whose records got a key in v6 (disclosure control).
KEYED_TABLES = (
    "contact",
    "profile",
    "referral",
    "followup",
    "incident",
    "contact_service",
    "programme_inclusion",
)

_UNDO = {
    # version n+1 -> n, newest first
    8: ("DROP TABLE IF EXISTS programme_token",),
    7: ("DROP INDEX IF EXISTS audit_day", "DROP INDEX IF EXISTS audit_time"),
    # v6 gave every record a key (disclosure control): its triggers, the keyed indexes, the
    # columns. v5 re-filed weeks by night: data only, nothing to undo in the shape.
    6: (
        *(f"DROP TRIGGER IF EXISTS {table}_rkey" for table in KEYED_TABLES),
        "DROP INDEX IF EXISTS contact_tally_place",
        "DROP INDEX IF EXISTS contact_tally_person",
        "DROP INDEX IF EXISTS contact_service_week",
        "DROP INDEX IF EXISTS programme_inclusion_day",
        *(f"ALTER TABLE {table} DROP COLUMN rkey" for table in KEYED_TABLES),
    ),
    5: (),
    4: (
        "DROP TRIGGER IF EXISTS contact_service_week",
        "DROP INDEX IF EXISTS contact_service_week",
        "DROP INDEX IF EXISTS contact_tally_place",
        "DROP INDEX IF EXISTS contact_tally_person",
        "DROP INDEX IF EXISTS programme_inclusion_day",
        "ALTER TABLE contact_service DROP COLUMN week",
        "CREATE INDEX IF NOT EXISTS contact_week ON contact (week)",
    ),
}


def take_back(vault: Path, passphrase: str, version: int) -> float:
    """Undo the schema steps after `version` on a scratch copy; returns the seconds."""
    from redvan.storage import keyslots, schema
    from redvan.storage.vault import open_connection

    keyfile = keyslots.read_keyfile(vault)
    key = keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], passphrase)
    conn = open_connection(vault, key)
    started = time.perf_counter()
    try:
        current = schema.version(conn)
        conn.execute("BEGIN IMMEDIATE")
        for step in range(current, version, -1):
            if step not in _UNDO:
                raise SystemExit(f"cannot take a vault back from v{step} to v{step - 1}")
            for statement in _UNDO[step]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
    return time.perf_counter() - started


def run(base: Path, passphrase: str, scratch: Path, version: int = 3) -> dict[str, Any]:
    from bench.refdata import copy_vault, remove_copy
    from redvan.storage import schema
    from redvan.storage.vault import unlock

    copy = copy_vault(base, scratch, "migrate.redvan")
    try:
        out: dict[str, Any] = {"from": version, "to": schema.LATEST}
        out["take_back_s"] = take_back(copy, passphrase, version)
        reports: list[tuple[float, int, int, str]] = []
        started = time.perf_counter()

        def progress(done: int, total: int, stage: str) -> None:
            reports.append((time.perf_counter() - started, done, total, stage))

        vault = unlock(copy, passphrase, progress=progress)
        out["unlock_total_s"] = time.perf_counter() - started
        try:
            out["schema_after"] = schema.version(vault.conn)
            # Each step's audit event is written in its own transaction, at its end.
            out["step_ends"] = [
                list(row)
                for row in vault.conn.execute(
                    "SELECT entity_id, time FROM audit WHERE action = 'migrate' ORDER BY seq"
                )
            ]
        finally:
            vault.close(backup=False)
        migrate = [r for r in reports if r[3] == "migrate"]
        out["unlock_and_backup_s"] = migrate[0][0] if migrate else None
        if migrate:
            begin = migrate[0][0]
            out["migration_s"] = migrate[-1][0] - begin
            out["reports"] = len(migrate)
            estimates = {}
            for share in (25, 50, 75):
                at = next((r for r in migrate if 100 * r[1] >= share * r[2]), None)
                if at is not None and at[1]:
                    spent = at[0] - begin
                    estimates[f"{share}%"] = {
                        "at_s": round(spent, 1),
                        "estimated_left_s": round(spent * (at[2] - at[1]) / at[1], 1),
                        "actual_left_s": round(migrate[-1][0] - at[0], 1),
                    }
            out["estimates"] = estimates
        return out
    finally:
        remove_copy(copy)


def main() -> None:
    from bench import BENCH_PASSPHRASE, OUT_DIR
    from bench.refdata import FULL, current_base, ensure_reference

    parser = argparse.ArgumentParser(prog="python -m bench.migration", description=__doc__)
    parser.add_argument("--from", dest="version", type=int, default=3)
    args = parser.parse_args()
    reference, _ = ensure_reference(FULL)
    base, _ = current_base(reference, BENCH_PASSPHRASE)
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=OUT_DIR))
    try:
        print(json.dumps(run(base, BENCH_PASSPHRASE, scratch, args.version), indent=2))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
