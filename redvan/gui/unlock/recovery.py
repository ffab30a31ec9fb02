"""A forgotten passphrase (V2): the recovery code plus a new passphrase for one staff member."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from redvan.core.passphrase import PassphraseTooWeak, check_new_passphrase
from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.session import Session
from redvan.gui.widgets.layouts import STRETCH, centred, form, hbox
from redvan.gui.widgets.passphrase import secret_field
from redvan.gui.widgets.texts import Texts
from redvan.storage import staffkeys


class RecoveryPage(QWidget):
    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        t = self.texts = Texts()
        self.title = t.label(lambda: self.tr("Forgot the passphrase?"), role="title")
        self.intro = t.label(
            lambda: self.tr(
                "Type the vault's recovery code from the recovery sheet, then choose a new "
                "passphrase. Only the chosen staff member's passphrase changes."
            ),
            wrap=True,
        )
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.staff = QComboBox()
        self.passphrase = secret_field()
        self.repeat = secret_field(self.reset)
        self.error = t.label(role="error", wrap=True, hidden=True)
        self.ok = t.button(
            lambda: self.tr("Set passphrase and &unlock"), role="primary", clicked=self.reset
        )
        self.cancel = t.button(lambda: self.tr("Cancel"), clicked=self.cancelled)
        centred(
            self.title,
            self.intro,
            8,
            form(
                t.row(lambda: self.tr("&Recovery code"), self.code),
                t.row(lambda: self.tr("&Staff member"), self.staff),
                t.row(lambda: self.tr("&New passphrase"), self.passphrase),
                t.row(
                    lambda: self.tr("R&epeat"),
                    self.repeat,
                    accessible=lambda: self.tr("Repeat the new passphrase"),
                ),
            ),
            self.error,
            hbox(self.cancel, STRETCH, self.ok),
            parent=self,
            width=560,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()

    def prepare(self) -> None:
        for field in (self.code, self.passphrase, self.repeat):
            field.clear()
        self.error.hide()
        self.staff.clear()
        try:
            self.staff.addItems(self.session.staff_labels())
        except Exception as exc:  # noqa: BLE001 - shown inline as a sentence
            self._error(describe(exc))
        self.code.setFocus()

    def reset(self) -> None:
        new = self.passphrase.text()
        if new != self.repeat.text():
            self._error(self.tr("The two passphrases differ."))
            return
        try:
            check_new_passphrase(new)
        except PassphraseTooWeak as exc:
            self._error(describe(exc))
            return
        code, staff, path, kdf = (
            self.code.text(),
            self.staff.currentText(),
            self.session.path,
            self.session.kdf,
        )
        if path is None or not staff:
            return
        self.ok.setEnabled(False)
        background.run(
            self,
            lambda: staffkeys.reset_with_recovery(path, code, staff, new, kdf=kdf),
            self._done,
            self._failed,
        )

    def _done(self, vault: object) -> None:
        self.ok.setEnabled(True)
        self.prepare()
        self.session.attach(vault)  # type: ignore[arg-type]
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self._error(describe(exc))

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
