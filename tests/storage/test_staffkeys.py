"""Key slots over a vault's life: only the key file changes; the database key stays."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from redvan.core.enums import Role
from redvan.storage import audit, keyslots, staffkeys
from redvan.storage.errors import UnknownStaff, VaultError, WrongPassphrase
from redvan.storage.vault import unlock

PASS = "night shift passphrase"  # the conftest vault's passphrase
NEW = "a brand new passphrase"


def reopen(path: Path, secret: str, **kw: object):  # type: ignore[no-untyped-def]
    return unlock(path, secret, clock=lambda: time.time() + 86400, **kw)  # type: ignore[arg-type]


def test_a_new_staff_member_unlocks_with_their_own_passphrase(
    services, vault_path, fast_kdf
) -> None:
    vault = services.store.vault
    salt_before = vault_path.read_bytes()[:16]
    member = services.add_staff("MJ", Role.OUTREACH)
    staffkeys.add_staff_slot(vault, member.id, "MJ", NEW, kdf=fast_kdf)
    key = vault.raw_key
    vault.close(backup=False)
    again = reopen(vault_path, NEW, staff="MJ")
    assert again.staff_id == member.id and again.raw_key == key
    assert vault_path.read_bytes()[:16] == salt_before  # same database, not re-encrypted
    actions = [
        r[0] for r in again.conn.execute("SELECT action FROM audit WHERE entity = 'key-slot'")
    ]
    assert actions == ["create"]
    assert audit.verify(again.conn).ok
    again.close(backup=False)


def test_duplicate_names_are_refused(services, fast_kdf) -> None:
    vault = services.store.vault
    with pytest.raises(VaultError):
        staffkeys.add_staff_slot(vault, "someone-else", "ab", NEW, kdf=fast_kdf)


def test_changing_a_passphrase_retires_the_old_one(services, vault_path, fast_kdf) -> None:
    vault = services.store.vault
    staffkeys.change_passphrase(vault, vault.staff_id, NEW, kdf=fast_kdf)
    vault.close(backup=False)
    with pytest.raises(WrongPassphrase):
        reopen(vault_path, PASS)
    reopen(vault_path, NEW).close(backup=False)


def test_revoked_staff_cannot_unlock_and_the_last_key_stays(services, vault_path, fast_kdf) -> None:
    vault = services.store.vault
    member = services.add_staff("SL", Role.OUTREACH)
    staffkeys.add_staff_slot(vault, member.id, "SL", NEW, kdf=fast_kdf)
    staffkeys.revoke_slot(vault, member.id)
    with pytest.raises(VaultError):
        staffkeys.revoke_slot(vault, vault.staff_id)
    vault.close(backup=False)
    with pytest.raises(UnknownStaff):
        reopen(vault_path, NEW, staff="SL")


def test_forgotten_passphrase_reset_with_the_recovery_code(services, vault_path, fast_kdf) -> None:
    code = services.recovery_code
    services.store.vault.close(backup=False)
    vault = staffkeys.reset_with_recovery(
        vault_path, code.lower().replace("-", " "), "AB", NEW, kdf=fast_kdf
    )
    vault.close(backup=False)
    reopen(vault_path, NEW, staff="AB").close(backup=False)


def test_a_replaced_recovery_code_stops_the_old_one(services, vault_path, fast_kdf) -> None:
    old = services.recovery_code
    fresh = staffkeys.replace_recovery_code(services.store.vault, kdf=fast_kdf)
    assert fresh != old
    services.store.vault.close(backup=False)
    with pytest.raises(WrongPassphrase):
        reopen(vault_path, old, recovery=True)
    reopen(vault_path, fresh, recovery=True).close(backup=False)
    assert len([s for s in keyslots.read_keyfile(vault_path).slots if s.kind == "recovery"]) == 1
