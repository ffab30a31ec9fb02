"""The unlock screen (G1): staff picker, passphrase, inline error with the growing delay."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
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

from redvan.gui.messages import describe
from redvan.gui.session import Session
from redvan.gui.widgets.progress import Safety, run_with_progress
from redvan.storage.errors import TooSoon, VaultDamaged, WrongPassphrase


class UnlockPage(QWidget):
    """Emits `unlocked` once the session holds an open vault."""

    unlocked = Signal()
    forgot_passphrase = Signal()
    other_vault = Signal()
    restore_requested = Signal(object)  # the backup (a Path) to restore

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._wait = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.vault_label = QLabel()
        self.vault_label.setProperty("role", "subtitle")
        self.staff = QComboBox()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.unlock_button = QPushButton()
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.forgot = QPushButton()
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self.forgot_passphrase)
        self.other = QPushButton()
        self.other.setFlat(True)
        self.other.clicked.connect(self.other_vault)
        self._offered_backup: object = None
        self.restore_button = QPushButton()
        self.restore_button.hide()
        self.restore_button.clicked.connect(
            lambda: self.restore_requested.emit(self._offered_backup)
        )

        form = QFormLayout()
        self.staff_label = QLabel()
        self.staff_label.setBuddy(self.staff)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        form.addRow(self.staff_label, self.staff)
        form.addRow(self.passphrase_label, self.passphrase)

        buttons = QHBoxLayout()
        buttons.addWidget(self.other)
        buttons.addWidget(self.forgot)
        buttons.addStretch()
        buttons.addWidget(self.unlock_button)

        box = QWidget()
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.vault_label)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addSpacing(8)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(box)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch(2)
        self.setTabOrder(self.staff, self.passphrase)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Unlock the vault"))
        self.staff_label.setText(self.tr("&Staff member"))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.forgot.setText(self.tr("Forgot the passphrase?"))
        self.other.setText(self.tr("Another vault…"))
        self.restore_button.setText(self.tr("&Restore the newest backup…"))
        self.staff.setAccessibleName(self.tr("Staff member"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        if self.session.path:
            self.vault_label.setText(self.session.path.name)

    def prepare(self) -> None:
        """Called whenever the page is shown: fresh staff list, empty passphrase."""
        self.passphrase.clear()
        self.error.hide()
        self.restore_button.hide()
        current = self.staff.currentText()
        self.staff.clear()
        try:
            labels = self.session.staff_labels()
        except Exception as exc:  # noqa: BLE001 - a damaged key file is shown, not raised
            labels = []
            self._show_error(describe(exc))
        self.staff.addItems(labels)
        if current in labels:
            self.staff.setCurrentText(current)
        self.retranslate()
        self.passphrase.setFocus()

    def try_unlock(self) -> None:
        if self._wait or not self.unlock_button.isEnabled():
            return
        secret = self.passphrase.text()
        staff = self.staff.currentText() or None
        self.passphrase.clear()
        self._busy(True)
        # A vault made by an older version is backed up and migrated first: only then does
        # the progress dialog open (at the first report), an ordinary unlock shows none.
        run_with_progress(
            self,
            self.tr("Updating the vault to this version of Red Van"),
            lambda report: self.session.open_vault(staff, secret, progress=report),
            self._opened,
            self._failed,
            safety=Safety.MIGRATE,
            stages=self.migration_stages(),
            show_after_ms=None,
        )

    def migration_stages(self) -> dict[str, str]:
        return {
            "copy": self.tr("Backing up the vault before the update"),
            "verify": self.tr("Checking the backup"),
            "write": self.tr("Writing the backup file"),
            "migrate": self.tr("Updating the vault, one step at a time"),
        }

    def _opened(self, vault: object) -> None:
        self._busy(False)
        self.error.hide()
        self.session.attach(vault)  # type: ignore[arg-type]
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._show_error(describe(exc))
        backup = exc.backup if isinstance(exc, VaultDamaged) else None
        self._offered_backup = backup
        self.restore_button.setVisible(backup is not None)
        wait = getattr(exc, "wait_seconds", 0) if isinstance(exc, WrongPassphrase | TooSoon) else 0
        if wait:
            self._wait = int(wait)
            self.unlock_button.setEnabled(False)
            self._countdown.start()
        self.passphrase.setFocus()
        self.passphrase.selectAll()

    def _tick(self) -> None:
        self._wait -= 1
        if self._wait <= 0:
            self._wait = 0
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.unlock_button.setText(self.tr("&Unlock"))
        else:
            self.unlock_button.setText(self.tr("Wait %n s", None, self._wait))

    def _busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.staff.setEnabled(not busy)
        if busy:
            self.unlock_button.setText(self.tr("Unlocking…"))
        else:
            self.unlock_button.setText(self.tr("&Unlock"))

    def show_notice(self, text: str) -> None:
        """A calm message (not an error) above the buttons, e.g. after a restore."""
        self._show_error(text)
        self.error.setProperty("role", "ok")
        self.error.style().unpolish(self.error)
        self.error.style().polish(self.error)

    def _show_error(self, text: str) -> None:
        if self.error.property("role") != "error":
            self.error.setProperty("role", "error")
            self.error.style().unpolish(self.error)
            self.error.style().polish(self.error)
        self.error.setText(text)
        self.error.show()
        self.error.setAccessibleDescription(text)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
