"""Issue 15, item 6: age band (and gender) started on "Unknown", the last item, so Down did
nothing. The default now comes first and Down reaches every other choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from redvan.core.enums import AgeBand, Gender
from redvan.gui.contact.page import ContactEntryPage
from redvan.gui.workspace import Context


def _walk_down(qtbot, combo: QComboBox) -> list[str]:  # type: ignore[no-untyped-def]
    combo.setFocus()
    seen = [combo.currentData()]
    for _ in range(combo.count()):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        seen.append(combo.currentData())
    return seen


def test_down_from_the_default_reaches_every_choice(context: Context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = ContactEntryPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    page.refresh()
    for combo, enum in ((page.age, AgeBand), (page.gender, Gender)):
        assert combo.currentData() == enum.UNKNOWN.value
        seen = _walk_down(qtbot, combo)
        assert set(seen) == {member.value for member in enum}
        assert seen[1] != enum.UNKNOWN.value, "Down from the default must move"
