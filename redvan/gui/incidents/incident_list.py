"""The list tab: recorded incidents filtered by period, type and consent tier, and the
organisation's look-up of a police reference."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from redvan.core import enums
from redvan.core.enums import ConsentTier, IncidentType
from redvan.core.model import Incident
from redvan.gui.incidents.models import IncidentsModel
from redvan.gui.messages import describe
from redvan.gui.widgets.dates import format_day
from redvan.gui.widgets.layouts import hbox, vbox
from redvan.gui.widgets.record_list import filter_row
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.roles import say as _say
from redvan.gui.widgets.selection import first_monday, selected_row, show_reloaded
from redvan.gui.widgets.table import TableOrEmpty, table_view
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context

# The period filter: weeks back from this week (0: every incident).
PERIODS = (4, 13, 52, 0)


class IncidentList(QWidget):
    """The incidents, newest first; asks for one to be opened or a new one to be recorded."""

    open_requested = Signal(str)  # the incident's id
    new_requested = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        t = self.texts = Texts()
        self.period, self.type_filter, self.tier_filter = QComboBox(), QComboBox(), QComboBox()
        for number in PERIODS:
            self.period.addItem("", number)
        self.type_filter.addItem("", None)
        for member in IncidentType:
            self.type_filter.addItem("", member.value)
        self.tier_filter.addItem("", None)
        for tier in ConsentTier:
            self.tier_filter.addItem("", tier.value)
        self.period.setCurrentIndex(1)
        filters = filter_row(
            t,
            self.reload,
            (lambda: self.tr("&Period"), self.period),
            (lambda: self.tr("&Type"), self.type_filter),
            (lambda: self.tr("C&onsent"), self.tier_filter),
        )
        t.bind(self.period, accessibleName=lambda: self.tr("Period"))
        t.bind(self.type_filter, accessibleName=lambda: self.tr("Type of incident"))
        t.bind(self.tier_filter, accessibleName=lambda: self.tr("Consent tier"))

        self.model = IncidentsModel(context.language, self)
        # What happened is the longest text: it alone takes the spare width (issue 15, item 9).
        self.view = table_view(self.model, stretch=IncidentsModel.COL_TYPES)
        t.bind(self.view, accessibleName=lambda: self.tr("Recorded incidents"))
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.activated.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self.stack = TableOrEmpty(self.view)
        t.bind(self.stack.empty, text=lambda: self.tr("No incidents recorded in this period."))

        self.reference = QLineEdit()
        self.reference.setMaxLength(20)
        self.reference.setPlaceholderText("RV-…")
        self.reference.returnPressed.connect(self.find_reference)
        t.bind(self.reference, accessibleName=lambda: self.tr("Police reference to look up"))
        self.find_button = t.button(
            lambda: self.tr("Look &up"),
            clicked=self.find_reference,
            accessible=lambda: self.tr("Look up the police reference"),
        )
        self.message = role_label(hidden=True)
        self.open_button = t.button(
            lambda: self.tr("Op&en"),
            clicked=self.open_selected,
            enabled=False,
            accessible=lambda: self.tr("Open the selected incident"),
        )
        self.new_button = t.button(
            lambda: self.tr("&New incident"),
            clicked=self.new_requested,
            accessible=lambda: self.tr("Record a new incident"),
        )
        reference_label = t.label(lambda: self.tr("Pol&ice reference"), buddy=self.reference)
        bottom = hbox(
            reference_label,
            self.reference,
            self.find_button,
            8,
            (self.message, 1),
            self.open_button,
            self.new_button,
        )
        vbox(filters, (self.stack, 1), bottom, parent=self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        lang = self.context.language
        for index, text in enumerate(
            (
                self.tr("Last 4 weeks"),
                self.tr("Last 13 weeks"),
                self.tr("Last 52 weeks"),
                self.tr("Every incident"),
            )
        ):
            self.period.setItemText(index, text)
        self.type_filter.setItemText(0, self.tr("Every type"))
        for index, member in enumerate(IncidentType, start=1):
            self.type_filter.setItemText(index, enums.label(member, lang))
        self.tier_filter.setItemText(0, self.tr("Every consent tier"))
        for index, tier in enumerate(ConsentTier, start=1):
            self.tier_filter.setItemText(index, enums.label(tier, lang))
        self.model.set_language(lang)

    def reload(self, keep: str | None = None) -> None:
        if self.context.session.services is None:
            return
        services = self.context.services
        today = self.context.now().date()
        first_day = first_monday(today, self.period.currentData())
        tier = self.tier_filter.currentData()
        incidents = services.store.find_incidents(
            first_day=first_day,
            tiers=(tier,) if tier else None,
            type_=self.type_filter.currentData(),
        )
        self.model.set_incidents(incidents, services.store, today)
        show_reloaded(self.stack, bool(incidents), keep)
        self._selection()

    def selected(self) -> Incident | None:
        row = selected_row(self.view)
        return None if row is None else self.model.incident(row)

    def _selection(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        incident = self.selected()
        if incident is not None:
            self.open_requested.emit(incident.id)

    def find_reference(self) -> Incident | None:
        """The organisation's look-up: which incident a police reference was given for."""
        text = self.reference.text().strip()
        if not text:
            self.reference.setFocus()
            return None
        try:
            incident = self.context.services.incident_by_police_reference(text)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            _say(self.message, "error", describe(exc))
            return None
        if incident is None:
            _say(self.message, "error", self.tr("No incident has that police reference."))
            return None
        self.period.setCurrentIndex(self.period.findData(0))
        self.type_filter.setCurrentIndex(0)
        self.tier_filter.setCurrentIndex(0)
        self.reload(keep=incident.id)
        self.view.setFocus()
        _say(
            self.message,
            "ok",
            self.tr("That reference belongs to the incident of %1, selected in the list").replace(
                "%1", format_day(incident.date, self.context.language)
            ),
        )
        return incident
