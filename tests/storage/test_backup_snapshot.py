"""V6 backups that never block (B12): a byte copy under a pinned snapshot, progress as
(done, total, stage), the export as fallback, and nothing half-written left after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from redvan.core.model import ContactInput, ServiceGiven
from redvan.storage import backup
from redvan.storage.files import remove_stale_temp_files, temp_name
from redvan.storage.vault import backups_dir, open_connection, unlock
from tests.conftest import PASSPHRASE

NIGHT = datetime(2026, 11, 20, 21, 0)
ROOT = Path(__file__).resolve().parents[2]


def _fill(services, n: int = 30) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        services.save_contact(
            ContactInput(
                time=NIGHT + timedelta(minutes=i),
                zone="istedgade",
                channel="street",
                services=(ServiceGiven("condoms", 1 + i % 4),),
            )
        )


def _db_bytes(path: Path) -> bytes:
    with tarfile.open(path) as tar:
        member = tar.extractfile("vault.db")
        assert member is not None
        return member.read()


def test_a_backup_is_the_vault_file_byte_for_byte(services, tmp_path) -> None:
    _fill(services)
    vault = services.store.vault
    seen: list[tuple[int, int, str]] = []
    out = tmp_path / "out"
    made = backup.write_backup(vault, out / "b.rvbackup", "manual", lambda *p: seen.append(p))
    # The copy was taken after the log was emptied into the main file, pinned by a read.
    vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = _db_bytes(made)
    assert data[:16] != b"SQLite format 3\x00"  # still encrypted, as on disk
    assert len(data) == vault.path.stat().st_size
    stages = [stage for _, _, stage in seen]
    assert stages[0] == "copy" and "verify" in stages and stages[-1] == "write"
    assert all(0 <= done <= total for done, total, _ in seen)
    reader = backup.BackupReader(made)
    try:
        assert reader.manifest["row_counts"]["contact"] == 30
    finally:
        reader.close()
    assert [p.name for p in out.iterdir()] == ["b.rvbackup"]  # no temp files, no -wal


def test_a_byte_copy_backup_restores_with_every_row(services, tmp_path) -> None:
    _fill(services, 12)
    vault = services.store.vault
    made = backup.write_backup(vault, tmp_path / "b.rvbackup", "manual")
    vault.close(backup=False)
    target = tmp_path / "restored.redvan"
    backup.restore(target, made, PASSPHRASE)
    again = unlock(target, PASSPHRASE)
    try:
        assert again.conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 12
        assert again.conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        again.close(backup=False)


def test_a_reader_that_keeps_the_log_full_means_an_export_instead(services, tmp_path) -> None:
    _fill(services, 5)
    vault = services.store.vault
    reader = open_connection(vault.path, vault.raw_key, readonly=True)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM contact").fetchone()  # pins the log
        _fill(services, 3)  # frames the checkpoint cannot move while the reader is there
        seen: list[str] = []
        made = backup.write_backup(
            vault, tmp_path / "b.rvbackup", "manual", lambda _d, _t, stage: seen.append(stage)
        )
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert seen[0] == "copy" and seen.count("copy") == 1  # the export reports no bytes
    data = _db_bytes(made)
    assert len(data) > 0
    reader2 = backup.BackupReader(made)
    try:
        assert reader2.manifest["row_counts"]["contact"] == 8
    finally:
        reader2.close()
    vault.close(backup=False)
    target = tmp_path / "restored.redvan"
    backup.restore(target, made, PASSPHRASE)
    again = unlock(target, PASSPHRASE)
    try:
        assert again.conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 8
    finally:
        again.close(backup=False)


def test_stale_temp_files_are_recognised_by_name_only(tmp_path) -> None:
    target = tmp_path / "night.redvan"
    stale = [
        temp_name(target, "restore"),
        temp_name(target.with_name("night.redvan.keys"), "tmp"),
    ]
    wal = stale[0].with_name(stale[0].name + "-wal")
    keep = [
        tmp_path / "night.redvan",
        tmp_path / ".night.redvan.notes",
        tmp_path / ".other.redvan.restore-0011aabb",
        tmp_path / ".night.redvan.restore-XYZ",
    ]
    for path in [*stale, wal, *keep]:
        path.write_bytes(b"x")
    removed = remove_stale_temp_files(tmp_path, "night.redvan")
    assert sorted(removed) == sorted([*stale, wal])
    assert all(p.exists() for p in keep)


_KILLED_BACKUP = """
import os, sys
from pathlib import Path
from redvan.storage import backup
from redvan.storage.vault import unlock
vault = unlock(Path(sys.argv[1]), sys.argv[2])
def report(done, total, stage):
    if stage == sys.argv[3]:
        print("at", stage, flush=True)
        sys.stdin.readline()  # the test kills us here, in the middle of the backup
backup.automatic_backup(vault, "lock", report)
print("finished", flush=True)
"""


@pytest.mark.parametrize("stage", ["copy", "verify", "write"])
def test_a_backup_killed_half_way_leaves_nothing_after_the_next_start(
    services, vault_path, stage
) -> None:
    _fill(services, 20)
    services.store.vault.close(backup=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BACKUP, str(vault_path), PASSPHRASE, stage],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().decode().strip() == f"at {stage}"
        folder = backups_dir(vault_path)
        half = [p.name for p in folder.iterdir()]
        assert half and all(name.startswith(".") for name in half), half  # only temp files
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert [p for p in backups_dir(vault_path).iterdir() if p.name.startswith(".")]
    again = unlock(vault_path, PASSPHRASE)  # the next start
    try:
        left = sorted(p.name for p in backups_dir(vault_path).iterdir())
        assert left == [], left
        beside = sorted(p.name for p in vault_path.parent.iterdir() if p.name.startswith("."))
        assert beside == []
        assert backup.list_backups(vault_path) == []
    finally:
        again.close(backup=False)
