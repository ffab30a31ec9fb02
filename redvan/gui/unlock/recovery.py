"""A forgotten passphrase (V2): the recovery code plus a new passphrase for one staff member."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redvan.core.passphrase import PassphraseTooWeak, check_new_passphrase
from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.session import Session
from redvan.storage import staffkeys


class RecoveryPage(QWidget):
    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit()
        self.staff = QComboBox()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.returnPressed.connect(self.reset)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.ok = QPushButton()
        self.ok.setProperty("role", "primary")
        self.ok.clicked.connect(self.reset)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self.cancelled)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.code, self.staff, self.passphrase, self.repeat), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch()
        buttons.addWidget(self.ok)
        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(box)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Forgot the passphrase?"))
        self.intro.setText(
            self.tr(
                "Type the vault's recovery code from the recovery sheet, then choose a new "
                "passphrase. Only the chosen staff member's passphrase changes."
            )
        )
        for label, text in zip(
            self.labels,
            (
                self.tr("&Recovery code"),
                self.tr("&Staff member"),
                self.tr("&New passphrase"),
                self.tr("R&epeat"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.staff.setAccessibleName(self.tr("Staff member"))
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat the new passphrase"))
        self.ok.setText(self.tr("Set passphrase and &unlock"))
        self.cancel.setText(self.tr("Cancel"))

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
