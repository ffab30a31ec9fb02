"""docs/vault-format.md is true: a vault can be unwrapped and opened from the document alone.

The reader functions at the top (`doc_*`) import nothing from redvan: only json, base64,
hashlib, argon2-cffi, cryptography and sqlcipher3, following the document step by step.
Red Van itself is used only to make the vault they read.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import tarfile
import types
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import sqlcipher3
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from redvan.core.model import ContactInput
from redvan.core.services import Services
from redvan.storage import schema
from redvan.storage.keyslots import KdfParams, WrongSecret, normalise_recovery_code
from redvan.storage.repository import VaultStore
from redvan.storage.vault import create_vault

DOC = Path(__file__).resolve().parents[2] / "docs" / "vault-format.md"
PASSPHRASE = "a passphrase for tests"
STAFF = "AB"
FAST_KDF = KdfParams(memory_kib=19 * 1024, iterations=2, parallelism=1)

# -- the document's reader (no redvan imports) --------------------------------------------

RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def doc_read_keyfile(vault: Path) -> dict:
    """§2: UTF-8 JSON beside the vault, named <vault>.keys."""
    doc = json.loads(Path(str(vault) + ".keys").read_bytes().decode("utf-8"))
    assert doc["format"] == "redvan-keyslots"
    assert doc["version"] in (1, 2)
    return doc


def doc_checksum(doc: dict, slot: dict) -> str:
    """§2 Checksum: SHA-256 of [vault_id, generation, slot without checksum], sorted keys."""
    body = {k: v for k, v in slot.items() if k != "checksum"}
    material = json.dumps(
        [doc["vault_id"], doc.get("generation", 0), body],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def doc_db_salt(vault_id: str, generation: int) -> bytes:
    """§4: the first 16 bytes of SHA-256("redvan-db-salt-v2" 0 vault_id 0 generation)."""
    material = b"redvan-db-salt-v2\0" + vault_id.encode() + b"\0" + str(generation).encode()
    return hashlib.sha256(material).digest()[:16]


def doc_slot(doc: dict, label: str) -> dict:
    return next(s for s in doc["slots"] if s["label"] == label)


def doc_unwrap(
    doc: dict,
    slot: dict,
    secret: str,
    *,
    vault_id: str | None = None,
    generation: int | None = None,
) -> bytes:
    """§3: Argon2id v19 over the UTF-8 secret, AES-256-GCM; for x25519 slots the envelope."""
    kdf, cipher = slot["kdf"], slot["cipher"]
    assert kdf["name"] == "argon2id" and kdf["version"] == 19 == 0x13
    assert cipher["name"] == "aes-256-gcm"
    assert 19456 <= kdf["memory_kib"] <= 4194304
    assert 2 <= kdf["iterations"] <= 64
    assert 1 <= kdf["parallelism"] <= 16
    salt = base64.b64decode(kdf["salt"], validate=True)
    nonce = base64.b64decode(cipher["nonce"], validate=True)
    wrapped = base64.b64decode(slot["wrapped_key"], validate=True)
    assert (len(salt), len(nonce), len(wrapped)) == (16, 12, 32 + 16)
    wrapping_key = hash_secret_raw(
        secret=secret.encode("utf-8"),
        salt=salt,
        time_cost=kdf["iterations"],
        memory_cost=kdf["memory_kib"],
        parallelism=kdf["parallelism"],
        hash_len=32,
        type=Type.ID,
        version=19,
    )
    vid = doc["vault_id"] if vault_id is None else vault_id
    gen = doc.get("generation", 0) if generation is None else generation
    if slot.get("scheme", "direct") == "direct":
        aad = f"redvan-keyslot-v1:{vid}:{slot['id']}".encode("ascii")
        raw_key = AESGCM(wrapping_key).decrypt(nonce, wrapped, aad)
        assert len(raw_key) == 32
        return raw_key
    assert slot["scheme"] == "x25519"
    aad = f"redvan-keyslot-v2:{vid}:{slot['id']}:private".encode("ascii")
    private = X25519PrivateKey.from_private_bytes(AESGCM(wrapping_key).decrypt(nonce, wrapped, aad))
    public = base64.b64decode(slot["public"], validate=True)
    env = slot["envelope"]
    ephemeral = base64.b64decode(env["ephemeral"], validate=True)
    env_nonce = base64.b64decode(env["nonce"], validate=True)
    sealed = base64.b64decode(env["sealed_key"], validate=True)
    assert (len(public), len(ephemeral), len(env_nonce), len(sealed)) == (32, 32, 12, 48)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    info = b"redvan-envelope-v2" + ephemeral + public
    env_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)
    aad = f"redvan-keyslot-v2:{vid}:{gen}:{slot['id']}:key".encode("ascii")
    raw_key = AESGCM(env_key).decrypt(env_nonce, sealed, aad)
    assert len(raw_key) == 32
    return raw_key


def doc_open(db_path: Path, raw_key: bytes):
    """§4: SQLCipher 4 defaults, raw key as PRAGMA key = "x'<64 hex>'", read-only."""
    conn = sqlcipher3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    conn.execute(f"PRAGMA key = \"x'{raw_key.hex()}'\"")
    return conn


def doc_normalise_recovery(text: str) -> str:
    """§3 Recovery code: refuse non-ASCII letters/digits, keep ASCII letters/digits, upper
    case, O→0, I/L→1, 32 chars, 8×4 with '-'."""
    if any(ch.isalnum() and not ch.isascii() for ch in text):
        raise ValueError("not a recovery code")
    cleaned = "".join(ch for ch in text if ch.isascii() and ch.isalnum()).upper()
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != 32 or any(ch not in RECOVERY_ALPHABET for ch in cleaned):
        raise ValueError("not a recovery code")
    return "-".join(cleaned[i : i + 4] for i in range(0, 32, 4))


def doc_audit_hash(seq, time, staff_id, action, entity, entity_id, prev_hash) -> str:
    """§7: SHA-256 of compact JSON [seq, time, staff_id, action, entity, entity_id, prev]."""
    material = json.dumps(
        [seq, time, staff_id, action, entity, entity_id, prev_hash], separators=(",", ":")
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def unwrap_by_hand(vault: Path, passphrase: str, label: str) -> dict:
    """Follow the document from the key file to an open database; report what it finds."""
    doc = doc_read_keyfile(vault)
    raw_key = doc_unwrap(doc, doc_slot(doc, label), passphrase)
    conn = doc_open(vault, raw_key)
    try:
        return {
            "raw_key": raw_key,
            "vault_id": doc["vault_id"],
            "cipher_version": conn.execute("PRAGMA cipher_version").fetchone()[0],
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "contacts": conn.execute("SELECT count(*) FROM contact").fetchone()[0],
            "setting_vault_id": json.loads(
                conn.execute("SELECT value FROM setting WHERE key = 'vault_id'").fetchone()[0]
            ),
        }
    finally:
        conn.close()


# -- making a vault with Red Van ---------------------------------------------------------


@dataclass(frozen=True)
class Made:
    path: Path
    recovery_code: str
    raw_key: bytes


def make_vault(path: Path, *, backup: bool = False) -> Made:
    created = create_vault(path, STAFF, PASSPHRASE, kdf=FAST_KDF)
    vault = created.vault
    raw_key = vault.raw_key
    store = VaultStore(vault)
    services = Services(store)
    with store.transaction():
        services.seed_vocabularies()
    services.save_contact(ContactInput(time=datetime(2025, 3, 4, 22, 15)))
    vault.close(backup=backup)
    return Made(path, created.recovery_code, raw_key)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return make_vault(tmp_path_factory.mktemp("format") / "night.redvan")


# -- the tests ------------------------------------------------------------------------


def _origin(obj: object) -> str:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    return getattr(obj, "__module__", None) or ""


def test_reader_uses_nothing_from_redvan() -> None:
    for func in (
        doc_read_keyfile,
        doc_checksum,
        doc_db_salt,
        doc_slot,
        doc_unwrap,
        doc_open,
        doc_normalise_recovery,
        doc_audit_hash,
        unwrap_by_hand,
    ):
        names = set(func.__code__.co_names)
        from_redvan = {
            n for n in names if n in globals() and _origin(globals()[n]).startswith("redvan")
        }
        assert not from_redvan, f"{func.__name__} uses {from_redvan}"


def test_unwrap_and_open_by_the_document(made: Made) -> None:
    found = unwrap_by_hand(made.path, PASSPHRASE, STAFF)
    assert found["raw_key"] == made.raw_key
    assert str(found["cipher_version"]).startswith("4")
    assert found["user_version"] == schema.LATEST
    assert found["contacts"] == 1
    assert found["setting_vault_id"] == found["vault_id"]


def test_keyfile_fields_are_as_documented(made: Made) -> None:
    doc = doc_read_keyfile(made.path)
    assert set(doc) == {"format", "version", "vault_id", "generation", "slots"}
    assert doc["version"] == 2 and doc["generation"] == 0
    kinds = sorted(s["kind"] for s in doc["slots"])
    assert kinds == ["recovery", "staff"]
    for slot in doc["slots"]:
        assert set(slot) == {
            "id",
            "kind",
            "staff_id",
            "label",
            "scheme",
            "kdf",
            "cipher",
            "wrapped_key",
            "created",
            "public",
            "envelope",
            "checksum",
        }
        assert slot["scheme"] == "x25519"
        assert set(slot["envelope"]) == {"ephemeral", "nonce", "sealed_key"}
        assert slot["checksum"] == doc_checksum(doc, slot)
        assert set(slot["kdf"]) == {
            "name",
            "version",
            "memory_kib",
            "iterations",
            "parallelism",
            "salt",
        }
        assert set(slot["cipher"]) == {"name", "nonce"}
    recovery = doc_slot(doc, "recovery")
    assert recovery["kind"] == "recovery" and recovery["staff_id"] is None
    assert doc_slot(doc, STAFF)["kind"] == "staff"
    raw = Path(str(made.path) + ".keys").read_bytes()
    assert raw.endswith(b"\n")


def test_vault_file_is_not_plain_sqlite(made: Made) -> None:
    with open(made.path, "rb") as fh:
        head = fh.read(16)
    assert head != b"SQLite format 3\0"


def test_wrong_passphrase_fails_the_tag(made: Made) -> None:
    doc = doc_read_keyfile(made.path)
    with pytest.raises(InvalidTag):
        doc_unwrap(doc, doc_slot(doc, STAFF), PASSPHRASE + "!")


def test_other_vault_id_in_the_associated_data_fails(made: Made) -> None:
    doc = doc_read_keyfile(made.path)
    vid = doc["vault_id"]
    other = ("1" if vid[0] != "1" else "2") + vid[1:]
    assert len(other) == len(vid) and other != vid
    with pytest.raises(InvalidTag):
        doc_unwrap(doc, doc_slot(doc, STAFF), PASSPHRASE, vault_id=other)


def test_slot_moved_to_another_slot_id_fails(made: Made) -> None:
    doc = doc_read_keyfile(made.path)
    slot = dict(doc_slot(doc, STAFF), id=doc_slot(doc, "recovery")["id"])
    with pytest.raises(InvalidTag):
        doc_unwrap(doc, slot, PASSPHRASE)


def test_recovery_code_unwraps_after_normalisation(made: Made) -> None:
    code = made.recovery_code
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}", code)
    typed = code.lower().replace("-", " ")
    secret = doc_normalise_recovery(typed)
    assert secret == code
    doc = doc_read_keyfile(made.path)
    assert doc_unwrap(doc, doc_slot(doc, "recovery"), secret) == made.raw_key
    with pytest.raises(InvalidTag):  # the KDF secret is the canonical form, not what was typed
        doc_unwrap(doc, doc_slot(doc, "recovery"), typed)


@pytest.mark.parametrize(
    "typed",
    [
        "2xmq 1t7g mw9b vqvt efp0 a9ws 0as2 g3tw",
        "2XMQ1T7GMW9BVQVTEFPOA9WSOAS2G3TW",  # O typed for 0
        "ixmq.lt7g.mw9b.vqvt.efp0.a9ws.0as2.g3tw",  # I and L typed for 1
        "2XMQ-1T7G-MW9B-VQVT-EFP0-A9WS-0AS2",  # too short
        "2XMQ-1T7G-MW9B-VQVT-EFP0-A9WS-0AS2-G3TU",  # U is not in the alphabet
        "2XMQ-1T7G-MW9B-VQVT-EFP0-A9WS-0AS2-G3TWØ",  # a non-ASCII letter is not dropped
        "2XMQ-1T7G-MW9B-VQVT-EFP0-A9WS-0AS2-G3T１",  # nor a full-width digit
    ],
)
def test_documented_normalisation_matches_the_code(typed: str) -> None:
    try:
        expected = normalise_recovery_code(typed)
    except WrongSecret:  # a refusal by the code must be a refusal by the document too
        with pytest.raises(ValueError):
            doc_normalise_recovery(typed)
        return
    assert doc_normalise_recovery(typed) == expected


def test_audit_chain_as_documented(made: Made) -> None:
    doc = doc_read_keyfile(made.path)
    raw_key = doc_unwrap(doc, doc_slot(doc, STAFF), PASSPHRASE)
    conn = doc_open(made.path, raw_key)
    try:
        rows = conn.execute(
            "SELECT seq, time, staff_id, action, entity, entity_id, prev_hash, hash "
            "FROM audit ORDER BY seq"
        ).fetchall()
        head = json.loads(
            conn.execute("SELECT value FROM setting WHERE key = 'audit_head'").fetchone()[0]
        )
    finally:
        conn.close()
    assert rows
    prev = "0" * 64
    for expected_seq, row in enumerate(rows, start=1):
        seq, time, staff_id, action, entity, entity_id, prev_hash, digest = row
        assert seq == expected_seq
        assert prev_hash == prev
        assert doc_audit_hash(seq, time, staff_id, action, entity, entity_id, prev_hash) == digest
        prev = digest
    assert head == [rows[-1][0], rows[-1][7]]
    assert rows[0][3:5] == ("create", "vault")


def test_audit_example_in_the_document() -> None:
    text = DOC.read_text(encoding="utf-8")
    material = re.search(r"^material: (\[.*\])$", text, re.M).group(1)
    digest = re.search(r"^hash:\s+([0-9a-f]{64})$", text, re.M).group(1)
    assert doc_audit_hash(*json.loads(material)) == digest


def test_backup_tar_as_documented(tmp_path: Path) -> None:
    made = make_vault(tmp_path / "night.redvan", backup=True)
    backups = sorted((tmp_path / "night.redvan.backups").glob("*.rvbackup"))
    assert len(backups) == 1
    assert re.fullmatch(r"\d{8}T\d{12}Z-lock\.rvbackup", backups[0].name)
    with tarfile.open(backups[0], mode="r:") as tar:
        members = tar.getmembers()
        assert [m.name for m in members] == ["manifest.json", "vault.keys", "vault.db"]
        assert all(m.isfile() and m.mode == 0o600 for m in members)
        manifest = json.loads(tar.extractfile("manifest.json").read())
        keys = tar.extractfile("vault.keys").read()
        db = tar.extractfile("vault.db").read()
    assert set(manifest) == {
        "format",
        "version",
        "vault_id",
        "schema_version",
        "created",
        "reason",
        "row_counts",
        "sha256",
    }
    assert manifest["format"] == "redvan-backup" and manifest["version"] == 1
    assert manifest["reason"] == "lock"
    assert manifest["schema_version"] == schema.LATEST
    assert manifest["sha256"] == hashlib.sha256(db).hexdigest()
    assert manifest["row_counts"]["contact"] == 1
    # "put vault.keys beside vault.db as vault.db.keys, then follow §5"
    out = tmp_path / "extracted"
    out.mkdir()
    (out / "vault.db").write_bytes(db)
    (out / "vault.db.keys").write_bytes(keys)
    found = unwrap_by_hand(out / "vault.db", PASSPHRASE, STAFF)
    assert found["raw_key"] == made.raw_key
    assert found["vault_id"] == manifest["vault_id"]
    assert found["user_version"] == manifest["schema_version"]
    assert found["contacts"] == 1


def _doc_snippet() -> str:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)
    return next(b for b in blocks if "hash_secret_raw" in b)


def _set(snippet: str, name: str, value: str) -> str:
    pattern = re.compile(rf"^{name} = .*$", re.M)
    assert len(pattern.findall(snippet)) == 1, f"the snippet must define {name} once"
    return pattern.sub(lambda _: f"{name} = {value!r}", snippet)


def test_the_documents_python_snippet_runs(made: Made) -> None:
    snippet = _doc_snippet()
    for forbidden in ("redvan.", "from redvan", "import redvan"):
        assert forbidden not in snippet
    snippet = _set(snippet, "VAULT", str(made.path))
    snippet = _set(snippet, "PASSPHRASE", PASSPHRASE)
    snippet = _set(snippet, "LABEL", STAFF)
    namespace: dict = {"__name__": "vault_format_snippet"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(snippet, str(DOC), "exec"), namespace)
    namespace["db"].close()
    assert namespace["count"] == 1
    assert namespace["raw_key"] == made.raw_key
    assert "contacts: 1" in out.getvalue()
    assert f"schema {schema.LATEST}" in out.getvalue()


def test_the_snippet_opens_the_recovery_slot_too(made: Made) -> None:
    snippet = _doc_snippet()
    snippet = _set(snippet, "VAULT", str(made.path))
    snippet = _set(snippet, "PASSPHRASE", doc_normalise_recovery(made.recovery_code.lower()))
    snippet = _set(snippet, "LABEL", "recovery")
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(snippet, str(DOC), "exec"), namespace)
    namespace["db"].close()
    assert namespace["count"] == 1


def test_the_database_salt_is_derived_as_documented(made: Made) -> None:
    doc = doc_read_keyfile(made.path)
    with open(made.path, "rb") as fh:
        assert fh.read(16) == doc_db_salt(doc["vault_id"], doc["generation"])


def test_after_a_key_change_the_document_opens_the_new_generation_only(tmp_path: Path) -> None:
    from redvan.storage import staffkeys
    from redvan.storage.vault import unlock

    made = make_vault(tmp_path / "night.redvan")
    old_doc = doc_read_keyfile(made.path)
    vault = unlock(made.path, PASSPHRASE)
    staffkeys.rotate_key(vault)
    vault.close(backup=False)

    doc = doc_read_keyfile(made.path)
    assert doc["generation"] == 1
    found = unwrap_by_hand(made.path, PASSPHRASE, STAFF)
    assert found["raw_key"] != made.raw_key and found["contacts"] == 1
    with open(made.path, "rb") as fh:
        assert fh.read(16) == doc_db_salt(doc["vault_id"], 1)
    conn = doc_open(made.path, found["raw_key"])
    try:
        stored = conn.execute("SELECT value FROM setting WHERE key = 'key_generation'").fetchone()
    finally:
        conn.close()
    assert json.loads(stored[0]) == 1
    # The old key file still unwraps the old key, which opens nothing any more.
    old_key = doc_unwrap(old_doc, doc_slot(old_doc, STAFF), PASSPHRASE)
    assert old_key == made.raw_key
    conn = doc_open(made.path, old_key)
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM contact").fetchone()
    conn.close()
    # An envelope cannot be moved to another generation.
    with pytest.raises(InvalidTag):
        doc_unwrap(doc, doc_slot(doc, STAFF), PASSPHRASE, generation=0)
