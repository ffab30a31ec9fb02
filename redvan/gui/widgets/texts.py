"""A screen's translatable texts, each written once where its widget is made.

Qt's hand-written pattern sets every text twice: an empty widget in the constructor, then a
long `retranslate()` of `widget.setText(self.tr(...))` lines that must list every widget again.
Here a text is a small function, `lambda: self.tr("&Save")`, bound to the widget property it
fills when the widget is made; `Texts.retranslate()` reads them all again after a change of
language. `self.tr` stays inside the class, so lupdate still files each string under the
screen's own context and the translations do not move.

    t = self.texts = Texts()
    self.save = t.button(lambda: self.tr("&Save"), role="primary", clicked=self.save_now)
    t.bind(self.alias, accessibleName=lambda: self.tr("Alias"))
    ...
    def retranslate(self) -> None:
        self.texts.retranslate()
        # then only what depends on the screen's state
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QWidget,
)

from redvan.gui.widgets import roles
from redvan.gui.widgets.text import scale_font

Text = Callable[[], str]
W = TypeVar("W", bound=QObject)
F = TypeVar("F", bound=QWidget)
C = TypeVar("C", bound=QComboBox)
P = TypeVar("P", bound=QWidget)
B = TypeVar("B", bound=QAbstractButton)

# The properties a text can fill, by the keyword `bind` takes.
_SETTERS = {
    "text": "setText",
    "title": "setTitle",
    "toolTip": "setToolTip",
    "statusTip": "setStatusTip",
    "whatsThis": "setWhatsThis",
    "accessibleName": "setAccessibleName",
    "accessibleDescription": "setAccessibleDescription",
    "placeholderText": "setPlaceholderText",
    "windowTitle": "setWindowTitle",
    "prefix": "setPrefix",
    "suffix": "setSuffix",
    "specialValueText": "setSpecialValueText",
}


class Texts:
    """The translatable texts of one screen (or section), bound to their widgets."""

    def __init__(self) -> None:
        self._bound: list[tuple[Callable[[str], Any], Text]] = []

    def bind(self, target: W, **texts: Text | None) -> W:
        """Fill `target`'s properties (text=, accessibleName=, toolTip= …) now and after every
        change of language; returns `target`, so it can wrap a constructor."""
        for name, text in texts.items():
            if text is None:
                continue
            if name not in _SETTERS:
                raise TypeError(f"a text cannot fill the property {name!r}")
            self.call(getattr(target, _SETTERS[name]), text)
        return target

    def retranslate(self) -> None:
        """Read every bound text again (call after the translator changed)."""
        for setter, text in self._bound:
            setter(text())

    # -- widgets made with their texts ---------------------------------------------------------

    def label(
        self,
        text: Text | None = None,
        *,
        role: str | None = None,
        wrap: bool = False,
        buddy: QWidget | None = None,
        hidden: bool = False,
        accessible: Text | None = None,
        scale: float | None = None,
    ) -> QLabel:
        """A label in a theme role; `buddy` is the field its mnemonic (&) focuses; `scale`
        makes it a bold heading that much larger than the system font."""
        label = _in_role(QLabel(), role)
        if scale is not None:
            scale_font(label, scale)
        label.setWordWrap(wrap)
        if buddy is not None:
            label.setBuddy(buddy)
        if hidden:
            label.hide()  # (never setVisible(True): a label without a parent would be a window)
        return self.bind(label, text=text, accessibleName=accessible)

    def notice(self, text: Text) -> QLabel:
        """A wrapped text standing alone at the top left of a page's place, such as what a
        coordinator's page says to a worker instead of its body."""
        label = self.label(text, wrap=True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def button(
        self,
        text: Text,
        *,
        role: str | None = None,
        clicked: Callable[..., Any] | SignalInstance | None = None,
        flat: bool = False,
        enabled: bool = True,
        accessible: Text | None = None,
        tip: Text | None = None,
    ) -> QPushButton:
        """A push button; `role="primary"` is the screen's main action."""
        button = _in_role(QPushButton(), role)
        button.setFlat(flat)
        button.setEnabled(enabled)
        if clicked is not None:
            button.clicked.connect(clicked)
        return self.bind(button, text=text, accessibleName=accessible, toolTip=tip)

    def check(self, text: Text, **options: Any) -> QCheckBox:
        """A check box; options as for `toggle`."""
        return self.toggle(QCheckBox(), text, **options)

    def radio(self, text: Text, **options: Any) -> QRadioButton:
        """A radio button; options as for `toggle`."""
        return self.toggle(QRadioButton(), text, **options)

    def toggle(
        self,
        box: B,
        text: Text,
        *,
        checked: bool = False,
        toggled: Callable[[bool], Any] | SignalInstance | None = None,
        accessible: Text | None = None,
        tip: Text | None = None,
    ) -> B:
        """A check box or radio button with its text, first state and what its toggling calls."""
        box.setChecked(checked)
        if toggled is not None:
            box.toggled.connect(toggled)
        return self.bind(box, text=text, accessibleName=accessible, toolTip=tip)

    def heading(
        self, title: Text, subtitle: Text | None = None, *, factor: float = 1.5, wrap: bool = True
    ) -> tuple[QLabel, QLabel]:
        """A screen's title and the line under it (see `roles.heading`)."""
        top, under = roles.heading(factor, wrap=wrap)
        return self.bind(top, text=title), self.bind(under, text=subtitle)

    def group(self, title: Text) -> QGroupBox:
        return self.bind(QGroupBox(), title=title)

    def action(
        self,
        parent: QObject,
        text: Text,
        *,
        triggered: Callable[..., Any] | SignalInstance | None = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        checkable: bool = False,
    ) -> QAction:
        """A menu or toolbar action owned by `parent`."""
        action = QAction(parent)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if triggered is not None:
            action.triggered.connect(triggered)
        return self.bind(action, text=text)

    def row(self, text: Text, field: F, *, accessible: Text | None = None) -> tuple[QLabel, F]:
        """A form row, `(label, field)`: the label's mnemonic (&) focuses `field`, and screen
        readers call the field by `accessible` — by default the label's text without its &."""
        self.bind(field, accessibleName=accessible or (lambda: without_mnemonic(text())))
        return self.label(text, buddy=field), field

    # -- texts that are not a property: a tab's title, a combo box's items ------------------------

    def call(self, setter: Callable[[str], Any], text: Text) -> None:
        """Fill what `setter` sets (a tab's title, a combo box item's text …) now and after
        every change of language."""
        self._bound.append((setter, text))
        setter(text())

    def tab(self, tabs: QTabWidget, page: P, title: Text) -> P:
        """Add `page` to `tabs` under a translated title; returns `page`."""
        tabs.addTab(page, "")
        self.call(lambda text: tabs.setTabText(tabs.indexOf(page), text), title)
        return page

    def items(self, combo: C, *items: tuple[Text, Any]) -> C:
        """Add `(text, data)` items to `combo`, each text translated; returns `combo`."""
        for text, data in items:
            combo.addItem("", data)
            self.call(partial(combo.setItemText, combo.count() - 1), text)
        return combo


def _in_role(widget: F, role: str | None) -> F:
    """`widget` in a theme role (see roles.py), or in none."""
    if role is not None:
        widget.setProperty("role", role)
    return widget


def without_mnemonic(text: str) -> str:
    """A label's text as it reads: "&Staff member" → "Staff member" ("&&" is a plain "&")."""
    return re.sub("&(&?)", r"\1", text)
