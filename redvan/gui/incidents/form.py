"""The record tab: the two cards of the form, the PII guard and saving."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.model import Incident
from redvan.core.services import PiiWarning
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.incidents.consent import ConsentCard
from redvan.gui.incidents.what_happened import WhatHappened, qdate
from redvan.gui.messages import describe
from redvan.gui.widgets.dates import format_day
from redvan.gui.widgets.layouts import Stretch, hbox, vbox
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.roles import say as _say
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context

log = logging.getLogger(__name__)

DRAFT_VERSION = 1


class IncidentForm(QWidget):
    """Records a new incident or saves the changes to the one opened."""

    saved = Signal(str)  # the incident's id
    cleared = Signal()  # "Clear": an empty form for the next incident

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editing: Incident | None = None
        t = self.texts = Texts()
        self.title = t.label(self._title_text, role="subtitle", wrap=True)
        self.what = WhatHappened()
        self.what.types_changed.connect(self._edited)
        self.what.description_changed.connect(self._description_edited)
        self.consent = ConsentCard(context)
        self.consent.tier_changed.connect(self._edited)
        body = QWidget()
        columns = hbox((self.what, 1), (self.consent, 1))
        vbox(self.title, (columns, 1), parent=body, margins=(0, 0, 4, 0))
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # The PII guard, and the footer.
        self.pii = QFrame()
        self.pii.setProperty("role", "card")
        self.pii_text = role_label("warning")
        self.edit_description = t.button(
            lambda: self.tr("Edi&t description"),
            clicked=self._edit_description,
            accessible=lambda: self.tr("Edit the description"),
        )
        self.save_anyway = t.button(
            lambda: self.tr("Save an&yway"),
            clicked=lambda: self.save(confirm_pii=True),
            accessible=lambda: self.tr("Save the description as it is"),
        )
        hbox((self.pii_text, 1), self.edit_description, self.save_anyway, parent=self.pii)
        self.pii.hide()
        self.message = role_label(hidden=True)
        self.clear_button = t.button(
            lambda: self.tr("Cl&ear"),
            clicked=self.cleared,
            accessible=lambda: self.tr("Clear the form without saving"),
        )
        self.save_button = t.button(
            lambda: self.tr("Save  (Ctrl+Enter)"),
            role="primary",
            clicked=lambda: self.save(),
            accessible=lambda: self.tr("Save the incident"),
        )
        vbox(
            (self.scroll, 1),
            self.pii,
            hbox((self.message, 10), Stretch(1), self.clear_button, self.save_button),
            parent=self,
        )

    def _title_text(self) -> str:
        if self.editing is None:
            return self.tr("New incident. Tick what happened and what the person agreed to.")
        return self.tr("Changing the incident of %1 — the change is kept in the audit log").replace(
            "%1", format_day(self.editing.date, self.context.language)
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.what.retranslate(self.context.language)
        self.consent.retranslate()
        self._show_editing()

    def refresh(self, today: date) -> None:
        """Today is the latest date (and the date of an untouched new incident); the zones and
        kinds of support as the vault has them now."""
        self.what.date.setMaximumDate(qdate(today))
        if self.editing is None and not self.has_input():
            self.what.date.setDate(qdate(today))
        store = self.context.services.store
        self.what.set_zones([e for e in store.vocabulary(VocabularyKind.ZONE) if not e.retired])
        self.consent.set_support_choices(
            [e for e in store.vocabulary(VocabularyKind.SERVICE) if not e.retired]
        )

    def clear(self) -> None:
        """An empty form for the next incident, in the zone of the open shift."""
        self.editing = None
        services = self.context.session.services
        shift = services.store.open_shift() if services else None
        self.what.clear(
            self.context.now().date(), shift.zones[0] if shift and shift.zones else None
        )
        self.consent.tiers.choose(None)
        self.consent.set_support([])
        self.consent.picker.set_person(None)
        self.pii.hide()
        self.message.hide()
        self._show_editing()

    def load(self, incident_id: str) -> Incident | None:
        """Load a recorded incident to edit it."""
        incident = self.context.services.store.incident_by_id(incident_id)
        if incident is None:
            return None
        self.clear()
        self.editing = incident
        self.what.load(incident)
        self.consent.tiers.choose(incident.consent_tier)
        self.consent.set_support(incident.support_given)
        self.consent.picker.set_person(incident.profile_id)
        self._show_editing()
        return incident

    def _show_editing(self) -> None:
        self.title.setText(self._title_text())
        references = []
        if self.editing is not None and self.context.session.services is not None:
            store = self.context.services.store
            references = [r for r, _when in store.police_references_of(self.editing.id)]
        self.consent.show_references(references)

    def has_input(self) -> bool:
        return (
            self.editing is not None
            or self.what.has_input()
            or self.consent.tiers.chosen() is not None
            or bool(self.consent.checked_support())
            or self.consent.picker.typed()
        )

    def draft(self) -> dict[str, Any] | None:
        if not self.has_input():
            return None
        tier = self.consent.tiers.chosen()
        return {
            "version": DRAFT_VERSION,
            "editing": self.editing.id if self.editing else None,
            "date": self.what.day().isoformat(),
            "zone": self.what.zone.currentData(),
            "types": [t.value for t in self.what.types()],
            "tier": tier.value if tier else None,
            "police": self.what.police.currentData(),
            "support": self.consent.checked_support(),
            "description": self.what.description.toPlainText(),
            "person": self.consent.picker.matches.currentData() or None,
        }

    def restore(self, draft: dict[str, Any]) -> None:
        """Put back the fields of `draft()` (over the incident it edits, opened first)."""
        today = self.context.now().date().isoformat()
        self.what.date.setDate(qdate(date.fromisoformat(str(draft.get("date") or today))))
        self.what.choose_zone(draft.get("zone"))
        self.what.set_types(set(draft.get("types") or []))
        self.consent.tiers.choose(draft.get("tier"))
        index = self.what.police.findData(draft.get("police"))
        if index >= 0:
            self.what.police.setCurrentIndex(index)
        self.consent.set_support(list(draft.get("support") or []))
        self.what.description.setPlainText(str(draft.get("description") or ""))
        self.consent.picker.set_person(draft.get("person"))

    def _edited(self) -> None:
        if self.message.isVisible() and self.message.property("role") == "error":
            self.message.hide()

    def _description_edited(self) -> None:
        self.pii.hide()
        self._edited()

    def _edit_description(self) -> None:
        self.pii.hide()
        self.what.description.setFocus()

    def _error(self, text: str, focus: QWidget | None = None) -> None:
        _say(self.message, "error", text)
        if focus is not None:
            focus.setFocus()

    def save(self, *, confirm_pii: bool = False) -> Incident | None:
        """Record the incident in the form (or save the changes to the one being edited)."""
        types = self.what.types()
        if not types:
            self._error(
                self.tr("Tick at least one thing that happened."),
                self.what.type_boxes[IncidentType.PHYSICAL_VIOLENCE],
            )
            return None
        tier = self.consent.tiers.chosen()
        if tier is None:
            self._error(
                self.tr("Choose what the person agreed to: the consent tier."),
                self.consent.tier_buttons[ConsentTier.RECORD_ONLY],
            )
            return None
        picker = self.consent.picker
        profile_id = picker.chosen()
        if picker.typed() and profile_id is None:
            self._error(
                self.tr("Choose the person from the list, or empty the person field."),
                picker.person,
            )
            return None
        arguments = (
            self.what.day(),
            self.what.zone.currentData(),
            types,
            tier,
            PoliceReport(self.what.police.currentData()),
            self.consent.checked_support(),
            self.what.description.toPlainText() or None,
        )
        services = self.context.services
        try:
            if self.editing is not None:
                incident = services.edit_incident(
                    self.editing.id, *arguments, confirm_pii=confirm_pii, profile_id=profile_id
                )
            else:
                incident = services.record_incident(
                    *arguments, confirm_pii=confirm_pii, profile_id=profile_id
                )
        except PiiWarning as exc:
            self.pii_text.setText(describe(exc))
            self.pii.show()
            self.save_anyway.setFocus()
            return None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self._error(describe(exc))
            return None
        log.info("incident saved")
        edited = self.editing is not None
        self.clear()
        when = format_day(incident.date, self.context.language)
        _say(
            self.message,
            "ok",
            (
                self.tr("Changes saved — incident of %1")
                if edited
                else self.tr("Saved — incident of %1")
            ).replace("%1", when),
        )
        self.saved.emit(incident.id)
        return incident
