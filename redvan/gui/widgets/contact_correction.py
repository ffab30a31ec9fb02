"""Correct the past (issue 15, item 7): edit or void a saved contact.

Opened from Tonight's contacts and a person's timeline (double-click, Enter, or the right-
click menu). Time, zone, channel, services with their quantities and the note can be
corrected; the note passes the PII guard as on entry. Voiding takes a contact recorded by
mistake out of every count. Both are audited (an edit, a deletion) by the use cases.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from redvan.core.codes import alias_label
from redvan.core.model import Contact, ServiceGiven
from redvan.core.services import PiiWarning
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.messages import describe
from redvan.gui.widgets.confirm import ConfirmRow
from redvan.gui.widgets.dates import date_edit_format, format_moment, locale_for
from redvan.gui.widgets.layouts import STRETCH, Stretch, form, hbox, vbox
from redvan.gui.widgets.roles import ERROR, heading, role_label, say
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context


class CorrectContactDialog(QDialog):
    """Edit or void one saved contact. `corrected` / `voided` carry its id."""

    corrected = Signal(str)
    voided = Signal(str)

    def __init__(self, context: Context, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contact = contact
        lang = context.language
        store = context.services.store
        self.setModal(True)
        t = self.texts = Texts()
        t.bind(self, windowTitle=lambda: self.tr("Correct a contact"))

        self.title, self.subtitle = heading(1.25)
        t.bind(self.title, text=lambda: self.tr("Correct a contact"))
        self.time = QDateTimeEdit()
        self.time.setLocale(locale_for(lang))
        self.time.setDisplayFormat(date_edit_format(lang) + " HH:mm")
        self.time.setCalendarPopup(True)
        when = contact.time
        self.time.setDateTime(
            QDateTime.fromString(when.strftime("%Y-%m-%dT%H:%M:00"), Qt.DateFormat.ISODate)
        )
        self.time.setMaximumDateTime(self._qt(context.now()))
        self.zone = self._combo(store.vocabulary(VocabularyKind.ZONE), contact.zone)
        self.channel = self._combo(store.vocabulary(VocabularyKind.CHANNEL), contact.channel)

        given = {g.service: g.quantity for g in contact.services}
        self.services: list[tuple[str, QCheckBox, QSpinBox]] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        shown = [
            e for e in store.vocabulary(VocabularyKind.SERVICE) if not e.retired or e.slug in given
        ]
        for number, entry in enumerate(shown):
            box = QCheckBox(entry.label(lang))
            box.setChecked(entry.slug in given)
            amount = QSpinBox()
            amount.setRange(1, 999)
            amount.setValue(given.get(entry.slug, 1))
            amount.setEnabled(box.isChecked())
            # A quantity only where it is counted (condoms) or was given more than once.
            amount.setVisible(bool(entry.quantity) or given.get(entry.slug, 1) > 1)
            amount.setAccessibleName(entry.label(lang))
            box.toggled.connect(amount.setEnabled)
            row, column = divmod(number, 2)
            grid.addWidget(box, row, 2 * column)
            grid.addWidget(amount, row, 2 * column + 1)
            self.services.append((entry.slug, box, amount))
        self.note = QPlainTextEdit(contact.note or "")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        self.form = form(
            t.row(
                lambda: self.tr("&Time"),
                self.time,
                accessible=lambda: self.tr("Time of the contact"),
            ),
            t.row(lambda: self.tr("&Zone"), self.zone),
            t.row(lambda: self.tr("C&hannel"), self.channel),
            (t.label(lambda: self.tr("Services")), grid),
            t.row(lambda: self.tr("&Note"), self.note),
        )

        self.pii = ConfirmRow()
        self.pii.confirmed.connect(lambda: self._save(confirm_pii=True))
        self.pii.cancelled.connect(self.note.setFocus)
        self.void_row = ConfirmRow()
        self.void_row.confirmed.connect(self._void)
        self.error = role_label(ERROR, hidden=True)

        self.void_button = t.button(
            lambda: self.tr("&Void this contact…"),
            clicked=self.ask_void,
            accessible=lambda: self.tr("Void this contact"),
        )
        self.cancel_button = t.button(lambda: self.tr("Cancel"), clicked=self.reject)
        self.save_button = t.button(
            lambda: self.tr("&Save correction"), role="primary", clicked=lambda: self._save()
        )
        self.save_button.setDefault(True)
        vbox(
            self.title,
            self.subtitle,
            self.form,
            Stretch(1),
            self.pii,
            self.void_row,
            self.error,
            hbox(self.void_button, STRETCH, self.cancel_button, self.save_button),
            parent=self,
        )
        self.retranslate()
        self.time.setFocus()

    @staticmethod
    def _qt(moment: datetime) -> QDateTime:
        return QDateTime.fromString(moment.strftime("%Y-%m-%dT%H:%M:%S"), Qt.DateFormat.ISODate)

    def _combo(self, entries: list[VocabularyEntry], current: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem("—", None)
        for entry in entries:
            if not entry.retired or entry.slug == current:
                combo.addItem(entry.label(self.context.language), entry.slug)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def retranslate(self) -> None:
        lang = self.context.language
        self.texts.retranslate()
        who = self.tr("No code")
        if self.contact.profile_id is not None:
            found = self.context.services.store.aliases_by_id([self.contact.profile_id])
            alias = found.get(self.contact.profile_id, ("", None))[0]
            who = alias_label(alias, lang) if alias else who
        self.subtitle.setText(
            self.tr("%1, saved for %2. The correction is kept in the audit log.")
            .replace("%1", who)
            .replace("%2", format_moment(self.contact.time, lang))
        )
        self.pii.set_texts(self.tr("&Edit the note"), self.tr("Save &anyway"))
        self.void_row.set_texts(self.tr("&Keep it"), self.tr("&Void it"))

    # -- doing --------------------------------------------------------------------------------

    def chosen_services(self) -> list[ServiceGiven]:
        return [
            ServiceGiven(slug, amount.value())
            for slug, box, amount in self.services
            if box.isChecked()
        ]

    def _save(self, *, confirm_pii: bool = False) -> Contact | None:
        self.error.hide()
        moment = self.time.dateTime().toPython()
        assert isinstance(moment, datetime)
        try:
            contact = self.context.services.correct_contact(
                self.contact.id,
                time=moment.replace(second=0, microsecond=0),
                zone=self.zone.currentData(),
                channel=self.channel.currentData(),
                services=self.chosen_services(),
                note=self.note.toPlainText().strip() or None,
                confirm_pii=confirm_pii,
            )
        except PiiWarning as exc:
            self.pii.ask(describe(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.error, ERROR, describe(exc))
            return None
        self.contact = contact
        self.corrected.emit(contact.id)
        self.accept()
        return contact

    def save(self) -> Contact | None:
        return self._save()

    def ask_void(self) -> None:
        self.void_row.ask(
            self.tr(
                "Void this contact? It leaves every count and tally, with its services and "
                "referrals; the audit log keeps that it was voided."
            )
        )

    def _void(self) -> None:
        try:
            self.context.services.void_contact(self.contact.id)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.error, ERROR, describe(exc))
            return
        self.voided.emit(self.contact.id)
        self.accept()


class RowCorrection(QObject):
    """Double-click, Enter or the right-click menu on a row of `view` opens the correction
    of that row's contact; `done` refreshes what shows it. `dialog` and `menu` are the open
    ones (for tests and screenshots)."""

    def __init__(
        self,
        view: QAbstractItemView,
        context: Context,
        contact_id_at: Callable[[int], str | None],
        done: Callable[[], None],
    ) -> None:
        super().__init__(view)
        self.view, self.context = view, context
        self._contact_id_at, self._done = contact_id_at, done
        self.dialog: CorrectContactDialog | None = None
        self.menu: QMenu | None = None
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        # activated: Enter, and a double-click (or a click where the style says so).
        view.activated.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int, *, void: bool = False) -> CorrectContactDialog | None:
        contact_id = self._contact_id_at(row)
        if contact_id is None or self.context.session.services is None:
            return None
        contact = self.context.services.store.contact_by_id(contact_id)
        if contact is None:
            return None
        dialog = CorrectContactDialog(self.context, contact, self.view.window())
        dialog.corrected.connect(self._finished)
        dialog.voided.connect(self._finished)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        if void:
            dialog.ask_void()
        return dialog

    def _finished(self, _contact_id: str) -> None:
        self._done()

    def _menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid() or self._contact_id_at(index.row()) is None:
            return
        row = index.row()
        popup = QMenu(self.view)
        correct = popup.addAction(
            QCoreApplication.translate("CorrectContactDialog", "&Correct this contact…")
        )
        correct.triggered.connect(lambda: self.open_row(row))
        void = popup.addAction(
            QCoreApplication.translate("CorrectContactDialog", "&Void this contact…")
        )
        void.triggered.connect(lambda: self.open_row(row, void=True))
        popup.aboutToHide.connect(popup.deleteLater)
        self.menu = popup
        popup.popup(self.view.viewport().mapToGlobal(position))
