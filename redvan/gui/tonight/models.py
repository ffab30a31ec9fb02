"""What Tonight shows: the night's window, its contacts as rows, and their totals.

"Tonight" is the reporting day (SPEC, "the night"): from the day-start hour to the next,
whatever shifts started or ended in it, so ending one shift and starting another the same
night loses nothing. Contacts timed after "now" (a clock set wrong, made-up demo data) are
not part of tonight yet. Newest first: a contact saved a moment ago is the top row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from redvan.core.codes import alias_label
from redvan.core.model import Contact, ServiceGiven
from redvan.core.ports import Store
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.widgets.followup_list import FollowUpsModel
from redvan.gui.widgets.table import Column, ColumnTableModel

# The vault's day-start hour (SPEC: default 06:00): a contact before it belongs to the
# night before. TODO(i12): read it from redvan.core.night once that lands in main.
DAY_START_HOUR = 6


def night_window(now: datetime, day_start_hour: int = DAY_START_HOUR) -> tuple[datetime, datetime]:
    """The [start, end) of the night `now` belongs to: day-start to day-start."""
    start = now.replace(hour=day_start_hour, minute=0, second=0, microsecond=0)
    if now < start:
        start -= timedelta(days=1)
    return start, start + timedelta(days=1)


@dataclass(frozen=True)
class TonightRow:
    """One contact of tonight with what its row shows."""

    contact: Contact
    alias: str | None  # None: an uncoded contact
    new_person: bool
    referrals: int

    @property
    def id(self) -> str:
        return self.contact.id


@dataclass(frozen=True)
class TonightTotals:
    contacts: int
    persons: int  # distinct persons with a code
    uncoded: int
    new_persons: int


def load_tonight(store: Store, start: datetime, end: datetime, now: datetime) -> list[TonightRow]:
    """The night's contacts up to `now`, newest first, with alias, "new person" and the
    number of referrals."""
    contacts = [c for c in store.contacts_between(start, end) if c.time <= now]
    referrals = store.referral_counts_between(start, end)
    persons = store.aliases_by_id([c.profile_id for c in contacts if c.profile_id is not None])
    rows = []
    for contact in contacts:
        alias, new = None, False
        if contact.profile_id is not None:
            alias, first = persons.get(contact.profile_id, ("", None))
            new = first is not None and first >= start
        rows.append(TonightRow(contact, alias, new, referrals.get(contact.id, 0)))
    # Oldest first from the store; a stable sort keeps the order of saving within a minute.
    rows.sort(key=lambda r: r.contact.time)
    rows.reverse()
    return rows


class TonightContactsModel(ColumnTableModel[TonightRow]):
    """Tonight's contacts; a night is at most a few dozen rows."""

    COL_TIME, COL_PERSON, COL_ZONE, COL_CHANNEL, COL_SERVICES, COL_REFERRALS = range(6)
    COLUMNS = 6

    def __init__(self, language: str = "en", parent: Any = None) -> None:
        self._labels: dict[VocabularyKind, dict[str, VocabularyEntry]] = {}
        super().__init__(language, parent)

    def columns(self) -> Sequence[Column[TonightRow]]:
        return (
            Column(lambda: self.tr("Time"), lambda r: r.contact.time.strftime("%H:%M")),
            Column(lambda: self.tr("Person"), self._person),
            Column(
                lambda: self.tr("Zone"),
                lambda r: self._label(VocabularyKind.ZONE, r.contact.zone),
            ),
            Column(
                lambda: self.tr("Channel"),
                lambda r: self._label(VocabularyKind.CHANNEL, r.contact.channel),
            ),
            Column(
                lambda: self.tr("Services"),
                lambda r: ", ".join(self._service(g) for g in r.contact.services),
            ),
            Column(
                lambda: self.tr("Referrals"),
                lambda r: str(r.referrals) if r.referrals else "",
                alignment=Qt.AlignmentFlag.AlignCenter,
            ),
        )

    def set_rows(self, rows: Sequence[TonightRow], vocabulary: Sequence[VocabularyEntry]) -> None:
        self._labels = {}
        for entry in vocabulary:
            self._labels.setdefault(entry.kind, {})[entry.slug] = entry
        self.set_items(rows)
        while self.canFetchMore():  # a night is short: every row, so totals read them all
            self.fetchMore()

    def rows(self) -> list[TonightRow]:
        return self.items()

    def totals(self) -> TonightTotals:
        rows = self.items()
        coded = [r for r in rows if r.contact.profile_id is not None]
        return TonightTotals(
            contacts=len(rows),
            persons=len({r.contact.profile_id for r in coded}),
            uncoded=len(rows) - len(coded),
            new_persons=len({r.contact.profile_id for r in coded if r.new_person}),
        )

    def service_total(self, slug: str) -> int:
        """Tonight's total quantity of one service."""
        return sum(
            g.quantity for r in self.items() for g in r.contact.services if g.service == slug
        )

    def _label(self, kind: VocabularyKind, slug: str | None) -> str:
        if slug is None:
            return ""
        entry = self._labels.get(kind, {}).get(slug)
        return entry.label(self.language) if entry else slug

    def _service(self, given: ServiceGiven) -> str:
        entry = self._labels.get(VocabularyKind.SERVICE, {}).get(given.service)
        name = entry.label(self.language) if entry else given.service
        counted = given.quantity > 1 or (entry is not None and entry.quantity)
        return f"{name} ×{given.quantity}" if counted else name

    def _person(self, row: TonightRow) -> str:
        if row.alias is None:
            return self.tr("No code")
        alias = alias_label(row.alias, self.language)
        return self.tr("%1 (new)").replace("%1", alias) if row.new_person else alias


class DueModel(FollowUpsModel):
    """The follow-ups due: a short panel, so a short first page (each row looks up a person;
    more load as the list is scrolled). A narrow panel: due dates without the weekday."""

    COMPACT = True

    def page_size(self) -> int:
        return 50
