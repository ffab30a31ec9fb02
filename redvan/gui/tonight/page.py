"""The Tonight home screen (G2): start or end the shift, see tonight's contacts and totals,
count anonymous hand-outs with one key press, and see which follow-ups are due.

"Tonight" is the night the clock is in, day-start to day-start (models.night_window),
whatever shifts started or ended in it. The page composes its parts: the shift card
(shift.py), the contacts and their figures (models.py), the quick counters (counters.py)
and the follow-ups due (the kit's follow-up list).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStyle, QWidget

from redvan.core.model import SaveResult, Shift
from redvan.core.night import Clock
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.tonight.counters import QuickCounters
from redvan.gui.tonight.models import DueModel, TonightContactsModel, load_tonight, night_window
from redvan.gui.tonight.shift import ShiftPanel
from redvan.gui.widgets.after_paint import AfterPaint
from redvan.gui.widgets.contact_correction import RowCorrection
from redvan.gui.widgets.dates import format_long_day
from redvan.gui.widgets.followup_list import (
    FollowUpDirectory,
    FollowUpsModel,
    followup_table,
    partition_followups,
)
from redvan.gui.widgets.layouts import STRETCH, fill, hbox, vbox
from redvan.gui.widgets.reach import ProgrammeWarning
from redvan.gui.widgets.roles import SUBTITLE, Stat, card, heading, role_label
from redvan.gui.widgets.table import TableOrEmpty, table_view
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context, WorkspacePage


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
        self._loaded = False  # the lists are filled by the first refresh(), not twice (B7)
        self._after_paint = AfterPaint(self)  # fills the due list and the warning (B7)
        self._due_count = 0

        # header; Ctrl+N is the window's (one binding: a second one on the button made Qt
        # see an ambiguous shortcut and do nothing, issue 15 item 1)
        t = self.texts = Texts()
        self.heading, self.date_label = heading(wrap=False)
        t.bind(self.heading, text=self.title)
        self.new_contact = t.button(
            lambda: self.tr("New contact (Ctrl+N)"),
            role="primary",
            clicked=self.new_contact_requested,
            accessible=lambda: self.tr("New contact"),
        )
        self.keys_hint = t.bind(
            role_label(SUBTITLE, wrap=False), text=lambda: self.tr("Ctrl+1 … Ctrl+8 switch screens")
        )
        self.keys_hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        header = hbox(
            vbox(self.heading, self.date_label, spacing=0),
            STRETCH,
            vbox((self.new_contact, 0, Qt.AlignmentFlag.AlignRight), self.keys_hint, spacing=2),
        )

        # shift: a start form, or the running shift
        self.shift_panel = ShiftPanel(context)
        self.shift_panel.started.connect(self._shift_started)
        self.shift_panel.ended.connect(self._shift_ended)
        self.shift_stack = self.shift_panel  # the name the tests and screenshots know
        for name in ("team", "zones", "staff", "start_button", "start_error", "running_label",
                     "end_button", "confirm_row"):  # fmt: skip
            setattr(self, name, getattr(self.shift_panel, name))

        # tonight's contacts
        self.stats = [Stat() for _ in range(4)]
        for stat, caption in zip(
            self.stats,
            (
                lambda: self.tr("Contacts"),
                lambda: self.tr("Persons"),
                lambda: self.tr("Uncoded"),
                lambda: self.tr("New persons"),
            ),
            strict=True,
        ):
            t.bind(stat.caption, text=caption)
        self.contacts_model = TonightContactsModel(context.language, self)
        # Widths from the rows on screen (the newest), not the rest of a long night: each row
        # measured is eight calls into the model per cell (B7).
        self.contacts_view = table_view(
            self.contacts_model, stretch=TonightContactsModel.COL_SERVICES, precision=0
        )
        # A long list of services wraps onto a second line rather than being cut (issue 15,
        # item 9: "Kaffe / mad ×1, Ko…" in Danish at 1100×720); a night is a few dozen rows.
        # Only the rows that need it are made taller, measured with the font alone: sizing
        # every row to its contents asks the model for each cell (275 ms for 300 rows, B7).
        self.contacts_view.setWordWrap(True)
        self._fit_timer = QTimer(self)  # once the layout has settled, not at every step of it
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_rows)
        self.contacts_view.horizontalHeader().sectionResized.connect(self._services_resized)
        # Correct the past: double-click, Enter or right-click a row (issue 15, item 7).
        self.correction = RowCorrection(
            self.contacts_view, context, self._contact_id_at, self._corrected
        )
        self.contacts_stack = TableOrEmpty(self.contacts_view)
        self.contacts_empty = self.contacts_stack.empty
        t.bind(self.contacts_view, accessibleName=lambda: self.tr("Tonight's contacts"))
        t.bind(
            self.contacts_empty,
            text=lambda: self.tr("No contacts yet tonight. Press Ctrl+N to record the first one."),
        )
        self.contacts_title = t.bind(
            role_label(SUBTITLE, wrap=False),
            text=lambda: self.tr(
                "Tonight's contacts, newest first · double-click or right-click to correct"
            ),
        )
        left = vbox(hbox(*self.stats, STRETCH), self.contacts_title, (self.contacts_stack, 1))

        # quick counters
        self.counters = QuickCounters(context)
        self.counters.changed.connect(self._load_contacts)
        self.counters.counted.connect(self.counted)
        self.undo_button = self.counters.undo_button
        self.saved_row = self.counters.saved_row
        self.saved_label = self.counters.saved_label

        # due follow-ups
        due_card, due_layout = card()
        self.due_title = role_label(SUBTITLE, wrap=False)
        self.due_model = DueModel(context.language, self)
        self.due_view = followup_table(self.due_model)
        for column in (
            FollowUpsModel.COL_ASSIGNED,
            FollowUpsModel.COL_REFERRAL,
            FollowUpsModel.COL_STATUS,
        ):
            self.due_view.setColumnHidden(column, True)
        self.due_view.horizontalHeader().hide()
        self.due_view.activated.connect(self._followup_activated)
        self.due_stack = TableOrEmpty(self.due_view)
        self.due_empty = self.due_stack.empty
        self.due_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        t.bind(self.due_view, accessibleName=lambda: self.tr("Follow-ups due today or overdue"))
        t.bind(self.due_empty, text=lambda: self.tr("Nothing due today."))
        fill(due_layout, (self.due_title, (self.due_stack, 1)))

        right_column = QWidget()
        vbox(self.counters, (due_card, 1), parent=right_column, margins=0)
        # Wide enough for "+ Coffee / food", its count and a due alias; the table gets the rest.
        right_column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

        # a programme whose forecast falls short of its target (R3); hidden otherwise
        self.programme_warning = ProgrammeWarning()

        vbox(
            header,
            self.programme_warning,
            self.shift_panel,
            (hbox((left, 5), (right_column, 2)), 1),
            parent=self,
        )
        self.retranslate()

    # -- WorkspacePage ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Tonight")

    def retranslate(self) -> None:
        lang = self.context.language
        self.texts.retranslate()
        self.shift_panel.retranslate()
        self.counters.retranslate()
        self.contacts_model.set_language(lang)
        self._show_due_title()
        self.due_model.set_language(lang)

        if self._loaded and self.context.session.services is not None:
            self.shift_panel.fill_lists()
            self.shift_panel.show_shift(self.shift)
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
        self.counters.shift = self.shift
        self.shift_panel.fill_lists()
        self.shift_panel.show_shift(self.shift)
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
        start, _ = self.night or night_window(self.context.now(), self._clock())
        self.date_label.setText(format_long_day(start.date(), self.context.language))

    def draft(self) -> dict[str, Any] | None:
        if self.shift is not None or not self.team.text().strip():
            return None
        return {"team": self.team.text(), "zones": self.shift_panel.draft_zones()}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.team.setText(str(draft.get("team", "")))
        wanted = set(draft.get("zones", []))
        for i in range(self.zones.count()):
            item = self.zones.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)

    # -- the shift ----------------------------------------------------------------------------

    def start_shift(self) -> Shift | None:
        return self.shift_panel.start_shift()

    def ask_end_shift(self) -> None:
        self.shift_panel.ask_end_shift()

    def end_shift(self) -> bool:
        return self.shift_panel.end_shift()

    def _shift_started(self, shift_id: str) -> None:
        self.refresh()
        self.shift_started.emit(shift_id)
        self.new_contact.setFocus()

    def _shift_ended(self, shift_id: str) -> None:
        self.refresh()
        self.shift_ended.emit(shift_id)

    # -- contacts and totals ------------------------------------------------------------------

    def _load_contacts(self) -> None:
        store = self.services.store
        now = self.context.now()
        self.night = night_window(now, self._clock())
        rows = load_tonight(store, *self.night, now)
        vocabulary = [
            e
            for kind in (VocabularyKind.ZONE, VocabularyKind.CHANNEL, VocabularyKind.SERVICE)
            for e in store.vocabulary(kind)
        ]
        self.contacts_model.set_rows(rows, vocabulary)
        self.contacts_stack.show_rows(bool(rows))
        self._fit_timer.start()
        self._show_totals()

    def _services_resized(self, column: int, _old: int, _new: int) -> None:
        if column == TonightContactsModel.COL_SERVICES:
            self._fit_timer.start()

    def _fit_rows(self) -> None:
        """Rows whose services do not fit on one line get the height of the lines they wrap
        to; the others keep the usual height."""
        view, model = self.contacts_view, self.contacts_model
        column = TonightContactsModel.COL_SERVICES
        base = view.verticalHeader().defaultSectionSize()
        metrics = view.fontMetrics()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        width = max(1, view.columnWidth(column) - margin)
        for row in range(model.rowCount()):
            text = model.services_text(row)
            height = base
            if metrics.horizontalAdvance(text) > width:
                box = metrics.boundingRect(
                    QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text
                )
                height = max(base, box.height() + base - metrics.height())
            if view.rowHeight(row) != height:
                view.setRowHeight(row, height)

    def _clock(self) -> Clock | None:
        """The vault's reporting-day rule (None while locked: the default rule)."""
        services = self.context.session.services
        return services.clock() if services is not None else None

    def _contact_id_at(self, row: int) -> str | None:
        if not 0 <= row < self.contacts_model.rowCount():
            return None
        return self.contacts_model.row_data(row).contact.id

    def _corrected(self) -> None:
        """A contact was corrected or voided: tonight's rows, totals and counters follow."""
        if self.context.session.services is not None:
            self._load_contacts()

    def _show_totals(self) -> None:
        totals = self.contacts_model.totals()
        for stat, value in zip(
            self.stats,
            (totals.contacts, totals.persons, totals.uncoded, totals.new_persons),
            strict=True,
        ):
            stat.number.setText(str(value))
        self.counters.show_totals(self.contacts_model.service_total)

    # -- quick counters -----------------------------------------------------------------------

    def _build_counters(self) -> None:
        self.counters.build(self.contacts_view, self.due_view)
        self._show_totals()

    @property
    def _counters(self) -> list[Any]:
        return self.counters.counters

    @property
    def last_count(self) -> SaveResult | None:
        return self.counters.last_count

    def counter(self, slug: str) -> tuple[QPushButton, Any]:
        return self.counters.counter(slug)

    def count(self, slug: str) -> SaveResult | None:
        return self.counters.count(slug)

    def undo_count(self) -> bool:
        return self.counters.undo_count()

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
        self.due_stack.show_rows(bool(due))
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
