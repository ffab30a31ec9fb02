"""T4 / V3: a damaged vault or key file is reported as damaged, never as a wrong passphrase.

The vault is a real multi-page SQLCipher file with a verified backup beside it; bytes are
flipped on page 1 (the salt and the encrypted content) and on later pages.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import types
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from redvan import cli
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.services import Services
from redvan.storage import keyslots
from redvan.storage.backup import automatic_backup, list_backups, restore
from redvan.storage.errors import (
    KeyFileDamaged,
    UnknownStaff,
    VaultDamaged,
    VaultError,
    WrongPassphrase,
)
from redvan.storage.repository import VaultStore
from redvan.storage.vault import attempts_path, create_vault, newest_backup, unlock
from tests.conftest import FAST_KDF_ARGS, PASSPHRASE

PAGE = 4096
CONTACTS = 240
_OFFERED = re.compile(r"The newest verified backup is (.+?); restore it with")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flip(path: Path, offset: int, length: int = 16) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + length):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


def run_cli(monkeypatch, capsys, argv: list[str], stdin: bytes):  # type: ignore[no-untyped-def]
    fake_stdin = types.SimpleNamespace(buffer=io.BytesIO(stdin), isatty=lambda: False)
    monkeypatch.setattr("sys.stdin", fake_stdin)
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def check_cli(monkeypatch, capsys, path: Path):  # type: ignore[no-untyped-def]
    argv = ["check", "--vault", str(path), "--passphrase-stdin"]
    return run_cli(monkeypatch, capsys, argv, (PASSPHRASE + "\n").encode())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A locked multi-page vault with contacts and one verified backup (built once)."""
    from redvan.storage.keyslots import KdfParams

    folder = tmp_path_factory.mktemp("t4-template")
    path = folder / "night.redvan"

    def seed(vault):  # type: ignore[no-untyped-def]
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(path, "AB", PASSPHRASE, kdf=KdfParams(**FAST_KDF_ARGS), init=seed)
    services = Services(VaultStore(created.vault))
    start = datetime(2026, 11, 20, 21, 0)
    entries = [
        ContactInput(
            time=start + timedelta(minutes=n),
            zone="istedgade",
            channel="street",
            code=f"NIGHT{n % 60:03d}X" if n % 4 else None,
            services=(ServiceGiven("condoms", 1 + n % 9), ServiceGiven("conversation", 1)),
            referrals=(ReferralInput("reden", "referred"),) if n % 5 == 0 else (),
            note=f"contact {n}: coffee and a long talk about housing and work " * 3,
        )
        for n in range(CONTACTS)
    ]
    services.save_contacts(entries)
    automatic_backup(created.vault, "lock")
    created.vault.close(backup=False)
    assert path.stat().st_size // PAGE > 40, "the template must span many pages"
    return folder


@pytest.fixture
def damaged_home(template: Path, tmp_path: Path) -> Path:
    """A private copy of the template: returns the vault path (its backup comes along)."""
    home = tmp_path / "vault"
    shutil.copytree(template, home)
    return home / "night.redvan"


def raw_key_of(path: Path) -> bytes:
    keyfile = keyslots.read_keyfile(path)
    return keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], PASSPHRASE)


def decrypted_page(path: Path, key: bytes, number: int) -> bytes:
    """Page `number` (1-based) decrypted as SQLCipher 4 stores it (docs/vault-format.md §4):
    AES-256-CBC under the raw key, the IV at the start of the 80-byte reserve at the end."""
    with open(path, "rb") as fh:
        fh.seek((number - 1) * PAGE)
        raw = fh.read(PAGE)
    start = 16 if number == 1 else 0  # page 1 starts with the plaintext salt
    iv = raw[PAGE - 80 : PAGE - 64]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(raw[start : PAGE - 80]) + decryptor.finalize()


def page_holding(path: Path, marker: bytes) -> int:
    """The page whose plaintext holds `marker` (so we can damage exactly that record)."""
    key = raw_key_of(path)
    for number in range(1, path.stat().st_size // PAGE + 1):
        if marker in decrypted_page(path, key, number):
            return number
    raise AssertionError(f"{marker!r} is on no page")


def offered_backup(message: str) -> Path:
    match = _OFFERED.search(message)
    assert match, f"no backup offered in: {message}"
    return Path(match.group(1))


# -- page 1 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "length"),
    [(100, 16), (0, 16), (16, 1), (PAGE - 40, 8)],
    ids=["page1-content", "page1-salt", "page1-first-cipher-byte", "page1-hmac"],
)
def test_damage_on_page_one_is_reported_as_damage_with_the_backup(
    damaged_home: Path, offset: int, length: int, monkeypatch, capsys
) -> None:
    path = damaged_home
    backup = newest_backup(path)
    assert backup is not None
    flip(path, offset, length)
    damaged = sha256(path)

    with pytest.raises(VaultDamaged) as info:
        unlock(path, PASSPHRASE)
    error = info.value
    message = str(error)
    assert not isinstance(error, WrongPassphrase)
    assert "damaged" in message and "Wrong passphrase" not in message
    assert error.backup == backup and str(backup) in message
    assert offered_backup(message) == backup
    assert "\n" not in message
    # The key was right: nothing is counted as a failed attempt, and the file is left as it
    # was (reporting damage must not make it worse).
    assert counted_failures(path) == []  # the counter is kept, empty
    assert sha256(path) == damaged

    code, out, err = check_cli(monkeypatch, capsys, path)
    assert code != 0
    assert len(err.splitlines()) == 1
    assert "damaged" in err and str(backup) in err
    assert "Wrong passphrase" not in err and "Traceback" not in err


def test_a_wrong_passphrase_on_a_damaged_vault_is_still_a_wrong_passphrase(
    damaged_home: Path,
) -> None:
    # The key slot decides first: damage is only reported to someone who holds the key.
    flip(damaged_home, 100)
    with pytest.raises(WrongPassphrase):
        unlock(damaged_home, "not the passphrase")


# -- later pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["page2", "contact-page", "middle", "last"])
def test_damage_on_a_later_page_is_found_by_check_and_the_backup_restores(
    damaged_home: Path, where: str, monkeypatch, capsys
) -> None:
    path = damaged_home
    pages = path.stat().st_size // PAGE
    if where == "contact-page":
        # The page holding one contact's note: unlock never reads it, so `check` must find it.
        page = page_holding(path, b"contact 120: coffee")
    else:
        page = {"page2": 2, "middle": pages // 2, "last": pages}[where]
    assert 1 < page <= pages
    flip(path, (page - 1) * PAGE + 200)

    code, out, err = check_cli(monkeypatch, capsys, path)
    assert code != 0
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "damaged" in lines[0]
    assert "Wrong passphrase" not in err + out and "Traceback" not in err
    offered = offered_backup(lines[0])
    assert offered.parent == path.with_name(path.name + ".backups")
    assert offered.is_file()
    # Either unlock itself ran into the page (then the error comes before any report), or
    # `check` found it and says which check failed.
    if where == "contact-page":
        assert "FAIL  cipher integrity: 1 page(s) fail their HMAC" in out
    if out:
        assert "FAIL  cipher integrity" in out

    replaced = restore(path, offered, PASSPHRASE)
    assert replaced is not None and (replaced / path.name).is_file()

    code, out, err = check_cli(monkeypatch, capsys, path)
    assert code == 0, err
    assert err == ""
    assert "FAIL" not in out and "ok    cipher integrity" in out and "ok    audit chain" in out
    vault = unlock(path, PASSPHRASE)
    try:
        assert vault.conn.execute("SELECT count(*) FROM contact").fetchone()[0] == CONTACTS
    finally:
        vault.close(backup=False)


@pytest.mark.parametrize(
    "keep",
    [
        pytest.param(
            "nothing",
        ),
        "one-page",
        "half",
        "all-but-one-page",
    ],
)
def test_a_truncated_vault_is_reported_as_damaged(damaged_home: Path, keep: str) -> None:
    path = damaged_home
    good = newest_backup(path)
    size = path.stat().st_size
    cut = {"nothing": 0, "one-page": PAGE, "half": size // PAGE // 2 * PAGE}.get(keep, size - PAGE)
    path.write_bytes(path.read_bytes()[:cut])
    backups = list_backups(path)

    with pytest.raises(VaultDamaged) as info:
        unlock(path, PASSPHRASE)
    assert info.value.backup == good
    assert "damaged" in str(info.value)
    # Reporting the damage changed nothing: same bytes, and no new backup of the wreck.
    assert path.stat().st_size == cut
    assert list_backups(path) == backups


def test_a_broken_newest_backup_is_not_offered(damaged_home: Path) -> None:
    path = damaged_home
    good = newest_backup(path)
    assert good is not None
    # A newer generation that got truncated on disk (e.g. a failing USB stick).
    broken = good.with_name("29991231T235959000000Z-lock.rvbackup")
    broken.write_bytes(good.read_bytes()[:5000])
    assert list_backups(path)[0] == broken
    flip(path, 100)
    with pytest.raises(VaultDamaged) as info:
        unlock(path, PASSPHRASE)
    assert info.value.backup == good


# -- the key file ---------------------------------------------------------------------------


def _slot_doc(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(keyslots.keyfile_path(path).read_text(encoding="utf-8"))


KEYFILE_DAMAGE = {
    "garbage-bytes": lambda doc, raw: bytes(range(256)) * 4,
    "not-json": lambda doc, raw: b"{ this is not json",
    "empty": lambda doc, raw: b"",
    "truncated": lambda doc, raw: raw[: len(raw) // 2],
    "nul-filled": lambda doc, raw: b"\x00" * len(raw),
    "a-json-list": lambda doc, raw: b"[1, 2, 3]",
    "other-format": lambda doc, raw: json.dumps({**doc, "format": "something-else"}).encode(),
    "future-version": lambda doc, raw: json.dumps({**doc, "version": 99}).encode(),
    "slots-not-a-list": lambda doc, raw: json.dumps({**doc, "slots": "AB"}).encode(),
    "slot-missing-fields": lambda doc, raw: json.dumps(
        {**doc, "slots": [{"kind": "staff", "label": "AB"}]}
    ).encode(),
    "salt-wrong-length": lambda doc, raw: json.dumps(
        {
            **doc,
            "slots": [{**s, "kdf": {**s["kdf"], "salt": "AAAA"}} for s in doc["slots"]],
        }
    ).encode(),
    "kdf-below-floor": lambda doc, raw: json.dumps(
        {
            **doc,
            "slots": [
                {**s, "kdf": {**s["kdf"], "memory_kib": 8, "iterations": 1}} for s in doc["slots"]
            ],
        }
    ).encode(),
    "unknown-cipher": lambda doc, raw: json.dumps(
        {**doc, "slots": [{**s, "cipher": {**s["cipher"], "name": "rot13"}} for s in doc["slots"]]}
    ).encode(),
}


@pytest.mark.parametrize("damage", sorted(KEYFILE_DAMAGE))
def test_a_damaged_key_file_is_reported_as_such(
    damaged_home: Path, damage: str, monkeypatch, capsys
) -> None:
    path = damaged_home
    keys = keyslots.keyfile_path(path)
    raw = keys.read_bytes()
    keys.write_bytes(KEYFILE_DAMAGE[damage](json.loads(raw), raw))
    before = sha256(path)

    with pytest.raises(KeyFileDamaged) as info:
        unlock(path, PASSPHRASE)
    message = str(info.value)
    assert message and "\n" not in message
    assert "key" in message.lower()
    assert "passphrase" not in message.lower()
    assert sha256(path) == before
    assert counted_failures(path) == []  # the counter is kept, empty

    code, out, err = check_cli(monkeypatch, capsys, path)
    assert code != 0 and out == ""
    assert err.splitlines() == [f"redvan: {message}"]
    assert "Traceback" not in err


def test_a_missing_key_file_is_reported_as_such(damaged_home: Path, monkeypatch, capsys) -> None:
    keyslots.keyfile_path(damaged_home).unlink()
    with pytest.raises(KeyFileDamaged) as info:
        unlock(damaged_home, PASSPHRASE)
    assert "missing" in str(info.value) and "night.redvan.keys" in str(info.value)
    code, out, err = check_cli(monkeypatch, capsys, damaged_home)
    assert code != 0 and len(err.splitlines()) == 1 and "missing" in err


@pytest.mark.parametrize("keep", ["no-slots", "recovery-only"])
def test_a_key_file_without_staff_slots_says_so(damaged_home: Path, keep: str) -> None:
    keys = keyslots.keyfile_path(damaged_home)
    doc = json.loads(keys.read_bytes())
    doc["slots"] = [s for s in doc["slots"] if keep == "recovery-only" and s["kind"] == "recovery"]
    keys.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(VaultError) as info:
        unlock(damaged_home, PASSPHRASE)
    assert isinstance(info.value, KeyFileDamaged | UnknownStaff)
    assert "several" not in str(info.value)


def counted_failures(path: Path) -> list[object]:
    """The failures the counter holds (the counter itself is kept after a good unlock, V12)."""
    counter = attempts_path(path)
    return json.loads(counter.read_bytes())["events"] if counter.exists() else []
