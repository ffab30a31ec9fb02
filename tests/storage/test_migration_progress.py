"""V5 migrations with progress, and safely restartable: killed with SIGKILL in the middle of
a step, the vault opens again at the version before that step and migrates to the end with
every record kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from redvan.storage import audit, schema
from redvan.storage.vault import unlock
from tests.storage.test_migrations import VAULTS, copy_fixture, counts, manifest_of

ROOT = Path(__file__).resolve().parents[2]
OLDEST = VAULTS[0]


def test_the_oldest_fixture_migrates_with_progress_to_the_end(tmp_path) -> None:
    manifest = manifest_of(OLDEST)
    path = copy_fixture(OLDEST, tmp_path)
    seen: list[tuple[int, int, str]] = []
    vault = unlock(
        path,
        manifest["passphrase"],
        staff=manifest["staff"],
        progress=lambda *p: seen.append(p),
    )
    try:
        assert schema.version(vault.conn) == schema.LATEST
    finally:
        vault.close(backup=False)
    stages = [stage for *_, stage in seen]
    assert {"copy", "verify", "write"} <= set(stages)  # the pre-migration backup first
    migrate = [(done, total) for done, total, stage in seen if stage == "migrate"]
    assert stages.index("migrate") > stages.index("write")
    totals = {total for _, total in migrate}
    assert len(totals) == 1
    total = totals.pop()
    dones = [done for done, _ in migrate]
    assert dones == sorted(dones) and dones[-1] == total and all(0 <= d <= total for d in dones)
    # One report at least per step applied, each step's end at a step boundary.
    assert len(migrate) >= schema.LATEST - manifest["schema_version"]


def test_pending_work_names_each_step_and_counts_rows(tmp_path) -> None:
    manifest = manifest_of(OLDEST)
    path = copy_fixture(OLDEST, tmp_path)
    vault = unlock(path, manifest["passphrase"], staff=manifest["staff"], migrate=False)
    try:
        work = schema.pending_work(vault.conn)
        assert [step for step, _ in work] == list(range(manifest["schema_version"], schema.LATEST))
        assert all(rows >= 0 for _, rows in work)
        v4 = dict(work).get(3)
        if v4 is not None:
            tables = manifest["tables"]
            assert v4 >= tables["contact_service"] + tables["contact"]
    finally:
        vault.close(backup=False)


_KILLED_MIGRATION = """
import sys
from pathlib import Path
from redvan.storage import schema
from redvan.storage.vault import unlock
schema._TICK = 50  # report often, so the kill lands inside a step
stop_at = int(sys.argv[4])
seen = 0
def report(done, total, stage):
    global seen
    if stage != "migrate":
        return
    seen += 1
    if seen == stop_at:
        print("at", done, total, flush=True)
        sys.stdin.readline()  # the test kills us here, inside a step's transaction
unlock(Path(sys.argv[1]), sys.argv[2], staff=sys.argv[3], progress=report)
print("finished", flush=True)
"""


@pytest.mark.parametrize("stop_at", [1, 4, 12, 40, 80])
def test_a_migration_killed_inside_a_step_starts_that_step_again(tmp_path, stop_at) -> None:
    manifest = manifest_of(OLDEST)
    path = copy_fixture(OLDEST, tmp_path)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _KILLED_MIGRATION,
            str(path),
            manifest["passphrase"],
            manifest["staff"],
            str(stop_at),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().decode().split()
        assert line and line[0] == "at", line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL

    # Killed mid-way: the vault opens, still short of LATEST, at a version a step left it.
    half = unlock(path, manifest["passphrase"], staff=manifest["staff"], migrate=False)
    try:
        stopped_at = schema.version(half.conn)
        assert manifest["schema_version"] <= stopped_at < schema.LATEST
        assert half.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        half.close(backup=False)

    vault = unlock(path, manifest["passphrase"], staff=manifest["staff"])
    try:
        conn = vault.conn
        assert schema.version(conn) == schema.LATEST
        after = counts(conn)
        for table, n in manifest["tables"].items():
            if table not in ("audit", "setting"):
                assert after[table] == n, table
        assert audit.verify(conn).ok
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        applied = [
            r[0] for r in conn.execute("SELECT entity_id FROM audit WHERE action = 'migrate'")
        ]
        # Each version is entered once, in the transaction of its step (so a kill after a
        # step loses no event and the next run does not repeat one).
        expected = [str(v) for v in range(manifest["schema_version"] + 1, schema.LATEST + 1)]
        assert applied == expected
    finally:
        vault.close(backup=False)
