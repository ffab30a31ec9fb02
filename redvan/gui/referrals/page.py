"""The referral network (G7, "brobyggernetværk"): referrals and whether people got there,
the directory of partner organisations, and the completion rate per organisation.

The directory holds only how to reach an organisation (areas served, address, phone, web,
opening hours, how to refer) — never anything about a person. Its names are the referral
destination list, which coordinators also edit in Settings.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QTabWidget, QWidget

from redvan.core import enums
from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpStatus, FollowUpType, ReferralStatus
from redvan.core.model import FollowUp
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.messages import describe
from redvan.gui.referrals.completion import CompletionTab
from redvan.gui.referrals.models import ReferralDirectory, ReferralRow, ReferralsModel
from redvan.gui.referrals.partners import PartnersTab
from redvan.gui.widgets.dates import date_edit_format, format_day, locale_for
from redvan.gui.widgets.focus import tab_order
from redvan.gui.widgets.layouts import Item, Stretch, fill, hbox, vbox
from redvan.gui.widgets.roles import SUBTITLE, card, role_label, say, set_role
from redvan.gui.widgets.selection import first_monday, selected_row, show_reloaded
from redvan.gui.widgets.table import TableOrEmpty, select_key, table_view
from redvan.gui.widgets.texts import Text, Texts
from redvan.gui.workspace import Context, WorkspacePage

log = logging.getLogger(__name__)

# The statuses a referral can be moved to, in the order the buttons show them.
FLOW = (
    ReferralStatus.ATTENDED,
    ReferralStatus.ACCOMPANIED,
    ReferralStatus.DECLINED,
    ReferralStatus.NO_SHOW,
    ReferralStatus.UNAVAILABLE,
    ReferralStatus.REFERRED,
)
SHOW_OPEN, SHOW_ALL = "open", "all"


# -- the page -------------------------------------------------------------------------------


class ReferralsPage(WorkspacePage):
    """G7: referrals and their status, the partner directory, and the completion rate."""

    key = "referrals"

    referral_changed = Signal(str)
    followup_added = Signal(str)

    TAB_REFERRALS, TAB_PARTNERS, TAB_COMPLETION = range(3)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._destinations: list[VocabularyEntry] = []
        t = self.texts = Texts()
        self.heading, self.subheading = t.heading(
            self.title,
            lambda: self.tr(
                "The referral network: where people were referred, and whether they got there. "
                "Check on open referrals and plan a follow-up."
            ),
        )
        self.tabs = t.bind(QTabWidget(), accessibleName=lambda: self.tr("Referral network"))
        t.tab(self.tabs, self._build_referrals(), lambda: self.tr("Referra&ls"))
        self.partners = PartnersTab(context)
        self.partners.organisation_added.connect(lambda _slug: self._load_destinations())
        t.tab(self.tabs, self.partners, lambda: self.tr("&Partner organisations"))
        self.completion = CompletionTab(context)
        t.tab(self.tabs, self.completion, lambda: self.tr("Completion &rate"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        # the names the tests know
        p = self.partners
        self.partners_view, self.partners_model, self.partner_name = p.view, p.model, p.name
        self.areas, self.phone, self.hours = p.areas, p.phone, p.hours
        self.new_name_en, self.new_name_da = p.new_name_en, p.new_name_da
        self.save_partner_button, self.add_partner_button = p.save_button, p.add_button
        self.save_partner, self.add_partner = p.save, p.add
        self.from_week, self.to_week = self.completion.from_week, self.completion.to_week
        self.completion_model = self.completion.model
        vbox(self.heading, self.subheading, (self.tabs, 1), parent=self)
        tab_order(
            self.tabs,
            self.show_filter,
            self.destination_filter,
            self.period,
            self.view,
            *self.status_buttons.values(),
            self.check_due,
            self.check_button,
            *self.partners.tab_chain(),
            *self.completion.tab_chain(),
        )
        self.retranslate()

    # -- building -----------------------------------------------------------------------------

    def _build_referrals(self) -> QWidget:
        t = self.texts
        self.show_filter = t.items(
            QComboBox(),
            (lambda: self.tr("Open referrals"), SHOW_OPEN),
            (lambda: self.tr("Every referral"), SHOW_ALL),
            *((self._status_text(status), status.value) for status in ReferralStatus),
        )
        self.destination_filter = QComboBox()
        self.destination_filter.addItem("", None)  # named by _label_destination_filter
        self.period = t.items(
            QComboBox(),
            (lambda: self.tr("Last 4 weeks"), 4),
            (lambda: self.tr("Last 13 weeks"), 13),
            (lambda: self.tr("Last 52 weeks"), 52),
            (lambda: self.tr("Any time"), 0),  # every referral
        )
        self.period.setCurrentIndex(self.period.findData(0))
        filters = hbox(
            *self._filter(
                lambda: self.tr("&Show"),
                self.show_filter,
                lambda: self.tr("Which referrals to show"),
            ),
            *self._filter(
                lambda: self.tr("&To"),
                self.destination_filter,
                lambda: self.tr("Partner organisation"),
            ),
            *self._filter(lambda: self.tr("P&eriod"), self.period, lambda: self.tr("Period")),
            Stretch(1),
        )

        self.model = ReferralsModel(self.context.language, self)
        self.view = t.bind(table_view(self.model), accessibleName=lambda: self.tr("Referrals"))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.list_stack = TableOrEmpty(self.view)
        self.empty = t.bind(self.list_stack.empty, text=lambda: self.tr("No referrals to show."))
        self.empty.setWordWrap(False)

        self.selected_label = role_label()
        self.status_label = t.label(lambda: self.tr("Set status:"), role=SUBTITLE)
        self.status_buttons = {
            status: t.button(
                self._status_text(status),
                clicked=lambda _c=False, s=status: self.set_status(s),
                accessible=lambda s=status: self.tr("Mark as %1").replace(
                    "%1", enums.label(s, self.context.language)
                ),
            )
            for status in FLOW
        }
        self.check_due = t.bind(
            QDateEdit(), accessibleName=lambda: self.tr("Date to check on the referral")
        )
        self.check_due.setCalendarPopup(True)
        self.check_button = t.button(
            lambda: self.tr("Plan a &check"),
            clicked=self.plan_check,
            accessible=lambda: self.tr("Plan a follow-up to check on the referral"),
        )
        self.check_info = role_label(SUBTITLE)
        self.message = role_label(hidden=True)
        # The card keeps its height when a message shows, so the list above does not shrink
        # under the selected row (issue 15, item 7: "Plan a check" hid it).
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        frame, column = card()
        fill(
            column,
            (
                self.selected_label,
                hbox(self.status_label, *self.status_buttons.values(), Stretch(1)),
                hbox(
                    t.label(lambda: self.tr("Check &by"), buddy=self.check_due),
                    self.check_due,
                    self.check_button,
                    (self.check_info, 1),
                ),
                self.message,
            ),
        )

        page = QWidget()
        vbox(filters, (self.list_stack, 1), frame, parent=page)
        return page

    def _filter(self, text: Text, combo: QComboBox, accessible: Text) -> tuple[Item, ...]:
        """A filter over the list, as a row holds it: its label, the combo (the list reloads
        when it changes), and the space after it."""
        self.texts.bind(combo, accessibleName=accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i: self.reload_referrals())
        return self.texts.label(text, buddy=combo), combo, 10

    def _status_text(self, status: ReferralStatus) -> Text:
        """A status's name, in whichever language the screen shows."""
        return lambda: enums.label(status, self.context.language)

    # -- WorkspacePage --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Referrals")

    def retranslate(self) -> None:
        lang = self.context.language
        self.texts.retranslate()
        self._label_destination_filter()
        self.model.set_language(lang)
        self.check_due.setLocale(locale_for(lang))
        self.check_due.setDisplayFormat(date_edit_format(lang))
        self._show_selected()
        self.partners.retranslate()
        self.completion.retranslate()

    def refresh(self) -> None:
        if self.context.session.services is None:
            return
        today = self.context.now().date()
        self.completion.fill_weeks()
        self.check_due.setMinimumDate(QDate(today.year, today.month, today.day))
        in_a_week = today + timedelta(days=7)
        self.check_due.setDate(QDate(in_a_week.year, in_a_week.month, in_a_week.day))
        self._load_destinations()
        self.reload_referrals()
        self.partners.reload()
        self.completion.reload()

    def draft(self) -> dict[str, Any] | None:
        return self.partners.draft()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        if self.partners.restore_draft(draft):
            self.tabs.setCurrentIndex(self.TAB_PARTNERS)

    def _tab_shown(self) -> None:
        if self.context.session.services is None:
            return
        if self.tabs.currentIndex() == self.TAB_COMPLETION:
            self.completion.reload()

    # -- destinations ---------------------------------------------------------------------------

    def _load_destinations(self) -> None:
        self._destinations = self.services.store.vocabulary(VocabularyKind.DESTINATION)
        current = self.destination_filter.currentData()
        self.destination_filter.blockSignals(True)
        self.destination_filter.clear()
        self.destination_filter.addItem("", None)
        for entry in sorted(self._destinations, key=lambda e: (e.retired, e.sort, e.slug)):
            self.destination_filter.addItem("", entry.slug)
        index = self.destination_filter.findData(current)
        self.destination_filter.setCurrentIndex(max(index, 0))
        self.destination_filter.blockSignals(False)
        self._label_destination_filter()

    def _label_destination_filter(self) -> None:
        lang = self.context.language
        names = {e.slug: e for e in self._destinations}
        for index in range(self.destination_filter.count()):
            entry = names.get(self.destination_filter.itemData(index))
            self.destination_filter.setItemText(
                index, entry.label(lang) if entry else self.tr("Every partner organisation")
            )

    # -- referrals ------------------------------------------------------------------------------

    def reload_referrals(self, keep: str | None = None) -> None:
        if self.context.session.services is None:
            return
        store = self.services.store
        today = self.context.now().date()
        shown = self.show_filter.currentData()
        statuses: tuple[str, ...] | None = None
        if shown == SHOW_OPEN:
            statuses = (ReferralStatus.REFERRED.value,)
        elif shown != SHOW_ALL:
            statuses = (str(shown),)
        monday = first_monday(today, self.period.currentData())
        since = None if monday is None else datetime.combine(monday, datetime.min.time())
        referrals = store.find_referrals(
            statuses=statuses, destination=self.destination_filter.currentData(), created_from=since
        )
        # Newest first, as every list (issue 15, item 7); a referral long open is marked in
        # its status column instead of being sorted to the top.
        self.model.set_referrals(referrals, ReferralDirectory(store), today)
        show_reloaded(self.list_stack, bool(referrals), keep)
        self._show_selected()

    def select(self, referral_id: str) -> bool:
        # (A reload resets the list to its top: select_key brings the row back into view.)
        return select_key(self.view, referral_id)

    def _selected_row(self) -> ReferralRow | None:
        row = selected_row(self.view)
        return None if row is None else self.model.row_data(row)

    def _show_selected(self) -> None:
        row = self._selected_row()
        lang = self.context.language
        for status, button in self.status_buttons.items():
            button.setEnabled(row is not None and row.referral.status != status.value)
        if row is None:
            self.selected_label.setText(self.tr("Select a referral in the list above."))
            set_role(self.selected_label, "subtitle")
            self.check_button.setEnabled(False)
            self.check_due.setEnabled(False)
            self.check_info.setText("")
            return
        referral = row.referral
        person = alias_label(row.alias, lang) if row.alias else self.tr("Contact without code")
        where = row.destination.label(lang) if row.destination else referral.destination
        self.selected_label.setText(
            " · ".join(
                (
                    person,
                    where,
                    enums.label(ReferralStatus(referral.status), lang),
                    self.tr("referred %1").replace(
                        "%1", format_day(referral.created_at.date(), lang)
                    ),
                )
            )
        )
        set_role(self.selected_label, None)
        can_plan = referral.profile_id is not None and row.followup is None
        self.check_button.setEnabled(can_plan)
        self.check_due.setEnabled(can_plan)
        if referral.profile_id is None:
            self.check_info.setText(
                self.tr("A contact without code has no person to follow up with.")
            )
        elif row.followup is not None:
            followup = row.followup
            self.check_info.setText(
                self.tr("A follow-up is planned: %1, due %2")
                .replace("%1", enums.label(FollowUpStatus(followup.status), lang))
                .replace("%2", format_day(followup.due, lang))
            )
        else:
            self.check_info.setText("")

    def set_status(self, status: ReferralStatus) -> bool:
        row = self._selected_row()
        if row is None:
            say(self.message, "error", self.tr("Select a referral in the list first."))
            return False
        try:
            self.services.set_referral_status(row.referral.id, status, self.context.now())
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.message, "error", describe(exc))
            return False
        log.info("referral status changed")
        lang = self.context.language
        where = row.destination.label(lang) if row.destination else row.referral.destination
        number = self.view.selectionModel().selectedRows()[0].row()
        self.reload_referrals(keep=row.referral.id)
        if self._selected_row() is None and self.model.rowCount():
            self.view.selectRow(min(number, self.model.rowCount() - 1))
        say(
            self.message,
            "ok",
            self.tr("%1: %2.").replace("%1", where).replace("%2", enums.label(status, lang)),
        )
        self.referral_changed.emit(row.referral.id)
        return True

    def plan_check(self) -> FollowUp | None:
        """A referral-check follow-up for the selected referral, linked to it."""
        row = self._selected_row()
        if row is None or row.referral.profile_id is None:
            say(self.message, "error", self.tr("Select a referral of a person with a code."))
            return None
        qdate = self.check_due.date()
        due = date(qdate.year(), qdate.month(), qdate.day())
        vault = self.context.session.vault
        me = vault.staff_id if vault is not None else None
        try:
            followup = self.services.add_followup(
                row.referral.profile_id,
                FollowUpType.REFERRAL_CHECK,
                due,
                me,
                referral_id=row.referral.id,
            )
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.message, "error", describe(exc))
            return None
        self.reload_referrals(keep=row.referral.id)
        say(
            self.message,
            "ok",
            self.tr("A referral check is planned for %1").replace(
                "%1", format_day(due, self.context.language)
            ),
        )
        self.followup_added.emit(followup.id)
        return followup
