"""X4: the DHIS2 file keeps DHIS2's documented dataValueSet import rules.

From DHIS2's import docs and its importer (dhis2-core, DataValueSetImportValidator): a value's
period must not be in the future (E7641) unless the data set allows it; a completeness block
(``completeDate``) registers the data set for the top-level ``dataSet``, ``period`` and
``orgUnit``; zeros are ignored unless the data element is zero-significant; UIDs are 11
characters, a letter then letters and digits; a weekly period is ``yyyyWn``; one value per
data element, period, org unit, category option combo and attribute option combo.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from redvan.core.demo import DemoPlan, generate
from redvan.core.disclosure import disclose
from redvan.core.weeks import IsoWeek
from redvan.exchange import dhis2
from redvan.reports.csv import tally_csv

UID = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}$")
PERIOD = re.compile(r"^([0-9]{4})W([1-9]|[1-4][0-9]|5[0-3])$")
MADE = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # Monday of 2026-W50, 11:00 in Copenhagen


@pytest.fixture
def demo(services: Any) -> Any:
    generate(
        services,
        DemoPlan(weeks=8, seed=5, last_week=IsoWeek(2026, 50), now=datetime(2026, 12, 7, 11, 0)),
    )
    return services


def check_import_rules(doc: dict[str, Any], mapping: dhis2.Dhis2Mapping, made: datetime) -> None:
    """Everything DHIS2 checks before it stores a value, as far as a file can show it."""
    current = IsoWeek.of(made.astimezone(UTC).date())
    assert UID.match(doc["dataSet"]) and UID.match(doc["orgUnit"])
    if "completeDate" in doc:
        assert PERIOD.match(doc["period"]), "completeness needs a top-level period"
        assert date.fromisoformat(doc["completeDate"]) <= made.date()
    else:
        assert "period" not in doc
    zero_ok = {
        (m.data_element, m.category_option_combo) for m in mapping.values if m.zero_is_significant
    }
    seen = set()
    for value in doc["dataValues"]:
        match = PERIOD.match(value["period"])
        assert match, value["period"]
        week = IsoWeek(int(match.group(1)), int(match.group(2)))  # a week that exists
        assert week <= current, f"future period {value['period']} (E7641)"
        for field in ("dataElement", "orgUnit", "categoryOptionCombo"):
            assert UID.match(value[field]), value
        assert re.fullmatch(r"[0-9]+", value["value"]), value
        if value["value"] == "0":
            assert (value["dataElement"], value["categoryOptionCombo"]) in zero_ok
        key = (
            value["dataElement"],
            value["period"],
            value["orgUnit"],
            value["categoryOptionCombo"],
            value.get("attributeOptionCombo"),
        )
        assert key not in seen, f"duplicate value {key}"
        seen.add(key)


def test_a_range_reaching_into_the_future_stops_at_this_week(demo: Any, tmp_path: Path) -> None:
    """Before: 2026-W52..2027-W01 made on 2026-12-07 wrote 215 zero values for future weeks."""
    out = tmp_path / "d.json"
    summary = dhis2.write_dhis2(demo, IsoWeek(2026, 48), IsoWeek(2027, 1), out, now=MADE)
    doc = json.loads(out.read_bytes())
    check_import_rules(doc, dhis2.load_mapping(), MADE)
    assert {v["period"] for v in doc["dataValues"]} <= {"2026W48", "2026W49", "2026W50"}
    assert summary.future == 4 and "have not happened" in str(summary)
    with pytest.raises(ValueError, match="after the current week"):
        dhis2.write_dhis2(demo, IsoWeek(2026, 52), IsoWeek(2027, 1), out, now=MADE)


def test_one_week_has_a_valid_completeness_block(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    dhis2.write_dhis2(demo, IsoWeek(2026, 49), IsoWeek(2026, 49), out, now=MADE)
    doc = json.loads(out.read_bytes())
    assert doc["period"] == "2026W49" and doc["completeDate"] == "2026-12-07"
    check_import_rules(doc, dhis2.load_mapping(), MADE)


def test_values_are_the_weeks_published_values(demo: Any, tmp_path: Path) -> None:
    """The DHIS2 file, the week's CSV and a quarter's CSV agree: one consistent method."""
    out = tmp_path / "q.json"
    first, last = IsoWeek(2026, 43), IsoWeek(2026, 50)
    dhis2.write_dhis2(demo, first, last, out, now=MADE)
    doc = json.loads(out.read_bytes())
    check_import_rules(doc, dhis2.load_mapping(), MADE)
    mapping = dhis2.load_mapping()
    contacts = next(m for m in mapping.values if m.figure == "contacts")
    sent = {
        v["period"]: int(v["value"])
        for v in doc["dataValues"]
        if v["dataElement"] == contacts.data_element
    }
    for week in (IsoWeek(2026, 44), IsoWeek(2026, 49)):
        rows = csv.reader(
            io.StringIO(tally_csv(disclose(demo.tally(week, week)), "en", MADE).decode("utf-8-sig"))
        )
        value = next(int(r[3]) for r in rows if r[:2] == ["total", "contacts"])
        assert sent[week.dhis2()] == value and value % 5 == 0
    period = disclose(demo.tally(first, last))
    assert period.total("contacts").value == sum(sent.values())
