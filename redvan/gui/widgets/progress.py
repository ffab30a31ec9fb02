"""The progress dialog for work that can take more than a second (backup, restore, migration,
key rotation, large exports): what is happening, how far it is, about how long is left, and why
the person's data is safe meanwhile. Cancel is offered only where stopping is safe.

Driven by the plain callback `report(done, total, stage)` of `background.run_reporting`:

    run_with_progress(self, self.tr("Writing a backup"), work, done, failed,
                      safety=Safety.COPY, stages={"verify": self.tr("Checking the copy")})

`work(report)` runs on a pool thread and never touches a widget; `done`/`failed` run on the GUI
thread after the dialog has closed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from redvan.gui import background
from redvan.gui.background import Cancelled, Reporter
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.text import scale_font


class Safety(Enum):
    """Why the data is safe while the work runs (`text()` says it in one sentence)."""

    READ = "read"  # exports: the vault is only read
    COPY = "copy"  # backups
    REPLACE = "replace"  # restore, key rotation
    MIGRATE = "migrate"  # schema update at unlock

    def text(self) -> str:
        translate = QCoreApplication.translate
        if self is Safety.COPY:
            return translate(
                "ProgressDialog",
                "Your data is safe: the vault is only read, and the copy is checked before it "
                "is kept.",
            )
        if self is Safety.REPLACE:
            return translate(
                "ProgressDialog",
                "Your data is safe: the vault in use is kept as it is until the new one has "
                "been written and checked.",
            )
        if self is Safety.MIGRATE:
            return translate(
                "ProgressDialog",
                "Your data is safe: a backup was made first, and each step of the update is "
                "kept only when it is complete.",
            )
        return translate(
            "ProgressDialog",
            "Your data is safe: the vault is only read, and the file appears only when it is "
            "complete.",
        )


def backup_stages() -> dict[str, str]:
    """What the stages of storage.backup (copy, verify, write) are called on screen."""
    translate = QCoreApplication.translate
    return {
        "copy": translate("ProgressDialog", "Copying the vault"),
        "verify": translate("ProgressDialog", "Checking the copy"),
        "write": translate("ProgressDialog", "Writing the backup file"),
    }


def seconds_left(done: int, total: int, elapsed: float) -> float | None:
    """The time left if the work keeps its pace so far; None while there is too little to tell."""
    if total <= 0 or done <= 0 or done >= total or elapsed < 1.0:
        return None
    return elapsed * (total - done) / done


class ProgressDialog(QDialog):
    """A window-modal dialog showing one piece of long work; see the module docstring."""

    cancel_requested = Signal()

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        safety: Safety = Safety.READ,
        stages: Mapping[str, str] | None = None,
        cancellable: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("progressDialog")
        self._stages = dict(stages or {})
        self._clock = clock
        self._started = clock()
        self._cancellable = cancellable
        self._finished = False

        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        scale_font(self.heading, 1.2)
        self.stage = QLabel()
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report with a total
        self.bar.setAccessibleName(title)
        self.remaining = QLabel()
        self.remaining.hide()
        self.safe = QLabel(safety.text())
        self.safe.setWordWrap(True)
        self.safe.setProperty("role", "ok")
        self.buttons = QDialogButtonBox()
        self.cancel_button: QPushButton | None = None
        if cancellable:
            self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.cancel_button.clicked.connect(self.request_cancel)
        vbox(
            self.heading, self.stage, self.bar, self.remaining, self.safe, self.buttons, parent=self
        )
        self.buttons.setVisible(cancellable)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    # -- the callback ---------------------------------------------------------------------

    def update_progress(self, done: int, total: int, stage: str = "") -> None:
        """Show how far the work is (GUI thread); `total` 0 means unknown."""
        if stage in self._stages:
            self.stage.setText(self._stages[stage])
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        left = self._time_left(done, total)
        self.remaining.setText(left)
        self.remaining.setVisible(bool(left))  # no empty line while there is no guess

    def _time_left(self, done: int, total: int) -> str:
        left = seconds_left(done, total, self._clock() - self._started)
        if left is None:
            return ""
        if left < 10:
            return self.tr("A few seconds left")
        if left < 60:
            return self.tr("About %n second(s) left", "", 5 * math.ceil(left / 5))
        return self.tr("About %n minute(s) left", "", math.ceil(left / 60))

    # -- stopping ---------------------------------------------------------------------------

    @property
    def cancellable(self) -> bool:
        return self._cancellable

    @property
    def finished_work(self) -> bool:
        return self._finished

    def request_cancel(self) -> None:
        if not self._cancellable or self._finished:
            return
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)
        self.stage.setText(self.tr("Stopping at the next safe point…"))
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The work has ended: close for good."""
        self._finished = True
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:  # Esc and the window's close button
        if not self._finished:
            self.request_cancel()  # never closes by itself: the work still runs
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._finished:
            super().closeEvent(event)
            return
        event.ignore()
        self.request_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


class Progress:
    """The dialog of one piece of background work; the dialog exists only once it is shown
    (quick work, and an unlock that needs no migration, never make one)."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        safety: Safety,
        stages: Mapping[str, str] | None,
        cancellable: bool,
    ) -> None:
        self._parent = parent
        self._args = (title, safety, stages, cancellable)
        self.dialog: ProgressDialog | None = None
        self.ended = False
        self._last: tuple[int, int, str] | None = None
        self._cancel: Callable[[], None] | None = None
        self.timer: QTimer | None = None  # the delayed show, stopped when the work ends

    def show(self) -> None:
        # The parent can be gone by the time a delayed show fires (its screen was closed while
        # the work still ran): a dialog on a deleted parent would crash the process.
        if self.ended or self.dialog is not None or not shiboken6.isValid(self._parent):
            return
        title, safety, stages, cancellable = self._args
        self.dialog = ProgressDialog(
            title, self._parent, safety=safety, stages=stages, cancellable=cancellable
        )
        if self._cancel is not None:
            self.dialog.cancel_requested.connect(self._cancel)
        if self._last is not None:
            self.dialog.update_progress(*self._last)
        self.dialog.open()

    def update(self, done: int, total: int, stage: str) -> None:
        self._last = (done, total, stage)
        if self.dialog is not None:
            self.dialog.update_progress(done, total, stage)

    def end(self) -> None:
        self.ended = True
        if self.timer is not None and shiboken6.isValid(self.timer):
            self.timer.stop()
            self.timer.deleteLater()
        self.timer = None
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog.deleteLater()


def run_with_progress(
    parent: QWidget,
    title: str,
    work: Callable[[Reporter], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
    *,
    safety: Safety = Safety.READ,
    stages: Mapping[str, str] | None = None,
    cancellable: bool = False,
    cancelled: Callable[[], None] | None = None,
    show_after_ms: int | None = 400,
) -> Progress:
    """Run `work(report)` in the background behind a progress dialog.

    The dialog appears after `show_after_ms` (work that ends sooner shows nothing), or with
    None at the work's first report (an unlock shows one only when the vault needs migrating),
    and closes before `done(result)` or `failed(exc)` run. When the person stops cancellable
    work and it raises `Cancelled`, `cancelled()` runs instead of `failed`.
    """
    progress = Progress(parent, title, safety, stages, cancellable)

    def finished(result: Any) -> None:
        progress.end()
        done(result)

    def crashed(exc: BaseException) -> None:
        progress.end()
        if isinstance(exc, Cancelled) and cancelled is not None:
            cancelled()
        elif failed is not None:
            failed(exc)

    def progressed(done: int, total: int, stage: str) -> None:
        progress.update(done, total, stage)
        if show_after_ms is None:
            progress.show()

    reporter = background.run_reporting(parent, work, finished, crashed, progressed=progressed)
    progress._cancel = reporter.cancel
    if show_after_ms is not None and show_after_ms <= 0:
        progress.show()
    elif show_after_ms is not None:
        # A timer owned by the parent, not QTimer.singleShot with a bound method: the method's
        # object may be gone when it fires, and the timer goes with its parent.
        timer = QTimer(parent)
        timer.setSingleShot(True)
        timer.timeout.connect(progress.show)
        progress.timer = timer
        timer.start(show_after_ms)
    return progress
