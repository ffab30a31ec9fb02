"""Backups and key changes (V11): which backups were made under an earlier vault key, and
destroying them.

A backup keeps the key file of its day, so the passphrases (and the recovery code, and any
staff member revoked since) of that day open it. After a key change those backups are the
only thing an old key file still opens; a coordinator can destroy the ones beside the vault.
Copies elsewhere (a USB stick, another computer) cannot be reached from here, and the warning
says so.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redvan.storage import audit, keyslots
from redvan.storage.backup import BackupReader, list_backups
from redvan.storage.errors import BackupError
from redvan.storage.files import fsync_dir

COPIES_ELSEWHERE = (
    "Copies of these backups made elsewhere (a USB stick, another computer, a cloud folder) "
    "cannot be reached from here and still open with the old key; destroy them there too."
)


@dataclass(frozen=True)
class BackupKey:
    path: Path
    generation: int | None  # None: unreadable as a backup
    earlier: bool  # made under an earlier key than the vault's current one


def backup_generation(backup: Path) -> int | None:
    try:
        reader = BackupReader(backup)
    except BackupError:
        return None
    try:
        return reader.keyfile.generation
    finally:
        reader.close()


def earlier_than_vault(backup: Path, vault: Path) -> bool:
    """True if `backup` was made under an earlier key than the vault's current key file."""
    try:
        current = keyslots.read_keyfile(vault).generation
    except keyslots.KeyFileError:
        return False
    made = backup_generation(backup)
    return made is not None and made < current


def backups_by_key(vault: Path, current: int) -> list[BackupKey]:
    """The vault's own backups, newest first, each with the key generation it was made under."""
    found = []
    for backup in list_backups(vault):
        generation = backup_generation(backup)
        found.append(BackupKey(backup, generation, generation is not None and generation < current))
    return found


def _shred(path: Path) -> None:
    """Overwrite, then remove. On SSDs and copy-on-write file systems the old blocks may
    survive the overwrite; the backup is encrypted either way."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            block = b"\0" * (1 << 20)
            left = size
            while left > 0:
                n = min(left, len(block))
                fh.write(block[:n])
                left -= n
            fh.flush()
            os.fsync(fh.fileno())
    path.unlink()


def destroy_earlier(vault: Any) -> list[Path]:
    """Destroy the backups beside an unlocked vault that were made under an earlier key."""
    current = keyslots.read_keyfile(vault.path).generation
    gone = []
    for entry in backups_by_key(vault.path, current):
        if entry.earlier:
            _shred(entry.path)
            gone.append(entry.path)
    if gone:
        fsync_dir(gone[0].parent)
        with vault.transaction() as c:
            for path in gone:
                audit.append(c, vault.staff_id, "delete", "backup", path.name)
    return gone
