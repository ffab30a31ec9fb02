"""The vault on disk (V1, V2, V4, V6, V7, V9): real SQLCipher files in temporary folders."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from redvan.core.enums import ConsentTier, FollowUpStatus, FollowUpType, IncidentType, PoliceReport
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.services import ServiceError, Services
from redvan.core.weeks import IsoWeek
from redvan.storage import audit, backup, keyslots
from redvan.storage.backup import automatic_backup, list_backups, restore, write_backup
from redvan.storage.errors import BackupError, VaultError, VaultInUse, WrongPassphrase
from redvan.storage.repository import VaultStore
from redvan.storage.vault import (
    attempts_path,
    backups_dir,
    create_vault,
    lock_path,
    unlock,
)
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
NIGHT = datetime(2026, 11, 20, 22, 15)
SQLITE_HEADER = b"SQLite format 3\x00"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def contact(**kw: Any) -> ContactInput:
    base: dict[str, Any] = {"time": NIGHT, "zone": "istedgade", "channel": "street"}
    base.update(kw)
    return ContactInput(**base)


def seed(vault: Any) -> None:
    store = VaultStore(vault)
    with store.transaction():
        Services(store).seed_vocabularies()
        store.organisation_secret()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (recursively) with its SHA-256."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


# -- create, unlock, lock ------------------------------------------------------------------


def test_create_unlock_lock_round_trip(vault_path: Path, fast_kdf) -> None:
    created = create_vault(vault_path, "AB", PASSPHRASE, kdf=fast_kdf, init=seed)
    vault = created.vault
    services = Services(VaultStore(vault))
    saved = services.save_contact(contact(code="ROUND1", note="first night"))
    vault_id, staff_id = vault.vault_id, vault.staff_id
    assert vault.close(backup=False) is None

    # Locked: no connection, no key, no lock.
    assert not vault.is_open
    for attr in ("conn", "raw_key"):
        with pytest.raises(VaultError):
            getattr(vault, attr)
    with pytest.raises(VaultError):
        vault.connect()
    assert not vault_path.with_name(vault_path.name + "-wal").exists()

    again = unlock(vault_path, PASSPHRASE)
    try:
        assert (again.vault_id, again.staff_id) == (vault_id, staff_id)
        store = VaultStore(again)
        assert store.get_setting("vault_id") == vault_id
        assert keyslots.read_keyfile(vault_path).vault_id == vault_id
        found = store.contact_by_id(saved.contact_id)
        assert found is not None and found.note == "first night"
        assert Services(store).find_by_code("round 1") is not None
        actions = [r[0] for r in again.conn.execute("SELECT action FROM audit ORDER BY seq")]
        assert actions[:2] == ["create", "create"] and actions[-1] == "unlock"
        assert audit.verify(again.conn).ok
    finally:
        again.close(backup=False)
    # The lock was released: it opens once more.
    unlock(vault_path, PASSPHRASE).close(backup=False)


def test_creating_over_an_existing_vault_is_refused(services, vault_path: Path, fast_kdf) -> None:
    before = sha256(vault_path)
    with pytest.raises(VaultError, match="already exists"):
        create_vault(vault_path, "XY", "another passphrase", kdf=fast_kdf)
    assert sha256(vault_path) == before


# -- connection settings (V4) --------------------------------------------------------------


def pragmas(conn: Any) -> dict[str, Any]:
    return {
        name: conn.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "temp_store", "foreign_keys", "secure_delete")
    }


EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "temp_store": 2,  # MEMORY
    "foreign_keys": 1,
    "secure_delete": 1,
}


@pytest.mark.parametrize("which", ["long-lived", "short-lived", "short-lived-readonly"])
def test_connection_settings(services, which: str) -> None:
    vault = services.store.vault
    conn = {
        "long-lived": lambda: vault.conn,
        "short-lived": lambda: vault.connect(),
        "short-lived-readonly": lambda: vault.connect(readonly=True),
    }[which]()
    try:
        assert pragmas(conn) == EXPECTED_PRAGMAS
        assert str(conn.execute("PRAGMA cipher_version").fetchone()[0]).startswith("4.")
        assert int(conn.execute("PRAGMA cipher_page_size").fetchone()[0]) == 4096
    finally:
        if which != "long-lived":
            conn.close()


def test_a_fresh_unlock_has_the_same_settings(services, vault_path: Path) -> None:
    services.store.vault.close(backup=False)
    vault = unlock(vault_path, PASSPHRASE)
    try:
        assert pragmas(vault.conn) == EXPECTED_PRAGMAS
        short = vault.connect()
        try:
            assert pragmas(short) == EXPECTED_PRAGMAS
        finally:
            short.close()
    finally:
        vault.close(backup=False)


# -- files on disk -------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_every_file_is_private(tmp_path: Path, fast_kdf, umask: int) -> None:
    old = os.umask(umask)
    try:
        path = tmp_path / "vaults" / "night.redvan"
        created = create_vault(path, "AB", PASSPHRASE, kdf=fast_kdf, init=seed)
        vault = created.vault
        Services(VaultStore(vault)).save_contact(contact(note="private"))
        made = automatic_backup(vault, "lock")
        wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
        open_files = [path, wal, shm, keyslots.keyfile_path(path), lock_path(path), made]
        for f in open_files:
            assert f.exists(), f
            assert mode(f) == 0o600, f"{f.name} is {oct(mode(f))}"
        assert mode(backups_dir(path)) == 0o700
        vault.close(backup=False)

        with pytest.raises(WrongPassphrase):
            unlock(path, "wrong")
        assert mode(attempts_path(path)) == 0o600

        reopened = unlock(path, PASSPHRASE)
        for f in (path, wal, shm):
            assert mode(f) == 0o600, f"{f.name} is {oct(mode(f))} after a new unlock"
        reopened.close(backup=False)

        kept = restore(path, made, PASSPHRASE)
        assert kept is not None and mode(kept) == 0o700
        for f in [*kept.iterdir(), path, keyslots.keyfile_path(path)]:
            assert mode(f) == 0o600, f"{f} is {oct(mode(f))}"
    finally:
        os.umask(old)


def test_nothing_on_disk_is_plaintext(services, vault_path: Path) -> None:
    marker = "CANARYNOTE4711"
    services.save_contact(contact(note=f"{marker} talked about housing"))
    vault = services.store.vault
    made = automatic_backup(vault, "lock")
    wal = vault_path.with_name(vault_path.name + "-wal")
    for f in (vault_path, wal):
        assert marker.encode() not in f.read_bytes(), f.name
    vault.close(backup=False)
    data = vault_path.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    assert SQLITE_HEADER not in data[:4096]
    assert marker.encode() not in data
    with tarfile.open(made) as tar:
        member = tar.extractfile("vault.db")
        assert member is not None
        db = member.read()
    assert not db.startswith(SQLITE_HEADER) and marker.encode() not in db
    assert marker.encode() not in made.read_bytes()


# -- one instance at a time (V7) -----------------------------------------------------------

CHILD = """
import sys
from pathlib import Path
from redvan.storage.errors import VaultInUse
from redvan.storage.vault import unlock

path, what = Path(sys.argv[1]), sys.argv[2]
secret = sys.stdin.readline().rstrip("\\n")
if what == "try":
    try:
        unlock(path, secret).close(backup=False)
    except VaultInUse as exc:
        print(f"VaultInUse: {exc}", flush=True)
        sys.exit(3)
    print("opened", flush=True)
    sys.exit(0)
vault = unlock(path, secret)
print("holding", flush=True)
sys.stdin.readline()
vault.close(backup=False)
print("released", flush=True)
"""


def child(path: Path, what: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), what],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_unlock_in_this_process_is_refused(services, vault_path: Path) -> None:
    before_attempts = attempts_path(vault_path).exists()
    with pytest.raises(VaultInUse) as info:
        unlock(vault_path, PASSPHRASE)
    assert "already open" in str(info.value) and "\n" not in str(info.value)
    assert attempts_path(vault_path).exists() == before_attempts
    # The first instance is unaffected and keeps working.
    services.save_contact(contact())
    services.store.vault.close(backup=False)
    unlock(vault_path, PASSPHRASE).close(backup=False)


def test_another_process_is_refused_while_the_vault_is_open(services, vault_path: Path) -> None:
    proc = child(vault_path, "try")
    out, err = proc.communicate(PASSPHRASE + "\n", timeout=120)
    assert proc.returncode == 3, err
    assert out.startswith("VaultInUse: This vault is already open")
    services.store.vault.close(backup=False)

    proc = child(vault_path, "try")
    out, err = proc.communicate(PASSPHRASE + "\n", timeout=120)
    assert proc.returncode == 0 and out.strip() == "opened", err


def test_this_process_is_refused_while_another_holds_the_vault(
    services, vault_path: Path, with_backup: Path
) -> None:
    services.store.vault.close(backup=False)
    proc = child(vault_path, "hold")
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(PASSPHRASE + "\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "holding"
        with pytest.raises(VaultInUse):
            unlock(vault_path, PASSPHRASE)
        with pytest.raises(VaultInUse):  # nor can a restore replace it underneath
            restore(vault_path, with_backup, PASSPHRASE)
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "released"
    finally:
        proc.communicate(timeout=120)
    assert proc.returncode == 0
    unlock(vault_path, PASSPHRASE).close(backup=False)


@pytest.fixture
def with_backup(services) -> Path:  # type: ignore[no-untyped-def]
    return automatic_backup(services.store.vault, "lock")


# -- the recovery code (V2) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        lambda code: code.replace("-", " "),
        lambda code: "  " + code.lower().replace("-", "") + "  ",
        lambda code: code.replace("-", ".").replace("0", "o").replace("1", "l").lower(),
    ],
    ids=["as-printed", "lower", "spaces", "run-together", "o-for-0-l-for-1"],
)
def test_the_recovery_code_unlocks_however_it_is_typed(services, vault_path: Path, typed) -> None:
    code = services.recovery_code
    services.store.vault.close(backup=False)
    vault = unlock(vault_path, typed(code), recovery=True)
    try:
        last = vault.conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        assert last[0] == "unlock-recovery"
        assert vault.staff_id is None
    finally:
        vault.close(backup=False)


def test_the_recovery_code_is_not_a_passphrase(services, vault_path: Path) -> None:
    code = services.recovery_code
    services.store.vault.close(backup=False)
    with pytest.raises(WrongPassphrase):
        unlock(vault_path, code)  # the staff slot does not take it
    with pytest.raises(WrongPassphrase):
        unlock(vault_path, PASSPHRASE, recovery=True)


# -- backups (V6) --------------------------------------------------------------------------


def test_backup_generations_are_pruned_to_the_setting(services, vault_path: Path) -> None:
    vault = services.store.vault
    with services.store.transaction():
        services.store.set_setting("backup_generations", 3)
    made = []
    for n in range(5):
        services.save_contact(contact(time=NIGHT + timedelta(minutes=n)))
        made.append(automatic_backup(vault, "lock"))
        assert len(list_backups(vault_path)) == min(n + 1, 3)
    assert list_backups(vault_path) == sorted(made[-3:], reverse=True)
    for gone in made[:2]:
        assert not gone.exists()
    # The newest generation holds the newest contact.
    reader = backup.BackupReader(made[-1])
    try:
        assert reader.manifest["row_counts"]["contact"] == 5
    finally:
        reader.close()


def test_restore_brings_back_the_backup_and_keeps_the_replaced_vault(
    services, vault_path: Path, with_backup: Path
) -> None:
    later = services.save_contact(contact(note="after the backup"))
    services.store.vault.close(backup=False)
    replaced_hash = sha256(vault_path)

    kept = restore(vault_path, with_backup, PASSPHRASE)
    assert kept is not None and sha256(kept / vault_path.name) == replaced_hash
    vault = unlock(vault_path, PASSPHRASE)
    try:
        assert VaultStore(vault).contact_by_id(later.contact_id) is None
        actions = [r[0] for r in vault.conn.execute("SELECT action FROM audit ORDER BY seq")]
        assert actions[-2:] == ["restore", "unlock"]
        assert audit.verify(vault.conn).ok
    finally:
        vault.close(backup=False)


def test_restore_with_a_wrong_passphrase_restores_nothing(
    services, vault_path: Path, with_backup: Path
) -> None:
    services.save_contact(contact(note="after the backup"))
    services.store.vault.close(backup=False)
    before = snapshot(vault_path.parent)
    with pytest.raises(BackupError) as info:
        restore(vault_path, with_backup, "not the passphrase")
    assert "nothing was restored" in str(info.value)
    with pytest.raises(BackupError):
        restore(vault_path, with_backup, "not a recovery code", recovery=True)
    assert snapshot(vault_path.parent) == before


def _members(real: Path) -> dict[str, bytes]:
    with tarfile.open(real) as tar:
        out = {}
        for name in ("manifest.json", "vault.keys", "vault.db"):
            fh = tar.extractfile(name)
            assert fh is not None
            out[name] = fh.read()
    return out


def _tar(path: Path, members: list[tuple[str, bytes | tarfile.TarInfo]]) -> Path:
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, content in members:
            if isinstance(content, tarfile.TarInfo):
                tar.addfile(content)
                continue
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def _link(name: str, kind: bytes, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


def _db_member(real: Path) -> tarfile.TarInfo:
    with tarfile.open(real) as tar:
        return tar.getmember("vault.db")


def _db_middle(real: Path) -> int:
    info = _db_member(real)
    return info.offset_data + info.size // 2


def _db_end(real: Path) -> int:
    info = _db_member(real)
    return info.offset_data + info.size


def _write(out: Path, data: bytes) -> Path:
    out.write_bytes(data)
    return out


def _flip_db(m: dict[str, bytes]) -> bytes:
    db = bytearray(m["vault.db"])
    db[5000] ^= 0xFF
    return bytes(db)


BAD_BACKUPS = {
    "garbage": lambda m, real, out: _write(out, bytes(range(256)) * 64),
    "empty": lambda m, real, out: _write(out, b""),
    "truncated-half": lambda m, real, out: _write(
        out, real.read_bytes()[: real.stat().st_size // 2]
    ),
    "truncated-in-db": lambda m, real, out: _write(out, real.read_bytes()[: _db_middle(real)]),
    "truncated-after-db": lambda m, real, out: _write(out, real.read_bytes()[: _db_end(real) - 1]),
    "extra-member": lambda m, real, out: _tar(out, [*m.items(), ("notes.txt", b"hello")]),
    "dot-dot-path": lambda m, real, out: _tar(out, [("../escaped.txt", b"x"), *m.items()]),
    "dot-dot-db": lambda m, real, out: _tar(
        out,
        [("manifest.json", m["manifest.json"]), ("vault.keys", m["vault.keys"])]
        + [("../vault.db", m["vault.db"])],
    ),
    "absolute-path": lambda m, real, out: _tar(out, [*m.items(), ("/tmp/redvan-abs.txt", b"x")]),
    "symlink-db": lambda m, real, out: _tar(
        out,
        [("manifest.json", m["manifest.json"]), ("vault.keys", m["vault.keys"])]
        + [("vault.db", _link("vault.db", tarfile.SYMTYPE, "/etc/passwd"))],
    ),
    "hardlink-db": lambda m, real, out: _tar(
        out,
        [("manifest.json", m["manifest.json"]), ("vault.keys", m["vault.keys"])]
        + [("vault.db", _link("vault.db", tarfile.LNKTYPE, "vault.keys"))],
    ),
    "duplicate-db": lambda m, real, out: _tar(out, [*m.items(), ("vault.db", m["vault.db"])]),
    "missing-db": lambda m, real, out: _tar(
        out, [("manifest.json", m["manifest.json"]), ("vault.keys", m["vault.keys"])]
    ),
    "db-does-not-match-checksum": lambda m, real, out: _tar(
        out,
        [("manifest.json", m["manifest.json"]), ("vault.keys", m["vault.keys"])]
        + [("vault.db", _flip_db(m))],
    ),
    "manifest-not-json": lambda m, real, out: _tar(
        out,
        [("manifest.json", b"{not json"), ("vault.keys", m["vault.keys"])]
        + [("vault.db", m["vault.db"])],
    ),
    "manifest-other-format": lambda m, real, out: _tar(
        out,
        [
            ("manifest.json", json.dumps({"format": "zip"}).encode()),
            ("vault.keys", m["vault.keys"]),
            ("vault.db", m["vault.db"]),
        ],
    ),
    "keys-damaged": lambda m, real, out: _tar(
        out,
        [
            ("manifest.json", m["manifest.json"]),
            ("vault.keys", b"garbage"),
            ("vault.db", m["vault.db"]),
        ],
    ),
    "db-garbage-with-its-checksum": lambda m, real, out: _tar(
        out,
        [
            (
                "manifest.json",
                json.dumps(
                    {
                        **json.loads(m["manifest.json"]),
                        "sha256": hashlib.sha256(b"\x00" * 8192).hexdigest(),
                    }
                ).encode(),
            ),
            ("vault.keys", m["vault.keys"]),
            ("vault.db", b"\x00" * 8192),
        ],
    ),
}


@pytest.fixture(scope="module")
def restore_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A locked vault with one backup and a contact saved after it (built once per module)."""
    from redvan.storage.keyslots import KdfParams
    from tests.conftest import FAST_KDF_ARGS

    path = tmp_path_factory.mktemp("restore-template") / "home" / "night.redvan"
    created = create_vault(path, "AB", PASSPHRASE, kdf=KdfParams(**FAST_KDF_ARGS), init=seed)
    made = automatic_backup(created.vault, "lock")
    Services(VaultStore(created.vault)).save_contact(contact(note="after the backup"))
    created.vault.close(backup=False)
    return path, made


@pytest.mark.parametrize("bad", sorted(BAD_BACKUPS))
def test_a_bad_backup_file_is_refused_and_the_vault_is_untouched(
    restore_template: tuple[Path, Path], tmp_path: Path, bad: str
) -> None:
    template, real = restore_template
    home = tmp_path / "home"
    shutil.copytree(template.parent, home)
    vault_path = home / template.name
    escaped = [tmp_path / "escaped.txt", Path("/tmp/redvan-abs.txt")]
    for f in escaped:
        assert not f.exists()
    broken = BAD_BACKUPS[bad](_members(real), real, home / "bad.tar")
    before = snapshot(home)

    with pytest.raises(BackupError) as info:
        restore(vault_path, broken, PASSPHRASE)
    message = str(info.value)
    assert message and "\n" not in message

    assert snapshot(home) == before, "the existing vault must be left as it was"
    assert not list(home.glob("*.replaced-*"))
    assert not list(home.glob(".night.redvan.*")), "a temporary file was left behind"
    for f in escaped:
        assert not f.exists()


def test_a_backup_of_a_vault_is_verified_before_it_is_named(services, vault_path: Path) -> None:
    out = vault_path.parent / "manual" / "night.rvbackup"
    made = write_backup(services.store.vault, out, "manual")
    assert made == out and mode(out) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["night.rvbackup"]  # no temp files left
    reader = backup.BackupReader(out)
    try:
        assert reader.manifest["vault_id"] == services.store.vault.vault_id
        assert reader.manifest["reason"] == "manual"
    finally:
        reader.close()


def test_two_restores_in_the_same_second_keep_both_replaced_vaults(
    services, vault_path: Path, with_backup: Path, monkeypatch
) -> None:
    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> FrozenDatetime:  # type: ignore[override]
            return cls(2026, 11, 21, 3, 0, 0, tzinfo=tz)

    services.save_contact(contact(note="only in the first vault"))
    services.store.vault.close(backup=False)
    first = sha256(vault_path)
    monkeypatch.setattr(backup, "datetime", FrozenDatetime)
    kept_first = restore(vault_path, with_backup, PASSPHRASE)
    restore(vault_path, with_backup, PASSPHRASE)
    kept = [p for d in vault_path.parent.glob("*.replaced-*") for p in d.iterdir()]
    assert kept_first is not None
    assert first in {sha256(p) for p in kept if p.name == vault_path.name}


# -- retention (V9) ------------------------------------------------------------------------

NOW = datetime(2027, 6, 1, 12, 0)


def test_purge_blanks_old_text_detaches_old_codes_and_leaves_clean_records(services) -> None:
    store = services.store
    ancient, old, recent = (
        NOW - timedelta(days=800),
        NOW - timedelta(days=200),
        NOW - timedelta(days=10),
    )
    texts = {
        "ancient": "ancient note about a landlord",
        "old": "old note about a court date",
        "recent": "recent note about coffee",
        "old-incident": "old incident: a grey car",
        "recent-incident": "recent incident: a shouting man",
        "old-outcome": "old outcome: reached her",
        "recent-outcome": "recent outcome: she is ok",
    }
    a = services.save_contact(contact(time=ancient, code="OLDCODE1", note=texts["ancient"]))
    b = services.save_contact(contact(time=old, code="MIDCODE2", note=texts["old"]))
    c = services.save_contact(contact(time=recent, code="NEWCODE3", note=texts["recent"]))
    incidents = [
        services.record_incident(
            day.date(),
            "istedgade",
            [IncidentType.THREATS_HARASSMENT],
            ConsentTier.RECORD_ONLY,
            PoliceReport.NO,
            description=texts[key],
        )
        for day, key in ((old, "old-incident"), (recent, "recent-incident"))
    ]
    followups = []
    for at, key in ((old, "old-outcome"), (recent, "recent-outcome")):
        f = services.add_followup(c.profile_id, FollowUpType.CALL_BACK, at.date(), None)
        services.close_followup(f.id, FollowUpStatus.DONE, texts[key], at)
        followups.append(f)
    profiles_before = store.conn.execute("SELECT count(*) FROM profile").fetchone()[0]

    records = services.purge(NOW)

    by_kind = {r.kind: r.count for r in records}
    assert by_kind == {
        "contact-note": 2,
        "incident-description": 1,
        "followup-outcome": 1,
        "profile-code": 1,
    }
    assert store.contact_by_id(a.contact_id).note is None
    assert store.contact_by_id(b.contact_id).note is None
    assert store.contact_by_id(c.contact_id).note == texts["recent"]
    descriptions = dict(store.conn.execute("SELECT id, description FROM incident").fetchall())
    assert descriptions == {incidents[0].id: None, incidents[1].id: texts["recent-incident"]}
    outcomes = [store.followup_by_id(f.id).outcome for f in followups]
    assert outcomes == [None, texts["recent-outcome"]]

    # The old profile is detached from its code but stays (historic counts stay correct).
    assert services.find_by_code("OLDCODE1") is None
    detached = store.profile_by_id(a.profile_id)
    assert detached is not None and detached.detached
    assert store.contact_by_id(a.contact_id).profile_id == a.profile_id
    assert store.conn.execute("SELECT count(*) FROM profile").fetchone()[0] == profiles_before
    assert services.find_by_code("MIDCODE2") is not None  # 200 days: kept
    assert services.find_by_code("NEWCODE3") is not None

    # Purge records: kind, count and times only, never a text or code.
    kept = store.purge_records()
    assert sorted((r.kind, r.count) for r in kept) == sorted(by_kind.items())
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(purge_record)")]
    assert columns == ["id", "time", "kind", "count", "cutoff"]
    for record in kept:
        datetime.fromisoformat(record.time)
        datetime.fromisoformat(record.cutoff)
        dump = repr(record)
        for secret in [*texts.values(), "OLDCODE1", "MIDCODE2", "NEWCODE3"]:
            assert secret not in dump
    purges = store.conn.execute(
        "SELECT entity, entity_id FROM audit WHERE action = 'purge' ORDER BY seq"
    ).fetchall()
    assert sorted(purges) == sorted((kind, None) for kind in by_kind)
    assert audit.verify(store.conn).ok

    # Nothing left to purge the second time; the same code later makes a new person.
    assert services.purge(NOW) == []
    again = services.save_contact(contact(time=NOW, code="OLDCODE1"))
    assert again.new_profile and again.profile_id != a.profile_id


def test_purge_follows_the_configured_note_retention(services) -> None:
    recent = services.save_contact(contact(time=NOW - timedelta(days=10), note="ten days old"))
    with services.store.transaction():
        services.store.set_setting("note_retention_days", 7)
    records = services.purge(NOW)
    assert [(r.kind, r.count) for r in records] == [("contact-note", 1)]
    assert services.store.contact_by_id(recent.contact_id).note is None


# -- undo ----------------------------------------------------------------------------------


def test_undo_removes_the_contact_and_the_person_it_created(services) -> None:
    store = services.store
    services.save_programme("exit-2026", "EXIT", IsoWeek(2026, 40), IsoWeek(2027, 39), 465)
    kept = services.save_contact(contact(code="STAYS1", note="an earlier night"))
    result = services.save_contact(
        contact(
            code="UNDO42",
            language="ro",
            services=(ServiceGiven("condoms", 10),),
            referrals=(ReferralInput("reden"),),
            programme="exit-2026",
            note="typed by mistake",
        )
    )
    assert result.new_profile and result.referral_ids

    services.undo_contact(result)

    assert store.contact_by_id(result.contact_id) is None
    assert store.profile_by_id(result.profile_id) is None
    assert services.find_by_code("UNDO42") is None
    for table, column, value in (
        ("contact_service", "contact_id", result.contact_id),
        ("referral", "contact_id", result.contact_id),
        ("programme_inclusion", "profile_id", result.profile_id),
        ("profile_language", "profile_id", result.profile_id),
    ):
        n = store.conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (value,))
        assert n.fetchone()[0] == 0, table
    tail = store.conn.execute(
        "SELECT action, entity, entity_id FROM audit ORDER BY seq DESC LIMIT 2"
    ).fetchall()
    assert tail == [
        ("undo", "profile", result.profile_id),
        ("undo", "contact", result.contact_id),
    ]
    assert audit.verify(store.conn).ok
    # The earlier person and contact are untouched; undoing twice is refused.
    assert store.contact_by_id(kept.contact_id) is not None
    assert services.find_by_code("STAYS1") is not None
    with pytest.raises(ServiceError):
        services.undo_contact(result)


def test_undo_of_a_returning_person_keeps_the_person(services) -> None:
    first = services.save_contact(contact(code="BACK77"))
    second = services.save_contact(contact(code="BACK77", time=NIGHT + timedelta(days=7)))
    assert not second.new_profile
    services.undo_contact(second)
    assert services.store.contact_by_id(second.contact_id) is None
    assert services.store.profile_by_id(first.profile_id) is not None
    assert services.find_by_code("BACK77") is not None
    followup = services.add_followup(
        first.profile_id, FollowUpType.CALL_BACK, date(2026, 12, 1), None
    )
    assert followup.profile_id == first.profile_id


def test_an_unlock_notes_the_running_shift_once_when_the_vault_has_not(
    services, vault_path: Path
) -> None:
    shift = services.start_shift("Van 1", ["istedgade"], [], datetime(2026, 11, 20, 21, 0))
    store = services.store
    with store.transaction():  # as `redvan demo` leaves it: no note of the running shift
        store.conn.execute("DELETE FROM setting WHERE key = 'open_shift'")
    store.vault.close(backup=False)
    again = unlock(vault_path, PASSPHRASE)
    try:
        assert VaultStore(again).get_setting("open_shift") == shift.id
        assert VaultStore(again).open_shift().id == shift.id  # type: ignore[union-attr]
    finally:
        again.close(backup=False)
