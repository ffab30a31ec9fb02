"""Access that really ends (V11): revoking, replacing the recovery code and "change the vault
key" re-encrypt the vault; key files are bound to their vault and generation; a slot's
checksum tells bit rot from a wrong passphrase."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

import pytest
import sqlcipher3

from redvan.core.enums import Role
from redvan.storage import audit, keyslots, staffkeys
from redvan.storage.backup import automatic_backup, list_backups, restore
from redvan.storage.errors import (
    ForeignKeyFile,
    KeyFileDamaged,
    OlderKeyFile,
    WrongPassphrase,
)
from redvan.storage.rotation import next_db_path, next_keys_path
from redvan.storage.vault import (
    create_vault,
    open_connection,
    stored_generation,
    unlock,
)
from tests.conftest import PASSPHRASE

CD_PASS = "correct staple battery horse"


def later(path: Path, secret: str, **kw: object):  # type: ignore[no-untyped-def]
    return unlock(path, secret, clock=lambda: time.time() + 86400, **kw)  # type: ignore[arg-type]


def opens(db: Path, raw_key: bytes) -> bool:
    try:
        conn = open_connection(db, raw_key, readonly=True)
    except sqlcipher3.DatabaseError:
        return False
    conn.close()
    return True


def backup_db(backup: Path, tmp: Path) -> Path:
    """The database member of a backup, extracted for a direct attempt with a key."""
    from redvan.storage.backup import BackupReader

    reader = BackupReader(backup)
    target = tmp / f"{backup.stem}.db"
    try:
        reader.extract_db(target)
    finally:
        reader.close()
    return target


def with_cd(services, fast_kdf):  # type: ignore[no-untyped-def]
    vault = services.store.vault
    member = services.add_staff("CD", Role.OUTREACH)
    staffkeys.add_staff_slot(vault, member.id, "CD", CD_PASS, kdf=fast_kdf)
    return vault, member


def test_after_revoke_the_old_key_file_opens_neither_the_vault_nor_later_backups(
    services, vault_path, fast_kdf, tmp_path
) -> None:
    vault, cd = with_cd(services, fast_kdf)
    stolen = tmp_path / "cd-kept-this.keys"
    shutil.copy(keyslots.keyfile_path(vault_path), stolen)
    old_keyfile = keyslots.loads(stolen.read_bytes())
    old_key = keyslots.unwrap_key(old_keyfile.vault_id, old_keyfile.slot_for_staff("CD"), CD_PASS)  # type: ignore[arg-type]
    before = automatic_backup(vault, "manual")

    services.set_staff_active(cd.id, False)
    done = staffkeys.revoke_slot(vault, cd.id)
    assert done.generation == 1 and done.dropped == []
    assert vault.raw_key != old_key
    services.add_staff("EF", Role.OUTREACH)  # written after the revocation
    after = automatic_backup(vault, "manual")
    vault.close(backup=False)

    assert not opens(vault_path, old_key)
    assert not opens(backup_db(after, tmp_path), old_key)
    assert opens(backup_db(before, tmp_path), old_key)  # only what was made before
    assert not next_db_path(vault_path).exists() and not next_keys_path(vault_path).exists()

    # The remaining coordinator was not there to type a passphrase, and still opens it.
    later(vault_path, PASSPHRASE).close(backup=False)

    # CD copies the old key file back next to the live vault.
    current = keyslots.keyfile_path(vault_path).read_bytes()
    shutil.copy(stolen, keyslots.keyfile_path(vault_path))
    with pytest.raises(OlderKeyFile) as info:
        later(vault_path, CD_PASS, staff="CD")
    assert "old" in str(info.value) and "generation 0" in str(info.value)
    assert "generation 1" in str(info.value)

    # The coordinator puts the right key file back: the refusal is in the audit log.
    keyslots.keyfile_path(vault_path).write_bytes(current)
    again = later(vault_path, PASSPHRASE)
    try:
        rows = again.conn.execute(
            "SELECT staff_id, action, entity FROM audit ORDER BY seq"
        ).fetchall()
        assert (cd.id, "unlock-failed", "key-file") in rows
        assert ("AB" not in {r[0] for r in rows}) and audit.verify(again.conn).ok
        assert stored_generation(again.conn) == 1
        assert ("delete", "key-slot") in {(r[1], r[2]) for r in rows}
    finally:
        again.close(backup=False)


def test_an_old_recovery_code_opens_nothing_after_it_was_replaced(
    services, vault_path, fast_kdf, tmp_path
) -> None:
    vault = services.store.vault
    old_code = services.recovery_code
    kept = tmp_path / "old.keys"
    shutil.copy(keyslots.keyfile_path(vault_path), kept)
    old_kf = keyslots.loads(kept.read_bytes())
    old_key = keyslots.unwrap_key(
        old_kf.vault_id, old_kf.recovery_slot(), keyslots.normalise_recovery_code(old_code)
    )  # type: ignore[arg-type]

    new_code = staffkeys.replace_recovery_code(vault, kdf=fast_kdf)
    assert new_code != old_code
    after = automatic_backup(vault, "manual")
    vault.close(backup=False)

    with pytest.raises(WrongPassphrase):
        later(vault_path, old_code, recovery=True)
    assert not opens(vault_path, old_key)
    assert not opens(backup_db(after, tmp_path), old_key)
    shutil.copy(kept, keyslots.keyfile_path(vault_path))
    with pytest.raises(OlderKeyFile):
        later(vault_path, old_code, recovery=True)


def test_rotation_reports_progress_and_keeps_every_row(services, vault_path) -> None:
    vault = services.store.vault
    for i in range(30):
        services.add_staff(f"S{i}", Role.OUTREACH)
    before = {
        t: vault.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for (t,) in vault.conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    }
    seen: list[tuple[int, int, str]] = []
    staffkeys.rotate_key(vault, progress=lambda d, t, s: seen.append((d, t, s)))
    stages = [s for _, _, s in seen]
    assert stages[0] == "copy" and stages[-1] == "swap"
    assert stages.index("verify") > stages.index("copy")
    assert all(0 <= d <= t for d, t, _ in seen)
    copy = [d for d, _, s in seen if s == "copy"]
    assert copy == sorted(copy)
    after = {t: vault.conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in before}
    assert after["audit"] == before["audit"] + 1
    assert {k: v for k, v in after.items() if k not in ("audit", "setting")} == {
        k: v for k, v in before.items() if k not in ("audit", "setting")
    }
    assert vault.keyfile().generation == 1 and stored_generation(vault.conn) == 1
    assert vault_path.read_bytes()[:16] == keyslots.db_salt(vault.vault_id, 1)


def test_another_vaults_key_file_is_named_as_such(tmp_path, fast_kdf) -> None:
    a = create_vault(tmp_path / "a.redvan", "AB", PASSPHRASE, kdf=fast_kdf).vault
    b = create_vault(tmp_path / "b.redvan", "AB", PASSPHRASE, kdf=fast_kdf).vault
    automatic_backup(a, "manual")
    a.close(backup=False)
    b.close(backup=False)
    shutil.copy(keyslots.keyfile_path(b.path), keyslots.keyfile_path(a.path))
    with pytest.raises(ForeignKeyFile) as info:
        later(a.path, PASSPHRASE)
    assert "another vault" in str(info.value) and "damaged" not in str(info.value).split(":")[0]


def _slot_span(text: str) -> tuple[int, int]:
    start = text.index('"slots"')
    return start, len(text) - 3


def test_bit_flips_in_a_key_slot_read_as_damage_never_as_a_wrong_passphrase(
    services, vault_path
) -> None:
    services.store.vault.close(backup=False)
    keys = keyslots.keyfile_path(vault_path)
    original = keys.read_bytes()
    start, end = _slot_span(original.decode())
    rng = random.Random(13)
    for _ in range(40):
        data = bytearray(original)
        data[rng.randrange(start, end)] ^= 1 << rng.randrange(8)
        keys.write_bytes(bytes(data))
        try:
            later(vault_path, PASSPHRASE, staff="AB").close(backup=False)
        except KeyFileDamaged as exc:
            assert "passphrase" not in str(exc).lower() or "damaged" in str(exc).lower()
        except WrongPassphrase:  # pragma: no cover - the finding this test guards
            pytest.fail("a flipped bit in the key file read as a wrong passphrase")
        except Exception as exc:  # noqa: BLE001 - only the two kinds above are allowed
            pytest.fail(f"unexpected {type(exc).__name__}: {exc}")
    keys.write_bytes(original)
    later(vault_path, PASSPHRASE).close(backup=False)


def test_a_damaged_slot_says_restore_the_key_file(services, vault_path) -> None:
    services.store.vault.close(backup=False)
    keys = keyslots.keyfile_path(vault_path)
    doc = json.loads(keys.read_bytes())
    slot = doc["slots"][0]
    wrapped = bytearray(keyslots._unb64(slot["wrapped_key"]))
    wrapped[5] ^= 0x10
    slot["wrapped_key"] = keyslots._b64(bytes(wrapped))  # valid base64, valid JSON
    keys.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(KeyFileDamaged) as info:
        later(vault_path, PASSPHRASE)
    assert str(info.value) == keyslots.DAMAGED


def test_a_version_1_key_file_opens_and_is_migrated(tmp_path, fast_kdf) -> None:
    """A key file written before this version (format 1, direct slots) still opens; its
    owner's slot becomes an x25519 slot at their unlock, and then survives a key change."""
    path = tmp_path / "old.redvan"
    vault = create_vault(path, "AB", PASSPHRASE, kdf=fast_kdf).vault
    vault_id, raw_key = vault.vault_id, vault.raw_key
    vault.close(backup=False)
    old_slot = keyslots.KeySlot(
        id="slot-ab",
        kind="staff",
        staff_id=vault.staff_id,
        label="AB",
        kdf=fast_kdf,
        salt=b"\1" * 16,
        nonce=b"\2" * 12,
        wrapped_key=b"",
        created="2026-01-01T00:00:00+00:00",
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    wrapping = keyslots.derive_wrapping_key(PASSPHRASE, old_slot.salt, fast_kdf)
    sealed = AESGCM(wrapping).encrypt(old_slot.nonce, raw_key, old_slot.aad(vault_id))
    doc = {
        "format": "redvan-keyslots",
        "version": 1,
        "vault_id": vault_id,
        "slots": [
            {
                k: v
                for k, v in keyslots.slot_to_json(
                    keyslots.KeySlot(**{**old_slot.__dict__, "wrapped_key": sealed}), vault_id, 0
                ).items()
                if k not in ("checksum", "scheme")
            }
        ],
    }
    keyslots.keyfile_path(path).write_text(json.dumps(doc), encoding="utf-8")
    opened = later(path, PASSPHRASE)
    migrated = keyslots.read_keyfile(path)
    assert migrated.version == 2 and migrated.slots[0].scheme == keyslots.SCHEME_X25519
    staffkeys.rotate_key(opened)
    opened.close(backup=False)
    later(path, PASSPHRASE).close(backup=False)


def test_backups_made_before_a_rotation_still_restore_with_the_old_passphrase(
    services, vault_path, tmp_path
) -> None:
    vault = services.store.vault
    automatic_backup(vault, "manual")
    staffkeys.rotate_key(vault)
    vault.close(backup=False)
    old = list_backups(vault_path)[-1]
    restored = tmp_path / "restored.redvan"
    restore(restored, old, PASSPHRASE)
    again = later(restored, PASSPHRASE)
    assert keyslots.read_keyfile(restored).generation == 0
    again.close(backup=False)
