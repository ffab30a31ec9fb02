"""The unlock screen (G1): staff picker, passphrase, inline error with the growing delay."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from redvan.gui.messages import describe
from redvan.gui.session import Session
from redvan.gui.widgets.layouts import STRETCH, centred, form, hbox
from redvan.gui.widgets.passphrase import secret_field
from redvan.gui.widgets.progress import Safety, run_with_progress
from redvan.gui.widgets.texts import Texts
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

        t = self.texts = Texts()
        self.title = t.label(lambda: self.tr("Unlock the vault"), role="title")
        self.vault_label = t.label(role="subtitle")
        self.staff = QComboBox()
        self.passphrase = secret_field(self.try_unlock)
        self.error = t.label(role="error", wrap=True, hidden=True)
        self.unlock_button = t.button(
            lambda: self.tr("&Unlock"), role="primary", clicked=self.try_unlock
        )
        self.unlock_button.setDefault(True)
        self.forgot = t.button(
            lambda: self.tr("Forgot the passphrase?"), flat=True, clicked=self.forgot_passphrase
        )
        self.other = t.button(
            lambda: self.tr("Another vault…"), flat=True, clicked=self.other_vault
        )
        self._offered_backup: object = None
        self.restore_button = t.button(
            lambda: self.tr("&Restore the newest backup…"),
            clicked=lambda: self.restore_requested.emit(self._offered_backup),
        )
        self.restore_button.hide()

        centred(
            self.title,
            self.vault_label,
            12,
            form(
                t.row(lambda: self.tr("&Staff member"), self.staff),
                t.row(lambda: self.tr("&Passphrase"), self.passphrase),
            ),
            self.error,
            (self.restore_button, 0, Qt.AlignmentFlag.AlignLeft),
            8,
            hbox(self.other, self.forgot, STRETCH, self.unlock_button),
            parent=self,
            width=520,
        )
        self.setTabOrder(self.staff, self.passphrase)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()
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
