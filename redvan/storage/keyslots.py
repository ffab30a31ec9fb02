"""Key slots: the vault's random 256-bit key, wrapped once per staff member and once for recovery.

The format is written down in docs/vault-format.md; keep the two in step.

A version 2 slot holds an X25519 key pair. Its private half is sealed with AES-256-GCM under a
key that Argon2id (RFC 9106) derives from the passphrase; the vault key is sealed to its public
half (an "envelope": ephemeral X25519, HKDF-SHA256, AES-256-GCM). So a coordinator can give
every remaining staff member the new vault key when the vault is re-keyed (V11) without knowing
their passphrases. The envelope's associated data names the vault id, the key generation and
the slot id, so a slot cannot be moved to another vault, another slot or another generation.
Each slot also carries a SHA-256 checksum, so bit rot reads as damage, not as a typo.

Version 1 slots (Argon2id, then AES-256-GCM over the vault key itself) still open; they are
written back as they are ("direct" slots) until their owner's next unlock converts them.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from redvan.storage.files import atomic_write_bytes

FORMAT = "redvan-keyslots"
VERSION = 2
READABLE_VERSIONS = (1, 2)
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
X25519_BYTES = 32
DB_SALT_BYTES = 16
MAX_KEYFILE_BYTES = 1024 * 1024
MAX_GENERATION = 2**31

SCHEME_DIRECT = "direct"  # version 1: the passphrase wraps the vault key itself
SCHEME_X25519 = "x25519"  # version 2: the passphrase wraps a private key; envelopes carry keys

DAMAGED = "This key file is damaged; restore it from a backup of the key file."

# RFC 9106's second recommended option (64 MiB, p=4) with one more pass; see bench/ (B1).
DEFAULT_MEMORY_KIB = 64 * 1024
DEFAULT_ITERATIONS = 4  # t=4: above SQLCipher's PBKDF2 default in CPU time too (bench B1)
DEFAULT_PARALLELISM = 4
# Floors a slot read from disk must meet, so a tampered key file cannot weaken the KDF.
MIN_MEMORY_KIB = 19 * 1024
MIN_ITERATIONS = 2
# Ceilings so a hostile key file cannot make unlock exhaust memory or time.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 64
MAX_PARALLELISM = 16


class KeyFileError(Exception):
    """The key file is missing, unreadable or not in the expected format."""


class WrongSecret(Exception):
    """The passphrase or recovery code does not open this slot."""


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = DEFAULT_MEMORY_KIB
    iterations: int = DEFAULT_ITERATIONS
    parallelism: int = DEFAULT_PARALLELISM

    def check(self) -> None:
        if not MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB:
            raise KeyFileError("A key slot asks for an unsupported amount of KDF memory.")
        if not MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS:
            raise KeyFileError("A key slot asks for an unsupported number of KDF iterations.")
        if not 1 <= self.parallelism <= MAX_PARALLELISM:
            raise KeyFileError("A key slot asks for an unsupported KDF parallelism.")


@dataclass(frozen=True)
class Envelope:
    """The vault key of one generation, sealed to a slot's public key."""

    ephemeral: bytes  # the sender's one-time X25519 public key
    nonce: bytes
    sealed: bytes  # AES-256-GCM ciphertext of the vault key followed by its tag


@dataclass(frozen=True)
class KeySlot:
    """One wrapped copy of the vault key."""

    id: str
    kind: str  # "staff" or "recovery"
    staff_id: str | None
    label: str  # the staff member's display name (initials) shown before unlock
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    # direct: the sealed vault key; x25519: the sealed X25519 private key (each + 16-byte tag)
    wrapped_key: bytes
    created: str
    scheme: str = SCHEME_DIRECT
    public: bytes = b""  # x25519 only
    envelope: Envelope | None = None  # x25519 only
    generation: int = 0  # the key file's generation, carried here for the envelope's AAD
    damaged: bool = False  # its checksum did not match when it was read
    # A damaged slot's JSON as read, written back unchanged: a new checksum would hide the damage.
    as_read: Any = field(default=None, compare=False, repr=False)

    def aad(self, vault_id: str) -> bytes:
        """Associated data of the passphrase-sealed part."""
        if self.scheme == SCHEME_DIRECT:
            return f"redvan-keyslot-v1:{vault_id}:{self.id}".encode("ascii")
        return f"redvan-keyslot-v2:{vault_id}:{self.id}:private".encode("ascii")

    def envelope_aad(self, vault_id: str, generation: int) -> bytes:
        return f"redvan-keyslot-v2:{vault_id}:{generation}:{self.id}:key".encode("ascii")


@dataclass
class KeyFile:
    """The `<vault>.keys` document: the vault id, the key generation and its slots."""

    vault_id: str
    slots: list[KeySlot] = field(default_factory=list)
    generation: int = 0
    version: int = VERSION  # the version it was read in; always written as VERSION
    # A vault made before derived salts keeps the random salt its database file was made with.
    legacy_salt: bytes | None = None

    def staff_slots(self) -> list[KeySlot]:
        return [s for s in self.slots if s.kind == "staff"]

    def recovery_slot(self) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def slot_for_staff(self, name_or_id: str) -> KeySlot | None:
        wanted = name_or_id.strip().casefold()
        for slot in self.staff_slots():
            if slot.staff_id == name_or_id or slot.label.casefold() == wanted:
                return slot
        return None

    def db_salt(self) -> bytes:
        """The salt a database written now for this key file gets (§4)."""
        return db_salt(self.vault_id, self.generation)

    def expected_db_salt(self) -> bytes | None:
        """The salt its database file should have, or None when that is not known (a
        version 1 key file: its vault was made with a random salt)."""
        if self.legacy_salt is not None:
            return self.legacy_salt
        return None if self.version == 1 else self.db_salt()


def db_salt(vault_id: str, generation: int) -> bytes:
    """The SQLCipher salt (the database file's first 16 bytes, stored in plain) of a vault at
    one key generation. Derived, not random, so the file itself says which vault and which
    generation it was written for, before any key is tried (docs/vault-format.md §4)."""
    material = f"redvan-db-salt-v2\0{vault_id}\0{generation}".encode()
    return hashlib.sha256(material).digest()[:DB_SALT_BYTES]


def derive_wrapping_key(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=secret.encode("utf-8"),
        salt=salt,
        time_cost=kdf.iterations,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
        version=19,
    )


def _hkdf(shared: bytes, ephemeral: bytes, public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"redvan-envelope-v2" + ephemeral + public,
    ).derive(shared)


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal_envelope(vault_id: str, slot: KeySlot, raw_key: bytes, generation: int) -> Envelope:
    """Seal the vault key of `generation` to the slot's public key (no passphrase needed)."""
    if slot.scheme != SCHEME_X25519 or len(slot.public) != X25519_BYTES:
        raise ValueError("only an x25519 slot takes an envelope")
    if len(raw_key) != KEY_BYTES:
        raise ValueError("the vault key must be 32 bytes")
    one_time = X25519PrivateKey.generate()
    ephemeral = _raw_public(one_time.public_key())
    shared = one_time.exchange(X25519PublicKey.from_public_bytes(slot.public))
    nonce = secrets.token_bytes(NONCE_BYTES)
    key = _hkdf(shared, ephemeral, slot.public)
    sealed = AESGCM(key).encrypt(nonce, raw_key, slot.envelope_aad(vault_id, generation))
    return Envelope(ephemeral, nonce, sealed)


def reseal(vault_id: str, slot: KeySlot, raw_key: bytes, generation: int) -> KeySlot:
    """The same slot (same passphrase) carrying the vault key of another generation."""
    envelope = seal_envelope(vault_id, slot, raw_key, generation)
    return replace(slot, envelope=envelope, generation=generation, damaged=False)


def wrap_key(
    vault_id: str,
    raw_key: bytes,
    secret: str,
    *,
    kind: str,
    label: str,
    staff_id: str | None = None,
    kdf: KdfParams | None = None,
    generation: int = 0,
    slot_id: str | None = None,
) -> KeySlot:
    """A new x25519 slot: a fresh key pair, its private half sealed under `secret`."""
    if len(raw_key) != KEY_BYTES:
        raise ValueError("the vault key must be 32 bytes")
    kdf = kdf or KdfParams()
    kdf.check()  # never write a slot that unlock would refuse
    private = X25519PrivateKey.generate()
    private_raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    slot = KeySlot(
        id=slot_id or str(uuid.uuid4()),
        kind=kind,
        staff_id=staff_id,
        label=label,
        kdf=kdf,
        salt=secrets.token_bytes(SALT_BYTES),
        nonce=secrets.token_bytes(NONCE_BYTES),
        wrapped_key=b"",
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        scheme=SCHEME_X25519,
        public=_raw_public(private.public_key()),
        generation=generation,
    )
    wrapping = derive_wrapping_key(secret, slot.salt, kdf)
    sealed = AESGCM(wrapping).encrypt(slot.nonce, private_raw, slot.aad(vault_id))
    return reseal(vault_id, replace(slot, wrapped_key=sealed), raw_key, generation)


def _open_private(vault_id: str, slot: KeySlot, secret: str) -> bytes:
    slot.kdf.check()
    wrapping = derive_wrapping_key(secret, slot.salt, slot.kdf)
    try:
        opened = AESGCM(wrapping).decrypt(slot.nonce, slot.wrapped_key, slot.aad(vault_id))
    except InvalidTag:
        raise WrongSecret from None
    if len(opened) != KEY_BYTES:
        raise KeyFileError("A key slot holds a key of the wrong length.")
    return opened


def unwrap_key(vault_id: str, slot: KeySlot, secret: str) -> bytes:
    """The vault key from one slot. WrongSecret only when the passphrase is what is wrong;
    a slot whose checksum failed, or whose envelope does not open under a key pair the
    passphrase did open, is damage (KeyFileError with DAMAGED)."""
    if slot.damaged:
        raise KeyFileError(DAMAGED)
    if slot.scheme == SCHEME_DIRECT:
        if slot.generation != 0:  # a version 1 slot never belongs to a re-keyed vault
            raise KeyFileError(DAMAGED)
        return _open_private(vault_id, slot, secret)
    private_raw = _open_private(vault_id, slot, secret)
    envelope = slot.envelope
    if envelope is None:
        raise KeyFileError(DAMAGED)
    private = X25519PrivateKey.from_private_bytes(private_raw)
    if _raw_public(private.public_key()) != slot.public:
        raise KeyFileError(DAMAGED)
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(envelope.ephemeral))
        key = _hkdf(shared, envelope.ephemeral, slot.public)
        raw = AESGCM(key).decrypt(
            envelope.nonce, envelope.sealed, slot.envelope_aad(vault_id, slot.generation)
        )
    except (InvalidTag, ValueError):
        raise KeyFileError(DAMAGED) from None
    if len(raw) != KEY_BYTES:
        raise KeyFileError("A key slot holds a key of the wrong length.")
    return raw


def convert_direct(vault_id: str, slot: KeySlot, secret: str, raw_key: bytes) -> KeySlot:
    """A version 1 ("direct") slot rewritten as an x25519 slot, same id, passphrase and KDF."""
    fresh = wrap_key(
        vault_id,
        raw_key,
        secret,
        kind=slot.kind,
        label=slot.label,
        staff_id=slot.staff_id,
        kdf=slot.kdf,
        generation=slot.generation,
        slot_id=slot.id,
    )
    return replace(fresh, created=slot.created)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError("The key file has a field of the wrong type.")
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError:
        raise KeyFileError("The key file has a field that is not valid base64.") from None
    if size is not None and len(data) != size:
        raise KeyFileError("The key file has a field of the wrong length.")
    return data


def _slot_body(slot: KeySlot) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": slot.id,
        "kind": slot.kind,
        "staff_id": slot.staff_id,
        "label": slot.label,
        "scheme": slot.scheme,
        "kdf": {
            "name": "argon2id",
            "version": 19,
            "memory_kib": slot.kdf.memory_kib,
            "iterations": slot.kdf.iterations,
            "parallelism": slot.kdf.parallelism,
            "salt": _b64(slot.salt),
        },
        "cipher": {"name": "aes-256-gcm", "nonce": _b64(slot.nonce)},
        "wrapped_key": _b64(slot.wrapped_key),
        "created": slot.created,
    }
    if slot.scheme == SCHEME_X25519:
        if slot.envelope is None:
            raise ValueError("an x25519 slot needs its envelope")
        body["public"] = _b64(slot.public)
        body["envelope"] = {
            "ephemeral": _b64(slot.envelope.ephemeral),
            "nonce": _b64(slot.envelope.nonce),
            "sealed_key": _b64(slot.envelope.sealed),
        }
    return body


def slot_checksum(vault_id: str, generation: int, body: dict[str, Any]) -> str:
    """SHA-256 over the vault id, the generation and the slot's other fields (sorted keys,
    no spaces, UTF-8): any flipped bit in them shows as damage, before any passphrase."""
    canonical = json.dumps(
        [vault_id, generation, body], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def slot_to_json(slot: KeySlot, vault_id: str, generation: int) -> dict[str, Any]:
    if slot.damaged:
        return dict(slot.as_read) if isinstance(slot.as_read, dict) else {}
    body = _slot_body(slot)
    return {**body, "checksum": slot_checksum(vault_id, generation, body)}


def _text(obj: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    value = obj.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > 200:
        raise KeyFileError("The key file has a missing or malformed field.")
    return value


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise KeyFileError("The key file has a missing or malformed number.")
    return value


def slot_from_json(obj: Any, vault_id: str, generation: int, version: int) -> KeySlot:
    """One slot. A slot whose checksum does not match comes back marked damaged (so other
    slots still open); one too malformed to read at all raises KeyFileError."""
    if not isinstance(obj, dict):
        raise KeyFileError("The key file has a malformed slot.")
    damaged = False
    if version >= 2:
        body = {k: v for k, v in obj.items() if k != "checksum"}
        damaged = obj.get("checksum") != slot_checksum(vault_id, generation, body)
    try:
        slot = _parse_slot(obj, generation, version, damaged)
        return replace(slot, as_read=dict(obj)) if damaged else slot
    except KeyFileError:
        if damaged:  # a flipped bit made it unreadable: say damaged, not "malformed"
            raise KeyFileError(DAMAGED) from None
        raise


def _parse_slot(obj: dict[str, Any], generation: int, version: int, damaged: bool) -> KeySlot:
    kdf = obj.get("kdf")
    cipher = obj.get("cipher")
    if not isinstance(kdf, dict) or not isinstance(cipher, dict):
        raise KeyFileError("The key file has a malformed slot.")
    if kdf.get("name") != "argon2id" or kdf.get("version") != 19:
        raise KeyFileError("The key file uses a KDF this version does not know.")
    if cipher.get("name") != "aes-256-gcm":
        raise KeyFileError("The key file uses a cipher this version does not know.")
    kind = _text(obj, "kind")
    if kind not in ("staff", "recovery"):
        raise KeyFileError("The key file has a slot of an unknown kind.")
    scheme = SCHEME_DIRECT if version == 1 else _text(obj, "scheme")
    if scheme not in (SCHEME_DIRECT, SCHEME_X25519):
        raise KeyFileError("The key file has a slot of an unknown scheme.")
    params = KdfParams(_int(kdf, "memory_kib"), _int(kdf, "iterations"), _int(kdf, "parallelism"))
    params.check()
    public = b""
    envelope = None
    if scheme == SCHEME_X25519:
        env = obj.get("envelope")
        if not isinstance(env, dict):
            raise KeyFileError("The key file has a malformed slot.")
        public = _unb64(obj.get("public"), X25519_BYTES)
        envelope = Envelope(
            _unb64(env.get("ephemeral"), X25519_BYTES),
            _unb64(env.get("nonce"), NONCE_BYTES),
            _unb64(env.get("sealed_key"), KEY_BYTES + TAG_BYTES),
        )
    return KeySlot(
        id=_text(obj, "id"),
        kind=kind,
        staff_id=_text(obj, "staff_id", optional=True),
        label=_text(obj, "label"),
        kdf=params,
        salt=_unb64(kdf.get("salt"), SALT_BYTES),
        nonce=_unb64(cipher.get("nonce"), NONCE_BYTES),
        wrapped_key=_unb64(obj.get("wrapped_key"), KEY_BYTES + TAG_BYTES),
        created=_text(obj, "created"),
        scheme=scheme,
        public=public,
        envelope=envelope,
        generation=generation,
        damaged=damaged,
    )


def dumps(keyfile: KeyFile) -> bytes:
    """Always the current version: a version 1 file is migrated on its next write."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "vault_id": keyfile.vault_id,
        "generation": keyfile.generation,
        **({"db_salt": _b64(keyfile.legacy_salt)} if keyfile.legacy_salt else {}),
        "slots": [slot_to_json(s, keyfile.vault_id, keyfile.generation) for s in keyfile.slots],
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def loads(data: bytes) -> KeyFile:
    if len(data) > MAX_KEYFILE_BYTES:
        raise KeyFileError("The key file is too large to be a Red Van key file.")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(DAMAGED) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KeyFileError("The key file is not a Red Van key file.")
    version = doc.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        if isinstance(version, int) and version > VERSION:
            raise KeyFileError("The key file was written by a newer version of Red Van.")
        raise KeyFileError(DAMAGED)
    generation = 0
    if version >= 2:
        generation = _int(doc, "generation")
        if not 0 <= generation <= MAX_GENERATION:
            raise KeyFileError(DAMAGED)
    slots = doc.get("slots")
    if not isinstance(slots, list) or len(slots) > 1000:
        raise KeyFileError("The key file has a malformed list of slots.")
    vault_id = _text(doc, "vault_id")
    legacy_salt = None
    if version >= 2 and doc.get("db_salt") is not None:
        legacy_salt = _unb64(doc.get("db_salt"), DB_SALT_BYTES)
    return KeyFile(
        vault_id=vault_id,
        slots=[slot_from_json(s, vault_id, generation, version) for s in slots],
        generation=generation,
        version=version,
        legacy_salt=legacy_salt,
    )


def keyfile_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".keys")


def read_keyfile(vault: Path) -> KeyFile:
    path = keyfile_path(vault)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_KEYFILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileError(f"The key file {path.name} next to the vault is missing.") from None
    except OSError:
        raise KeyFileError(f"The key file {path.name} cannot be read.") from None
    return loads(data)


def write_keyfile(vault: Path, keyfile: KeyFile) -> None:
    """Write atomically, always in the current version. A version 1 file being migrated
    keeps its database's random salt (§4), read from the database file beside it."""
    if keyfile.version == 1 and keyfile.legacy_salt is None:
        with contextlib.suppress(OSError), open(vault, "rb") as fh:
            head = fh.read(DB_SALT_BYTES)
            if len(head) == DB_SALT_BYTES and head != keyfile.db_salt():
                keyfile.legacy_salt = head
    atomic_write_bytes(keyfile_path(vault), dumps(keyfile))
    keyfile.version = VERSION


def new_vault_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# Crockford base32 without I, L, O, U: easy to read aloud and type from a printed sheet.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_GROUPS = 8
_RECOVERY_GROUP_LEN = 4  # 32 characters = 160 bits


def new_recovery_code() -> str:
    chars = [
        secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUPS * _RECOVERY_GROUP_LEN)
    ]
    groups = [
        "".join(chars[i : i + _RECOVERY_GROUP_LEN])
        for i in range(0, len(chars), _RECOVERY_GROUP_LEN)
    ]
    return "-".join(groups)


def normalise_recovery_code(text: str) -> str:
    """Accept what a person types from the printed sheet: any case, spaces and other
    separators, O for 0, I/L for 1. Any other letter or digit (including non-ASCII ones such
    as Ø or a full-width digit) is refused, never silently dropped (docs/vault-format.md §3)."""
    if any(ch.isalnum() and not ch.isascii() for ch in text):
        raise WrongSecret
    cleaned = "".join(ch for ch in text if ch.isascii() and ch.isalnum()).upper()
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != _RECOVERY_GROUPS * _RECOVERY_GROUP_LEN or any(
        ch not in _RECOVERY_ALPHABET for ch in cleaned
    ):
        raise WrongSecret
    return "-".join(
        cleaned[i : i + _RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), _RECOVERY_GROUP_LEN)
    )
