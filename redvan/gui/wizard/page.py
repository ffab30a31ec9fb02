"""The create-vault wizard (G1): where, who, passphrase with strength feedback, recovery code.

The recovery code is shown exactly once, with a printable recovery sheet (a PDF from
reports/), and the wizard says plainly that without passphrase and code the data is gone.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import platformdirs
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from redvan.core.passphrase import MIN_LENGTH, PassphraseTooWeak, check_new_passphrase
from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.saved_files import SaveFolder
from redvan.gui.session import Session
from redvan.gui.widgets.passphrase import PassphraseStrength


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
        self.steps = QStackedWidget()
        self.steps.addWidget(self._where_page())
        self.steps.addWidget(self._who_page())
        self.steps.addWidget(self._recovery_page())

        self.back = QPushButton()
        self.back.clicked.connect(self._back)
        self.next = QPushButton()
        self.next.setProperty("role", "primary")
        self.next.setDefault(True)
        self.next.clicked.connect(self._next)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self.cancelled)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch()
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)

        box = QWidget()
        box.setMaximumWidth(640)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.steps)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addStretch()
        outer.addWidget(box, 3)
        outer.addStretch()
        self.retranslate()
        self._show(0)

    # -- pages --------------------------------------------------------------------------

    def _where_page(self) -> QWidget:
        self.title = QLabel()
        self.title.setProperty("role", "title")
        page = QWidget()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path_edit = QLineEdit(str(default_vault_path()))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path_edit)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.path_label, row)
        layout = QVBoxLayout(page)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch()
        return page

    def _who_page(self) -> QWidget:
        page = QWidget()
        self.who_intro = QLabel()
        self.who_intro.setWordWrap(True)
        self.initials = QLineEdit()
        self.initials.setMaxLength(40)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.returnPressed.connect(self._next)
        self.strength = PassphraseStrength(  # V12: the estimate, why, and a proposal
            self.passphrase, self.repeat, lambda: [self.initials.text(), self._vault_stem()]
        )
        self.initials_label, self.passphrase_label, self.repeat_label = QLabel(), QLabel(), QLabel()
        self.initials_label.setBuddy(self.initials)
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label.setBuddy(self.repeat)
        form = QFormLayout()
        form.addRow(self.initials_label, self.initials)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("", self.strength)
        form.addRow(self.repeat_label, self.repeat)
        layout = QVBoxLayout(page)
        layout.addWidget(self.who_intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch()
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        self.recovery_intro = QLabel()
        self.recovery_intro.setWordWrap(True)
        self.code_label = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setProperty("role", "card")
        self.save_sheet = QPushButton()
        self.save_sheet.clicked.connect(self._save_sheet)
        self.sheet_saved = QLabel()
        self.sheet_saved.setProperty("role", "ok")
        self.sheet_saved.hide()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "warning")
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self._update_buttons)
        # O1: a laptop of an organisation goes on to Settings -> Organisation to join it.
        self.join_after = QCheckBox()
        layout = QVBoxLayout(page)
        layout.addWidget(self.recovery_intro)
        layout.addSpacing(8)
        layout.addWidget(self.code_label)
        row = QHBoxLayout()
        row.addWidget(self.save_sheet)
        row.addWidget(self.sheet_saved)
        row.addStretch()
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.warning)
        layout.addWidget(self.confirm)
        layout.addWidget(self.join_after)
        layout.addStretch()
        return page

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Red Van keeps everything in one encrypted vault on this computer. Nothing is "
                "sent anywhere. Choose where the vault file is saved; keep it on this computer's "
                "own disk."
            )
        )
        self.path_label.setText(self.tr("&Vault file"))
        self.browse.setText(self.tr("&Browse…"))
        self.who_intro.setText(
            self.tr(
                "You are the first coordinator. Your initials are enough; your passphrase unlocks "
                "the vault. A few unrelated words make a good passphrase (at least %n characters).",
                None,
                MIN_LENGTH,
            )
        )
        self.initials_label.setText(self.tr("&Initials"))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.repeat_label.setText(self.tr("&Repeat"))
        self.initials.setAccessibleName(self.tr("Initials"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.recovery_intro.setText(
            self.tr(
                "This is the vault's recovery code. It is shown only now. With a forgotten "
                "passphrase, this code is the only way back in."
            )
        )
        self.save_sheet.setText(self.tr("&Save recovery sheet (PDF)…"))
        self.warning.setText(
            self.tr(
                "Without both the passphrase and this code, the data in the vault is gone for "
                "good: nobody, not even the makers of Red Van, can recover it. Keep the code away "
                "from this computer."
            )
        )
        self.confirm.setText(
            self.tr("I have written down the recovery code or stored the sheet somewhere safe")
        )
        self.join_after.setText(
            self.tr("This laptop joins an organisation: show how, in Settings → Organisation")
        )
        self.cancel.setText(self.tr("Cancel"))
        self.back.setText(self.tr("&Back"))
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
        self.next.setText(
            self.tr("&Create vault")
            if index == 1
            else self.tr("&Finish")
            if index == 2
            else self.tr("&Next")
        )
        self.next.setEnabled(index != 2 or self.confirm.isChecked())

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
        chosen = self.save_folder.ask(
            self,
            self.tr("Save recovery sheet"),
            self.tr("recovery-sheet.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if chosen is not None:
            self.write_sheet(chosen)

    def write_sheet(self, target: Path) -> None:
        from redvan.gui.i18n import current_language
        from redvan.reports.recovery_sheet import write_recovery_sheet

        vault_name = self.session.path.name if self.session.path else ""
        write_recovery_sheet(
            target, self.recovery_code, vault_name, self._created_at, current_language()
        )
        self.sheet_saved.setText(
            self.tr("Saved %1 in %2.").replace("%1", target.name).replace("%2", str(target.parent))
        )
        self.sheet_saved.show()
