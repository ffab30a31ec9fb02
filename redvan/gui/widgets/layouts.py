"""Layouts written as what they hold, in order: `vbox(title, text, 12, hbox(ok, cancel, STRETCH))`.

An item is a widget, a layout, a whole number (fixed spacing in pixels), a `Stretch`, or a
tuple `(widget, stretch)` / `(widget, stretch, alignment)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Stretch:
    """Empty space that grows; `factor` as in QBoxLayout.addStretch."""

    factor: int = 0


STRETCH = Stretch()

Item = (
    QWidget
    | QLayout
    | int
    | Stretch
    | tuple[QWidget | QLayout, int]
    | tuple[QWidget, int, Qt.AlignmentFlag]
)
B = TypeVar("B", bound=QBoxLayout)


def fill(layout: B, items: Iterable[Item]) -> B:
    """Add `items` to a box layout, in order; returns the layout."""
    for item in items:
        if isinstance(item, Stretch):
            layout.addStretch(item.factor)
        elif isinstance(item, bool):
            raise TypeError("a layout item cannot be True or False")
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        elif isinstance(item, tuple):
            widget, *rest = item
            if isinstance(widget, QLayout):
                layout.addLayout(widget, *rest)
            else:
                layout.addWidget(widget, *rest)
        else:
            layout.addWidget(item)
    return layout


def _box(
    layout: B,
    items: tuple[Item, ...],
    margins: int | tuple[int, int, int, int] | None,
    spacing: int | None,
) -> B:
    if margins is not None:
        layout.setContentsMargins(*((margins,) * 4 if isinstance(margins, int) else margins))
    if spacing is not None:
        layout.setSpacing(spacing)
    return fill(layout, items)


def vbox(
    *items: Item,
    parent: QWidget | None = None,
    margins: int | tuple[int, int, int, int] | None = None,
    spacing: int | None = None,
) -> QVBoxLayout:
    """A column of `items`; with `parent`, the layout of that widget."""
    return _box(QVBoxLayout(parent), items, margins, spacing)


def hbox(
    *items: Item,
    parent: QWidget | None = None,
    margins: int | tuple[int, int, int, int] | None = None,
    spacing: int | None = None,
) -> QHBoxLayout:
    """A row of `items`; with `parent`, the layout of that widget."""
    return _box(QHBoxLayout(parent), items, margins, spacing)


def form(
    *rows: tuple[QWidget | str, QWidget | QLayout] | QWidget | QLayout,
    parent: QWidget | None = None,
    margins: int | tuple[int, int, int, int] | None = None,
) -> QFormLayout:
    """A form of `(label, field)` rows; a lone widget or layout spans the row."""
    layout = QFormLayout(parent)
    if margins is not None:
        layout.setContentsMargins(*((margins,) * 4 if isinstance(margins, int) else margins))
    for row in rows:
        if isinstance(row, tuple):
            layout.addRow(*row)
        else:
            layout.addRow(row)
    return layout


def tab_order(*widgets: QWidget) -> None:
    """Make Tab go through `widgets` in the order given (QWidget.setTabOrder, pair by pair)."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)
