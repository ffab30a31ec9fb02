"""Device identity, minisign signatures and age encryption (SPEC X2, G8).

Every vault has one Ed25519 key pair, made the first time something is exported. The secret key
lives only in the vault's (encrypted) settings; the public key is printed in minisign's own
format by ``redvan device --pubkey``, so a coordinator can check any export with the standard
tool::

    minisign -V -P RW... -m week-48.rvsync.json

The device id is minisign's 8-byte key id written as 16 upper-case hex digits: the id that
``minisign -V`` prints and that signatures carry, so a signature names its device.

Cryptography is py-minisign's (itself on ``cryptography``'s Ed25519) and pyrage's (the Rust age
implementation): nothing here is hand-rolled.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import minisign
import pyrage

if TYPE_CHECKING:
    from redvan.core.ports import Store

# Settings keys inside the vault.
DEVICE_SECRET = "device_secret_key"  # noqa: S105 (a settings key, not a secret)
DEVICE_SEQUENCE = "device_sequence"

SIGNATURE_SUFFIX = ".minisig"
# A .minisig file is four short lines; anything much larger is not one.
MAX_SIGNATURE_BYTES = 4096
# A public key file line: "RW" + base64 of 42 bytes.
_PUBKEY_RE = re.compile(r"^RW[A-Za-z0-9+/]{54}$")


class SignatureError(Exception):
    """A signature or key that cannot be read or does not verify; the message is for people."""


class EncryptionError(Exception):
    """Encryption or decryption failed; the message is for people."""


# -- keys -----------------------------------------------------------------------------------


def key_id_hex(key_id: bytes) -> str:
    """minisign prints key ids as the little-endian 64-bit number in upper-case hex."""
    return key_id[::-1].hex().upper()


@dataclass(frozen=True)
class DevicePublicKey:
    """A device's public key: its minisign base64 line and the device id it stands for."""

    base64: str

    @property
    def _key(self) -> minisign.PublicKey:
        return minisign.PublicKey.from_base64(self.base64)

    @property
    def device_id(self) -> str:
        return key_id_hex(bytes(self._key._keynum_pk.key_id))

    @property
    def fingerprint(self) -> str:
        """The device id in groups of four, for people to read aloud and compare."""
        d = self.device_id
        return " ".join(d[i : i + 4] for i in range(0, len(d), 4))

    def file_text(self) -> str:
        """The public key as minisign writes a ``.pub`` file."""
        return f"untrusted comment: redvan device {self.device_id}\n{self.base64}\n"

    @classmethod
    def parse(cls, text: str) -> DevicePublicKey:
        """A key from its base64 line or from the text of a minisign ``.pub`` file."""
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        if lines and lines[0].startswith("untrusted comment:"):
            lines = lines[1:]
        if len(lines) != 1 or not _PUBKEY_RE.match(lines[0]):
            raise SignatureError("This is not a minisign public key.")
        try:
            minisign.PublicKey.from_base64(lines[0])
        except (minisign.Error, ValueError, binascii.Error) as exc:
            raise SignatureError("This is not a minisign public key.") from exc
        return cls(lines[0])


def parse_public_keys(text: str) -> list[DevicePublicKey]:
    """Every public key in a trusted-keys file: minisign key lines, comments and blank lines."""
    keys = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", "untrusted comment:")):
            continue
        try:
            keys.append(DevicePublicKey.parse(line))
        except SignatureError as exc:
            raise SignatureError(f"Line {number} is not a minisign public key.") from exc
    return keys


def load_public_key(value: str) -> DevicePublicKey:
    """A key given on the command line: the base64 line itself or a ``.pub`` file's path."""
    if _PUBKEY_RE.match(value.strip()):
        return DevicePublicKey.parse(value)
    path = Path(value)
    try:
        if path.stat().st_size > MAX_SIGNATURE_BYTES:
            raise SignatureError(f"{path.name} is too large to be a public key file.")
        return DevicePublicKey.parse(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SignatureError(f"Cannot read the public key file {path.name}.") from exc
    except UnicodeDecodeError as exc:
        raise SignatureError(f"{path.name} is not a minisign public key.") from exc


class DeviceKey:
    """The device's secret key, as kept in the vault. Sign with it; never print it."""

    def __init__(self, secret: minisign.SecretKey) -> None:
        self._secret = secret

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(minisign.KeyPair.generate().secret_key)

    @classmethod
    def from_setting(cls, value: str) -> DeviceKey:
        return cls(minisign.SecretKey.from_base64(value))

    def to_setting(self) -> str:
        return self._secret.to_base64().decode("ascii")

    @property
    def public(self) -> DevicePublicKey:
        return DevicePublicKey(self._secret.get_public_key().to_base64().decode("ascii"))

    @property
    def device_id(self) -> str:
        return self.public.device_id

    def sign(self, data: bytes, trusted_comment: str) -> bytes:
        """The ``.minisig`` file for ``data`` (prehashed Ed25519, as minisign 0.11 writes)."""
        signature = self._secret.sign(
            data,
            untrusted_comment=f"signature from redvan device {self.device_id}",
            trusted_comment=trusted_comment,
        )
        return bytes(signature)


def device_key(store: Store) -> DeviceKey:
    """The vault's device key, made and stored (inside the vault) the first time it is asked."""
    value = store.get_setting(DEVICE_SECRET)
    if value is None:
        key = DeviceKey.generate()
        with store.transaction():
            # Another writer may have made it meanwhile: keep the first.
            value = store.get_setting(DEVICE_SECRET)
            if value is None:
                store.set_setting(DEVICE_SECRET, key.to_setting())
                store.audit("create", "device-key", key.device_id)
                return key
    return DeviceKey.from_setting(str(value))


def next_sequence(store: Store) -> int:
    """The next per-device sequence number (1, 2, …); call inside the export's transaction."""
    value = int(store.get_setting(DEVICE_SEQUENCE, 0)) + 1
    store.set_setting(DEVICE_SEQUENCE, value)
    return value


# -- signatures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What a signature says about a file.

    ``valid``: the signature verifies under ``signer`` (the key named by the signature's key
    id, when one of the keys we were given has that id). ``trusted``: that key is one the
    reader trusts. ``device_id`` is what the signature claims even when no key was found.
    """

    valid: bool
    trusted: bool
    device_id: str
    trusted_comment: str
    signer: DevicePublicKey | None
    reason: str = ""

    @property
    def fingerprint(self) -> str:
        d = self.device_id
        return " ".join(d[i : i + 4] for i in range(0, len(d), 4))


def read_signature(data: bytes) -> minisign.Signature:
    if len(data) > MAX_SIGNATURE_BYTES:
        raise SignatureError("The signature file is too large to be a minisign signature.")
    try:
        return minisign.Signature.from_bytes(data)
    except (minisign.Error, ValueError, binascii.Error, UnicodeDecodeError, IndexError) as exc:
        raise SignatureError("The signature file is not a minisign signature.") from exc


def signature_device_id(signature: bytes) -> str:
    return key_id_hex(bytes(read_signature(signature)._key_id))


def verify(
    data: bytes,
    signature: bytes,
    trusted: Sequence[DevicePublicKey] = (),
    *,
    others: Iterable[DevicePublicKey] = (),
) -> Verdict:
    """Check ``signature`` over ``data`` against the trusted keys, then against ``others``.

    ``others`` are keys we can check with but do not trust (the key a package carries about
    itself): a file signed by one of them gets ``valid=True, trusted=False``. Raises
    :class:`SignatureError` only when the signature file cannot be read at all.
    """
    sig = read_signature(signature)
    device_id = key_id_hex(bytes(sig._key_id))
    comment = sig.trusted_comment
    for key, is_trusted in [(k, True) for k in trusted] + [(k, False) for k in others]:
        if key.device_id != device_id:
            continue
        try:
            minisign.PublicKey.from_base64(key.base64).verify(data, sig)
        except (minisign.Error, ValueError) as exc:
            return Verdict(False, False, device_id, comment, key, str(exc))
        return Verdict(True, is_trusted, device_id, comment, key)
    return Verdict(False, False, device_id, comment, None, "no key with this id")


def signature_path(path: Path) -> Path:
    return path.with_name(path.name + SIGNATURE_SUFFIX)


# -- age ------------------------------------------------------------------------------------


def parse_recipient(text: str) -> pyrage.x25519.Recipient:
    try:
        return pyrage.x25519.Recipient.from_str(text.strip())
    except (pyrage.RecipientError, ValueError) as exc:
        raise EncryptionError(
            "The recipient is not an age public key (it starts with age1)."
        ) from exc


def encrypt(data: bytes, recipients: Sequence[str]) -> bytes:
    """``data`` encrypted to the age recipients (binary age format; ``age -d`` reads it)."""
    parsed = [parse_recipient(r) for r in recipients]
    try:
        return bytes(pyrage.encrypt(data, parsed))
    except pyrage.EncryptError as exc:
        raise EncryptionError("The file could not be encrypted.") from exc


def parse_identities(text: str) -> list[pyrage.x25519.Identity]:
    """The identities in an age key file (as ``age-keygen`` writes it)."""
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-"):
            try:
                identities.append(pyrage.x25519.Identity.from_str(line))
            except (pyrage.IdentityError, ValueError) as exc:
                raise EncryptionError("The age key file holds a key that cannot be read.") from exc
    if not identities:
        raise EncryptionError("The age key file holds no age secret key.")
    return identities


AGE_MAGIC = b"age-encryption.org/v1\n"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


def is_age(data: bytes) -> bool:
    return data.startswith(AGE_MAGIC) or data.startswith(AGE_ARMOR)


def decrypt(data: bytes, identities: Sequence[pyrage.x25519.Identity]) -> bytes:
    try:
        return bytes(pyrage.decrypt(data, list(identities)))
    except pyrage.DecryptError as exc:
        raise EncryptionError("The file is encrypted to somebody else, or it is damaged.") from exc
