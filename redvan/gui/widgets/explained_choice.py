"""Radio buttons, each with a sentence under it saying what choosing it means."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QRadioButton, QWidget

K = TypeVar("K")


class ExplainedChoice(Generic[K]):
    """One radio button a key, its explanation indented under it; at most one is chosen."""

    def __init__(
        self,
        keys: Iterable[K],
        owner: QWidget,
        toggled: Callable[[bool], Any] | None = None,
    ) -> None:
        self.group = QButtonGroup(owner)
        self.buttons: dict[K, QRadioButton] = {}
        self.explanations: dict[K, QLabel] = {}
        self.grid = QGridLayout()
        self.grid.setVerticalSpacing(0)
        self.grid.setColumnMinimumWidth(0, owner.fontMetrics().horizontalAdvance("M") * 2)
        for number, key in enumerate(keys):
            button = QRadioButton()
            if toggled is not None:
                button.toggled.connect(toggled)
            explanation = QLabel()
            explanation.setProperty("role", "subtitle")
            explanation.setWordWrap(True)
            self.group.addButton(button)
            self.buttons[key] = button
            self.explanations[key] = explanation
            self.grid.addWidget(button, number * 2, 0, 1, 2)
            self.grid.addWidget(explanation, number * 2 + 1, 1)

    def chosen(self) -> K | None:
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)

    def choose(self, key: K | None) -> None:
        """Check the button of `key`; with None, none at all."""
        self.group.setExclusive(False)
        for each, button in self.buttons.items():
            button.setChecked(each == key)
        self.group.setExclusive(True)
