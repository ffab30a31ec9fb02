"""The tally for the coordinator: plain text and JSON with EXACT counts (`redvan tally`).

These two formats are the coordinator's own view, like the Reports screen: every count is
exact, and each figure says how the published outputs (PDF, CSV) will show it — "<k", "x" or
withheld — and why. They are not for publishing; the PDF and CSV are. See
docs/disclosure-control.md ("Which outputs are suppressed").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from redvan.core.disclosure import Disclosed, Shown
from redvan.core.tally import TOTALS, category_label
from redvan.reports.texts import report_title, table_title, text

JSON_FORMAT = "redvan-tally"
JSON_VERSION = 1


def _shown(disclosed: Disclosed, shown: Shown) -> dict[str, Any]:
    """An exact count and the value a published output prints for it."""
    return {"count": shown.true_value, "published": shown.value}


def tally_json(disclosed: Disclosed, generated: datetime) -> dict[str, Any]:
    """Exact counts with their published form, as a JSON-ready dict (format version 1)."""
    tally = disclosed.tally
    tables = []
    for table in disclosed.tables:
        tables.append(
            {
                "key": table.key,
                "group": table.table.group,
                "kind": table.table.kind.value,
                "withheld": table.withheld.value if table.withheld is not None else None,
                "cells": [
                    {"category": c, "label": category_label(table.key, c, "en", tally.vocabulary)}
                    | _shown(disclosed, s)
                    for c, s in table.cells
                ],
                "quantities": [{"category": c} | _shown(disclosed, s) for c, s in table.quantities],
            }
        )
    reach = []
    for item in disclosed.reach:
        r = item.reach
        reach.append(
            {
                "programme": r.slug,
                "name": r.name,
                "first_week": str(r.first),
                "last_week": str(r.last),
                "as_of": str(r.as_of),
                "target": r.target,
                "reached": _shown(disclosed, item.reached),
                "forecast": _shown(disclosed, item.forecast) if item.forecast else None,
                "pace_needed": round(float(r.pace_needed), 2)
                if r.pace_needed is not None
                else None,
                "pace_so_far": round(float(r.pace_so_far), 2),
                "warning": r.warning,
                "published_warning": item.warning,
                "published_pace_needed": round(float(item.pace_needed), 2)
                if item.pace_needed is not None
                else None,
                "weeks_elapsed": r.weeks_elapsed,
                "weeks_total": r.weeks_total,
                "cumulative": [[str(w), n] for w, n in r.cumulative],
                "published_line": [[str(w), n] for w, n in item.milestones],
            }
        )
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "first_week": str(tally.first),
        "last_week": str(tally.last),
        "generated": generated.isoformat(timespec="seconds"),
        "threshold": disclosed.threshold,
        "method": disclosed.method,
        "exact": True,
        "confidential": "confidential, exact: for the coordinator only, never to be published",
        "reporting_day": tally.clock.metadata(),
        "totals": {name: _shown(disclosed, disclosed.total(name)) for name in TOTALS},
        "tables": tables,
        "reach": reach,
    }


def tally_text(disclosed: Disclosed, language: str) -> str:
    """Exact counts as aligned text; figures the published outputs hide are marked."""
    tally, k = disclosed.tally, disclosed.threshold
    t = text(language)
    danish = t is text("da")
    lines: list[str] = []
    title = report_title(tally.first, tally.last, language)
    lines.append(title)
    lines.append(f"{tally.first.monday()} – {tally.last.sunday()}")
    lines.append(tally.clock.describe(language))
    if danish:
        lines.append(
            "FORTROLIGT, NØJAGTIGE TAL: kun til koordinatoren, må ikke offentliggøres. "
            f"PDF, CSV og DHIS2 viser tallene afrundet til et multiplum af {k} (i parentes)."
        )
    else:
        lines.append(
            "CONFIDENTIAL, EXACT: for the coordinator only, never to be published. "
            f"The PDF, CSV and DHIS2 files show figures rounded to a multiple of {k} "
            "(in brackets)."
        )
    lines.append("")

    def row(label: str, shown: Shown, indent: int = 0) -> str:
        published = f" ({shown.value})" if shown.value != shown.true_value else ""
        return f"{' ' * indent}{label:<{44 - indent}}{shown.true_value:>8}{published}"

    for name in TOTALS:
        lines.append(row(t[f"total_{name}"], disclosed.total(name)))
    for table in disclosed.tables:
        if table.key == "series" or not table.cells:
            continue
        lines.append("")
        lines.append(table_title(table.key, language, long=True))
        for category, shown in table.cells:
            label = category_label(table.key, category, language, tally.vocabulary)
            lines.append(row(label, shown, 2))
        if table.quantities:
            lines.append("")
            lines.append(t["col_quantity"])
            for category, shown in table.quantities:
                if shown.true_value or shown.value:
                    label = category_label(table.key, category, language, tally.vocabulary)
                    lines.append(row(label, shown, 2))
    for item in disclosed.reach:
        r = item.reach
        lines.append("")
        lines.append(f"{t['reach_name']}: {r.name} ({r.first}–{r.last})")
        lines.append(row(t["reach_reached"], item.reached, 2))
        lines.append(f"  {t['reach_target']:<42}{r.target:>8}")
        if r.forecast is not None:
            lines.append(f"  {t['reach_forecast']:<42}{r.forecast:>8}")
        if r.pace_needed is not None:
            lines.append(f"  {t['reach_pace_needed']:<42}{float(r.pace_needed):>8.1f}")
        lines.append(f"  {t['reach_pace_so_far']:<42}{float(r.pace_so_far):>8.1f}")
        if r.warning:
            lines.append(f"  {t['reach_warning_label'].upper()}")
    return "\n".join(lines) + "\n"
