"""Backups made under an earlier vault key (V11): how many there are, and destroying them.

After a key change (revoking a staff member, a new recovery code), the backups made before it
still open with the old key file and passphrases. This part of the Backups section says so
and lets a coordinator destroy the ones beside the vault, with a plain warning that copies
elsewhere cannot be reached from here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.vault_settings.helpers import ask_below, confirm_below, say
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.texts import Texts
from redvan.storage import keyslots
from redvan.storage.keyhistory import backups_by_key, destroy_earlier


def earlier_backups(vault_path: Path) -> set[Path]:
    """The backups beside the vault made under an earlier key than its key file's."""
    try:
        current = keyslots.read_keyfile(vault_path).generation
    except keyslots.KeyFileError:
        return set()
    return {b.path for b in backups_by_key(vault_path, current) if b.earlier}


class EarlierBackups(QWidget):
    """A warning with a count, a destroy button, an inline confirmation and a status."""

    destroyed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: object | None = None
        self.count = 0
        t = self.texts = Texts()
        self.note = t.label(
            lambda: self.tr(
                "%n backup(s) here were made under an earlier vault key: the old key files, "
                "passphrases and recovery code of their day still open them, including those "
                "of anyone revoked since.",
                None,
                self.count,
            ),
            role="warning",
            wrap=True,
        )
        self.destroy_button = t.button(
            lambda: self.tr("&Destroy backups made under an earlier key…"), clicked=self.ask
        )
        self.question = t.label(
            lambda: self.tr(
                "Destroy %n backup(s) made under an earlier key? They cannot be restored "
                "afterwards. Copies made elsewhere cannot be reached from here.",
                None,
                self.count,
            ),
            wrap=True,
        )
        self.yes = t.button(lambda: self.tr("Destroy them"), role="primary", clicked=self.destroy)
        self.no = t.button(lambda: self.tr("Cancel"), clicked=self._cancel)
        self.status = t.label(wrap=True, hidden=True)
        self.confirm = confirm_below(self.question, self.yes, self.no)
        vbox(
            self.note,
            hbox(self.destroy_button, STRETCH),
            self.confirm,
            self.status,
            parent=self,
            margins=0,
        )
        self.setVisible(False)

    def show_for(self, vault: object | None, earlier: set[Path], may_destroy: bool) -> None:
        self.vault = vault
        self.count = len(earlier)
        self.destroy_button.setVisible(may_destroy and vault is not None)
        self.retranslate()
        self.setVisible(self.count > 0 or self.status.isVisible())

    def ask(self) -> None:
        ask_below(self.confirm, self.status, self.no)

    def _cancel(self) -> None:
        self.confirm.hide()

    def destroy(self) -> None:
        self.confirm.hide()
        vault = self.vault
        if vault is None:
            return
        self.destroy_button.setEnabled(False)
        background.run(self, lambda: destroy_earlier(vault), self._done, self._failed)

    def _done(self, gone: list[Path]) -> None:
        self.destroy_button.setEnabled(True)
        say(
            self.status,
            self.tr(
                "%n backup(s) destroyed. Copies of them made elsewhere (a USB stick, another "
                "computer, a cloud folder) cannot be reached from here and still open with the "
                "old key: destroy them there too.",
                None,
                len(gone),
            ),
            "ok",
        )
        self.destroyed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.destroy_button.setEnabled(True)
        say(self.status, describe(exc), "error")

    def retranslate(self) -> None:
        self.texts.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
