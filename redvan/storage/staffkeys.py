"""Key slots over a vault's life: add a staff member's slot, change or reset a passphrase,
revoke a slot, replace the recovery code.

Only the key file changes (atomically); the database is never rewritten (V6). Each change is
entered into the audit log without any secret.
"""

from __future__ import annotations

from pathlib import Path

from redvan.storage import audit, keyslots
from redvan.storage.errors import KeyFileDamaged, UnknownStaff, VaultError
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
    )
    keyfile.slots[index] = fresh
    keyslots.write_keyfile(vault.path, keyfile)
    _log(vault, "edit", staff_id)


def revoke_slot(vault: Vault, staff_id: str) -> None:
    """Remove a staff member's slot. The last coordinator's slot cannot be removed here."""
    keyfile = _keyfile(vault)
    remaining = [s for s in keyfile.slots if s.staff_id != staff_id]
    if len(remaining) == len(keyfile.slots):
        raise UnknownStaff([s.label for s in keyfile.staff_slots()])
    if not any(s.kind == "staff" for s in remaining):
        raise VaultError("The last staff member's key cannot be removed; add another first.")
    keyfile.slots = remaining
    keyslots.write_keyfile(vault.path, keyfile)
    _log(vault, "delete", staff_id)


def replace_recovery_code(vault: Vault, *, kdf: keyslots.KdfParams | None = None) -> str:
    """A new recovery code; the old one stops working. Returns the code to show once."""
    keyfile = _keyfile(vault)
    code = keyslots.new_recovery_code()
    slot = keyslots.wrap_key(
        keyfile.vault_id, vault.raw_key, code, kind="recovery", label="recovery", kdf=kdf
    )
    keyfile.slots = [s for s in keyfile.slots if s.kind != "recovery"] + [slot]
    keyslots.write_keyfile(vault.path, keyfile)
    _log(vault, "edit", None)
    return code


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
