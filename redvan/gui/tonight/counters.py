"""Tonight's quick counters: "+ Condoms" with a quantity for each counted service, saved as
an uncoded contact at once, with tonight's total beside it and a short undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from redvan.core.model import ContactInput, SaveResult, ServiceGiven, Shift
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.messages import describe
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.roles import ERROR, OK, SUBTITLE, role_label, say, set_role
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context
from redvan.storage.errors import VaultError

UNDO_SECONDS = 10


@dataclass
class Counter:
    entry: VocabularyEntry
    button: QPushButton
    quantity: QSpinBox
    total: QLabel


class QuickCounters(QFrame):
    """One counter per counted service (quantity=True). `counted` carries the new contact's
    id; `changed` says a count was saved or taken back (tonight's figures must follow)."""

    counted = Signal(str)
    changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.context = context
        self.shift: Shift | None = None
        self.last_count: SaveResult | None = None
        self.counters: list[Counter] = []
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self._hide_saved)

        t = self.texts = Texts()
        self.title = t.bind(
            role_label(SUBTITLE),
            text=lambda: self.tr("Quick count without a code · tonight's totals"),
        )
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.saved_label = role_label(OK, wrap=False)
        self.undo_button = t.button(
            lambda: self.tr("Undo (Ctrl+Z)"),
            flat=True,
            clicked=self.undo_count,
            accessible=lambda: self.tr("Undo the last count"),
        )
        self.count_error = role_label(ERROR, hidden=True)
        self.saved_row = QWidget()
        hbox(self.saved_label, self.undo_button, STRETCH, parent=self.saved_row, margins=0)
        # Keeps its height while hidden, so the cards below do not jump.
        policy = self.saved_row.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.saved_row.setSizePolicy(policy)
        self.saved_row.hide()
        vbox(self.title, self.grid, self.saved_row, self.count_error, parent=self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def retranslate(self) -> None:
        self.texts.retranslate()
        # after the text: a button's setText replaces its shortcut with the text's mnemonic
        self.undo_button.setShortcut(QKeySequence("Ctrl+Z"))

    def build(self, previous: QWidget, after: QWidget) -> None:
        """(Re)build the counters for the counted services; tab order previous → … → after."""
        lang = self.context.language
        entries = [
            e
            for e in self.context.services.store.vocabulary(VocabularyKind.SERVICE)
            if e.quantity and not e.retired
        ]
        old = {c.entry.slug: c.quantity.value() for c in self.counters}
        if [c.entry for c in self.counters] != entries:
            for counter in self.counters:
                for widget in (counter.button, counter.quantity, counter.total):
                    self.grid.removeWidget(widget)
                    widget.deleteLater()
            self.counters = []
            for row, entry in enumerate(entries):
                button = QPushButton()
                quantity = QSpinBox()
                quantity.setRange(1, 999)
                quantity.setValue(old.get(entry.slug, 1))
                total = QLabel()
                scale_font(total, 1.25)
                total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                total.setMinimumWidth(total.fontMetrics().horizontalAdvance("00000"))
                button.clicked.connect(lambda _=False, slug=entry.slug: self.count(slug))
                # Type the number, then Enter (or Tab and Space on the button) counts it.
                quantity.lineEdit().returnPressed.connect(lambda slug=entry.slug: self.count(slug))
                self.grid.addWidget(total, row, 0)
                self.grid.addWidget(quantity, row, 1)
                self.grid.addWidget(button, row, 2)
                QWidget.setTabOrder(previous, quantity)
                QWidget.setTabOrder(quantity, button)
                previous = button
                self.counters.append(Counter(entry, button, quantity, total))
            QWidget.setTabOrder(previous, self.undo_button)
            QWidget.setTabOrder(self.undo_button, after)
        for counter in self.counters:
            name = counter.entry.label(lang)
            counter.button.setText(self.tr("+ %1").replace("%1", name))
            counter.button.setAccessibleName(
                self.tr("Count %1 given without a code").replace("%1", name)
            )
            counter.quantity.setAccessibleName(self.tr("How many %1").replace("%1", name))

    def show_totals(self, total_of: Callable[[str], int]) -> None:
        for counter in self.counters:
            total = total_of(counter.entry.slug)
            counter.total.setText(str(total))
            counter.total.setAccessibleName(
                self.tr("%1 tonight: %2")
                .replace("%1", counter.entry.label(self.context.language))
                .replace("%2", str(total))
            )

    def counter(self, slug: str) -> tuple[QPushButton, QSpinBox]:
        found = next(c for c in self.counters if c.entry.slug == slug)
        return found.button, found.quantity

    def count(self, slug: str) -> SaveResult | None:
        """Record an uncoded contact with only this service, now, in the shift's first zone."""
        self.count_error.hide()
        counter = next(c for c in self.counters if c.entry.slug == slug)
        quantity = counter.quantity.value()
        shift = self.shift
        entry = ContactInput(
            time=self.context.now(),
            zone=self._first_zone(),
            services=(ServiceGiven(slug, quantity),),
            shift_id=shift.id if shift else None,
        )
        try:
            result = self.context.services.save_contact(entry)
        except (ValueError, VaultError) as exc:
            say(self.count_error, ERROR, describe(exc))
            return None
        self.last_count = result
        self.changed.emit()
        self.saved_label.setText(
            self.tr("Saved: %1 × %2")
            .replace("%1", str(quantity))
            .replace("%2", counter.entry.label(self.context.language))
        )
        set_role(self.saved_label, OK)
        self.undo_button.show()
        self.saved_row.show()
        self._undo_timer.start()
        self.counted.emit(result.contact_id)
        return result

    def _first_zone(self) -> str | None:
        """The shift's first zone in list order (the vault keeps a shift's zones as a set)."""
        if self.shift is None or not self.shift.zones:
            return None
        store = self.context.services.store
        order = [e.slug for e in store.vocabulary(VocabularyKind.ZONE)]
        return min(self.shift.zones, key=lambda z: order.index(z) if z in order else len(order))

    def undo_count(self) -> bool:
        result = self.last_count
        if result is None:
            return False
        try:
            self.context.services.undo_contact(result)
        except (ValueError, VaultError) as exc:
            say(self.count_error, ERROR, describe(exc))
            return False
        self.last_count = None
        self.changed.emit()
        self.saved_label.setText(self.tr("Count taken back."))
        set_role(self.saved_label, SUBTITLE)
        self.undo_button.hide()
        self._undo_timer.start()
        return True

    def _hide_saved(self) -> None:
        self.saved_row.hide()
        self.last_count = None
