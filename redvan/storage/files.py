"""Files the vault writes: private (0o600, folders 0o700), atomic (temp name, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create a folder only its owner can enter; an existing folder is left as it is
    (it may be the user's own, like /tmp or Documents)."""
    if path.is_dir():
        return
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask


def temp_name(target: Path, tag: str = "tmp") -> Path:
    return target.with_name(f".{target.name}.{tag}-{secrets.token_hex(4)}")


# temp_name()'s names, and the -wal/-shm files SQLite keeps beside a temporary database
_TEMP = re.compile(r"\.(?P<target>.+)\.[a-z]+-[0-9a-f]{8}(-wal|-shm|-journal)?")


def remove_stale_temp_files(folder: Path, target_prefix: str = "") -> list[Path]:
    """Delete what a crash left under a :func:`temp_name` in `folder` (a half-written backup,
    a key file or a restore that never got renamed), for targets whose name starts with
    `target_prefix`; returns what was removed. Call it only while holding the lock that
    every writer of those files holds (the vault's instance lock), so nothing in use goes."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.fullmatch(entry.name)
        if found is None or not found["target"].startswith(target_prefix):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file() and not entry.is_symlink():
                entry.unlink()
                removed.append(entry)
    return removed


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_private(path: Path) -> int:
    """Open a new file for writing that only the owner can read; fails if it exists."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, FILE_MODE)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write to a temporary name beside the target, fsync, then rename over it."""
    tmp = temp_name(target)
    fd = create_private(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


@contextlib.contextmanager
def removing_on_error(path: Path) -> Iterator[Path]:
    """Yield `path`; delete it if the block fails, so no half-written file is left behind."""
    try:
        yield path
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def restrict(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)
