"""The form's first card: when and where it happened, whether it was reported to the police,
what happened (one or more types) and the description."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QPlainTextEdit,
    QWidget,
)

from redvan.core import enums, limits
from redvan.core.enums import IncidentType, PoliceReport
from redvan.core.model import Incident
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.widgets.dates import locale_for
from redvan.gui.widgets.layouts import form, vbox
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.texts import Texts


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class WhatHappened(QFrame):
    """Date, zone, police, the types ticked and the description of one incident."""

    types_changed = Signal()
    description_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._zones: list[VocabularyEntry] = []
        self.language = "en"
        t = self.texts = Texts()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        t.bind(self.date, accessibleName=lambda: self.tr("Date of the incident"))
        self.zone = t.bind(QComboBox(), accessibleName=lambda: self.tr("Zone"))
        self.police = t.bind(QComboBox(), accessibleName=lambda: self.tr("Reported to the police"))
        for member in PoliceReport:
            self.police.addItem("", member.value)
        self.police.setCurrentIndex(self.police.findData(PoliceReport.NO.value))
        fields = form(
            (t.label(lambda: self.tr("&Date"), buddy=self.date), self.date),
            (t.label(lambda: self.tr("&Zone"), buddy=self.zone), self.zone),
            (t.label(lambda: self.tr("Reported to the &police"), buddy=self.police), self.police),
        )
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

        self.type_boxes: dict[IncidentType, QCheckBox] = {}
        types = QGridLayout()
        types.setHorizontalSpacing(16)
        members = list(IncidentType)
        half = (len(members) + 1) // 2
        for number, member in enumerate(members):
            box = QCheckBox()
            box.toggled.connect(lambda _on: self.types_changed.emit())
            self.type_boxes[member] = box
            types.addWidget(box, number % half, number // half)

        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.description.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.description.textChanged.connect(self.description_changed)
        t.bind(
            self.description,
            accessibleName=lambda: self.tr("Description"),
            placeholderText=lambda: self.tr(
                "What happened, and anything other workers should look out for"
            ),
        )
        vbox(
            fields,
            4,
            t.label(
                lambda: self.tr("&What happened (one or more)"),
                role="subtitle",
                buddy=self.type_boxes[members[0]],
            ),
            types,
            4,
            t.label(
                lambda: self.tr("Descr&iption (optional — no names, numbers or addresses)"),
                role="subtitle",
                buddy=self.description,
            ),
            (self.description, 1),
            attach_counter(self.description, limits.FREE_TEXT),
            parent=self,
        )

    def retranslate(self, lang: str) -> None:
        self.language = lang
        self.texts.retranslate()
        self.date.setLocale(locale_for(lang))
        self.date.setDisplayFormat("ddd d. MMM yyyy" if enums.is_danish(lang) else "ddd d MMM yyyy")
        self._label_zones()
        for index, member in enumerate(PoliceReport):
            self.police.setItemText(index, enums.label(member, lang))
        for member, box in self.type_boxes.items():
            label = enums.label(member, lang)
            box.setText(label.replace("&", "&&"))
            box.setAccessibleName(label)

    def set_zones(self, zones: list[VocabularyEntry]) -> None:
        """The zones to choose from (after "No zone"); keeps the one chosen."""
        if [e.slug for e in zones] == [e.slug for e in self._zones] and self.zone.count():
            return
        current = self.zone.currentData()
        self._zones = zones
        self.zone.clear()
        self.zone.addItem("", None)
        for entry in zones:
            self.zone.addItem("", entry.slug)
        self.choose_zone(current)
        self._label_zones()

    def _label_zones(self) -> None:
        for index in range(self.zone.count()):
            slug = self.zone.itemData(index)
            entry = next((e for e in self._zones if e.slug == slug), None)
            self.zone.setItemText(
                index, entry.label(self.language) if entry else self.tr("No zone")
            )

    def choose_zone(self, slug: object) -> None:
        self.zone.setCurrentIndex(max(self.zone.findData(slug), 0))

    def day(self) -> date:
        chosen = self.date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def types(self) -> list[IncidentType]:
        return [member for member, box in self.type_boxes.items() if box.isChecked()]

    def set_types(self, values: object) -> None:
        for member, box in self.type_boxes.items():
            box.setChecked(member.value in values)  # type: ignore[operator]

    def has_input(self) -> bool:
        return bool(self.types()) or bool(self.description.toPlainText().strip())

    def clear(self, today: date, zone: str | None) -> None:
        """Today, the zone of the open shift, nothing ticked, not reported, no description."""
        self.date.setDate(qdate(today))
        self.zone.setCurrentIndex(0)
        if zone is not None:
            self.choose_zone(zone)
        self.set_types(())
        self.police.setCurrentIndex(self.police.findData(PoliceReport.NO.value))
        self.description.setPlainText("")

    def load(self, incident: Incident) -> None:
        self.date.setDate(qdate(incident.date))
        self.choose_zone(incident.zone)
        self.set_types(incident.types)
        self.police.setCurrentIndex(max(self.police.findData(incident.reported_to_police), 0))
        self.description.setPlainText(incident.description or "")
