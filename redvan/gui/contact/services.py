"""The contact form's service buttons: a toggle with its number key and its name."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)


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
