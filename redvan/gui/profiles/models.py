"""What the People screen lists: people found by alias, and one person's timeline."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from redvan.core import enums
from redvan.core.codes import ANIMALS, alias_label
from redvan.core.enums import AgeBand, FollowUpStatus, FollowUpType, ReferralStatus
from redvan.core.model import Contact, FollowUp, Profile, Referral
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui import theme
from redvan.gui.widgets.dates import format_date, format_date_time
from redvan.gui.widgets.table import Column, ColumnTableModel
from redvan.gui.workspace import Context

log = logging.getLogger(__name__)

Labels = Mapping[tuple[VocabularyKind, str], VocabularyEntry]

_ALIAS_QUERY = re.compile(r"^\s*([^\W\d_]+)\s*(?:[-\s]\s*([0-9]{0,4}))?\s*$")


def alias_patterns(text: str) -> list[str] | None:
    """Alias prefixes to look up for what was typed, in English or Danish.

    "" → [""] (everyone, most recently seen first); "hej" → ["Heron-"]; "hejre 4" →
    ["Heron-4"]; "gold" → ["Goldeneye-", "Goldcrest-", "Goldfinch-"]. None when the text
    cannot be the start of an alias.
    """
    if not text.strip():
        return [""]
    match = _ALIAS_QUERY.match(text)
    if match is None:
        return None
    word = match.group(1).casefold()
    digits = match.group(2) or ""
    names = [
        english
        for english, danish in ANIMALS
        if english.casefold().startswith(word) or danish.casefold().startswith(word)
    ]
    return [f"{name}-{digits}" for name in names]


def enum_label(cls: type[StrEnum], value: str | None, lang: str) -> str:
    """The data label of an enum value; an unexpected value is shown as it is."""
    if value is None:
        return ""
    try:
        return enums.label(cls(value), lang)
    except (ValueError, KeyError):
        return value


def vocab_label(labels: Labels, kind: VocabularyKind, slug: str | None, lang: str) -> str:
    if not slug:
        return ""
    entry = labels.get((kind, slug))
    return entry.label(lang) if entry is not None else slug


# -- results ----------------------------------------------------------------------------------


class ResultsModel(QAbstractListModel):
    """People found by alias (or the one found by code): alias, last seen, age band.

    Loads a page at a time (canFetchMore/fetchMore); aliases follow the UI language.
    """

    AliasRole = Qt.ItemDataRole.UserRole + 1
    DetailRole = Qt.ItemDataRole.UserRole + 2
    ProfileIdRole = Qt.ItemDataRole.UserRole + 3
    PAGE = 50

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.profiles: list[Profile] = []
        self.by_code = False  # showing the one person found by code
        self._patterns: list[str] = []
        self._limit = self.PAGE
        self._more = False

    # -- loading --------------------------------------------------------------------------

    def search(self, text: str) -> None:
        """Prefix search by alias; an empty text lists the most recently seen people."""
        self.beginResetModel()
        self.by_code = False
        self._patterns = alias_patterns(text) or []
        self._limit = self.PAGE
        self.profiles, self._more = self._query(self._limit)
        self.endResetModel()

    def show_only(self, profile: Profile | None) -> None:
        self.beginResetModel()
        self.by_code = True
        self._patterns = []
        self._more = False
        self.profiles = [profile] if profile is not None else []
        self.endResetModel()

    def _query(self, limit: int) -> tuple[list[Profile], bool]:
        store = self.context.services.store
        found: dict[str, Profile] = {}
        more = False
        for pattern in self._patterns:
            batch = store.profiles_by_alias(pattern, limit + 1)
            more = more or len(batch) > limit
            for profile in batch[:limit]:
                found.setdefault(profile.id, profile)
        ordered = sorted(found.values(), key=_recent_first)
        return ordered[:limit], more or len(ordered) > limit

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or not self._more:
            return
        self._limit += self.PAGE
        rows, self._more = self._query(self._limit)
        known = {p.id for p in self.profiles}
        fresh = [p for p in rows if p.id not in known]
        if not fresh:
            self._more = False
            return
        first = len(self.profiles)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self.profiles.extend(fresh)
        self.endInsertRows()

    def refresh_language(self) -> None:
        if self.profiles:
            self.dataChanged.emit(self.index(0), self.index(len(self.profiles) - 1))

    # -- model ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.profiles)

    def profile(self, row: int) -> Profile | None:
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    def alias(self, profile: Profile) -> str:
        return alias_label(profile.alias, self.context.language)

    def detail(self, profile: Profile) -> str:
        lang = self.context.language
        if profile.last_seen is not None:
            seen = self.tr("Last seen %1").replace(
                "%1", format_date(profile.last_seen.date(), lang)
            )
        else:
            seen = self.tr("Not seen yet")
        if profile.age_band == AgeBand.UNKNOWN.value:
            age = self.tr("age unknown")
        else:
            age = enum_label(AgeBand, profile.age_band, lang)
        return f"{seen} · {age}"

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: E501
        profile = self.profile(index.row()) if index.isValid() else None
        if profile is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self.alias(profile)} — {self.detail(profile)}"
        if role == self.AliasRole:
            return self.alias(profile)
        if role == self.DetailRole:
            return self.detail(profile)
        if role == self.ProfileIdRole:
            return profile.id
        return None


def _recent_first(profile: Profile) -> tuple[bool, float]:
    seen = profile.last_seen
    return (seen is None, -seen.timestamp() if seen is not None else 0.0)


class ResultDelegate(QStyledItemDelegate):
    """Two lines per person: the alias, then last seen and age band in a quieter colour."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # noqa: E501, N802
        metrics = QFontMetrics(option.font)
        height = metrics.height() * 2 + metrics.height() // 2 + 8
        return QSize(metrics.horizontalAdvance("M") * 16, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:  # noqa: E501
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = text_color if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetrics(option.font)
        pad = metrics.horizontalAdvance("M") // 2 + 2
        rect = option.rect.adjusted(pad, 4, -pad, -4)
        line = metrics.height()
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(
                str(index.data(ResultsModel.AliasRole)), Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.setFont(option.font)
        painter.setPen(quiet)
        bottom = QRect(rect.left(), rect.top() + line + line // 4, rect.width(), line)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(
                str(index.data(ResultsModel.DetailRole)), Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.restore()


# -- timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    at: datetime  # sort key: contact time, referral time, follow-up due date
    kind: str  # "contact" | "referral" | "followup"
    when: str
    what: str
    detail: str
    attention: bool = False  # an open follow-up that is overdue
    record_id: str = ""  # the contact's id on a contact row (to correct it)


class TimelineModel(ColumnTableModel[TimelineRow]):
    """Contacts, referrals and follow-ups of one person, newest first, loaded in chunks."""

    COL_WHEN, COL_WHAT, COL_DETAIL = range(3)
    KindRole = Qt.ItemDataRole.UserRole + 1
    CHUNK = PAGE_SIZE = 50
    TEXT_TOOLTIPS = False  # only the details, which a narrow column cuts off

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("en", parent)

    def columns(self) -> Sequence[Column[TimelineRow]]:
        return (
            Column(lambda: self.tr("When"), lambda r: r.when),
            Column(lambda: self.tr("What"), lambda r: r.what),
            Column(lambda: self.tr("Details"), lambda r: r.detail, tooltip=lambda r: r.detail),
        )

    def load(
        self,
        contacts: Sequence[Contact],
        referrals: Sequence[Referral],
        followups: Sequence[FollowUp],
        labels: Labels,
        language: str,
        today: date,
    ) -> None:
        rows = [self._contact_row(c, labels, language) for c in contacts]
        rows += [self._referral_row(r, labels, language) for r in referrals]
        rows += [self._followup_row(f, language, today) for f in followups]
        # Newest first; on the same minute a referral follows the contact it came from.
        order = {"followup": 0, "referral": 1, "contact": 2}
        rows.sort(key=lambda r: (r.at, order.get(r.kind, 0)), reverse=True)
        self.set_items(rows)

    def contact_id(self, row: int) -> str | None:
        """The contact on a row, or None on a referral or follow-up row."""
        if not 0 <= row < self.rowCount() or self.row_data(row).kind != "contact":
            return None
        return self.row_data(row).record_id

    def _contact_row(self, contact: Contact, labels: Labels, lang: str) -> TimelineRow:
        parts = [
            vocab_label(labels, VocabularyKind.CHANNEL, contact.channel, lang),
            vocab_label(labels, VocabularyKind.ZONE, contact.zone, lang),
        ]
        given = []
        for service in contact.services:
            name = vocab_label(labels, VocabularyKind.SERVICE, service.service, lang)
            given.append(f"{name} ×{service.quantity}" if service.quantity > 1 else name)
        if given:
            parts.append(", ".join(given))
        if contact.note:
            parts.append(f"“{contact.note}”")
        return TimelineRow(
            contact.time,
            "contact",
            format_date_time(contact.time, lang),
            self.tr("Contact"),
            " · ".join(p for p in parts if p),
            record_id=contact.id,
        )

    def _referral_row(self, referral: Referral, labels: Labels, lang: str) -> TimelineRow:
        where = vocab_label(labels, VocabularyKind.DESTINATION, referral.destination, lang)
        if referral.area:
            where = f"{where} ({referral.area})"
        status = enum_label(ReferralStatus, referral.status, lang)
        return TimelineRow(
            referral.created_at,
            "referral",
            format_date_time(referral.created_at, lang),
            self.tr("Referral"),
            f"{where} · {status}",
        )

    def _followup_row(self, followup: FollowUp, lang: str, today: date) -> TimelineRow:
        parts = [
            enum_label(FollowUpType, followup.type, lang),
            self.tr("due %1").replace("%1", format_date(followup.due, lang)),
            enum_label(FollowUpStatus, followup.status, lang),
        ]
        if followup.outcome:
            parts.append(f"“{followup.outcome}”")
        overdue = followup.status == FollowUpStatus.OPEN.value and followup.due < today
        return TimelineRow(
            datetime.combine(followup.due, time.min),
            "followup",
            format_date(followup.due, lang),
            self.tr("Follow-up"),
            " · ".join(parts),
            overdue,
        )

    # -- model ----------------------------------------------------------------------------

    def foreground(self, row: TimelineRow) -> QColor | None:
        return QColor(theme.WARN) if row.attention else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == self.KindRole:
            return self.row_data(index.row()).kind if index.isValid() else None
        return super().data(index, role)
