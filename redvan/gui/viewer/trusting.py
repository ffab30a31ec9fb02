"""Trusting the device that signed a bundle, from the viewer.

A valid signature by a device not trusted yet: the auditor can trust it here, after comparing
the fingerprint (issue 15, item 11), instead of editing the keys file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from redvan.exchange import trust
from redvan.exchange.signing import SignatureError, Verdict
from redvan.gui.viewer.verdict import selectable
from redvan.gui.widgets.layouts import STRETCH, hbox
from redvan.gui.widgets.roles import set_role
from redvan.gui.widgets.texts import Texts

log = logging.getLogger(__name__)


class TrustSigner(QWidget):
    """A button that trusts the signer, and the message saying how that went; hidden while
    there is neither. ``signer_trusted`` once the key is in the trusted keys file."""

    signer_trusted = Signal()

    def __init__(self, keys_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys_path = keys_path
        self.verdict: Verdict | None = None
        # Asks before a key is trusted (fingerprint, keys file) -> yes; tests set it. None
        # asks with a message box (a bound method kept here would make a reference cycle,
        # and the garbage collector could then free the viewer on a worker thread).
        self.confirm: Callable[[str, Path], bool] | None = None
        t = self.texts = Texts()
        self.button = t.button(
            lambda: self.tr("Trust this &device…"),
            clicked=self.trust_signer,
            accessible=lambda: self.tr("Trust the device that signed this bundle"),
        )
        self.button.hide()
        self.message = selectable(t.label(wrap=True, hidden=True))
        # the button keeps its size while the message is hidden
        hbox(self.button, (self.message, 1), STRETCH, parent=self, margins=0)
        self.hide()

    def offer(self, verdict: Verdict | None) -> None:
        """Show the button when `verdict` is a valid signature by a device not trusted yet."""
        self.verdict = verdict
        self.button.setVisible(
            verdict is not None
            and verdict.valid
            and not verdict.trusted
            and verdict.signer is not None
        )
        self.setHidden(self.button.isHidden() and self.message.isHidden())

    def retranslate(self) -> None:
        self.texts.retranslate()

    def _ask(self, fingerprint: str, keys_file: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Trust this device?"),
            self.tr(
                "Trust device %1 from now on?\n\nCompare this fingerprint with the one the "
                "coordinator's device shows (Settings, or “redvan device”) before you say yes. "
                "Its public key is added to %2; bundles it signs will then count as trusted."
            )
            .replace("%1", fingerprint)
            .replace("%2", str(keys_file)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def trust_signer(self) -> bool:
        """After a confirmation showing the fingerprint, add the signer's key to the trusted
        keys file. True if the key was added."""
        verdict = self.verdict
        if verdict is None or not verdict.valid or verdict.signer is None:
            return False
        keys_file = self.keys_path or trust.trusted_keys_path()
        confirm = self.confirm or self._ask
        if not confirm(verdict.fingerprint, keys_file):
            return False
        try:
            written = trust.add_trusted_key(verdict.signer, self.keys_path)
        except SignatureError as exc:
            self._say("error", str(exc))
            return False
        log.info("a device key was added to the trusted keys file")
        self._say(
            "ok",
            self.tr("Device %1 is trusted now (%2).")
            .replace("%1", verdict.fingerprint)
            .replace("%2", str(written)),
        )
        self.signer_trusted.emit()
        return True

    def _say(self, role: str, text: str) -> None:
        set_role(self.message, role)
        self.message.setText(text)
        self.message.show()
