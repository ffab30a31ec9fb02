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
            "the disk is full. Free some space and try again"
            if disk_full
            else "its folder cannot be written to. Check the disk and the folder's permissions"
        )
        super().__init__(
            f"The vault {path.name} cannot be opened: {why}; nothing in it was changed."
        )
        self.path = path
        self.disk_full = disk_full


class StorageFailed(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "The vault could not write this entry; it was NOT saved. Everything saved before "
            "is safe."
        )


class OlderKeyFile(KeyFileDamaged):
    """A key file of this vault from before its key was changed (V11)."""

    def __init__(self, path: Path, has: int, needs: int) -> None:
        super().__init__(
            f"This key file is an old one for {path.name} (key generation {has}; the vault is "
            f"at generation {needs}): it stopped working when the vault's key was changed, for "
            "example when a staff member was revoked. It was refused and the refusal will be "
            "in the audit log. Use the vault's current key file."
        )
        self.path = path
        self.has = has
        self.needs = needs


class ForeignKeyFile(KeyFileDamaged):
    """A key file that belongs to another vault."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"This key file belongs to another vault, not to {path.name}: nothing is damaged, "
            "but the two files do not go together. Put the vault's own key file next to it."
        )
        self.path = path


class OlderVaultFile(VaultError):
    """The database file is from before a key change its key file has already seen."""

    def __init__(self, path: Path, has: int, needs: int) -> None:
        super().__init__(
            f"The vault file {path.name} is an older copy (key generation {has}) than its key "
            f"file (generation {needs}): it was replaced by a copy made before the key was "
            "changed. Restore a backup with 'redvan restore' instead of copying files."
        )
        self.path = path


class CounterReset(TooSoon):
    """The failed-unlock counter was missing, unreadable or implausible: longest delay (V12)."""

    def __init__(self, label: str, wait_seconds: int, name: str, why: str) -> None:
        VaultError.__init__(
            self,
            f"The failed-unlock counter {name} {why}, so Red Van waits the longest delay: try "
            f"again in {wait_seconds} s. If nobody here removed or changed it, someone may have "
            "tried to get round the delay between wrong passphrases.",
        )
        self.label = label
        self.wait_seconds = wait_seconds
        self.why = why


class CounterUnwritable(VaultError):
    """A failed unlock could not be counted, so the passphrase was not tried (V12)."""

    def __init__(self, name: str, disk_full: bool) -> None:
        why = (
            "the disk is full. Free some space"
            if disk_full
            else f"{name} is not a file Red Van can write. Remove what stands at that name"
        )
        super().__init__(
            f"Red Van could not record this unlock attempt, so the passphrase was not tried: "
            f"{why}, then try again."
        )
        self.disk_full = disk_full
