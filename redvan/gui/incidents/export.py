"""The export tab: the alert sheet or the anonymous police report for a span of weeks, each
description read and confirmed as it will be printed before the PDF is written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QVBoxLayout, QWidget

from redvan.core import enums
from redvan.core.incidents import IncidentExport, IncidentSheet
from redvan.core.vocabulary import VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.gui import background
from redvan.gui.incidents.models import type_order
from redvan.gui.incidents.review import ReviewCard
from redvan.gui.messages import describe
from redvan.gui.saved_files import SavedFileNotice, SaveFolder
from redvan.gui.widgets.dates import format_day
from redvan.gui.widgets.explained_choice import ExplainedChoice
from redvan.gui.widgets.layouts import Stretch, hbox, vbox
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.roles import say as _say
from redvan.gui.widgets.texts import Texts, without_mnemonic
from redvan.gui.widgets.weeks import WeekCombo
from redvan.gui.workspace import Context
from redvan.reports.alerts import write_alert_sheet
from redvan.reports.police import write_police_report

log = logging.getLogger(__name__)

WRITERS: dict[IncidentExport, Callable[[Path, IncidentSheet, str], None]] = {
    IncidentExport.ALERTS: write_alert_sheet,
    IncidentExport.POLICE: write_police_report,
}
# The file a PDF is suggested to be saved as, in English and in Danish.
STEMS = {
    IncidentExport.ALERTS: ("alert-sheet", "advarselsark"),
    IncidentExport.POLICE: ("police-report", "anmeldelse-til-politiet"),
}


class ExportPanel(QWidget):
    """Chooses what to make and for which weeks, shows the descriptions to confirm, and
    writes the PDF."""

    reviewed = Signal()  # the cards to confirm are shown (or gone)
    exported = Signal(str)  # the IncidentExport value

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cards: list[ReviewCard] = []
        self._review: tuple[IncidentExport, IsoWeek, IsoWeek] | None = None
        self._busy = False
        # Asks where to save a PDF; tests replace it (a file dialog cannot be driven offscreen).
        # None asks with the save dialog. (A bound method of this panel kept here would make a
        # reference cycle, which the garbage collector may free on a worker thread.)
        self.choose_file: Callable[[str], str | None] | None = None
        self.save_folder = SaveFolder(context.app_settings)
        t = self.texts = Texts()

        self.kinds = ExplainedChoice(IncidentExport, self)
        self.kind_buttons = self.kinds.buttons
        for kind, text, explanation in (
            (
                IncidentExport.ALERTS,
                lambda: self.tr("Alert &sheet for other outreach workers"),
                lambda: self.tr(
                    "Incidents with the consent tier “warn other workers”: week, zone, what "
                    "happened and the checked description. Nobody can be recognised from it."
                ),
            ),
            (
                IncidentExport.POLICE,
                lambda: self.tr("Anonymous report to the &police"),
                lambda: self.tr(
                    "Incidents with the consent tier “share anonymously with police via the "
                    "organisation”, each with a new reference kept in the vault, so the "
                    "organisation can answer the police's questions without naming anyone."
                ),
            ),
        ):
            t.bind(
                self.kind_buttons[kind],
                text=text,
                accessibleName=lambda text=text: without_mnemonic(text()),
            )
            t.bind(self.kinds.explanations[kind], text=explanation)
        self.kind_buttons[IncidentExport.ALERTS].setChecked(True)
        for button in self.kind_buttons.values():
            button.toggled.connect(lambda _on: self._clear_review())
        self.from_week, self.to_week = WeekCombo(), WeekCombo()
        t.bind(self.from_week, accessibleName=lambda: self.tr("First week"))
        t.bind(self.to_week, accessibleName=lambda: self.tr("Last week"))
        self.language = QComboBox()
        self.language.addItem("", "da")
        self.language.addItem("", "en")
        t.bind(self.language, accessibleName=lambda: self.tr("Language of the document"))
        self.from_week.currentIndexChanged.connect(lambda _i: self._clear_review())
        self.to_week.currentIndexChanged.connect(lambda _i: self._clear_review())
        self.review_button = t.button(
            lambda: self.tr("R&eview descriptions"),
            clicked=self.review,
            accessible=lambda: self.tr("Review the descriptions to print"),
        )
        choose = QFrame()
        choose.setProperty("role", "card")
        vbox(
            t.label(lambda: self.tr("What to make"), role="subtitle"),
            self.kinds.grid,
            4,
            hbox(
                t.label(lambda: self.tr("Fr&om"), buddy=self.from_week),
                self.from_week,
                t.label(lambda: self.tr("&To"), buddy=self.to_week),
                self.to_week,
                t.label(lambda: self.tr("La&nguage"), buddy=self.language),
                self.language,
                Stretch(1),
                self.review_button,
            ),
            parent=choose,
        )

        self.summary = t.label(self._summary_text, role="subtitle", wrap=True)
        self.cards_box = QVBoxLayout()
        self.cards_box.setContentsMargins(0, 0, 0, 0)
        cards = QWidget()
        vbox(self.cards_box, Stretch(1), parent=cards, margins=(0, 0, 4, 0))
        self.scroll = QScrollArea()
        self.scroll.setWidget(cards)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = role_label(hidden=True)
        self.export_button = t.button(
            lambda: self.tr("Save P&DF…"),
            role="primary",
            clicked=self.export,
            enabled=False,
            accessible=lambda: self.tr("Save the PDF"),
        )
        self.saved = SavedFileNotice()
        vbox(
            choose,
            self.summary,
            (self.scroll, 1),
            hbox((self.message, 10), (self.saved, 10), Stretch(1), self.export_button),
            parent=self,
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.saved.retranslate()
        self.language.setItemText(0, self.tr("Danish"))
        self.language.setItemText(1, self.tr("English"))
        self.fill_weeks()
        for card in self.cards:
            card.retranslate()

    def fill_weeks(self) -> None:
        today, lang = self.context.now().date(), self.context.language
        self.from_week.fill(today, lang)
        self.to_week.fill(today, lang)

    def _kind(self) -> IncidentExport:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def _clear_review(self) -> None:
        for card in self.cards:
            self.cards_box.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        self._review = None
        self.summary.setText(self._summary_text())
        self._update_export_button()

    def review(self) -> list[ReviewCard]:
        """Show every incident the chosen export would print, each to be read and confirmed."""
        self._clear_review()
        self.message.hide()
        first, last = self.from_week.week(), self.to_week.week()
        if first is None or last is None:
            return []
        if last < first:
            _say(self.message, "error", self.tr("The last week comes before the first."))
            self.to_week.setFocus()
            return []
        kind = self._kind()
        services = self.context.services
        try:
            incidents = services.incidents_for_export(kind, first, last)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            _say(self.message, "error", describe(exc))
            return []
        zones = {e.slug: e for e in services.store.vocabulary(VocabularyKind.ZONE)}
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
            self.cards.append(card)
        self._review = (kind, first, last)
        self.summary.setText(self._summary_text())
        self._update_export_button()
        self.reviewed.emit()
        if self.cards:
            self.cards[0].text.setFocus()
        return self.cards

    def _summary_text(self) -> str:
        if self._review is None:
            return self.tr(
                "Choose the weeks, then review: you will read every description exactly as "
                "it will be printed before anything is saved."
            )
        n = len(self.cards)
        if n:
            return self.tr(
                "%n incident(s) will be printed. Read each description as it will appear, edit "
                "it if needed (the record is not changed) and confirm it.",
                None,
                n,
            )
        if self._review[0] is IncidentExport.ALERTS:
            return self.tr("No incident in these weeks has the consent tier “warn other workers”.")
        return self.tr(
            "No incident in these weeks has the consent tier “share anonymously with "
            "police via the organisation”."
        )

    def _update_export_button(self) -> None:
        ready = bool(self.cards) and all(c.is_confirmed() for c in self.cards)
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
        if not self.cards or not all(c.is_confirmed() for c in self.cards):
            _say(self.message, "error", self.tr("Confirm every description first."))
            return False
        kind, first, last = self._review
        reviewed = {card.incident_id: card.printed() for card in self.cards}
        try:
            sheet = self.context.services.incident_sheet(kind, first, last, reviewed=reviewed)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            _say(self.message, "error", describe(exc))
            return False
        language = str(self.language.currentData())
        stem = STEMS[kind][1] if language == "da" else STEMS[kind][0]
        chosen = (self.choose_file or self._ask_file)(f"{stem}-{first}-{last}.pdf")
        if not chosen:
            return False
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        writer = WRITERS[kind]
        self._busy = True
        self._update_export_button()
        _say(self.message, "subtitle", self.tr("Writing the PDF…"))
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
            self.context.services.record_incident_export(sheet)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            target.unlink(missing_ok=True)  # references not kept: the report must not go out
            _say(self.message, "error", describe(exc))
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
        self.message.hide()
        self.saved.show_saved(target, describe_saved)
        self.exported.emit(sheet.kind.value)

    def _write_failed(self, exc: BaseException) -> None:
        self._busy = False
        _say(self.message, "error", describe(exc))
        self._update_export_button()
