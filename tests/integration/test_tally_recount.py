"""Every figure of `redvan tally --format json`, recounted from the raw rows of the vault by an
independent reader: the vault is opened by following docs/vault-format.md (the key-slot
reader of test_vault_format, no redvan code), and each contact's night is worked out from its
stored wall-clock time by SPEC §3 (before 06:00 belongs to the day before), not from the
stored week. Several demo seeds, random single weeks and periods, across the turn of the year
and ISO week 53."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from redvan.core.demo import DemoPlan, generate
from redvan.core.services import Services
from redvan.core.weeks import IsoWeek
from redvan.storage.repository import VaultStore
from redvan.storage.vault import create_vault
from tests.cli_input import run_cli
from tests.conftest import PASSPHRASE
from tests.integration.test_vault_format import doc_open, doc_read_keyfile, doc_slot, doc_unwrap

STAFF = "AB"
LAST = "2027-W02"
NOW = datetime(2027, 1, 14, 23, 30)
SEEDS = (3, 11, 29)


def _week_of(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _night(stamp: str) -> date:
    return (datetime.fromisoformat(stamp) - timedelta(hours=6)).date()


def _make(path: Path, seed: int, fast_kdf: Any) -> None:
    def init(vault):  # type: ignore[no-untyped-def]
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    made = create_vault(path, STAFF, PASSPHRASE, kdf=fast_kdf, init=init)
    generate(
        Services(VaultStore(made.vault)),
        DemoPlan(weeks=16, seed=seed, last_week=IsoWeek.parse(LAST), now=NOW),
    )
    made.vault.close(backup=False)


def _raw(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    doc = doc_read_keyfile(path)
    conn = doc_open(path, doc_unwrap(doc, doc_slot(doc, STAFF), PASSPHRASE))
    try:
        return {
            "contacts": conn.execute(
                "SELECT id, profile_id, time, channel, zone, age_band, gender, language "
                "FROM contact"
            ).fetchall(),
            "services": conn.execute(
                "SELECT contact_id, service, quantity FROM contact_service"
            ).fetchall(),
            "referrals": conn.execute(
                "SELECT contact_id, destination, status, created_at FROM referral"
            ).fetchall(),
            "followups": conn.execute("SELECT due, status FROM followup").fetchall(),
            "incidents": conn.execute(
                "SELECT id, date, consent_tier, reported_to_police FROM incident"
            ).fetchall(),
            "incident_types": conn.execute(
                "SELECT incident_id, type FROM incident_type"
            ).fetchall(),
        }
    finally:
        conn.close()


def recount(
    raw: dict[str, list[tuple[Any, ...]]], first: str, last: str
) -> dict[str, Counter[str]]:
    """The tally's figures from raw rows, by the SPEC's words only."""
    monday = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    sunday = date.fromisocalendar(int(last[:4]), int(last[6:]), 7)
    earliest: dict[str, date] = {}
    for _, pid, stamp, *_ in raw["contacts"]:
        if pid is not None:
            night = _night(stamp)
            earliest[pid] = min(earliest.get(pid, night), night)
    inside = [c for c in raw["contacts"] if first <= _week_of(_night(c[2])) <= last]
    ids = {c[0] for c in inside}
    out: dict[str, Counter[str]] = defaultdict(Counter)
    persons = {c[1] for c in inside if c[1] is not None}
    new = {p for p in persons if monday <= earliest[p] <= sunday}
    out["total"].update(contacts=len(inside), persons=len(persons))
    out["persons.new"].update(new=len(new), returning=len(persons - new))
    for _, pid, stamp, channel, zone, age, gender, language in inside:
        out["contacts.code"]["coded" if pid else "uncoded"] += 1
        out["contacts.week"][_week_of(_night(stamp))] += 1
        out["contacts.channel"][channel or ""] += 1
        out["contacts.zone"][zone or ""] += 1
        out["contacts.age_band"][age] += 1
        out["contacts.gender"][gender] += 1
        out["contacts.language"][language or ""] += 1
    for contact_id, service, quantity in raw["services"]:
        if contact_id in ids:
            out["services"][service] += 1
            out["services.quantity"][service] += quantity
    for contact_id, destination, status, created in raw["referrals"]:
        night = _night(created) if contact_id is None else None
        if contact_id in ids or (night is not None and monday <= night <= sunday):
            out["total"]["referrals"] += 1
            out["referrals.destination"][destination] += 1
            out["referrals.status"][status] += 1
    for due, status in raw["followups"]:
        if monday <= date.fromisoformat(due) <= sunday:
            out["total"]["followups"] += 1
            out["followups.status"][status] += 1
    kept = set()
    for incident_id, day, tier, police in raw["incidents"]:
        if monday <= date.fromisoformat(day) <= sunday:
            kept.add(incident_id)
            out["total"]["incidents"] += 1
            out["incidents.consent_tier"][tier] += 1
            out["incidents.police"][police] += 1
    for incident_id, kind in raw["incident_types"]:
        if incident_id in kept:
            out["incidents.type"][kind] += 1
    return out


def figures(doc: dict[str, Any]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    out["total"] = Counter({k: v["count"] for k, v in doc["totals"].items() if v["count"]})
    for table in doc["tables"]:
        if table["key"] == "series":
            continue
        out[table["key"]] = Counter(
            {c["category"]: c["count"] for c in table["cells"] if c["count"]}
        )
        if table["quantities"]:
            out["services.quantity"] = Counter(
                {c["category"]: c["count"] for c in table["quantities"] if c["count"]}
            )
    return out


def _periods(rng: random.Random) -> list[tuple[str, str]]:
    all_weeks = [str(IsoWeek.parse(LAST) - n) for n in range(15, -1, -1)]
    chosen = [
        ("2026-W53", "2026-W53"),
        ("2026-W52", "2027-W01"),
        (all_weeks[0], LAST),  # the whole history
    ]
    for _ in range(3):
        a, b = sorted(rng.sample(range(len(all_weeks)), 2))
        chosen.append((all_weeks[a], all_weeks[b]))
    chosen.append((rng.choice(all_weeks),) * 2)
    return chosen


@pytest.mark.parametrize("seed", SEEDS)
def test_the_tally_json_matches_an_independent_recount(
    seed: int, tmp_path: Path, fast_kdf, monkeypatch, capsysbinary
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"demo{seed}.redvan"
    _make(path, seed, fast_kdf)
    raw = _raw(path)
    assert max(c[2] for c in raw["contacts"]) <= NOW.isoformat()  # nothing after "now"
    for first, last in _periods(random.Random(seed)):
        code, out, err = run_cli(
            [
                "tally",
                "--vault",
                str(path),
                "--passphrase-stdin",
                "--week",
                first,
                "--to",
                last,
                "--format",
                "json",
            ],
            (PASSPHRASE + "\n").encode(),
            monkeypatch,
            capsysbinary,
        )
        assert code == 0, err
        got = figures(json.loads(out))
        expected = recount(raw, first, last)
        for key in set(got) | set(expected):
            if key == "contacts.week" and first == last:
                continue  # one week has no week breakdown
            assert +got[key] == +expected[key], f"seed {seed}, {first}..{last}: {key}"
        if (first, last) == (str(IsoWeek.parse(LAST) - 15), LAST):
            assert expected["persons.new"]["returning"] == 0
            assert got["persons.new"].get("returning", 0) == 0
