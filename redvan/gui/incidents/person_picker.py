"""The optional link to a person: type part of an alias, choose among the matches."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from redvan.core.codes import alias_label
from redvan.core.model import Profile
from redvan.gui.widgets.layouts import hbox
from redvan.gui.widgets.people import find_people
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context

SEARCH_DELAY_MS = 250


class PersonPicker(QWidget):
    """An alias field and the persons it matches; searches a moment after typing stops."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._people: list[Profile] = []
        t = self.texts = Texts()
        self.person = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Alias, e.g. Heron-42"),
            accessibleName=lambda: self.tr("Person's alias"),
        )
        self.person.textEdited.connect(lambda _t: self.search_timer.start())
        self.person.returnPressed.connect(self.search)
        self.matches = t.bind(QComboBox(), accessibleName=lambda: self.tr("Matching persons"))
        self.matches.setEnabled(False)
        self.matches.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.search)
        hbox((self.person, 1), (self.matches, 1), parent=self, margins=0)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._fill_matches()

    def typed(self) -> bool:
        return bool(self.person.text().strip())

    def chosen(self) -> str | None:
        """The id of the person chosen (searching first if a search is due)."""
        if self.search_timer.isActive():
            self.search()
        return self.matches.currentData() or None

    def set_person(self, profile_id: str | None) -> None:
        profile = self.context.services.store.profile_by_id(profile_id) if profile_id else None
        self._people = [profile] if profile else []
        self.person.setText(alias_label(profile.alias, self.context.language) if profile else "")
        self._fill_matches()

    def search(self) -> None:
        self.search_timer.stop()
        text = self.person.text().strip()
        self._people = find_people(self.context.services.store, text) if text else []
        self._fill_matches()

    def _fill_matches(self) -> None:
        lang = self.context.language
        self.matches.clear()
        for profile in self._people:
            self.matches.addItem(alias_label(profile.alias, lang), profile.id)
        self.matches.setEnabled(bool(self._people))
        # A combo box with a placeholder does not select its first item by itself: after one
        # miss, a later match would sit unselected under "No one with that alias" (issue 15).
        missed = not self._people and self.typed()
        self.matches.setPlaceholderText(self.tr("No one with that alias") if missed else "")
        self.matches.setCurrentIndex(0 if self._people else -1)
