"""B5 PDF: a weekly report (≤ 1.5 s) and a year's report (≤ 3 s) on the reference vault.

A run is what a coordinator waits for after "Save PDF": the tally (R1), disclosure control
(R2) and rendering the PDF with reportlab (R4), in Danish, into memory (writing the file is
one fsync and not the report's cost). The first run of each size is a warm-up (it loads and
subsets the font) and is not counted. Run it on a scratch copy: unlocking writes.

    python -m bench.b5_pdf --vault bench/out/scratch/work.redvan

Register in bench/__main__.py as: results["B5"] = b5_pdf.run(work, BENCH_PASSPHRASE, runs),
and add `b5_pdf.figures(results["B5"])` to bench.report.figures.
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.b4_tally import last_full_week
from bench.report import Figure
from bench.stats import Summary
from redvan.core.disclosure import disclose
from redvan.core.services import Services
from redvan.reports.tally_pdf import font_files, tally_pdf
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock

BUDGET_WEEK_S = 1.5
BUDGET_YEAR_S = 3.0


def run(vault_path: Path, passphrase: str, runs: int = 5) -> dict[str, Any]:
    vault = unlock(vault_path, passphrase)
    try:
        services = Services(VaultStore(vault))
        last = last_full_week(services)
        out: dict[str, Any] = {"last_week": str(last), "font": font_files()[0].name}
        for name, span in (("week", 1), ("year", 52)):
            samples, render, sizes = [], [], []
            for attempt in range(runs + 1):
                end = last - attempt
                started = time.perf_counter()
                disclosed = disclose(services.tally(end - (span - 1), end))
                drawn = time.perf_counter()
                data = tally_pdf(disclosed, "da", datetime.now())
                done = time.perf_counter()
                if attempt:  # the first is the warm-up
                    samples.append((done - started) * 1000)
                    render.append((done - drawn) * 1000)
                    sizes.append(len(data))
            out[name] = {
                "ms": Summary.of(samples).as_dict(),
                "render_ms": Summary.of(render).as_dict(),
                "bytes": max(sizes),
            }
    finally:
        vault.close(backup=False)
    return out


def figures(result: dict[str, Any]) -> list[Figure]:
    week, year = result["week"], result["year"]
    return [
        Figure(
            "B5",
            f"weekly PDF, tally + render, median (n={week['ms']['n']})",
            week["ms"]["p50"] / 1000,
            "s",
            BUDGET_WEEK_S,
        ),
        Figure("B5", "weekly PDF, max", week["ms"]["max"] / 1000, "s"),
        Figure("B5", "  of which rendering, median", week["render_ms"]["p50"], "ms"),
        Figure(
            "B5",
            f"a year's PDF, tally + render, median (n={year['ms']['n']})",
            year["ms"]["p50"] / 1000,
            "s",
            BUDGET_YEAR_S,
        ),
        Figure("B5", "a year's PDF, max", year["ms"]["max"] / 1000, "s"),
        Figure("B5", "  of which rendering, median", year["render_ms"]["p50"], "ms"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.b5_pdf", description=__doc__)
    parser.add_argument("--vault", required=True, type=Path, help="a scratch copy to unlock")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from bench import BENCH_PASSPHRASE

    result = run(args.vault, BENCH_PASSPHRASE, args.runs)
    for figure in figures(result):
        print(
            f"{figure.budget_id}  {figure.measure:<50} {figure.measured_text:>10}"
            f"  {figure.budget_text:<10} {figure.verdict}"
        )
    print(f"font embedded: {result['font']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
