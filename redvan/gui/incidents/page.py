"""Incidents (G6, "frit lejde"): record with a consent tier, list and filter, and export.

An incident is recorded with what the person agreed may be done with it (the consent tier).
Only the alert sheet (tier "warn other workers") and the anonymous police report (tier "share
anonymously with police via the organisation") ever take anything out of the vault, and only
after a coordinator has read and confirmed each description exactly as it will be printed.
A link to the person's profile is optional and never leaves the vault.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums, limits
from redvan.core.codes import alias_label
from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.incidents import IncidentExport, IncidentSheet
from redvan.core.model import Incident, Profile
from redvan.core.services import PiiWarning
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.gui import background
from redvan.gui.incidents.models import IncidentsModel, type_order
from redvan.gui.incidents.review import ReviewCard
from redvan.gui.messages import describe
from redvan.gui.saved_files import SavedFileNotice, SaveFolder
from redvan.gui.widgets.dates import format_day, locale_for
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.people import find_people
from redvan.gui.widgets.roles import say as _say
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.weeks import WeekCombo
from redvan.gui.workspace import Context, WorkspacePage
from redvan.reports.alerts import write_alert_sheet
from redvan.reports.police import write_police_report

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
# The list's period filter: weeks back from this week (0: every incident).
PERIODS = (4, 13, 52, 0)
DRAFT_VERSION = 1

WRITERS: dict[IncidentExport, Callable[[Path, IncidentSheet, str], None]] = {
    IncidentExport.ALERTS: write_alert_sheet,
    IncidentExport.POLICE: write_police_report,
}


# -- the page -------------------------------------------------------------------------------


class IncidentsPage(WorkspacePage):
    """G6: the list of incidents, the form to record or edit one, and the reviewed exports."""

    key = "incidents"

    incident_saved = Signal(str)
    exported = Signal(str)  # the IncidentExport value

    TAB_LIST, TAB_FORM, TAB_EXPORT = range(3)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._editing: Incident | None = None
        self._people: list[Profile] = []
        self._zones: list[VocabularyEntry] = []
        self._support: list[VocabularyEntry] = []
        self._cards: list[ReviewCard] = []
        self._review: tuple[IncidentExport, IsoWeek, IsoWeek] | None = None
        self._busy = False
        self._weeks_chosen = False
        # Asks where to save a PDF; tests replace it (a file dialog cannot be driven offscreen).
        # None asks with the save dialog. (A bound method of this page kept here would make a
        # reference cycle, which the garbage collector may free on a worker thread.)
        self.choose_file: Callable[[str], str | None] | None = None
        self.save_folder = SaveFolder(context.app_settings)

        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.subheading = QLabel()
        self.subheading.setProperty("role", "subtitle")
        self.subheading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_list(), "")
        self.tabs.addTab(self._build_form(), "")
        self.tabs.addTab(self._build_export(), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.tabs, 1)

        save = QShortcut(self)
        save.setKeys([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._save_shortcut)
        self._fix_tab_order()
        self.retranslate()

    # -- building -----------------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        page = QWidget()
        self.period_label, self.period = QLabel(), QComboBox()
        self.type_filter_label, self.type_filter = QLabel(), QComboBox()
        self.tier_filter_label, self.tier_filter = QLabel(), QComboBox()
        for number in PERIODS:
            self.period.addItem("", number)
        self.type_filter.addItem("", None)
        for member in IncidentType:
            self.type_filter.addItem("", member.value)
        self.tier_filter.addItem("", None)
        for tier in ConsentTier:
            self.tier_filter.addItem("", tier.value)
        self.period.setCurrentIndex(1)
        filters = QHBoxLayout()
        for label, combo in (
            (self.period_label, self.period),
            (self.type_filter_label, self.type_filter),
            (self.tier_filter_label, self.tier_filter),
        ):
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.reload_list())
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(10)
        filters.addStretch(1)

        self.model = IncidentsModel(self.context.language, self)
        self.view = table_view(self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        # What happened is the longest text: it alone takes the spare width (issue 15, item 9).
        header.setSectionResizeMode(IncidentsModel.COL_TYPES, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.activated.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._list_selection())
        self.empty = QLabel()
        self.empty.setProperty("role", "subtitle")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)

        self.reference_label, self.reference = QLabel(), QLineEdit()
        self.reference.setMaxLength(20)
        self.reference.returnPressed.connect(self.find_reference)
        self.reference_label.setBuddy(self.reference)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_reference)
        self.list_message = QLabel()
        self.list_message.setWordWrap(True)
        self.list_message.setTextFormat(Qt.TextFormat.PlainText)
        self.list_message.hide()
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_incident)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reference_label)
        bottom.addWidget(self.reference)
        bottom.addWidget(self.find_button)
        bottom.addSpacing(8)
        bottom.addWidget(self.list_message, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.new_button)

        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(bottom)
        return page

    def _build_form(self) -> QWidget:
        self.form_title = QLabel()
        self.form_title.setProperty("role", "subtitle")
        self.form_title.setWordWrap(True)

        # What happened: when, where, what, police, description.
        what = QFrame()
        what.setProperty("role", "card")
        self.date_label, self.date = QLabel(), QDateEdit()
        self.date.setCalendarPopup(True)
        self.zone_label, self.zone = QLabel(), QComboBox()
        self.police_label, self.police = QLabel(), QComboBox()
        for member in PoliceReport:
            self.police.addItem("", member.value)
        self.police.setCurrentIndex(self.police.findData(PoliceReport.NO.value))
        for label, field_ in (
            (self.date_label, self.date),
            (self.zone_label, self.zone),
            (self.police_label, self.police),
        ):
            label.setBuddy(field_)
        fields_ = QFormLayout()
        fields_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        fields_.addRow(self.date_label, self.date)
        fields_.addRow(self.zone_label, self.zone)
        fields_.addRow(self.police_label, self.police)
        self.types_label = QLabel()
        self.types_label.setProperty("role", "subtitle")
        self.type_boxes: dict[IncidentType, QCheckBox] = {}
        types_grid = QGridLayout()
        types_grid.setHorizontalSpacing(16)
        members = list(IncidentType)
        half = (len(members) + 1) // 2
        for number, member in enumerate(members):
            box = QCheckBox()
            box.toggled.connect(lambda _on: self._form_edited())
            self.type_boxes[member] = box
            types_grid.addWidget(box, number % half, number // half)
        self.types_label.setBuddy(self.type_boxes[members[0]])
        self.description_label = QLabel()
        self.description_label.setProperty("role", "subtitle")
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.description.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.description.textChanged.connect(self._description_edited)
        self.description_label.setBuddy(self.description)
        what_layout = QVBoxLayout(what)
        what_layout.addLayout(fields_)
        what_layout.addSpacing(4)
        what_layout.addWidget(self.types_label)
        what_layout.addLayout(types_grid)
        what_layout.addSpacing(4)
        what_layout.addWidget(self.description_label)
        what_layout.addWidget(self.description, 1)
        what_layout.addWidget(attach_counter(self.description, limits.FREE_TEXT))

        # Consent, support and (optionally) the person.
        consent = QFrame()
        consent.setProperty("role", "card")
        self.tier_label = QLabel()
        self.tier_label.setProperty("role", "subtitle")
        self.tier_group = QButtonGroup(self)
        self.tier_buttons: dict[ConsentTier, QRadioButton] = {}
        self.tier_explanations: dict[ConsentTier, QLabel] = {}
        tiers = QGridLayout()
        tiers.setVerticalSpacing(0)
        tiers.setColumnMinimumWidth(0, self.fontMetrics().horizontalAdvance("M") * 2)
        for number, tier in enumerate(ConsentTier):
            button = QRadioButton()
            button.toggled.connect(lambda _on: self._form_edited())
            explanation = QLabel()
            explanation.setProperty("role", "subtitle")
            explanation.setWordWrap(True)
            self.tier_group.addButton(button)
            self.tier_buttons[tier] = button
            self.tier_explanations[tier] = explanation
            tiers.addWidget(button, number * 2, 0, 1, 2)
            tiers.addWidget(explanation, number * 2 + 1, 1)
        self.tier_label.setBuddy(self.tier_buttons[ConsentTier.RECORD_ONLY])
        self.support_label = QLabel()
        self.support_label.setProperty("role", "subtitle")
        self.support = QListWidget()
        # The list takes the height the window gives (issue 15, item 9: 7 of 18 rows showed
        # above empty space at 1100 x 720).
        self.support.setMinimumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.support_label.setBuddy(self.support)
        self.person_label = QLabel()
        self.person_label.setProperty("role", "subtitle")
        self.person = QLineEdit()
        self.person.textEdited.connect(lambda _t: self._search_timer.start())
        self.person.returnPressed.connect(self.search_people)
        self.person_label.setBuddy(self.person)
        self.matches = QComboBox()
        self.matches.setEnabled(False)
        self.matches.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_people)
        person_row = QHBoxLayout()
        person_row.addWidget(self.person, 1)
        person_row.addWidget(self.matches, 1)
        self.references_label = QLabel()
        self.references_label.setWordWrap(True)
        self.references_label.setTextFormat(Qt.TextFormat.PlainText)
        self.references_label.hide()
        consent_layout = QVBoxLayout(consent)
        consent_layout.addWidget(self.tier_label)
        consent_layout.addLayout(tiers)
        consent_layout.addSpacing(4)
        consent_layout.addWidget(self.support_label)
        consent_layout.addWidget(self.support, 1)
        consent_layout.addSpacing(4)
        consent_layout.addWidget(self.person_label)
        consent_layout.addLayout(person_row)
        consent_layout.addWidget(self.references_label)

        columns = QHBoxLayout()
        columns.addWidget(what, 1)
        columns.addWidget(consent, 1)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 4, 0)
        inner.addWidget(self.form_title)
        inner.addLayout(columns, 1)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(body)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # The PII guard, and the footer.
        self.pii = QFrame()
        self.pii.setProperty("role", "card")
        self.pii_text = QLabel()
        self.pii_text.setProperty("role", "warning")
        self.pii_text.setWordWrap(True)
        self.pii_text.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_description = QPushButton()
        self.edit_description.clicked.connect(self._edit_description)
        self.save_anyway = QPushButton()
        self.save_anyway.clicked.connect(lambda: self.save(confirm_pii=True))
        pii_row = QHBoxLayout(self.pii)
        pii_row.addWidget(self.pii_text, 1)
        pii_row.addWidget(self.edit_description)
        pii_row.addWidget(self.save_anyway)
        self.pii.hide()
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setTextFormat(Qt.TextFormat.PlainText)
        self.form_message.hide()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.new_incident)
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(lambda: self.save())
        footer = QHBoxLayout()
        footer.addWidget(self.form_message, 10)
        footer.addStretch(1)
        footer.addWidget(self.clear_button)
        footer.addWidget(self.save_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.pii)
        layout.addLayout(footer)
        return page

    def _build_export(self) -> QWidget:
        choose = QFrame()
        choose.setProperty("role", "card")
        self.export_kind_label = QLabel()
        self.export_kind_label.setProperty("role", "subtitle")
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[IncidentExport, QRadioButton] = {}
        self.kind_explanations: dict[IncidentExport, QLabel] = {}
        kinds = QGridLayout()
        kinds.setVerticalSpacing(0)
        kinds.setColumnMinimumWidth(0, self.fontMetrics().horizontalAdvance("M") * 2)
        for number, kind in enumerate(IncidentExport):
            button = QRadioButton()
            explanation = QLabel()
            explanation.setProperty("role", "subtitle")
            explanation.setWordWrap(True)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            self.kind_explanations[kind] = explanation
            kinds.addWidget(button, number * 2, 0, 1, 2)
            kinds.addWidget(explanation, number * 2 + 1, 1)
        self.kind_buttons[IncidentExport.ALERTS].setChecked(True)
        for button in self.kind_buttons.values():
            button.toggled.connect(lambda _on: self._clear_review())
        self.from_label, self.from_week = QLabel(), WeekCombo()
        self.to_label, self.to_week = QLabel(), WeekCombo()
        self.language_label, self.export_language = QLabel(), QComboBox()
        self.export_language.addItem("", "da")
        self.export_language.addItem("", "en")
        for label, combo in (
            (self.from_label, self.from_week),
            (self.to_label, self.to_week),
            (self.language_label, self.export_language),
        ):
            label.setBuddy(combo)
        self.from_week.currentIndexChanged.connect(lambda _i: self._clear_review())
        self.to_week.currentIndexChanged.connect(lambda _i: self._clear_review())
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.review)
        period = QHBoxLayout()
        for widget in (
            self.from_label,
            self.from_week,
            self.to_label,
            self.to_week,
            self.language_label,
            self.export_language,
        ):
            period.addWidget(widget)
        period.addStretch(1)
        period.addWidget(self.review_button)
        choose_layout = QVBoxLayout(choose)
        choose_layout.addWidget(self.export_kind_label)
        choose_layout.addLayout(kinds)
        choose_layout.addSpacing(4)
        choose_layout.addLayout(period)

        self.review_summary = QLabel()
        self.review_summary.setWordWrap(True)
        self.review_summary.setProperty("role", "subtitle")
        self.cards_box = QVBoxLayout()
        self.cards_box.setContentsMargins(0, 0, 0, 0)
        cards = QWidget()
        cards_outer = QVBoxLayout(cards)
        cards_outer.setContentsMargins(0, 0, 4, 0)
        cards_outer.addLayout(self.cards_box)
        cards_outer.addStretch(1)
        self.review_scroll = QScrollArea()
        self.review_scroll.setWidget(cards)
        self.review_scroll.setWidgetResizable(True)
        self.review_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.review_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.export_message = QLabel()
        self.export_message.setWordWrap(True)
        self.export_message.setTextFormat(Qt.TextFormat.PlainText)
        self.export_message.hide()
        self.export_button = QPushButton()
        self.export_button.setProperty("role", "primary")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.saved = SavedFileNotice()
        footer = QHBoxLayout()
        footer.addWidget(self.export_message, 10)
        footer.addWidget(self.saved, 10)
        footer.addStretch(1)
        footer.addWidget(self.export_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(choose)
        layout.addWidget(self.review_summary)
        layout.addWidget(self.review_scroll, 1)
        layout.addLayout(footer)
        return page

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.tabs,
            self.period,
            self.type_filter,
            self.tier_filter,
            self.view,
            self.reference,
            self.find_button,
            self.open_button,
            self.new_button,
            self.date,
            self.zone,
            self.police,
            *self.type_boxes.values(),
            self.description,
            self.edit_description,
            self.save_anyway,
            *self.tier_buttons.values(),
            self.support,
            self.person,
            self.matches,
            self.clear_button,
            self.save_button,
            *self.kind_buttons.values(),
            self.from_week,
            self.to_week,
            self.export_language,
            self.review_button,
        ]
        for card in self._cards:
            chain += [card.text, card.confirm]
        chain.append(self.export_button)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- WorkspacePage --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Incidents")

    def retranslate(self) -> None:
        self.saved.retranslate()
        lang = self.context.language
        self.heading.setText(self.tr("Incidents"))
        self.subheading.setText(
            self.tr(
                "Violence, theft, threats or abuse a person tells the team about (“frit lejde”). "
                "Only what the person agreed to ever leaves the vault."
            )
        )
        self.tabs.setTabText(self.TAB_LIST, self.tr("&List"))
        self.tabs.setTabText(self.TAB_FORM, self.tr("&Record"))
        self.tabs.setTabText(self.TAB_EXPORT, self.tr("&Alert sheet and police report"))
        self.tabs.setAccessibleName(self.tr("Incidents"))

        # list
        self.period_label.setText(self.tr("&Period"))
        self.period.setAccessibleName(self.tr("Period"))
        for index, text in enumerate(
            (
                self.tr("Last 4 weeks"),
                self.tr("Last 13 weeks"),
                self.tr("Last 52 weeks"),
                self.tr("Every incident"),
            )
        ):
            self.period.setItemText(index, text)
        self.type_filter_label.setText(self.tr("&Type"))
        self.type_filter.setAccessibleName(self.tr("Type of incident"))
        self.type_filter.setItemText(0, self.tr("Every type"))
        for index, member in enumerate(IncidentType, start=1):
            self.type_filter.setItemText(index, enums.label(member, lang))
        self.tier_filter_label.setText(self.tr("C&onsent"))
        self.tier_filter.setAccessibleName(self.tr("Consent tier"))
        self.tier_filter.setItemText(0, self.tr("Every consent tier"))
        for index, tier in enumerate(ConsentTier, start=1):
            self.tier_filter.setItemText(index, enums.label(tier, lang))
        self.model.set_language(lang)
        self.view.setAccessibleName(self.tr("Recorded incidents"))
        self.empty.setText(self.tr("No incidents recorded in this period."))
        self.reference_label.setText(self.tr("Pol&ice reference"))
        self.reference.setPlaceholderText("RV-…")
        self.reference.setAccessibleName(self.tr("Police reference to look up"))
        self.find_button.setText(self.tr("Look &up"))
        self.find_button.setAccessibleName(self.tr("Look up the police reference"))
        self.open_button.setText(self.tr("Op&en"))
        self.open_button.setAccessibleName(self.tr("Open the selected incident"))
        self.new_button.setText(self.tr("&New incident"))
        self.new_button.setAccessibleName(self.tr("Record a new incident"))

        # form
        self._show_form_title()
        self.date_label.setText(self.tr("&Date"))
        self.date.setAccessibleName(self.tr("Date of the incident"))
        self.date.setLocale(locale_for(lang))
        self.date.setDisplayFormat("ddd d. MMM yyyy" if enums.is_danish(lang) else "ddd d MMM yyyy")
        self.zone_label.setText(self.tr("&Zone"))
        self.zone.setAccessibleName(self.tr("Zone"))
        self._label_zones()
        self.police_label.setText(self.tr("Reported to the &police"))
        self.police.setAccessibleName(self.tr("Reported to the police"))
        for index, member in enumerate(PoliceReport):
            self.police.setItemText(index, enums.label(member, lang))
        self.types_label.setText(self.tr("&What happened (one or more)"))
        for member, box in self.type_boxes.items():
            label = enums.label(member, lang)
            box.setText(label.replace("&", "&&"))
            box.setAccessibleName(label)
        self.description_label.setText(
            self.tr("Descr&iption (optional — no names, numbers or addresses)")
        )
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(
            self.tr("What happened, and anything other workers should look out for")
        )
        self.tier_label.setText(self.tr("&Consent tier — what the person agreed to"))
        explanations = {
            ConsentTier.RECORD_ONLY: self.tr(
                "Kept in the vault for the team. No details are shared outside it."
            ),
            ConsentTier.WARN_WORKERS: self.tr(
                "Week, zone and what happened go on the alert sheet for other outreach workers, "
                "with the description once a coordinator has checked it."
            ),
            ConsentTier.POLICE_ANONYMOUS: self.tr(
                "The organisation passes it on to the police without the person's identity, "
                "with a reference for the police's questions."
            ),
            ConsentTier.STATISTICS_ONLY: self.tr(
                "Only counted in anonymous statistics. No details are shared."
            ),
        }
        for tier, button in self.tier_buttons.items():
            label = enums.label(tier, lang)
            button.setText(label)
            button.setAccessibleName(label)
            button.setAccessibleDescription(explanations[tier])
            self.tier_explanations[tier].setText(explanations[tier])
        self.support_label.setText(self.tr("&Support given"))
        self.support.setAccessibleName(self.tr("Support given"))
        self._label_support()
        self.person_label.setText(self.tr("Perso&n (optional — the link stays in the vault)"))
        self.person.setPlaceholderText(self.tr("Alias, e.g. Heron-42"))
        self.person.setAccessibleName(self.tr("Person's alias"))
        self.matches.setAccessibleName(self.tr("Matching persons"))
        self._fill_matches()
        self._show_references()
        self.edit_description.setText(self.tr("Edi&t description"))
        self.edit_description.setAccessibleName(self.tr("Edit the description"))
        self.save_anyway.setText(self.tr("Save an&yway"))
        self.save_anyway.setAccessibleName(self.tr("Save the description as it is"))
        self.clear_button.setText(self.tr("Cl&ear"))
        self.clear_button.setAccessibleName(self.tr("Clear the form without saving"))
        self.save_button.setText(self.tr("Save  (Ctrl+Enter)"))
        self.save_button.setAccessibleName(self.tr("Save the incident"))

        # export
        self.export_kind_label.setText(self.tr("What to make"))
        kinds = {
            IncidentExport.ALERTS: (
                self.tr("Alert &sheet for other outreach workers"),
                self.tr(
                    "Incidents with the consent tier “warn other workers”: week, zone, what "
                    "happened and the checked description. Nobody can be recognised from it."
                ),
            ),
            IncidentExport.POLICE: (
                self.tr("Anonymous report to the &police"),
                self.tr(
                    "Incidents with the consent tier “share anonymously with police via the "
                    "organisation”, each with a new reference kept in the vault, so the "
                    "organisation can answer the police's questions without naming anyone."
                ),
            ),
        }
        for kind, (text, explanation) in kinds.items():
            self.kind_buttons[kind].setText(text)
            self.kind_buttons[kind].setAccessibleName(text.replace("&", ""))
            self.kind_explanations[kind].setText(explanation)
        self.from_label.setText(self.tr("Fr&om"))
        self.from_week.setAccessibleName(self.tr("First week"))
        self.to_label.setText(self.tr("&To"))
        self.to_week.setAccessibleName(self.tr("Last week"))
        self.language_label.setText(self.tr("La&nguage"))
        self.export_language.setAccessibleName(self.tr("Language of the document"))
        self.export_language.setItemText(0, self.tr("Danish"))
        self.export_language.setItemText(1, self.tr("English"))
        self.review_button.setText(self.tr("R&eview descriptions"))
        self.review_button.setAccessibleName(self.tr("Review the descriptions to print"))
        self.export_button.setText(self.tr("Save P&DF…"))
        self.export_button.setAccessibleName(self.tr("Save the PDF"))
        today = self.context.now().date()
        self.from_week.fill(today, lang)
        self.to_week.fill(today, lang)
        for card in self._cards:
            card.retranslate()
        self._show_review_summary()

    def refresh(self) -> None:
        if self.context.session.services is None:
            return
        today = self.context.now().date()
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        if self._editing is None and not self._has_input():
            self.date.setDate(QDate(today.year, today.month, today.day))
        self._load_lists()
        lang = self.context.language
        self.from_week.fill(today, lang)
        self.to_week.fill(today, lang)
        if not self._weeks_chosen:  # the last four weeks, until someone chooses
            self._weeks_chosen = True
            self.from_week.setCurrentIndex(min(3, self.from_week.count() - 1))
        self.reload_list()

    def draft(self) -> dict[str, Any] | None:
        if not self._has_input():
            return None
        qdate = self.date.date()
        return {
            "version": DRAFT_VERSION,
            "editing": self._editing.id if self._editing else None,
            "date": date(qdate.year(), qdate.month(), qdate.day()).isoformat(),
            "zone": self.zone.currentData(),
            "types": [t.value for t, box in self.type_boxes.items() if box.isChecked()],
            "tier": self._tier().value if self._tier() else None,
            "police": self.police.currentData(),
            "support": self._checked_support(),
            "description": self.description.toPlainText(),
            "person": self.matches.currentData() or None,
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        editing = draft.get("editing")
        incident = self.services.store.incident_by_id(str(editing)) if editing else None
        if incident is not None:
            self.open_incident(incident.id)
        else:
            self.new_incident()
        day = date.fromisoformat(str(draft.get("date") or self.context.now().date().isoformat()))
        self.date.setDate(QDate(day.year, day.month, day.day))
        index = self.zone.findData(draft.get("zone"))
        self.zone.setCurrentIndex(max(index, 0))
        types = set(draft.get("types") or [])
        for member, box in self.type_boxes.items():
            box.setChecked(member.value in types)
        self._set_tier(draft.get("tier"))
        index = self.police.findData(draft.get("police"))
        if index >= 0:
            self.police.setCurrentIndex(index)
        self._set_support(list(draft.get("support") or []))
        self.description.setPlainText(str(draft.get("description") or ""))
        self._set_person(draft.get("person"))
        self.tabs.setCurrentIndex(self.TAB_FORM)

    # -- lists from the vault -------------------------------------------------------------------

    def _load_lists(self) -> None:
        store = self.services.store
        zones = [e for e in store.vocabulary(VocabularyKind.ZONE) if not e.retired]
        support = [e for e in store.vocabulary(VocabularyKind.SERVICE) if not e.retired]
        if [e.slug for e in zones] != [e.slug for e in self._zones] or not self.zone.count():
            current = self.zone.currentData()
            self._zones = zones
            self.zone.clear()
            self.zone.addItem("", None)
            for entry in zones:
                self.zone.addItem("", entry.slug)
            index = self.zone.findData(current)
            self.zone.setCurrentIndex(max(index, 0))
            self._label_zones()
        if [e.slug for e in support] != [e.slug for e in self._support]:
            checked = self._checked_support()
            self._support = support
            self.support.clear()
            for entry in support:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, entry.slug)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.support.addItem(item)
            self._set_support(checked)
            self._label_support()

    def _label_zones(self) -> None:
        lang = self.context.language
        for index in range(self.zone.count()):
            slug = self.zone.itemData(index)
            entry = next((e for e in self._zones if e.slug == slug), None)
            self.zone.setItemText(index, entry.label(lang) if entry else self.tr("No zone"))

    def _label_support(self) -> None:
        lang = self.context.language
        for index, entry in enumerate(self._support):
            item = self.support.item(index)
            if item is not None:
                item.setText(entry.label(lang))

    def _checked_support(self) -> list[str]:
        out = []
        for index in range(self.support.count()):
            item = self.support.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _set_support(self, slugs: Sequence[str]) -> None:
        wanted = set(slugs)
        for index in range(self.support.count()):
            item = self.support.item(index)
            state = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    # -- the list -------------------------------------------------------------------------------

    def reload_list(self, keep: str | None = None) -> None:
        if self.context.session.services is None:
            return
        today = self.context.now().date()
        weeks = self.period.currentData()
        first_day = (IsoWeek.of(today) - (int(weeks) - 1)).monday() if weeks else None
        tier = self.tier_filter.currentData()
        incidents = self.services.store.find_incidents(
            first_day=first_day,
            tiers=(tier,) if tier else None,
            type_=self.type_filter.currentData(),
        )
        self.model.set_incidents(incidents, self.services.store, today)
        self.list_stack.setCurrentIndex(0 if incidents else 1)
        if keep is not None:
            self.select(keep)
        self._list_selection()

    def select(self, incident_id: str) -> bool:
        row = self.model.row_of(incident_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def selected(self) -> Incident | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.incident(rows[0].row()) if rows else None

    def _list_selection(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        incident = self.selected()
        if incident is not None:
            self.open_incident(incident.id)

    def find_reference(self) -> Incident | None:
        """The organisation's look-up: which incident a police reference was given for."""
        text = self.reference.text().strip()
        if not text:
            self.reference.setFocus()
            return None
        try:
            incident = self.services.incident_by_police_reference(text)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            _say(self.list_message, "error", describe(exc))
            return None
        if incident is None:
            _say(self.list_message, "error", self.tr("No incident has that police reference."))
            return None
        self.period.setCurrentIndex(self.period.findData(0))
        self.type_filter.setCurrentIndex(0)
        self.tier_filter.setCurrentIndex(0)
        self.reload_list(keep=incident.id)
        self.view.setFocus()
        _say(
            self.list_message,
            "ok",
            self.tr("That reference belongs to the incident of %1, selected in the list").replace(
                "%1", format_day(incident.date, self.context.language)
            ),
        )
        return incident

    # -- the form -------------------------------------------------------------------------------

    def new_incident(self) -> None:
        """An empty form for the next incident (also "Clear")."""
        self._editing = None
        today = self.context.now().date()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.zone.setCurrentIndex(0)
        shift = self.services.store.open_shift() if self.context.session.services else None
        if shift is not None and shift.zones:
            index = self.zone.findData(shift.zones[0])
            self.zone.setCurrentIndex(max(index, 0))
        for box in self.type_boxes.values():
            box.setChecked(False)
        self._set_tier(None)
        self.police.setCurrentIndex(self.police.findData(PoliceReport.NO.value))
        self._set_support([])
        self.description.setPlainText("")
        self.person.setText("")
        self._people = []
        self._fill_matches()
        self.pii.hide()
        self.form_message.hide()
        self._show_form_title()
        self._show_references()
        self.tabs.setCurrentIndex(self.TAB_FORM)
        self.date.setFocus()

    def open_incident(self, incident_id: str) -> Incident | None:
        """Load a recorded incident into the form to edit it."""
        incident = self.services.store.incident_by_id(incident_id)
        if incident is None:
            return None
        self.new_incident()
        self._editing = incident
        self.date.setDate(QDate(incident.date.year, incident.date.month, incident.date.day))
        self.zone.setCurrentIndex(max(self.zone.findData(incident.zone), 0))
        for member, box in self.type_boxes.items():
            box.setChecked(member.value in incident.types)
        self._set_tier(incident.consent_tier)
        self.police.setCurrentIndex(max(self.police.findData(incident.reported_to_police), 0))
        self._set_support(incident.support_given)
        self.description.setPlainText(incident.description or "")
        self._set_person(incident.profile_id)
        self._show_form_title()
        self._show_references()
        self.tabs.setCurrentIndex(self.TAB_FORM)
        self.date.setFocus()
        return incident

    def _show_form_title(self) -> None:
        if self._editing is None:
            self.form_title.setText(
                self.tr("New incident. Tick what happened and what the person agreed to.")
            )
        else:
            self.form_title.setText(
                self.tr(
                    "Changing the incident of %1 — the change is kept in the audit log"
                ).replace("%1", format_day(self._editing.date, self.context.language))
            )

    def _show_references(self) -> None:
        references = []
        if self._editing is not None and self.context.session.services is not None:
            references = self.services.store.police_references_of(self._editing.id)
        if not references:
            self.references_label.hide()
            return
        self.references_label.setText(
            self.tr("Police references given: %1").replace(
                "%1", ", ".join(r for r, _when in references)
            )
        )
        self.references_label.show()

    def _tier(self) -> ConsentTier | None:
        return next((t for t, b in self.tier_buttons.items() if b.isChecked()), None)

    def _set_tier(self, value: str | None) -> None:
        self.tier_group.setExclusive(False)
        for tier, button in self.tier_buttons.items():
            button.setChecked(tier.value == value)
        self.tier_group.setExclusive(True)

    def _set_person(self, profile_id: str | None) -> None:
        profile = self.services.store.profile_by_id(profile_id) if profile_id else None
        self._people = [profile] if profile else []
        self.person.setText(alias_label(profile.alias, self.context.language) if profile else "")
        self._fill_matches()

    def search_people(self) -> None:
        self._search_timer.stop()
        text = self.person.text().strip()
        self._people = find_people(self.services.store, text) if text else []
        self._fill_matches()

    def _fill_matches(self) -> None:
        lang = self.context.language
        self.matches.clear()
        for profile in self._people:
            self.matches.addItem(alias_label(profile.alias, lang), profile.id)
        self.matches.setEnabled(bool(self._people))
        # A combo box with a placeholder does not select its first item by itself: after one
        # miss, a later match would sit unselected under "No one with that alias" (issue 15).
        missed = not self._people and bool(self.person.text().strip())
        self.matches.setPlaceholderText(self.tr("No one with that alias") if missed else "")
        self.matches.setCurrentIndex(0 if self._people else -1)

    def _has_input(self) -> bool:
        return (
            self._editing is not None
            or any(box.isChecked() for box in self.type_boxes.values())
            or self._tier() is not None
            or bool(self._checked_support())
            or bool(self.description.toPlainText().strip())
            or bool(self.person.text().strip())
        )

    def _form_edited(self) -> None:
        if self.form_message.isVisible() and self.form_message.property("role") == "error":
            self.form_message.hide()

    def _description_edited(self) -> None:
        self.pii.hide()
        self._form_edited()

    def _edit_description(self) -> None:
        self.pii.hide()
        self.description.setFocus()

    def _save_shortcut(self) -> None:
        if self.tabs.currentIndex() == self.TAB_FORM:
            self.save()

    def _form_error(self, text: str, focus: QWidget | None = None) -> None:
        _say(self.form_message, "error", text)
        if focus is not None:
            focus.setFocus()

    def save(self, *, confirm_pii: bool = False) -> Incident | None:
        """Record the incident in the form (or save the changes to the one being edited)."""
        types = [member for member, box in self.type_boxes.items() if box.isChecked()]
        if not types:
            self._form_error(
                self.tr("Tick at least one thing that happened."),
                self.type_boxes[IncidentType.PHYSICAL_VIOLENCE],
            )
            return None
        tier = self._tier()
        if tier is None:
            self._form_error(
                self.tr("Choose what the person agreed to: the consent tier."),
                self.tier_buttons[ConsentTier.RECORD_ONLY],
            )
            return None
        if self._search_timer.isActive():
            self.search_people()
        profile_id = self.matches.currentData() or None
        if self.person.text().strip() and profile_id is None:
            self._form_error(
                self.tr("Choose the person from the list, or empty the person field."),
                self.person,
            )
            return None
        qdate = self.date.date()
        on = date(qdate.year(), qdate.month(), qdate.day())
        arguments = (
            on,
            self.zone.currentData(),
            types,
            tier,
            PoliceReport(self.police.currentData()),
            self._checked_support(),
            self.description.toPlainText() or None,
        )
        try:
            if self._editing is not None:
                incident = self.services.edit_incident(
                    self._editing.id, *arguments, confirm_pii=confirm_pii, profile_id=profile_id
                )
            else:
                incident = self.services.record_incident(
                    *arguments, confirm_pii=confirm_pii, profile_id=profile_id
                )
        except PiiWarning as exc:
            self.pii_text.setText(describe(exc))
            self.pii.show()
            self.save_anyway.setFocus()
            return None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self._form_error(describe(exc))
            return None
        log.info("incident saved")
        edited = self._editing is not None
        self.new_incident()
        self.reload_list(keep=incident.id)
        when = format_day(incident.date, self.context.language)
        _say(
            self.form_message,
            "ok",
            (
                self.tr("Changes saved — incident of %1")
                if edited
                else self.tr("Saved — incident of %1")
            ).replace("%1", when),
        )
        self.incident_saved.emit(incident.id)
        return incident

    # -- export ---------------------------------------------------------------------------------

    def _kind(self) -> IncidentExport:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def _clear_review(self) -> None:
        for card in self._cards:
            self.cards_box.removeWidget(card)
            card.hide()
            card.deleteLater()
        self._cards = []
        self._review = None
        self._show_review_summary()
        self._update_export_button()

    def review(self) -> list[ReviewCard]:
        """Show every incident the chosen export would print, each to be read and confirmed."""
        self._clear_review()
        self.export_message.hide()
        first, last = self.from_week.week(), self.to_week.week()
        if first is None or last is None:
            return []
        if last < first:
            _say(self.export_message, "error", self.tr("The last week comes before the first."))
            self.to_week.setFocus()
            return []
        kind = self._kind()
        try:
            incidents = self.services.incidents_for_export(kind, first, last)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            _say(self.export_message, "error", describe(exc))
            return []
        zones = {e.slug: e for e in self.services.store.vocabulary(VocabularyKind.ZONE)}
        lang = self.context.language
        for incident in incidents:
            zone = zones.get(incident.zone or "")
            when = (
                str(IsoWeek.of(incident.date))
                if kind is IncidentExport.ALERTS
                else format_day(incident.date, lang)
            )
            parts = [when, zone.label(lang) if zone else self.tr("No zone")]
            parts.append(", ".join(enums.label(t, lang) for t in type_order(incident.types)))
            card = ReviewCard(incident, " · ".join(parts))
            card.confirmed_changed.connect(self._update_export_button)
            self.cards_box.addWidget(card)
            self._cards.append(card)
        self._review = (kind, first, last)
        self._show_review_summary()
        self._update_export_button()
        self._fix_tab_order()
        if self._cards:
            self._cards[0].text.setFocus()
        return self._cards

    def _show_review_summary(self) -> None:
        if self._review is None:
            self.review_summary.setText(
                self.tr(
                    "Choose the weeks, then review: you will read every description exactly as "
                    "it will be printed before anything is saved."
                )
            )
            return
        kind = self._review[0]
        n = len(self._cards)
        if not n:
            text = (
                self.tr("No incident in these weeks has the consent tier “warn other workers”.")
                if kind is IncidentExport.ALERTS
                else self.tr(
                    "No incident in these weeks has the consent tier “share anonymously with "
                    "police via the organisation”."
                )
            )
        else:
            text = self.tr(
                "%n incident(s) will be printed. Read each description as it will appear, edit "
                "it if needed (the record is not changed) and confirm it.",
                None,
                n,
            )
        self.review_summary.setText(text)

    def _update_export_button(self) -> None:
        ready = bool(self._cards) and all(c.is_confirmed() for c in self._cards)
        self.export_button.setEnabled(ready and not self._busy)

    def _ask_file(self, suggested: str) -> str | None:
        caption, filters = self.tr("Save the PDF"), self.tr("PDF (*.pdf)")
        path = self.save_folder.ask(self, caption, suggested, filters)
        return str(path) if path is not None else None

    def export(self) -> bool:
        """Write the reviewed PDF (in the background), then keep references and audit it."""
        if self._review is None or self._busy:
            return False
        self.saved.clear()
        if not self._cards or not all(c.is_confirmed() for c in self._cards):
            _say(self.export_message, "error", self.tr("Confirm every description first."))
            return False
        kind, first, last = self._review
        reviewed = {card.incident_id: card.printed() for card in self._cards}
        try:
            sheet = self.services.incident_sheet(kind, first, last, reviewed=reviewed)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            _say(self.export_message, "error", describe(exc))
            return False
        language = str(self.export_language.currentData())
        names = {
            IncidentExport.ALERTS: ("alert-sheet", "advarselsark"),
            IncidentExport.POLICE: ("police-report", "anmeldelse-til-politiet"),
        }[kind]
        stem = names[1] if language == "da" else names[0]
        chosen = (self.choose_file or self._ask_file)(f"{stem}-{first}-{last}.pdf")
        if not chosen:
            return False
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        writer = WRITERS[kind]
        self._busy = True
        self._update_export_button()
        _say(self.export_message, "subtitle", self.tr("Writing the PDF…"))
        background.run(
            self,
            lambda: writer(target, sheet, language),
            lambda _result: self._written(sheet, target),
            self._write_failed,
        )
        return True

    def _written(self, sheet: IncidentSheet, target: Path) -> None:
        self._busy = False
        if self.context.session.services is None:  # locked meanwhile: the file is not kept
            target.unlink(missing_ok=True)
            return
        try:
            self.services.record_incident_export(sheet)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            target.unlink(missing_ok=True)  # references not kept: the report must not go out
            _say(self.export_message, "error", describe(exc))
            self._update_export_button()
            return
        log.info("incident export written")
        n = len(sheet.entries)
        police = sheet.kind is IncidentExport.POLICE

        def describe_saved(name: str, folder: str) -> str:
            text = (
                self.tr("Saved %1 in %2 with %n incident(s).", None, n)
                .replace("%1", name)
                .replace("%2", folder)
            )
            if police:
                text += " " + self.tr(
                    "Each incident's reference is kept in the vault: look it up on the list."
                )
            return text

        self._clear_review()
        self.export_message.hide()
        self.saved.show_saved(target, describe_saved)
        self.exported.emit(sheet.kind.value)

    def _write_failed(self, exc: BaseException) -> None:
        self._busy = False
        _say(self.export_message, "error", describe(exc))
        self._update_export_button()
