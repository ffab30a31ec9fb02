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

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums
from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpStatus, FollowUpType, ReferralStatus, Role
from redvan.core.model import FollowUp
from redvan.core.referrals import (
    PartnerOrganisation,
)
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind, is_valid_slug
from redvan.core.weeks import IsoWeek
from redvan.gui.messages import describe
from redvan.gui.referrals.completion import CompletionTab
from redvan.gui.referrals.models import (
    PartnerRow,
    PartnersModel,
    ReferralDirectory,
    ReferralRow,
    ReferralsModel,
    slug_for,
)
from redvan.gui.widgets.dates import date_edit_format, format_day, locale_for
from redvan.gui.widgets.roles import say, set_role
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.text import scale_font
from redvan.gui.workspace import Context, WorkspacePage

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

PERIODS = (4, 13, 52, 0)  # weeks back from this week; 0: every referral
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
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.subheading = QLabel()
        self.subheading.setProperty("role", "subtitle")
        self.subheading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_referrals(), "")
        self.tabs.addTab(self._build_partners(), "")
        self.completion = CompletionTab(context)
        self.tabs.addTab(self.completion, "")
        # the names the tests and the tab order know
        self.from_week, self.to_week = self.completion.from_week, self.completion.to_week
        self.completion_model = self.completion.model
        self.completion_view = self.completion.view
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)
        chain: list[QWidget] = [
            self.tabs,
            self.show_filter,
            self.destination_filter,
            self.period,
            self.view,
            *self.status_buttons.values(),
            self.check_due,
            self.check_button,
            self.partners_view,
            self.areas,
            self.address,
            self.phone,
            self.online,
            self.hours,
            self.notes,
            self.save_partner_button,
            self.new_name_en,
            self.new_name_da,
            self.add_partner_button,
            self.from_week,
            self.to_week,
            self.completion_view,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    # -- building -----------------------------------------------------------------------------

    def _build_referrals(self) -> QWidget:
        self.show_label, self.show_filter = QLabel(), QComboBox()
        self.destination_label, self.destination_filter = QLabel(), QComboBox()
        self.period_label, self.period = QLabel(), QComboBox()
        self.show_filter.addItem("", SHOW_OPEN)
        self.show_filter.addItem("", SHOW_ALL)
        for status in ReferralStatus:
            self.show_filter.addItem("", status.value)
        self.destination_filter.addItem("", None)
        for weeks in PERIODS:
            self.period.addItem("", weeks)
        self.period.setCurrentIndex(PERIODS.index(0))
        filters = QHBoxLayout()
        for label, combo in (
            (self.show_label, self.show_filter),
            (self.destination_label, self.destination_filter),
            (self.period_label, self.period),
        ):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.reload_referrals())
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(10)
        filters.addStretch(1)

        self.model = ReferralsModel(self.context.language, self)
        self.view = table_view(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.empty = QLabel()
        self.empty.setProperty("role", "subtitle")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)

        card = QFrame()
        card.setProperty("role", "card")
        self.selected_label = QLabel()
        self.selected_label.setWordWrap(True)
        self.selected_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel()
        self.status_label.setProperty("role", "subtitle")
        self.status_buttons: dict[ReferralStatus, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        for status in FLOW:
            button = QPushButton()
            button.clicked.connect(lambda _c=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.check_label, self.check_due = QLabel(), QDateEdit()
        self.check_due.setCalendarPopup(True)
        self.check_label.setBuddy(self.check_due)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.plan_check)
        self.check_info = QLabel()
        self.check_info.setProperty("role", "subtitle")
        self.check_info.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_label)
        check_row.addWidget(self.check_due)
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.check_info, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        # The card keeps its height when a message shows, so the list above does not shrink
        # under the selected row (issue 15, item 7: "Plan a check" hid it).
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.selected_label)
        card_layout.addLayout(buttons)
        card_layout.addLayout(check_row)
        card_layout.addWidget(self.message)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.list_stack, 1)
        layout.addWidget(card)
        return page

    def _build_partners(self) -> QWidget:
        self.partners_model = PartnersModel(self.context.language, self)
        self.partners_view = table_view(self.partners_model)
        self.partners_view.selectionModel().selectionChanged.connect(
            lambda *_: self._show_partner()
        )
        self.new_title = QLabel()
        self.new_title.setProperty("role", "subtitle")
        self.new_name_en, self.new_name_da = QLineEdit(), QLineEdit()
        for line in (self.new_name_en, self.new_name_da):
            line.setMaxLength(80)
            line.returnPressed.connect(self.add_partner)
        self.add_partner_button = QPushButton()
        self.add_partner_button.clicked.connect(self.add_partner)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_title)
        new_row.addWidget(self.new_name_en, 1)
        new_row.addWidget(self.new_name_da, 1)
        new_row.addWidget(self.add_partner_button)
        left = QVBoxLayout()
        left.addWidget(self.partners_view, 1)
        left.addLayout(new_row)

        card = QFrame()
        card.setProperty("role", "card")
        self.partner_name = QLabel()
        self.partner_name.setTextFormat(Qt.TextFormat.PlainText)
        self.partner_name.setWordWrap(True)
        scale_font(self.partner_name, 1.2)
        self.partner_hint = QLabel()
        self.partner_hint.setProperty("role", "subtitle")
        self.partner_hint.setWordWrap(True)
        self.areas, self.address, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.online, self.hours = QLineEdit(), QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.partner_labels = [QLabel() for _ in range(6)]
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field_ in zip(
            self.partner_labels,
            (self.areas, self.address, self.phone, self.online, self.hours, self.notes),
            strict=True,
        ):
            if isinstance(field_, QLineEdit):
                field_.setMaxLength(400)
            label.setBuddy(field_)
            form.addRow(label, field_)
        self.partner_message = QLabel()
        self.partner_message.setWordWrap(True)
        self.partner_message.setTextFormat(Qt.TextFormat.PlainText)
        self.partner_message.hide()
        self.save_partner_button = QPushButton()
        self.save_partner_button.setProperty("role", "primary")
        self.save_partner_button.clicked.connect(self.save_partner)
        save_row = QHBoxLayout()
        save_row.addWidget(self.partner_message, 10)
        save_row.addStretch(1)
        save_row.addWidget(self.save_partner_button)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.partner_name)
        card_layout.addWidget(self.partner_hint)
        card_layout.addLayout(form)
        card_layout.addStretch(1)
        card_layout.addLayout(save_row)

        page = QWidget()
        layout = QHBoxLayout(page)
        layout.addLayout(left, 3)
        layout.addWidget(card, 2)
        return page

    # -- WorkspacePage --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Referrals")

    def retranslate(self) -> None:
        lang = self.context.language
        self.heading.setText(self.tr("Referrals"))
        self.subheading.setText(
            self.tr(
                "The referral network: where people were referred, and whether they got there. "
                "Check on open referrals and plan a follow-up."
            )
        )
        self.tabs.setTabText(self.TAB_REFERRALS, self.tr("Referra&ls"))
        self.tabs.setTabText(self.TAB_PARTNERS, self.tr("&Partner organisations"))
        self.tabs.setTabText(self.TAB_COMPLETION, self.tr("Completion &rate"))
        self.tabs.setAccessibleName(self.tr("Referral network"))

        self.show_label.setText(self.tr("&Show"))
        self.show_filter.setAccessibleName(self.tr("Which referrals to show"))
        self.show_filter.setItemText(0, self.tr("Open referrals"))
        self.show_filter.setItemText(1, self.tr("Every referral"))
        for index, status in enumerate(ReferralStatus, start=2):
            self.show_filter.setItemText(index, enums.label(status, lang))
        self.destination_label.setText(self.tr("&To"))
        self.destination_filter.setAccessibleName(self.tr("Partner organisation"))
        self._label_destination_filter()
        self.period_label.setText(self.tr("P&eriod"))
        self.period.setAccessibleName(self.tr("Period"))
        for index, text in enumerate(
            (
                self.tr("Last 4 weeks"),
                self.tr("Last 13 weeks"),
                self.tr("Last 52 weeks"),
                self.tr("Any time"),
            )
        ):
            self.period.setItemText(index, text)
        self.model.set_language(lang)
        self.view.setAccessibleName(self.tr("Referrals"))
        self.empty.setText(self.tr("No referrals to show."))
        self.status_label.setText(self.tr("Set status:"))
        for status, button in self.status_buttons.items():
            label = enums.label(status, lang)
            button.setText(label)
            button.setAccessibleName(self.tr("Mark as %1").replace("%1", label))
        self.check_label.setText(self.tr("Check &by"))
        self.check_due.setAccessibleName(self.tr("Date to check on the referral"))
        self.check_due.setLocale(locale_for(lang))
        self.check_due.setDisplayFormat(date_edit_format(lang))
        self.check_button.setText(self.tr("Plan a &check"))
        self.check_button.setAccessibleName(self.tr("Plan a follow-up to check on the referral"))
        self._show_selected()

        self.partners_model.set_language(lang)
        self.partners_view.setAccessibleName(self.tr("Partner organisations"))
        for label, text in zip(
            self.partner_labels,
            (
                self.tr("&Areas served"),
                self.tr("A&ddress"),
                self.tr("Pho&ne"),
                self.tr("&Web or e-mail"),
                self.tr("&Opening hours"),
                self.tr("How &to refer"),
            ),
            strict=True,
        ):
            label.setText(text)
        for field_, name in (
            (self.areas, self.tr("Areas served")),
            (self.address, self.tr("The organisation's address")),
            (self.phone, self.tr("The organisation's phone")),
            (self.online, self.tr("The organisation's web site or e-mail")),
            (self.hours, self.tr("Opening hours")),
            (self.notes, self.tr("How to refer")),
        ):
            field_.setAccessibleName(name)
        self.areas.setPlaceholderText(self.tr("e.g. Vesterbro; women over 18"))
        self.hours.setPlaceholderText(self.tr("e.g. Mon–Fri 10–22"))
        self.notes.setPlaceholderText(self.tr("Walk-in or booking, languages spoken"))
        self.save_partner_button.setText(self.tr("Save deta&ils"))
        self.save_partner_button.setAccessibleName(self.tr("Save the organisation's details"))
        self.new_title.setText(self.tr("New:"))
        self.new_name_en.setPlaceholderText(self.tr("Name in English"))
        self.new_name_en.setAccessibleName(self.tr("New organisation's name in English"))
        self.new_name_da.setPlaceholderText(self.tr("Name in Danish"))
        self.new_name_da.setAccessibleName(self.tr("New organisation's name in Danish"))
        self.add_partner_button.setText(self.tr("Add organi&sation"))
        self.add_partner_button.setAccessibleName(self.tr("Add the partner organisation"))
        self._show_partner()

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
        self.reload_partners()
        self.completion.reload()

    def draft(self) -> dict[str, Any] | None:
        fields_ = {
            "slug": self._partner_slug(),
            "areas": self.areas.text(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "online": self.online.text(),
            "hours": self.hours.text(),
            "notes": self.notes.toPlainText(),
        }
        row = self._partner_row()
        if row is None or self._partner_values() == row.details:
            return None
        return fields_

    def restore_draft(self, draft: dict[str, Any]) -> None:
        slug = str(draft.get("slug") or "")
        row = self.partners_model.row_of(slug)
        if row < 0:
            return
        self.tabs.setCurrentIndex(self.TAB_PARTNERS)
        self.partners_view.selectRow(row)
        self.areas.setText(str(draft.get("areas", "")))
        self.address.setText(str(draft.get("address", "")))
        self.phone.setText(str(draft.get("phone", "")))
        self.online.setText(str(draft.get("online", "")))
        self.hours.setText(str(draft.get("hours", "")))
        self.notes.setPlainText(str(draft.get("notes", "")))

    def _tab_shown(self) -> None:
        if self.context.session.services is None:
            return
        if self.tabs.currentIndex() == self.TAB_COMPLETION:
            self.completion.reload()

    def _can_edit(self) -> bool:
        me = self.context.session.me()
        return me is not None and me.active and me.role == Role.COORDINATOR.value

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
        weeks = self.period.currentData()
        since = None
        if weeks:
            monday = (IsoWeek.of(today) - (int(weeks) - 1)).monday()
            since = datetime.combine(monday, datetime.min.time())
        referrals = store.find_referrals(
            statuses=statuses, destination=self.destination_filter.currentData(), created_from=since
        )
        # Newest first, as every list (issue 15, item 7); a referral long open is marked in
        # its status column instead of being sorted to the top.
        self.model.set_referrals(referrals, ReferralDirectory(store), today)
        self.list_stack.setCurrentIndex(0 if referrals else 1)
        if keep is not None:
            self.select(keep)
        self._show_selected()

    def select(self, referral_id: str) -> bool:
        row = self.model.row_of(referral_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))
        # A reload resets the list to its top: bring the row back into view.
        self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _selected_row(self) -> ReferralRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_data(rows[0].row()) if rows else None

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

    # -- partner organisations ------------------------------------------------------------------

    def reload_partners(self, keep: str | None = None) -> None:
        store = self.services.store
        keep = keep or self._partner_slug()
        self.partners_model.set_partners(
            store.vocabulary(VocabularyKind.DESTINATION), store.partner_organisations()
        )
        row = self.partners_model.row_of(keep) if keep else -1
        if row < 0 and self.partners_model.rowCount():
            row = 0
        if row >= 0:
            self.partners_view.selectRow(row)
        self._show_partner()

    def _partner_row(self) -> PartnerRow | None:
        rows = self.partners_view.selectionModel().selectedRows()
        return self.partners_model.row_data(rows[0].row()) if rows else None

    def _partner_slug(self) -> str | None:
        row = self._partner_row()
        return row.entry.slug if row else None

    def _partner_values(self) -> PartnerOrganisation:
        return PartnerOrganisation(
            self._partner_slug() or "",
            self.areas.text().strip(),
            self.address.text().strip(),
            self.phone.text().strip(),
            self.online.text().strip(),
            self.hours.text().strip(),
            self.notes.toPlainText().strip(),
        )

    def _show_partner(self) -> None:
        row = self._partner_row()
        editable = self._can_edit() and row is not None
        for field_ in (self.areas, self.address, self.phone, self.online, self.hours):
            field_.setReadOnly(not editable)
        self.notes.setReadOnly(not editable)
        self.save_partner_button.setVisible(self._can_edit())
        self.save_partner_button.setEnabled(editable)
        for widget in (self.new_title, self.new_name_en, self.new_name_da):
            widget.setVisible(self._can_edit())
        self.add_partner_button.setVisible(self._can_edit())
        if self._can_edit():
            hint = self.tr(
                "How to reach the organisation — never anything about a person. Rename or "
                "retire organisations in Settings → Lists."
            )
        else:
            hint = self.tr("How to reach the organisation. A coordinator keeps these details.")
        self.partner_hint.setText(hint)
        if row is None:
            self.partner_name.setText("")
            details = PartnerOrganisation("")
        else:
            self.partner_name.setText(row.entry.label(self.context.language))
            details = row.details
        self.areas.setText(details.areas)
        self.address.setText(details.address)
        self.phone.setText(details.phone)
        self.online.setText(details.online)
        self.hours.setText(details.hours)
        self.notes.setPlainText(details.notes)

    def save_partner(self) -> PartnerOrganisation | None:
        if not self._can_edit() or self._partner_row() is None:
            return None
        try:
            saved = self.services.save_partner_organisation(self._partner_values())
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.partner_message, "error", describe(exc))
            return None
        self.reload_partners(keep=saved.slug)
        say(self.partner_message, "ok", self.tr("Details saved."))
        return saved

    def add_partner(self) -> VocabularyEntry | None:
        """A new partner organisation: a new entry of the referral destination list."""
        if not self._can_edit():
            return None
        english, danish = self.new_name_en.text().strip(), self.new_name_da.text().strip()
        if not english or not danish:
            say(
                self.partner_message,
                "error",
                self.tr("Give the organisation's name in English and in Danish."),
            )
            (self.new_name_da if english else self.new_name_en).setFocus()
            return None
        existing = self.services.store.vocabulary(VocabularyKind.DESTINATION)
        slug = slug_for(english, {e.slug for e in existing})
        if not is_valid_slug(slug):
            slug = slug_for("partner", {e.slug for e in existing})
        entry = VocabularyEntry(
            VocabularyKind.DESTINATION,
            slug,
            english,
            danish,
            sort=max((e.sort for e in existing), default=0) + 10,
        )
        try:
            self.services.save_vocabulary_entry(entry)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.partner_message, "error", describe(exc))
            return None
        self.new_name_en.clear()
        self.new_name_da.clear()
        self._load_destinations()
        self.reload_partners(keep=slug)
        say(
            self.partner_message,
            "ok",
            self.tr("%1 added. Now add how to reach it.").replace(
                "%1", entry.label(self.context.language)
            ),
        )
        self.areas.setFocus()
        return entry
