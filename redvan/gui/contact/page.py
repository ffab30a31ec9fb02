"""Contact entry (G3): one meeting logged in a few key presses, then a clean form for the next.

The common path is keyboard-only: type the person's code, Enter (the person is looked up and
focus moves to the services), a digit per service, Ctrl+Enter saves. The code is shown only in
its own field while it is typed and is gone from every widget once the contact is saved.

The page composes the sections (header, banner, person, services, referrals, note, save bar)
and wires them: saving, the short undo, drafts, the tab order and the keys.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSpinBox, QWidget

from redvan.core.enums import AgeBand, Gender
from redvan.core.model import ContactInput, SaveResult, ServiceGiven
from redvan.core.services import PiiWarning
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.contact.banner import SaveBanner
from redvan.gui.contact.header import ContactHeader
from redvan.gui.contact.note import NoteSection
from redvan.gui.contact.person import Person, PersonCard
from redvan.gui.contact.referrals import ReferralRow, ReferralsSection
from redvan.gui.contact.save_bar import SaveBar
from redvan.gui.contact.services import ServicesGrid, ServiceToggle
from redvan.gui.messages import describe
from redvan.gui.widgets.focus import tab_order
from redvan.gui.widgets.layouts import Stretch, vbox
from redvan.gui.widgets.roles import select_data
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context, WorkspacePage

log = logging.getLogger(__name__)

UNDO_MS = 10_000
# What a quantity service starts at before the team has used it this session.
DEFAULT_QUANTITIES = {"condoms": 10, "lubricant": 1, "coffee-food": 1}
DIGITS = "1234567890"
DRAFT_VERSION = 1


class ContactEntryPage(WorkspacePage):
    """G3: the code, who the person is, what was given, referrals, a note; save and go on."""

    key = "contact"

    contact_saved = Signal(str)
    contact_undone = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._quantities: dict[str, int] = dict(DEFAULT_QUANTITIES)
        self._shift_id: str | None = None
        self._last_result: SaveResult | None = None
        self._undo_snapshot: dict[str, Any] | None = None
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_MS)
        self.undo_timer.timeout.connect(self._end_undo_offer)

        t = self.texts = Texts()
        self.header = ContactHeader(context)
        self.banner = SaveBanner(context)
        self.person_card = PersonCard(context)
        self.services_label = t.label(
            lambda: self.tr("&Services — keys 1–9 and 0 switch the first ten"), role="subtitle"
        )
        self.services_box = ServicesGrid()
        self.referrals = ReferralsSection(context)
        self.note_section = NoteSection()
        self.save_bar = SaveBar()
        self._reach_into_sections()

        body = QWidget()
        vbox(
            self.person_card,
            4,
            self.services_label,
            self.services_box,
            4,
            self.referrals,
            4,
            self.note_section,
            Stretch(1),
            parent=body,
            margins=(0, 0, 4, 0),
        )
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        vbox(self.header, self.banner, (self.scroll_area, 1), self.save_bar, parent=self)

        self._wire()
        self.reload()
        self.retranslate()
        self.clear_form()

    def _reach_into_sections(self) -> None:
        """The section widgets the page (and its tests and screenshots) works with."""
        header, person, bar = self.header, self.person_card, self.save_bar
        self.shift_label = header.shift_label
        self.time, self.channel, self.zone = header.time, header.channel, header.zone
        self.banner_text, self.undo_button = self.banner.text, self.banner.undo_button
        self.code, self.no_code = person.code, person.no_code
        self.person_name, self.person_detail = person.person_name, person.person_detail
        self.age, self.gender = person.age, person.gender
        self.language, self.region = person.language, person.region
        self.safeguard = person.safeguard
        self.safeguard_text, self.safeguard_check = person.safeguard.text, person.safeguard.check
        self.add_referral = self.referrals.add_button
        self.note = self.note_section.note
        self.pii, self.pii_text = bar.pii, bar.pii.text
        self.edit_note, self.save_anyway = bar.pii.back, bar.pii.on
        self.error = bar.error

    def _wire(self) -> None:
        self.person_card.edited.connect(self.save_bar.hide_error)
        self.person_card.found.connect(self._focus_services)
        self.person_card.uncoded.connect(self._uncoded)
        self.banner.undo_button.clicked.connect(self.undo)
        self.referrals.add_button.clicked.connect(lambda: self.add_referral_row())
        self.referrals.changed.connect(self._fix_tab_order)
        self.pii.confirmed.connect(lambda: self.save(confirm_pii=True))
        self.pii.cancelled.connect(self._edit_note)
        self.save_bar.clear_button.clicked.connect(self.clear_form)
        self.save_bar.save_button.clicked.connect(lambda: self.save())
        for field in (self.code, self.note):
            field.installEventFilter(self)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        save = QShortcut(self)
        save.setKeys([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.setContext(context)
        save.activated.connect(lambda: self.save())
        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_shortcut.setContext(context)
        self.undo_shortcut.activated.connect(self.undo)
        self.undo_shortcut.setEnabled(False)
        # Text fields take digits for themselves (Qt's shortcut override), so these act only
        # when the focus is on a toggle, a button or a list.
        self._digit_shortcuts = []
        for index, digit in enumerate(DIGITS):
            shortcut = QShortcut(self)
            shortcut.setKeys([QKeySequence(digit), QKeySequence(f"Num+{digit}")])
            shortcut.setContext(context)
            shortcut.activated.connect(lambda i=index: self.toggle_service(i))
            self._digit_shortcuts.append(shortcut)

    # -- vocabularies and shift ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the lists and the running shift from the vault; keeps what is typed."""
        store = self.services.store
        lang = self.context.language

        def active(kind: VocabularyKind) -> list[VocabularyEntry]:
            return sorted(
                (e for e in store.vocabulary(kind) if not e.retired), key=lambda e: (e.sort, e.slug)
            )

        services = active(VocabularyKind.SERVICE)
        if services != self.services_box.services:
            self.services_box.rebuild(services, self._quantities)
            self.services_box.label(lang)
            self._fix_tab_order()
        self.referrals.destinations = active(VocabularyKind.DESTINATION)
        first_load = self.channel.count() == 0
        regions = active(VocabularyKind.ORIGIN_REGION)
        self.channel.fill(active(VocabularyKind.CHANNEL), lang)
        self.zone.fill(active(VocabularyKind.ZONE), lang, none=True)
        self.language.fill(active(VocabularyKind.LANGUAGE), lang, none=True)
        self.region.fill(regions, lang, none=not any(e.slug == "unknown" for e in regions))

        shift = store.open_shift()
        shift_id = shift.id if shift else None
        if shift_id != self._shift_id:
            self._shift_id = shift_id
            if shift is not None and shift.zones:
                select_data(self.zone, shift.zones[0])
        if first_load and not select_data(self.channel, "street"):
            self.channel.setCurrentIndex(0)
        self.header.shift = shift

    @property
    def _toggles(self) -> list[ServiceToggle]:
        return self.services_box.toggles

    @property
    def _spins(self) -> dict[str, QSpinBox]:
        return self.services_box.spins

    @property
    def _referrals(self) -> list[ReferralRow]:
        return self.referrals.rows

    def _fix_tab_order(self) -> None:
        tab_order(
            *self.person_card.focus_chain(),
            *self.services_box.focus_chain(),
            *self.referrals.focus_chain(),
            self.note,
            *self.save_bar.focus_chain(),
            self.undo_button,
            *self.header.focus_chain(),
        )

    # -- the page contract ----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("New contact")

    def refresh(self) -> None:
        try:
            self.reload()
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self.save_bar.show_error(describe(exc))
        self.header.follow_clock()
        self.header.show_shift()
        self._focus_start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.code.isEnabled() and not self._has_input():
            QTimer.singleShot(0, self, self._focus_start)

    def retranslate(self) -> None:
        lang = self.context.language
        for texts in (self.texts, self.header.texts, self.note_section.texts, self.save_bar.texts):
            texts.retranslate()
        self.header.relabel()
        self.person_card.retranslate()
        if self._toggles:
            self.services_label.setBuddy(self._toggles[0])
        self.services_box.label(lang)
        self.referrals.retranslate()
        self.banner.retranslate()
        self._fix_tab_order()

    # -- focus, services, referrals -----------------------------------------------------------

    def look_up(self, *, final: bool) -> Person:
        return self.person_card.look_up(final=final)

    def _uncoded(self, uncoded: bool) -> None:
        self.referrals.set_coded(not uncoded)
        if uncoded:
            self._focus_services()

    def toggle_service(self, index: int) -> None:
        if 0 <= index < len(self._toggles):
            self._toggles[index].toggle()

    def _focus_start(self) -> None:
        if self.code.isEnabled():
            self.code.setFocus()
        else:
            self._focus_services()

    def _focus_services(self) -> None:
        if self._toggles:
            self._toggles[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def add_referral_row(self, value: dict[str, str] | None = None) -> ReferralRow:
        return self.referrals.add(value, coded=not self.no_code.isChecked())

    def _remove_referral(self, row: QWidget) -> None:
        self.referrals.remove(row)

    def contact_time(self) -> datetime:
        """Now, or the time typed in for a contact earlier tonight (never in the future)."""
        return self.header.contact_time()

    # -- saving -----------------------------------------------------------------------------

    def _entry(self) -> ContactInput:
        coded = not self.no_code.isChecked()
        given = self.services_box.given()
        age = self.age.currentData()
        gender = self.gender.currentData()
        return ContactInput(
            time=self.contact_time(),
            zone=self.zone.currentData(),
            channel=self.channel.currentData(),
            code=self.code.text() if coded else None,
            age_band=None if age == AgeBand.UNKNOWN.value else age,
            gender=None if gender == Gender.UNKNOWN.value else gender,
            language=self.language.currentData(),
            origin_region=self.region.currentData() if coded else None,
            services=tuple(ServiceGiven(slug, quantity) for slug, quantity in given.items()),
            referrals=tuple(r.referral() for r in self._referrals),
            note=self.note.toPlainText() or None,
        )

    def save(self, *, confirm_pii: bool = False) -> SaveResult | None:
        """Save the form; on success show the banner, offer undo and clear for the next person."""
        self.save_bar.hide_error()
        if not self.no_code.isChecked():
            if not self.code.text().strip():
                self.save_bar.show_error(
                    self.tr("Type the person's code, or choose No code (Alt+N).")
                )
                self.code.setFocus()
                return None
            if self.look_up(final=True).state == "invalid":
                self.save_bar.show_error(self.person_detail.text())
                self.code.setFocus()
                return None
        if self.person_card.minor() and not self.safeguard_check.isChecked():
            self.save_bar.show_error(
                self.tr(
                    "Under 18: confirm that you will follow the safeguarding procedure "
                    "before saving."
                )
            )
            self.safeguard_check.setFocus()
            return None
        snapshot = self.draft()
        if snapshot is not None:
            snapshot["code"] = self.code.text()  # in memory only, for the short undo
        try:
            entry = self._entry()
            result = self.services.save_contact(entry, confirm_pii=confirm_pii)
        except PiiWarning as exc:
            self.pii.ask(describe(exc), focus_on=True)
            QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.note))
            return None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self.save_bar.show_error(describe(exc))
            return None
        log.info("contact saved")
        for given in entry.services:
            if given.service in self._spins:
                self._quantities[given.service] = given.quantity
        self._last_result = result
        self._undo_snapshot = snapshot
        if result.profile_id is None:
            self.banner.say("uncoded")
        else:
            self.banner.say("new" if result.new_profile else "returning", result.alias)
        self.undo_button.show()
        self.undo_shortcut.setEnabled(True)
        self.undo_timer.start()
        self.clear_form()
        self.contact_saved.emit(result.contact_id)
        return result

    def undo(self) -> None:
        """Take back the contact just saved; if the form is still empty, put it back there."""
        result, snapshot = self._last_result, self._undo_snapshot
        if result is None:
            return
        self._end_undo_offer()
        try:
            self.services.undo_contact(result)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self.save_bar.show_error(describe(exc))
            return
        log.info("contact undone")
        if snapshot is not None and not self._has_input():
            self.restore_draft(snapshot)
            self.banner.say("undone-back")
        else:
            self.banner.say("undone")
        self.contact_undone.emit(result.contact_id)

    def _end_undo_offer(self) -> None:
        self.undo_timer.stop()
        self.undo_button.hide()
        self.undo_shortcut.setEnabled(False)
        self._last_result = None
        self._undo_snapshot = None

    def _edit_note(self) -> None:
        self.pii.hide()
        self.note_section.edit()

    # -- clearing, drafts ---------------------------------------------------------------------

    def clear_form(self) -> None:
        """Ready for the next person: code focused, nothing ticked; time, channel, zone kept."""
        self.save_bar.hide_error()
        self.pii.hide()
        self.pii_text.setText("")
        self.person_card.clear()
        self.services_box.reset(self._quantities)
        self.referrals.clear()
        self.note.setPlainText("")  # also forgets the undo history
        self.header.set_time_now()
        self._fix_tab_order()
        self.code.setFocus()

    def _has_input(self) -> bool:
        return (
            self.person_card.has_input()
            or self.header.touched
            or bool(self.services_box.given())
            or bool(self._referrals)
            or bool(self.note.toPlainText())
        )

    def draft(self) -> dict[str, Any] | None:
        if not self._has_input():
            return None
        return {
            "version": DRAFT_VERSION,
            **self.person_card.draft(),
            **self.header.draft(),
            "services": self.services_box.given(),
            "referrals": [r.value() for r in self._referrals],
            "note": self.note.toPlainText(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.clear_form()
        self.person_card.restore_draft(draft)
        self.services_box.give(dict(draft.get("services") or {}))
        for value in draft.get("referrals") or []:
            self.add_referral_row(dict(value))
        self.note.setPlainText(str(draft.get("note") or ""))
        self.header.restore_draft(draft)
        self._focus_start()

    # -- keys ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            if watched is self.code and (
                event.matches(QKeySequence.StandardKey.Copy)
                or event.matches(QKeySequence.StandardKey.Cut)
            ):
                return True  # a code never goes to the clipboard
            if (
                kind == QEvent.Type.ShortcutOverride
                and event.matches(QKeySequence.StandardKey.Undo)
                and self._last_result is not None
                and not self._own_undo(watched)
            ):
                return True  # not taken by the field: Ctrl+Z reaches the undo of the save
        return super().eventFilter(watched, event)

    def _own_undo(self, watched: QObject) -> bool:
        if watched is self.code:
            return self.code.isUndoAvailable()
        if watched is self.note:
            return self.note.document().isUndoAvailable()
        return False
