"""The form's second card: what the person agreed to (the consent tier), the support given
and, optionally, the person."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from redvan.core import enums
from redvan.core.enums import ConsentTier
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.incidents.person_picker import PersonPicker
from redvan.gui.widgets.explained_choice import ExplainedChoice
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context


class ConsentCard(QFrame):
    """The consent tier, the support given and the optional link to a person."""

    tier_changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.context = context
        self._support: list[VocabularyEntry] = []
        t = self.texts = Texts()
        self.tiers = ExplainedChoice(ConsentTier, self, lambda _on: self.tier_changed.emit())
        self.tier_buttons = self.tiers.buttons
        for tier, explanation in (
            (
                ConsentTier.RECORD_ONLY,
                lambda: self.tr(
                    "Kept in the vault for the team. No details are shared outside it."
                ),
            ),
            (
                ConsentTier.WARN_WORKERS,
                lambda: self.tr(
                    "Week, zone and what happened go on the alert sheet for other outreach "
                    "workers, with the description once a coordinator has checked it."
                ),
            ),
            (
                ConsentTier.POLICE_ANONYMOUS,
                lambda: self.tr(
                    "The organisation passes it on to the police without the person's "
                    "identity, with a reference for the police's questions."
                ),
            ),
            (
                ConsentTier.STATISTICS_ONLY,
                lambda: self.tr("Only counted in anonymous statistics. No details are shared."),
            ),
        ):
            label = partial(enums.label, tier)
            t.bind(
                self.tier_buttons[tier],
                text=lambda label=label: label(self.context.language),
                accessibleName=lambda label=label: label(self.context.language),
                accessibleDescription=explanation,
            )
            t.bind(self.tiers.explanations[tier], text=explanation)
        self.support = t.bind(QListWidget(), accessibleName=lambda: self.tr("Support given"))
        # The list takes the height the window gives (issue 15, item 9: 7 of 18 rows showed
        # above empty space at 1100 x 720).
        self.support.setMinimumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.picker = PersonPicker(context)
        self.references_label = role_label(hidden=True)
        vbox(
            t.label(
                lambda: self.tr("&Consent tier — what the person agreed to"),
                role="subtitle",
                buddy=self.tier_buttons[ConsentTier.RECORD_ONLY],
            ),
            self.tiers.grid,
            4,
            t.label(lambda: self.tr("&Support given"), role="subtitle", buddy=self.support),
            (self.support, 1),
            4,
            t.label(
                lambda: self.tr("Perso&n (optional — the link stays in the vault)"),
                role="subtitle",
                buddy=self.picker.person,
            ),
            self.picker,
            self.references_label,
            parent=self,
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._label_support()
        self.picker.retranslate()

    # -- support given --------------------------------------------------------------------------

    def set_support_choices(self, support: list[VocabularyEntry]) -> None:
        """The kinds of support to tick; keeps what was ticked."""
        if [e.slug for e in support] == [e.slug for e in self._support]:
            return
        checked = self.checked_support()
        self._support = support
        self.support.clear()
        for entry in support:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.slug)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.support.addItem(item)
        self.set_support(checked)
        self._label_support()

    def _label_support(self) -> None:
        lang = self.context.language
        for index, entry in enumerate(self._support):
            item = self.support.item(index)
            if item is not None:
                item.setText(entry.label(lang))

    def checked_support(self) -> list[str]:
        out = []
        for index in range(self.support.count()):
            item = self.support.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_support(self, slugs: Sequence[str]) -> None:
        wanted = set(slugs)
        for index in range(self.support.count()):
            item = self.support.item(index)
            state = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    # -- the police references ------------------------------------------------------------------

    def show_references(self, references: Sequence[str]) -> None:
        """The police references given for the incident being edited (none: hidden)."""
        if not references:
            self.references_label.hide()
            return
        self.references_label.setText(
            self.tr("Police references given: %1").replace("%1", ", ".join(references))
        )
        self.references_label.show()
