"""A combo box of a team's vocabulary (zones, channels, languages, regions …), each entry
labelled in the interface language, with an optional "none" choice first."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from redvan.core import enums
from redvan.core.enums import Gender
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.widgets.roles import select_data


def _unknown(language: str) -> str:
    return enums.label(Gender.UNKNOWN, language)  # the lists' own "unknown"


class VocabularyCombo(QComboBox):
    """Entries as items (their slug as data); `none` words the empty choice in a language."""

    def __init__(
        self, none: Callable[[str], str] = _unknown, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._none = none
        self._entries: list[VocabularyEntry | None] = []

    def fill(
        self, entries: Sequence[VocabularyEntry], language: str, *, none: bool = False
    ) -> None:
        """List `entries` (after a "none" item with `none`), keeping the chosen one if it is
        still there, without a signal for the change."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self._entries = [None, *entries] if none else list(entries)
        for entry in self._entries:
            self.addItem("", entry.slug if entry else None)
        if not select_data(self, current):
            self.setCurrentIndex(0)
        self.blockSignals(False)
        self.relabel(language)

    def relabel(self, language: str) -> None:
        """Label the items in `language`."""
        for index, entry in enumerate(self._entries):
            self.setItemText(index, entry.label(language) if entry else self._none(language))
        self.updateGeometry()
