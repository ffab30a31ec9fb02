"""The contact form's services section: a grid of toggles, each with its number key and
name, and a quantity beside the counted ones; arrows move through the grid."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)

from redvan.core.vocabulary import VocabularyEntry


class ServiceToggle(QToolButton):
    """A checkable service: its number-key digit in a column of its own, then the label.

    Painted by hand so digits and labels line up down the grid (a tool button centres its
    text). A long label is set a little smaller (down to SMALLEST of the font) before it is
    elided, so the long Danish and English names fit at 1100×720 (issue 15, item 9); what is
    still cut shows whole as the tooltip.
    """

    SMALLEST = 0.8

    def __init__(self, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slug = slug
        self.digit = ""
        self.label = ""
        self.setCheckable(True)
        self.setProperty("role", "service")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_label(self, digit: str, label: str) -> None:
        self.digit = digit
        self.label = label
        self.setText(label.replace("&", "&&"))  # for accessibility; painted by hand
        self._update_tooltip()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._update_tooltip()

    def _label_rect(self) -> QRect:
        em = self.fontMetrics().horizontalAdvance("M")
        return self.rect().adjusted(int(em * 2.2), 0, -em, 0)

    def _update_tooltip(self) -> None:
        font = self._fitted_font()
        elided = QFontMetrics(font).horizontalAdvance(self.label) > self._label_rect().width()
        self.setToolTip(self.label if elided else "")

    def is_cut(self) -> bool:
        """Whether the label is elided at the button's present width."""
        return bool(self.toolTip())

    def _fitted_font(self) -> QFont:
        """The label's font, a step smaller at a time until the label fits (or SMALLEST)."""
        font = self._font()
        width = self._label_rect().width()
        size = font.pointSizeF()
        if size <= 0 or QFontMetrics(font).horizontalAdvance(self.label) <= width:
            return font
        smallest = size * self.SMALLEST
        while size > smallest:
            size = max(size - 0.5, smallest)
            font.setPointSizeF(size)
            if QFontMetrics(font).horizontalAdvance(self.label) <= width:
                break
        return font

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold if self.isChecked() else QFont.Weight.Normal)
        return font

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        palette = self.palette()
        enabled = self.isEnabled()
        text_color = palette.color(
            QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled,
            QPalette.ColorRole.ButtonText,
        )
        if self.isChecked() and enabled:
            text_color = QColor("white")
        digit_color = QColor(text_color)
        digit_color.setAlphaF(0.55 if not self.isChecked() else 0.8)
        em = self.fontMetrics().horizontalAdvance("M")
        middle = Qt.AlignmentFlag.AlignVCenter
        if self.digit:
            painter.setPen(digit_color)
            digit_rect = self.rect().adjusted(int(em * 0.8), 0, 0, 0)
            painter.drawText(digit_rect, int(middle | Qt.AlignmentFlag.AlignLeft), self.digit)
        font = self._fitted_font()
        painter.setFont(font)
        painter.setPen(text_color)
        rect = self._label_rect()
        text = QFontMetrics(font).elidedText(self.label, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(middle | Qt.AlignmentFlag.AlignLeft), text)


# The number keys of the first ten toggles, in order.
DIGITS = "1234567890"
COLUMNS = 3


class ServicesGrid(QWidget):
    """The services as toggles in COLUMNS columns, filled column by column so the digits run
    down the first column like a list. `toggles` and `spins` are the page's to read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.services: list[VocabularyEntry] = []
        self.toggles: list[ServiceToggle] = []
        self.spins: dict[str, QSpinBox] = {}

    def rebuild(self, services: list[VocabularyEntry], quantities: dict[str, int]) -> None:
        """New toggles for `services`, keeping what was switched on and its quantity."""
        checked = {t.slug: (t.isChecked(), self.spin_value(t.slug)) for t in self.toggles}
        while self.grid.count():
            item = self.grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.services = services
        self.toggles = []
        self.spins = {}
        rows = max(1, (len(services) + COLUMNS - 1) // COLUMNS)
        for index, entry in enumerate(services):
            cell = QWidget()
            line = QHBoxLayout(cell)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(2)
            toggle = ServiceToggle(entry.slug)
            toggle.toggled.connect(lambda on, slug=entry.slug: self._toggled(slug, on))
            toggle.installEventFilter(self)
            line.addWidget(toggle, 1)
            if entry.quantity:
                spin = QSpinBox()
                spin.setRange(1, 999)
                spin.setValue(quantities.get(entry.slug, 1))
                spin.hide()
                self.spins[entry.slug] = spin
                line.addWidget(spin)
            self.toggles.append(toggle)
            self.grid.addWidget(cell, index % rows, index // rows)
            was_checked, quantity = checked.get(entry.slug, (False, None))
            if was_checked:
                toggle.setChecked(True)
                if quantity is not None and entry.slug in self.spins:
                    self.spins[entry.slug].setValue(quantity)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)

    def label(self, language: str) -> None:
        for index, (toggle, entry) in enumerate(zip(self.toggles, self.services, strict=True)):
            label = entry.label(language)
            digit = DIGITS[index] if index < len(DIGITS) else ""
            toggle.set_label(digit, label)
            toggle.setAccessibleName(label)
            toggle.setAccessibleDescription(
                self.tr("Press %1 to switch on or off").replace("%1", digit) if digit else ""
            )
            spin = self.spins.get(entry.slug)
            if spin is not None:
                spin.setAccessibleName(self.tr("Quantity of %1").replace("%1", label))

    def focus_chain(self) -> list[QWidget]:
        """Each toggle, then its quantity if it has one."""
        chain: list[QWidget] = []
        for toggle in self.toggles:
            chain.append(toggle)
            if toggle.slug in self.spins:
                chain.append(self.spins[toggle.slug])
        return chain

    def given(self) -> dict[str, int]:
        """The services switched on, each with its quantity (1 for one that has none)."""
        return {t.slug: self.spin_value(t.slug) or 1 for t in self.toggles if t.isChecked()}

    def give(self, given: dict[str, int]) -> None:
        """Switch on the services in `given`, with their quantities."""
        for toggle in self.toggles:
            if toggle.slug in given:
                toggle.setChecked(True)
                spin = self.spins.get(toggle.slug)
                if spin is not None:
                    spin.setValue(int(given[toggle.slug]))

    def reset(self, quantities: dict[str, int]) -> None:
        """Nothing switched on; each quantity back to its `quantities` (or 1)."""
        for toggle in self.toggles:
            toggle.setChecked(False)
        for slug, spin in self.spins.items():
            spin.setValue(quantities.get(slug, 1))

    def spin_value(self, slug: str) -> int | None:
        spin = self.spins.get(slug)
        return spin.value() if spin is not None else None

    def _toggled(self, slug: str, on: bool) -> None:
        spin = self.spins.get(slug)
        if spin is not None:
            spin.setVisible(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, ServiceToggle)
        ):
            return self.move(watched, event.key())
        return super().eventFilter(watched, event)

    def move(self, toggle: ServiceToggle, key: int) -> bool:
        """Arrows move through the grid: up and down a column, left and right a row."""
        rows = (len(self.toggles) + COLUMNS - 1) // COLUMNS
        steps = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -rows,
            Qt.Key.Key_Right: rows,
        }
        step = next((s for k, s in steps.items() if k == key), None)
        if step is None:
            return False
        index = self.toggles.index(toggle) + step
        if 0 <= index < len(self.toggles):
            self.toggles[index].setFocus(Qt.FocusReason.TabFocusReason)
        return True
