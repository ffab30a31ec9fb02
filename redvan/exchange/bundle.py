"""Audit bundles (SPEC X5): one signed file an auditor can check without the vault.

A bundle is a zip (suffix ``.rvaudit``) of five members:

* ``manifest.json`` — format, version, device id and public key, sequence number, period, the
  UTC minute it was made, and the name, size and SHA-256 of every other member;
* ``rows.json`` — one de-identified row per contact: its ISO week, a pseudonym for its person
  (fresh and random in every bundle, never stored), the services given with their quantities and
  the status of every referral made. No demographics, codes, aliases, notes, staff, zones or
  times; rows are sorted by their content within their week so their order says nothing;
* ``tally.json`` — the exact tally of the period (R1), as ``redvan tally --format json`` writes;
* ``report.pdf`` — the published period report, with disclosure control;
* ``audit-summary.json`` — how many audit events of each action and entity kind happened in each
  week, whether the vault's audit chain verified and its head hash: no staff, no entity ids.

The zip is signed like every export (``.minisig`` beside it; trusted comment
``redvan-audit device=… seq=… period=…``) and optionally encrypted to an age recipient first.

:func:`open_bundle` reads a bundle as hostile input (SPEC X7), entirely in memory, checks its
signature and manifest, and recomputes from the rows every tally figure the rows can show
(:class:`Figure`). It writes nothing anywhere.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import hashlib
import io
import json
import os
import re
import stat
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from itertools import chain, groupby, repeat
from operator import add, itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import jsonschema

from redvan.core.audit_names import ACTION_RE, ENTITY_RE, summary_name
from redvan.core.weeks import IsoWeek
from redvan.exchange.hostile import MAX_BUNDLE_BYTES, ImportRefused, parse_json, read_capped
from redvan.exchange.rowstream import MAX_ROWS, Streamed, stream_rows
from redvan.exchange.signing import (
    MAX_SIGNATURE_BYTES,
    DevicePublicKey,
    EncryptionError,
    SignatureError,
    Verdict,
    decrypt,
    device_key,
    encrypt,
    is_age,
    next_sequence,
    parse_recipient,
    signature_path,
    verify,
)
from redvan.storage.files import atomic_write_bytes

if TYPE_CHECKING:
    from redvan.core.services import Services

BUNDLE_SUFFIX = ".rvaudit"
BUNDLE_FORMAT = "redvan-audit-bundle"
ROWS_FORMAT = "redvan-audit-rows"
SUMMARY_FORMAT = "redvan-audit-summary"
BUNDLE_VERSION = 1
COMMENT_KIND = "redvan-audit"

MANIFEST, ROWS, TALLY, REPORT, SUMMARY = (
    "manifest.json",
    "rows.json",
    "tally.json",
    "report.pdf",
    "audit-summary.json",
)
MEMBERS = (MANIFEST, ROWS, TALLY, REPORT, SUMMARY)
# Largest genuine member, uncompressed. A year of a big team is ~100k rows of ~30 bytes.
MAX_MEMBER_BYTES: Mapping[str, int] = {
    MANIFEST: 64 * 1024,
    ROWS: 160 * 1024 * 1024,
    TALLY: 8 * 1024 * 1024,
    REPORT: 64 * 1024 * 1024,
    SUMMARY: 8 * 1024 * 1024,
}
MAX_TOTAL_BYTES = 224 * 1024 * 1024
# Rows compress well (the same weeks and services again and again), but not a thousandfold.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # below this size the ratio does not matter: the size cap does
MAX_ZIP_ENTRIES = 16
MAX_QUANTITY = 1_000_000
MAX_REFERRALS_PER_ROW = 64
MAX_SERVICES_PER_ROW = 64

PSEUDONYM_RE = re.compile(r"^P-[0-9A-F]{4,12}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
COMMENT_RE = re.compile(
    r"^redvan-(?P<kind>[a-z0-9-]+) device=(?P<device>[0-9A-F]{16}) seq=(?P<seq>[0-9]+) "
    r"period=(?P<first>[0-9]{4}-W[0-9]{2})\.\.(?P<last>[0-9]{4}-W[0-9]{2})$"
)

RowTuple = tuple[str, str | None, tuple[tuple[str, int], ...], tuple[str, ...]]


class BundleEncrypted(ImportRefused):
    """The bundle is age-encrypted and no (matching) identity was given."""


# -- the public data ------------------------------------------------------------------------


class AuditRow(NamedTuple):
    """One de-identified contact.

    A named tuple rather than a frozen dataclass: :func:`open_bundle` makes ~100k of them
    for a year, and a tuple is made in C (budget B9)."""

    week: str  # "2026-W48"
    person: str | None  # per-bundle random pseudonym like "P-7F3A"; None for an uncoded contact
    services: tuple[tuple[str, int], ...]  # (service slug, quantity)
    referrals: tuple[str, ...]  # one referral status per referral made at this contact


@dataclass(frozen=True)
class Figure:
    """One figure of the bundle's tally, and what the rows say it should be."""

    key: str  # stable, e.g. "contacts", "persons", "services.condoms.contacts"
    label_en: str
    label_da: str
    stated: int  # what the bundle's tally says
    recomputed: int | None  # None when the rows cannot show it (e.g. contacts by zone)

    @property
    def status(self) -> str:
        """``"match"``, ``"mismatch"`` or ``"not-recomputable"``."""
        if self.recomputed is None:
            return "not-recomputable"
        return "match" if self.recomputed == self.stated else "mismatch"

    def label(self, language: str) -> str:
        return self.label_da if language.startswith("da") else self.label_en


@dataclass(frozen=True)
class OpenedBundle:
    """An audit bundle read and checked in memory."""

    path_name: str
    verdict: Verdict | None  # None if there is no (readable) .minisig beside the file
    signature_problem: str  # "" or a sentence
    manifest_problems: tuple[str, ...]
    device_id: str
    sequence: int
    period_first: str
    period_last: str
    created: str
    rows: tuple[AuditRow, ...]
    figures: tuple[Figure, ...]
    audit_summary: Mapping[str, Any]
    report_pdf: bytes
    trusted_keys: tuple[DevicePublicKey, ...]
    tally: Mapping[str, Any] | None = None  # tally.json as read
    encrypted: bool = False
    device_public_key: str = ""  # the key the manifest names (not trusted by itself)

    @property
    def ok(self) -> bool:
        """Signature valid and trusted, manifest clean, every figure matches or cannot be shown."""
        return (
            self.verdict is not None
            and self.verdict.valid
            and self.verdict.trusted
            and not self.signature_problem
            and not self.manifest_problems
            and not self.mismatches
        )

    @property
    def mismatches(self) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if f.status == "mismatch")

    def problems(self) -> list[str]:
        """Every reason the bundle is not ``ok``, one sentence each."""
        out = []
        if self.signature_problem:
            out.append(self.signature_problem)
        elif self.verdict is None:
            out.append("The bundle has no signature.")
        out.extend(self.manifest_problems)
        bad = self.mismatches
        if bad:
            shown = ", ".join(f"{f.key} (stated {f.stated}, rows {f.recomputed})" for f in bad[:5])
            more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
            out.append(f"{len(bad)} figure(s) do not match the rows: {shown}{more}.")
        return out


@dataclass(frozen=True)
class BundleSummary:
    """What :func:`write_audit_bundle` wrote."""

    path: Path
    signature: Path
    device_id: str
    sequence: int
    rows: int
    encrypted: bool
    trusted_comment: str

    def __str__(self) -> str:
        how = ", encrypted" if self.encrypted else ""
        return (
            f"Wrote the audit bundle {self.path} ({self.rows:,} rows{how}), signed by device "
            f"{self.device_id} as number {self.sequence}; signature in {self.signature.name}."
        )


# What reading a damaged or hostile zip archive can raise (zipfile, zlib and the codecs do not
# keep to one exception type); each means "the archive cannot be read".
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
    KeyError,
    IndexError,
    OverflowError,
    UnicodeError,
)


def weekly(rows: Iterable[AuditRow]) -> list[tuple[str, int, int]]:
    """(week, contacts, distinct persons) for every week the rows cover, in order."""
    contacts: Counter[str] = Counter()
    persons: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        contacts[row.week] += 1
        if row.person is not None:
            persons[row.week].add(row.person)
    return [(w, contacts[w], len(persons[w])) for w in sorted(contacts)]


# -- files ----------------------------------------------------------------------------------


def trusted_comment(kind: str, device_id: str, sequence: int, first: IsoWeek, last: IsoWeek) -> str:
    return f"redvan-{kind} device={device_id} seq={sequence} period={first}..{last}"


def signed_export(
    services: Services,
    kind: str,
    what: str,
    first: IsoWeek,
    last: IsoWeek,
    out: Path,
    make: Callable[[str, str, int], bytes],
    *,
    recipients: Sequence[str] = (),
) -> tuple[str, int, str]:
    """Take the next sequence number, make the file's bytes with ``make(device_id, public key,
    sequence)``, encrypt them if asked, sign them and write file and ``.minisig`` — all inside
    one vault transaction with the export's audit event, so a failure leaves neither a file
    nor a used number. Returns (device id, sequence, trusted comment)."""
    for recipient in recipients:
        parse_recipient(recipient)  # a bad recipient fails before any work
    store = services.store
    key = device_key(store)
    sig_path = signature_path(out)
    written: list[Path] = []
    try:
        with store.transaction():
            sequence = next_sequence(store)
            data = make(key.device_id, key.public.base64, sequence)
            if recipients:
                data = encrypt(data, recipients)
            comment = trusted_comment(kind, key.device_id, sequence, first, last)
            signature = key.sign(data, comment)
            services.record_export(what, first, last)
            atomic_write_bytes(out, data)
            written.append(out)
            atomic_write_bytes(sig_path, signature)
            written.append(sig_path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return key.device_id, sequence, comment


# -- writing --------------------------------------------------------------------------------


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _random_numbers(count: int, below: int) -> list[int]:
    """``count`` distinct numbers drawn uniformly (by rejection) below ``below``, from the OS's
    random source."""
    width = (below - 1).bit_length()
    nbytes = (width + 7) // 8
    mask = (1 << width) - 1
    chosen: dict[int, None] = {}
    while len(chosen) < count:
        need = count - len(chosen)
        pool = os.urandom(nbytes * (need + need // 4 + 8))
        for i in range(0, len(pool), nbytes):
            n = int.from_bytes(pool[i : i + nbytes], "big") & mask
            if n < below:
                chosen[n] = None
                if len(chosen) == count:
                    break
    return list(chosen)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for a bulk job.

    Reading or writing a year's rows makes some 500k tuples and lists, none of them in a
    reference cycle; the collector would walk every one of them again and again as they pile
    up, which took more time than all the rest of the reading (budget B9). Whatever cycles
    the job does make are collected once it is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rows_json(rows: Sequence[RowTuple], first_week: str, last_week: str) -> bytes:
    """rows.json of ``rows``, with a fresh random pseudonym per profile, grouped by week.

    The mapping lives only in this function's memory: a later bundle gives the same person a
    different pseudonym, so bundles cannot be joined person by person. Within a week the rows
    are sorted by their own content (pseudonym first, which is random; then services and
    referrals), so their order says nothing about when or in which order the contacts were
    recorded.

    A year of a big team is ~100k rows holding a few thousand distinct persons and service
    sets: each distinct value is turned into JSON (and ranked for sorting) once, and every
    row is put together from those pieces by C-speed maps and a sort of numbers (budget B9).
    """
    profile_ids = dict.fromkeys(map(itemgetter(1), rows))
    profile_ids.pop(None, None)
    width = 4
    while 16**width < 16 * max(len(profile_ids), 1):
        width += 1
    numbers = _random_numbers(len(profile_ids), 16**width)
    # Services and referrals: shown sorted, ranked by their sorted value for the row order.
    given = {svc: tuple(sorted(svc)) for svc in set(map(itemgetter(2), rows))}
    referred = {ref: tuple(sorted(ref)) for ref in set(map(itemgetter(3), rows))}
    service_rank = {v: n for n, v in enumerate(sorted(set(given.values())))}
    referral_rank = {v: n for n, v in enumerate(sorted(set(referred.values())))}
    # A row's sort key is one number: (pseudonym, services rank, referrals rank) in mixed
    # radix. Pseudonyms are fixed-width hex, so their numbers sort as their names do; an
    # uncoded contact (0) sorts first.
    radix_r = len(referral_rank)
    radix_s = len(service_rank) * radix_r
    person_key: dict[str | None, int] = {
        pid: (n + 1) * radix_s for pid, n in zip(profile_ids, numbers, strict=True)
    }
    person_key[None] = 0
    service_key = {svc: service_rank[v] * radix_r for svc, v in given.items()}
    referral_key = {ref: referral_rank[v] for ref, v in referred.items()}
    person_text: dict[str | None, str] = {
        pid: f'"P-{n:0{width}X}"' for pid, n in zip(profile_ids, numbers, strict=True)
    }
    person_text[None] = "null"
    service_text = {svc: _json_text(dict(v)) for svc, v in given.items()}
    referral_text = {ref: _json_text(list(v)) for ref, v in referred.items()}
    row_text = "[%s,%s,%s]".__mod__
    weeks = []
    for week, group in groupby(sorted(rows, key=itemgetter(0)), key=itemgetter(0)):
        week_rows = list(group)
        people = list(map(itemgetter(1), week_rows))
        services = list(map(itemgetter(2), week_rows))
        referrals = list(map(itemgetter(3), week_rows))
        keys = list(
            map(
                add,
                map(
                    add,
                    map(person_key.__getitem__, people),
                    map(service_key.__getitem__, services),
                ),
                map(referral_key.__getitem__, referrals),
            )
        )
        texts = list(
            map(
                row_text,
                zip(
                    map(person_text.__getitem__, people),
                    map(service_text.__getitem__, services),
                    map(referral_text.__getitem__, referrals),
                    strict=True,
                ),
            )
        )
        order = sorted(range(len(keys)), key=keys.__getitem__)
        weeks.append(
            f'{{"week":{_json_text(week)},"rows":[{",".join(map(texts.__getitem__, order))}]}}'
        )
    head = _json_text(
        {
            "format": ROWS_FORMAT,
            "version": BUNDLE_VERSION,
            "first_week": first_week,
            "last_week": last_week,
        }
    )
    return f'{head[:-1]},"weeks":[{",".join(weeks)}]}}'.encode()


def audit_summary(services: Services, first: IsoWeek, last: IsoWeek) -> dict[str, Any]:
    """The PII-free summary of the vault's audit log for the weeks ``first..last``."""
    store = services.store
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for day, action, entity, n in store.audit_log_counts(first.monday(), last.sunday()):
        try:
            week = str(IsoWeek.of(datetime.fromisoformat(day)))
        except ValueError:
            continue
        # Every name the app writes follows the rule; one from before it is made to follow it.
        counts[week][(summary_name(action, ACTION_RE), summary_name(entity, ENTITY_RE))] += n
    ok, events, head, reason = store.audit_chain()
    return {
        "format": SUMMARY_FORMAT,
        "version": BUNDLE_VERSION,
        "first_week": str(first),
        "last_week": str(last),
        "chain": {"verified": ok, "events": events, "head": head, "problem": reason},
        "weeks": [
            {
                "week": week,
                "events": [
                    {"action": a, "entity": e, "count": n}
                    for (a, e), n in sorted(counts[week].items())
                ],
            }
            for week in sorted(counts)
        ],
    }


def _bundle_zip(members: Sequence[tuple[str, bytes]], created: datetime) -> bytes:
    stamp = (created.year, created.month, created.day, created.hour, created.minute, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (stat.S_IFREG | 0o600) << 16
            info.compress_type = zipfile.ZIP_STORED if name == REPORT else zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def write_audit_bundle(
    services: Services,
    first: IsoWeek,
    last: IsoWeek,
    out: Path,
    *,
    recipients: Sequence[str] = (),
    lang: str = "en",
    now: datetime | None = None,
) -> BundleSummary:
    """Write the audit bundle of weeks ``first..last`` to ``out`` and its signature beside it."""
    from redvan.core.disclosure import disclose
    from redvan.core.tally import category_label
    from redvan.reports.tally_pdf import tally_pdf
    from redvan.reports.tally_text import tally_json

    if last < first:
        raise ValueError(f"The period ends ({last}) before it starts ({first}).")
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(second=0, microsecond=0)
    local = services.clock().now(moment)  # the vault's wall clock, not the machine's
    disclosed = disclose(services.tally(first, last))
    tally_doc = tally_json(disclosed, moment)
    vocabulary = disclosed.tally.vocabulary
    for table in tally_doc["tables"]:
        for cell in table["cells"]:
            cell["label_da"] = category_label(table["key"], cell["category"], "da", vocabulary)
    with _collector_paused():
        raw_rows = services.store.audit_rows(str(first), str(last))
        rows_member = rows_json(raw_rows, str(first), str(last))
    members: list[tuple[str, bytes]] = [
        (ROWS, rows_member),
        (TALLY, _json_bytes(tally_doc)),
        (REPORT, tally_pdf(disclosed, lang, local)),
        (SUMMARY, _json_bytes(audit_summary(services, first, last))),
    ]
    created = moment.strftime("%Y-%m-%dT%H:%MZ")

    def make(device_id: str, public_key: str, sequence: int) -> bytes:
        manifest = {
            "format": BUNDLE_FORMAT,
            "version": BUNDLE_VERSION,
            "device_id": device_id,
            "device_public_key": public_key,
            "sequence": sequence,
            "period": {"first": str(first), "last": str(last)},
            "created": created,
            "members": [
                {"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                for n, d in members
            ],
        }
        return _bundle_zip([(MANIFEST, _json_bytes(manifest)), *members], moment)

    device_id, sequence, comment = signed_export(
        services, "audit", "audit-bundle", first, last, out, make, recipients=recipients
    )
    return BundleSummary(
        out, signature_path(out), device_id, sequence, len(raw_rows), bool(recipients), comment
    )


# -- reading --------------------------------------------------------------------------------


def _schema_dir() -> Path:
    from redvan.resources import resource_path

    return resource_path("schemas")


@cache
def schema(name: str) -> Mapping[str, Any]:
    """A published JSON Schema from resources/schemas (``audit-manifest`` …)."""
    path = _schema_dir() / f"{name}.schema.json"
    value: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return value


@cache
def _validator(name: str) -> Any:
    doc = schema(name)
    if name == "audit-rows":
        # jsonschema takes seconds over 100k rows: the envelope is checked by it, every row
        # by _week_rows() below, which enforces exactly the published schema's row definition.
        doc = copy.deepcopy(dict(doc))
        doc["properties"]["weeks"]["items"]["properties"]["rows"] = {"type": "array"}
    cls = jsonschema.validators.validator_for(doc)
    cls.check_schema(doc)
    return cls(doc)


def _validate(name: str, value: Any, what: str) -> None:
    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(value))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        raise ImportRefused(f"The bundle's {what} does not follow its schema (at {where}).")


def _zip_members(data: bytes) -> dict[str, bytes]:
    """The members of a bundle zip but rows.json, read with every X7 check (rows.json's entry
    is checked here, its content by :func:`_read_rows_member`); ImportRefused otherwise."""
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused("The file is not an audit bundle (it is not a zip archive).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ImportRefused(f"The bundle holds {len(infos)} files; a genuine one holds 5.")
            seen: set[str] = set()
            for info in infos:
                name = info.filename
                if name not in MEMBERS or info.orig_filename != name:
                    raise ImportRefused(
                        "The bundle holds a file that does not belong in one "
                        f"({_printable(info.orig_filename)})."
                    )
                if name in seen:
                    raise ImportRefused(f"The bundle holds {name} twice.")
                seen.add(name)
                kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when no Unix mode is given
                if info.is_dir() or kind not in (0, stat.S_IFREG):
                    raise ImportRefused(f"{name} in the bundle is not a plain file.")
                if info.flag_bits & 0x1:
                    raise ImportRefused(f"{name} in the bundle is encrypted inside the zip.")
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise ImportRefused(f"{name} in the bundle uses an unknown compression.")
                if info.file_size > MAX_MEMBER_BYTES[name]:
                    raise ImportRefused(f"{name} in the bundle is larger than a genuine one.")
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise ImportRefused(f"{name} in the bundle is compressed suspiciously well.")
            missing = [m for m in MEMBERS if m not in seen]
            if missing:
                raise ImportRefused(f"The bundle has no {missing[0]}.")
            out: dict[str, bytes] = {}
            total = sum(i.file_size for i in infos if i.filename == ROWS)
            for info in infos:
                name = info.filename
                if name == ROWS:
                    continue  # streamed by _read_rows_member once the signature is checked
                cap = MAX_MEMBER_BYTES[name]
                with zf.open(info) as member:
                    content = member.read(cap + 1)
                if len(content) > cap:
                    raise ImportRefused(f"{name} in the bundle is larger than a genuine one.")
                if len(content) != info.file_size:
                    raise ImportRefused(f"{name} in the bundle is not the size its entry says.")
                if len(content) > RATIO_FLOOR and len(content) > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise ImportRefused(f"{name} in the bundle is compressed suspiciously well.")
                total += len(content)
                if total > MAX_TOTAL_BYTES:
                    raise ImportRefused("The bundle unpacks to more than a genuine one.")
                out[name] = content
            return out
    except ImportRefused:
        raise
    except ZIP_ERRORS as exc:
        raise ImportRefused("The audit bundle is damaged: its zip archive cannot be read.") from exc


def _printable(name: str) -> str:
    shown = "".join(c if c.isprintable() else "?" for c in name[:60])
    return shown or "a nameless file"


_new_row = partial(tuple.__new__, AuditRow)


class _Checked:
    """Pseudonyms, service sets and referral lists already checked: a year's 100k rows hold
    only a few thousand distinct ones, each shared by all the rows that have it."""

    def __init__(self) -> None:
        self.people: set[Any] = {None}
        self.services: dict[Any, tuple[tuple[str, int], ...]] = {(): ()}
        self.referrals: dict[Any, tuple[str, ...]] = {(): ()}
        self.pairs: set[tuple[str, int]] = set()


def _week_rows(raw: list[Any], week: str, checked: _Checked) -> list[AuditRow]:
    """A batch of raw rows of one week (:mod:`redvan.exchange.rowstream`), each checked as
    audit-rows.schema.json's ``row`` says (a property test keeps the two in step).

    Column by column rather than row by row: type and length checks, unzipping and hashing
    run in C over the whole week, and only the distinct values not seen before are looked
    at in Python. A JSON object is a tuple here, an array a list, and there are no booleans
    or fractions (the stream refuses them), so values that compare equal are the same."""
    if not raw:
        return []
    if set(map(type, raw)) != {list} or set(map(len, raw)) != {3}:
        raise ImportRefused(f"A row of {week} in the bundle is not [person, services, referrals].")
    people, given, referred = zip(*raw, strict=True)
    try:
        new_people = set(people).difference(checked.people)
    except TypeError:  # a list where a pseudonym belongs
        raise ImportRefused(f"A row of {week} in the bundle has a malformed pseudonym.") from None
    for person in new_people:
        if type(person) is not str or not PSEUDONYM_RE.fullmatch(person):
            raise ImportRefused(f"A row of {week} in the bundle has a malformed pseudonym.")
    checked.people |= new_people
    if set(map(type, given)) != {tuple}:
        raise ImportRefused(f"A row of {week} in the bundle has malformed services.")
    try:
        new_services = list(set(given).difference(checked.services))
    except TypeError:  # a quantity that is a list (or an object holding one)
        raise ImportRefused(f"A row of {week} in the bundle has a malformed service.") from None
    # Each distinct (service, quantity) pair is checked once; a set of them only for its
    # size and for a service named twice (a dict of its pairs is then smaller).
    sizes = list(map(len, new_services))
    if max(sizes, default=0) > MAX_SERVICES_PER_ROW:
        raise ImportRefused(f"A row of {week} in the bundle has malformed services.")
    if sizes != list(map(len, map(dict, new_services))):
        raise ImportRefused(f"A row of {week} in the bundle names a service twice.")
    for slug, quantity in set(chain.from_iterable(new_services)).difference(checked.pairs):
        if (
            not SLUG_RE.fullmatch(slug)
            or type(quantity) is not int
            or not 1 <= quantity <= MAX_QUANTITY
        ):
            raise ImportRefused(f"A row of {week} in the bundle has a malformed service.")
        checked.pairs.add((slug, quantity))
    checked.services.update(zip(new_services, new_services, strict=True))
    if set(map(type, referred)) != {list}:
        raise ImportRefused(f"A row of {week} in the bundle has malformed referrals.")
    statuses = list(map(tuple, referred))
    try:
        new_referrals = set(statuses).difference(checked.referrals)
    except TypeError:  # a list or an object where a status belongs
        raise ImportRefused(f"A row of {week} in the bundle has a malformed referral.") from None
    for items in new_referrals:
        if len(items) > MAX_REFERRALS_PER_ROW or not all(
            type(status) is str and SLUG_RE.fullmatch(status) for status in items
        ):
            raise ImportRefused(f"A row of {week} in the bundle has a malformed referral.")
        checked.referrals[items] = items
    return list(
        map(
            _new_row,
            zip(
                repeat(week),
                people,
                map(checked.services.__getitem__, given),
                map(checked.referrals.__getitem__, statuses),
            ),
        )
    )


def read_rows(data: bytes, first: IsoWeek, last: IsoWeek) -> tuple[AuditRow, ...]:
    """The rows of rows.json (its bytes) of a bundle of the weeks ``first..last``, checked."""
    return _stream_read_rows(io.BytesIO(data), len(data), first, last)[0]


def _stream_read_rows(
    stream: IO[bytes], cap: int, first: IsoWeek, last: IsoWeek
) -> tuple[tuple[AuditRow, ...], Streamed]:
    """rows.json read from ``stream`` with bounded memory (:mod:`redvan.exchange.rowstream`):
    the envelope by the published schema (jsonschema takes seconds over 100k rows, so not the
    rows themselves), every row by :func:`_week_rows`, which enforces exactly the schema's row
    definition, a batch at a time, and never more than ``rowstream.MAX_ROWS`` rows."""
    out: list[AuditRow] = []
    seen: set[str] = set()
    checked = _Checked()

    def check_week(week: str) -> None:
        try:
            parsed = IsoWeek.parse(week)
        except ValueError:
            raise ImportRefused(
                f"The bundle's rows name a week that does not exist ({week})."
            ) from None
        if not first <= parsed <= last:
            raise ImportRefused(f"The bundle's rows hold a week outside its period ({week}).")
        if week in seen:
            raise ImportRefused(f"The bundle's rows list the week {week} twice.")
        seen.add(week)

    def take_rows(raw: list[Any], week: str) -> int:
        if len(out) + len(raw) > MAX_ROWS:
            return len(out) + len(raw)  # refused before the rows are made
        out.extend(_week_rows(raw, week, checked))
        return len(out)

    with _collector_paused():
        streamed = stream_rows(stream, cap, check_week, take_rows)
    doc = streamed.envelope
    _validate("audit-rows", doc, "rows")
    if doc["first_week"] != str(first) or doc["last_week"] != str(last):
        raise ImportRefused("The bundle's rows are of another period than its manifest.")
    return tuple(out), streamed


def _read_rows_member(
    plain: bytes, first: IsoWeek, last: IsoWeek
) -> tuple[tuple[AuditRow, ...], tuple[int, str]]:
    """The rows of the bundle zip ``plain`` (already checked by :func:`_zip_members`), read as
    a stream, and rows.json's (size, SHA-256) for the manifest check."""
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as zf:
            info = zf.getinfo(ROWS)
            with zf.open(info) as member:
                rows, streamed = _stream_read_rows(member, MAX_MEMBER_BYTES[ROWS], first, last)
    except ImportRefused:
        raise
    except ZIP_ERRORS as exc:
        raise ImportRefused("The audit bundle is damaged: its zip archive cannot be read.") from exc
    if streamed.size != info.file_size:
        raise ImportRefused(f"{ROWS} in the bundle is not the size its entry says.")
    if streamed.size > RATIO_FLOOR and streamed.size > MAX_RATIO * max(info.compress_size, 1):
        raise ImportRefused(f"{ROWS} in the bundle is compressed suspiciously well.")
    return rows, (streamed.size, streamed.sha256)


def _labels(key: str) -> tuple[str, str]:
    from redvan.reports.texts import table_title, text

    if key.startswith("total."):
        name = key.removeprefix("total.")
        return text("en").get(f"total_{name}", name), text("da").get(f"total_{name}", name)
    return table_title(key, "en"), table_title(key, "da")


def figures(tally: Mapping[str, Any], rows: Sequence[AuditRow]) -> tuple[Figure, ...]:
    """Every figure of the tally, each with its value recomputed from the rows where it can be."""
    contacts = len(rows)
    # C-speed passes over the rows (budget B9); pseudonyms are never empty strings.
    people = list(filter(None, map(itemgetter(1), rows)))
    coded = len(people)
    persons = len(set(people))
    weeks: Counter[str] = Counter(map(itemgetter(0), rows))
    # Count each distinct service set and referral list, then expand.
    by_services: Counter[tuple[tuple[str, int], ...]] = Counter(map(itemgetter(2), rows))
    by_referrals: Counter[tuple[str, ...]] = Counter(map(itemgetter(3), rows))
    service_contacts: Counter[str] = Counter()
    service_quantity: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for given, n in by_services.items():
        for slug, quantity in given:
            service_contacts[slug] += n
            service_quantity[slug] += quantity * n
    for referred, n in by_referrals.items():
        for status in referred:
            statuses[status] += n
    computed_totals = {
        "contacts": contacts,
        "persons": persons,
        "referrals": sum(statuses.values()),
    }
    per_table: dict[str, Mapping[str, int]] = {
        "contacts.code": {"coded": coded, "uncoded": contacts - coded},
        "contacts.week": weeks,
        "services": service_contacts,
        "referrals.status": statuses,
    }
    out: list[Figure] = []
    for name, shown in tally["totals"].items():
        en, da = _labels(f"total.{name}")
        out.append(Figure(name, en, da, shown["count"], computed_totals.get(name)))
    for table in tally["tables"]:
        key = table["key"]
        if key == "series":
            continue  # weeks before the period: not in the rows by design
        title_en, title_da = _labels(key)
        counted = per_table.get(key)
        stated_categories = set()
        for cell in table["cells"]:
            category = cell["category"]
            stated_categories.add(category)
            label_en = cell.get("label") or category or "—"
            label_da = cell.get("label_da") or label_en
            suffix = ".contacts" if key == "services" else ""
            out.append(
                Figure(
                    f"{key}.{category}{suffix}",
                    f"{title_en}: {label_en}",
                    f"{title_da}: {label_da}",
                    cell["count"],
                    None if counted is None else counted.get(category, 0),
                )
            )
        if key == "services":
            names = {
                c["category"]: (c.get("label") or c["category"], c.get("label_da") or c["category"])
                for c in table["cells"]
            }
            for cell in table.get("quantities", []):
                category = cell["category"]
                name_en, name_da = names.get(category, (category, category))
                out.append(
                    Figure(
                        f"services.{category}.quantity",
                        f"{title_en}: {name_en} (quantity)",
                        f"{title_da}: {name_da} (antal)",
                        cell["count"],
                        service_quantity.get(category, 0),
                    )
                )
        if counted is not None:
            # Something in the rows the tally does not mention at all.
            for category in sorted(set(counted) - stated_categories):
                if counted[category]:
                    suffix = ".contacts" if key == "services" else ""
                    out.append(
                        Figure(
                            f"{key}.{category}{suffix}",
                            f"{title_en}: {category}",
                            f"{title_da}: {category}",
                            0,
                            counted[category],
                        )
                    )
    return tuple(out)


def _manifest_problems(
    manifest: Mapping[str, Any], digests: Mapping[str, tuple[int, str]]
) -> tuple[str, ...]:
    """What the manifest says wrongly; ``digests`` maps each member to its (size, SHA-256)."""
    problems: list[str] = []
    listed: dict[str, Mapping[str, Any]] = {}
    for entry in manifest["members"]:
        if entry["name"] in listed:
            problems.append(f"The manifest lists {entry['name']} twice.")
        listed[entry["name"]] = entry
    for name in MEMBERS:
        if name == MANIFEST:
            continue
        entry = listed.get(name)
        if entry is None:
            problems.append(f"The manifest does not list {name}.")
            continue
        size, digest = digests[name]
        if entry["size"] != size:
            problems.append(f"{name} is {size:,} bytes; the manifest says {entry['size']:,}.")
        elif entry["sha256"] != digest:
            problems.append(f"{name} was changed: its SHA-256 hash differs from the manifest's.")
    for name in listed:
        if name not in digests or name == MANIFEST:
            problems.append(f"The manifest lists {_printable(name)}, which is not in the bundle.")
    return tuple(problems)


def _signature_check(
    data: bytes,
    signature: bytes | None,
    trusted: Sequence[DevicePublicKey],
    own_key: DevicePublicKey | None,
    manifest: Mapping[str, Any],
) -> tuple[Verdict | None, str]:
    if signature is None:
        return None, "There is no signature (.minisig) beside the bundle."
    try:
        verdict = verify(data, signature, trusted, others=[own_key] if own_key else [])
    except SignatureError as exc:
        return None, str(exc)
    problem = signature_problem(verdict)
    if not problem:
        expected = trusted_comment(
            "audit",
            manifest["device_id"],
            manifest["sequence"],
            IsoWeek.parse(manifest["period"]["first"]),
            IsoWeek.parse(manifest["period"]["last"]),
        )
        if verdict.trusted_comment != expected:
            problem = (
                "The signature's trusted comment does not match the bundle's manifest "
                f"(it says “{_printable(verdict.trusted_comment)}”)."
            )
    return verdict, problem


def signature_problem(verdict: Verdict) -> str:
    """One sentence on what is wrong with a signature, or "" when it is valid and trusted."""
    if verdict.valid and verdict.trusted:
        return ""
    if verdict.valid:
        return (
            f"The signature is valid, but device {verdict.fingerprint} is not one of your "
            "trusted devices."
        )
    if verdict.signer is None:
        return (
            f"The file is signed by device {verdict.fingerprint}, whose public key is not "
            "known here."
        )
    return "The signature does not match the file: it was changed after it was signed."


def read_bundle(
    data: bytes,
    *,
    name: str,
    signature: bytes | None,
    trusted: Sequence[DevicePublicKey],
    identities: Sequence[Any] = (),
    signature_problem_text: str = "",
) -> OpenedBundle:
    """:func:`open_bundle` on bytes already read (the file's and its signature's)."""
    encrypted = is_age(data)
    plain = data
    if encrypted:
        if not identities:
            raise BundleEncrypted(
                "The audit bundle is encrypted; give the age key file it was encrypted to."
            )
        try:
            plain = decrypt(data, identities)
        except EncryptionError as exc:
            raise BundleEncrypted(str(exc)) from exc
    members = _zip_members(plain)
    manifest = parse_json(members[MANIFEST], what="bundle's manifest")
    _validate("audit-manifest", manifest, "manifest")
    try:
        first = IsoWeek.parse(manifest["period"]["first"])
        last = IsoWeek.parse(manifest["period"]["last"])
    except ValueError:
        raise ImportRefused("The bundle's manifest names a week that does not exist.") from None
    if last < first:
        raise ImportRefused("The bundle's period ends before it starts.")
    try:
        own_key: DevicePublicKey | None = DevicePublicKey.parse(manifest["device_public_key"])
    except SignatureError:
        raise ImportRefused("The bundle's manifest holds a malformed public key.") from None
    assert own_key is not None
    if own_key.device_id != manifest["device_id"]:
        raise ImportRefused("The bundle's manifest names a device that is not its key's.")
    # The signature over the raw bytes, before anything but the small manifest is parsed. A
    # file changed after signing is still read (with bounded memory) so that the viewer can
    # show what was changed, flagged by the signature problem.
    verdict, problem = _signature_check(data, signature, trusted, own_key, manifest)
    rows, rows_digest = _read_rows_member(plain, first, last)
    digests = {n: (len(d), hashlib.sha256(d).hexdigest()) for n, d in members.items()}
    digests[ROWS] = rows_digest
    tally = parse_json(members[TALLY], what="bundle's tally")
    _validate("audit-tally", tally, "tally")
    if tally["first_week"] != str(first) or tally["last_week"] != str(last):
        raise ImportRefused("The bundle's tally is of another period than its manifest.")
    summary = parse_json(members[SUMMARY], what="bundle's audit summary")
    _validate("audit-summary", summary, "audit summary")
    if not members[REPORT].startswith(b"%PDF-"):
        raise ImportRefused("The bundle's report.pdf is not a PDF.")
    if signature_problem_text:
        problem = signature_problem_text
    return OpenedBundle(
        path_name=name,
        verdict=verdict,
        signature_problem=problem,
        manifest_problems=_manifest_problems(manifest, digests),
        device_id=manifest["device_id"],
        sequence=manifest["sequence"],
        period_first=str(first),
        period_last=str(last),
        created=manifest["created"],
        rows=rows,
        figures=figures(tally, rows),
        audit_summary=summary,
        report_pdf=members[REPORT],
        trusted_keys=tuple(trusted),
        tally=tally,
        encrypted=encrypted,
        device_public_key=own_key.base64,
    )


def open_bundle(
    path: Path,
    trusted: Sequence[DevicePublicKey],
    *,
    identities: Sequence[Any] = (),
) -> OpenedBundle:
    """Read, verify and reconcile the bundle at ``path`` (and ``path.minisig`` if present).

    Raises :class:`ImportRefused` for a file that is not a readable bundle
    (:class:`BundleEncrypted` when it is encrypted and ``identities`` cannot open it). Writes
    nothing: everything is read into memory. ``identities`` are age identities from
    :func:`redvan.exchange.signing.parse_identities`.
    """
    path = Path(path)
    data = read_capped(path, MAX_BUNDLE_BYTES, what="audit bundle")
    signature, problem = read_signature_file(path)
    return read_bundle(
        data,
        name=path.name,
        signature=signature,
        trusted=trusted,
        identities=identities,
        signature_problem_text=problem,
    )


def read_signature_file(path: Path) -> tuple[bytes | None, str]:
    """The bytes of ``path.minisig``, or None and why not."""
    sig_path = signature_path(path)
    if not os.path.lexists(sig_path):
        return None, f"There is no signature ({sig_path.name}) beside the file."
    try:
        return read_capped(sig_path, MAX_SIGNATURE_BYTES, what="signature"), ""
    except ImportRefused as exc:
        return None, str(exc)
