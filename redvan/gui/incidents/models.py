"""The incidents list as a table model: newest first, rows resolved a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from redvan.core import enums
from redvan.core.codes import alias_label
from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.model import Incident
from redvan.core.ports import Store
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.widgets.dates import format_day

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200


def type_order(types: Sequence[str]) -> list[IncidentType]:
    """Incident types in the order of the data model (the vault keeps them unordered)."""
    wanted = set(types)
    return [t for t in IncidentType if t.value in wanted]


# -- the list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentRow:
    incident: Incident
    alias: str  # the linked person's alias, or ""


class IncidentsModel(QAbstractTableModel):
    """Incidents as a table, newest first; rows are resolved a page at a time."""

    COL_DATE, COL_ZONE, COL_TYPES, COL_TIER, COL_POLICE, COL_PERSON = range(6)
    COLUMNS = 6

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.today = date.today()
        self._incidents: list[Incident] = []
        self._rows: list[IncidentRow] = []
        self._zones: dict[str, VocabularyEntry] = {}
        self._store: Store | None = None
        self._aliases: dict[str, str] = {}

    def set_incidents(self, incidents: Sequence[Incident], store: Store, today: date) -> None:
        self.beginResetModel()
        self._incidents = list(incidents)
        self._store = store
        self.today = today
        self._zones = {e.slug: e for e in store.vocabulary(VocabularyKind.ZONE)}
        self._aliases = {}
        self._rows = [self._row(i) for i in self._incidents[:PAGE_SIZE]]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._incidents, self._rows, self._store, self._aliases = [], [], None, {}
        self.endResetModel()

    def _row(self, incident: Incident) -> IncidentRow:
        alias = ""
        if incident.profile_id and self._store is not None:
            if incident.profile_id not in self._aliases:
                profile = self._store.profile_by_id(incident.profile_id)
                self._aliases[incident.profile_id] = profile.alias if profile else ""
            alias = self._aliases[incident.profile_id]
        return IncidentRow(incident, alias)

    def set_language(self, language: str) -> None:
        self.language = language
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and len(self._rows) < len(self._incidents)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008,N802
        if parent.isValid():
            return
        start = len(self._rows)
        batch = self._incidents[start : start + PAGE_SIZE]
        if not batch:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(self._row(i) for i in batch)
        self.endInsertRows()

    def total(self) -> int:
        return len(self._incidents)

    def incident(self, row: int) -> Incident:
        return self._rows[row].incident

    def row_of(self, incident_id: str) -> int:
        for number, incident in enumerate(self._incidents):
            if incident.id == incident_id:
                while len(self._rows) <= number:
                    self.fetchMore()
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.incident.id
        return None

    def _text(self, row: IncidentRow, column: int) -> str:
        incident, lang = row.incident, self.language
        if column == self.COL_DATE:
            text = format_day(incident.date, lang)
            return text if incident.date.year == self.today.year else f"{text} {incident.date.year}"
        if column == self.COL_ZONE:
            entry = self._zones.get(incident.zone or "")
            return entry.label(lang) if entry else (incident.zone or "")
        if column == self.COL_TYPES:
            return ", ".join(enums.label(t, lang) for t in type_order(incident.types))
        if column == self.COL_TIER:
            return enums.label(ConsentTier(incident.consent_tier), lang)
        if column == self.COL_POLICE:
            return enums.label(PoliceReport(incident.reported_to_police), lang)
        if column == self.COL_PERSON:
            return alias_label(row.alias, lang) if row.alias else ""
        return ""

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_DATE: self.tr("Date"),
            self.COL_ZONE: self.tr("Zone"),
            self.COL_TYPES: self.tr("What happened"),
            self.COL_TIER: self.tr("Consent tier"),
            self.COL_POLICE: self.tr("Police"),
            self.COL_PERSON: self.tr("Person"),
        }.get(section)
