"""B4 tally: one week's tally (≤ 50 ms) and a 52-week tally (≤ 500 ms) on the reference vault.

`Services.tally` is the one tally every report uses (R1); a run is the whole of it: the
aggregate queries (schema v4's covering indexes on the week), putting the figures together and
programme reach, plus `disclose` (R2), since no figure is published without it. Each run tallies
a different window, ending one week earlier than the one before, so no run reads exactly the
pages the previous one did; the first run of each size is a warm-up and not counted.

A reference vault built before schema v4 is migrated when the scratch copy is first unlocked;
that one-off time is reported apart (`migration_s`) and is not part of B4.

    python -m bench.b4_tally --vault bench/out/scratch/work.redvan   (a copy: unlocking writes)

Register in bench/__main__.py as: results["B4"] = b4_tally.run(work, BENCH_PASSPHRASE, runs),
and add `b4_tally.figures(results["B4"])` to bench.report.figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from bench.report import Figure
from bench.stats import Summary
from redvan.core.disclosure import disclose
from redvan.core.services import Services
from redvan.core.weeks import IsoWeek
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock

BUDGET_WEEK_MS = 50.0
BUDGET_YEAR_MS = 500.0


def last_full_week(services: Services) -> IsoWeek:
    """The week before the newest week with contacts (the newest may be partly recorded)."""
    row = services.store.conn.execute("SELECT max(week) FROM contact").fetchone()
    if row is None or row[0] is None:
        raise RuntimeError("the vault has no contacts to tally")
    return IsoWeek.parse(row[0]) - 1


def _timed(services: Services, first: IsoWeek, last: IsoWeek) -> tuple[float, int]:
    started = time.perf_counter()
    tally = services.tally(first, last)
    disclose(tally)
    return (time.perf_counter() - started) * 1000, tally.total("contacts")


def run(vault_path: Path, passphrase: str, runs: int = 10) -> dict[str, Any]:
    started = time.perf_counter()
    vault = unlock(vault_path, passphrase)
    migration_s = time.perf_counter() - started
    try:
        services = Services(VaultStore(vault))
        last = last_full_week(services)
        out: dict[str, Any] = {"last_week": str(last), "migration_s": round(migration_s, 3)}
        for name, span in (("week", 1), ("year", 52)):
            _timed(services, last - (span - 1) - runs, last - runs)  # warm-up
            samples, contacts = [], []
            for back in range(runs):
                end = last - back
                took, n = _timed(services, end - (span - 1), end)
                samples.append(took)
                contacts.append(n)
            out[name] = {
                "ms": Summary.of(samples).as_dict(),
                "contacts_median": statistics.median(contacts),
            }
        plan = services.store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT service, count(*), sum(quantity) FROM contact_service "
            "WHERE week BETWEEN ? AND ? GROUP BY week, service",
            ("a", "b"),
        )
        out["services_plan"] = [str(r[-1]) for r in plan]
    finally:
        vault.close(backup=False)
    return out


def figures(result: dict[str, Any]) -> list[Figure]:
    week, year = result["week"], result["year"]
    return [
        Figure(
            "B4",
            f"one week's tally, median (n={week['ms']['n']})",
            week["ms"]["p50"],
            "ms",
            BUDGET_WEEK_MS,
        ),
        Figure("B4", "one week's tally, max", week["ms"]["max"], "ms"),
        Figure("B4", "  contacts in a week, median", week["contacts_median"], ""),
        Figure(
            "B4",
            f"52-week tally, median (n={year['ms']['n']})",
            year["ms"]["p50"],
            "ms",
            BUDGET_YEAR_MS,
        ),
        Figure("B4", "52-week tally, max", year["ms"]["max"], "ms"),
        Figure("B4", "  contacts in 52 weeks, median", year["contacts_median"], ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.b4_tally", description=__doc__)
    parser.add_argument("--vault", required=True, type=Path, help="a scratch copy to unlock")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from bench import BENCH_PASSPHRASE

    result = run(args.vault, BENCH_PASSPHRASE, args.runs)
    for figure in figures(result):
        print(
            f"{figure.budget_id}  {figure.measure:<44} {figure.measured_text:>10}"
            f"  {figure.budget_text:<10} {figure.verdict}"
        )
    print(json.dumps({k: v for k, v in result.items() if k in ("last_week", "migration_s")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
