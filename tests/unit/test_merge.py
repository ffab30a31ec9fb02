"""Merge of sync packages (X3): properties over generated devices, packages and persons."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek, week_range
from redvan.exchange import sync
from redvan.exchange.merge import Ledger, MergeResult, load_state, merge, render, save_state
from redvan.exchange.signing import DeviceKey
from redvan.exchange.sync import SyncPackage, canonical_sha256, check_document

WEEKS = [str(w) for w in week_range(IsoWeek(2026, 1), IsoWeek(2026, 6))]
KEYS = [DeviceKey.generate().public for _ in range(3)]


def all_tables(contacts: int, given: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Every table of a week: the ones given, the rest of contacts "not recorded" or empty."""
    out: dict[str, dict[str, int]] = {}
    for key in sync.TABLES:
        if key in given:
            out[key] = given[key]
        elif key.startswith("contacts."):
            out[key] = {"": contacts} if contacts else {}
        else:
            out[key] = {}
    return out


def make_package(
    device: int,
    sequence: int,
    persons: Mapping[str, frozenset[int]],
    uncoded: int = 1,
    created: str = "2026-11-20T10:00Z",
) -> SyncPackage:
    """A valid package of ``device`` whose weeks saw the persons ``persons[week]``."""
    key = KEYS[device]
    weeks = sorted(persons)
    entries = []
    for week in weeks:
        met = len(persons[week])
        contacts = met + uncoded
        entries.append(
            {
                "week": week,
                "totals": {
                    "contacts": contacts,
                    "persons": met,
                    "referrals": 0,
                    "followups": 0,
                    "incidents": 0,
                },
                "tables": all_tables(
                    contacts,
                    {
                        "contacts.code": {
                            c: n for c, n in (("coded", met), ("uncoded", uncoded)) if n
                        },
                        "persons.new": {"returning": met} if met else {},
                        "contacts.zone": {"istedgade": contacts},
                        "services": {"condoms": contacts},
                    },
                ),
                "quantities": {"condoms": 3 * contacts},
            }
        )
    document: dict[str, Any] = {
        "format": "redvan-sync",
        "version": 1,
        "package_id": str(uuid.UUID(int=device << 64 | sequence, version=4)),
        "device_id": key.device_id,
        "device_public_key": key.base64,
        "sequence": sequence,
        "created": created,
        "period": {"first": weeks[0], "last": weeks[-1]},
        "threshold": 5,
        "persons": len(frozenset().union(*persons.values())),
        "weeks": entries,
        "programmes": [],
        "vocabulary": [
            {"kind": "zone", "slug": "istedgade", "en": "Istedgade", "da": "Istedgade"},
            {"kind": "service", "slug": "condoms", "en": "Condoms", "da": "Kondomer"},
        ],
    }
    check_document(document, "generated")
    return SyncPackage(document, canonical_sha256(document), f"d{device}-s{sequence}.json")


@st.composite
def scenarios(draw: st.DrawFn) -> list[SyncPackage]:
    """1–3 devices, each exporting 1–4 packages over sub-periods as its data grows."""
    packages = []
    for device in range(draw(st.integers(1, 3))):
        data: dict[str, set[int]] = {w: set() for w in WEEKS}
        for sequence in range(1, draw(st.integers(1, 4)) + 1):
            for week in WEEKS:  # the device's records grow (or are corrected) between exports
                data[week] |= draw(st.frozensets(st.integers(0, 12), max_size=3))
            start = draw(st.integers(0, len(WEEKS) - 1))
            end = draw(st.integers(start, len(WEEKS) - 1))
            period = {w: frozenset(data[w]) for w in WEEKS[start : end + 1]}
            packages.append(make_package(device, sequence, period))
    return packages


def truth(packages: Sequence[SyncPackage]) -> int:
    """Distinct persons in the weeks as the newest package of each device and week has them."""
    best: dict[tuple[str, str], SyncPackage] = {}
    for p in packages:
        for week in p.weeks():
            key = (p.device_id, week)
            if key not in best or best[key].sequence < p.sequence:
                best[key] = p
    return len(set().union(*(PERSONS[(p.package_id, w)] for (_, w), p in best.items())))


PERSONS: dict[tuple[str, str], frozenset[int]] = {}


def remember(packages: Sequence[SyncPackage], raw: Sequence[Mapping[str, frozenset[int]]]) -> None:
    for p, persons in zip(packages, raw, strict=True):
        for week, met in persons.items():
            PERSONS[(p.package_id, week)] = met


@st.composite
def scenarios_with_persons(draw: st.DrawFn) -> list[SyncPackage]:
    packages = []
    raw = []
    for device in range(draw(st.integers(1, 3))):
        data: dict[str, set[int]] = {w: set() for w in WEEKS}
        for sequence in range(1, draw(st.integers(1, 4)) + 1):
            for week in WEEKS:
                data[week] |= draw(st.frozensets(st.integers(0, 12), max_size=3))
            start = draw(st.integers(0, len(WEEKS) - 1))
            end = draw(st.integers(start, len(WEEKS) - 1))
            period = {w: frozenset(data[w]) for w in WEEKS[start : end + 1]}
            packages.append(make_package(device, sequence, period))
            raw.append(period)
    remember(packages, raw)
    return packages


def outcome(result: MergeResult) -> tuple[Any, ...]:
    return (result.tally, result.persons, result.devices, sorted(result.ledger.packages))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenarios())
def test_merging_again_changes_nothing(packages: list[SyncPackage]) -> None:
    once = merge(Ledger(), packages)
    again = merge(once.ledger, packages)
    assert outcome(again) == outcome(once)
    assert not again.merged and not again.refused
    assert len(again.unchanged) == len(packages)
    twice_in_one_run = merge(Ledger(), packages + packages)
    assert outcome(twice_in_one_run) == outcome(once)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_order_does_not_matter(packages: list[SyncPackage], rng: Any) -> None:
    reference = merge(Ledger(), packages)
    shuffled = list(packages)
    rng.shuffle(shuffled)
    assert outcome(merge(Ledger(), shuffled)) == outcome(reference)
    # One at a time, oldest sequence first, ends where all at once does.
    ledger = Ledger()
    for p in sorted(packages, key=lambda p: p.sequence):
        step = merge(ledger, [p])
        ledger = step.ledger
    assert outcome(step) == outcome(reference)


@SETTINGS
@given(scenarios())
def test_the_newest_sequence_of_each_week_counts(packages: list[SyncPackage]) -> None:
    result = merge(Ledger(), packages)
    assert result.tally is not None
    expected: dict[str, int] = {}
    best: dict[tuple[str, str], SyncPackage] = {}
    for p in packages:
        for week in p.weeks():
            key = (p.device_id, week)
            if key not in best or best[key].sequence < p.sequence:
                best[key] = p
    for (_, week), p in best.items():
        expected[week] = expected.get(week, 0) + p.weeks()[week]["totals"]["contacts"]
    assert result.tally.total("contacts") == sum(expected.values())
    if result.tally.first != result.tally.last:
        cells = dict(result.tally.table("contacts.week").cells)
        assert {w: n for w, n in cells.items() if w in expected} == expected


@SETTINGS
@given(scenarios_with_persons())
def test_persons_range_holds_the_truth(packages: list[SyncPackage]) -> None:
    result = merge(Ledger(), packages)
    true_distinct = truth(packages)
    assert result.persons.low <= true_distinct <= result.persons.high
    assert result.tally is not None and result.tally.total("persons") == result.persons.low


@SETTINGS
@given(scenarios())
def test_a_replayed_older_package_is_refused(packages: list[SyncPackage]) -> None:
    newest = merge(Ledger(), [p for p in packages if p.sequence > 1])
    for old in (p for p in packages if p.sequence == 1):
        later = max(
            (
                q.sequence
                for q in packages
                if q.device_id == old.device_id
                and q.sequence > 1
                and set(q.weeks()) & set(old.weeks())
            ),
            default=None,
        )
        result = merge(newest.ledger, [old])
        if later is None:
            assert result.merged and not result.refused
        else:
            assert not result.merged and "replay" in result.refused[0]
            assert outcome(result)[:3] == outcome(newest)[:3]


def test_same_sequence_different_content_is_a_conflict() -> None:
    one = make_package(0, 1, {WEEKS[0]: frozenset({1, 2})})
    other = make_package(0, 1, {WEEKS[0]: frozenset({1, 2, 3})})
    result = merge(Ledger(), [one, other])
    assert len(result.refused) == 2 and "conflict" in result.refused[0]
    first = merge(Ledger(), [one])
    later = merge(first.ledger, [other])
    assert "conflict" in later.refused[0] and outcome(later) == outcome(first)


def test_single_device_whole_period_is_exact() -> None:
    weeks = {WEEKS[0]: frozenset({1, 2}), WEEKS[1]: frozenset({2, 3})}
    result = merge(Ledger(), [make_package(0, 1, weeks)])
    assert (result.persons.low, result.persons.high) == (3, 3)


def test_two_devices_are_a_range() -> None:
    a = make_package(0, 1, {WEEKS[0]: frozenset(range(10))})
    b = make_package(1, 1, {WEEKS[0]: frozenset(range(5, 12))})
    result = merge(Ledger(), [a, b])
    assert (result.persons.low, result.persons.high) == (10, 17)


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "pdf"])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_format_shows_the_range(fmt: str, lang: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    a = make_package(0, 1, {WEEKS[0]: frozenset(range(10)), WEEKS[1]: frozenset(range(8))})
    b = make_package(1, 1, {WEEKS[0]: frozenset(range(5, 12))})
    data = render(merge(Ledger(), [a, b]), fmt, lang, datetime(2026, 11, 27, 3, 0))
    if fmt == "pdf":
        from tests.pdftext import pdf_text

        (tmp_path / "m.pdf").write_bytes(data)
        text = pdf_text(tmp_path / "m.pdf")
    else:
        text = data.decode("utf-8")
    word = "mellem" if lang == "da" else "between"
    if fmt == "json":
        assert '"low": 10' in text and '"high": 17' in text
    elif fmt == "text":
        assert f"{word} 10 {'og' if lang == 'da' else 'and'} 17" in " ".join(text.split())
    else:  # published: the range is rounded to multiples of 5 (17 → 15 or 20)
        joined = " ".join(text.split())
        assert re.search(rf"{word} 10 {'og' if lang == 'da' else 'and'} (15|20)\b", joined)


def test_small_counts_are_rounded_in_published_formats() -> None:
    from datetime import datetime

    a = make_package(0, 1, {WEEKS[0]: frozenset({1})}, uncoded=0)
    b = make_package(1, 1, {WEEKS[0]: frozenset({2})}, uncoded=0)
    result = merge(Ledger(), [a, b])
    csv_text = render(result, "csv", "en", datetime(2026, 11, 27)).decode("utf-8")
    assert '"persons-low"' in csv_text and '"merge","persons-high","' in csv_text
    line = next(ln for ln in csv_text.splitlines() if '"persons-high"' in ln)
    assert line.endswith(('"0"', '"5"')) and '"2"' not in line
    for row in csv_text.splitlines()[1:]:
        value = row.rsplit(",", 1)[-1].strip('"')
        if value.isdigit() and not row.startswith('"report"'):
            assert int(value) % 5 == 0, row
    # the same packages always give the same published figures
    assert render(merge(Ledger(), [a, b]), "csv", "en", datetime(2026, 11, 27)) == csv_text.encode()


def test_ledger_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = make_package(0, 1, {WEEKS[0]: frozenset({1, 2})})
    b = make_package(0, 2, {WEEKS[0]: frozenset({1, 2, 3}), WEEKS[1]: frozenset({4})})
    first = merge(Ledger(), [a, b])
    path = tmp_path / "state.json"
    save_state(path, first.ledger)
    loaded = load_state(path)
    assert loaded.accepted == first.ledger.accepted
    assert sorted(loaded.packages) == [b.package_id]  # a no longer wins any week
    assert outcome(merge(loaded, [a, b])) == outcome(first)
    assert "replay" not in " ".join(merge(loaded, [a]).refused)  # known: unchanged


def test_permutations_of_a_fixed_scenario() -> None:
    packages = [
        make_package(0, 1, {w: frozenset({1, 2}) for w in WEEKS}),
        make_package(0, 2, {WEEKS[2]: frozenset({1, 5})}),
        make_package(1, 3, {WEEKS[1]: frozenset({7}), WEEKS[2]: frozenset({7, 8})}),
        make_package(2, 1, {WEEKS[5]: frozenset({1})}),
    ]
    outcomes = {repr(outcome(merge(Ledger(), list(p)))) for p in itertools.permutations(packages)}
    assert len(outcomes) == 1


def _with_rule(package: SyncPackage, hour: int, zone: str) -> SyncPackage:
    document = dict(package.document) | {
        "reporting_day": {"day_start_hour": hour, "time_zone": zone}
    }
    check_document(document, "generated")
    return SyncPackage(document, canonical_sha256(document), package.source)


def test_a_merge_states_the_devices_reporting_day() -> None:
    from datetime import datetime

    a = _with_rule(make_package(0, 1, {WEEKS[0]: frozenset({1, 2})}), 4, "Europe/Oslo")
    b = _with_rule(make_package(1, 1, {WEEKS[0]: frozenset({3})}), 4, "Europe/Oslo")
    text = render(merge(Ledger(), [a, b]), "csv", "en", datetime(2026, 11, 27)).decode()
    assert '"report","time-zone","Time zone","Europe/Oslo"' in text
    assert '"report","day-start-hour","Day starts at hour","4"' in text
    c = _with_rule(make_package(1, 1, {WEEKS[0]: frozenset({3})}), 6, "UTC")
    mixed = render(merge(Ledger(), [a, c]), "csv", "en", datetime(2026, 11, 27)).decode()
    assert '"Europe/Copenhagen"' in mixed  # devices disagree: the documented default
