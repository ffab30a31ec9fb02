"""DHIS2 export (SPEC X4): the weekly tallies of a period as a DHIS2 ``dataValueSet``.

A mapping file (``resources/dhis2/mapping.json`` by default; documented in
``resources/dhis2/README.md``) says which tally figure goes to which DHIS2 data element and
category option combo. Every week of the period is tallied on its own and published through
disclosure control (:func:`redvan.core.disclosure.disclose`: consistent rounding to base k, the
same value the week's CSV and PDF show), and each mapped figure becomes one data value with the
week as a DHIS2 weekly period (``2026W48``).

DHIS2's import rules the file keeps (checked in tests/unit/test_dhis2.py):

* no period after the current week (DHIS2 refuses future periods, E7641): weeks after the
  vault's current week are not exported;
* a zero is sent only for a data element the mapping marks ``zeroIsSignificant`` (DHIS2 drops
  other zeros, so a sent zero would be silently lost, and a missing one looks like no data);
* the completeness block (``completeDate``) needs the top-level ``dataSet``, ``period`` and
  ``orgUnit``: it is written for a one-week export only, never for a range of weeks;
* values are non-negative integers as strings; one value per data element, period, org unit
  and category option combo.

The file is signed like every export (trusted comment ``redvan-dhis2 device=… seq=… period=…``)
and optionally encrypted to an age recipient. The mapping file is read as hostile input.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from redvan.core.weeks import IsoWeek, week_range
from redvan.exchange.bundle import signed_export
from redvan.exchange.hostile import ImportRefused, parse_json, read_capped
from redvan.exchange.signing import signature_path

if TYPE_CHECKING:
    from redvan.core.disclosure import Disclosed, Shown
    from redvan.core.services import Services

MAPPING_FORMAT = "redvan-dhis2-mapping"
MAX_MAPPING_BYTES = 512 * 1024
MAX_WEEKS = 1100  # about 21 years: a dataValueSet, not an archive


def _dhis2_dir() -> Path:
    from redvan.resources import resource_path

    return resource_path("dhis2")


def default_mapping_path() -> Path:
    return _dhis2_dir() / "mapping.json"


@cache
def _validator() -> Any:
    doc = json.loads((_dhis2_dir() / "mapping.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(doc)
    cls.check_schema(doc)
    return cls(doc)


@dataclass(frozen=True)
class MappedValue:
    figure: str
    data_element: str
    category_option_combo: str
    zero_is_significant: bool = False


@dataclass(frozen=True)
class Dhis2Mapping:
    """A checked mapping file."""

    data_set: str
    org_unit: str
    attribute_option_combo: str | None
    values: tuple[MappedValue, ...]


def parse_mapping(data: bytes, *, name: str = "mapping file") -> Dhis2Mapping:
    """A mapping from the bytes of a mapping file, or :class:`ImportRefused` saying why not."""
    doc = parse_json(data, what=f"DHIS2 {name}")
    error = jsonschema.exceptions.best_match(_validator().iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        raise ImportRefused(f"The DHIS2 {name} does not follow its schema (at {where}).")
    values = []
    figures: set[str] = set()
    targets: set[tuple[str, str]] = set()
    for entry in doc["values"]:
        value = MappedValue(
            entry["figure"],
            entry["dataElement"],
            entry["categoryOptionCombo"],
            bool(entry.get("zeroIsSignificant", False)),
        )
        if value.figure in figures:
            raise ImportRefused(f"The DHIS2 {name} maps the figure {value.figure} twice.")
        target = (value.data_element, value.category_option_combo)
        if target in targets:
            raise ImportRefused(
                f"The DHIS2 {name} sends two figures to {value.data_element}/"
                f"{value.category_option_combo}."
            )
        figures.add(value.figure)
        targets.add(target)
        values.append(value)
    return Dhis2Mapping(
        doc["dataSet"], doc["orgUnit"], doc.get("attributeOptionCombo"), tuple(values)
    )


def load_mapping(path: Path | None = None) -> Dhis2Mapping:
    """The mapping file at ``path`` (the bundled sample when None), checked."""
    path = default_mapping_path() if path is None else Path(path)
    return parse_mapping(
        read_capped(path, MAX_MAPPING_BYTES, what="DHIS2 mapping file"), name=f"mapping {path.name}"
    )


def figure_value(disclosed: Disclosed, figure: str) -> Shown | None:
    """The disclosed figure named like an audit bundle's :class:`~redvan.exchange.bundle.Figure`
    key (``contacts``, ``contacts.age_band.18-24``, ``services.condoms.contacts``,
    ``services.condoms.quantity``, ``referrals.status.attended``), or None if the tally has no
    such figure."""
    totals = disclosed.totals
    if figure in totals:
        return totals[figure]
    for table in disclosed.tables:
        prefix = table.key + "."
        if not figure.startswith(prefix):
            continue
        rest = figure[len(prefix) :]
        if table.key == "services":
            category, _, what = rest.rpartition(".")
            source = {"contacts": table.cells, "quantity": table.quantities}.get(what, ())
        else:
            category, source = rest, table.cells
        for cell, shown in source:
            if cell == category:
                return shown
    return None


@dataclass(frozen=True)
class Dhis2Summary:
    path: Path
    signature: Path
    device_id: str
    sequence: int
    values: int
    suppressed: int  # zeros not sent (their data element is not zero-significant)
    unknown: tuple[str, ...]
    encrypted: bool
    future: int = 0  # weeks after the current week, not exported

    def __str__(self) -> str:
        text = (
            f"Wrote the DHIS2 data value set {self.path} ({self.values:,} values"
            f"{', encrypted' if self.encrypted else ''}), signed by device {self.device_id} as "
            f"number {self.sequence}; signature in {self.signature.name}."
        )
        if self.suppressed:
            text += (
                f" {self.suppressed:,} zero values were not sent (their data elements do not "
                "store zeros)."
            )
        if self.future:
            text += f" {self.future} week(s) after this week were left out: they have not happened."
        if self.unknown:
            shown = ", ".join(self.unknown[:5]) + (" …" if len(self.unknown) > 5 else "")
            text += f" Mapped figures this vault does not have: {shown}."
        return text


def data_value_set(
    services: Services, first: IsoWeek, last: IsoWeek, mapping: Dhis2Mapping, *, now: datetime
) -> tuple[dict[str, Any], int, tuple[str, ...]]:
    """The dataValueSet of weeks ``first..last`` up to the current week; also how many zero
    values were not sent and which mapped figures no week's tally has."""
    from redvan.core.disclosure import disclose

    if len(week_range(first, last)) > MAX_WEEKS:
        raise ValueError(f"A DHIS2 export covers at most {MAX_WEEKS} weeks.")
    current = services.clock().this_week(now)
    if current < first:
        raise ValueError(
            f"The period starts ({first}) after the current week ({current}); DHIS2 takes no "
            "values for weeks that have not happened."
        )
    weeks = week_range(first, min(last, current))
    values: list[dict[str, str]] = []
    suppressed = 0
    found: set[str] = set()
    for week in weeks:
        disclosed = disclose(services.tally(week, week))
        period = week.dhis2()
        for mapped in mapping.values:
            shown = figure_value(disclosed, mapped.figure)
            if shown is None:
                continue
            found.add(mapped.figure)
            if shown.value == 0 and not mapped.zero_is_significant:
                suppressed += 1
                continue
            value = {
                "dataElement": mapped.data_element,
                "period": period,
                "orgUnit": mapping.org_unit,
                "categoryOptionCombo": mapped.category_option_combo,
                "value": str(shown.value),
            }
            if mapping.attribute_option_combo:
                value["attributeOptionCombo"] = mapping.attribute_option_combo
            values.append(value)
    doc: dict[str, Any] = {"dataSet": mapping.data_set}
    if len(weeks) == 1:
        # DHIS2 registers completeness only with a top-level period (and data set, org unit).
        doc["period"] = weeks[0].dhis2()
        doc["completeDate"] = services.clock().now(now).date().isoformat()
    doc["orgUnit"] = mapping.org_unit
    doc["dataValues"] = values
    unknown = tuple(v.figure for v in mapping.values if v.figure not in found)
    return doc, suppressed, unknown


def write_dhis2(
    services: Services,
    first: IsoWeek,
    last: IsoWeek,
    out: Path,
    *,
    mapping: Dhis2Mapping | None = None,
    recipients: Sequence[str] = (),
    now: datetime | None = None,
) -> Dhis2Summary:
    """Write the DHIS2 dataValueSet of weeks ``first..last`` to ``out``, signed beside it."""
    if last < first:
        raise ValueError(f"The period ends ({last}) before it starts ({first}).")
    mapping = load_mapping() if mapping is None else mapping
    moment = now or datetime.now(UTC)
    doc, suppressed, unknown = data_value_set(services, first, last, mapping, now=moment)
    future = max(0, last - max(first - 1, services.clock().this_week(moment)))
    data = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def make(_device_id: str, _public_key: str, _sequence: int) -> bytes:
        return data

    device_id, sequence, _comment = signed_export(
        services, "dhis2", "dhis2", first, last, out, make, recipients=recipients
    )
    return Dhis2Summary(
        out,
        signature_path(out),
        device_id,
        sequence,
        len(doc["dataValues"]),
        suppressed,
        unknown,
        bool(recipients),
        future,
    )


def read_data_value_set(data: bytes) -> Mapping[str, Any]:
    """A DHIS2 file we wrote, read back as hostile input (for ``redvan verify``)."""
    doc = parse_json(data, what="DHIS2 file")
    if (
        not isinstance(doc, dict)
        or not isinstance(doc.get("dataValues"), list)
        or not isinstance(doc.get("dataSet"), str)
    ):
        raise ImportRefused("The file is not a DHIS2 data value set.")
    return doc
