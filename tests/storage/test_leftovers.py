"""Issue 14, finding 8: temp files of writes a crash interrupted are removed when the vault is
next opened (17 partial backup temp files were left after SIGKILL rounds, never cleaned)."""

from __future__ import annotations

from pathlib import Path

from redvan.storage.files import remove_stale_temp_files, temp_name
from redvan.storage.vault import backups_dir, create_vault, unlock
from tests.conftest import PASSPHRASE


def test_an_unlock_removes_this_vaults_leftovers_and_nothing_else(
    tmp_path: Path,
    fast_kdf,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "night.redvan"
    create_vault(path, "AB", PASSPHRASE, kdf=fast_kdf).vault.close(backup=False)
    backups = backups_dir(path)
    backups.mkdir(exist_ok=True)
    partial = [
        temp_name(path, "tmp"),  # an atomic write of the vault's own files
        temp_name(path.with_name(path.name + ".keys"), "tmp"),  # the key file
        *(temp_name(backups / f"2026-11-27T0{i}.rvbackup", tag) for i in range(9)
          for tag in ("db", "tar")),  # a backup killed while writing (SIGKILL)
    ]  # fmt: skip
    for leftover in partial:
        leftover.write_bytes(b"half written")
    foreign = [
        temp_name(tmp_path / "other.redvan", "tmp"),  # another vault's write, maybe running
        tmp_path / ".hidden-notes",
        backups / "2026-11-27T09.rvbackup",
    ]
    for other in foreign:
        other.write_bytes(b"keep")
    vault = unlock(path, PASSPHRASE)
    vault.close(backup=False)
    assert not [p for p in partial if p.exists()]
    assert all(p.exists() for p in foreign)


def test_remove_stale_temp_files_takes_only_temp_names(tmp_path: Path) -> None:
    (tmp_path / ".x.redvan.tmp-0123abcd").write_bytes(b"")
    (tmp_path / ".x.redvan.tmp-0123abcz").write_bytes(b"")  # not hex: not ours
    (tmp_path / "x.redvan.tmp-0123abcd").write_bytes(b"")  # no leading dot: not ours
    (tmp_path / ".x.redvan.db-0123abcd").mkdir()  # a folder is never removed
    assert [p.name for p in remove_stale_temp_files(tmp_path, "x.redvan")] == [
        ".x.redvan.tmp-0123abcd"
    ]
    assert remove_stale_temp_files(tmp_path / "missing") == []
