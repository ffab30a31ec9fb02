"""The scaffold of a list of records: a row of labelled filters over a table that says, when
nothing matches, why it is empty (incidents, referrals)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout

from redvan.gui.widgets.layouts import Item, Stretch, hbox
from redvan.gui.widgets.texts import Text, Texts


def filter_row(
    t: Texts, changed: Callable[[], Any], *filters: tuple[Text, QComboBox]
) -> QHBoxLayout:
    """Each `(label text, combo box)` in a row, the label's mnemonic focusing its combo box;
    `changed` runs when any of them changes."""
    items: list[Item] = []
    for text, combo in filters:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i: changed())
        items += [t.label(text, buddy=combo), combo, 10]
    return hbox(*items, Stretch(1))
