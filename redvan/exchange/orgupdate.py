"""Organisation updates (SPEC O2): later changes travel as signed, numbered files.

The coordinator's device writes the organisation's whole state (vocabularies, partner
directory, programmes and their shared keys, shared settings, coordinator and trusted device
keys; never the organisation secret) as update number n+1, encrypted under a key derived from
the organisation secret (so only the organisation's vaults can read it, with no recipients to
manage) and signed (``FILE.minisig``, trusted comment ``redvan-orgupdate device=… org=… seq=…``).

A vault applies an update only when, in this order: the signature's trusted comment names its
own organisation and a sequence newer than the last it applied (a replay or an older update is
refused before anything else is read); the signer is one of the organisation's coordinator
devices as this vault knows them, and the signature is valid; the file decrypts and its JSON
is valid and consistent (``enrol.check_state``) and names the same device, organisation and
sequence; no slug changes meaning (``enrol.apply_state``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from redvan.core import organisation as org
from redvan.exchange.enrol import (
    Applied,
    _coordinator_staff,
    apply_state,
    build_state,
    check_state,
    coordinator_state,
    read_signed,
)
from redvan.exchange.hostile import ImportRefused, parse_json
from redvan.exchange.signing import DevicePublicKey, signature_path, verify
from redvan.exchange.sketch import organisation_id
from redvan.exchange.sync import fingerprint
from redvan.storage.files import atomic_write_bytes

if TYPE_CHECKING:
    from redvan.core.services import Services

SEALED_FORMAT = "redvan-organisation-update"
_COMMENT = re.compile(
    r"^redvan-orgupdate device=([0-9A-F]{16}) org=([0-9A-F]{16}) seq=([0-9]{1,10})$"
)


def update_comment(device_id: str, organisation: str, sequence: int) -> str:
    return f"redvan-orgupdate device={device_id} org={organisation} seq={sequence}"


def _key(secret: bytes) -> bytes:
    return hmac.new(secret, b"redvan/organisation-update/v1", hashlib.sha256).digest()


def _aad(organisation: str, sequence: int) -> bytes:
    return f"{SEALED_FORMAT}:{organisation}:{sequence}".encode("ascii")


@dataclass(frozen=True)
class Sent:
    path: Path
    signature: Path
    sequence: int


def write_update(services: Services, out: Path, *, now: datetime | None = None) -> Sent:
    """Write the organisation's next update (coordinator's device only)."""
    _coordinator_staff(services)
    store = services.store
    key, coordinators, devices = coordinator_state(services)
    if store.get_setting(org.ORGANISATION_ID) is None:
        raise org.OrganisationError(
            "This vault has enrolled no laptop yet; an organisation update is for laptops that "
            "joined with redvan enrol join."
        )
    sequence = int(store.get_setting(org.SEQUENCE, 0)) + 1
    document, meanings = build_state(
        services,
        "update",
        sequence=sequence,
        coordinator=key.public,
        coordinators=coordinators,
        devices=devices,
        now=now or datetime.now(UTC),
    )
    check_state(document, "the organisation update")
    plain = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    nonce = secrets.token_bytes(12)
    secret = store.organisation_secret()
    envelope = {
        "format": SEALED_FORMAT,
        "version": 1,
        "organisation": document["organisation"],
        "sequence": sequence,
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(
            ChaCha20Poly1305(_key(secret)).encrypt(
                nonce, plain, _aad(document["organisation"], sequence)
            )
        ).decode(),
    }
    data = (json.dumps(envelope, separators=(",", ":")) + "\n").encode("ascii")
    signature = key.sign(data, update_comment(key.device_id, document["organisation"], sequence))
    sig_path = signature_path(out)
    with store.transaction():
        store.set_setting(org.SEQUENCE, sequence)
        store.set_setting(org.MEANINGS, meanings.to_setting())
        store.audit("export", "organisation-update", f"{document['organisation']}#{sequence}")
        atomic_write_bytes(out, data)
        try:
            atomic_write_bytes(sig_path, signature)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    return Sent(out, sig_path, sequence)


def read_update(services: Services, path: Path) -> dict[str, Any]:
    """The update document of ``path`` if this vault should apply it; else ImportRefused."""
    store = services.store
    name = "".join(ch if ch.isprintable() else "?" for ch in path.name)[:60]
    data, signature, comment = read_signed(path, "organisation update", _COMMENT)
    device, organisation, seq_text = comment.groups()
    sequence = int(seq_text)
    secret = store.organisation_secret()
    ours = organisation_id(secret)
    if store.get_setting(org.ORGANISATION_ID) != ours:
        raise ImportRefused("This vault has not joined an organisation; join it first.")
    if organisation != ours:
        raise ImportRefused(f"{name} is an update of another organisation: refused.")
    applied = int(store.get_setting(org.SEQUENCE, 0))
    if sequence <= applied:
        raise ImportRefused(
            f"{name} is organisation update {sequence}, but this vault has already applied "
            f"update {applied}: refused as a replay (nothing changed)."
        )
    coordinators = [
        DevicePublicKey(k) for k in store.get_setting(org.COORDINATORS) or [] if isinstance(k, str)
    ]
    if not any(k.device_id == device for k in coordinators):
        raise ImportRefused(
            f"{name} is signed by device {fingerprint(device)}, which is not a coordinator "
            "device of this organisation: refused."
        )
    if not verify(data, signature, coordinators).valid:
        raise ImportRefused(f"The signature of {name} does not match it: it was changed.")
    envelope = parse_json(data, what=f"organisation update {name}")
    if (
        not isinstance(envelope, dict)
        or set(envelope) != {"format", "version", "organisation", "sequence", "nonce", "ciphertext"}
        or (envelope["format"], envelope["version"]) != (SEALED_FORMAT, 1)
        or (envelope["organisation"], envelope["sequence"]) != (organisation, sequence)
    ):
        raise ImportRefused(f"{name} is not an organisation update.")
    try:
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        sealed = base64.b64decode(envelope["ciphertext"], validate=True)
        plain = ChaCha20Poly1305(_key(secret)).decrypt(nonce, sealed, _aad(organisation, sequence))
    except (binascii.Error, TypeError, ValueError, InvalidTag):
        raise ImportRefused(f"{name} cannot be opened with this organisation's key.") from None
    document = parse_json(plain, what=f"organisation update {name}")
    check_state(document, name)
    if document["kind"] != "update":
        raise ImportRefused(f"{name} is not an organisation update.")
    signer = DevicePublicKey(document["coordinator"])
    if (signer.device_id, document["organisation"], document["sequence"]) != (
        device,
        organisation,
        sequence,
    ):
        raise ImportRefused(f"The signature of {name} names another device or update: refused.")
    return dict(document)


def apply_update(services: Services, path: Path) -> Applied:
    """Apply the organisation update in ``path`` (see the module docstring for what is refused)."""
    return apply_state(services, read_update(services, path), joining=False)
