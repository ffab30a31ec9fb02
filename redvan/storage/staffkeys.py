"""Key slots over a vault's life: add a staff member's slot, change or reset a passphrase,
revoke a slot, replace the recovery code, change the vault key.

Adding a slot and changing a passphrase change only the key file (atomically). Revoking a
slot, replacing the recovery code and "rotate the vault key" write the vault under a new
random key (storage.rotation, V11), so an old key file or an old recovery code opens nothing
written after the change. Each change is entered into the audit log without any secret.
"""

from __future__ import annotations

from pathlib import Path

from redvan.storage import audit, keyslots
from redvan.storage.errors import KeyFileDamaged, UnknownStaff, VaultError
from redvan.storage.rotation import Progress, Rotation, rotate
from redvan.storage.vault import Vault, unlock


def _keyfile(vault: Vault) -> keyslots.KeyFile:
    try:
        return keyslots.read_keyfile(vault.path)
    except keyslots.KeyFileError as exc:
        raise KeyFileDamaged(str(exc)) from None


def _log(vault: Vault, action: str, slot_owner: str | None) -> None:
    with vault.transaction() as conn:
        audit.append(conn, vault.staff_id, action, "key-slot", slot_owner)


def add_staff_slot(
    vault: Vault,
    staff_id: str,
    label: str,
    passphrase: str,
    *,
    kdf: keyslots.KdfParams | None = None,
) -> None:
    """Give a staff member (already in the staff table) their own key slot."""
    keyfile = _keyfile(vault)
    if any(s.staff_id == staff_id for s in keyfile.slots):
        raise VaultError(f"{label} already has a key to this vault.")
    if keyfile.slot_for_staff(label) is not None:
        raise VaultError(f"Another staff member is already called {label}; choose other initials.")
    keyfile.slots.append(
        keyslots.wrap_key(
            keyfile.vault_id,
            vault.raw_key,
            passphrase,
            kind="staff",
            label=label,
            staff_id=staff_id,
            kdf=kdf,
            generation=keyfile.generation,
        )
    )
    keyslots.write_keyfile(vault.path, keyfile)
    _log(vault, "create", staff_id)


def change_passphrase(
    vault: Vault, staff_id: str, new_passphrase: str, *, kdf: keyslots.KdfParams | None = None
) -> None:
    """Re-wrap a staff member's slot with a new passphrase (fresh salt and nonce)."""
    keyfile = _keyfile(vault)
    index = next((i for i, s in enumerate(keyfile.slots) if s.staff_id == staff_id), None)
    if index is None:
        raise UnknownStaff([s.label for s in keyfile.staff_slots()])
    old = keyfile.slots[index]
    fresh = keyslots.wrap_key(
        keyfile.vault_id,
        vault.raw_key,
        new_passphrase,
        kind="staff",
        label=old.label,
        staff_id=staff_id,
        kdf=kdf,
        generation=keyfile.generation,
        slot_id=old.id,
    )
    keyfile.slots[index] = fresh
    keyslots.write_keyfile(vault.path, keyfile)
    _log(vault, "edit", staff_id)


def revoke_slot(vault: Vault, staff_id: str, *, progress: Progress | None = None) -> Rotation:
    """Remove a staff member's slot and change the vault key, so their old key file opens
    nothing written from now on. The last staff member's slot cannot be removed."""
    keyfile = _keyfile(vault)
    if not any(s.staff_id == staff_id for s in keyfile.slots):
        raise UnknownStaff([s.label for s in keyfile.staff_slots()])
    if not any(s.kind == "staff" and s.staff_id != staff_id for s in keyfile.slots):
        raise VaultError("The last staff member's key cannot be removed; add another first.")
    return rotate(vault, remove_staff=staff_id, progress=progress)


def replace_recovery_code(
    vault: Vault, *, kdf: keyslots.KdfParams | None = None, progress: Progress | None = None
) -> str:
    """A new recovery code and a new vault key, so the old code opens nothing written from now
    on. Returns the code to show once."""
    _keyfile(vault)
    done = rotate(vault, new_recovery=True, progress=progress, kdf=kdf)
    if done.recovery_code is None:  # pragma: no cover - rotate always makes one when asked
        raise VaultError("No new recovery code was made.")
    return done.recovery_code


def rotate_key(vault: Vault, *, progress: Progress | None = None) -> Rotation:
    """A coordinator's "change the vault key": the same people keep access, every old copy of
    the key file (and every backup made before) stops opening what is written from now on."""
    _keyfile(vault)
    return rotate(vault, progress=progress)


def reset_with_recovery(
    path: Path,
    recovery_code: str,
    staff: str,
    new_passphrase: str,
    *,
    kdf: keyslots.KdfParams | None = None,
) -> Vault:
    """A forgotten passphrase: unlock with the recovery code, give `staff` a new passphrase."""
    vault = unlock(Path(path), recovery_code, recovery=True)
    try:
        slot = _keyfile(vault).slot_for_staff(staff)
        if slot is None or slot.staff_id is None:
            raise UnknownStaff([s.label for s in _keyfile(vault).staff_slots()])
        change_passphrase(vault, slot.staff_id, new_passphrase, kdf=kdf)
        vault.staff_id = slot.staff_id
    except BaseException:
        vault.close(backup=False)
        raise
    return vault
