"""Settings → Language: the language of the screens and reports on this computer."""

from __future__ import annotations

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums
from redvan.gui.vault_settings.helpers import card, subtitle
from redvan.gui.workspace import Context


class LanguageSection(QWidget):
    language_requested = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.intro = subtitle()
        # Each language is named in itself, so it is found whatever the current language.
        self.english = QRadioButton("English")
        self.danish = QRadioButton("Dansk")
        self.group = QButtonGroup(self)
        self.group.addButton(self.english)
        self.group.addButton(self.danish)
        self.english.clicked.connect(lambda: self._choose("en"))
        self.danish.clicked.connect(lambda: self._choose("da"))
        box = QVBoxLayout()
        box.addWidget(self.intro)
        box.addWidget(self.english)
        box.addWidget(self.danish)
        layout = QVBoxLayout(self)
        layout.addWidget(card(box))
        layout.addStretch()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "The language of the screens and reports on this computer. Lists such as services "
                "and zones have labels in both languages, set under Lists."
            )
        )
        self.group.setExclusive(False)
        self.english.setChecked(not enums.is_danish(self.context.language))
        self.danish.setChecked(enums.is_danish(self.context.language))
        self.group.setExclusive(True)
        self.english.setAccessibleName("English")
        self.danish.setAccessibleName("Dansk")

    def refresh(self) -> None:
        self.retranslate()

    def _choose(self, code: str) -> None:
        if code != self.context.language:
            self.language_requested.emit(code)
