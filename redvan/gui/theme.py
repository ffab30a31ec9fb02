"""Night and day themes (G11): Fusion with a calm dark palette; sizes follow the system font."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFocusFrame,
    QFrame,
    QListView,
    QProxyStyle,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QToolButton,
    QWidget,
)

ACCENT = "#d6453d"  # the red of the van, used sparingly
OK = "#4caf7a"
WARN = "#e0a530"
# The focus ring (issue 15, item 6: Fusion's was very faint on the dark theme). Amber on the
# dark window (#1d1f23) has a contrast of about 11:1; the light theme gets a dark blue.
FOCUS_DARK = "#ffc857"
FOCUS_LIGHT = "#0b57d0"
FOCUS_WIDTH = 2

_DARK = {
    QPalette.ColorRole.Window: "#1d1f23",
    QPalette.ColorRole.WindowText: "#e8e6e3",
    QPalette.ColorRole.Base: "#16181b",
    QPalette.ColorRole.AlternateBase: "#22252a",
    QPalette.ColorRole.ToolTipBase: "#2a2d33",
    QPalette.ColorRole.ToolTipText: "#e8e6e3",
    QPalette.ColorRole.PlaceholderText: "#8a8f98",
    QPalette.ColorRole.Text: "#e8e6e3",
    QPalette.ColorRole.Button: "#2a2d33",
    QPalette.ColorRole.ButtonText: "#e8e6e3",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#8c2f2a",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#f08a7e",
    QPalette.ColorRole.Mid: "#3a3e45",
    QPalette.ColorRole.Dark: "#111316",
    QPalette.ColorRole.Light: "#4a4f57",
}


def _rules(base_pt: float, line_px: int) -> dict[str, str]:
    """The style rules, grouped by the widgets they select.

    Qt style sheets ignore percentages, so sizes are points worked out from the app font.
    """
    title, big = base_pt * 1.5, base_pt * 2.0
    pad_h = max(8, line_px)
    return {
        "navigation": f"""
QListWidget#navigation {{ border: none; }}
QListWidget#navigation::item {{ padding-left: {pad_h}px; }}
QListWidget#navigation::item:selected {{ background: palette(highlight); }}
""",
        "role": f"""
QLabel[role="title"] {{ font-size: {title:.1f}pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: palette(placeholder-text); }}
QLabel[role="error"] {{ color: {ACCENT}; font-weight: 600; }}
QLabel[role="ok"] {{ color: {OK}; font-weight: 600; }}
QLabel[role="warning"] {{ color: {WARN}; font-weight: 600; }}
QLabel[role="big"] {{ font-size: {big:.1f}pt; font-weight: 600; }}
QFrame[role="card"] {{ border: 1px solid palette(mid); border-radius: 6px; }}
""",
        "button": f"""
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; font-weight: 600;
    padding: 0.4em 1.2em; border-radius: 4px; }}
QPushButton[role="primary"]:disabled {{ background: palette(mid); }}
QPushButton {{ padding: 0.3em 0.9em; }}
QPushButton:checked {{ background: #8c2f2a; color: white; }}
""",
        "service": """
QToolButton[role="service"] { padding: 0.5em; min-width: 9em; }
QToolButton[role="service"]:checked { background: #8c2f2a; color: white; font-weight: 600; }
""",
        "indicator": f"""
QCheckBox::indicator, QRadioButton::indicator, QListView::indicator {{
    width: 0.9em; height: 0.9em; border: 1px solid #9aa0a8; background: palette(base); }}
QRadioButton::indicator {{ border-radius: 0.5em; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked, QListView::indicator:checked {{
    background: {ACCENT}; border-color: #f0b0a8; }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: #4a4f57; }}
""",
    }


def _style(base_pt: float, line_px: int) -> str:
    """All the rules as one style sheet."""
    return "".join(_rules(base_pt, line_px).values())


_MARK = "/* redvan theme */"


class _ScopedStyle(QProxyStyle):
    """Fusion, and the theme's style rules on only the widgets they can select.

    An application-wide style sheet would put Qt's style-sheet style on every widget (each
    layout box, table and scroll bar), which made building a screen about twice as slow
    (bench B7). Here a widget the rules can match gets them as its own style sheet when it is
    polished (again after a change of its "role"); the look is the same.
    """

    def __init__(self, rules: dict[str, str]) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self._rules = rules

    def _sheet(self, widget: QWidget) -> str:
        rules = self._rules
        parts = []
        if isinstance(widget, QPushButton):
            parts.append(rules["button"])
        elif isinstance(widget, QToolButton) and widget.property("role") is not None:
            parts.append(rules["service"])
        elif isinstance(widget, QCheckBox | QRadioButton | QListView):
            parts.append(rules["indicator"])
            if widget.objectName() == "navigation":
                parts.append(rules["navigation"])
        if isinstance(widget, QFrame) and widget.property("role") is not None:
            parts.append(rules["role"])
        return "".join(parts)

    focus_colour = FOCUS_DARK

    def drawControl(  # noqa: N802 (Qt API)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element != QStyle.ControlElement.CE_FocusFrame:
            super().drawControl(element, option, painter, widget)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(self.focus_colour), FOCUS_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = FOCUS_WIDTH / 2
        painter.drawRoundedRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset), 3, 3)
        painter.restore()

    def pixelMetric(  # noqa: N802 (Qt API)
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        # Only the ring's own margin: item views use this metric for their text margins too.
        ring = isinstance(widget, QFocusFrame) or (
            option is not None and isinstance(option.styleObject, QFocusFrame)
        )
        if ring and metric in (
            QStyle.PixelMetric.PM_FocusFrameHMargin,
            QStyle.PixelMetric.PM_FocusFrameVMargin,
        ):
            return FOCUS_WIDTH + 1
        return super().pixelMetric(metric, option, widget)

    def polish(self, target: Any) -> Any:  # the QWidget, QPalette and QApplication overloads
        result = super().polish(target)
        if isinstance(target, QWidget):
            own = target.styleSheet()
            if not own.startswith(_MARK):
                sheet = self._sheet(target)
                if sheet:  # its own rules (set by a screen) come last and win
                    target.setStyleSheet(f"{_MARK}{sheet}{own}")
        return result


def apply(app: QApplication, theme: str = "dark") -> None:
    palette = QPalette() if theme == "light" else _dark_palette()
    base = app.font().pointSizeF()
    line = QFontMetrics(app.font()).height()
    if app.styleSheet():
        app.setStyleSheet("")
    style = _ScopedStyle(_rules(base if base > 0 else 10.0, line))
    style.focus_colour = FOCUS_LIGHT if theme == "light" else FOCUS_DARK
    app.setStyle(style)
    app.setPalette(palette)
    FocusRing.follow(app)


class FocusRing(QObject):
    """One clearly visible ring around whichever widget has the keyboard focus (G11).

    A QFocusFrame moves to the focused widget; the theme's style draws it.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    @classmethod
    def follow(cls, app: QApplication) -> FocusRing:
        ring = app.findChild(FocusRing)
        return ring if isinstance(ring, FocusRing) else cls(app)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.frame is not None and not _alive(self.frame):
            self.frame = None  # deleted with the screen it was on (a lock drops every view)
        if new is None or new.isWindow():  # a ring needs a parent to draw on
            if self.frame is not None:
                self.frame.setWidget(None)
            return
        if self.frame is None:
            self.frame = QFocusFrame()
        self.frame.setWidget(new)


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # deleted with the window it was in
        return False
    return True


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7078"))
    return palette
