"""Settings → Language: the language of the screens and reports on this computer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QWidget

from redvan.core import enums
from redvan.gui.vault_settings.helpers import Section, card, subtitle
from redvan.gui.widgets.layouts import STRETCH, vbox
from redvan.gui.workspace import Context


class LanguageSection(Section):
    language_requested = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Each language is named in itself, so it is found whatever the current language.
        self.english = QRadioButton("English")
        self.danish = QRadioButton("Dansk")
        self.english.setAccessibleName("English")
        self.danish.setAccessibleName("Dansk")
        self.group = QButtonGroup(self)
        self.group.addButton(self.english)
        self.group.addButton(self.danish)
        self.english.clicked.connect(lambda: self._choose("en"))
        self.danish.clicked.connect(lambda: self._choose("da"))
        intro = subtitle(
            self.texts,
            lambda: self.tr(
                "The language of the screens and reports on this computer. Lists such as "
                "services and zones have labels in both languages, set under Lists."
            ),
        )
        vbox(card(intro, self.english, self.danish), STRETCH, parent=self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.group.setExclusive(False)
        self.english.setChecked(not enums.is_danish(self.context.language))
        self.danish.setChecked(enums.is_danish(self.context.language))
        self.group.setExclusive(True)

    def refresh(self) -> None:
        self.retranslate()

    def _choose(self, code: str) -> None:
        if code != self.context.language:
            self.language_requested.emit(code)
