"""Sync packages (SPEC X1, X2): one device's de-identified weekly aggregates, signed.

A sync package is a JSON document (``resources/schemas/sync-package.schema.json``, described in
docs/exchange.md) holding, for every ISO week of its period, that week's R1 totals and
one-dimensional marginal tables with exact counts — the same figures as ``redvan tally`` of the
week, computed by the same function. Nothing about a person is in it: no records, codes,
aliases, notes, staff names or exact times. It carries the device id, its public key, a
per-device sequence number and a random package id, so a coordinator's merge can tell which
figures are newest.

The file written is what is signed: the JSON, or its age ciphertext with ``--recipient``. The
signature (minisign format) lies next to it as ``<file>.minisig``; its trusted comment repeats
device, sequence and period.

:func:`read_package` is the one way in: every failure is one :class:`ImportRefused` sentence.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema  # the same schema compiled to Python code, ~25x faster (budget B9)
import jsonschema

from redvan.core import limits
from redvan.core.tally import (
    CONTACTS,
    FOLLOWUPS,
    INCIDENTS,
    PERSONS,
    REFERRALS,
    TOTALS,
    TableKind,
    Tally,
    compute_week_tallies,
)
from redvan.core.textsafe import clean_line
from redvan.core.weeks import IsoWeek, week_range
from redvan.exchange.hostile import MAX_SYNC_BYTES, ImportRefused, parse_json, read_capped
from redvan.exchange.signing import (
    MAX_SIGNATURE_BYTES,
    DevicePublicKey,
    EncryptionError,
    SignatureError,
    decrypt,
    is_age,
    signature_path,
    verify,
)
from redvan.exchange.sketch import METHOD as SKETCH_METHOD
from redvan.exchange.sketch import (
    Hasher,
    Sketch,
    SketchError,
    organisation_id,
    person_key,
    programme_key_hash,
    programme_key_id,
)
from redvan.resources import resource_path
from redvan.storage.files import atomic_write_bytes

if TYPE_CHECKING:
    import pyrage

    from redvan.core.services import Services

FORMAT = "redvan-sync"
VERSION = 1
KIND = "sync"
SCHEMA_FILE = "sync-package.schema.json"
# Counts above this are not from a street outreach team.
MAX_COUNT = 1_000_000_000

# table key -> (the total its cells break down, how the cells relate to it); as core.tally.
TABLES: Mapping[str, tuple[str | None, TableKind]] = {
    "contacts.code": (CONTACTS, TableKind.PARTITION),
    "contacts.channel": (CONTACTS, TableKind.PARTITION),
    "contacts.zone": (CONTACTS, TableKind.PARTITION),
    "contacts.age_band": (CONTACTS, TableKind.PARTITION),
    "contacts.gender": (CONTACTS, TableKind.PARTITION),
    "contacts.language": (CONTACTS, TableKind.PARTITION),
    "persons.new": (PERSONS, TableKind.PARTITION),
    "services": (None, TableKind.LIST),
    "referrals.destination": (REFERRALS, TableKind.PARTITION),
    "referrals.status": (REFERRALS, TableKind.PARTITION),
    "followups.status": (FOLLOWUPS, TableKind.PARTITION),
    "incidents.type": (INCIDENTS, TableKind.MULTIPLE),
    "incidents.consent_tier": (INCIDENTS, TableKind.PARTITION),
    "incidents.police": (INCIDENTS, TableKind.PARTITION),
}
# Tables whose categories are vocabulary slugs (their labels travel with the package).
_VOCABULARY_OF = {
    "contacts.channel": "channel",
    "contacts.zone": "zone",
    "contacts.language": "language",
    "services": "service",
    "referrals.destination": "destination",
}
_COMMENT_RE = re.compile(
    r"^redvan-sync device=([0-9A-F]{16}) seq=([0-9]{1,12}) "
    r"period=([0-9]{4}-W[0-9]{2})\.\.([0-9]{4}-W[0-9]{2})$"
)


def trusted_comment(device_id: str, sequence: int, first: IsoWeek, last: IsoWeek) -> str:
    return f"redvan-{KIND} device={device_id} seq={sequence} period={first}..{last}"


@cache
def schema() -> dict[str, Any]:
    with open(resource_path("schemas", SCHEMA_FILE), encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


def _inline(node: Any, definitions: Mapping[str, Any]) -> Any:
    """The schema with every local ``$ref`` replaced by what it names (the schema has no
    cycles): the same rules, checked several times faster by jsonschema."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = _inline(definitions[node["$ref"].removeprefix("#/$defs/")], definitions)
            rest = {k: _inline(v, definitions) for k, v in node.items() if k != "$ref"}
            return {"allOf": [target, rest]} if rest else target
        return {k: _inline(v, definitions) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, definitions) for v in node]
    return node


def _inlined() -> dict[str, Any]:
    published = schema()
    return {k: _inline(v, published["$defs"]) for k, v in published.items() if k != "$defs"}


@cache
def _validator() -> Any:
    return jsonschema.Draft7Validator(_inlined())


# -- writing --------------------------------------------------------------------------------


def _week_entry(tally: Tally) -> dict[str, Any]:
    tables: dict[str, dict[str, int]] = {}
    quantities: dict[str, int] = {}
    for table in tally.tables:
        if table.key not in TABLES:
            continue  # the chart's context weeks and the per-week split of a period
        tables[table.key] = {c: n for c, n in table.cells if n}
        quantities.update((c, q) for c, q in table.quantities if q)
    return {
        "week": str(tally.first),
        "totals": {name: tally.total(name) for name in TOTALS},
        "tables": tables,
        "quantities": quantities,
    }


def build_package(
    services: Services,
    first: IsoWeek,
    last: IsoWeek,
    *,
    public_key: DevicePublicKey,
    sequence: int,
    created: datetime,
) -> dict[str, Any]:
    """The sync package of weeks ``first``–``last`` as a JSON-ready dict."""
    store = services.store
    threshold = services.setting("suppression_threshold")
    weeks, persons = compute_week_tallies(store, first, last, threshold)
    entries = [_week_entry(t) for t in weeks]
    # Disclosure control's record-key sums, so a merge publishes by the same method.
    keyed = store.keyed_cells(str(first), str(last))
    for entry in entries:
        cells = keyed.weeks.get(entry["week"], {})
        entry["keys"] = {f"{t}|{c}": key for (t, c), (n, key) in sorted(cells.items()) if n}
    used: set[tuple[str, str]] = set()
    for entry in entries:
        for key, cells in entry["tables"].items():
            kind = _VOCABULARY_OF.get(key)
            if kind is not None:
                used.update((kind, c) for c in cells if c)
    vocabulary = [
        {
            "kind": e.kind.value,
            "slug": e.slug,
            # One safe line, within the schema's cap: an older vault may hold longer labels.
            "en": clean_line(e.label_en)[: limits.LABEL] or e.slug,
            "da": clean_line(e.label_da)[: limits.LABEL] or e.slug,
            "quantity": e.quantity,
            "sort": e.sort,
        }
        for e in sorted(store.vocabulary(), key=lambda e: (e.kind.value, e.sort, e.slug))
        if (e.kind.value, e.slug) in used
    ]
    programmes = []
    included: dict[str, list[list[Any]]] = {}
    for programme_id, monday, n in store.inclusion_counts(last.sunday()):
        week = IsoWeek.of(monday)
        if first <= week <= last and n:
            included.setdefault(programme_id, []).append([str(week), n])
    shared_keys = store.get_setting("programme_keys") or {}
    secret = store.organisation_secret()
    for programme in store.programmes():
        runs = not (
            IsoWeek.parse(programme.last_week) < first or last < IsoWeek.parse(programme.first_week)
        )
        if runs or programme.id in included:
            item: dict[str, Any] = {
                "slug": programme.slug,
                "name": programme.name,
                "first_week": programme.first_week,
                "last_week": programme.last_week,
                "target": programme.target,
                "inclusions": sorted(included.get(programme.id, [])),
            }
            key = shared_keys.get(programme.slug)
            shared = isinstance(key, str)
            item.update(
                _programme_sketches(
                    store,
                    programme.id,
                    bytes.fromhex(key) if shared else programme_key_of(secret, programme.id),
                    first,
                    last,
                    shared=shared,
                )
            )
            programmes.append(item)
    _add_sketches(entries, store.week_person_tokens(str(first), str(last)), person_key(secret))
    return {
        "format": FORMAT,
        "version": VERSION,
        "package_id": str(uuid.uuid4()),
        "device_id": public_key.device_id,
        "device_public_key": public_key.base64,
        "sequence": sequence,
        "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "period": {"first": str(first), "last": str(last)},
        "reporting_day": store.clock().metadata(),
        "threshold": threshold,
        "persons": persons,
        "persons_key": keyed.persons[1],
        "weeks": entries,
        "programmes": programmes,
        "vocabulary": vocabulary,
        "estimates": {"method": SKETCH_METHOD, "organisation": organisation_id(secret)},
    }


def _programme_sketches(
    store: Any, programme_id: str, key: bytes, first: IsoWeek, last: IsoWeek, *, shared: bool
) -> dict[str, Any]:
    """A programme's key id and, per week of the period, the sketch of the persons first
    included that week. A programme shared with partners (O4) is sketched under its shared key
    from the programme tokens; any other under a key of the organisation's own (from its secret
    and the programme's id) from the code tokens, so the organisation's laptops unite (O3)."""
    hashed = Hasher(programme_key_hash(key))
    sketches: dict[str, Sketch] = {}
    for day, token in store.inclusion_tokens(programme_id, last.sunday(), shared=shared):
        week = IsoWeek.of(day)
        if first <= week <= last:
            sketches.setdefault(str(week), Sketch()).add_hash(hashed(token))
    return {
        "key_id": programme_key_id(key),
        "sketches": [[w, sketches[w].encode()] for w in sorted(sketches)],
    }


def programme_key_of(secret: bytes, programme_id: str) -> bytes:
    """The key an organisation's own (not shared) programme is sketched under."""
    context = f"redvan/organisation-programme/v1:{programme_id}".encode()
    return hmac.new(secret, context, hashlib.sha256).digest()


def _add_sketches(
    entries: list[dict[str, Any]], tokens: Iterable[tuple[str, str]], key: bytes
) -> None:
    """Each week that met a coded person gets the sketch of its persons (O3): the keyed hash
    of their tokens, never the tokens or the codes."""
    sketches: dict[str, Sketch] = {}
    hashed = Hasher(key)
    for week, token in tokens:
        sketches.setdefault(week, Sketch()).add_hash(hashed(token))
    for entry in entries:
        sketch = sketches.get(entry["week"])
        if sketch is not None:
            entry["sketch"] = sketch.encode()


def encode(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename), owner-only 0o600."""
    atomic_write_bytes(path, data)


@dataclass(frozen=True)
class Written:
    """What :func:`write_package` wrote."""

    path: Path
    signature: Path
    device_id: str
    sequence: int
    weeks: int
    encrypted: bool


def write_package(
    services: Services,
    first: IsoWeek,
    last: IsoWeek,
    out: Path,
    *,
    recipients: Sequence[str] = (),
    now: datetime | None = None,
) -> Written:
    """Write the signed (and with ``recipients``, encrypted) sync package to ``out``.

    The sequence number and the export's audit event are one transaction with the writing:
    if anything fails, neither file is left behind and the vault is unchanged.
    """
    from redvan.exchange.bundle import signed_export

    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    weeks: list[int] = []

    def make(device_id: str, public_key: str, sequence: int) -> bytes:
        document = build_package(
            services,
            first,
            last,
            public_key=DevicePublicKey(public_key),
            sequence=sequence,
            created=now or datetime.now(UTC),
        )
        problem = _schema_problem(document)
        if problem is not None:  # our own bug; never write a package a merge would refuse
            raise RuntimeError(f"sync package does not follow its schema: {problem}")
        weeks.append(len(document["weeks"]))
        return encode(document)

    device_id, sequence, _ = signed_export(
        services, KIND, KIND, first, last, out, make, recipients=recipients
    )
    return Written(out, signature_path(out), device_id, sequence, weeks[0], bool(recipients))


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncPackage:
    """A sync package that passed every check; ``document`` is its validated JSON."""

    document: Mapping[str, Any]
    sha256: str  # of the canonical JSON: the same package encrypted twice has the same one
    source: str  # the file name it came from, for messages

    @property
    def package_id(self) -> str:
        return str(self.document["package_id"])

    @property
    def device_id(self) -> str:
        return str(self.document["device_id"])

    @property
    def sequence(self) -> int:
        return int(self.document["sequence"])

    @property
    def first(self) -> IsoWeek:
        return IsoWeek.parse(self.document["period"]["first"])

    @property
    def last(self) -> IsoWeek:
        return IsoWeek.parse(self.document["period"]["last"])

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.device_id)

    def weeks(self) -> dict[str, Mapping[str, Any]]:
        return {w["week"]: w for w in self.document["weeks"]}


def fingerprint(device_id: str) -> str:
    return " ".join(device_id[i : i + 4] for i in range(0, len(device_id), 4))


def canonical_sha256(document: Mapping[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _printable(text: str, limit: int = 60) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


@cache
def _fast_validator() -> Any:
    # Inlined too: fastjsonschema makes each reference a function call that formats the
    # path of its value, which was half of merging 50 year packages (B9: 10 -> 4.5 ms each).
    return fastjsonschema.compile(_inlined())


def _schema_problem(document: Any) -> str | None:
    """None when ``document`` follows the schema, else where and how it does not."""
    try:
        _fast_validator()(document)
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema says where and how, in the words of the published schema
    else:
        return None
    error = jsonschema.exceptions.best_match(_validator().iter_errors(document))
    if error is None:
        return None
    where = _printable(error.json_path, 50)
    return f"{where} is not as the format says ({error.validator})"


def read_package(
    path: Path,
    trusted: Sequence[DevicePublicKey],
    identities: Sequence[pyrage.x25519.Identity] = (),
) -> SyncPackage:
    """A sync package from ``path`` and its ``.minisig``: signed by a trusted device, decrypted
    with ``identities`` if it is encrypted, valid by the schema and consistent in itself."""
    name = _printable(path.name)
    data = read_capped(path, MAX_SYNC_BYTES, what="sync package")
    sig_path = signature_path(path)
    if not sig_path.exists():
        raise ImportRefused(
            f"The sync package {name} has no signature ({name}.minisig) next to it; "
            "a package that is not signed is refused."
        )
    signature = read_capped(sig_path, MAX_SIGNATURE_BYTES, what="signature file")
    try:
        verdict = verify(data, signature, trusted)
    except SignatureError as exc:
        raise ImportRefused(f"{name}: {exc}") from None
    if not verdict.valid:
        if verdict.signer is None:
            raise ImportRefused(
                f"{name} is signed by device {verdict.fingerprint}, which is not among your "
                "trusted devices; check its fingerprint with that device's coordinator and "
                "add its key with --pubkey or to trusted-devices.pub."
            )
        raise ImportRefused(
            f"The signature of {name} does not match its content (device "
            f"{verdict.fingerprint}): the file was changed after it was signed."
        )
    comment = _COMMENT_RE.match(verdict.trusted_comment)
    if comment is None:
        raise ImportRefused(f"{name} is signed, but not as a sync package (its trusted comment).")
    if is_age(data):
        if not identities:
            raise ImportRefused(
                f"{name} is encrypted; give the age key file it was encrypted to with --identity."
            )
        try:
            data = decrypt(data, identities)
        except EncryptionError as exc:
            raise ImportRefused(f"{name}: {exc}") from None
        if len(data) > MAX_SYNC_BYTES:
            raise ImportRefused(f"{name} decrypts to more than any genuine sync package holds.")
    document = parse_json(data, what=f"sync package {name}")
    check_document(document, name)
    device, sequence, first, last = comment.groups()
    if (device, int(sequence), first, last) != (
        document["device_id"],
        document["sequence"],
        document["period"]["first"],
        document["period"]["last"],
    ):
        raise ImportRefused(
            f"The signature of {name} names device, sequence or period other than the package "
            "itself: refused as tampered."
        )
    if device != verdict.device_id:
        raise ImportRefused(f"{name} is signed by a device other than the one it names.")
    return SyncPackage(document, canonical_sha256(document), name)


def check_document(document: Any, name: str) -> None:
    """Schema validation and the checks a schema cannot express, as :class:`ImportRefused`."""
    if _has_float(document):  # JSON Schema takes 5.0 for an integer; counts are whole numbers
        raise ImportRefused(f"The sync package {name} holds a number with a decimal point.")
    problem = _schema_problem(document)
    if problem is not None:
        raise ImportRefused(f"The sync package {name} is not a valid sync package: {problem}.")

    def refuse(why: str) -> ImportRefused:
        return ImportRefused(f"The sync package {name} is not consistent: {why}.")

    try:
        key = DevicePublicKey.parse(document["device_public_key"])
    except SignatureError:
        raise refuse("its public key cannot be read") from None
    if key.device_id != document["device_id"]:
        raise refuse("its public key is not the key of the device it names")
    try:
        first = IsoWeek.parse(document["period"]["first"])
        last = IsoWeek.parse(document["period"]["last"])
        weeks = [IsoWeek.parse(w["week"]) for w in document["weeks"]]
    except ValueError:
        raise refuse("a week does not exist") from None
    if last < first:
        raise refuse("its period ends before it begins")
    if weeks != week_range(first, last):
        raise refuse("its weeks are not exactly the weeks of its period, in order")
    for entry in document["weeks"]:
        _check_week(entry, refuse)
    if document["persons"] > sum(w["totals"]["persons"] for w in document["weeks"]):
        raise refuse("it counts more persons over the period than in its weeks together")
    if document["weeks"] and document["persons"] < max(
        w["totals"]["persons"] for w in document["weeks"]
    ):
        raise refuse("it counts fewer persons over the period than in one of its weeks")
    _check_sketches(document, refuse)
    seen: set[tuple[str, str]] = set()
    for entry in document["vocabulary"]:
        pair = (entry["kind"], entry["slug"])
        if pair in seen or not entry["slug"]:
            raise refuse("its vocabulary names a value twice or an empty one")
        seen.add(pair)
    slugs: set[str] = set()
    for programme in document["programmes"]:
        if programme["slug"] in slugs:
            raise refuse("it names a programme twice")
        slugs.add(programme["slug"])
        try:
            included = [IsoWeek.parse(w) for w, _ in programme["inclusions"]]
            IsoWeek.parse(programme["first_week"])
            IsoWeek.parse(programme["last_week"])
        except ValueError:
            raise refuse("a programme week does not exist") from None
        if any(not first <= w <= last for w in included) or len(set(included)) != len(included):
            raise refuse("a programme's inclusions lie outside the period or repeat a week")
        _check_programme_sketches(programme, refuse)


def _check_sketches(document: Mapping[str, Any], refuse: Any) -> None:
    """A package with estimates has a sketch for exactly the weeks that met a coded person,
    each readable and setting no more registers than the week has persons."""
    with_estimates = "estimates" in document
    for entry in document["weeks"]:
        text, persons = entry.get("sketch"), entry["totals"]["persons"]
        if text is None:
            if with_estimates and persons:
                raise refuse(f"week {entry['week']} has persons but no person sketch")
            continue
        if not with_estimates or not persons:
            raise refuse(f"week {entry['week']} has a person sketch it cannot have")
        try:
            filled = Sketch.decode(text).filled
        except SketchError as exc:
            raise refuse(f"in week {entry['week']}, {str(exc).rstrip('.').lower()}") from None
        if filled > persons:
            raise refuse(f"week {entry['week']}'s person sketch holds more persons than the week")


def _check_programme_sketches(programme: Mapping[str, Any], refuse: Any) -> None:
    """A shared programme has a sketch for exactly its weeks with inclusions, each holding no
    more persons than were included that week."""
    if ("key_id" in programme) != ("sketches" in programme):
        raise refuse("a programme has inclusion sketches without a key id, or the reverse")
    if "sketches" not in programme:
        return
    counts = {w: n for w, n in programme["inclusions"] if n}
    weeks = [w for w, _ in programme["sketches"]]
    if sorted(weeks) != sorted(counts) or len(set(weeks)) != len(weeks):
        raise refuse("a programme's inclusion sketches are not those of its weeks")
    for week, text in programme["sketches"]:
        try:
            filled = Sketch.decode(text).filled
        except SketchError:
            raise refuse("a programme's inclusion sketch cannot be read") from None
        if filled > counts[week] or filled < 1:
            raise refuse("a programme's inclusion sketch does not fit its inclusions")


def _has_float(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _check_week(entry: Mapping[str, Any], refuse: Any) -> None:
    totals, tables, week = entry["totals"], entry["tables"], entry["week"]
    for key, cells in tables.items():
        group, kind = TABLES[key]
        total = sum(cells.values())
        if group is None:
            if any(n > totals[CONTACTS] for n in cells.values()):
                raise refuse(f"week {week} has more services than contacts")
            continue
        if kind is TableKind.PARTITION and total != totals[group]:
            raise refuse(f"in week {week}, {key} does not add up to {group}")
        if kind is TableKind.MULTIPLE and (
            any(n > totals[group] for n in cells.values())
            or (totals[group] and total < totals[group])
        ):
            raise refuse(f"in week {week}, {key} does not fit {group}")
    if not set(entry["quantities"]) <= set(tables.get("services", {})):
        raise refuse(f"week {week} has quantities of services it did not give")
    if totals[PERSONS] > tables.get("contacts.code", {}).get("coded", 0):
        raise refuse(f"week {week} has more persons than contacts with a code")


def read_packages(
    paths: Iterable[Path],
    trusted: Sequence[DevicePublicKey],
    identities: Sequence[pyrage.x25519.Identity] = (),
) -> tuple[list[SyncPackage], list[str]]:
    """Every package that passes :func:`read_package`, and one sentence per refused file."""
    good, refused = [], []
    for path in paths:
        try:
            good.append(read_package(path, trusted, identities))
        except ImportRefused as exc:
            refused.append(str(exc))
    return good, refused
