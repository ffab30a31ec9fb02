"""The follow-ups screen (G5): overdue, today and upcoming; close with an outcome; plan one.

`find_people`, `format_day` and `locale_for` live in the kit (redvan.gui.widgets); they are
still importable from here for the incidents screen until it imports them from the kit.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums, limits
from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpStatus, FollowUpType
from redvan.core.model import FollowUp, Profile
from redvan.core.services import PiiWarning
from redvan.gui.messages import describe
from redvan.gui.widgets.dates import format_day, locale_for
from redvan.gui.widgets.followup_list import (
    FollowUpDirectory,
    FollowUpRow,
    FollowUpsModel,
    followup_table,
    partition_followups,
)
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.people import find_people
from redvan.gui.widgets.roles import card, heading, say
from redvan.gui.widgets.table import TableOrEmpty
from redvan.gui.workspace import Context, WorkspacePage
from redvan.storage.errors import VaultError

Index = QModelIndex | QPersistentModelIndex

SEARCH_DELAY_MS = 250


# -- the page -------------------------------------------------------------------------------


class FollowUpsPage(WorkspacePage):
    """Overdue / today / upcoming; close with Done, Missed or Cancelled; plan a new one."""

    key = "followups"
    followup_closed = Signal(str)
    followup_added = Signal(str)

    TAB_OVERDUE, TAB_TODAY, TAB_UPCOMING = range(3)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._pending: FollowUpStatus | None = None
        self._pending_id: str | None = None
        self._people: list[Profile] = []

        self.heading, self.subheading = heading(wrap=False)

        self.models = [FollowUpsModel(context.language, self) for _ in range(3)]
        self.views = [followup_table(m) for m in self.models]
        self._stacks = [TableOrEmpty(view) for view in self.views]
        self.empty_labels = [stack.empty for stack in self._stacks]
        self.tabs = QTabWidget()
        for view, stack in zip(self.views, self._stacks, strict=True):
            self.tabs.addTab(stack, "")
            view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tabs.currentChanged.connect(self._selection_changed)

        # closing the selected follow-up
        self.close_title = QLabel()
        self.close_title.setProperty("role", "subtitle")
        self.selected_label = QLabel()
        self.selected_label.setWordWrap(True)
        self.outcome = QLineEdit()
        self.outcome.textEdited.connect(self._outcome_edited)
        self.outcome_label = QLabel()
        self.outcome_label.setBuddy(self.outcome)
        self.done_button = QPushButton()
        self.missed_button = QPushButton()
        self.cancelled_button = QPushButton()
        self.done_button.clicked.connect(lambda: self.close_selected(FollowUpStatus.DONE))
        self.missed_button.clicked.connect(lambda: self.close_selected(FollowUpStatus.MISSED))
        self.cancelled_button.clicked.connect(lambda: self.close_selected(FollowUpStatus.CANCELLED))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.save_anyway = QPushButton()
        self.save_anyway.clicked.connect(self._save_anyway)
        self.save_anyway.hide()

        close_card, close_layout = card()
        close_layout.addWidget(self.close_title)
        close_layout.addWidget(self.selected_label)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.outcome_label)
        outcome_row.addWidget(self.outcome, 1)
        outcome_row.addWidget(attach_counter(self.outcome, limits.FREE_TEXT))
        close_layout.addLayout(outcome_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.missed_button)
        buttons.addWidget(self.cancelled_button)
        buttons.addStretch()
        close_layout.addLayout(buttons)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.save_anyway)
        close_layout.addLayout(message_row)
        close_layout.addStretch()

        # planning a new follow-up
        self.new_title = QLabel()
        self.new_title.setProperty("role", "subtitle")
        self.person = QLineEdit()
        self.person.textEdited.connect(self._person_edited)
        self.person.returnPressed.connect(self.search_people)
        self.person_label = QLabel()
        self.person_label.setBuddy(self.person)
        self.matches = QComboBox()
        self.matches.setEnabled(False)
        self.matches.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.type = QComboBox()
        self.type_label = QLabel()
        self.type_label.setBuddy(self.type)
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due_label = QLabel()
        self.due_label.setBuddy(self.due)
        self.assigned = QComboBox()
        self.assigned_label = QLabel()
        self.assigned_label.setBuddy(self.assigned)
        self.add_button = QPushButton()
        self.add_button.setProperty("role", "primary")
        self.add_button.clicked.connect(self.add_followup)
        self.new_message = QLabel()
        self.new_message.setWordWrap(True)
        self.new_message.hide()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_people)

        new_card, new_layout = card()
        new_layout.addWidget(self.new_title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        person_row = QHBoxLayout()
        person_row.addWidget(self.person, 1)
        person_row.addWidget(self.matches, 1)
        form.addRow(self.person_label, person_row)
        form.addRow(self.type_label, self.type)
        when_row = QHBoxLayout()
        when_row.addWidget(self.due)
        when_row.addSpacing(12)
        when_row.addWidget(self.assigned_label)
        when_row.addWidget(self.assigned, 1)
        form.addRow(self.due_label, when_row)
        new_layout.addLayout(form)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_message, 1)
        add_row.addStretch()
        add_row.addWidget(self.add_button)
        new_layout.addLayout(add_row)
        new_layout.addStretch()

        bottom = QHBoxLayout()
        bottom.addWidget(close_card, 1)
        bottom.addWidget(new_card, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        for first, second in (
            (self.tabs, self.outcome),
            (self.outcome, self.done_button),
            (self.done_button, self.missed_button),
            (self.missed_button, self.cancelled_button),
            (self.cancelled_button, self.save_anyway),
            (self.save_anyway, self.person),
            (self.person, self.matches),
            (self.matches, self.type),
            (self.type, self.due),
            (self.due, self.assigned),
            (self.assigned, self.add_button),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    # -- WorkspacePage ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Follow-ups")

    def retranslate(self) -> None:
        lang = self.context.language
        self.heading.setText(self.tr("Follow-ups"))
        self.subheading.setText(
            self.tr(
                "What the team promised to do: open follow-ups by due date. Select one to close it."
            )
        )
        for model in self.models:
            model.set_language(lang)
        for view, name in zip(
            self.views,
            (
                self.tr("Overdue follow-ups"),
                self.tr("Follow-ups due today"),
                self.tr("Upcoming follow-ups"),
            ),
            strict=True,
        ):
            view.setAccessibleName(name)
        self.empty_labels[self.TAB_OVERDUE].setText(self.tr("Nothing overdue."))
        self.empty_labels[self.TAB_TODAY].setText(self.tr("Nothing due today."))
        self.empty_labels[self.TAB_UPCOMING].setText(self.tr("Nothing planned."))
        self.tabs.setAccessibleName(self.tr("Follow-ups by due date"))
        self._retitle_tabs()

        self.close_title.setText(self.tr("Close the selected follow-up"))
        self.outcome_label.setText(self.tr("&Outcome:"))
        self.outcome.setPlaceholderText(self.tr("Optional — what happened, no names or numbers"))
        self.outcome.setAccessibleName(self.tr("Outcome (optional)"))
        # The mnemonics follow the language (Alt+D/M/C in English, Alt+D/M/A in Danish).
        for button, text, name in (
            (self.done_button, self.tr("&Done"), self.tr("Mark done")),
            (self.missed_button, self.tr("&Missed"), self.tr("Mark missed")),
            (self.cancelled_button, self.tr("&Cancelled"), self.tr("Mark cancelled")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
        self.save_anyway.setText(self.tr("Save an&yway"))
        self.save_anyway.setAccessibleName(self.tr("Save the outcome anyway"))

        self.new_title.setText(self.tr("New follow-up"))
        self.person_label.setText(self.tr("&Person:"))
        self.person.setPlaceholderText(self.tr("Alias, e.g. Heron-42"))
        self.person.setAccessibleName(self.tr("Person's alias"))
        self.matches.setAccessibleName(self.tr("Matching persons"))
        self.type_label.setText(self.tr("&Type:"))
        self.type.setAccessibleName(self.tr("Type of follow-up"))
        self.due_label.setText(self.tr("D&ue:"))
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setLocale(locale_for(lang))
        self.due.setDisplayFormat("ddd d. MMM yyyy" if enums.is_danish(lang) else "ddd d MMM yyyy")
        self.assigned_label.setText(self.tr("&Assigned to:"))
        self.assigned.setAccessibleName(self.tr("Assigned staff member"))
        self.add_button.setText(self.tr("Add follo&w-up"))
        self.add_button.setAccessibleName(self.tr("Add the follow-up"))
        self._fill_types()
        self._fill_matches()
        self._show_selected()

    def refresh(self) -> None:
        if self.context.session.services is None:
            return
        self._reload()
        self._fill_staff()
        today = self.context.now().date()
        self.due.setMinimumDate(QDate(today.year, today.month, today.day))
        if not self.person.text():
            tomorrow = today + timedelta(days=1)
            self.due.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))

    def draft(self) -> dict[str, Any] | None:
        draft = {"outcome": self.outcome.text(), "person": self.person.text()}
        return draft if any(draft.values()) else None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.outcome.setText(str(draft.get("outcome", "")))
        self.person.setText(str(draft.get("person", "")))
        if self.person.text():
            self.search_people()

    # -- lists --------------------------------------------------------------------------------

    def _reload(self, keep: str | None = None) -> None:
        store = self.services.store
        today = self.context.now().date()
        directory = FollowUpDirectory(store)
        parts = partition_followups(store.followups(status=FollowUpStatus.OPEN.value), today)
        for model, stack, part in zip(self.models, self._stacks, parts, strict=True):
            model.set_followups(part, directory, today)
            stack.setCurrentIndex(0 if part else 1)
        self._retitle_tabs()
        if keep is not None:
            self.select(keep)
        self._show_selected()

    def _retitle_tabs(self) -> None:
        titles = (
            self.tr("Overdue (%n)", None, self.models[self.TAB_OVERDUE].total()),
            self.tr("Today (%n)", None, self.models[self.TAB_TODAY].total()),
            self.tr("Upcoming (%n)", None, self.models[self.TAB_UPCOMING].total()),
        )
        for number, text in enumerate(titles):
            self.tabs.setTabText(number, text)

    def select(self, followup_id: str) -> bool:
        """Show and select one follow-up (e.g. chosen on the Tonight screen)."""
        for number, (model, view) in enumerate(zip(self.models, self.views, strict=True)):
            row = model.row_of(followup_id)
            if row >= 0:
                self.tabs.setCurrentIndex(number)
                view.selectRow(row)
                view.setCurrentIndex(model.index(row, 0))
                view.setFocus()
                self._show_selected()
                return True
        return False

    def selected(self) -> FollowUp | None:
        tab = self.tabs.currentIndex()
        view, model = self.views[tab], self.models[tab]
        rows = view.selectionModel().selectedRows()
        if not rows:
            return None
        return model.followup(rows[0].row())

    def _selected_row(self) -> FollowUpRow | None:
        tab = self.tabs.currentIndex()
        rows = self.views[tab].selectionModel().selectedRows()
        return self.models[tab].row_data(rows[0].row()) if rows else None

    def _selection_changed(self, *_: Any) -> None:
        self._clear_pending()
        self._show_selected()

    def _show_selected(self) -> None:
        row = self._selected_row()
        enabled = row is not None
        for button in (self.done_button, self.missed_button, self.cancelled_button):
            button.setEnabled(enabled)
        if row is None:
            self.selected_label.setText(self.tr("Select a follow-up in the list above."))
            self.selected_label.setProperty("role", "subtitle")
        else:
            lang = self.context.language
            self.selected_label.setText(
                " · ".join(
                    (
                        alias_label(row.alias, lang),
                        enums.label(FollowUpType(row.followup.type), lang),
                        self.tr("due %1").replace("%1", format_day(row.followup.due, lang)),
                    )
                )
            )
            self.selected_label.setProperty("role", None)
        self.selected_label.style().unpolish(self.selected_label)
        self.selected_label.style().polish(self.selected_label)

    # -- closing ------------------------------------------------------------------------------

    def close_selected(self, status: FollowUpStatus, *, confirm_pii: bool = False) -> bool:
        selected = self._selected_row()
        if selected is None:
            say(self.message, "error", self.tr("Select a follow-up in the list first."))
            return False
        followup = selected.followup
        text = self.outcome.text().strip() or None
        try:
            self.services.close_followup(
                followup.id, status, text, self.context.now(), confirm_pii=confirm_pii
            )
        except PiiWarning as exc:
            self._pending, self._pending_id = status, followup.id
            say(self.message, "warning", describe(exc))
            self.save_anyway.show()
            self.outcome.setFocus()
            return False
        except (ValueError, VaultError) as exc:
            say(self.message, "error", describe(exc))
            return False
        self._clear_pending()
        alias = alias_label(selected.alias, self.context.language)
        tab = self.tabs.currentIndex()
        row = self.views[tab].selectionModel().selectedRows()[0].row()
        self.outcome.clear()
        self._reload()
        say(
            self.message,
            "ok",
            self.tr("%1: %2.")
            .replace("%1", alias)
            .replace("%2", enums.label(status, self.context.language)),
        )
        model, view = self.models[tab], self.views[tab]
        if model.rowCount():
            view.selectRow(min(row, model.rowCount() - 1))
            self._show_selected()
        self.followup_closed.emit(followup.id)
        return True

    def _save_anyway(self) -> None:
        selected = self.selected()
        if self._pending is None or selected is None or selected.id != self._pending_id:
            self._clear_pending()
            return
        self.close_selected(self._pending, confirm_pii=True)

    def _outcome_edited(self, _text: str) -> None:
        if self._pending is not None:
            self._clear_pending()
            self.message.hide()

    def _clear_pending(self) -> None:
        self._pending = self._pending_id = None
        self.save_anyway.hide()

    # -- planning -----------------------------------------------------------------------------

    def _fill_types(self) -> None:
        current = self.type.currentData()
        self.type.clear()
        for member in FollowUpType:
            self.type.addItem(enums.label(member, self.context.language), member.value)
        index = self.type.findData(current) if current else 0
        self.type.setCurrentIndex(max(index, 0))

    def _fill_staff(self) -> None:
        current = self.assigned.currentData()
        if current is None:
            vault = self.context.session.vault
            current = vault.staff_id if vault is not None else None
        self.assigned.clear()
        self.assigned.addItem(self.tr("Nobody yet"), "")
        for member in self.services.store.list_staff():
            self.assigned.addItem(member.display_name, member.id)
        index = self.assigned.findData(current) if current else -1
        self.assigned.setCurrentIndex(index if index >= 0 else 0)

    def _person_edited(self, _text: str) -> None:
        self._search_timer.start()

    def search_people(self) -> None:
        self._search_timer.stop()
        text = self.person.text().strip()
        self._people = find_people(self.services.store, text) if text else []
        self._fill_matches()

    def prefill_person(self, profile_id: str) -> None:
        """Start a new follow-up for one person (e.g. from the profile screen)."""
        profile = self.services.store.profile_by_id(profile_id)
        if profile is None:
            return
        self._people = [profile]
        self.person.setText(alias_label(profile.alias, self.context.language))
        self._fill_matches()
        self.type.setFocus()

    def _fill_matches(self) -> None:
        lang = self.context.language
        self.matches.clear()
        for profile in self._people:
            text = alias_label(profile.alias, lang)
            if profile.last_seen is not None:
                text += " · " + self.tr("seen %1").replace(
                    "%1", format_day(profile.last_seen.date(), lang)
                )
            self.matches.addItem(text, profile.id)
        self.matches.setEnabled(bool(self._people))
        if not self._people:
            self.matches.setPlaceholderText(
                self.tr("No one with that alias") if self.person.text().strip() else ""
            )
            self.matches.setCurrentIndex(-1)

    def add_followup(self) -> FollowUp | None:
        if self._search_timer.isActive():
            self.search_people()
        profile_id = self.matches.currentData()
        if not profile_id:
            say(
                self.new_message,
                "error",
                self.tr("Type the person's alias and choose them from the list."),
            )
            self.person.setFocus()
            return None
        qdate = self.due.date()
        due = date(qdate.year(), qdate.month(), qdate.day())
        type_ = FollowUpType(self.type.currentData())
        staff = self.assigned.currentData() or None
        try:
            followup = self.services.add_followup(profile_id, type_, due, staff)
        except (ValueError, VaultError) as exc:
            say(self.new_message, "error", describe(exc))
            return None
        alias = alias_label(
            next((p.alias for p in self._people if p.id == profile_id), ""), self.context.language
        )
        self.person.clear()
        self._people = []
        self._fill_matches()
        self._reload(keep=followup.id)
        say(
            self.new_message,
            "ok",
            self.tr("Planned for %1, due %2.")
            .replace("%1", alias)
            .replace("%2", format_day(due, self.context.language)),
        )
        self.followup_added.emit(followup.id)
        return followup
