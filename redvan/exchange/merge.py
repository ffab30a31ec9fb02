"""Merge sync packages from several devices into one tally (SPEC X3).

The rules, so that a coordinator can merge whatever arrives in any order:

* For each device and ISO week the package with the highest sequence number wins; weeks of a
  device are never added twice.
* The same package again (same id, same content) changes nothing.
* Two different packages with the same device and sequence, or the same id, are refused as a
  conflict (one of them was tampered with).
* With a ledger (``--state``) from earlier merges, a package older than a sequence already
  merged for one of its weeks from the same device is refused as a replay. Packages given
  together in one run are judged against the ledger only, never against each other, so their
  order does not matter.
* Figures that add up (contacts, services, referrals …) are summed. Distinct persons are not:
  no device can tell whether another met the same person, so the merge reports a range — at
  least what the one device with the most met, at most the sum over the devices
  (:class:`PersonsRange`). The tally's "persons" figure is the lower end, and new persons are
  left out (they cannot be known across devices).

The ledger is a JSON file (format ``redvan-merge-state``): every package ever accepted (id,
device, sequence, SHA-256, period) and the documents of the packages that still win a week.
It holds only what the packages held: de-identified aggregates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from redvan.core.disclosure import Shown, disclose, effective_threshold, publish_cell
from redvan.core.model import Programme
from redvan.core.night import Clock
from redvan.core.reach import Reach, programme_reach
from redvan.core.tally import Counts, KeyedCells, Tally, tally_from_counts
from redvan.core.textsafe import clean_line, escaped
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek, week_range
from redvan.exchange.hostile import MAX_BUNDLE_BYTES, ImportRefused, parse_json, read_capped
from redvan.exchange.sketch import Estimate, Sketch, estimate_union
from redvan.exchange.sync import (
    SyncPackage,
    canonical_sha256,
    check_document,
    encode,
    fingerprint,
    write_private,
)

STATE_FORMAT = "redvan-merge-state"
STATE_VERSION = 1
MERGED_FORMAT = "redvan-merged-tally"

# table key -> the Counts counter its cells add to.
_COUNTER_OF = {
    "contacts.channel": "channels",
    "contacts.zone": "zones",
    "contacts.age_band": "ages",
    "contacts.gender": "genders",
    "contacts.language": "languages",
    "services": "services",
    "referrals.destination": "destinations",
    "referrals.status": "referral_status",
    "followups.status": "followups",
    "incidents.type": "incident_types",
    "incidents.consent_tier": "tiers",
    "incidents.police": "police",
}


@dataclass
class Ledger:
    """What earlier merges accepted: ``accepted`` by package id, and the winning documents."""

    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    packages: dict[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonsRange:
    """Distinct coded persons across devices: ``low`` ≤ the true number ≤ ``high``."""

    low: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class SharedReach:
    """A programme shared by partner organisations (O4), over all merged packages: the
    estimated cumulative reach with its interval, and R3's pace, forecast and early warning
    computed on the estimate (``reach``) and on the interval's ends (``low``, ``high``)."""

    key_id: str
    slug: str
    name: str
    target: int
    organisations: int
    devices: int
    cumulative: tuple[tuple[str, Estimate], ...]
    reach: Reach | None
    low: Reach | None
    high: Reach | None


@dataclass
class MergeResult:
    ledger: Ledger
    merged: list[str]
    unchanged: list[str]
    refused: list[str]
    tally: Tally | None
    persons: PersonsRange
    devices: dict[str, list[int]]  # device id -> sequences of the packages that count
    # O3: distinct persons of the whole merge and of each week, estimated from the packages'
    # person sketches, or None with ``no_estimate`` saying why (see persons_estimates).
    estimate: Estimate | None = None
    week_estimates: dict[str, Estimate] = field(default_factory=dict)
    no_estimate: str = ""
    programmes: list[SharedReach] = field(default_factory=list)  # O4

    def summary(self) -> str:
        parts = [f"Merged {len(self.merged)} new package{'s' * (len(self.merged) != 1)}"]
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already merged (nothing changed)")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        line = ", ".join(parts)
        if self.tally is not None:
            line += (
                f"; the tally covers {self.tally.first}–{self.tally.last} from "
                f"{len(self.devices)} device{'s' * (len(self.devices) != 1)}"
            )
        return line + "."


def _record(package: SyncPackage) -> dict[str, Any]:
    return {
        "package_id": package.package_id,
        "device_id": package.device_id,
        "sequence": package.sequence,
        "sha256": package.sha256,
        "first": str(package.first),
        "last": str(package.last),
    }


def _merge(ledger: Ledger, packages: Iterable[SyncPackage]) -> MergeResult:
    incoming = sorted(packages, key=lambda p: (p.device_id, p.sequence, p.sha256))
    # Newest sequence per (device, week) before this run: what a replay is judged against.
    before: dict[tuple[str, str], int] = {}
    for document in ledger.packages.values():
        for entry in document["weeks"]:
            key = (document["device_id"], entry["week"])
            before[key] = max(before.get(key, 0), document["sequence"])
    known_slots = {(r["device_id"], r["sequence"]): r["sha256"] for r in ledger.accepted.values()}
    contents_by_id: dict[str, set[str]] = {}
    contents_by_slot: dict[tuple[str, int], set[str]] = {}
    for p in incoming:
        contents_by_id.setdefault(p.package_id, set()).add(p.sha256)
        contents_by_slot.setdefault((p.device_id, p.sequence), set()).add(p.sha256)

    accepted = dict(ledger.accepted)
    documents = dict(ledger.packages)
    merged: list[str] = []
    unchanged: list[str] = []
    refused: list[str] = []
    taken: set[str] = set()
    for p in incoming:
        who = f"{escaped(p.source)} (device {p.fingerprint}, sequence {p.sequence})"
        problem = package_problem(p)
        if problem:
            refused.append(f"{who} {problem}")
            continue
        earlier = ledger.accepted.get(p.package_id)
        if earlier is not None and earlier["sha256"] == p.sha256:
            unchanged.append(who)
            continue
        if p.sha256 in taken:
            unchanged.append(who)  # the same package twice in one run
            continue
        slot = (p.device_id, p.sequence)
        if (
            earlier is not None
            or len(contents_by_id[p.package_id]) > 1
            or len(contents_by_slot[slot]) > 1
            or known_slots.get(slot, p.sha256) != p.sha256
        ):
            refused.append(
                f"{who} differs from another package with the same id or the same device and "
                "sequence: refused as a conflict (one of them was altered)."
            )
            continue
        newer = max((before.get((p.device_id, w), 0) for w in p.weeks()), default=0)
        if newer > p.sequence:
            refused.append(
                f"{who} is older than sequence {newer} already merged from device "
                f"{p.fingerprint} for some of its weeks: refused as a replay."
            )
            continue
        taken.add(p.sha256)
        accepted[p.package_id] = _record(p)
        documents[p.package_id] = p.document
        merged.append(who)

    winners = _winners(documents.values())
    documents = {
        pid: d
        for pid, d in documents.items()
        if any(winners[(d["device_id"], w["week"])] is d for w in d["weeks"])
    }
    result_ledger = Ledger(accepted, documents)
    if not winners:
        return MergeResult(result_ledger, merged, unchanged, refused, None, PersonsRange(0, 0), {})
    tally, persons, devices = _tally(winners)
    estimates = persons_estimates(winners, persons)
    shared = shared_reach(winners, tally.threshold)
    return MergeResult(
        result_ledger,
        merged,
        unchanged,
        refused,
        tally,
        persons,
        devices,
        *estimates,
        shared,
    )


# What a package that passed every check can still make a tally or its text raise.
_TALLY_ERRORS = (ValueError, OverflowError, ArithmeticError, KeyError, TypeError, IndexError)


def merge(ledger: Ledger, packages: Iterable[SyncPackage]) -> MergeResult:
    """Merge ``packages`` into ``ledger`` (not changed) by the rules in the module docstring.

    Every package is first checked on its own (:func:`package_problem`). If the merged tally
    or its text still fails, each new package is tallied alone to find the ones to blame;
    they are refused and the rest merged again, so one bad package never drops the good ones.
    """
    incoming = list(packages)
    try:
        result = _merge(ledger, incoming)
        if result.tally is not None:
            render(result, "text", "en", datetime(2000, 1, 1))
        return result
    except _TALLY_ERRORS:
        pass
    bad = {id(p): problem for p in incoming if (problem := package_trial_problem(p))}
    result = _merge(ledger, [p for p in incoming if id(p) not in bad])
    for p in incoming:
        if id(p) in bad:
            who = f"{escaped(p.source)} (device {p.fingerprint}, sequence {p.sequence})"
            result.refused.append(f"{who} {bad[id(p)]}")
    return result


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def package_problem(package: SyncPackage) -> str:
    """Why ``package`` cannot be merged, judged on its own before it touches the tally, or "".

    The schema and the consistency checks passed when it was read; here every string must be
    writable (no lone surrogate) and every week a real week of a plausible year, so that
    nothing in it (a week whose Sunday lies in the year 10000 …) can fail the whole merge.
    :func:`merge` tallies a package alone (:func:`package_trial_problem`) only when the
    merged tally fails anyway."""
    try:
        json.dumps(package.document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return "holds text that is not valid Unicode (a lone surrogate): refused."
    document = package.document
    weeks = [document["period"]["first"], document["period"]["last"]]
    weeks += [entry["week"] for entry in document["weeks"]]
    try:
        for text in weeks:
            week = IsoWeek.parse(text)
            if not PLAUSIBLE_YEARS[0] <= week.year <= PLAUSIBLE_YEARS[1]:
                shown = clean_line(text)[:20]
                return f"names the week {shown}, which no outreach night has: refused."
    except ValueError as exc:
        return f"names a week that does not exist ({clean_line(str(exc))[:120]}): refused."
    return ""


# A genuine package's weeks lie in these years (the app dates nothing before 1990; weeks after
# 2199 only come from a forged or broken file).
PLAUSIBLE_YEARS = (1990, 2199)


def package_trial_problem(package: SyncPackage) -> str:
    """Why ``package`` alone cannot be tallied and written as text, or ""."""
    problem = package_problem(package)
    if problem:
        return problem
    try:
        winners = _winners([package.document])
        if winners:
            tally, persons, devices = _tally(winners)
            alone = MergeResult(Ledger(), [], [], [], tally, persons, devices)
            render(alone, "text", "en", datetime(2000, 1, 1))
    except _TALLY_ERRORS as exc:
        why = clean_line(str(exc))[:120] or type(exc).__name__
        return f"cannot be tallied ({why}): refused."
    return ""


def _winners(documents: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], Mapping[str, Any]]:
    out: dict[tuple[str, str], Mapping[str, Any]] = {}
    for document in documents:
        for entry in document["weeks"]:
            key = (document["device_id"], entry["week"])
            current = out.get(key)
            if current is None or current["sequence"] < document["sequence"]:
                out[key] = document
    return out


def persons_range(winners: Mapping[tuple[str, str], Mapping[str, Any]]) -> PersonsRange:
    """Bounds on the distinct persons of all the winning weeks (see docs/exchange.md).

    Per device, each package that still wins some of its weeks bounds the persons of those
    weeks: at most its own distinct count and at most the sum of their weekly counts; at least
    its distinct count less the weekly counts of the weeks it lost, and at least each weekly
    count. The device's lower bound is the largest of these, its upper bound the sum over its
    packages. Across devices: the largest lower bound, and the sum of the upper bounds.
    """
    by_device: dict[str, dict[str, Mapping[str, Any]]] = {}
    for (device, week), document in winners.items():
        by_device.setdefault(device, {})[week] = document
    low = high = 0
    for weeks in by_device.values():
        device_low = device_high = 0
        for document in {d["package_id"]: d for d in weeks.values()}.values():
            won, lost = [], []
            for w in document["weeks"]:
                (won if weeks.get(w["week"]) is document else lost).append(w["totals"]["persons"])
            # The package's own distinct count bounds any part of its weeks from above, and
            # its won weeks from below once the persons of the weeks it lost are taken off.
            device_low = max(device_low, document["persons"] - sum(lost), *won)
            device_high += min(document["persons"], sum(won))
        low = max(low, device_low)
        high += device_high
    return PersonsRange(low, high)


NO_SKETCHES = "no-sketches"
MANY_ORGANISATIONS = "organisations"


def persons_estimates(
    winners: Mapping[tuple[str, str], Mapping[str, Any]], persons: PersonsRange
) -> tuple[Estimate | None, dict[str, Estimate], str]:
    """Distinct persons across devices from the winning weeks' person sketches (O3).

    Per week: the union of the devices' sketches of that week, its interval clipped to
    [largest device, sum of devices]. Over all the weeks: the union of every winning week's
    sketch, clipped to the certain range ``persons``. Sketches unite only within one
    organisation; when a package has none (an older version) or packages come from more than
    one organisation, there is no estimate and the reason is returned instead.
    """
    documents = {d["package_id"]: d for d in winners.values()}
    kinds = {
        (d["estimates"]["method"], d["estimates"]["organisation"]) if "estimates" in d else None
        for d in documents.values()
    }
    if None in kinds:
        return None, {}, NO_SKETCHES
    if len(kinds) > 1:
        return None, {}, MANY_ORGANISATIONS
    by_week: dict[str, list[tuple[Sketch, int]]] = {}
    for (_device, week), document in sorted(winners.items()):
        entry = next(w for w in document["weeks"] if w["week"] == week)
        count = entry["totals"]["persons"]
        text = entry.get("sketch")
        sketch = Sketch.decode(text) if text is not None else Sketch()
        by_week.setdefault(week, []).append((sketch, count))
    weekly: dict[str, Estimate] = {}
    unions: list[Sketch] = []
    for week, pairs in sorted(by_week.items()):
        sketches, counts = [p[0] for p in pairs], [p[1] for p in pairs]
        union = Sketch.union(sketches)
        weekly[week] = estimate_union(sketches, counts, union=union)
        unions.append(union)
    if persons.exact:
        overall = Estimate(persons.low, persons.low, persons.high)
    else:
        overall = Sketch.union(unions).interval(persons.low, persons.high)
    return overall, weekly, ""


def shared_reach(
    winners: Mapping[tuple[str, str], Mapping[str, Any]], threshold: int
) -> list[SharedReach]:
    """Combined reach of every programme shared under one key by the merged packages (O4).

    Per device and week the winning package's inclusion sketch of the programme; week by week
    from the programme's first week, the union of everything included so far gives the
    estimated reach, clipped to [the largest device's reach, the sum of the devices'] (each
    device counts a person once, at their first inclusion there).
    """
    by_key: dict[str, dict[str, list[tuple[str, Sketch, int]]]] = {}
    meta: dict[str, tuple[tuple[str, str, str], Mapping[str, Any], set[str]]] = {}
    for (device, week), document in winners.items():
        for programme in document["programmes"]:
            key_id = programme.get("key_id")
            if key_id is None:
                continue
            stamp = (document["created"], document["device_id"], str(document["sequence"]))
            known = meta.get(key_id)
            if known is None or known[0] < stamp:
                meta[key_id] = (stamp, programme, known[2] if known else set())
            meta[key_id][2].add(
                document.get("estimates", {}).get("organisation", document["device_id"])
            )
            counts = dict(map(tuple, programme["inclusions"]))
            texts = dict(map(tuple, programme["sketches"]))
            if counts.get(week):
                by_key.setdefault(key_id, {}).setdefault(week, []).append(
                    (device, Sketch.decode(texts[week]), counts[week])
                )
    if not meta:
        return []
    as_of = max(IsoWeek.parse(w) for _, w in winners)
    out = []
    for key_id, (_stamp, programme, organisations) in sorted(meta.items()):
        devices = {d for week in by_key.get(key_id, {}).values() for d, _s, _n in week}
        first = IsoWeek.parse(programme["first_week"])
        last = min(as_of, IsoWeek.parse(programme["last_week"]))
        weeks = by_key.get(key_id, {})
        earliest = min([first, *(IsoWeek.parse(w) for w in weeks)])
        union, per_device = Sketch(), dict[str, int]()
        cumulative: list[tuple[str, Estimate]] = []
        previous = Estimate(0, 0, 0)
        for week in week_range(earliest, max(last, earliest)) if earliest <= last else []:
            for device, sketch, n in weeks.get(str(week), []):
                union.update(sketch)
                per_device[device] = per_device.get(device, 0) + n
            if not per_device:
                estimate = Estimate(0, 0, 0)
            elif len(per_device) == 1:
                total = sum(per_device.values())
                estimate = Estimate(total, total, total)
            else:
                estimate = union.interval(max(per_device.values()), sum(per_device.values()))
            # The union only grows: a reach line never goes down.
            estimate = Estimate(
                max(estimate.value, previous.value),
                max(estimate.low, previous.low),
                max(estimate.high, previous.high),
            )
            previous = estimate
            if week >= first:
                cumulative.append((str(week), estimate))
        terms = Programme(
            key_id,
            programme["slug"],
            programme["name"],
            programme["first_week"],
            programme["last_week"],
            programme["target"],
        )

        out.append(
            SharedReach(
                key_id,
                programme["slug"],
                programme["name"],
                programme["target"],
                len(organisations),
                len(devices),
                tuple(cumulative),
                _reach_line(terms, cumulative, last, threshold, 0),
                _reach_line(terms, cumulative, last, threshold, 1),
                _reach_line(terms, cumulative, last, threshold, 2),
            )
        )
    return out


def _reach_line(
    terms: Programme,
    cumulative: list[tuple[str, Estimate]],
    as_of: IsoWeek,
    threshold: int,
    end: int,
) -> Reach | None:
    """R3's reach of one line of the estimate: its value (0), low (1) or high (2) end."""
    if not cumulative:
        return None
    steps, before = [], 0
    for week_text, estimate in cumulative:
        value = (estimate.value, estimate.low, estimate.high)[end]
        steps.append((IsoWeek.parse(week_text).monday(), value - before))
        before = value
    return programme_reach(terms, steps, as_of, threshold)


def _tally(
    winners: Mapping[tuple[str, str], Mapping[str, Any]],
) -> tuple[Tally, PersonsRange, dict[str, list[int]]]:
    counts = Counts(new_persons=None)
    weeks = sorted({IsoWeek.parse(w) for _, w in winners})
    documents = {d["package_id"]: d for d in winners.values()}
    for (_device, week), document in sorted(winners.items()):
        entry = next(w for w in document["weeks"] if w["week"] == week)
        contacts = entry["totals"]["contacts"]
        counts.contacts += contacts
        counts.weeks[week] += contacts
        for key, cells in entry["tables"].items():
            if key == "contacts.code":
                counts.coded += cells.get("coded", 0)
                continue
            name = _COUNTER_OF.get(key)
            if name is not None:
                getattr(counts, name).update(cells)
        counts.quantities.update(entry["quantities"])
    persons = persons_range(winners)
    counts.persons = persons.low
    threshold = max(d["threshold"] for d in documents.values())
    tally = tally_from_counts(counts, weeks[0], weeks[-1], threshold, _vocabulary(documents))
    tally = replace(tally, keyed=_keyed(winners, persons.low), clock=_clock(documents))
    devices: dict[str, list[int]] = {}
    for document in documents.values():
        devices.setdefault(document["device_id"], []).append(document["sequence"])
    return tally, persons, {d: sorted(s) for d, s in sorted(devices.items())}


def _clock(documents: Mapping[str, Mapping[str, Any]]) -> Clock:
    """The devices' reporting-day rule when they all name the same one; else the default."""
    rules = {
        (d["reporting_day"]["day_start_hour"], d["reporting_day"]["time_zone"])
        for d in documents.values()
        if isinstance(d.get("reporting_day"), dict)
    }
    if len(rules) == 1:
        hour, zone = rules.pop()
        try:
            return Clock(hour, zone)
        except ValueError:  # a zone this machine does not know
            return Clock()
    return Clock()


def _keyed(winners: Mapping[tuple[str, str], Mapping[str, Any]], persons: int) -> KeyedCells:
    """The merged cells with their record-key sums: a merged cell is the union of the
    devices' records, so its key is the sum of theirs (docs/disclosure-control.md)."""
    weeks: dict[str, dict[tuple[str, str], tuple[int, int]]] = {}
    for (_device, week), document in sorted(winners.items()):
        entry = next(w for w in document["weeks"] if w["week"] == week)
        counted: dict[tuple[str, str], int] = {
            ("total", name): n for name, n in entry["totals"].items() if name != "persons"
        }
        for key, cells in entry["tables"].items():
            counted.update(((key, c), n) for c, n in cells.items())
        counted.update((("services.quantity", c), q) for c, q in entry["quantities"].items())
        keys = entry.get("keys", {})
        cells_of_week = weeks.setdefault(week, {})
        for cell, n in counted.items():
            old_n, old_key = cells_of_week.get(cell, (0, 0))
            key = int(keys.get(f"{cell[0]}|{cell[1]}", 0))
            cells_of_week[cell] = (old_n + n, (old_key + key) % (1 << 32))
    persons_key = sum(
        int(d.get("persons_key", 0)) for d in {id(d): d for d in winners.values()}.values()
    )
    return KeyedCells(weeks=weeks, persons=(persons, persons_key % (1 << 32)))


def _vocabulary(documents: Mapping[str, Mapping[str, Any]]) -> tuple[VocabularyEntry, ...]:
    """The labels of the newest package that names each value (the same whatever the order)."""
    newest = sorted(documents.values(), key=lambda d: (d["created"], d["device_id"], d["sequence"]))
    entries: dict[tuple[str, str], VocabularyEntry] = {}
    for document in newest:
        for item in document["vocabulary"]:
            try:
                entries[(item["kind"], item["slug"])] = VocabularyEntry(
                    VocabularyKind(item["kind"]),
                    item["slug"],
                    clean_line(item["en"]),
                    clean_line(item["da"]),
                    sort=item.get("sort", 0),
                    quantity=item.get("quantity", False),
                )
            except ValueError:
                continue  # a label we cannot show: the slug is shown instead
    return tuple(entries[k] for k in sorted(entries))


# -- the ledger ------------------------------------------------------------------------------


def state_document(ledger: Ledger) -> dict[str, Any]:
    return {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "accepted": [ledger.accepted[k] for k in sorted(ledger.accepted)],
        "packages": [ledger.packages[k] for k in sorted(ledger.packages)],
    }


def save_state(path: Path, ledger: Ledger) -> None:
    write_private(path, encode(state_document(ledger)))


def load_state(path: Path) -> Ledger:
    """The ledger of earlier merges; a file that is not one is refused, never half-read."""
    name = path.name
    document = parse_json(read_capped(path, MAX_BUNDLE_BYTES, what="merge ledger"), what=name)

    def refuse() -> ImportRefused:
        return ImportRefused(f"{name} is not a merge ledger written by redvan merge.")

    if not isinstance(document, dict) or (
        document.get("format"),
        document.get("version"),
    ) != (STATE_FORMAT, STATE_VERSION):
        raise refuse()
    accepted_list, packages_list = document.get("accepted"), document.get("packages")
    if not isinstance(accepted_list, list) or not isinstance(packages_list, list):
        raise refuse()
    accepted: dict[str, dict[str, Any]] = {}
    fields = {"package_id": str, "device_id": str, "sequence": int, "sha256": str}
    for record in accepted_list:
        if not isinstance(record, dict) or not all(
            isinstance(record.get(k), t) for k, t in fields.items()
        ):
            raise refuse()
        accepted[record["package_id"]] = record
    packages: dict[str, Mapping[str, Any]] = {}
    for package in packages_list:
        check_document(package, name)
        record = accepted.get(package["package_id"])
        if record is None or record["sha256"] != canonical_sha256(package):
            raise ImportRefused(f"{name} holds a package it has no record of: it was altered.")
        packages[package["package_id"]] = package
    return Ledger(accepted, packages)


# -- outputs -------------------------------------------------------------------------------


def _published(result: MergeResult, table: str, category: str, value: int, k: int) -> Shown:
    """An estimate (O3, O4) as published: rounded consistently (R2) with the key of the
    devices' persons, as the persons range is; the same packages give the same figure."""
    key = 0
    if result.tally is not None and result.tally.keyed is not None:
        key = result.tally.keyed.persons[1]
    return Shown(publish_cell(table, category, value, key, k), value)


def _bounds(result: MergeResult, k: int) -> tuple[Shown, Shown]:
    """The merged persons range, each bound rounded consistently with the key of the devices'
    persons (the same packages always give the same published range)."""
    assert result.tally is not None
    key = result.tally.keyed.persons[1] if result.tally.keyed is not None else 0
    low, high = result.persons.low, result.persons.high
    return (
        Shown(publish_cell("merge.persons", "low", low, key, k), low),
        Shown(publish_cell("merge.persons", "high", high, key, k), high),
    )


def persons_note(result: MergeResult, language: str, *, published: bool) -> str:
    from redvan.reports.texts import text

    assert result.tally is not None
    t = text(language)
    k = effective_threshold(result.tally.threshold)
    low, high = _bounds(result, k)

    def show(s: Shown) -> str:
        return s.text(k) if published else str(s.true_value)

    if result.persons.exact:
        return t["merged_persons_exact"].replace("%1", show(low))
    return t["merged_persons_range"].replace("%2", show(high)).replace("%1", show(low))


def estimate_note(result: MergeResult, language: str, *, published: bool) -> str | None:
    """The estimate of distinct persons with its interval (O3), or why there is none; None for
    one device, whose count is exact anyway."""
    from redvan.reports.texts import text

    assert result.tally is not None
    t = text(language)
    if result.estimate is None:
        return t[f"merged_estimate_{result.no_estimate}"] if result.no_estimate else None
    if result.persons.exact:
        return None
    k = effective_threshold(result.tally.threshold)
    e = result.estimate
    values = [
        _published(result, "merge.estimate", name, v, k)
        for name, v in (("value", e.value), ("low", e.low), ("high", e.high))
    ]
    shown = [s.text(k) if published else str(s.true_value) for s in values]
    return (
        t["merged_persons_estimate"]
        .replace("%3", shown[2])
        .replace("%2", shown[1])
        .replace("%1", shown[0])
    )


def week_estimate_lines(result: MergeResult, language: str) -> list[str]:
    """One line per week with its estimate (the coordinator's exact text output only)."""
    from redvan.reports.texts import text

    if result.persons.exact or len(result.devices) < 2:
        return []
    line = text(language)["merged_week_estimate"]
    return [
        line.replace("%4", str(e.high))
        .replace("%3", str(e.low))
        .replace("%2", str(e.value))
        .replace("%1", week)
        for week, e in result.week_estimates.items()
        if e.high
    ]


def _fill(template: str, *values: object) -> str:
    for number in range(len(values), 0, -1):  # %10 before %1
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template


def _decimal(value: float, language: str) -> str:
    from redvan.core.enums import is_danish

    text = f"{value:.1f}"
    return text.replace(".", ",") if is_danish(language) else text


def _published_line(shared: SharedReach, end: int, result: MergeResult, k: int) -> Reach | None:
    """R3 on the published reach line of the estimate's value (0), low (1) or high (2) end."""
    if shared.reach is None:
        return None
    key = 0
    if result.tally is not None and result.tally.keyed is not None:
        key = result.tally.keyed.persons[1]
    table = f"merge.programme.{shared.slug}.{('value', 'low', 'high')[end]}"
    steps, before = [], 0
    for week, estimate in shared.cumulative:
        value = (estimate.value, estimate.low, estimate.high)[end]
        step, before = value - before, value
        steps.append((IsoWeek.parse(week).monday(), publish_cell(table, week, step, key, k)))
    terms = Programme(
        shared.key_id,
        shared.slug,
        shared.name,
        str(shared.reach.first),
        str(shared.reach.last),
        shared.target,
    )
    return programme_reach(terms, steps, shared.reach.as_of, k)


def programme_notes(result: MergeResult, language: str, *, published: bool) -> list[str]:
    """Per programme (O3, O4): combined reach with its interval, forecast, pace needed and the
    early warning (R3), from the estimate; published outputs round each figure (R2)."""
    notes = (programme_note(s, result, language, published=published) for s in result.programmes)
    return [n for n in notes if n]


def programme_note(
    shared: SharedReach, result: MergeResult, language: str, *, published: bool
) -> str | None:
    from redvan.core.reach import MIN_FORECAST_WEEKS
    from redvan.reports.texts import text

    if not shared.cumulative or shared.reach is None:
        return None
    t = text(language)
    k = effective_threshold(result.tally.threshold) if result.tally is not None else 5

    week, e = shared.cumulative[-1]
    reach, low, high = shared.reach, shared.low, shared.high
    reached = [e.value, e.low, e.high]
    if published:
        # R2: what a published output derives (forecast, pace, warning) comes from published
        # figures only: each line's weekly steps rounded consistently, then R3 on those.
        reach, low, high = (_published_line(shared, end, result, k) for end in range(3))
        reached = [line.reached if line is not None else 0 for line in (reach, low, high)]
    if reach is None:
        return None
    lines = [
        _fill(
            t["merged_programme"],
            shared.name,
            shared.devices,
            shared.organisations,
            *reached,
            shared.target,
            week,
        )
    ]
    if reach.forecast is None or low is None or high is None:
        lines.append(_fill(t["merged_programme_too_early"], MIN_FORECAST_WEEKS))
    else:
        pace = reach.pace_needed
        lines.append(
            _fill(
                t["merged_programme_forecast"],
                reach.last,
                reach.forecast,
                low.forecast or 0,
                high.forecast or 0,
                _decimal(float(pace), language) if pace is not None else "-",
            )
        )
        key = "merged_programme_warning" if reach.warning else "merged_programme_on_track"
        lines.append(_fill(t[key], shared.target))
    return " ".join(lines)


def _programmes_json(result: MergeResult) -> list[dict[str, Any]]:
    out = []
    for shared in result.programmes:
        item: dict[str, Any] = {
            "key_id": shared.key_id,
            "slug": shared.slug,
            "name": shared.name,
            "target": shared.target,
            "organisations": shared.organisations,
            "devices": shared.devices,
            "cumulative": [
                {"week": w, "value": e.value, "low": e.low, "high": e.high}
                for w, e in shared.cumulative
            ],
        }
        if shared.reach is not None and shared.low is not None and shared.high is not None:
            item["forecast"] = {
                "value": shared.reach.forecast,
                "low": shared.low.forecast,
                "high": shared.high.forecast,
            }
            pace = shared.reach.pace_needed
            item["pace_needed"] = float(pace) if pace is not None else None
            item["warning"] = shared.reach.warning
        out.append(item)
    return out


def sources_note(result: MergeResult, language: str) -> str:
    from redvan.reports.texts import text

    devices = ", ".join(
        f"{fingerprint(d)} (#{', #'.join(str(s) for s in seqs)})"
        for d, seqs in result.devices.items()
    )
    packages = sum(len(s) for s in result.devices.values())
    return (
        text(language)["merged_sources"]
        .replace("%3", devices)
        .replace("%2", str(len(result.devices)))
        .replace("%1", str(packages))
    )


def _estimate_json(result: MergeResult) -> dict[str, Any] | None:
    if result.estimate is None:
        return {"reason": result.no_estimate} if result.no_estimate else None
    e = result.estimate
    return {
        "method": "hll10-hmac-sha256",
        "value": e.value,
        "low": e.low,
        "high": e.high,
        "weeks": [
            {"week": w, "value": x.value, "low": x.low, "high": x.high}
            for w, x in result.week_estimates.items()
        ],
    }


def render(result: MergeResult, fmt: str, language: str, generated: datetime) -> bytes:
    """The merged tally as text or json (exact, for the coordinator), csv or pdf (published,
    small counts suppressed); every format shows the range of distinct persons."""
    assert result.tally is not None
    disclosed = disclose(result.tally)
    if fmt == "pdf":
        from redvan.reports.tally_pdf import tally_pdf

        notes = [persons_note(result, language, published=True)]
        estimate = estimate_note(result, language, published=True)
        notes += [estimate] if estimate else []
        notes += programme_notes(result, language, published=True)
        notes.append(sources_note(result, language))
        return tally_pdf(disclosed, language, generated, notes=notes)
    if fmt == "csv":
        from redvan.reports.csv import csv_bytes, tally_rows

        rows = tally_rows(disclosed, language, generated)
        k = disclosed.threshold
        low, high = _bounds(result, k)
        note = persons_note(result, language, published=True)
        extra = [
            ["merge", "persons-low", note, low.text(k)],
            ["merge", "persons-high", note, high.text(k)],
        ]
        estimate = estimate_note(result, language, published=True)
        if estimate is not None and result.estimate is not None:
            e = result.estimate
            for name, value in (("", e.value), ("-low", e.low), ("-high", e.high)):
                shown = _published(result, "merge.estimate", name or "value", value, k).text(k)
                extra.append(["merge", f"persons-estimate{name}", estimate, shown])
        elif estimate is not None:
            extra.append(["merge", "persons-estimate", estimate, ""])
        for shared in result.programmes:
            note = programme_note(shared, result, language, published=True)
            if note:
                extra.append(["merge", f"programme.{shared.slug}", note, ""])
        extra.append(["merge", "sources", "", sources_note(result, language)])
        rows[1:1] = extra
        return csv_bytes(rows)
    from redvan.reports.tally_text import tally_json, tally_text

    if fmt == "json":
        document = tally_json(disclosed, generated)
        document["merge"] = {
            "format": MERGED_FORMAT,
            "persons": {"low": result.persons.low, "high": result.persons.high},
            "estimate": _estimate_json(result),
            "programmes": _programmes_json(result),
            "devices": [{"device_id": d, "sequences": s} for d, s in result.devices.items()],
            "packages": sorted(
                (
                    {k: r[k] for k in ("package_id", "device_id", "sequence", "sha256")}
                    for pid, r in result.ledger.accepted.items()
                    if pid in result.ledger.packages
                ),
                key=lambda r: (r["device_id"], r["sequence"]),
            ),
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    estimate = estimate_note(result, language, published=False)
    head = [
        persons_note(result, language, published=False),
        *([estimate] if estimate else []),
        *week_estimate_lines(result, language),
        *programme_notes(result, language, published=False),
        sources_note(result, language),
        "",
    ]
    return ("\n".join(head) + tally_text(disclosed, language)).encode("utf-8")
