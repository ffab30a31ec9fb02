"""Shared helpers for the reliability tests (SPEC §11): vaults, checks and a byte scanner.

Imported by the test modules and by the helper scripts that run in child processes, so it
depends on nothing from pytest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSPHRASE = "night shift passphrase"
FAST_KDF_ARGS = {"memory_kib": 19 * 1024, "iterations": 2, "parallelism": 1}

# -- vaults -------------------------------------------------------------------------------


def fast_kdf() -> Any:
    from redvan.storage.keyslots import KdfParams

    return KdfParams(**FAST_KDF_ARGS)


def new_vault(path: Path, staff: str = "AB") -> Any:
    """A new, seeded vault (as `redvan init` makes it) with the fast KDF; returns CreatedVault."""
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault

    def seed(vault: Any) -> None:
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    return create_vault(path, staff, PASSPHRASE, kdf=fast_kdf(), init=seed)


def services_for(vault: Any) -> Any:
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore

    return Services(VaultStore(vault))


@dataclass(frozen=True)
class Health:
    integrity: list[str]
    cipher_failures: list[Any]
    chain_ok: bool
    chain_detail: str

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.cipher_failures and self.chain_ok

    def __str__(self) -> str:
        return (
            f"integrity_check={self.integrity[:5]!r}, "
            f"cipher_integrity_check={self.cipher_failures[:5]!r}, audit chain: {self.chain_detail}"
        )


def health(vault: Any) -> Health:
    """PRAGMA integrity_check, PRAGMA cipher_integrity_check and the audit chain, read-only."""
    from redvan.storage import audit

    conn = vault.connect(readonly=True)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        chain = audit.verify(conn)
    finally:
        conn.close()
    detail = (
        f"{chain.events} events, unbroken"
        if chain.ok
        else f"broken at {chain.first_broken}: {chain.reason}"
    )
    return Health(integrity, cipher, chain.ok, detail)


def contact_ids(vault: Any) -> set[str]:
    return {r[0] for r in vault.conn.execute("SELECT id FROM contact")}


def audited_contact_ids(vault: Any) -> set[str]:
    rows = vault.conn.execute(
        "SELECT entity_id FROM audit WHERE action = 'create' AND entity = 'contact'"
    )
    return {r[0] for r in rows}


# -- the canary scanner -------------------------------------------------------------------


def marker_forms(marker: str) -> dict[str, bytes]:
    """The byte patterns a plaintext copy of `marker` would show up as."""
    forms: dict[str, bytes] = {}
    for case, text in (("upper", marker.upper()), ("lower", marker.lower())):
        forms[f"ascii/{case}"] = text.encode("ascii")
        forms[f"utf-16-le/{case}"] = text.encode("utf-16-le")
        forms[f"utf-16-be/{case}"] = text.encode("utf-16-be")
    return forms


@dataclass(frozen=True)
class Hit:
    where: str
    form: str

    def __str__(self) -> str:
        return f"{self.form} in {self.where}"


def scan_bytes(data: bytes, forms: dict[str, bytes], where: str) -> list[Hit]:
    return [Hit(where, name) for name, pattern in forms.items() if pattern in data]


_BLOCK = 1 << 20


def scan_file(path: Path | str, forms: dict[str, bytes], where: str | None = None) -> list[Hit]:
    """Scan one file in blocks (with overlap, so a marker across a block edge is found)."""
    where = where or str(path)
    overlap = max(len(p) for p in forms.values()) - 1
    found: dict[str, Hit] = {}
    try:
        with open(path, "rb") as fh:
            tail = b""
            while True:
                block = fh.read(_BLOCK)
                if not block:
                    break
                window = tail + block
                for hit in scan_bytes(window, forms, where):
                    found.setdefault(hit.form, hit)
                tail = window[-overlap:]
    except FileNotFoundError:
        return []
    return list(found.values())


def regular_files(root: Path) -> Iterator[Path]:
    """Every regular file at or under `root`, symlinks not followed."""
    root = Path(root)
    if root.is_symlink():
        return
    if root.is_file():
        yield root
        return
    for dirpath, _dirs, files in os.walk(root, onerror=lambda _e: None):
        for name in files:
            path = Path(dirpath) / name
            try:
                if stat.S_ISREG(path.lstat().st_mode):
                    yield path
            except OSError:
                continue


def scan_paths(paths: Iterable[Path], forms: dict[str, bytes]) -> tuple[list[Hit], int]:
    """Scan files and folders; returns the hits and how many files were read."""
    hits: list[Hit] = []
    count = 0
    for root in paths:
        for path in regular_files(Path(root)):
            count += 1
            hits.extend(scan_file(path, forms))
    return hits, count


def scan_open_files(forms: dict[str, bytes]) -> tuple[list[Hit], int]:
    """Scan every regular file this process holds open, deleted temp files included (Linux)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return [], 0
    hits: list[Hit] = []
    count = 0
    for entry in list(fd_dir.iterdir()):
        try:
            target = os.readlink(entry)
            if not stat.S_ISREG(os.stat(entry).st_mode):
                continue
        except OSError:
            continue
        count += 1
        try:
            hits.extend(scan_file(entry, forms, where=f"open fd {entry.name} -> {target}"))
        except OSError:
            continue
    return hits, count


Snapshot = dict[str, tuple[int, int, int]]


def snapshot(root: Path) -> Snapshot:
    """(inode, size, mtime) of every regular file under `root`, to spot new or changed files."""
    out: Snapshot = {}
    for path in regular_files(root):
        try:
            st = path.lstat()
        except OSError:
            continue
        out[str(path)] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


def changed_since(before: Snapshot, after: Snapshot) -> list[Path]:
    return [Path(p) for p, sig in after.items() if before.get(p) != sig]
