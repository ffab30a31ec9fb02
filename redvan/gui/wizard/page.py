"""The create-vault wizard (G1): where, who, passphrase with strength feedback, recovery code.

The recovery code is shown exactly once, with a printable recovery sheet (a PDF from
reports/), and the wizard says plainly that without passphrase and code the data is gone.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import platformdirs
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QStackedWidget, QWidget

from redvan.core.passphrase import MIN_LENGTH, PassphraseTooWeak, check_new_passphrase
from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.saved_files import SaveFolder
from redvan.gui.session import Session
from redvan.gui.widgets import recovery_sheet
from redvan.gui.widgets.layouts import STRETCH, Item, form, hbox, vbox
from redvan.gui.widgets.passphrase import PassphraseStrength, secret_field
from redvan.gui.widgets.texts import Texts


def default_vault_path() -> Path:
    folder = Path(platformdirs.user_data_dir("redvan", appauthor=False))
    return folder / "outreach.redvan"


class CreateVaultWizard(QWidget):
    """Emits `created` when the vault exists and the person has confirmed the recovery code."""

    created = Signal()
    cancelled = Signal()

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        save_folder: SaveFolder | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.save_folder = save_folder or SaveFolder()  # where the recovery sheet goes
        self._vault: object | None = None
        self.recovery_code = ""
        t = self.texts = Texts()
        self.title = t.label(role="title")
        self.steps = QStackedWidget()
        self.steps.addWidget(self._where_page(t))
        self.steps.addWidget(self._who_page(t))
        self.steps.addWidget(self._recovery_page(t))

        self.back = t.button(lambda: self.tr("&Back"), clicked=self._back)
        self.next = t.button(self._next_text, role="primary", clicked=self._next)
        self.next.setDefault(True)
        self.cancel = t.button(lambda: self.tr("Cancel"), clicked=self.cancelled)
        self.error = t.label(role="error", wrap=True, hidden=True)

        box = QWidget()
        box.setMaximumWidth(640)
        vbox(
            self.title,
            self.steps,
            self.error,
            hbox(self.cancel, STRETCH, self.back, self.next),
            parent=box,
        )
        hbox(STRETCH, (box, 3), STRETCH, parent=self)
        self.retranslate()
        self._show(0)

    # -- pages --------------------------------------------------------------------------

    def _where_page(self, t: Texts) -> QWidget:
        self.path_edit = QLineEdit(str(default_vault_path()))
        self.browse = t.button(lambda: self.tr("&Browse…"), clicked=self._browse)
        return self._step(
            t.label(
                lambda: self.tr(
                    "Red Van keeps everything in one encrypted vault on this computer. Nothing "
                    "is sent anywhere. Choose where the vault file is saved; keep it on this "
                    "computer's own disk."
                ),
                wrap=True,
            ),
            form(
                (
                    t.label(lambda: self.tr("&Vault file"), buddy=self.path_edit),
                    hbox((self.path_edit, 1), self.browse),
                )
            ),
        )

    def _who_page(self, t: Texts) -> QWidget:
        self.initials = QLineEdit()
        self.initials.setMaxLength(40)
        self.passphrase = secret_field()
        self.repeat = secret_field(self._next)
        self.strength = PassphraseStrength(  # V12: the estimate, why, and a proposal
            self.passphrase, self.repeat, lambda: [self.initials.text(), self._vault_stem()]
        )
        return self._step(
            t.label(
                lambda: self.tr(
                    "You are the first coordinator. Your initials are enough; your passphrase "
                    "unlocks the vault. A few unrelated words make a good passphrase (at least "
                    "%n characters).",
                    None,
                    MIN_LENGTH,
                ),
                wrap=True,
            ),
            form(
                t.row(lambda: self.tr("&Initials"), self.initials),
                t.row(lambda: self.tr("&Passphrase"), self.passphrase),
                ("", self.strength),
                t.row(
                    lambda: self.tr("&Repeat"),
                    self.repeat,
                    accessible=lambda: self.tr("Repeat the passphrase"),
                ),
            ),
        )

    def _recovery_page(self, t: Texts) -> QWidget:
        self.code_label = recovery_sheet.code_label(1.6)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setProperty("role", "card")
        self.save_sheet = t.button(
            lambda: self.tr("&Save recovery sheet (PDF)…"), clicked=self._save_sheet
        )
        self.sheet_saved = t.label(role="ok", hidden=True)
        self.confirm = t.check(
            lambda: self.tr(
                "I have written down the recovery code or stored the sheet somewhere safe"
            ),
            toggled=self._update_buttons,
        )
        # O1: a laptop of an organisation goes on to Settings -> Organisation to join it.
        self.join_after = t.check(
            lambda: self.tr(
                "This laptop joins an organisation: show how, in Settings → Organisation"
            )
        )
        return self._step(
            t.label(
                lambda: self.tr(
                    "This is the vault's recovery code. It is shown only now. With a forgotten "
                    "passphrase, this code is the only way back in."
                ),
                wrap=True,
            ),
            self.code_label,
            hbox(self.save_sheet, self.sheet_saved, STRETCH),
            8,
            t.label(
                lambda: self.tr(
                    "Without both the passphrase and this code, the data in the vault is gone "
                    "for good: nobody, not even the makers of Red Van, can recover it. Keep the "
                    "code away from this computer."
                ),
                role="warning",
                wrap=True,
            ),
            self.confirm,
            self.join_after,
        )

    @staticmethod
    def _step(intro: QLabel, *items: Item) -> QWidget:
        """A step of the wizard: its introduction, then what it asks, at the top."""
        page = QWidget()
        vbox(intro, 8, *items, STRETCH, parent=page)
        return page

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._update_buttons()

    # -- behaviour ----------------------------------------------------------------------

    def _show(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        titles = [self.tr("Create a vault"), self.tr("First coordinator"), self.tr("Recovery code")]
        self.title.setText(titles[index])
        self.error.hide()
        self._update_buttons()
        focus = [self.path_edit, self.initials, self.confirm][index]
        focus.setFocus()

    def _update_buttons(self) -> None:
        index = self.steps.currentIndex()
        self.back.setVisible(index == 1)
        self.cancel.setVisible(index < 2)
        self.next.setText(self._next_text())
        self.next.setEnabled(index != 2 or self.confirm.isChecked())

    def _next_text(self) -> str:
        index = self.steps.currentIndex()
        if index == 1:
            return self.tr("&Create vault")
        return self.tr("&Finish") if index == 2 else self.tr("&Next")

    def _vault_stem(self) -> str:
        return Path(self.path_edit.text().strip() or "vault").stem

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Vault file"), self.path_edit.text(), self.tr("Red Van vaults (*.redvan)")
        )
        if name:
            self.path_edit.setText(name if name.endswith(".redvan") else name + ".redvan")

    def _back(self) -> None:
        self._show(max(0, self.steps.currentIndex() - 1))

    def _next(self) -> None:
        index = self.steps.currentIndex()
        if index == 0:
            path = Path(self.path_edit.text().strip()).expanduser()
            if not path.name or path.exists():
                self._error(
                    self.tr("A file already exists there. Choose another name.")
                    if path.name
                    else self.tr("Choose where to save the vault.")
                )
                return
            self._show(1)
        elif index == 1:
            self._create()
        else:
            self.recovery_code = ""
            self.code_label.clear()
            self.created.emit()

    def _create(self) -> None:
        initials = self.initials.text().strip()
        passphrase = self.passphrase.text()
        if not initials:
            self._error(self.tr("Type your initials."))
            self.initials.setFocus()
            return
        if passphrase != self.repeat.text():
            self._error(self.tr("The two passphrases differ."))
            self.repeat.selectAll()
            self.repeat.setFocus()
            return
        try:
            check_new_passphrase(passphrase, [initials, self._vault_stem()])
        except PassphraseTooWeak as exc:
            self._error(describe(exc))
            self.passphrase.setFocus()
            return
        path = Path(self.path_edit.text().strip()).expanduser()
        self.next.setEnabled(False)
        self.next.setText(self.tr("Creating…"))
        background.run(
            self,
            lambda: self.session.create(path, initials, passphrase),
            self._created,
            self._failed,
        )

    def _created(self, result: object) -> None:
        vault, code = result  # type: ignore[misc]
        self.passphrase.clear()
        self.repeat.clear()
        self.recovery_code = code
        self.code_label.setText(code)
        self._created_at = datetime.now()
        self.session.attach(vault)
        self._show(2)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self._error(describe(exc))

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _save_sheet(self) -> None:
        chosen = recovery_sheet.ask_where(self, self.save_folder)
        if chosen is not None:
            self.write_sheet(chosen)

    def write_sheet(self, target: Path) -> None:
        from redvan.gui.i18n import current_language

        saved = recovery_sheet.write(
            target, self.recovery_code, self.session.path, self._created_at, current_language()
        )
        self.sheet_saved.setText(saved)
        self.sheet_saved.show()
