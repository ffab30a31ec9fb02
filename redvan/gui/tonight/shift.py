"""Tonight's shift card: a start form (team, zones, staff), or the running shift with
"End shift…" and its confirm row."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from redvan.core.model import Shift
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.messages import describe
from redvan.gui.widgets.chips import checked, chip_list
from redvan.gui.widgets.confirm import ConfirmRow
from redvan.gui.widgets.layouts import STRETCH, fill, hbox, vbox
from redvan.gui.widgets.roles import ERROR, SUBTITLE, card, role_label, say
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context
from redvan.storage.errors import VaultError

_MAX = 16777215


def _mark(item: QListWidgetItem, on: bool) -> None:
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    font = item.font()
    font.setBold(on)
    item.setFont(font)


class ShiftPanel(QStackedWidget):
    """Start a shift, or see and end the running one. `started`/`ended` carry the shift id."""

    started = Signal(str)
    ended = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.shift: Shift | None = None
        self.texts = Texts()
        self.addWidget(self._build_start_form())
        self.addWidget(self._build_running())

    # -- building -----------------------------------------------------------------------------

    def _build_start_form(self) -> QWidget:
        frame, layout = card()
        t = self.texts
        self.start_title = t.bind(
            role_label(SUBTITLE, wrap=False),
            text=lambda: self.tr("No shift is running. Start one to log tonight."),
        )
        self.team = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("e.g. Van 1"),
            accessibleName=lambda: self.tr("Team or van"),
        )
        self.team.setMaxLength(60)
        self.team.returnPressed.connect(self.start_shift)
        self.zones = t.bind(
            chip_list(), accessibleName=lambda: self.tr("Zones of the shift (Space checks)")
        )
        self.staff = t.bind(
            chip_list(), accessibleName=lambda: self.tr("Staff on the shift (Space checks)")
        )
        self.start_button = t.button(
            lambda: self.tr("Sta&rt shift"),
            role="primary",
            clicked=self.start_shift,
            accessible=lambda: self.tr("Start the shift"),
        )
        self.start_error = role_label(ERROR, hidden=True)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.addWidget(t.label(lambda: self.tr("&Team or van:"), buddy=self.team), 0, 0)
        grid.addLayout(hbox(self.team, STRETCH), 0, 1)
        for row, (text, chips) in enumerate(
            ((lambda: self.tr("&Zones:"), self.zones), (lambda: self.tr("&Staff:"), self.staff)),
            start=1,
        ):
            label = t.label(text, buddy=chips)
            # Line the label up with the first row of chips.
            label.setContentsMargins(0, chips.frameWidth() + 2 * chips.spacing() + 1, 0, 0)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(chips, row, 1)
        fill(
            layout,
            (self.start_title, grid, hbox((self.start_error, 1), STRETCH, self.start_button)),
        )
        QWidget.setTabOrder(self.team, self.zones)
        QWidget.setTabOrder(self.zones, self.staff)
        QWidget.setTabOrder(self.staff, self.start_button)
        return frame

    def _build_running(self) -> QWidget:
        frame, layout = card(compact=True)
        t = self.texts
        self.running_title = t.bind(
            role_label(SUBTITLE, wrap=False), text=lambda: self.tr("Shift running")
        )
        self.running_label = QLabel()
        self.running_label.setWordWrap(True)
        font: QFont = self.running_label.font()
        font.setBold(True)
        self.running_label.setFont(font)
        self.end_button = t.button(
            lambda: self.tr("&End shift…"),
            clicked=self.ask_end_shift,
            accessible=lambda: self.tr("End the shift"),
        )
        self.confirm_row = ConfirmRow(card=False)
        self.confirm_row.confirmed.connect(self._confirmed_end)
        self.confirm_row.cancelled.connect(self._cancel_end)
        self.end_error = role_label(ERROR, hidden=True)
        fill(
            layout,
            (
                hbox(
                    (vbox(self.running_title, self.running_label, spacing=0), 1),
                    (self.end_button, 0, Qt.AlignmentFlag.AlignVCenter),
                ),
                self.confirm_row,
                self.end_error,
            ),
        )
        return frame

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.confirm_row.set_texts(
            self.tr("&Keep going"),
            self.tr("End shift &now"),
            self.tr("Keep the shift running"),
            self.tr("Yes, end the shift now"),
        )

    # -- showing ------------------------------------------------------------------------------

    def fill_lists(self) -> None:
        """Zones and staff for the start form, keeping what is already checked."""
        store = self.context.services.store
        lang = self.context.language
        checked_zones = set(checked(self.zones))
        self.zones.clear()
        for entry in store.vocabulary(VocabularyKind.ZONE):
            if entry.retired:
                continue
            item = QListWidgetItem(entry.label(lang))
            item.setData(Qt.ItemDataRole.UserRole, entry.slug)
            self.zones.addItem(item)
            _mark(item, entry.slug in checked_zones)
        checked_staff = set(checked(self.staff))
        if not checked_staff and self.context.session.vault is not None:
            checked_staff = {self.context.session.vault.staff_id}
        self.staff.clear()
        for member in store.list_staff():
            item = QListWidgetItem(member.display_name)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.staff.addItem(item)
            _mark(item, member.id in checked_staff)
        for widget in (self.zones, self.staff):
            self._fit_height(widget)

    @staticmethod
    def _fit_height(widget: QListWidget) -> None:
        """Room for two wrapped lines of chips; more scrolls."""
        row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height()
        lines = 2 if widget.count() > 6 else 1
        widget.setFixedHeight(lines * (row + 2 * widget.spacing()) + 2 * widget.frameWidth() + 4)

    def show_shift(self, shift: Shift | None) -> None:
        self.shift = shift
        if shift is None:
            self.setCurrentIndex(0)
            self.setMaximumHeight(_MAX)
            return
        self.setCurrentIndex(1)
        self._fit()
        store, lang = self.context.services.store, self.context.language
        zones = {e.slug: e.label(lang) for e in store.vocabulary(VocabularyKind.ZONE)}
        staff = {s.id: s.display_name for s in store.list_staff(include_inactive=True)}
        parts = [shift.team]
        if shift.zones:
            parts.append(", ".join(zones.get(z, z) for z in shift.zones))
        parts.append(self.tr("since %1").replace("%1", shift.started_at.strftime("%H:%M")))
        if shift.staff_ids:
            parts.append(", ".join(staff.get(s, "?") for s in shift.staff_ids))
        self.running_label.setText(" · ".join(parts))

    def _fit(self) -> None:
        self.setMaximumHeight(self.currentWidget().sizeHint().height())

    # -- starting and ending ------------------------------------------------------------------

    def start_shift(self) -> Shift | None:
        self.start_error.hide()
        zones = checked(self.zones)
        staff = checked(self.staff)
        if not self.team.text().strip():
            say(self.start_error, ERROR, self.tr("Name the team or van."))
            self.team.setFocus()
            return None
        if not staff:
            say(self.start_error, ERROR, self.tr("Check at least one staff member on the shift."))
            self.staff.setFocus()
            return None
        now: datetime = self.context.now()
        try:
            shift = self.context.services.start_shift(self.team.text(), zones, staff, now)
        except (ValueError, VaultError) as exc:
            say(self.start_error, ERROR, describe(exc))
            return None
        self.team.clear()
        self.started.emit(shift.id)
        return shift

    def ask_end_shift(self) -> None:
        self.show_shift(self.shift)
        self.confirm_row.ask(
            self.tr("End the shift at %1? Everything recorded stays saved.").replace(
                "%1", self.context.now().strftime("%H:%M")
            )
        )
        self._fit()

    def _confirmed_end(self) -> None:
        # A slot that returns a value to a Python-defined signal trips a PySide6 reference
        # count bug ("bool_dealloc" at exit); this one returns nothing.
        self.end_shift()

    def _cancel_end(self) -> None:
        self.show_shift(self.shift)
        self.end_button.setFocus()

    def end_shift(self) -> bool:
        if self.shift is None:
            return False
        shift_id = self.shift.id
        try:
            self.context.services.end_shift(shift_id, self.context.now())
        except (ValueError, VaultError) as exc:
            say(self.end_error, ERROR, describe(exc))
            return False
        self.confirm_row.hide()
        self.end_error.hide()
        self.ended.emit(shift_id)
        self.team.setFocus()
        return True

    def draft_zones(self) -> list[str]:
        return checked(self.zones)
