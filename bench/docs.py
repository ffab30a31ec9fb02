"""Rewrite the results at the top of docs/BENCHMARKS.md from a run's report.

Only the block between the two markers is replaced; the rest of the page (method, notes) is
written by hand and kept. A page without the markers gets the block after its title.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bench.report import Figure

BEGIN = "<!-- bench:begin (this block is written by `python -m bench`; edit below it) -->"
END = "<!-- bench:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").strip()


def _measure(text: str) -> str:
    """An indented (context) measure keeps its mark in Markdown, which drops the spaces."""
    return f"↳ {_cell(text)}" if text.startswith("  ") else _cell(text)


def _loads(values: list[float]) -> str:
    return " ".join(f"{x:.2f}" for x in values) if values else "unknown"


def block(report: dict[str, Any], rows: list[Figure]) -> str:
    m = report["machine"]
    ref = report["reference"]
    base = ref.get("base", {})
    code = m["redvan"]
    dirty = code.get("uncommitted_files_in_redvan")
    lines = [
        BEGIN,
        "## Latest run",
        "",
        f"- **Date:** {report['date']}",
        f"- **Command:** `{report['command']}`",
        f"- **Code:** commit {code['commit']}"
        + (f", plus uncommitted changes in {dirty} files under `redvan/`" if dirty else ""),
        f"- **Load average** (1, 5, 15 min) at the start: "
        f"{_loads(m.get('load_average_at_start', []))}; at the end: "
        f"{_loads(report.get('load_average_at_end', []))}",
    ]
    start = m.get("load_average_at_start") or [0.0]
    if start[0] >= max(1, int(m.get("usable_cpus") or 1)) * 0.75:
        lines += [
            "",
            f"**The machine was busy** (load {start[0]:.1f} on {m['usable_cpus']} CPUs at the "
            "start): the times below are inflated; run again on an idle machine before "
            "judging a budget.",
        ]
    lines += [
        "",
        "| Machine | |",
        "|---|---|",
        f"| CPU | {m['cpu']} ({m['usable_cpus']} usable of {m['logical_cpus']} logical CPUs) |",
        f"| RAM | {m['ram_gib']} GiB |",
        f"| OS | {m['os']} |",
        f"| Python | {m['python']} |",
        f"| SQLCipher | {m['sqlcipher']} (SQLite {m['sqlcipher_sqlite']}), sqlcipher3 "
        f"{m['sqlcipher3_package']} |",
        f"| stdlib sqlite3 | SQLite {m['stdlib_sqlite3']} |",
        f"| argon2-cffi | {m['argon2_cffi']} |",
        f"| Qt | PySide6 {m.get('pyside6', '?')} |",
    ]
    fsync = report["results"].get("fsync")
    if fsync:
        lines.append(
            f"| Disk | fsync of 16 KiB: p50 {fsync['p50']:.2f} ms, p99 {fsync['p99']:.2f} ms |"
        )
    counts = base.get("counts", {})
    lines += [
        "",
        f"Reference data: `{ref.get('command', '?')}` (demo generator "
        f"v{ref.get('generator_version', 1)}), {ref.get('bytes_on_disk', 0) / 1e6:,.0f} MB: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        + f"; schema v{base.get('schema_version', '?')}"
        + (
            f" (made at v{base['source_schema_version']} and migrated once, "
            f"{base['migration_seconds']} s, not counted)"
            if base.get("migration_seconds") is not None
            else ""
        )
        + ".",
        "",
        "| id | what | measured | budget | ok |",
        "|----|------|---------:|--------|----|",
    ]
    for f in rows:
        ok = f"**{f.verdict}**" if f.verdict == "FAIL" else f.verdict
        lines.append(
            f"| {f.budget_id} | {_measure(f.measure)} | {_cell(f.measured_text)} | "
            f"{_cell(f.budget_text)} | {ok} |"
        )
    errors = report["results"].get("errors", {})
    if errors:
        lines.append("")
        for budget, error in errors.items():
            lines.append(f"- {budget} did not complete: `{_cell(error.splitlines()[0])}`")
    not_run = [b for b in ("B1 B2 B3 B4 B5 B6 B7 B8 B9 B10".split()) if b not in report["selected"]]
    if not_run:
        lines += ["", f"Not run this time: {', '.join(not_run)}."]
    lines.append(END)
    return "\n".join(lines)


def rewrite(path: Path, report: dict[str, Any], rows: list[Figure]) -> None:
    """Replace the block in `path` (or put one after its title)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    new = block(report, rows)
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + new + tail
    else:
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{new}\n{body}"
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def main() -> int:
    """`python -m bench.docs [RESULTS.json]`: rewrite the block from a kept run's results."""
    import json
    import sys

    from bench import OUT_DIR
    from bench.__main__ import DOCS
    from bench.report import figures

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR / "results.json"
    report = json.loads(source.read_text(encoding="utf-8"))
    rewrite(DOCS, report, figures(report["results"]))
    print(f"{DOCS} rewritten from {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
