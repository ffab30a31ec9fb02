"""Layouts written as what they hold, in order: `vbox(title, text, 12, hbox(ok, cancel, STRETCH))`.

An item is a widget, a layout, a whole number (fixed spacing in pixels), a `Stretch`, or a
tuple `(widget, stretch)` / `(widget, stretch, alignment)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict, TypeVar, Unpack

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


Margins = int | tuple[int, int, int, int]


class BoxOptions(TypedDict, total=False):
    parent: QWidget | None  # the widget whose layout this is
    margins: Margins  # one width for all sides, or (left, top, right, bottom)
    spacing: int


def _box(layout: B, items: tuple[Item, ...], **options: Unpack[BoxOptions]) -> B:
    if "margins" in options:
        margins = options["margins"]
        layout.setContentsMargins(*((margins,) * 4 if isinstance(margins, int) else margins))
    if "spacing" in options:
        layout.setSpacing(options["spacing"])
    return fill(layout, items)


def vbox(*items: Item, **options: Unpack[BoxOptions]) -> QVBoxLayout:
    """A column of `items`; with `parent`, the layout of that widget."""
    return _box(QVBoxLayout(options.pop("parent", None)), items, **options)


def hbox(*items: Item, **options: Unpack[BoxOptions]) -> QHBoxLayout:
    """A row of `items`; with `parent`, the layout of that widget."""
    return _box(QHBoxLayout(options.pop("parent", None)), items, **options)


def form(
    *rows: tuple[QWidget | str, QWidget | QLayout] | QWidget | QLayout,
    parent: QWidget | None = None,
    margins: Margins | None = None,
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


def centred(*items: Item, parent: QWidget, width: int) -> QWidget:
    """A column of `items` at most `width` wide, centred across `parent` and a third of the way
    down it (the pages before a vault is open); returns the column's widget."""
    column = QWidget()
    column.setMaximumWidth(width)
    vbox(*items, parent=column)
    vbox(STRETCH, hbox(STRETCH, column, STRETCH), Stretch(2), parent=parent)
    return column


def panel(*items: Item, row: bool = False, hidden: bool = False) -> QWidget:
    """A widget holding `items` in a column (in a row with `row=True`) without margins of its
    own, to show or hide as one piece; `hidden` until shown."""
    widget = QWidget()
    (hbox if row else vbox)(*items, parent=widget, margins=0)
    if hidden:
        widget.hide()
    return widget
