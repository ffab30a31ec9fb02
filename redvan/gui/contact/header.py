"""The contact form's header: the title, the running shift, and when, how and where the
contacts happen, which stay from one person to the next."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QTimeEdit, QWidget

from redvan.core.model import Shift
from redvan.gui.widgets.layouts import hbox, vbox
from redvan.gui.widgets.roles import select_data
from redvan.gui.widgets.texts import Texts
from redvan.gui.widgets.vocabulary import VocabularyCombo
from redvan.gui.workspace import Context

# How often the shown time follows the clock while nobody has changed it.
TICK_MS = 30_000


class ContactHeader(QWidget):
    """The time shows now until someone changes it, for a contact from earlier tonight."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.shift: Shift | None = None
        self.touched = False  # the time was changed by hand
        self._setting_time = False
        t = self.texts = Texts()
        self.heading = t.label(lambda: self.tr("New contact"), role="title")
        self.shift_label = t.label(self._shift_text, role="subtitle")
        self.time = t.bind(
            QTimeEdit(),
            accessibleName=lambda: self.tr("Time of the contact"),
            toolTip=lambda: self.tr("Change it to record a contact from earlier tonight"),
        )
        self.time.setDisplayFormat("HH:mm")
        self.time.timeChanged.connect(self._time_edited)
        self.channel = t.bind(VocabularyCombo(), accessibleName=lambda: self.tr("Channel"))
        self.zone = t.bind(
            VocabularyCombo(lambda _language: self.tr("No zone")),
            accessibleName=lambda: self.tr("Zone"),
        )
        fields = (
            (lambda: self.tr("&Time"), self.time),
            (lambda: self.tr("Ch&annel"), self.channel),
            (lambda: self.tr("&Zone"), self.zone),
        )
        hbox(
            (vbox(self.heading, self.shift_label, spacing=0), 1),
            *(item for text, field in fields for item in (8, t.label(text, buddy=field), field)),
            parent=self,
            margins=0,
        )
        self._clock = QTimer(self)
        self._clock.setInterval(TICK_MS)
        self._clock.timeout.connect(self.follow_clock)
        self._clock.start()

    def focus_chain(self) -> list[QWidget]:
        return [self.time, self.channel, self.zone]

    def _shift_text(self) -> str:
        if self.shift is None:
            return self.tr(
                "No shift is running; contacts are saved without one. Start the shift on Tonight."
            )
        return (
            self.tr("Shift: %1, since %2")
            .replace("%1", self.shift.team)
            .replace("%2", self.shift.started_at.strftime("%H:%M"))
        )

    def show_shift(self) -> None:
        """Say which shift is running (as last read into `shift`)."""
        self.shift_label.setText(self._shift_text())

    def relabel(self) -> None:
        for combo in (self.channel, self.zone):
            combo.relabel(self.context.language)

    # -- the time -------------------------------------------------------------------------------

    def set_time_now(self) -> None:
        now = self.context.now()
        self._setting_time = True
        self.time.setTime(QTime(now.hour, now.minute))
        self._setting_time = False
        self.touched = False

    def follow_clock(self) -> None:
        if not self.touched:
            self.set_time_now()

    def _time_edited(self, _time: QTime) -> None:
        if not self._setting_time:
            self.touched = True

    def contact_time(self) -> datetime:
        """Now, or the time typed in for a contact earlier tonight (never in the future)."""
        now = self.context.now()
        if not self.touched:
            return now
        chosen = self.time.time()
        moment = now.replace(hour=chosen.hour(), minute=chosen.minute(), second=0, microsecond=0)
        if moment > now:
            moment -= timedelta(days=1)
        return moment

    # -- drafts -----------------------------------------------------------------------------------

    def draft(self) -> dict[str, Any]:
        return {
            "channel": self.channel.currentData(),
            "zone": self.zone.currentData(),
            "time": self.time.time().toString("HH:mm") if self.touched else None,
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        select_data(self.channel, draft.get("channel"))
        select_data(self.zone, draft.get("zone"))
        if draft.get("time"):
            chosen = QTime.fromString(str(draft["time"]), "HH:mm")
            if chosen.isValid():
                self.time.setTime(chosen)
                self.touched = True
