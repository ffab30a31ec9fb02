"""Night and day themes (G11): Fusion with a calm dark palette; sizes follow the system font."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QListView,
    QProxyStyle,
    QPushButton,
    QRadioButton,
    QStyleFactory,
    QToolButton,
    QWidget,
)

ACCENT = "#d6453d"  # the red of the van, used sparingly
OK = "#4caf7a"
WARN = "#e0a530"

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
    app.setStyle(_ScopedStyle(_rules(base if base > 0 else 10.0, line)))
    app.setPalette(palette)


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
