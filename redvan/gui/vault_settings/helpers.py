"""Small pieces the settings sections share: messages, cards, fields, formatting."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.widgets.text import scale_font

Index = QModelIndex | QPersistentModelIndex

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
    """Show an inline message with a theme role ("ok", "error", "warning", "subtitle")."""
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def card(layout: QVBoxLayout | QFormLayout | QGridLayout | QHBoxLayout) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    frame.setLayout(layout)
    return frame


def heading() -> QLabel:
    label = QLabel()
    scale_font(label, 1.15)
    return label


def subtitle() -> QLabel:
    label = QLabel()
    label.setProperty("role", "subtitle")
    label.setWordWrap(True)
    return label


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return field


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


def table_view(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return view


def _quiet_color() -> Any:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
