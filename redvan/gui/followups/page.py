"""The follow-ups screen (G5): overdue, today and upcoming; close with an outcome; plan one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QTabWidget, QWidget

from redvan.core import enums, limits
from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpStatus, FollowUpType
from redvan.core.model import FollowUp, Profile
from redvan.core.services import PiiWarning
from redvan.gui.messages import describe
from redvan.gui.widgets.dates import date_edit, format_day, from_qdate, set_date_language, to_qdate
from redvan.gui.widgets.focus import tab_order
from redvan.gui.widgets.followup_list import (
    FollowUpDirectory,
    FollowUpRow,
    FollowUpsModel,
    followup_table,
    partition_followups,
)
from redvan.gui.widgets.layouts import STRETCH, fill, form, hbox, vbox
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.people import find_people
from redvan.gui.widgets.roles import card, say, set_role
from redvan.gui.widgets.selection import selected_row
from redvan.gui.widgets.table import TableOrEmpty, select_key
from redvan.gui.widgets.texts import Texts
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

        t = self.texts = Texts()
        self.heading, self.subheading = t.heading(
            self.title,
            lambda: self.tr(
                "What the team promised to do: open follow-ups by due date. Select one to close it."
            ),
            wrap=False,
        )

        self.models = [FollowUpsModel(context.language, self) for _ in range(3)]
        self.views = [followup_table(m) for m in self.models]
        self._stacks = [TableOrEmpty(view) for view in self.views]
        self.empty_labels = [stack.empty for stack in self._stacks]
        self.tabs = t.bind(QTabWidget(), accessibleName=lambda: self.tr("Follow-ups by due date"))
        for view, stack, name, empty in zip(
            self.views,
            self._stacks,
            (
                lambda: self.tr("Overdue follow-ups"),
                lambda: self.tr("Follow-ups due today"),
                lambda: self.tr("Upcoming follow-ups"),
            ),
            (
                lambda: self.tr("Nothing overdue."),
                lambda: self.tr("Nothing due today."),
                lambda: self.tr("Nothing planned."),
            ),
            strict=True,
        ):
            self.tabs.addTab(stack, "")
            t.bind(view, accessibleName=name)
            t.bind(stack.empty, text=empty)
            view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tabs.currentChanged.connect(self._selection_changed)

        # closing the selected follow-up
        self.selected_label = t.label(wrap=True)
        self.outcome = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Optional — what happened, no names or numbers"),
            accessibleName=lambda: self.tr("Outcome (optional)"),
        )
        self.outcome.textEdited.connect(self._outcome_edited)
        # The mnemonics follow the language (Alt+D/M/C in English, Alt+D/M/A in Danish).
        self.done_button = t.button(
            lambda: self.tr("&Done"),
            accessible=lambda: self.tr("Mark done"),
            clicked=lambda: self.close_selected(FollowUpStatus.DONE),
        )
        self.missed_button = t.button(
            lambda: self.tr("&Missed"),
            accessible=lambda: self.tr("Mark missed"),
            clicked=lambda: self.close_selected(FollowUpStatus.MISSED),
        )
        self.cancelled_button = t.button(
            lambda: self.tr("&Cancelled"),
            accessible=lambda: self.tr("Mark cancelled"),
            clicked=lambda: self.close_selected(FollowUpStatus.CANCELLED),
        )
        self.message = t.label(wrap=True, hidden=True)
        self.save_anyway = t.button(
            lambda: self.tr("Save an&yway"),
            accessible=lambda: self.tr("Save the outcome anyway"),
            clicked=self._save_anyway,
        )
        self.save_anyway.hide()
        close_card, close_layout = card()
        fill(
            close_layout,
            (
                t.label(lambda: self.tr("Close the selected follow-up"), role="subtitle"),
                self.selected_label,
                hbox(
                    t.label(lambda: self.tr("&Outcome:"), buddy=self.outcome),
                    (self.outcome, 1),
                    attach_counter(self.outcome, limits.FREE_TEXT),
                ),
                hbox(self.done_button, self.missed_button, self.cancelled_button, STRETCH),
                hbox((self.message, 1), self.save_anyway),
                STRETCH,
            ),
        )

        # planning a new follow-up
        self.person = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Alias, e.g. Heron-42"),
            accessibleName=lambda: self.tr("Person's alias"),
        )
        self.person.textEdited.connect(self._person_edited)
        self.person.returnPressed.connect(self.search_people)
        self.matches = t.bind(QComboBox(), accessibleName=lambda: self.tr("Matching persons"))
        self.matches.setEnabled(False)
        self.matches.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.type = t.bind(QComboBox(), accessibleName=lambda: self.tr("Type of follow-up"))
        self.due = t.bind(date_edit(), accessibleName=lambda: self.tr("Due date"))
        self.assigned = t.bind(QComboBox(), accessibleName=lambda: self.tr("Assigned staff member"))
        self.add_button = t.button(
            lambda: self.tr("Add follo&w-up"),
            role="primary",
            accessible=lambda: self.tr("Add the follow-up"),
            clicked=self.add_followup,
        )
        self.new_message = t.label(wrap=True, hidden=True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_people)

        new_card, new_layout = card()
        fields = form(
            (
                t.label(lambda: self.tr("&Person:"), buddy=self.person),
                hbox((self.person, 1), (self.matches, 1)),
            ),
            (t.label(lambda: self.tr("&Type:"), buddy=self.type), self.type),
            (
                t.label(lambda: self.tr("D&ue:"), buddy=self.due),
                hbox(
                    self.due,
                    12,
                    t.label(lambda: self.tr("&Assigned to:"), buddy=self.assigned),
                    (self.assigned, 1),
                ),
            ),
        )
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fill(
            new_layout,
            (
                t.label(lambda: self.tr("New follow-up"), role="subtitle"),
                fields,
                hbox((self.new_message, 1), STRETCH, self.add_button),
                STRETCH,
            ),
        )

        vbox(
            self.heading,
            self.subheading,
            (self.tabs, 1),
            hbox((close_card, 1), (new_card, 1)),
            parent=self,
        )
        tab_order(
            self.tabs,
            self.outcome,
            self.done_button,
            self.missed_button,
            self.cancelled_button,
            self.save_anyway,
            self.person,
            self.matches,
            self.type,
            self.due,
            self.assigned,
            self.add_button,
        )
        self.retranslate()

    # -- WorkspacePage ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Follow-ups")

    def retranslate(self) -> None:
        lang = self.context.language
        self.texts.retranslate()
        for model in self.models:
            model.set_language(lang)
        self._retitle_tabs()
        set_date_language(self.due, lang)
        self._fill_types()
        self._fill_matches()
        self._show_selected()

    def refresh(self) -> None:
        if self.context.session.services is None:
            return
        self._reload()
        self._fill_staff()
        today = self.context.now().date()
        self.due.setMinimumDate(to_qdate(today))
        if not self.person.text():
            self.due.setDate(to_qdate(today + timedelta(days=1)))

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
        for number, view in enumerate(self.views):
            if select_key(view, followup_id):
                self.tabs.setCurrentIndex(number)
                view.setFocus()
                self._show_selected()
                return True
        return False

    def selected(self) -> FollowUp | None:
        tab = self.tabs.currentIndex()
        row = selected_row(self.views[tab])
        return None if row is None else self.models[tab].followup(row)

    def _selected_row(self) -> FollowUpRow | None:
        tab = self.tabs.currentIndex()
        row = selected_row(self.views[tab])
        return None if row is None else self.models[tab].row_data(row)

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
            set_role(self.selected_label, "subtitle")
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
            set_role(self.selected_label, None)

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
        due = from_qdate(self.due.date())
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
