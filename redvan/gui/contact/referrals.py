"""The contact form's referrals section: one row per referral, with a check to plan."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QToolButton,
    QWidget,
)

from redvan.core import enums
from redvan.core.enums import ReferralStatus
from redvan.core.model import (
    ReferralInput,
)
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.widgets.dates import date_edit_format, from_qdate, locale_for, to_qdate
from redvan.gui.widgets.roles import select_data
from redvan.gui.workspace import Context

# A referral check is planned this many days ahead unless the worker picks another day.
CHECK_AFTER_DAYS = 7


class ReferralRow(QWidget):
    """One referral: where to, how it stands, and a button to take it out again."""

    remove_requested = Signal(QWidget)

    def __init__(
        self, context: Context, destinations: list[VocabularyEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.destinations = destinations
        self.destination = QComboBox()
        self.destination.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.destination.setMinimumContentsLength(18)
        self.status = QComboBox()
        # Plan a referral check (a linked follow-up) as the contact is saved (issue 15, 7).
        self.check = QCheckBox()
        self.check_due = QDateEdit()
        self.check_due.setCalendarPopup(True)
        today = context.now().date()
        self.check_due.setMinimumDate(to_qdate(today))
        self.check_due.setDate(to_qdate(today + timedelta(days=CHECK_AFTER_DAYS)))
        self.check_due.setEnabled(False)
        self.check.toggled.connect(self.check_due.setEnabled)
        self.remove = QToolButton()
        self.remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        for entry in destinations:
            self.destination.addItem("", entry.slug)
        for status in ReferralStatus:
            self.status.addItem("", status.value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.destination)
        layout.addWidget(self.status)
        layout.addWidget(self.check)
        layout.addWidget(self.check_due)
        layout.addWidget(self.remove)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.context.language
        for index, entry in enumerate(self.destinations):
            self.destination.setItemText(index, entry.label(lang))
        for index, status in enumerate(ReferralStatus):
            self.status.setItemText(index, enums.label(status, lang))
        self.destination.setAccessibleName(self.tr("Referral to"))
        self.status.setAccessibleName(self.tr("Referral status"))
        self.check.setText(self.tr("C&heck by"))
        self.check.setAccessibleName(self.tr("Plan a check on this referral"))
        self.check_due.setAccessibleName(self.tr("Date to check on the referral"))
        self.check_due.setLocale(locale_for(lang))
        self.check_due.setDisplayFormat(date_edit_format(lang))
        self.remove.setText(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove this referral"))

    def value(self) -> dict[str, str]:
        value = {"destination": self.destination.currentData(), "status": self.status.currentData()}
        if self.check.isChecked():
            value["check_due"] = from_qdate(self.check_due.date()).isoformat()
        return value

    def set_value(self, value: dict[str, str]) -> None:
        select_data(self.destination, value.get("destination"))
        select_data(self.status, value.get("status", ReferralStatus.REFERRED.value))
        due = value.get("check_due")
        self.check.setChecked(bool(due))
        if due:
            self.check_due.setDate(to_qdate(date.fromisoformat(due)))

    def referral(self) -> ReferralInput:
        value = self.value()
        due = value.get("check_due")
        return ReferralInput(
            value["destination"],
            value["status"],
            check_due=date.fromisoformat(due) if due else None,
        )

    def set_coded(self, coded: bool) -> None:
        """A check needs a person to follow up with: none for a contact without code."""
        self.check.setEnabled(coded)
        if not coded:
            self.check.setChecked(False)
