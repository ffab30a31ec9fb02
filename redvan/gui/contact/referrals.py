"""The contact form's referrals section: one row per referral, with a check to plan."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QToolButton, QWidget

from redvan.core import enums
from redvan.core.enums import ReferralStatus
from redvan.core.model import ReferralInput
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.widgets.dates import date_edit, from_qdate, set_date_language, to_qdate
from redvan.gui.widgets.layouts import Stretch, hbox, vbox
from redvan.gui.widgets.roles import select_data
from redvan.gui.widgets.texts import Texts
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
        t = self.texts = Texts()
        self.destination = t.bind(QComboBox(), accessibleName=lambda: self.tr("Referral to"))
        self.destination.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.destination.setMinimumContentsLength(18)
        self.status = t.bind(QComboBox(), accessibleName=lambda: self.tr("Referral status"))
        # Plan a referral check (a linked follow-up) as the contact is saved (issue 15, 7).
        self.check_due = t.bind(
            date_edit(), accessibleName=lambda: self.tr("Date to check on the referral")
        )
        today = context.now().date()
        self.check_due.setMinimumDate(to_qdate(today))
        self.check_due.setDate(to_qdate(today + timedelta(days=CHECK_AFTER_DAYS)))
        self.check_due.setEnabled(False)
        self.check = t.check(
            lambda: self.tr("C&heck by"),
            toggled=self.check_due.setEnabled,
            accessible=lambda: self.tr("Plan a check on this referral"),
        )
        self.remove = t.bind(
            QToolButton(),
            text=lambda: self.tr("Remove"),
            accessibleName=lambda: self.tr("Remove this referral"),
        )
        self.remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        for entry in destinations:
            self.destination.addItem("", entry.slug)
        for status in ReferralStatus:
            self.status.addItem("", status.value)
        hbox(
            self.destination,
            self.status,
            self.check,
            self.check_due,
            self.remove,
            Stretch(1),
            parent=self,
            margins=0,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()
        lang = self.context.language
        for index, entry in enumerate(self.destinations):
            self.destination.setItemText(index, entry.label(lang))
        for index, status in enumerate(ReferralStatus):
            self.status.setItemText(index, enums.label(status, lang))
        set_date_language(self.check_due, lang)

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


class ReferralsSection(QWidget):
    """A heading with "Add referral", then the rows; `changed` when a row comes or goes."""

    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.destinations: list[VocabularyEntry] = []  # for the rows made from now on
        self.rows: list[ReferralRow] = []
        t = self.texts = Texts()
        self.add_button = t.button(
            lambda: self.tr("Add &referral"), accessible=lambda: self.tr("Add a referral")
        )
        self.box = vbox(margins=0)
        heading = t.label(lambda: self.tr("Referrals"), role="subtitle")
        vbox(hbox(heading, 8, self.add_button, Stretch(1)), self.box, parent=self, margins=0)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = [self.add_button]
        for row in self.rows:
            chain += [row.destination, row.status, row.check, row.check_due, row.remove]
        return chain

    def retranslate(self) -> None:
        self.texts.retranslate()
        for row in self.rows:
            row.retranslate()

    def add(self, value: dict[str, str] | None, *, coded: bool) -> ReferralRow:
        """A new row (focused, unless it comes with a `value`)."""
        row = ReferralRow(self.context, self.destinations)
        row.remove_requested.connect(self.remove)
        if value:
            row.set_value(value)
        row.set_coded(coded)
        self.rows.append(row)
        self.box.addWidget(row)
        self.changed.emit()
        if value is None:
            row.destination.setFocus()
        return row

    def remove(self, row: QWidget) -> None:
        """Take a row out; the focus goes to the next one, or to "Add referral"."""
        if isinstance(row, ReferralRow) and row in self.rows:
            index = self.rows.index(row)
            self._drop(row)
            self.changed.emit()
            if self.rows:
                self.rows[min(index, len(self.rows) - 1)].destination.setFocus()
            else:
                self.add_button.setFocus()

    def clear(self) -> None:
        for row in list(self.rows):
            self._drop(row)

    def _drop(self, row: ReferralRow) -> None:
        self.rows.remove(row)
        self.box.removeWidget(row)
        row.hide()
        row.deleteLater()

    def set_coded(self, coded: bool) -> None:
        for row in self.rows:
            row.set_coded(coded)
