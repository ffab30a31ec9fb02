"""Incidents (G6, "frit lejde"): record with a consent tier, list and filter, and export.

An incident is recorded with what the person agreed may be done with it (the consent tier).
Only the alert sheet (tier "warn other workers") and the anonymous police report (tier "share
anonymously with police via the organisation") ever take anything out of the vault, and only
after a coordinator has read and confirmed each description exactly as it will be printed.
A link to the person's profile is optional and never leaves the vault.

The page composes its three tabs (incident_list, form, export) and wires their signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget

from redvan.core.model import Incident
from redvan.gui.incidents.export import ExportPanel
from redvan.gui.incidents.form import IncidentForm
from redvan.gui.incidents.incident_list import IncidentList
from redvan.gui.incidents.models import IncidentsModel
from redvan.gui.incidents.review import ReviewCard
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context, WorkspacePage

__all__ = ["IncidentsModel", "IncidentsPage"]


class IncidentsPage(WorkspacePage):
    """G6: the list of incidents, the form to record or edit one, and the reviewed exports."""

    key = "incidents"

    incident_saved = Signal(str)
    exported = Signal(str)  # the IncidentExport value

    TAB_LIST, TAB_FORM, TAB_EXPORT = range(3)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.texts = Texts()
        self.heading, self.subheading = t.heading(
            self.title,
            lambda: self.tr(
                "Violence, theft, threats or abuse a person tells the team about (“frit lejde”). "
                "Only what the person agreed to ever leaves the vault."
            ),
        )
        self.list = IncidentList(context)
        self.list.new_requested.connect(self.new_incident)
        self.list.open_requested.connect(self.open_incident)
        self.form = IncidentForm(context)
        self.form.cleared.connect(self.new_incident)
        self.form.saved.connect(self._saved)
        self.export_panel = ExportPanel(context)
        self.export_panel.reviewed.connect(self._fix_tab_order)
        self.export_panel.exported.connect(self.exported)
        self.tabs = t.bind(QTabWidget(), accessibleName=lambda: self.tr("Incidents"))
        for tab, text in (
            (self.list, lambda: self.tr("&List")),
            (self.form, lambda: self.tr("&Record")),
            (self.export_panel, lambda: self.tr("&Alert sheet and police report")),
        ):
            t.tab(self.tabs, tab, text)
        vbox(self.heading, self.subheading, (self.tabs, 1), parent=self)

        # What the tests and the other screens reach on the page.
        self.model, self.view, self.list_stack = self.list.model, self.list.view, self.list.stack
        self.period, self.type_filter, self.tier_filter = (
            self.list.period,
            self.list.type_filter,
            self.list.tier_filter,
        )
        self.reference, self.find_button = self.list.reference, self.list.find_button
        self.open_button, self.new_button = self.list.open_button, self.list.new_button
        self.list_message = self.list.message
        self.find_reference, self.selected = self.list.find_reference, self.list.selected
        self.open_selected, self.reload_list = self.list.open_selected, self.list.reload
        what, consent = self.form.what, self.form.consent
        self.date, self.zone, self.police = what.date, what.zone, what.police
        self.type_boxes, self.description = what.type_boxes, what.description
        self.tier_buttons, self.support = consent.tier_buttons, consent.support
        self.person, self.matches = consent.picker.person, consent.picker.matches
        self.search_people, self._search_timer = consent.picker.search, consent.picker.search_timer
        self.references_label = consent.references_label
        self.pii, self.pii_text, self.save_anyway = (
            self.form.pii,
            self.form.pii_text,
            self.form.save_anyway,
        )
        self.form_message, self.save = self.form.message, self.form.save
        panel = self.export_panel
        self.kind_buttons, self.export_language = panel.kind_buttons, panel.language
        self.review_button, self.review_summary = panel.review_button, panel.summary
        self.export_button, self.saved = panel.export_button, panel.saved
        self.review, self.export = panel.review, panel.export

        save = QShortcut(self)
        save.setKeys([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._save_shortcut)
        self._weeks_chosen = False
        self._fix_tab_order()
        self.retranslate()

    @property
    def choose_file(self) -> Callable[[str], str | None] | None:
        """Asks where to save a PDF (None: the save dialog); tests replace it."""
        return self.export_panel.choose_file

    @choose_file.setter
    def choose_file(self, choose: Callable[[str], str | None] | None) -> None:
        self.export_panel.choose_file = choose

    @property
    def _cards(self) -> list[ReviewCard]:
        return self.export_panel.cards

    def _fix_tab_order(self) -> None:
        form, what, consent, panel = self.form, self.form.what, self.form.consent, self.export_panel
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
            what.date,
            what.zone,
            what.police,
            *what.type_boxes.values(),
            what.description,
            form.edit_description,
            form.save_anyway,
            *consent.tier_buttons.values(),
            consent.support,
            consent.picker.person,
            consent.picker.matches,
            form.clear_button,
            form.save_button,
            *panel.kind_buttons.values(),
            panel.from_week,
            panel.to_week,
            panel.language,
            panel.review_button,
        ]
        for card in panel.cards:
            chain += [card.text, card.confirm]
        chain.append(panel.export_button)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- WorkspacePage --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Incidents")

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.list.retranslate()
        self.form.retranslate()
        self.export_panel.retranslate()

    def refresh(self) -> None:
        if self.context.session.services is None:
            return
        self.form.refresh(self.context.now().date())
        self.export_panel.fill_weeks()
        if not self._weeks_chosen:  # the last four weeks, until someone chooses
            self._weeks_chosen = True
            from_week = self.export_panel.from_week
            from_week.setCurrentIndex(min(3, from_week.count() - 1))
        self.list.reload()

    def draft(self) -> dict[str, Any] | None:
        return self.form.draft()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        editing = draft.get("editing")
        if not editing or self.open_incident(str(editing)) is None:
            self.new_incident()
        self.form.restore(draft)

    # -- between the tabs -----------------------------------------------------------------------

    def new_incident(self) -> None:
        """An empty form for the next incident (also "Clear")."""
        self.form.clear()
        self._show_form()

    def open_incident(self, incident_id: str) -> Incident | None:
        """Load a recorded incident into the form to edit it."""
        incident = self.form.load(incident_id)
        if incident is not None:
            self._show_form()
        return incident

    def _show_form(self) -> None:
        self.tabs.setCurrentIndex(self.TAB_FORM)
        self.form.what.date.setFocus()

    def _saved(self, incident_id: str) -> None:
        self._show_form()
        self.list.reload(keep=incident_id)
        self.incident_saved.emit(incident_id)

    def _save_shortcut(self) -> None:
        if self.tabs.currentIndex() == self.TAB_FORM:
            self.form.save()
