"""Settings → Staff and keys: staff members, key slots, passphrases and the recovery code."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QDialog, QGridLayout, QLabel, QLineEdit, QWidget

from redvan.core import enums
from redvan.core.enums import Role
from redvan.core.model import Staff
from redvan.core.passphrase import MIN_LENGTH, PassphraseTooWeak, check_new_passphrase
from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.saved_files import SaveFolder
from redvan.gui.vault_settings.helpers import (
    Section,
    ask_below,
    card,
    confirm_below,
    growing_form,
    labelled,
    password_field,
    say,
    section,
    subtitle,
)
from redvan.gui.vault_settings.models import StaffModel
from redvan.gui.vault_settings.rotation import RotationDialog
from redvan.gui.widgets import recovery_sheet
from redvan.gui.widgets.focus import tab_order
from redvan.gui.widgets.layouts import STRETCH, hbox, panel
from redvan.gui.widgets.passphrase import PassphraseStrength
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.table import table_view
from redvan.gui.workspace import Context
from redvan.storage import keyslots, staffkeys

log = logging.getLogger(__name__)


class StaffSection(Section):
    """Staff with their keys; add a member with a key; revoke; my passphrase; recovery code."""

    staff_changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.recovery_code = ""
        self._recovery_made: datetime | None = None
        self.rotation_dialog: RotationDialog | None = None  # while a key change is shown

        t = self.texts

        # the list and revoking
        self.model = StaffModel(self)
        self.view = t.bind(
            table_view(self.model, stretch=StaffModel.COL_NAME, highlight=True),
            accessibleName=lambda: self.tr("Staff members"),
        )
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.list_label = t.label(
            lambda: self.tr(
                "&Who may unlock this vault. Each person has their own passphrase: their own key."
            ),
            wrap=True,
            buddy=self.view,
        )
        self.revoke_button = t.button(lambda: self.tr("&Revoke key…"), clicked=self.ask_revoke)
        self.revoke_question = t.label(role="warning", wrap=True)
        self.revoke_yes = t.button(
            lambda: self.tr("Yes, revo&ke"), role="primary", clicked=self.revoke
        )
        self.revoke_no = t.button(lambda: self.tr("Cancel"), clicked=self._cancel_revoke)
        self.revoke_confirm = panel(
            (self.revoke_question, 1), self.revoke_yes, self.revoke_no, row=True, hidden=True
        )
        self.list_status = role_label(hidden=True)
        staff_card = section(
            t,
            lambda: self.tr("Staff"),
            self.list_label,
            (self.view, 1),
            hbox(self.revoke_button, STRETCH),
            self.revoke_confirm,
            self.list_status,
        )

        # adding a member
        self.initials = t.bind(
            QLineEdit(), accessibleName=lambda: self.tr("Initials of the new staff member")
        )
        self.initials.setMaxLength(40)
        self.role = t.bind(
            QComboBox(), accessibleName=lambda: self.tr("Role of the new staff member")
        )
        for role in (Role.OUTREACH, Role.COORDINATOR):
            self.role.addItem("", role.value)
        self.new_passphrase = password_field(
            t, lambda: self.tr("Passphrase of the new staff member")
        )
        self.new_repeat = password_field(t, lambda: self.tr("Repeat the new member's passphrase"))
        self.new_repeat.returnPressed.connect(self.add_staff)
        self.new_meter = PassphraseStrength(self.new_passphrase, self.new_repeat, self._own_words)
        self.add_button = t.button(
            lambda: self.tr("A&dd with own key"), role="primary", clicked=self.add_staff
        )
        self.add_status = role_label(hidden=True)
        add_card = section(
            t,
            lambda: self.tr("Add a staff member"),
            subtitle(
                t,
                lambda: self.tr(
                    "Let the new member type their own passphrase (at least %n characters; a "
                    "few unrelated words work well).",
                    None,
                    MIN_LENGTH,
                ),
            ),
            growing_form(
                labelled(t, lambda: self.tr("&Initials"), self.initials),
                labelled(t, lambda: self.tr("R&ole"), self.role),
                labelled(t, lambda: self.tr("&Passphrase"), self.new_passphrase),
                ("", self.new_meter),
                labelled(t, lambda: self.tr("Repea&t"), self.new_repeat),
            ),
            hbox(STRETCH, self.add_button),
            self.add_status,
            STRETCH,
        )

        # my passphrase
        self.current = password_field(t, lambda: self.tr("Current passphrase"))
        self.mine_new = password_field(t, lambda: self.tr("New passphrase"))
        self.mine_repeat = password_field(t, lambda: self.tr("Repeat the new passphrase"))
        self.mine_repeat.returnPressed.connect(self.change_mine)
        self.mine_meter = PassphraseStrength(self.mine_new, self.mine_repeat, self._own_words)
        self.mine_button = t.button(
            lambda: self.tr("Change &my passphrase"), clicked=self.change_mine
        )
        self.mine_status = role_label(hidden=True)
        mine_card = section(
            t,
            lambda: self.tr("My passphrase"),
            growing_form(
                labelled(t, lambda: self.tr("C&urrent"), self.current),
                labelled(t, lambda: self.tr("&New"), self.mine_new),
                ("", self.mine_meter),
                labelled(t, lambda: self.tr("Rep&eat new"), self.mine_repeat),
            ),
            hbox(STRETCH, self.mine_button),
            self.mine_status,
            STRETCH,
        )

        # the recovery code
        self.recovery_button = t.button(
            lambda: self.tr("Make a new re&covery code…"), clicked=self.ask_recovery
        )
        self.rotate_button = t.button(  # V11: "change the vault key" (rotation.py)
            lambda: self.tr("Change the vault &key…"), clicked=self.rotate_key
        )
        self.recovery_question = t.label(
            lambda: self.tr("The current recovery code will stop working. Make a new one now?"),
            role="warning",
            wrap=True,
        )
        self.recovery_yes = t.button(
            lambda: self.tr("&Make new code"), role="primary", clicked=self.new_recovery_code
        )
        self.recovery_no = t.button(lambda: self.tr("Cancel"), clicked=self._cancel_recovery)
        self.recovery_confirm = confirm_below(
            self.recovery_question, self.recovery_yes, self.recovery_no
        )
        self.code_label = recovery_sheet.code_label(1.4)
        self.code_label.setWordWrap(True)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.save_sheet = t.button(
            lambda: self.tr("&Save recovery sheet (PDF)…"), clicked=self._save_sheet
        )
        self.hide_code = t.button(
            lambda: self.tr("I ha&ve stored it — hide the code"), clicked=self.forget_code
        )
        self.code_panel = panel(
            card(self.code_label),
            t.label(
                lambda: self.tr(
                    "Shown only now. Write it down or save the sheet, and keep it away from "
                    "this computer. Without a passphrase or this code, the vault cannot be "
                    "opened by anyone."
                ),
                role="warning",
                wrap=True,
            ),
            hbox(self.save_sheet, STRETCH, self.hide_code),
            hidden=True,
        )
        self.recovery_status = role_label(hidden=True)
        recovery_card = section(
            t,
            lambda: self.tr("Recovery code"),
            subtitle(
                t,
                lambda: self.tr(
                    "The recovery code opens the vault when a passphrase is forgotten. Make a "
                    "new one if the old sheet may have been seen or lost; the old code then "
                    "stops working."
                ),
            ),
            hbox(self.recovery_button, self.rotate_button, STRETCH),
            self.recovery_confirm,
            self.code_panel,
            self.recovery_status,
            STRETCH,
        )

        grid = QGridLayout(self)
        grid.addWidget(staff_card, 0, 0)
        grid.addWidget(add_card, 0, 1)
        grid.addWidget(mine_card, 1, 0)
        grid.addWidget(recovery_card, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)

        tab_order(
            self.view,
            self.revoke_button,
            self.revoke_yes,
            self.revoke_no,
            self.initials,
            self.role,
            self.new_passphrase,
            self.new_repeat,
            self.add_button,
            self.current,
            self.mine_new,
            self.mine_repeat,
            self.mine_button,
            self.recovery_button,
            self.recovery_yes,
            self.recovery_no,
            self.save_sheet,
            self.hide_code,
        )

    @property
    def vault(self) -> Any:
        vault = self.context.session.vault
        if vault is None:
            raise RuntimeError("the vault is locked")
        return vault

    def retranslate(self) -> None:
        self.texts.retranslate()
        for index, role in enumerate((Role.OUTREACH, Role.COORDINATOR)):
            self.role.setItemText(index, enums.label(role, self.context.language))
        for meter in (self.new_meter, self.mine_meter):
            meter.update_strength()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._selection()

    def refresh(self) -> None:
        self._load()

    def clear_secrets(self) -> None:
        for field in (
            self.new_passphrase,
            self.new_repeat,
            self.current,
            self.mine_new,
            self.mine_repeat,
        ):
            field.clear()

    def _keyed(self) -> set[str]:
        return {s.staff_id for s in self.vault.keyfile().staff_slots() if s.staff_id}

    def _load(self, select: str | None = None) -> None:
        current = self.model.member(self.view.currentIndex().row())
        select = select or (current.id if current else None)
        try:
            keyed = self._keyed()
        except (keyslots.KeyFileError, OSError) as exc:
            log.warning("key file not readable: %s", type(exc).__name__)
            keyed = set()
        self.model.load(
            self.services.store.list_staff(include_inactive=True),
            keyed,
            self.vault.staff_id,
            self.context.language,
        )
        row = next((i for i, s in enumerate(self.model.staff) if s.id == select), -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._selection()

    def selected(self) -> Staff | None:
        return self.model.member(self.view.currentIndex().row())

    def _selection_changed(self, *_args: object) -> None:
        self.revoke_confirm.hide()
        self._selection()

    def _selection(self) -> None:
        member = self.selected()
        can = (
            member is not None
            and member.id != self.model.me
            and (member.active or self.model.has_key(member))
        )
        self.revoke_button.setEnabled(can)
        if not can:
            self.revoke_confirm.hide()

    def _busy(self, busy: bool) -> None:
        for button in (
            self.add_button,
            self.mine_button,
            self.recovery_button,
            self.rotate_button,
            self.recovery_yes,
            self.revoke_button,
            self.revoke_yes,
        ):
            button.setEnabled(not busy)
        if not busy:
            self._selection()

    # -- revoking -------------------------------------------------------------------------

    def ask_revoke(self) -> None:
        member = self.selected()
        if member is None or not self.revoke_button.isEnabled():
            return
        if self.model.has_key(member):
            question = self.tr(
                "%1 will no longer be able to unlock this vault. What they "
                "recorded stays. Revoke their key?"
            )
        else:
            question = self.tr(
                "%1 has no key to this vault. Mark them as no longer on the "
                "staff? What they recorded stays."
            )
        self.revoke_question.setText(question.replace("%1", member.display_name))
        ask_below(self.revoke_confirm, self.list_status, self.revoke_yes)

    def _cancel_revoke(self) -> None:
        self.revoke_confirm.hide()
        self.view.setFocus()

    def revoke(self) -> None:
        member = self.selected()
        self.revoke_confirm.hide()
        if member is None or member.id == self.model.me:
            return
        if self.model.has_key(member):  # V11: a new vault key, in its dialog
            vault = self.vault
            self._open_rotation(
                RotationDialog(
                    "revoke",
                    lambda progress: staffkeys.revoke_slot(vault, member.id, progress=progress),
                    member.display_name,
                    self,
                ),
                lambda result: (self._mark_revoked(member), self._new_code_if_any(result)),
            )
            return
        self._mark_revoked(member)

    def _open_rotation(self, dialog: RotationDialog, then: Any) -> None:
        """Show a key change's dialog (not blocking); `then(result)` after it succeeded."""
        self.rotation_dialog = dialog

        def finished(code: int) -> None:
            self.rotation_dialog = None
            if code == QDialog.DialogCode.Accepted and dialog.result_value is not None:
                then(dialog.result_value)
            else:
                chosen = self.selected()
                self._load(chosen.id if chosen is not None else None)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _mark_revoked(self, member: Staff) -> None:
        try:
            self.services.set_staff_active(member.id, False)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.list_status, describe(exc), "error")
            self._load(member.id)
            return
        self._load(member.id)
        say(
            self.list_status,
            self.tr("%1 can no longer unlock this vault.").replace("%1", member.display_name),
            "ok",
        )
        self.staff_changed.emit()

    # -- adding ---------------------------------------------------------------------------

    def _checked_passphrase(
        self, first: QLineEdit, second: QLineEdit, status: QLabel
    ) -> str | None:
        passphrase = first.text()
        if passphrase != second.text():
            say(status, self.tr("The two passphrases differ."), "error")
            second.selectAll()
            second.setFocus()
            return None
        try:
            check_new_passphrase(passphrase, self._own_words())
        except PassphraseTooWeak as exc:
            say(status, describe(exc), "error")
            first.selectAll()
            first.setFocus()
            return None
        return passphrase

    def add_staff(self) -> None:
        if not self.add_button.isEnabled():
            return
        initials = self.initials.text().strip()
        if not initials:
            say(self.add_status, self.tr("Type the new member's initials."), "error")
            self.initials.setFocus()
            return
        passphrase = self._checked_passphrase(self.new_passphrase, self.new_repeat, self.add_status)
        if passphrase is None:
            return
        existing = next(
            (
                s
                for s in self.services.store.list_staff(include_inactive=True)
                if s.display_name.casefold() == initials.casefold()
            ),
            None,
        )
        try:
            if existing is not None and existing.id in self._keyed():
                say(
                    self.add_status,
                    self.tr("%1 already has a key to this vault.").replace(
                        "%1", existing.display_name
                    ),
                    "error",
                )
                self.initials.selectAll()
                self.initials.setFocus()
                return
            # A member without a key (revoked earlier) gets a new one instead of a twin.
            member = existing or self.services.add_staff(initials, Role(self.role.currentData()))
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.add_status, describe(exc), "error")
            return
        vault, kdf = self.vault, self.context.session.kdf
        self._busy(True)
        say(
            self.add_status,
            self.tr("Making %1's key… this takes a few seconds.").replace(
                "%1", member.display_name
            ),
            "subtitle",
        )

        def work() -> Staff:
            staffkeys.add_staff_slot(vault, member.id, member.display_name, passphrase, kdf=kdf)
            return member

        background.run(self, work, self._added, self._add_failed)

    def _added(self, member: Staff) -> None:
        self._busy(False)
        if not member.active:
            self.services.set_staff_active(member.id, True)
        for field in (self.initials, self.new_passphrase, self.new_repeat):
            field.clear()
        self._load(member.id)
        say(
            self.add_status,
            self.tr("%1 was added and can unlock the vault with their own passphrase.").replace(
                "%1", member.display_name
            ),
            "ok",
        )
        self.staff_changed.emit()

    def _add_failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._load()
        say(self.add_status, describe(exc), "error")

    # -- my passphrase --------------------------------------------------------------------

    def change_mine(self) -> None:
        if not self.mine_button.isEnabled():
            return
        current = self.current.text()
        if not current:
            say(self.mine_status, self.tr("Type your current passphrase first."), "error")
            self.current.setFocus()
            return
        new = self._checked_passphrase(self.mine_new, self.mine_repeat, self.mine_status)
        if new is None:
            return
        vault, kdf = self.vault, self.context.session.kdf

        def work() -> None:
            keyfile = vault.keyfile()
            slot = next((s for s in keyfile.staff_slots() if s.staff_id == vault.staff_id), None)
            if slot is None:
                raise keyslots.WrongSecret
            keyslots.unwrap_key(keyfile.vault_id, slot, current)  # the current one is right
            staffkeys.change_passphrase(vault, vault.staff_id, new, kdf=kdf)

        self._busy(True)
        say(self.mine_status, self.tr("Changing your passphrase…"), "subtitle")
        background.run(self, work, self._mine_changed, self._mine_failed)

    def _mine_changed(self, _result: object) -> None:
        self._busy(False)
        for field in (self.current, self.mine_new, self.mine_repeat):
            field.clear()
        say(
            self.mine_status,
            self.tr("Your passphrase was changed. Use the new one from the next unlock."),
            "ok",
        )

    def _mine_failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, keyslots.WrongSecret):
            say(self.mine_status, self.tr("That is not your current passphrase."), "error")
            self.current.selectAll()
            self.current.setFocus()
        else:
            say(self.mine_status, describe(exc), "error")

    # -- the recovery code ----------------------------------------------------------------

    def ask_recovery(self) -> None:
        ask_below(self.recovery_confirm, self.recovery_status, self.recovery_yes)

    def _cancel_recovery(self) -> None:
        self.recovery_confirm.hide()
        self.recovery_button.setFocus()

    def new_recovery_code(self) -> None:
        self.recovery_confirm.hide()
        vault, kdf = self.vault, self.context.session.kdf
        self._open_rotation(  # V11: a new code means a new vault key
            RotationDialog(
                "recovery",
                lambda progress: staffkeys.replace_recovery_code(vault, kdf=kdf, progress=progress),
                parent=self,
            ),
            self._recovery_made_now,
        )

    def rotate_key(self) -> None:
        vault = self.vault
        self._open_rotation(
            RotationDialog(
                "rotate", lambda progress: staffkeys.rotate_key(vault, progress=progress), self
            ),
            self._new_code_if_any,
        )

    def _new_code_if_any(self, result: Any) -> None:
        """A recovery slot in the old format cannot be carried over: its new code, shown once."""
        code = getattr(result, "recovery_code", None)
        if code:
            self._recovery_made_now(code)

    def _own_words(self) -> list[str]:
        """The vault's own words, which make a passphrase easy to guess (V12)."""
        try:
            return [m.display_name for m in self.services.store.list_staff(include_inactive=True)]
        except Exception:  # noqa: BLE001 - the estimate works without them
            return []

    def _recovery_made_now(self, code: str) -> None:
        self._busy(False)
        self.recovery_code = code
        self._recovery_made = self.context.now()
        self.code_label.setText(code)
        self.code_panel.show()
        self.recovery_status.hide()
        self.save_sheet.setFocus()

    def _recovery_failed(self, exc: BaseException) -> None:
        self._busy(False)
        say(self.recovery_status, describe(exc), "error")

    def _save_sheet(self) -> None:
        chosen = recovery_sheet.ask_where(self, SaveFolder(self.context.app_settings))
        if chosen is not None:
            self.write_sheet(chosen)

    def write_sheet(self, target: Path) -> None:
        if not self.recovery_code:
            return
        made = self._recovery_made or self.context.now()
        try:
            saved = recovery_sheet.write(
                target, self.recovery_code, self.context.session.path, made, self.context.language
            )
        except OSError as exc:
            log.warning("recovery sheet not written: %s", type(exc).__name__)
            say(
                self.recovery_status,
                self.tr("The sheet could not be saved there. Choose another place."),
                "error",
            )
            return
        say(self.recovery_status, saved, "ok")

    def forget_code(self) -> None:
        self.recovery_code = ""
        self.code_label.clear()
        self.code_panel.hide()
        say(self.recovery_status, self.tr("The new recovery code is in use."), "ok")
        self.recovery_button.setFocus()
