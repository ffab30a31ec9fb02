"""Enrolment (SPEC O1): a coordinator's device brings a new laptop into the organisation.

``create_enrolment`` writes an enrolment file: the organisation's state (secret, vocabularies,
partner directory, programmes with their shared keys, disclosure and retention settings,
trusted device keys) and a device signing key made for the new vault, encrypted either to the
new vault's age recipient (``redvan device`` shows it) or under a one-time enrolment code
(Argon2id, then ChaCha20-Poly1305), and signed by the coordinator's device (``FILE.minisig``).
The coordinator's vault trusts the new device's key from then on; the new vault, once joined,
trusts the organisation's devices: merge and verify need no hand-edited key files.

``read_enrolment`` + ``join`` are the only way in, as hostile input (X7): size caps, the
signature's trusted comment before anything else, strict JSON, the published schema
``resources/schemas/organisation.schema.json`` and what a schema cannot say. A new vault
joins only while it holds no person: after that, a code gives the same token and alias on
every laptop of the organisation.

Organisation updates (O2) reuse the state document and ``apply_state``: see
``redvan.exchange.orgupdate``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from redvan.core import organisation as org
from redvan.core.enums import Role
from redvan.core.model import Programme
from redvan.core.referrals import PartnerOrganisation
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.exchange.hostile import ImportRefused, parse_json, read_capped
from redvan.exchange.signing import (
    DEVICE_SECRET,
    DEVICE_SEQUENCE,
    MAX_SIGNATURE_BYTES,
    DeviceKey,
    DevicePublicKey,
    EncryptionError,
    SignatureError,
    decrypt,
    device_key,
    encrypt,
    is_age,
    read_signature,
    signature_path,
    verify,
)
from redvan.exchange.sketch import organisation_id
from redvan.exchange.sync import fingerprint
from redvan.resources import resource_path
from redvan.storage.files import atomic_write_bytes

if TYPE_CHECKING:
    import pyrage

    from redvan.core.services import Services

FORMAT = "redvan-organisation"
VERSION = 1
SCHEMA_FILE = "organisation.schema.json"
SEALED_FORMAT = "redvan-enrolment-sealed"
# A big organisation's state is tens of kilobytes; nothing genuine comes near this.
MAX_ORGANISATION_BYTES = 4 * 1024 * 1024
ENROLMENT_IDENTITY = "enrolment_identity"  # the vault's age identity, a setting in the vault

# The enrolment code: Crockford base32 (no I, L, O, U), 7 groups of 4 = 140 bits: beyond
# offline guessing even without the Argon2id cost in front of it.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LEN = 7, 4
# Argon2id for the code (RFC 9106's second option); bounds for a file read from elsewhere.
KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_PARALLELISM = 64 * 1024, 3, 4
_KDF_BOUNDS = {
    "memory_kib": (19 * 1024, 256 * 1024),  # a hostile file cannot make join take more
    "iterations": (2, 10),
    "parallelism": (1, 16),
}
_AAD = b"redvan-enrolment-v1"

_ENROL_COMMENT = re.compile(
    r"^redvan-enrolment device=([0-9A-F]{16}) org=([0-9A-F]{16}) id=([0-9a-f-]{36})$"
)


def enrolment_comment(device_id: str, organisation: str, enrolment_id: str) -> str:
    return f"redvan-enrolment device={device_id} org={organisation} id={enrolment_id}"


@cache
def schema() -> dict[str, Any]:
    with open(resource_path("schemas", SCHEMA_FILE), encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


@cache
def _validator() -> Any:
    return jsonschema.Draft7Validator(schema())


# -- the organisation's state ----------------------------------------------------------------


def _coordinator_staff(services: Services) -> None:
    me = next((s for s in services.store.list_staff() if s.id == services.store.staff_id), None)
    if me is None or me.role != Role.COORDINATOR.value:
        raise org.OrganisationError(
            "Only a coordinator can enrol laptops or send organisation updates."
        )


def _keys(value: Any) -> list[str]:
    return [k for k in value if isinstance(k, str)] if isinstance(value, list) else []


def coordinator_state(services: Services) -> tuple[DeviceKey, list[str], list[str]]:
    """This device's key, the organisation's coordinator keys and device keys; the first
    vault that enrols a laptop becomes the organisation's coordinator device."""
    store = services.store
    key = device_key(store)
    coordinators = _keys(store.get_setting(org.COORDINATORS))
    if not coordinators:
        coordinators = [key.public.base64]
    elif key.public.base64 not in coordinators:
        raise org.OrganisationError(
            "This laptop is not a coordinator device of the organisation; enrol laptops and "
            "send updates from the coordinator's laptop "
            f"({DevicePublicKey(coordinators[0]).fingerprint})."
        )
    devices = _keys(store.get_setting(org.DEVICES))
    if key.public.base64 not in devices:
        devices.insert(0, key.public.base64)
    return key, coordinators, devices


def build_state(
    services: Services,
    kind: str,
    *,
    sequence: int,
    coordinator: DevicePublicKey,
    coordinators: Sequence[str],
    devices: Sequence[str],
    now: datetime,
) -> tuple[dict[str, Any], org.Meanings]:
    """The organisation's state as a document (without secret and device key), and the slug
    meanings the coordinator's vault keeps from now on."""
    store = services.store
    entries = store.vocabulary()
    meanings = org.Meanings.load(store.get_setting(org.MEANINGS)).assign(
        org.meaning_key(e.kind.value, e.slug) for e in entries
    )
    keys = store.get_setting(org.PROGRAMME_KEYS) or {}
    programmes = []
    for p in sorted(store.programmes(), key=lambda p: p.slug):
        item: dict[str, Any] = {
            "id": p.id,
            "slug": p.slug,
            "name": p.name,
            "first_week": p.first_week,
            "last_week": p.last_week,
            "target": p.target,
            "inclusion_rule": p.inclusion_rule,
        }
        if isinstance(keys, dict) and isinstance(keys.get(p.slug), str):
            item["key"] = keys[p.slug]
        programmes.append(item)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "id": str(uuid.uuid4()),
        "organisation": organisation_id(store.organisation_secret()),
        "sequence": sequence,
        "created": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "coordinator": coordinator.base64,
        "coordinators": list(coordinators),
        "devices": list(devices),
        "settings": {name: services.setting(name) for name in org.SHARED_SETTINGS},
        "vocabulary": [
            {
                "kind": e.kind.value,
                "slug": e.slug,
                "meaning": meanings.meaning(org.meaning_key(e.kind.value, e.slug)),
                "en": e.label_en,
                "da": e.label_da,
                "quantity": e.quantity,
                "retired": e.retired,
                "sort": e.sort,
            }
            for e in entries
        ],
        "partners": [
            {
                "slug": p.slug,
                "areas": p.areas,
                "address": p.address,
                "phone": p.phone,
                "online": p.online,
                "hours": p.hours,
                "notes": p.notes,
            }
            for p in store.partner_organisations()
        ],
        "programmes": programmes,
    }
    return document, meanings


def check_state(document: Any, name: str) -> None:
    """The schema and what a schema cannot say, as one :class:`ImportRefused` sentence."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(document))
    if error is not None:
        where = "".join(ch if ch.isprintable() else "?" for ch in error.json_path)[:50]
        raise ImportRefused(
            f"{name} is not a valid organisation file: {where} is not as the format says "
            f"({error.validator})."
        )

    def refuse(why: str) -> ImportRefused:
        return ImportRefused(f"{name} is not consistent: {why}.")

    for key in [document["coordinator"], *document["coordinators"], *document["devices"]]:
        try:
            DevicePublicKey.parse(key)
        except SignatureError:
            raise refuse("a device key cannot be read") from None
    if document["coordinator"] not in document["coordinators"]:
        raise refuse("it is signed by a device that is not one of its coordinators")
    if not set(document["coordinators"]) <= set(document["devices"]):
        raise refuse("a coordinator device is not among its trusted devices")
    for field, items in (
        ("coordinators", document["coordinators"]),
        ("devices", document["devices"]),
    ):
        if len(set(items)) != len(items):
            raise refuse(f"it names a key twice in {field}")
    pairs = [(e["kind"], e["slug"]) for e in document["vocabulary"]]
    if len(set(pairs)) != len(pairs):
        raise refuse("its vocabulary names a value twice")
    meanings = [e["meaning"] for e in document["vocabulary"]]
    if len(set(meanings)) != len(meanings):
        raise refuse("two vocabulary values share one meaning")
    destinations = {s for k, s in pairs if k == "destination"}
    partners = [p["slug"] for p in document["partners"]]
    if len(set(partners)) != len(partners) or not set(partners) <= destinations:
        raise refuse("a partner is named twice or is not a referral destination")
    for field in ("slug", "id"):
        values = [p[field] for p in document["programmes"]]
        if len(set(values)) != len(values):
            raise refuse(f"two programmes share one {field}")
    for p in document["programmes"]:
        try:
            first, last = IsoWeek.parse(p["first_week"]), IsoWeek.parse(p["last_week"])
        except ValueError:
            raise refuse("a programme week does not exist") from None
        if last < first:
            raise refuse("a programme ends before it begins")
    if document["kind"] == "partnership" and (
        len(document["programmes"]) != 1 or "key" not in document["programmes"][0]
    ):
        raise refuse("a programme partnership carries exactly one programme and its key")
    enrolment = document["kind"] == "enrolment"
    if enrolment != ("secret" in document) or enrolment != ("device_key" in document):
        raise refuse(
            "an enrolment carries the organisation secret and a device key, an update never"
        )
    if enrolment:
        if organisation_id(bytes.fromhex(document["secret"])) != document["organisation"]:
            raise refuse("its organisation secret is not the organisation it names")
        try:
            new_key = DeviceKey.from_setting(document["device_key"]).public.base64
        except Exception:  # noqa: BLE001 - whatever py-minisign raises for a bad key
            raise refuse("its device key cannot be read") from None
        if new_key not in document["devices"] or new_key in document["coordinators"]:
            raise refuse("the new device's key is not among its trusted devices")


# -- applying it to a vault ------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_state` changed, for the command's summary."""

    organisation: str
    sequence: int
    vocabulary: int
    partners: int
    programmes: int
    devices: int


def apply_state(services: Services, document: Mapping[str, Any], *, joining: bool) -> Applied:
    """Take the organisation's state into this vault, in one transaction.

    Refuses (OrganisationError) a slug whose meaning this vault knows as another, and a
    programme slug that names another programme here. Joining also replaces the vault's
    organisation secret and device key, which is allowed only while the vault holds no
    person and has signed no export.
    """
    store = services.store
    known = org.Meanings.load(store.get_setting(org.MEANINGS))
    incoming = {org.meaning_key(e["kind"], e["slug"]): e["meaning"] for e in document["vocabulary"]}
    clashes = org.changed_meanings(known, incoming)
    if clashes:
        raise org.OrganisationError(
            f"The organisation file gives {clashes[0].replace('/', ' ')} a new meaning; a "
            "slug never changes meaning (a renamed label is fine). Ask the coordinator to "
            "choose a new slug for the new value."
        )
    local_programmes = {p.slug: p.id for p in store.programmes()}
    reused = org.changed_programmes(
        local_programmes, {p["slug"]: p["id"] for p in document["programmes"]}
    )
    if reused:
        raise org.OrganisationError(
            f"The programme slug {reused[0]} already names another programme in this vault; "
            "a slug never changes meaning."
        )
    own = device_key(store).public.base64 if not joining else None
    with store.transaction():
        if joining:
            if store.get_setting(org.ORGANISATION_ID) is not None:
                raise org.OrganisationError(
                    "This vault already belongs to an organisation; a vault joins only once."
                )
            if store.has_person_records():
                raise org.OrganisationError(
                    "This vault already holds contacts or persons; only a new, empty vault can "
                    "join an organisation (its codes would no longer find their persons)."
                )
            if int(store.get_setting(DEVICE_SEQUENCE, 0)):
                raise org.OrganisationError(
                    "This vault has already signed exports with its own device key; only a "
                    "new vault can join an organisation."
                )
            store.replace_organisation_secret(bytes.fromhex(document["secret"]))
            store.set_setting(DEVICE_SECRET, document["device_key"])
            own = DeviceKey.from_setting(document["device_key"]).public.base64
            wanted = {(e["kind"], e["slug"]) for e in document["vocabulary"]}
            for entry in store.vocabulary():
                if (entry.kind.value, entry.slug) not in wanted:
                    store.delete_vocabulary(entry.kind, entry.slug)  # unused: the vault is new
        for e in document["vocabulary"]:
            store.upsert_vocabulary(
                VocabularyEntry(
                    VocabularyKind(e["kind"]),
                    e["slug"],
                    e["en"],
                    e["da"],
                    retired=e["retired"],
                    sort=e["sort"],
                    quantity=e["quantity"],
                )
            )
        for p in document["partners"]:
            store.upsert_partner_organisation(PartnerOrganisation(**p))
        keys = dict(store.get_setting(org.PROGRAMME_KEYS) or {})
        for p in document["programmes"]:
            store.upsert_programme(
                Programme(
                    p["id"],
                    p["slug"],
                    p["name"],
                    p["first_week"],
                    p["last_week"],
                    p["target"],
                    p["inclusion_rule"],
                )
            )
            if "key" in p:
                keys[p["slug"]] = p["key"]
        store.set_setting(org.PROGRAMME_KEYS, keys)
        for name, value in document["settings"].items():
            store.set_setting(name, value)
        devices = list(document["devices"])
        if own is not None and own not in devices:
            devices.append(own)  # a vault never stops trusting itself
        store.set_setting(org.DEVICES, devices)
        store.set_setting(org.COORDINATORS, list(document["coordinators"]))
        store.set_setting(org.ORGANISATION_ID, document["organisation"])
        store.set_setting(org.SEQUENCE, document["sequence"])
        merged = dict(known.entries)
        merged.update({k: {"meaning": m, "present": True} for k, m in incoming.items()})
        store.set_setting(org.MEANINGS, org.Meanings(merged).to_setting())
        entity = "organisation-enrolment" if joining else "organisation-update"
        store.audit("import", entity, f"{document['organisation']}#{document['sequence']}")
    services.vocabularies_changed()
    from redvan.exchange.trust import remember_organisation

    remember_organisation(document["organisation"], devices)
    return Applied(
        document["organisation"],
        document["sequence"],
        len(document["vocabulary"]),
        len(document["partners"]),
        len(document["programmes"]),
        len(devices),
    )


# -- sealing an enrolment ----------------------------------------------------------------------


def new_enrolment_code() -> str:
    chars = [secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN)]
    return "-".join(
        "".join(chars[i : i + CODE_GROUP_LEN]) for i in range(0, len(chars), CODE_GROUP_LEN)
    )


def normalise_enrolment_code(text: str) -> str:
    """What a person types: any case, spaces or dashes, O for 0 and I/L for 1."""
    cleaned = "".join(ch for ch in text if ch.isascii() and ch.isalnum()).upper()
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != CODE_GROUPS * CODE_GROUP_LEN or any(
        ch not in CODE_ALPHABET for ch in cleaned
    ):
        raise ImportRefused(
            f"An enrolment code has {CODE_GROUPS * CODE_GROUP_LEN} letters and digits in groups "
            "of four; check what was typed."
        )
    return cleaned


def _kdf(code: str, salt: bytes, memory_kib: int, iterations: int, parallelism: int) -> bytes:
    return hash_secret_raw(
        secret=normalise_enrolment_code(code).encode("ascii"),
        salt=salt,
        time_cost=iterations,
        memory_cost=memory_kib,
        parallelism=parallelism,
        hash_len=32,
        type=Type.ID,
        version=19,
    )


def seal_with_code(data: bytes, code: str) -> bytes:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key = _kdf(code, salt, KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_PARALLELISM)
    envelope = {
        "format": SEALED_FORMAT,
        "version": 1,
        "kdf": {
            "name": "argon2id",
            "salt": base64.b64encode(salt).decode(),
            "memory_kib": KDF_MEMORY_KIB,
            "iterations": KDF_ITERATIONS,
            "parallelism": KDF_PARALLELISM,
        },
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(ChaCha20Poly1305(key).encrypt(nonce, data, _AAD)).decode(),
    }
    return (json.dumps(envelope, separators=(",", ":")) + "\n").encode("ascii")


def open_with_code(data: bytes, code: str, name: str) -> bytes:
    envelope = parse_json(data, what=f"enrolment file {name}")

    def refuse() -> ImportRefused:
        return ImportRefused(f"{name} is not an enrolment file.")

    if not isinstance(envelope, dict) or set(envelope) != {
        "format",
        "version",
        "kdf",
        "nonce",
        "ciphertext",
    }:
        raise refuse()
    kdf = envelope["kdf"]
    if (envelope["format"], envelope["version"]) != (SEALED_FORMAT, 1) or not isinstance(kdf, dict):
        raise refuse()
    if set(kdf) != {"name", "salt", *_KDF_BOUNDS} or kdf["name"] != "argon2id":
        raise refuse()
    for field, (low, high) in _KDF_BOUNDS.items():
        value = kdf[field]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ImportRefused(f"{name} asks for key derivation settings outside safe bounds.")
    try:
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        sealed = base64.b64decode(envelope["ciphertext"], validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise refuse() from None
    if len(salt) < 16 or len(nonce) != 12:
        raise refuse()
    key = _kdf(code, salt, kdf["memory_kib"], kdf["iterations"], kdf["parallelism"])
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, sealed, _AAD)
    except InvalidTag:
        raise ImportRefused(
            f"The enrolment code does not open {name}: check the code, or ask the coordinator "
            "for a new enrolment file."
        ) from None


# -- creating and reading enrolment files --------------------------------------------------------


def enrolment_identity(services: Services) -> pyrage.x25519.Identity:
    """The vault's age identity for enrolment, made (inside the vault) the first time."""
    import pyrage

    store = services.store
    value = store.get_setting(ENROLMENT_IDENTITY)
    if value is None:
        with store.transaction():
            value = store.get_setting(ENROLMENT_IDENTITY)
            if value is None:
                value = str(pyrage.x25519.Identity.generate())
                store.set_setting(ENROLMENT_IDENTITY, value)
    return pyrage.x25519.Identity.from_str(str(value))


def enrolment_recipient(services: Services) -> str:
    """The age recipient (age1…) a coordinator encrypts this vault's enrolment file to."""
    return str(enrolment_identity(services).to_public())


@dataclass(frozen=True)
class Created:
    path: Path
    signature: Path
    code: str | None  # shown once; None when encrypted to a recipient
    coordinator: str  # fingerprint of the signing device
    new_device: str  # fingerprint of the device key made for the new vault


def _seal_and_sign(
    document: Mapping[str, Any], key: DeviceKey, recipient: str | None
) -> tuple[bytes, str | None, bytes]:
    """An enrolment or partnership document encrypted to `recipient` (or sealed with a new
    one-time code, returned), and the coordinator device's signature of what was sealed."""
    plain = (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    code = None
    if recipient is not None:
        try:
            data = encrypt(plain, [recipient])
        except EncryptionError as exc:
            raise org.OrganisationError(str(exc)) from None
    else:
        code = new_enrolment_code()
        data = seal_with_code(plain, code)
    comment = enrolment_comment(key.device_id, document["organisation"], document["id"])
    return data, code, key.sign(data, comment)


def _write_signed(out: Path, data: bytes, sig_path: Path, signature: bytes) -> None:
    """The file and its signature, both or neither."""
    atomic_write_bytes(out, data)
    try:
        atomic_write_bytes(sig_path, signature)
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def create_enrolment(
    services: Services,
    out: Path,
    *,
    recipient: str | None = None,
    now: datetime | None = None,
) -> Created:
    """Write an enrolment file and its signature; the vault trusts the new device from now on."""
    _coordinator_staff(services)
    store = services.store
    key, coordinators, devices = coordinator_state(services)
    new_device = DeviceKey.generate()
    devices = [*devices, new_device.public.base64]
    document, meanings = build_state(
        services,
        "enrolment",
        sequence=int(store.get_setting(org.SEQUENCE, 0)),
        coordinator=key.public,
        coordinators=coordinators,
        devices=devices,
        now=now or datetime.now(UTC),
    )
    document["secret"] = store.organisation_secret().hex()
    document["device_key"] = new_device.to_setting()
    check_state(document, "the enrolment file")  # our own bug otherwise: never write it
    data, code, signature = _seal_and_sign(document, key, recipient)
    sig_path = signature_path(out)
    with store.transaction():
        store.set_setting(org.COORDINATORS, coordinators)
        store.set_setting(org.DEVICES, devices)
        store.set_setting(org.MEANINGS, meanings.to_setting())
        store.set_setting(org.ORGANISATION_ID, document["organisation"])
        store.audit("export", "enrolment", document["id"])
        _write_signed(out, data, sig_path, signature)
    from redvan.exchange.trust import remember_organisation

    remember_organisation(document["organisation"], devices)
    return Created(out, sig_path, code, key.public.fingerprint, new_device.public.fingerprint)


def read_signed(
    path: Path, what: str, comment_re: re.Pattern[str]
) -> tuple[bytes, bytes, re.Match[str]]:
    """The file, its signature and the signature's trusted comment, before anything is parsed."""
    name = "".join(ch if ch.isprintable() else "?" for ch in path.name)[:60]
    data = read_capped(path, MAX_ORGANISATION_BYTES, what=what)
    sig_path = signature_path(path)
    if not sig_path.exists():
        raise ImportRefused(f"The {what} {name} has no signature ({name}.minisig) next to it.")
    signature = read_capped(sig_path, MAX_SIGNATURE_BYTES, what="signature file")
    try:
        comment = comment_re.match(read_signature(signature).trusted_comment)
    except SignatureError as exc:
        raise ImportRefused(f"{name}: {exc}") from None
    if comment is None:
        raise ImportRefused(f"{name} is signed, but not as an {what}.")
    return data, signature, comment


def read_enrolment(
    path: Path,
    *,
    code: str | None = None,
    identities: Sequence[pyrage.x25519.Identity] = (),
    coordinator: str | None = None,
) -> dict[str, Any]:
    """The enrolment document of ``path``, checked as hostile input.

    Encrypted under a code: the code opens it (authenticated encryption: only the holder of the
    code could have made it). Encrypted to this vault's recipient: anyone can encrypt to a
    public recipient, so the coordinator's device fingerprint (``coordinator``) must be given
    and match the signer.
    """
    name = "".join(ch if ch.isprintable() else "?" for ch in path.name)[:60]
    data, signature, comment = read_signed(path, "enrolment file", _ENROL_COMMENT)
    device, organisation, enrolment_id = comment.groups()
    if is_age(data):
        if coordinator is None:
            raise ImportRefused(
                f"{name} is signed by device {fingerprint(device)}. Compare this fingerprint "
                "with the coordinator's laptop (redvan device), then give it with --coordinator."
            )
        if "".join(coordinator.split()).upper() != device:
            raise ImportRefused(
                f"{name} is signed by device {fingerprint(device)}, not by the coordinator "
                "device you named: refused."
            )
        try:
            plain = decrypt(data, identities)
        except EncryptionError:
            raise ImportRefused(
                f"{name} is encrypted to another vault; ask for a file made for this vault's "
                "recipient."
            ) from None
    else:
        if code is None:
            raise ImportRefused(f"{name} is sealed with an enrolment code; give the code.")
        plain = open_with_code(data, code, name)
    if len(plain) > MAX_ORGANISATION_BYTES:
        raise ImportRefused(f"{name} holds more than any genuine enrolment file.")
    document = parse_json(plain, what=f"enrolment file {name}")
    check_state(document, name)
    if document["kind"] == "update":
        raise ImportRefused(f"{name} is an organisation update, not an enrolment file.")
    signer = DevicePublicKey(document["coordinator"])
    if (signer.device_id, document["organisation"], document["id"]) != (
        device,
        organisation,
        enrolment_id,
    ):
        raise ImportRefused(f"The signature of {name} names another device or file: refused.")
    if not verify(data, signature, [signer]).valid:
        raise ImportRefused(f"The signature of {name} does not match it: it was changed.")
    return dict(document)


def join(services: Services, document: Mapping[str, Any]) -> Applied:
    """This (new, empty) vault joins the organisation of an enrolment document; a programme
    partnership file adds its shared programme instead (:func:`join_programme`)."""
    if document["kind"] == "partnership":
        return join_programme(services, document)
    return apply_state(services, document, joining=True)


# -- programmes shared with partner organisations (O4) ----------------------------------------


def create_partnership(
    services: Services,
    slug: str,
    out: Path,
    *,
    recipient: str | None = None,
    now: datetime | None = None,
) -> Created:
    """A partnership file for programme ``slug``: the programme, its shared key (made now if it
    has none) and this organisation's device keys, sealed and signed as an enrolment file.
    A partner organisation's coordinator joins it, then sends one back the same way, so each
    trusts the other's devices for merging the programme's packages."""
    _coordinator_staff(services)
    store = services.store
    programme = store.programme_by_slug(slug)
    if programme is None:
        raise org.OrganisationError(f"There is no programme '{slug}' in this vault.")
    key, coordinators, devices = coordinator_state(services)
    keys = dict(store.get_setting(org.PROGRAMME_KEYS) or {})
    shared = keys.get(slug) or secrets.token_bytes(32).hex()
    keys[slug] = shared
    document, _ = build_state(
        services,
        "partnership",
        sequence=0,
        coordinator=key.public,
        coordinators=coordinators,
        devices=devices,
        now=now or datetime.now(UTC),
    )
    document["vocabulary"], document["partners"] = [], []
    document["programmes"] = [p for p in document["programmes"] if p["slug"] == slug]
    document["programmes"][0]["key"] = shared
    check_state(document, "the partnership file")
    data, code, signature = _seal_and_sign(document, key, recipient)
    sig_path = signature_path(out)
    with store.transaction():
        store.set_setting(org.PROGRAMME_KEYS, keys)
        store.set_setting(org.COORDINATORS, coordinators)
        store.set_setting(org.DEVICES, devices)
        store.audit("export", "programme-partnership", programme.id)
        _write_signed(out, data, sig_path, signature)
    from redvan.exchange.trust import remember_organisation

    remember_organisation(document["organisation"], devices)  # its own packages merge too
    return Created(out, sig_path, code, key.public.fingerprint, "")


def join_programme(services: Services, document: Mapping[str, Any]) -> Applied:
    """Take a partner organisation's shared programme (and trust its devices for merging)."""
    store = services.store
    shared = document["programmes"][0]
    own_org = organisation_id(store.organisation_secret())
    with store.transaction():
        local = store.programme_by_slug(shared["slug"])
        if local is not None and local.id != shared["id"]:
            raise org.OrganisationError(
                f"The programme slug {shared['slug']} already names another programme in this "
                "vault; a slug never changes meaning."
            )
        keys = dict(store.get_setting(org.PROGRAMME_KEYS) or {})
        if keys.get(shared["slug"], shared["key"]) != shared["key"]:
            raise org.OrganisationError(
                f"This vault shares the programme {shared['slug']} under another key; a "
                "programme's key never changes."
            )
        keys[shared["slug"]] = shared["key"]
        store.upsert_programme(
            Programme(
                shared["id"],
                shared["slug"],
                shared["name"],
                shared["first_week"],
                shared["last_week"],
                shared["target"],
                shared["inclusion_rule"],
            )
        )
        store.set_setting(org.PROGRAMME_KEYS, keys)
        store.audit("import", "programme-partnership", shared["id"])
    from redvan.exchange.trust import remember_organisation

    if document["organisation"] != own_org:
        remember_organisation(document["organisation"], document["devices"])
    return Applied(document["organisation"], 0, 0, 0, 1, len(document["devices"]))
