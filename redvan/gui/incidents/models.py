"""The incidents list as a table model: newest first, rows resolved a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from redvan.core import enums
from redvan.core.codes import alias_label
from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.model import Incident
from redvan.core.ports import Store
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.widgets.aliases import AliasCache
from redvan.gui.widgets.dates import format_day
from redvan.gui.widgets.table import Column, ColumnTableModel


def type_order(types: Sequence[str]) -> list[IncidentType]:
    """Incident types in the order of the data model (the vault keeps them unordered)."""
    wanted = set(types)
    return [t for t in IncidentType if t.value in wanted]


# -- the list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentRow:
    incident: Incident
    alias: str  # the linked person's alias, or ""
    zone: VocabularyEntry | None


class IncidentDirectory:
    """Looks up the linked person's alias and the zone of incidents, cached."""

    def __init__(self, store: Store) -> None:
        self._zones = {e.slug: e for e in store.vocabulary(VocabularyKind.ZONE)}
        self._aliases = AliasCache(store)

    def row(self, incident: Incident) -> IncidentRow:
        alias = self._aliases.alias(incident.profile_id)
        return IncidentRow(incident, alias, self._zones.get(incident.zone or ""))


class IncidentsModel(ColumnTableModel[IncidentRow]):
    """Incidents as a table, newest first; rows are resolved a page at a time."""

    COL_DATE, COL_ZONE, COL_TYPES, COL_TIER, COL_POLICE, COL_PERSON = range(6)
    COLUMNS = 6

    def columns(self) -> Sequence[Column[IncidentRow]]:
        return (
            Column(lambda: self.tr("Date"), self._date),
            Column(
                lambda: self.tr("Zone"),
                lambda r: r.zone.label(self.language) if r.zone else (r.incident.zone or ""),
            ),
            Column(
                lambda: self.tr("What happened"),
                lambda r: ", ".join(
                    enums.label(t, self.language) for t in type_order(r.incident.types)
                ),
            ),
            Column(
                lambda: self.tr("Consent tier"),
                lambda r: enums.label(ConsentTier(r.incident.consent_tier), self.language),
            ),
            Column(
                lambda: self.tr("Police"),
                lambda r: enums.label(PoliceReport(r.incident.reported_to_police), self.language),
            ),
            Column(
                lambda: self.tr("Person"),
                lambda r: alias_label(r.alias, self.language) if r.alias else "",
            ),
        )

    def set_incidents(self, incidents: Sequence[Incident], store: Store, today: date) -> None:
        self.set_items(incidents, IncidentDirectory(store), today)

    def incident(self, row: int) -> Incident:
        return self.item(row)

    def _date(self, row: IncidentRow) -> str:
        day = row.incident.date
        text = format_day(day, self.language)
        return text if day.year == self.today.year else f"{text} {day.year}"
