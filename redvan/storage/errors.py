"""Errors the vault reports. Each carries one clear English sentence; the GUI translates by type.

None of them ever contains a passphrase, key, code or any text a person wrote.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Base class: `str(error)` is a sentence fit to show to a person."""


class VaultNotFound(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no vault at {path}.")
        self.path = path


class VaultExists(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"A vault already exists at {path}; choose another file name.")
        self.path = path


class VaultInUse(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "This vault is already open in another Red Van window or command; close it there first."
        )


class UnknownStaff(VaultError):
    def __init__(self, known: list[str]) -> None:
        names = ", ".join(known) if known else "none"
        super().__init__(f"No staff member by that name has a key to this vault (known: {names}).")
        self.known = known


class StaffRequired(VaultError):
    def __init__(self, known: list[str]) -> None:
        super().__init__(
            "This vault has several staff members; say which one you are with --staff "
            f"({', '.join(known)})."
        )
        self.known = known


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class WrongPassphrase(VaultError):
    def __init__(self, label: str, attempt: int, wait_seconds: int, recovery: bool = False) -> None:
        what = "Wrong recovery code" if recovery else f"Wrong passphrase for staff member {label}"
        wait = f", next try in {wait_seconds} s" if wait_seconds else ""
        super().__init__(f"{what} ({_ordinal(attempt)} attempt{wait}).")
        self.label = label
        self.attempt = attempt
        self.wait_seconds = wait_seconds
        self.recovery = recovery


class TooSoon(VaultError):
    def __init__(self, label: str, wait_seconds: int) -> None:
        super().__init__(
            f"Too many wrong passphrases for {label}: wait {wait_seconds} s before the next try."
        )
        self.label = label
        self.wait_seconds = wait_seconds


class VaultDamaged(VaultError):
    def __init__(self, path: Path, backup: Path | None) -> None:
        offer = (
            f" The newest verified backup is {backup}; restore it with "
            f"'redvan restore --vault {path} --from {backup}'."
            if backup
            else " No verified backup was found next to it."
        )
        super().__init__(
            f"The vault {path.name} is damaged: its key is right but its contents do not "
            f"verify.{offer}"
        )
        self.path = path
        self.backup = backup


class KeyFileDamaged(VaultError):
    """The key file is missing or malformed (distinct from a wrong passphrase)."""


class SchemaTooNew(VaultError):
    def __init__(self) -> None:
        super().__init__("This vault was written by a newer version of Red Van; update the app.")


class BackupError(VaultError):
    """A backup could not be written, verified or restored."""


class DiskFull(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "The disk is full: this entry was NOT saved. Free some space and save again; "
            "everything saved before is safe."
        )


class VaultUnwritable(VaultError):
    def __init__(self, path: Path, disk_full: bool) -> None:
        why = (
            "the disk is full. Free some space on that disk (move or delete large files you "
            f"do not need; the vault's older backups are in {path.name}.backups) and try "
            "again. `redvan check` can still open it read-only to show what it holds"
            if disk_full
            else "its folder cannot be written to. Check the disk and the folder's permissions"
        )
        super().__init__(
            f"The vault {path.name} cannot be opened: {why}; nothing in it was changed."
        )
        self.path = path
        self.disk_full = disk_full


class VaultReadOnly(VaultError):
    """The vault was opened read-only (its disk is full): it can be read, not changed."""

    def __init__(self) -> None:
        super().__init__(
            "The vault is open read-only because its disk is full: nothing can be saved or "
            "exported. Free some space on that disk, then open the vault again."
        )


class StorageFailed(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "The vault could not write this entry; it was NOT saved. Everything saved before "
            "is safe."
        )
