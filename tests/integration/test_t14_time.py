"""T14: the same intake file recorded under different machine time zones gives identical
tallies, byte for byte; contacts across midnight, ISO week 53 and daylight-saving changes land
on the documented night (redvan.core.night)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

# One person (and some strangers) over a year's awkward moments.
INTAKE = [
    # Sunday 23:59 and Monday 01:30 of one night: both in 2026-W47
    {"time": "2026-11-22T23:59", "code": "MAJA7", "services": {"condoms": 5}},
    {"time": "2026-11-23T01:30", "code": "MAJA7", "services": {"conversation": 1}},
    # with offsets: the machine's zone must not matter
    {"time": "2026-10-25T23:30Z", "code": "LUNA3"},
    {"time": "2027-01-04T00:30+01:00", "code": "LUNA3", "channel": "van"},
    {"time": "2026-12-31T15:00-08:00", "zone": "istedgade"},
    # daylight saving: the spring gap (moves forward) and the autumn overlap (first occurrence)
    {"time": "2026-03-29T02:30", "code": "SOL99"},
    {"time": "2026-10-25T02:30", "code": "SOL99"},
    # week 53 of 2026 and the first night of 2027-W01
    {"time": "2027-01-03T23:00", "code": "NOVA5"},
    {"time": "2027-01-04T06:00", "code": "NOVA5"},
]
ZONES = ("UTC", "Europe/Copenhagen", "America/Los_Angeles", "Pacific/Kiritimati")


def _without_published(data: bytes) -> bytes:
    """The json with every "published" value taken out: the exact tally, as bytes."""

    def strip(node: object) -> object:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if not k.startswith("published")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(json.loads(data)), ensure_ascii=False, indent=2).encode()


def _pairs(doc: dict) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    out = [(v["count"], v["published"]) for v in doc["totals"].values()]
    for table in doc["tables"]:
        if table["key"] != "persons.new":
            out += [(c["count"], c["published"]) for c in table["cells"]]
    return out


def _run(args: list[str], tz: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, TZ=tz, SOURCE_DATE_EPOCH="1796000000", REDVAN_LOG_DIR=str(cwd))
    return subprocess.run(
        [sys.executable, "-m", "redvan.cli", *args],
        input=(PASSPHRASE + "\n").encode(),
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def blank_vault(services, vault_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A new vault with the default vocabularies and fast key slots, closed."""
    services.save_programme("exit", "EXIT", *_weeks("2026-W01", "2027-W52"), 50)
    services.store.vault.close(backup=False)
    return vault_path


def _weeks(a: str, b: str):  # type: ignore[no-untyped-def]
    from redvan.core.weeks import IsoWeek

    return IsoWeek.parse(a), IsoWeek.parse(b)


def test_the_same_file_under_any_machine_time_zone_gives_the_same_tally(
    blank_vault: Path, tmp_path: Path
) -> None:
    intake = tmp_path / "intake.jsonl"
    intake.write_text("".join(json.dumps(line) + "\n" for line in INTAKE), encoding="utf-8")
    outputs: dict[str, bytes] = {}
    for tz in ZONES:
        here = tmp_path / tz.replace("/", "_")
        here.mkdir()
        vault = here / blank_vault.name
        for suffix in ("", ".keys", ".attempts"):
            shutil.copyfile(str(blank_vault) + suffix, str(vault) + suffix)
        done = _run(["record", "--vault", str(vault), "--passphrase-stdin", str(intake)], tz, here)
        assert done.returncode == 0, done.stderr.decode()
        tally = _run(
            [
                "tally",
                "--vault",
                str(vault),
                "--passphrase-stdin",
                "--week",
                "2026-W13",
                "--to",
                "2027-W01",
                "--format",
                "json",
            ],
            tz,
            here,
        )
        assert tally.returncode == 0, tally.stderr.decode()
        outputs[tz] = tally.stdout
    # The exact tally is byte-identical. The published (rounded) values come from each vault's
    # own secret random record keys, so four separate vaults may round differently; each must
    # still be a valid rounding of the same exact figure.
    exact = {tz: _without_published(data) for tz, data in outputs.items()}
    for tz in ZONES[1:]:
        assert exact[tz] == exact[ZONES[0]], f"the tally under TZ={tz} differs from TZ=UTC"
    for data in outputs.values():
        doc = json.loads(data)
        assert all(published % 5 == 0 for _, published in _pairs(doc))
        weekly = next(t for t in doc["tables"] if t["key"] == "contacts.week")["cells"]
        assert all(abs(c["published"] - c["count"]) < 5 for c in weekly)  # one week: < k off

    doc = json.loads(outputs[ZONES[0]])
    assert doc["reporting_day"]["time_zone"] == "Europe/Copenhagen"
    assert doc["reporting_day"]["day_start_hour"] == 6
    weeks = {
        c["category"]: c["count"]
        for t in doc["tables"]
        if t["key"] == "contacts.week"
        for c in t["cells"]
    }
    assert weeks["2026-W47"] == 2  # 23:59 and 01:30: one night
    assert weeks["2026-W48"] == 0
    assert weeks["2026-W13"] == 1  # the gap time, moved to 03:30 on Sunday 29 March: W13
    assert weeks["2026-W43"] == 2  # 02:30 in the overlap (night of the 24th) and 23:30Z
    assert weeks["2026-W53"] == 3  # 00:30+01:00 on 4 Jan, 23:00 on 3 Jan, 15:00-08:00 on 31 Dec
    assert weeks["2027-W01"] == 1  # 06:00 starts the night of Monday 4 January
    assert doc["totals"]["contacts"]["count"] == len(INTAKE)
    new = {
        c["category"]: c["count"]
        for t in doc["tables"]
        if t["key"] == "persons.new"
        for c in t["cells"]
    }
    assert new == {"new": 4, "returning": 0}
