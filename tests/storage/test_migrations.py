"""T11 / V5: every frozen schema fixture upgrades to LATEST with every record kept.

The fixtures in tests/fixtures are real vaults written at earlier schema versions (see
tests/fixtures/README.md); each has a manifest with its row counts per table.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from redvan.core.model import ContactInput, ServiceGiven
from redvan.core.services import Services
from redvan.storage import audit, keyslots, schema
from redvan.storage.backup import BackupReader, list_backups
from redvan.storage.errors import SchemaTooNew, VaultError
from redvan.storage.repository import VaultStore
from redvan.storage.vault import open_connection, unlock
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VAULTS = sorted(FIXTURES.glob("schema_v*.redvan"))


def manifest_of(fixture: Path) -> dict[str, Any]:
    name = fixture.name.removesuffix(".redvan")
    return json.loads((FIXTURES / f"{name}.counts.json").read_text(encoding="utf-8"))


def copy_fixture(fixture: Path, into: Path) -> Path:
    target = into / fixture.name
    for suffix in ("", ".keys", ".attempts"):  # the counter since key files version 2
        src = fixture.with_name(fixture.name + suffix)
        if suffix == ".attempts" and not src.exists():
            continue
        dst = target.with_name(target.name + suffix)
        shutil.copyfile(src, dst)
        dst.chmod(0o600)
    return target


def counts(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = {manifest_of(f)["schema_version"] for f in VAULTS}
    assert versions == set(range(1, schema.LATEST + 1)), (
        "add tests/fixtures/schema_vN.redvan for every schema version "
        "(python tests/fixtures/make_fixtures.py; see tests/fixtures/README.md)"
    )
    for fixture in VAULTS:
        assert not fixture.with_name(fixture.name + "-wal").exists()
        assert keyslots.keyfile_path(fixture).exists()


@pytest.mark.parametrize("fixture", VAULTS, ids=lambda p: p.stem)
def test_fixture_upgrades_to_latest_and_keeps_every_record(fixture: Path, tmp_path: Path) -> None:
    manifest = manifest_of(fixture)
    before_version = manifest["schema_version"]
    path = copy_fixture(fixture, tmp_path)

    vault = unlock(path, manifest["passphrase"], staff=manifest["staff"], migrate=True)
    try:
        conn = vault.conn
        assert schema.version(conn) == schema.LATEST

        # Every record counted before is still there. Only the audit log grows (the backup
        # and the unlock are events); every other table holds exactly what it held.
        after = counts(conn)
        for table, n in manifest["tables"].items():
            assert table in after, f"table {table} disappeared in the migration"
            if table == "audit":
                assert after[table] >= n
            elif table == "setting":
                assert after[table] >= n  # the audit head and backup marks may be new keys
            else:
                assert after[table] == n, f"{table}: {n} rows before, {after[table]} after"
        ids = {r[0] for r in conn.execute("SELECT id FROM contact")}
        assert set(manifest["contact_ids"]) <= ids

        # The old audit events are untouched and the chain still verifies end to end.
        head_seq, head_hash = manifest["audit_head"]
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (head_seq,)).fetchone()
        assert row is not None and row[0] == head_hash
        report = audit.verify(conn)
        assert report.ok, report

        # A pre-migration backup exists exactly when a migration ran, and it holds the vault
        # as it was: the old schema version and the old row counts.
        pre = [b for b in list_backups(path) if b.name.endswith("-pre-migration.rvbackup")]
        if before_version < schema.LATEST:
            assert len(pre) == 1
            reader = BackupReader(pre[0])
            try:
                assert reader.manifest["schema_version"] == before_version
                assert reader.manifest["row_counts"] == manifest["tables"]
            finally:
                reader.close()
        else:
            assert pre == []

        # The data is usable by today's code: a known code still finds its person, and a new
        # contact (with a note, services and that person) can be saved.
        services = Services(VaultStore(vault))
        for code, profile_id in manifest["codes"].items():
            found = services.find_by_code(code)
            assert found is not None and found.id == profile_id
        result = services.save_contact(
            ContactInput(
                time=datetime(2026, 11, 27, 22, 0),
                zone="istedgade",
                channel="street",
                code="MAJA7",
                services=(ServiceGiven("condoms", 5),),
                note="after the upgrade",
            )
        )
        assert not result.new_profile
        assert result.profile_id == manifest["codes"]["MAJA7"]
        assert services.store.count_contacts() == manifest["tables"]["contact"] + 1
        assert audit.verify(conn).ok
    finally:
        vault.close(backup=False)

    # It opens again at LATEST with nothing more to migrate, and the recovery slot works too.
    again = unlock(path, manifest["recovery_code"].lower(), recovery=True)
    try:
        assert schema.version(again.conn) == schema.LATEST
        assert len([b for b in list_backups(path) if "pre-migration" in b.name]) == (
            1 if before_version < schema.LATEST else 0
        )
    finally:
        again.close(backup=False)


@pytest.mark.parametrize("fixture", VAULTS, ids=lambda p: p.stem)
def test_fixture_opens_without_migrating_when_asked_not_to(fixture: Path, tmp_path: Path) -> None:
    manifest = manifest_of(fixture)
    path = copy_fixture(fixture, tmp_path)
    vault = unlock(path, manifest["passphrase"], migrate=False)
    try:
        assert schema.version(vault.conn) == manifest["schema_version"]
        assert list_backups(path) == []
    finally:
        vault.close(backup=False)


def test_a_vault_from_a_newer_schema_is_refused_clearly(services, vault_path: Path) -> None:
    vault = services.store.vault
    conn = open_connection(vault_path, vault.raw_key)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    vault.close(backup=False)

    for migrate in (True, False):
        with pytest.raises(SchemaTooNew) as info:
            unlock(vault_path, PASSPHRASE, migrate=migrate)
        message = str(info.value)
        assert isinstance(info.value, VaultError)
        assert "newer version of Red Van" in message and "\n" not in message
        # Refused before anything was migrated or backed up, and the lock was released.
        assert list_backups(vault_path) == []

    conn = open_connection(vault_path, _raw_key(vault_path))
    try:
        assert schema.version(conn) == schema.LATEST + 1
    finally:
        conn.close()


def _raw_key(path: Path) -> bytes:
    keyfile = keyslots.read_keyfile(path)
    return keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], PASSPHRASE)
