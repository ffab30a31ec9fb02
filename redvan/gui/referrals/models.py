"""What the Referrals screen lists: referrals, partner organisations, completion rates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from redvan.core import enums
from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpStatus, ReferralStatus
from redvan.core.model import FollowUp, Referral
from redvan.core.ports import Store
from redvan.core.referrals import (
    ALL_DESTINATIONS,
    CompletionRate,
    PartnerOrganisation,
    completion_total,
)
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui import theme
from redvan.gui.widgets.aliases import AliasCache
from redvan.gui.widgets.dates import format_day, format_day_in_year
from redvan.gui.widgets.table import Column, ColumnTableModel

# An open referral older than this is shown as one to check on.
STALE_DAYS = 14
RETIRED = "#8a8f98"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def percent(rate: float | None, language: str) -> str:
    """67% / 67 % (Danish puts a space before the sign); a dash when there is no rate."""
    if rate is None:
        return "—"
    value = round(rate * 100)
    return f"{value} %" if enums.is_danish(language) else f"{value}%"


_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slug_for(name: str, taken: set[str]) -> str:
    """A new destination slug from an organisation's name ("Café Klare" → "cafe-klare")."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:36].strip("-") or "partner"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


# -- referrals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    alias: str  # "" for a contact without code
    destination: VocabularyEntry | None
    followup: FollowUp | None


class ReferralDirectory:
    """Looks up the alias, destination and linked follow-up of referrals, cached."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._destinations = {e.slug: e for e in store.vocabulary(VocabularyKind.DESTINATION)}
        self._aliases = AliasCache(store)

    def rows(self, referrals: Sequence[Referral]) -> list[ReferralRow]:
        """The rows of a page, with the aliases not yet known looked up in one query."""
        self._aliases.prefetch(r.profile_id for r in referrals)
        return [self.row(r) for r in referrals]

    def row(self, referral: Referral) -> ReferralRow:
        followup = (
            self._store.followup_by_id(referral.followup_id) if referral.followup_id else None
        )
        alias = self._aliases.alias(referral.profile_id)
        return ReferralRow(referral, alias, self._destinations.get(referral.destination), followup)


class ReferralsModel(ColumnTableModel[ReferralRow]):
    """Referrals as a table, newest first; rows are looked up a page at a time."""

    COL_DATE, COL_PERSON, COL_DESTINATION, COL_STATUS, COL_CHECK = range(5)
    COLUMNS = 5

    def columns(self) -> Sequence[Column[ReferralRow]]:
        return (
            Column(
                lambda: self.tr("Referred"),
                lambda r: format_day_in_year(
                    r.referral.created_at.date(), self.today, self.language
                ),
                sort_key=lambda referral: referral.created_at,
            ),
            Column(lambda: self.tr("Person"), self._person),
            Column(
                lambda: self.tr("Partner organisation"),
                lambda r: (
                    r.destination.label(self.language) if r.destination else r.referral.destination
                ),
            ),
            Column(lambda: self.tr("Status"), self._status, foreground=self._stale),
            Column(lambda: self.tr("Follow-up"), self._check),
        )

    def set_referrals(
        self, referrals: Sequence[Referral], directory: ReferralDirectory, today: date
    ) -> None:
        self.set_items(referrals, directory, today)

    def _days_open(self, referral: Referral) -> int | None:
        if referral.status != ReferralStatus.REFERRED.value:
            return None
        return max((self.today - referral.created_at.date()).days, 0)

    def days_open(self, row: int) -> int | None:
        return self._days_open(self.row_data(row).referral)

    def _stale(self, row: ReferralRow) -> QColor | None:
        """Only the status of a referral long open is marked."""
        days = self._days_open(row.referral)
        return QColor(theme.WARN) if days is not None and days >= STALE_DAYS else None

    def _person(self, row: ReferralRow) -> str:
        if row.alias:
            return alias_label(row.alias, self.language)
        return self.tr("Contact without code")

    def _status(self, row: ReferralRow) -> str:
        label = enums.label(ReferralStatus(row.referral.status), self.language)
        days = self._days_open(row.referral)
        if days is None:
            return label
        return self.tr("%1 · open %n day(s)", None, days).replace("%1", label)

    def _check(self, row: ReferralRow) -> str:
        followup = row.followup
        if followup is None:
            return ""
        if followup.status == FollowUpStatus.OPEN.value:
            return self.tr("Check due %1").replace("%1", format_day(followup.due, self.language))
        return enums.label(FollowUpStatus(followup.status), self.language)


# -- partner organisations --------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerRow:
    entry: VocabularyEntry
    details: PartnerOrganisation

    @property
    def id(self) -> str:
        return self.entry.slug


class PartnersModel(ColumnTableModel[PartnerRow]):
    """The partner organisations (the referral destinations) with how to reach them."""

    COL_NAME, COL_AREAS, COL_PHONE, COL_HOURS = range(4)
    COLUMNS = 4

    def columns(self) -> Sequence[Column[PartnerRow]]:
        return (
            Column(lambda: self.tr("Partner organisation"), self._name),
            Column(lambda: self.tr("Areas served"), lambda r: r.details.areas),
            Column(lambda: self.tr("Phone"), lambda r: r.details.phone),
            Column(lambda: self.tr("Opening hours"), lambda r: r.details.hours),
        )

    def set_partners(
        self, entries: Sequence[VocabularyEntry], details: Sequence[PartnerOrganisation]
    ) -> None:
        known = {d.slug: d for d in details}
        ordered = sorted(entries, key=lambda e: (e.retired, e.sort, e.slug))
        self.set_items(
            [PartnerRow(e, known.get(e.slug, PartnerOrganisation(e.slug))) for e in ordered]
        )

    def foreground(self, row: PartnerRow) -> QColor | None:
        return QColor(RETIRED) if row.entry.retired else None

    def _name(self, row: PartnerRow) -> str:
        name = row.entry.label(self.language)
        return self.tr("%1 (retired)").replace("%1", name) if row.entry.retired else name


# -- completion ------------------------------------------------------------------------------


class CompletionModel(ColumnTableModel[CompletionRate]):
    """Referrals made in a period per partner organisation, how they ended, and the rate;
    the last row adds up every organisation."""

    COL_DESTINATION = 0
    COL_REFERRED = 1
    STATUS_COLUMNS = (
        ReferralStatus.REFERRED,
        ReferralStatus.ATTENDED,
        ReferralStatus.ACCOMPANIED,
        ReferralStatus.DECLINED,
        ReferralStatus.NO_SHOW,
        ReferralStatus.UNAVAILABLE,
    )
    COL_OPEN = 2  # the first status column: still "referred"
    COL_RATE = 2 + len(STATUS_COLUMNS)
    COLUMNS = COL_RATE + 1
    TEXT_TOOLTIPS = False  # only the rate explains itself

    def __init__(self, language: str = "en", parent: Any = None) -> None:
        self._names: dict[str, VocabularyEntry] = {}
        super().__init__(language, parent)

    def columns(self) -> Sequence[Column[CompletionRate]]:
        def status_column(status: ReferralStatus) -> Column[CompletionRate]:
            return Column(
                lambda: enums.label(status, self.language),
                lambda r: str(r.count(status)),
                alignment=_RIGHT,
            )

        return (
            Column(lambda: self.tr("Partner organisation"), self._name),
            Column(lambda: self.tr("Referrals"), lambda r: str(r.referred), alignment=_RIGHT),
            Column(
                lambda: self.tr("Still open"),
                lambda r: str(r.count(ReferralStatus.REFERRED)),
                alignment=_RIGHT,
            ),
            *(status_column(s) for s in self.STATUS_COLUMNS[1:]),
            Column(
                lambda: self.tr("Completion rate"),
                lambda r: percent(r.rate, self.language),
                tooltip=self._rate_tooltip,
                alignment=_RIGHT,
            ),
        )

    def key(self, item: Any) -> Any:
        return item.destination

    def set_rates(
        self, rates: Sequence[CompletionRate], destinations: Sequence[VocabularyEntry]
    ) -> None:
        self._names = {e.slug: e for e in destinations}

        def name(rate: CompletionRate) -> str:
            entry = self._names.get(rate.destination)
            return (entry.label(self.language) if entry else rate.destination).casefold()

        ordered = sorted(rates, key=name)
        self.set_items(ordered + ([completion_total(ordered)] if ordered else []))

    def rate(self, row: int) -> CompletionRate:
        return self.row_data(row)

    def bold(self, row: CompletionRate) -> bool:
        return row.destination == ALL_DESTINATIONS

    def _name(self, rate: CompletionRate) -> str:
        if rate.destination == ALL_DESTINATIONS:
            return self.tr("All partner organisations")
        entry = self._names.get(rate.destination)
        return entry.label(self.language) if entry else rate.destination

    def _rate_tooltip(self, rate: CompletionRate) -> str:
        if rate.rate is None:
            return self.tr("No referral here has an outcome yet.")
        return (
            self.tr("%1 of %2 referrals with an outcome were completed.")
            .replace("%1", str(rate.completed))
            .replace("%2", str(rate.resolved))
        )
