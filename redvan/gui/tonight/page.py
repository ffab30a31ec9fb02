"""The Tonight home screen (G2): start or end the shift, see tonight's contacts and totals,
count anonymous hand-outs with one key press, and see which follow-ups are due.

"Tonight" runs from the shift's start, or — with no shift running — over the vault's night
around now (from the day-start hour, default 06:00, to the next), so a night past midnight
counts with the evening before, as every figure does (redvan.core.night).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redvan.core.codes import alias_label
from redvan.core.model import Contact, ContactInput, SaveResult, ServiceGiven, Shift
from redvan.core.night import Clock
from redvan.core.ports import Store
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui import theme
from redvan.gui.followups.page import (
    FollowUpDirectory,
    FollowUpsModel,
    followup_table,
    format_long_day,
    partition_followups,
    scale_font,
)
from redvan.gui.messages import describe
from redvan.gui.reports.page import ProgrammeWarning
from redvan.gui.widgets.after_paint import AfterPaint
from redvan.gui.workspace import Context, WorkspacePage
from redvan.storage.errors import VaultError

Index = QModelIndex | QPersistentModelIndex

UNDO_SECONDS = 10
# The roles TonightContactsModel.data answers (as plain ints: the test runs for every cell).
_ANSWERED = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
)


def night_window(
    now: datetime, shift: Shift | None = None, clock: Clock | None = None
) -> tuple[datetime, datetime]:
    """The [start, end) of "tonight": from the shift's start, else the vault's night around now
    (day-start hour to day-start hour, redvan.core.night)."""
    clock = clock or Clock()
    start = clock.night_start(clock.night(now))
    end = start + timedelta(days=1)
    if shift is not None:
        start = shift.started_at
        end = max(end, start + timedelta(days=1))
    return start, end


# -- tonight's contacts ---------------------------------------------------------------------


@dataclass(frozen=True)
class TonightRow:
    """One contact of tonight with what its row shows."""

    contact: Contact
    alias: str | None  # None: an uncoded contact
    new_person: bool
    referrals: int


@dataclass(frozen=True)
class TonightTotals:
    contacts: int
    persons: int  # distinct persons with a code
    uncoded: int
    new_persons: int


def load_tonight(store: Store, start: datetime, end: datetime) -> list[TonightRow]:
    """Tonight's contacts, newest first, with alias, "new person" and referral count."""
    contacts = store.contacts_between(start, end)
    referrals = store.referral_counts_between(start, end)
    persons = store.aliases_by_id([c.profile_id for c in contacts if c.profile_id is not None])
    rows = []
    for contact in contacts:
        alias, new = None, False
        if contact.profile_id is not None:
            alias, first = persons.get(contact.profile_id, ("", None))
            new = first is not None and first >= start
        rows.append(TonightRow(contact, alias, new, referrals.get(contact.id, 0)))
    rows.reverse()
    return rows


class TonightContactsModel(QAbstractTableModel):
    """Tonight's contacts; a night is at most a few dozen rows, so all load at once."""

    COL_TIME, COL_PERSON, COL_ZONE, COL_CHANNEL, COL_SERVICES, COL_REFERRALS = range(6)
    COLUMNS = 6

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: list[TonightRow] = []
        self._labels: dict[VocabularyKind, dict[str, VocabularyEntry]] = {}

    def set_rows(self, rows: Sequence[TonightRow], vocabulary: Sequence[VocabularyEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = {}
        for entry in vocabulary:
            self._labels.setdefault(entry.kind, {})[entry.slug] = entry
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self.language = language
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    # -- figures ------------------------------------------------------------------------------

    def row_data(self, row: int) -> TonightRow:
        return self._rows[row]

    def totals(self) -> TonightTotals:
        coded = [r for r in self._rows if r.contact.profile_id is not None]
        return TonightTotals(
            contacts=len(self._rows),
            persons=len({r.contact.profile_id for r in coded}),
            uncoded=len(self._rows) - len(coded),
            new_persons=len({r.contact.profile_id for r in coded if r.new_person}),
        )

    def service_total(self, slug: str) -> int:
        """Tonight's total quantity of one service."""
        return sum(g.quantity for r in self._rows for g in r.contact.services if g.service == slug)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Sizing the columns asks each cell for every role; most have no answer (B7).
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_SERVICES:
            return self._text(row, index.column())  # the whole list when the cell is cut
        if role == Qt.ItemDataRole.UserRole:
            return row.contact.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_REFERRALS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

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

    def _text(self, row: TonightRow, column: int) -> str:
        contact = row.contact
        if column == self.COL_TIME:
            return contact.time.strftime("%H:%M")
        if column == self.COL_PERSON:
            if row.alias is None:
                return self.tr("No code")
            alias = alias_label(row.alias, self.language)
            return self.tr("%1 (new)").replace("%1", alias) if row.new_person else alias
        if column == self.COL_ZONE:
            return self._label(VocabularyKind.ZONE, contact.zone)
        if column == self.COL_CHANNEL:
            return self._label(VocabularyKind.CHANNEL, contact.channel)
        if column == self.COL_SERVICES:
            return ", ".join(self._service(g) for g in contact.services)
        if column == self.COL_REFERRALS:
            return str(row.referrals) if row.referrals else ""
        return ""

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_TIME: self.tr("Time"),
            self.COL_PERSON: self.tr("Person"),
            self.COL_ZONE: self.tr("Zone"),
            self.COL_CHANNEL: self.tr("Channel"),
            self.COL_SERVICES: self.tr("Services"),
            self.COL_REFERRALS: self.tr("Referrals"),
        }.get(section)


# -- small widgets ---------------------------------------------------------------------------


def _card() -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    return card, layout


def _set_role(label: QLabel, role: str | None) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


def _mark_checked(item: QListWidgetItem) -> None:
    """A checked chip is also bold, so the choice shows at a glance in the dark."""
    font = item.font()
    font.setBold(item.checkState() == Qt.CheckState.Checked)
    item.setFont(font)


_CHIP_STYLE = f"""
QListWidget::item {{ border: 1px solid palette(mid); border-radius: 4px; padding: 0.15em 0.5em; }}
QListWidget::item:focus {{ border-color: palette(light); }}
QListWidget::indicator {{ width: 0.8em; height: 0.8em; border: 1px solid palette(light);
    border-radius: 2px; background: palette(base); }}
QListWidget::indicator:checked {{ background: {theme.ACCENT}; border-color: {theme.ACCENT}; }}
"""


def _check_list() -> QListWidget:
    """Checkable items that wrap like chips; arrows move, Space checks."""
    widget = QListWidget()
    widget.setFlow(QListView.Flow.LeftToRight)
    widget.setWrapping(True)
    widget.setResizeMode(QListView.ResizeMode.Adjust)
    widget.setSpacing(2)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # The dark palette hides an unchecked box; draw each choice as an outlined chip.
    widget.setStyleSheet(_CHIP_STYLE)
    widget.itemActivated.connect(
        lambda item: item.setCheckState(
            Qt.CheckState.Unchecked
            if item.checkState() == Qt.CheckState.Checked
            else Qt.CheckState.Checked
        )
    )
    widget.itemChanged.connect(_mark_checked)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class _Stat(QWidget):
    """A big number over a caption."""

    def __init__(self) -> None:
        super().__init__()
        self.number = QLabel("0")
        self.number.setProperty("role", "big")
        scale_font(self.number, 2.0)
        self.caption = QLabel()
        self.caption.setProperty("role", "subtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 24, 0)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)


@dataclass
class _Counter:
    entry: VocabularyEntry
    button: QPushButton
    quantity: QSpinBox
    total: QLabel


# -- the page -------------------------------------------------------------------------------


class _DueModel(FollowUpsModel):
    """The follow-ups due: a short panel, so a short first page (each row looks up a person;
    more load as the list is scrolled)."""

    def page_size(self) -> int:
        return 50


class TonightPage(WorkspacePage):
    """The home screen of a night shift."""

    key = "tonight"
    shift_started = Signal(str)
    shift_ended = Signal(str)
    followup_activated = Signal(str)
    new_contact_requested = Signal()
    counted = Signal(str)  # contact id of a quick-counter contact
    details_loaded = Signal()  # the follow-ups due and the programme warning are filled

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.shift: Shift | None = None
        self.night: tuple[datetime, datetime] | None = None
        self.last_count: SaveResult | None = None
        self._counters: list[_Counter] = []
        self._loaded = False  # the lists are filled by the first refresh(), not twice (B7)
        self._after_paint = AfterPaint(self)  # fills the due list and the warning (B7)
        self._due_count = 0
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._hide_saved)

        # header
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.date_label = QLabel()
        self.date_label.setProperty("role", "subtitle")
        self.new_contact = QPushButton()
        self.new_contact.setProperty("role", "primary")
        self.new_contact.clicked.connect(self.new_contact_requested)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.date_label)
        header.addLayout(titles)
        header.addStretch()
        header.addWidget(self.new_contact, 0, Qt.AlignmentFlag.AlignTop)

        # shift: a start form, or the running shift
        self.shift_stack = QStackedWidget()
        self.shift_stack.addWidget(self._build_start_form())
        self.shift_stack.addWidget(self._build_running())

        # tonight's contacts
        self.stats = [_Stat() for _ in range(4)]
        stats_row = QHBoxLayout()
        for stat in self.stats:
            stats_row.addWidget(stat)
        stats_row.addStretch()
        self.contacts_model = TonightContactsModel(context.language, self)
        self.contacts_view = QTableView()
        self.contacts_view.setModel(self.contacts_model)
        self.contacts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contacts_view.setAlternatingRowColors(True)
        self.contacts_view.setShowGrid(False)
        self.contacts_view.setWordWrap(False)
        self.contacts_view.setTabKeyNavigation(False)
        self.contacts_view.verticalHeader().hide()
        contacts_header = self.contacts_view.horizontalHeader()
        contacts_header.setHighlightSections(False)
        contacts_header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        contacts_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Widths from the rows on screen (the newest), not the rest of a long night: each row
        # measured is eight calls into the model per cell (B7).
        contacts_header.setResizeContentsPrecision(0)
        contacts_header.setSectionResizeMode(
            TonightContactsModel.COL_SERVICES, QHeaderView.ResizeMode.Stretch
        )
        self.contacts_empty = QLabel()
        self.contacts_empty.setProperty("role", "subtitle")
        self.contacts_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.contacts_empty.setWordWrap(True)
        self.contacts_stack = QStackedWidget()
        self.contacts_stack.addWidget(self.contacts_view)
        self.contacts_stack.addWidget(self.contacts_empty)
        self.contacts_title = QLabel()
        self.contacts_title.setProperty("role", "subtitle")
        left = QVBoxLayout()
        left.addLayout(stats_row)
        left.addWidget(self.contacts_title)
        left.addWidget(self.contacts_stack, 1)

        # quick counters
        counters_card, counters_layout = _card()
        self.counters_title = QLabel()
        self.counters_title.setProperty("role", "subtitle")
        self.counters_title.setWordWrap(True)
        self.counters_grid = QGridLayout()
        self.counters_grid.setColumnStretch(2, 1)
        self.saved_label = QLabel()
        _set_role(self.saved_label, "ok")
        self.undo_button = QPushButton()
        self.undo_button.setFlat(True)
        self.undo_button.clicked.connect(self.undo_count)
        self.count_error = QLabel()
        self.count_error.setProperty("role", "error")
        self.count_error.setWordWrap(True)
        self.count_error.hide()
        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved_label)
        saved_row.addWidget(self.undo_button)
        saved_row.addStretch()
        self.saved_row = QWidget()
        self.saved_row.setLayout(saved_row)
        saved_row.setContentsMargins(0, 0, 0, 0)
        # Keeps its height while hidden, so the cards below do not jump.
        policy = self.saved_row.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.saved_row.setSizePolicy(policy)
        self.saved_row.hide()
        counters_layout.addWidget(self.counters_title)
        counters_layout.addLayout(self.counters_grid)
        counters_layout.addWidget(self.saved_row)
        counters_layout.addWidget(self.count_error)
        counters_card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        # due follow-ups
        due_card, due_layout = _card()
        self.due_title = QLabel()
        self.due_title.setProperty("role", "subtitle")
        self.due_model = _DueModel(context.language, self)
        self.due_view = followup_table(self.due_model)
        for column in (
            FollowUpsModel.COL_ASSIGNED,
            FollowUpsModel.COL_REFERRAL,
            FollowUpsModel.COL_STATUS,
        ):
            self.due_view.setColumnHidden(column, True)
        self.due_view.horizontalHeader().hide()
        self.due_view.activated.connect(self._followup_activated)
        self.due_empty = QLabel()
        self.due_empty.setProperty("role", "subtitle")
        self.due_empty.setWordWrap(True)
        self.due_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.due_stack = QStackedWidget()
        self.due_stack.addWidget(self.due_view)
        self.due_stack.addWidget(self.due_empty)
        due_layout.addWidget(self.due_title)
        due_layout.addWidget(self.due_stack, 1)

        right_column = QWidget()
        right = QVBoxLayout(right_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(counters_card)
        right.addWidget(due_card, 1)
        # Wide enough for "+ Coffee / food", its count and a due alias; the table gets the rest.
        right_column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(right_column, 2)

        # a programme whose forecast falls short of its target (R3); hidden otherwise
        self.programme_warning = ProgrammeWarning()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.programme_warning)
        layout.addWidget(self.shift_stack)
        layout.addLayout(body, 1)
        self.retranslate()

    # -- building -----------------------------------------------------------------------------

    def _build_start_form(self) -> QWidget:
        card, layout = _card()
        self.start_title = QLabel()
        self.start_title.setProperty("role", "subtitle")
        self.team = QLineEdit()
        self.team.setMaxLength(60)
        self.team.returnPressed.connect(self.start_shift)
        self.team_label = QLabel()
        self.team_label.setBuddy(self.team)
        self.zones = _check_list()
        self.zones_label = QLabel()
        self.zones_label.setBuddy(self.zones)
        self.staff = _check_list()
        self.staff_label = QLabel()
        self.staff_label.setBuddy(self.staff)
        self.start_button = QPushButton()
        self.start_button.setProperty("role", "primary")
        self.start_button.clicked.connect(self.start_shift)
        self.start_error = QLabel()
        self.start_error.setProperty("role", "error")
        self.start_error.setWordWrap(True)
        self.start_error.hide()

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.team_label, 0, 0)
        team_row = QHBoxLayout()
        team_row.addWidget(self.team)
        team_row.addStretch()
        grid.addLayout(team_row, 0, 1)
        for label, chips in ((self.zones_label, self.zones), (self.staff_label, self.staff)):
            # Line the label up with the first row of chips.
            label.setContentsMargins(0, chips.frameWidth() + 2 * chips.spacing() + 1, 0, 0)
        grid.addWidget(self.zones_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.zones, 1, 1)
        grid.addWidget(self.staff_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.staff, 2, 1)
        layout.addWidget(self.start_title)
        layout.addLayout(grid)
        bottom = QHBoxLayout()
        bottom.addWidget(self.start_error, 1)
        bottom.addStretch()
        bottom.addWidget(self.start_button)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.team, self.zones)
        QWidget.setTabOrder(self.zones, self.staff)
        QWidget.setTabOrder(self.staff, self.start_button)
        return card

    def _build_running(self) -> QWidget:
        card, layout = _card()
        self.running_title = QLabel()
        self.running_title.setProperty("role", "subtitle")
        self.running_label = QLabel()
        self.running_label.setWordWrap(True)
        font = self.running_label.font()
        font.setBold(True)
        self.running_label.setFont(font)
        self.end_button = QPushButton()
        self.end_button.clicked.connect(self.ask_end_shift)
        self.confirm_label = QLabel()
        self.confirm_label.setProperty("role", "warning")
        self.confirm_label.setWordWrap(True)
        self.confirm_end = QPushButton()
        self.confirm_end.clicked.connect(self.end_shift)
        self.keep_going = QPushButton()
        self.keep_going.clicked.connect(self._cancel_end)
        self.end_error = QLabel()
        self.end_error.setProperty("role", "error")
        self.end_error.setWordWrap(True)
        self.end_error.hide()
        row = QHBoxLayout()
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.running_title)
        texts.addWidget(self.running_label)
        row.addLayout(texts, 1)
        row.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row)
        self.confirm_row = QWidget()
        confirm = QHBoxLayout(self.confirm_row)
        confirm.setContentsMargins(0, 0, 0, 0)
        confirm.addWidget(self.confirm_label, 1)
        confirm.addWidget(self.keep_going)
        confirm.addWidget(self.confirm_end)
        self.confirm_row.hide()
        layout.addWidget(self.confirm_row)
        layout.addWidget(self.end_error)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return card

    # -- WorkspacePage ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Tonight")

    def retranslate(self) -> None:
        lang = self.context.language
        self.heading.setText(self.tr("Tonight"))
        self.new_contact.setText(self.tr("New contact (Ctrl+N)"))
        self.new_contact.setShortcut(QKeySequence("Ctrl+N"))
        self.new_contact.setAccessibleName(self.tr("New contact"))

        self.start_title.setText(self.tr("No shift is running. Start one to log tonight."))
        self.team_label.setText(self.tr("&Team or van:"))
        self.team.setPlaceholderText(self.tr("e.g. Van 1"))
        self.team.setAccessibleName(self.tr("Team or van"))
        self.zones_label.setText(self.tr("&Zones:"))
        self.zones.setAccessibleName(self.tr("Zones of the shift (Space checks)"))
        self.staff_label.setText(self.tr("&Staff:"))
        self.staff.setAccessibleName(self.tr("Staff on the shift (Space checks)"))
        self.start_button.setText(self.tr("Sta&rt shift"))
        self.start_button.setAccessibleName(self.tr("Start the shift"))

        self.running_title.setText(self.tr("Shift running"))
        self.end_button.setText(self.tr("&End shift…"))
        self.end_button.setAccessibleName(self.tr("End the shift"))
        self.confirm_end.setText(self.tr("End shift &now"))
        self.confirm_end.setAccessibleName(self.tr("Yes, end the shift now"))
        self.keep_going.setText(self.tr("&Keep going"))
        self.keep_going.setAccessibleName(self.tr("Keep the shift running"))

        for stat, caption in zip(
            self.stats,
            (
                self.tr("Contacts"),
                self.tr("Persons"),
                self.tr("Uncoded"),
                self.tr("New persons"),
            ),
            strict=True,
        ):
            stat.caption.setText(caption)
        self.contacts_title.setText(self.tr("Tonight's contacts, newest first"))
        self.contacts_view.setAccessibleName(self.tr("Tonight's contacts"))
        self.contacts_empty.setText(
            self.tr("No contacts yet tonight. Press Ctrl+N to record the first one.")
        )
        self.contacts_model.set_language(lang)

        self.counters_title.setText(self.tr("Quick count without a code · tonight's totals"))
        self.undo_button.setText(self.tr("Undo (Ctrl+Z)"))
        self.undo_button.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_button.setAccessibleName(self.tr("Undo the last count"))
        self._show_due_title()
        self.due_view.setAccessibleName(self.tr("Follow-ups due today or overdue"))
        self.due_empty.setText(self.tr("Nothing due today."))
        self.due_model.set_language(lang)

        if self._loaded and self.context.session.services is not None:
            self._fill_lists()
            self._show_shift()
            self._build_counters()
            self._show_totals()
            self.programme_warning.refresh(self.context)
        self._show_date()

    def refresh(self) -> None:
        """The shift and tonight's contacts now; the follow-ups due and the programme warning
        once the contacts have been painted, at the next turn of the event loop (B7: the
        contacts are on screen that much sooner). `details_loaded` says they are filled.
        """
        if self.context.session.services is None:
            return
        self._loaded = True
        self.shift = self.services.store.open_shift()
        self._fill_lists()
        self._show_shift()
        self._build_counters()
        self._load_contacts()
        self._show_date()
        shown = self.contacts_stack.currentWidget()
        self._after_paint.arm(
            self.contacts_view.viewport() if shown is self.contacts_view else shown,
            self._load_details,
        )

    def _load_details(self) -> None:
        if self.context.session.services is None:  # locked meanwhile
            return
        self._load_due()
        self.programme_warning.refresh(self.context)
        self.details_loaded.emit()

    def _show_date(self) -> None:
        """The date of the evening the night began (after midnight: still the evening before)."""
        start, _ = self.night or night_window(self.context.now(), self.shift, self.services.clock())
        self.date_label.setText(format_long_day(start.date(), self.context.language))

    def draft(self) -> dict[str, Any] | None:
        if self.shift is not None or not self.team.text().strip():
            return None
        return {"team": self.team.text(), "zones": _checked(self.zones)}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.team.setText(str(draft.get("team", "")))
        wanted = set(draft.get("zones", []))
        for i in range(self.zones.count()):
            item = self.zones.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)

    # -- the shift ----------------------------------------------------------------------------

    def _fill_lists(self) -> None:
        """Zones and staff for the start form, keeping what is already checked."""
        store = self.services.store
        lang = self.context.language
        checked_zones = set(_checked(self.zones))
        self.zones.clear()
        for entry in store.vocabulary(VocabularyKind.ZONE):
            if entry.retired:
                continue
            item = QListWidgetItem(entry.label(lang))
            item.setData(Qt.ItemDataRole.UserRole, entry.slug)
            item.setCheckState(
                Qt.CheckState.Checked if entry.slug in checked_zones else Qt.CheckState.Unchecked
            )
            self.zones.addItem(item)
            _mark_checked(item)
        checked_staff = set(_checked(self.staff))
        if not checked_staff and self.context.session.vault is not None:
            checked_staff = {self.context.session.vault.staff_id}
        self.staff.clear()
        for member in store.list_staff():
            item = QListWidgetItem(member.display_name)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setCheckState(
                Qt.CheckState.Checked if member.id in checked_staff else Qt.CheckState.Unchecked
            )
            self.staff.addItem(item)
            _mark_checked(item)
        for widget in (self.zones, self.staff):
            self._fit_height(widget)

    @staticmethod
    def _fit_height(widget: QListWidget) -> None:
        """Room for two wrapped lines of chips; more scrolls."""
        row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height()
        lines = 2 if widget.count() > 6 else 1
        widget.setFixedHeight(lines * (row + 2 * widget.spacing()) + 2 * widget.frameWidth() + 4)

    def _show_shift(self) -> None:
        if self.shift is None:
            self.shift_stack.setCurrentIndex(0)
            self.shift_stack.setMaximumHeight(16777215)
            return
        self.shift_stack.setCurrentIndex(1)
        self.shift_stack.setMaximumHeight(self.shift_stack.currentWidget().sizeHint().height())
        store, lang = self.services.store, self.context.language
        zones = {e.slug: e.label(lang) for e in store.vocabulary(VocabularyKind.ZONE)}
        staff = {s.id: s.display_name for s in store.list_staff(include_inactive=True)}
        parts = [self.shift.team]
        if self.shift.zones:
            parts.append(", ".join(zones.get(z, z) for z in self.shift.zones))
        parts.append(self.tr("since %1").replace("%1", self.shift.started_at.strftime("%H:%M")))
        if self.shift.staff_ids:
            parts.append(", ".join(staff.get(s, "?") for s in self.shift.staff_ids))
        self.running_label.setText(" · ".join(parts))
        self.confirm_label.setText(
            self.tr("End the shift at %1? Everything recorded stays saved.").replace(
                "%1", self.context.now().strftime("%H:%M")
            )
        )

    def start_shift(self) -> Shift | None:
        self.start_error.hide()
        zones = _checked(self.zones)
        staff = _checked(self.staff)
        if not self.team.text().strip():
            self._error(self.start_error, self.tr("Name the team or van."))
            self.team.setFocus()
            return None
        if not staff:
            self._error(self.start_error, self.tr("Check at least one staff member on the shift."))
            self.staff.setFocus()
            return None
        try:
            shift = self.services.start_shift(self.team.text(), zones, staff, self.context.now())
        except (ValueError, VaultError) as exc:
            self._error(self.start_error, describe(exc))
            return None
        self.team.clear()
        self.refresh()
        self.shift_started.emit(shift.id)
        self.new_contact.setFocus()
        return shift

    def ask_end_shift(self) -> None:
        self._show_shift()
        self.confirm_row.show()
        self.shift_stack.setMaximumHeight(self.shift_stack.currentWidget().sizeHint().height())
        self.keep_going.setFocus()

    def _cancel_end(self) -> None:
        self.confirm_row.hide()
        self._show_shift()
        self.end_button.setFocus()

    def end_shift(self) -> bool:
        if self.shift is None:
            return False
        shift_id = self.shift.id
        try:
            self.services.end_shift(shift_id, self.context.now())
        except (ValueError, VaultError) as exc:
            self._error(self.end_error, describe(exc))
            return False
        self.confirm_row.hide()
        self.end_error.hide()
        self.refresh()
        self.shift_ended.emit(shift_id)
        self.team.setFocus()
        return True

    # -- contacts and totals ------------------------------------------------------------------

    def _load_contacts(self) -> None:
        store = self.services.store
        self.night = night_window(self.context.now(), self.shift, self.services.clock())
        rows = load_tonight(store, *self.night)
        vocabulary = [
            e
            for kind in (VocabularyKind.ZONE, VocabularyKind.CHANNEL, VocabularyKind.SERVICE)
            for e in store.vocabulary(kind)
        ]
        self.contacts_model.set_rows(rows, vocabulary)
        self.contacts_stack.setCurrentIndex(0 if rows else 1)
        self._show_totals()

    def _show_totals(self) -> None:
        totals = self.contacts_model.totals()
        for stat, value in zip(
            self.stats,
            (totals.contacts, totals.persons, totals.uncoded, totals.new_persons),
            strict=True,
        ):
            stat.number.setText(str(value))
        for counter in self._counters:
            total = self.contacts_model.service_total(counter.entry.slug)
            counter.total.setText(str(total))
            counter.total.setAccessibleName(
                self.tr("%1 tonight: %2")
                .replace("%1", counter.entry.label(self.context.language))
                .replace("%2", str(total))
            )

    # -- quick counters -----------------------------------------------------------------------

    def _build_counters(self) -> None:
        """One "+ Condoms" button with a quantity per counted service (quantity=True)."""
        lang = self.context.language
        entries = [
            e
            for e in self.services.store.vocabulary(VocabularyKind.SERVICE)
            if e.quantity and not e.retired
        ]
        old = {c.entry.slug: c.quantity.value() for c in self._counters}
        if [c.entry for c in self._counters] != entries:
            for counter in self._counters:
                for widget in (counter.button, counter.quantity, counter.total):
                    self.counters_grid.removeWidget(widget)
                    widget.deleteLater()
            self._counters = []
            previous: QWidget = self.contacts_view
            for row, entry in enumerate(entries):
                button = QPushButton()
                quantity = QSpinBox()
                quantity.setRange(1, 999)
                quantity.setValue(old.get(entry.slug, 1))
                total = QLabel()
                scale_font(total, 1.25)
                total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                total.setMinimumWidth(total.fontMetrics().horizontalAdvance("00000"))
                button.clicked.connect(lambda _=False, slug=entry.slug: self.count(slug))
                # Type the number, then Enter (or Tab and Space on the button) counts it.
                quantity.lineEdit().returnPressed.connect(lambda slug=entry.slug: self.count(slug))
                self.counters_grid.addWidget(total, row, 0)
                self.counters_grid.addWidget(quantity, row, 1)
                self.counters_grid.addWidget(button, row, 2)
                QWidget.setTabOrder(previous, quantity)
                QWidget.setTabOrder(quantity, button)
                previous = button
                self._counters.append(_Counter(entry, button, quantity, total))
            QWidget.setTabOrder(previous, self.undo_button)
            QWidget.setTabOrder(self.undo_button, self.due_view)
        for counter in self._counters:
            name = counter.entry.label(lang)
            counter.button.setText(self.tr("+ %1").replace("%1", name))
            counter.button.setAccessibleName(
                self.tr("Count %1 given without a code").replace("%1", name)
            )
            counter.quantity.setAccessibleName(self.tr("How many %1").replace("%1", name))
        self._show_totals()

    def counter(self, slug: str) -> tuple[QPushButton, QSpinBox]:
        found = next(c for c in self._counters if c.entry.slug == slug)
        return found.button, found.quantity

    def count(self, slug: str) -> SaveResult | None:
        """Record an uncoded contact with only this service, now, in the shift's first zone."""
        self.count_error.hide()
        counter = next(c for c in self._counters if c.entry.slug == slug)
        quantity = counter.quantity.value()
        shift = self.shift
        entry = ContactInput(
            time=self.context.now(),
            zone=self._first_zone(),
            services=(ServiceGiven(slug, quantity),),
            shift_id=shift.id if shift else None,
        )
        try:
            result = self.services.save_contact(entry)
        except (ValueError, VaultError) as exc:
            self._error(self.count_error, describe(exc))
            return None
        self.last_count = result
        self._load_contacts()
        self.saved_label.setText(
            self.tr("Saved: %1 × %2")
            .replace("%1", str(quantity))
            .replace("%2", counter.entry.label(self.context.language))
        )
        _set_role(self.saved_label, "ok")
        self.undo_button.show()
        self.saved_row.show()
        self._undo_timer.start()
        self.counted.emit(result.contact_id)
        return result

    def _first_zone(self) -> str | None:
        """The shift's first zone in list order (the vault keeps a shift's zones as a set)."""
        if self.shift is None or not self.shift.zones:
            return None
        order = [e.slug for e in self.services.store.vocabulary(VocabularyKind.ZONE)]
        return min(self.shift.zones, key=lambda z: order.index(z) if z in order else len(order))

    def undo_count(self) -> bool:
        result = self.last_count
        if result is None:
            return False
        try:
            self.services.undo_contact(result)
        except (ValueError, VaultError) as exc:
            self._error(self.count_error, describe(exc))
            return False
        self.last_count = None
        self._load_contacts()
        self.saved_label.setText(self.tr("Count taken back."))
        _set_role(self.saved_label, "subtitle")
        self.undo_button.hide()
        self._undo_timer.start()
        return True

    def _hide_saved(self) -> None:
        self.saved_row.hide()
        self.last_count = None

    # -- follow-ups due -----------------------------------------------------------------------

    def _load_due(self) -> None:
        store = self.services.store
        today = self.context.now().date()
        # Only what is due by today: the upcoming ones are not shown here.
        # Without their referrals: the list does not show them, and finding them reads
        # every referral of the vault (B7).
        open_due = store.followups(
            status="open", due_before=today + timedelta(days=1), with_referrals=False
        )
        overdue, due_today, _ = partition_followups(open_due, today)
        due = overdue + due_today
        self.due_model.set_followups(due, FollowUpDirectory(store), today)
        self.due_stack.setCurrentIndex(0 if due else 1)
        self._due_count = len(due)
        self._show_due_title()

    def _show_due_title(self) -> None:
        count = self._due_count
        self.due_title.setText(
            self.tr("Follow-ups due (%n)", None, count) if count else self.tr("Follow-ups due")
        )

    def _followup_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.followup_activated.emit(self.due_model.followup(index.row()).id)

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _error(label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()
