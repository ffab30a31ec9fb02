"""People (G4): find a person by the code they chose or by alias; see and flag them.

The code is only ever passed to `Services.find_by_code` (which hashes it) and the field is
cleared straight after, so it is never shown, kept or stored. Aliases are shown in the UI
language ("Heron-42" / "Hejre-42") and may be searched in either.
"""

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
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums
from redvan.core.codes import ANIMALS, CodeError, alias_label
from redvan.core.enums import AgeBand, FollowUpStatus, FollowUpType, Gender, ReferralStatus
from redvan.core.model import Contact, FollowUp, Profile, Programme, Referral
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui import theme
from redvan.gui.messages import describe
from redvan.gui.widgets.text import scale_font
from redvan.gui.workspace import Context, WorkspacePage

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


def _danish(lang: str) -> bool:
    return enums.is_danish(lang)


def _locale(lang: str) -> QLocale:
    if _danish(lang):
        return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def format_day(day: date, lang: str) -> str:
    """ "20 Nov 2026" / "20. nov. 2026"."""
    pattern = "d. MMM yyyy" if _danish(lang) else "d MMM yyyy"
    return _locale(lang).toString(QDate(day.year, day.month, day.day), pattern)


def format_moment(moment: datetime, lang: str) -> str:
    return f"{format_day(moment.date(), lang)}  {moment:%H:%M}"


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


def _set_role(label: QLabel, role: str) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


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
            seen = self.tr("Last seen %1").replace("%1", format_day(profile.last_seen.date(), lang))
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


class TimelineModel(QAbstractTableModel):
    """Contacts, referrals and follow-ups of one person, newest first, loaded in chunks."""

    COL_WHEN, COL_WHAT, COL_DETAIL = range(3)
    KindRole = Qt.ItemDataRole.UserRole + 1
    CHUNK = 50

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TimelineRow] = []
        self._shown = 0

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
        rows.sort(key=lambda r: r.at, reverse=True)
        self.beginResetModel()
        self.rows = rows
        self._shown = min(len(rows), self.CHUNK)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self._shown = 0
        self.endResetModel()

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
            format_moment(contact.time, lang),
            self.tr("Contact"),
            " · ".join(p for p in parts if p),
        )

    def _referral_row(self, referral: Referral, labels: Labels, lang: str) -> TimelineRow:
        where = vocab_label(labels, VocabularyKind.DESTINATION, referral.destination, lang)
        if referral.area:
            where = f"{where} ({referral.area})"
        status = enum_label(ReferralStatus, referral.status, lang)
        return TimelineRow(
            referral.created_at,
            "referral",
            format_moment(referral.created_at, lang),
            self.tr("Referral"),
            f"{where} · {status}",
        )

    def _followup_row(self, followup: FollowUp, lang: str, today: date) -> TimelineRow:
        parts = [
            enum_label(FollowUpType, followup.type, lang),
            self.tr("due %1").replace("%1", format_day(followup.due, lang)),
            enum_label(FollowUpStatus, followup.status, lang),
        ]
        if followup.outcome:
            parts.append(f"“{followup.outcome}”")
        overdue = followup.status == FollowUpStatus.OPEN.value and followup.due < today
        return TimelineRow(
            datetime.combine(followup.due, time.min),
            "followup",
            format_day(followup.due, lang),
            self.tr("Follow-up"),
            " · ".join(parts),
            overdue,
        )

    # -- model ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._shown < len(self.rows)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        more = min(self.CHUNK, len(self.rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: E501
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and index.column() != self.COL_DETAIL:
                return None
            return (row.when, row.what, row.detail)[index.column()]
        if role == self.KindRole:
            return row.kind
        if role == Qt.ItemDataRole.ForegroundRole and row.attention:
            return QColor(theme.WARN)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: E501, N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When"), self.tr("What"), self.tr("Details"))[section]


# -- the page ---------------------------------------------------------------------------------


class ProfilesPage(WorkspacePage):
    """Find a person, see their timeline, set their flags and programme inclusion."""

    key = "profiles"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.profile: Profile | None = None
        self._labels: dict[tuple[VocabularyKind, str], VocabularyEntry] = {}
        self._loading = False
        self._consent_timer = QTimer(self)
        self._consent_timer.setSingleShot(True)
        self._consent_timer.setInterval(500)
        self._consent_timer.timeout.connect(self._save_consent)

        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.intro = QLabel()
        self.intro.setProperty("role", "subtitle")
        self.intro.setWordWrap(True)

        # finding
        self.code = QLineEdit()
        self.code.setMaxLength(64)
        self.code.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        # Shown while typed, masked otherwise; no copy, no context menu: it never leaves here.
        self.code.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.code.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code.returnPressed.connect(self.find_code)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_code)
        self.alias = QLineEdit()
        self.alias.setClearButtonEnabled(True)
        self.alias.setMaxLength(40)
        self.alias.textChanged.connect(self._alias_changed)
        self.alias.returnPressed.connect(self.open_first)
        self.alias_label = QLabel()
        self.alias_label.setBuddy(self.alias)
        self.find_message = QLabel()
        self.find_message.setWordWrap(True)
        self.find_message.hide()
        self.list_heading = QLabel()
        self.list_heading.setProperty("role", "subtitle")
        self.results = ResultsModel(context, self)
        self.list = QListView()
        self.list.setModel(self.results)
        self.list.setItemDelegate(ResultDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(lambda index: self.open_row(index.row()))

        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.find_button)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.code_label)
        left.addLayout(code_row)
        left.addSpacing(4)
        left.addWidget(self.alias_label)
        left.addWidget(self.alias)
        left.addWidget(self.find_message)
        left.addSpacing(8)
        left.addWidget(self.list_heading)
        left.addWidget(self.list, 1)
        left_box = QWidget()
        left_box.setLayout(left)
        em = self.fontMetrics().horizontalAdvance("M")
        left_box.setMinimumWidth(em * 20)
        left_box.setMaximumWidth(em * 24)

        # the person
        self.empty = QLabel()
        self.empty.setProperty("role", "subtitle")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = self._build_detail()
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.detail)

        columns = QHBoxLayout()
        columns.addWidget(left_box)
        columns.addSpacing(em)
        columns.addWidget(self.right, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.intro)
        outer.addSpacing(6)
        outer.addLayout(columns, 1)

        search = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        # Window-wide, but only while this page is the one shown (hidden pages' shortcuts sleep).
        search.setContext(Qt.ShortcutContext.WindowShortcut)
        search.activated.connect(self.focus_search)

        self.setTabOrder(self.code, self.find_button)
        self.setTabOrder(self.find_button, self.alias)
        self.setTabOrder(self.alias, self.list)
        self.setTabOrder(self.list, self.exit_support)
        self.setTabOrder(self.exit_support, self.consent)
        self.setTabOrder(self.consent, self.consent_date)
        self.setTabOrder(self.consent_date, self.programme)
        self.setTabOrder(self.programme, self.include)
        self.setTabOrder(self.include, self.timeline_view)
        self.retranslate()

    def _build_detail(self) -> QWidget:
        self.alias_title = QLabel()
        self.alias_title.setProperty("role", "big")
        scale_font(self.alias_title, 1.6)
        self.alias_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detached = QLabel()
        self.detached.setProperty("role", "warning")
        self.detached.setWordWrap(True)

        facts = QFrame()
        facts.setProperty("role", "card")
        self.facts_form = QFormLayout(facts)
        self.facts_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.fact_names = [QLabel() for _ in range(6)]
        self.fact_values = [QLabel() for _ in range(6)]
        for name, value in zip(self.fact_names, self.fact_values, strict=True):
            name.setProperty("role", "subtitle")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.facts_form.addRow(name, value)
        (
            self.first_seen,
            self.last_seen,
            self.age_band,
            self.gender,
            self.languages,
            self.origin,
        ) = self.fact_values

        flags = QFrame()
        flags.setProperty("role", "card")
        self.exit_support = QCheckBox()
        self.exit_support.clicked.connect(self._exit_clicked)
        self.consent = QCheckBox()
        self.consent.clicked.connect(self._consent_clicked)
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.dateChanged.connect(self._consent_date_changed)
        self.consent_date.editingFinished.connect(self._flush_consent)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch()
        self.programme = QComboBox()
        self.programme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.programme_label = QLabel()
        self.programme_label.setBuddy(self.programme)
        self.include = QPushButton()
        self.include.clicked.connect(self.include_in_programme)
        programme_row = QHBoxLayout()
        programme_row.addWidget(self.programme_label)
        programme_row.addWidget(self.programme, 1)
        programme_row.addWidget(self.include)
        self.inclusions = QLabel()
        self.inclusions.setWordWrap(True)
        self.inclusions.setTextFormat(Qt.TextFormat.PlainText)
        self.flag_status = QLabel()
        self.flag_status.setWordWrap(True)
        self.flag_status.hide()
        flags_layout = QVBoxLayout(flags)
        flags_layout.addWidget(self.exit_support)
        flags_layout.addLayout(consent_row)
        flags_layout.addSpacing(4)
        flags_layout.addLayout(programme_row)
        flags_layout.addWidget(self.inclusions)
        flags_layout.addWidget(self.flag_status)
        flags_layout.addStretch()

        cards = QHBoxLayout()
        cards.addWidget(facts, 1)
        cards.addWidget(flags, 1)

        self.timeline = TimelineModel(self)
        self.timeline_view = QTableView()
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.setShowGrid(False)
        self.timeline_view.setWordWrap(False)
        self.timeline_view.verticalHeader().hide()
        header = self.timeline_view.horizontalHeader()
        header.setSectionResizeMode(TimelineModel.COL_WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TimelineModel.COL_WHAT, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.timeline_label = QLabel()
        self.timeline_label.setBuddy(self.timeline_view)
        font = self.timeline_label.font()
        font.setBold(True)
        self.timeline_label.setFont(font)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.alias_title)
        layout.addWidget(self.detached)
        layout.addLayout(cards)
        layout.addSpacing(4)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline_view, 1)
        return page

    # -- texts ----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("People")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("People"))
        self.intro.setText(
            self.tr(
                "Find a person by the code they chose or by their alias. The code is never shown "
                "or kept."
            )
        )
        self.code_label.setText(self.tr("Find by &code"))
        self.code.setPlaceholderText(self.tr("The code the person chose"))
        self.code.setAccessibleName(self.tr("Person code"))
        self.find_button.setText(self.tr("Fi&nd"))
        self.find_button.setAccessibleName(self.tr("Find by code"))
        self.alias_label.setText(self.tr("…or by &alias (Ctrl+F)"))
        self.alias.setPlaceholderText(self.tr("Heron-42 or Hejre-42"))
        self.alias.setAccessibleName(self.tr("Search by alias"))
        self.list.setAccessibleName(self.tr("People found"))
        self.empty.setText(
            self.tr("Choose a person to see their contacts, referrals and follow-ups.")
        )
        for name, text in zip(
            self.fact_names,
            (
                self.tr("First seen"),
                self.tr("Last seen"),
                self.tr("Age band"),
                self.tr("Gender"),
                self.tr("Languages"),
                self.tr("Origin region"),
            ),
            strict=True,
        ):
            name.setText(text)
        self.detached.setText(
            self.tr(
                "Detached by retention: this person's code was removed after the retention period, "
                "so the code no longer finds them. Their contacts still count."
            )
        )
        self.exit_support.setText(self.tr("Wants &exit support"))
        self.exit_support.setAccessibleName(self.tr("Wants exit support"))
        self.consent.setText(self.tr("Agrees to &follow-up since"))
        self.consent.setAccessibleName(self.tr("Agrees to follow-up"))
        self.consent_date.setAccessibleName(self.tr("Date of agreeing to follow-up"))
        self.programme_label.setText(self.tr("&Programme"))
        self.programme.setAccessibleName(self.tr("Programme"))
        self.include.setText(self.tr("&Include"))
        self.include.setAccessibleName(self.tr("Include in the programme from today"))
        self.timeline_label.setText(self.tr("&Timeline"))
        self.timeline_view.setAccessibleName(
            self.tr("Timeline of contacts, referrals and follow-ups")
        )
        self.results.refresh_language()
        self._update_list_heading()
        if self.profile is not None:
            self._show_profile(self.profile.id)

    # -- finding --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_labels()
        if self.results.by_code:
            # the one person found by code stays; reload their data
            found = self.results.profile(0)
            self.results.show_only(self.services.store.profile_by_id(found.id) if found else None)
        else:
            self.results.search(self.alias.text())
        self._update_list_heading(by_code=self.results.by_code)
        if self.profile is not None:
            self._show_profile(self.profile.id)

    def focus_search(self) -> None:
        self.alias.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.alias.selectAll()

    def find_code(self) -> None:
        """Look a person up by their code; the field is cleared whatever the outcome."""
        code = self.code.text()
        self.code.clear()
        if not code.strip():
            self._say_find(self.tr("Type the person's code first."), "error")
            self.code.setFocus()
            return
        try:
            profile = self.services.find_by_code(code)
        except CodeError as exc:
            self._say_find(describe(exc), "error")
            self.code.setFocus()
            return
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            log.warning("lookup by code failed: %s", type(exc).__name__)
            self._say_find(describe(exc), "error")
            return
        if profile is None:
            self._say_find(self.tr("No person with this code."), "warning")
            self.code.setFocus()
            return
        self.find_message.hide()
        self.alias.blockSignals(True)
        self.alias.clear()
        self.alias.blockSignals(False)
        self.results.show_only(profile)
        self._update_list_heading(by_code=True)
        self.list.setCurrentIndex(self.results.index(0))
        self.list.setFocus()
        self._show_profile(profile.id)

    def _alias_changed(self, text: str) -> None:
        self.results.search(text)
        if alias_patterns(text) is None or (text.strip() and not self.results.profiles):
            self._say_find(self.tr("No person has an alias that starts like that."), "subtitle")
        else:
            self.find_message.hide()
        self._update_list_heading()

    def _update_list_heading(self, *, by_code: bool = False) -> None:
        self.list_heading.show()
        if by_code:
            self.list_heading.setText(self.tr("Found by code"))
        elif self.alias.text().strip():
            count = self.results.rowCount()
            self.list_heading.setVisible(count > 0)
            if self.results.canFetchMore():
                self.list_heading.setText(self.tr("Found: %n or more", None, count))
            else:
                self.list_heading.setText(self.tr("Found: %n", None, count))
        else:
            self.list_heading.setText(self.tr("Recently seen"))

    def open_first(self) -> None:
        if self.results.rowCount() == 0:
            return
        self.list.setCurrentIndex(self.results.index(0))
        self.open_row(0)
        self.list.setFocus()

    def open_row(self, row: int) -> None:
        profile = self.results.profile(row)
        if profile is not None:
            self._show_profile(profile.id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_row(current.row())

    def _say_find(self, text: str, role: str) -> None:
        _set_role(self.find_message, role)
        self.find_message.setText(text)
        self.find_message.show()

    # -- one person -----------------------------------------------------------------------

    def _load_labels(self) -> None:
        self._labels = {(e.kind, e.slug): e for e in self.services.store.vocabulary()}

    def _show_profile(self, profile_id: str) -> None:
        if not self._labels:
            self._load_labels()
        self._flush_consent()
        store = self.services.store
        profile = store.profile_by_id(profile_id)
        if profile is None:
            self.profile = None
            self.timeline.clear()
            self.right.setCurrentWidget(self.empty)
            return
        switched = self.profile is None or self.profile.id != profile.id
        self.profile = profile
        lang = self.context.language
        today = self.context.now().date()
        self._loading = True
        try:
            self.alias_title.setText(alias_label(profile.alias, lang))
            self.detached.setVisible(profile.detached)
            never = self.tr("Not seen yet")
            self.first_seen.setText(
                format_moment(profile.first_seen, lang) if profile.first_seen else never
            )
            self.last_seen.setText(
                format_moment(profile.last_seen, lang) if profile.last_seen else never
            )
            self.age_band.setText(enum_label(AgeBand, profile.age_band, lang))
            self.gender.setText(enum_label(Gender, profile.gender, lang))
            languages = [
                vocab_label(self._labels, VocabularyKind.LANGUAGE, slug, lang)
                for slug in profile.languages
            ]
            self.languages.setText(", ".join(sorted(languages)) or self.tr("Not recorded"))
            self.origin.setText(
                vocab_label(self._labels, VocabularyKind.ORIGIN_REGION, profile.origin_region, lang)
            )
            self.exit_support.setChecked(profile.wants_exit_support)
            self.consent.setChecked(profile.followup_consent is not None)
            self.consent_date.setMaximumDate(QDate(today.year, today.month, today.day))
            consent = profile.followup_consent or today
            self.consent_date.setDate(QDate(consent.year, consent.month, consent.day))
            self.consent_date.setEnabled(profile.followup_consent is not None)
            self.consent_date.setDisplayFormat(
                _locale(lang).dateFormat(QLocale.FormatType.ShortFormat)
            )
            self._load_programmes(profile)
        finally:
            self._loading = False
        if switched:
            self.flag_status.hide()
        self.timeline.load(
            store.contacts_of_profile(profile.id),
            store.referrals_of_profile(profile.id),
            store.followups_of_profile(profile.id),
            self._labels,
            lang,
            today,
        )
        self.right.setCurrentWidget(self.detail)

    def _load_programmes(self, profile: Profile) -> None:
        store = self.services.store
        included = store.inclusions_of_profile(profile.id)
        lang = self.context.language
        lines = [
            self.tr("In %1 since %2")
            .replace("%1", programme.name)
            .replace("%2", format_day(on, lang))
            for programme, on in included
        ]
        self.inclusions.setText("\n".join(lines) or self.tr("Not in any programme."))
        taken = {programme.id for programme, _ in included}
        offered: list[Programme] = [p for p in store.programmes() if p.id not in taken]
        self.programme.clear()
        for programme in offered:
            self.programme.addItem(programme.name, programme.slug)
        if not offered:
            self.programme.addItem(
                self.tr("No programmes set up") if not taken else self.tr("In every programme")
            )
        self.programme.setEnabled(bool(offered))
        self.include.setEnabled(bool(offered))

    def _say_flag(self, text: str, role: str) -> None:
        _set_role(self.flag_status, role)
        self.flag_status.setText(text)
        self.flag_status.show()

    def _exit_clicked(self, checked: bool) -> None:
        if self.profile is None or self._loading:
            return
        try:
            self.services.set_profile_flags(self.profile.id, wants_exit_support=checked)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say_flag(describe(exc), "error")
            self._show_profile(self.profile.id)
            return
        self._say_flag(
            self.tr("Saved: wants exit support.")
            if checked
            else self.tr("Saved: no exit support wanted."),
            "ok",
        )

    def _consent_clicked(self, checked: bool) -> None:
        if self.profile is None or self._loading:
            return
        self._consent_timer.stop()
        today = self.context.now().date()
        if checked:
            self._loading = True
            self.consent_date.setDate(QDate(today.year, today.month, today.day))
            self._loading = False
        self.consent_date.setEnabled(checked)
        self._store_consent(today if checked else None)

    def _consent_date_changed(self, _date: QDate) -> None:
        if self.profile is None or self._loading or not self.consent.isChecked():
            return
        self._consent_timer.start()

    def _flush_consent(self) -> None:
        if self._consent_timer.isActive():
            self._consent_timer.stop()
            self._save_consent()

    def _save_consent(self) -> None:
        if self.profile is None or not self.consent.isChecked():
            return
        chosen = self.consent_date.date().toPython()
        assert isinstance(chosen, date)
        if chosen != self.profile.followup_consent:
            self._store_consent(chosen)

    def _store_consent(self, on: date | None) -> None:
        if self.profile is None:
            return
        try:
            self.services.set_profile_flags(self.profile.id, followup_consent=on)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say_flag(describe(exc), "error")
            return
        self.profile = self.services.store.profile_by_id(self.profile.id) or self.profile
        if on is None:
            self._say_flag(self.tr("Saved: does not agree to follow-up."), "ok")
        else:
            self._say_flag(
                self.tr("Saved: agrees to follow-up since %1.").replace(
                    "%1", format_day(on, self.context.language)
                ),
                "ok",
            )

    def include_in_programme(self) -> None:
        if self.profile is None or not self.programme.isEnabled():
            return
        slug = self.programme.currentData()
        name = self.programme.currentText()
        if not slug:
            return
        try:
            added = self.services.include_in_programme(
                self.profile.id, slug, self.context.now().date()
            )
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say_flag(describe(exc), "error")
            return
        self._load_programmes(self.profile)
        if added:
            self._say_flag(self.tr("Included in %1 from today.").replace("%1", name), "ok")
        else:
            self._say_flag(self.tr("Already in %1.").replace("%1", name), "subtitle")

    # -- drafts ---------------------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        # Nothing worth keeping: a code is never kept, flags are saved as they change.
        self._flush_consent()
        return None
