"""The benchmark harness runs end to end on a tiny vault (no timing is asserted: SPEC §10's
budgets are measured by `python -m bench`, not by tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "BENCHMARKS.md"
SELECTED = ["B2", "B4", "B7", "B9", "B10", "B14"]


@pytest.mark.slow
def test_bench_quick_runs_and_reports(tmp_path: Path) -> None:
    docs_before = DOCS.read_bytes() if DOCS.exists() else None
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--scale",
            "1",
            "--weeks",
            "3",
            "--only",
            ",".join(SELECTED),
            "--runs",
            "1",
            "--startup-runs",
            "1",
            "--view-runs",
            "1",
            "--exchange-runs",
            "1",
            "--packages",
            "3",
            "--no-xvfb",
            "--work-dir",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: a budget missed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "errors" not in report["results"], report["results"].get("errors")
    assert set(SELECTED) <= set(report["results"])
    ids = {f["budget_id"] for f in report["figures"]}
    assert set(SELECTED) <= ids
    for figure in report["figures"]:
        assert figure["value"] is not None or figure["note"], figure
    assert report["results"]["B7"]["rows"]["profiles"] > 0
    assert report["machine"]["cpu"] and " -m bench " in report["command"]
    header = next(line for line in done.stdout.splitlines() if line.startswith("id "))
    assert header.split() == ["id", "what", "measured", "budget", "ok"]
    # A quick run never rewrites the published results, and the scratch copies are gone.
    assert (DOCS.read_bytes() if DOCS.exists() else None) == docs_before
    assert not list((tmp_path / "work").glob("scratch-*"))
