"""Key slots: the vault's random 256-bit key, wrapped once per staff member and once for recovery.

The format is written down in docs/vault-format.md; keep the two in step. A slot is
Argon2id (RFC 9106) over the passphrase, then AES-256-GCM over the raw key with the vault and
slot ids as associated data, so a slot cannot be moved to another vault or another slot.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from redvan.storage.files import atomic_write_bytes

FORMAT = "redvan-keyslots"
VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
MAX_KEYFILE_BYTES = 1024 * 1024

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
class KeySlot:
    """One wrapped copy of the vault key."""

    id: str
    kind: str  # "staff" or "recovery"
    staff_id: str | None
    label: str  # the staff member's display name (initials) shown before unlock
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes  # AES-256-GCM ciphertext followed by its 16-byte tag
    created: str

    def aad(self, vault_id: str) -> bytes:
        return f"redvan-keyslot-v1:{vault_id}:{self.id}".encode("ascii")


@dataclass
class KeyFile:
    """The `<vault>.keys` document: the vault id and its slots."""

    vault_id: str
    slots: list[KeySlot] = field(default_factory=list)

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


def wrap_key(
    vault_id: str,
    raw_key: bytes,
    secret: str,
    *,
    kind: str,
    label: str,
    staff_id: str | None = None,
    kdf: KdfParams | None = None,
) -> KeySlot:
    if len(raw_key) != KEY_BYTES:
        raise ValueError("the vault key must be 32 bytes")
    kdf = kdf or KdfParams()
    kdf.check()  # never write a slot that unlock would refuse
    slot = KeySlot(
        id=str(uuid.uuid4()),
        kind=kind,
        staff_id=staff_id,
        label=label,
        kdf=kdf,
        salt=secrets.token_bytes(SALT_BYTES),
        nonce=secrets.token_bytes(NONCE_BYTES),
        wrapped_key=b"",
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    wrapping = derive_wrapping_key(secret, slot.salt, kdf)
    sealed = AESGCM(wrapping).encrypt(slot.nonce, raw_key, slot.aad(vault_id))
    return replace(slot, wrapped_key=sealed)


def unwrap_key(vault_id: str, slot: KeySlot, secret: str) -> bytes:
    slot.kdf.check()
    wrapping = derive_wrapping_key(secret, slot.salt, slot.kdf)
    try:
        raw = AESGCM(wrapping).decrypt(slot.nonce, slot.wrapped_key, slot.aad(vault_id))
    except InvalidTag:
        raise WrongSecret from None
    if len(raw) != KEY_BYTES:
        raise KeyFileError("A key slot holds a key of the wrong length.")
    return raw


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


def slot_to_json(slot: KeySlot) -> dict[str, Any]:
    return {
        "id": slot.id,
        "kind": slot.kind,
        "staff_id": slot.staff_id,
        "label": slot.label,
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


def slot_from_json(obj: Any) -> KeySlot:
    if not isinstance(obj, dict):
        raise KeyFileError("The key file has a malformed slot.")
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
    params = KdfParams(_int(kdf, "memory_kib"), _int(kdf, "iterations"), _int(kdf, "parallelism"))
    params.check()
    return KeySlot(
        id=_text(obj, "id"),
        kind=kind,
        staff_id=_text(obj, "staff_id", optional=True),
        label=_text(obj, "label"),
        kdf=params,
        salt=_unb64(kdf.get("salt"), SALT_BYTES),
        nonce=_unb64(cipher.get("nonce"), NONCE_BYTES),
        wrapped_key=_unb64(obj.get("wrapped_key"), KEY_BYTES + 16),
        created=_text(obj, "created"),
    )


def dumps(keyfile: KeyFile) -> bytes:
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "vault_id": keyfile.vault_id,
        "slots": [slot_to_json(s) for s in keyfile.slots],
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def loads(data: bytes) -> KeyFile:
    if len(data) > MAX_KEYFILE_BYTES:
        raise KeyFileError("The key file is too large to be a Red Van key file.")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError("The key file is damaged (it is not valid JSON).") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KeyFileError("The key file is not a Red Van key file.")
    if doc.get("version") != VERSION:
        raise KeyFileError("The key file was written by a newer version of Red Van.")
    slots = doc.get("slots")
    if not isinstance(slots, list) or len(slots) > 1000:
        raise KeyFileError("The key file has a malformed list of slots.")
    return KeyFile(vault_id=_text(doc, "vault_id"), slots=[slot_from_json(s) for s in slots])


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
    atomic_write_bytes(keyfile_path(vault), dumps(keyfile))


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
    """Accept what a person types from the printed sheet: any case, spaces, O for 0, I/L for 1."""
    cleaned = "".join(ch for ch in text if ch.isascii() and ch.isalnum()).upper()
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != _RECOVERY_GROUPS * _RECOVERY_GROUP_LEN or any(
        ch not in _RECOVERY_ALPHABET for ch in cleaned
    ):
        raise WrongSecret
    return "-".join(
        cleaned[i : i + _RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), _RECOVERY_GROUP_LEN)
    )
