"""Follow-ups as a table: the Follow-ups screen's three lists and Tonight's "due" panel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from redvan.core import enums
from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpStatus, FollowUpType
from redvan.core.model import FollowUp, Referral
from redvan.core.ports import Store
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui import theme
from redvan.gui.widgets.aliases import AliasCache
from redvan.gui.widgets.dates import format_day, format_short
from redvan.gui.widgets.table import Column, ColumnTableModel, table_view

# Rows resolved (alias, staff, referral) per fetch; a long "upcoming" list loads as it scrolls.
PAGE_SIZE = 200


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up with what its row shows, looked up once."""

    followup: FollowUp
    alias: str
    assigned: str
    destination: VocabularyEntry | None


class FollowUpDirectory:
    """Looks up the alias, staff initials and referral destination of follow-ups, cached."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._staff = {s.id: s.display_name for s in store.list_staff(include_inactive=True)}
        self._destinations = {e.slug: e for e in store.vocabulary(VocabularyKind.DESTINATION)}
        self._aliases = AliasCache(store)
        self._referrals: dict[str, Referral | None] = {}

    def rows(self, followups: Sequence[FollowUp]) -> list[FollowUpRow]:
        """The rows of a page, with the aliases not yet known looked up in one query."""
        self._aliases.prefetch(f.profile_id for f in followups)
        return [self.row(f) for f in followups]

    def row(self, followup: FollowUp) -> FollowUpRow:
        destination = None
        if followup.referral_id is not None:
            # By its id (an index), not all of the person's referrals (no index: B7).
            if followup.referral_id not in self._referrals:
                self._referrals[followup.referral_id] = self._store.referral_by_id(
                    followup.referral_id
                )
            referral = self._referrals[followup.referral_id]
            if referral is not None:
                destination = self._destinations.get(referral.destination)
        return FollowUpRow(
            followup,
            self._aliases.alias(followup.profile_id),
            self._staff.get(followup.assigned_staff_id or "", ""),
            destination,
        )


def partition_followups(
    followups: Sequence[FollowUp], today: date
) -> tuple[list[FollowUp], list[FollowUp], list[FollowUp]]:
    """Open follow-ups split into overdue (due before today), today, and upcoming."""
    overdue, due_today, upcoming = [], [], []
    for followup in followups:
        if followup.status != FollowUpStatus.OPEN.value:
            continue
        if followup.due < today:
            overdue.append(followup)
        elif followup.due == today:
            due_today.append(followup)
        else:
            upcoming.append(followup)
    return overdue, due_today, upcoming


class FollowUpsModel(ColumnTableModel[FollowUpRow]):
    """Follow-ups as a table; rows are looked up in pages as the view asks for more."""

    COL_DUE, COL_PERSON, COL_TYPE, COL_ASSIGNED, COL_REFERRAL, COL_STATUS = range(6)
    COMPACT = False  # a narrow panel: due dates without the weekday ("24 Nov")

    def page_size(self) -> int:
        return PAGE_SIZE  # the module's, so it can be tuned in one place

    def columns(self) -> Sequence[Column[FollowUpRow]]:
        return (
            Column(
                lambda: self.tr("Due"),
                self._due,
                accessible=self._due_spoken,
                sort_key=lambda f: f.due,
            ),
            Column(lambda: self.tr("Person"), lambda r: alias_label(r.alias, self.language)),
            Column(
                lambda: self.tr("Type"),
                lambda r: enums.label(FollowUpType(r.followup.type), self.language),
            ),
            Column(lambda: self.tr("Assigned"), lambda r: r.assigned),
            Column(
                lambda: self.tr("Referral"),
                lambda r: r.destination.label(self.language) if r.destination else "",
            ),
            Column(lambda: self.tr("Status"), self._status),
        )

    def set_followups(
        self, followups: Sequence[FollowUp], directory: FollowUpDirectory, today: date
    ) -> None:
        self.set_items(followups, directory, today)

    def followup(self, row: int) -> FollowUp:
        return self.row_data(row).followup

    def _overdue(self, followup: FollowUp) -> bool:
        return followup.status == FollowUpStatus.OPEN.value and followup.due < self.today

    def is_overdue(self, row: int) -> bool:
        return self._overdue(self.row_data(row).followup)

    def foreground(self, row: FollowUpRow) -> QColor | None:
        return QColor(theme.WARN) if self._overdue(row.followup) else None

    def _due(self, row: FollowUpRow) -> str:
        if row.followup.due == self.today:
            return self.tr("Today")
        if self.COMPACT:
            return format_short(row.followup.due, self.language)
        return format_day(row.followup.due, self.language)

    def _due_spoken(self, row: FollowUpRow) -> str:
        text = self._due(row)
        return self.tr("%1, overdue").replace("%1", text) if self._overdue(row.followup) else text

    def _status(self, row: FollowUpRow) -> str:
        followup = row.followup
        if self._overdue(followup):
            days = (self.today - followup.due).days
            return self.tr("Overdue by %n day(s)", None, days)
        return enums.label(FollowUpStatus(followup.status), self.language)


def followup_table(model: FollowUpsModel) -> QTableView:
    """A read-only, row-selecting table over a FollowUpsModel."""
    return table_view(model)
