"""Small pieces the settings sections share: headed cards, messages, fields, formatting."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from redvan.core import enums
from redvan.core.services import Services
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.widgets import roles
from redvan.gui.widgets.layouts import STRETCH, Item, fill, form, hbox, panel
from redvan.gui.widgets.roles import set_role
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.texts import Text, Texts
from redvan.gui.workspace import Context

Index = QModelIndex | QPersistentModelIndex


class Section(QWidget):
    """One tab of the Settings screen: it reaches the vault through the screen's context and
    writes its texts once (`self.texts`, read again by its `retranslate`)."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.texts = Texts()

    @property
    def services(self) -> Services:
        return self.context.services


# The order the lists are offered in.
KINDS = (
    VocabularyKind.SERVICE,
    VocabularyKind.DESTINATION,
    VocabularyKind.ZONE,
    VocabularyKind.CHANNEL,
    VocabularyKind.LANGUAGE,
    VocabularyKind.ORIGIN_REGION,
)


def say(label: QLabel, text: str, role: str) -> None:
    """Show an inline message with a theme role ("ok", "error", "warning", "subtitle"); an
    empty text hides it."""
    set_role(label, role)
    label.setText(text)
    label.setVisible(bool(text))


def heading(t: Texts, text: Text | None = None) -> QLabel:
    """A section's heading, a little larger than its text."""
    label = t.label(text)
    scale_font(label, 1.15)
    return label


def subtitle(t: Texts, text: Text | None = None) -> QLabel:
    """The quieter, wrapping line under a heading."""
    return t.label(text, role="subtitle", wrap=True)


def card(*items: Item) -> QFrame:
    """A framed card holding `items` in a column (as layouts.vbox)."""
    frame, layout = roles.card()
    fill(layout, items)
    return frame


def section(t: Texts, title: Text, *items: Item) -> QFrame:
    """The card a settings section is made of: its heading over `items`."""
    return card(heading(t, title), *items)


def labelled(
    t: Texts, text: Text, buddy: QWidget, field: QWidget | QLayout | None = None
) -> tuple[QLabel, QWidget | QLayout]:
    """A form row: the label whose mnemonic (&) focuses `buddy`, and the field (`buddy`
    itself, or the layout `field` holding it)."""
    return t.label(text, buddy=buddy), buddy if field is None else field


def growing_form(*rows: tuple[QWidget | str, QWidget | QLayout] | QWidget | QLayout) -> QFormLayout:
    """A form (as layouts.form) whose fields take all the width they are given."""
    layout = form(*rows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return layout


def confirm_below(question: QLabel, yes: QPushButton, no: QPushButton) -> QWidget:
    """A hidden question with its two answers in a row under it, on the right."""
    return panel(question, hbox(STRETCH, yes, no), hidden=True)


def ask_below(confirm: QWidget, status: QLabel, answer: QPushButton) -> None:
    """Show a confirm question in place of the section's last message; `answer` takes focus."""
    status.hide()
    confirm.show()
    answer.setFocus()


def password_field(t: Texts, name: Text, **texts: Text) -> QLineEdit:
    """A field for a passphrase or code: hidden as typed, kept from input-method history;
    `name` is its accessible name (more of its texts, e.g. placeholderText=, as Texts.bind)."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return t.bind(field, accessibleName=name, **texts)


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def locale_for(lang: str) -> QLocale:
    if enums.is_danish(lang):
        return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def data_size(size: int, lang: str) -> str:
    return locale_for(lang).formattedDataSize(
        size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def suggest_slug(label: str) -> str:
    """A slug from an English label: "Night café (Vesterbro)" → "night-cafe-vesterbro"."""
    text = label.casefold().translate(_DANISH_LETTERS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:40].rstrip("-")


def _quiet_color() -> Any:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
