"""The dialog that changes the vault key (V11): it says what will happen, runs the change in the
background and shows what it is doing and about how long is left.

Used for revoking a staff member's key, for a new recovery code and for "Change the vault
key". The work itself is redvan.storage.rotation (through staffkeys); its progress arrives on
the worker thread and is handed to the GUI thread by a signal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QDialog, QProgressBar, QWidget

from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.vault_settings.helpers import say
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.texts import Texts

Work = Callable[[Callable[[int, int, str], None]], Any]

# Shares of the whole change, measured on the 1M reference (B11): writing and checking the
# copy take about as long as each other; the swap is a moment.
_WEIGHTS = {"copy": (0.0, 0.47), "verify": (0.47, 0.50), "swap": (0.97, 0.03)}
_SCALE = 1000


class _Relay(QObject):
    progressed = Signal(int, int, str)


class RotationDialog(QDialog):
    """kind: "revoke" (with `name`), "recovery" or "rotate". `result_value` after success."""

    def __init__(self, kind: str, work: Work, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.name = name
        self.work = work
        self.result_value: Any = None
        self.failure: BaseException | None = None
        self._started = 0.0
        self._running = False
        self.setModal(True)
        self.setMinimumWidth(max(420, self.fontMetrics().averageCharWidth() * 64))

        t = self.texts = Texts()
        t.bind(self, windowTitle=lambda: self.tr("Change the vault key"))
        self.title = t.label(self._title_text, role="title")
        self.what = t.label(
            lambda: self.tr(
                "Red Van writes the whole vault again under a new random key, checks the copy, "
                "then swaps it in. Everyone who keeps access keeps their passphrase."
            ),
            wrap=True,
        )
        self.who = t.label(self._who_text, role="warning", wrap=True)
        self.safety = t.label(
            lambda: self.tr(
                "Keep Red Van open until it is done. If the computer stops half-way, the vault "
                "opens as it was before or as it is after, never half-changed."
            ),
            wrap=True,
        )
        self.backups = t.label(
            lambda: self.tr(
                "Backups made before this change still open with the old key. After it, you "
                "can destroy those beside the vault under Backups; copies elsewhere must be "
                "destroyed where they are."
            ),
            role="subtitle",
            wrap=True,
        )
        self.bar = QProgressBar()
        self.bar.setRange(0, _SCALE)
        self.bar.setValue(0)
        self.bar.hide()
        self.stage = t.label(hidden=True)
        self.left = t.label(role="subtitle", hidden=True)
        self.status = t.label(wrap=True, hidden=True)
        self.start = t.button(lambda: self.tr("&Change the key"), role="primary", clicked=self.run)
        self.cancel = t.button(lambda: self.tr("Cancel"), clicked=self.reject)
        self.close_button = t.button(lambda: self.tr("Close"), clicked=self.accept)
        self.close_button.hide()
        vbox(
            self.title,
            self.what,
            self.who,
            self.safety,
            self.backups,
            8,
            self.stage,
            self.bar,
            self.left,
            self.status,
            STRETCH,
            hbox(STRETCH, self.start, self.cancel, self.close_button),
            parent=self,
        )

        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progress)
        self.retranslate()

    # -- running --------------------------------------------------------------------------

    def run(self) -> None:
        if self._running:
            return
        self._running = True
        self._started = time.monotonic()
        self.start.hide()
        self.cancel.hide()
        self.bar.show()
        self.stage.show()
        self.left.show()
        self.status.hide()
        self.stage.setText(self._stage_text("copy"))
        self._fit()
        relay = self._relay

        def report(done: int, total: int, stage: str) -> None:  # on the worker thread
            relay.progressed.emit(int(done), int(total), stage)

        background.run(self, lambda: self.work(report), self._done, self._failed)

    def _progress(self, done: int, total: int, stage: str) -> None:
        start, share = _WEIGHTS.get(stage, (0.0, 1.0))
        fraction = start + share * (done / total if total > 0 else 1.0)
        self.bar.setValue(int(min(1.0, fraction) * _SCALE))
        self.stage.setText(self._stage_text(stage))
        spent = time.monotonic() - self._started
        if 0.03 < fraction < 1.0 and spent > 0.5:
            seconds = max(1, round(spent / fraction * (1 - fraction)))
            self.left.setText(self.tr("About %n s left.", None, seconds))
        elif fraction >= 1.0:
            self.left.clear()

    def _done(self, result: Any) -> None:
        self._running = False
        self.result_value = result
        self.bar.setValue(_SCALE)
        self.left.clear()
        self.stage.setText(self.tr("Done: the vault is now under a new key."))
        say(self.status, self._done_text(result), "ok")
        self.close_button.show()
        self.close_button.setFocus()
        self._fit()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.failure = exc
        self.bar.hide()
        self.left.clear()
        self.stage.setText(self.tr("The key was not changed; the vault is as it was."))
        say(self.status, describe(exc), "error")
        self.cancel.show()
        self.cancel.setText(self.tr("Close"))
        self._fit()

    def _fit(self) -> None:
        """Grow to fit wrapped text at the dialog's width (labels were shown or filled)."""
        layout = self.layout()
        width = max(self.width(), self.minimumWidth())
        if layout is not None and layout.hasHeightForWidth():
            self.resize(width, max(self.height(), layout.totalHeightForWidth(width)))
        else:
            self.adjustSize()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit()

    def reject(self) -> None:
        if self._running:  # the change cannot be stopped half-way; it finishes quickly
            return
        super().reject()

    # -- text -----------------------------------------------------------------------------

    def _stage_text(self, stage: str) -> str:
        return {
            "copy": self.tr("Writing the vault under a new key…"),
            "verify": self.tr("Checking the new copy…"),
            "swap": self.tr("Swapping it in…"),
        }.get(stage, "")

    def _done_text(self, result: Any) -> str:
        dropped = list(getattr(result, "dropped", []) or [])
        text = {
            "revoke": self.tr("%1's old key file and passphrase open nothing written from now on."),
            "recovery": self.tr("The old recovery code opens nothing written from now on."),
        }.get(self.kind, self.tr("Old copies of the key file open nothing written from now on."))
        text = text.replace("%1", self.name)
        if getattr(result, "recovery_code", None) and self.kind != "recovery":
            text += " " + self.tr(
                "The recovery code was in an old format and could not be kept: there is a new "
                "one, shown once under Staff and keys. Write it down or save the sheet."
            )
        if dropped:
            text += " " + self.tr(
                "These staff members had keys in an old format and need a new passphrase: %1."
            ).replace("%1", ", ".join(dropped))
        return text

    def _title_text(self) -> str:
        titles = {
            "revoke": self.tr("Revoke %1's key").replace("%1", self.name),
            "recovery": self.tr("A new recovery code"),
        }
        return titles.get(self.kind, self.tr("Change the vault key"))

    def _who_text(self) -> str:
        if self.kind == "revoke":
            return self.tr(
                "%1 loses their key: their old key file and passphrase will open nothing "
                "written from now on."
            ).replace("%1", self.name)
        if self.kind == "recovery":
            return self.tr(
                "The old recovery code stops working; the new one is shown once at the end."
            )
        return ""

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.who.setVisible(bool(self.who.text()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
