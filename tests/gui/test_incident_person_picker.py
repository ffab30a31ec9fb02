"""Issue 15, item 3: after one miss, the incident form's person picker kept saying "No one
with that alias" and left a matching person unselected, so saving refused.

Everything is typed: the alias field, the keys that erase it, Ctrl+Enter to save.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from redvan.core.codes import alias_label
from redvan.core.enums import ConsentTier, IncidentType
from redvan.gui.incidents.page import IncidentsPage
from tests.gui.pages import shown

NIGHT = datetime(2026, 11, 20, 22, 0)


def _form(context, qtbot) -> IncidentsPage:  # type: ignore[no-untyped-def]
    page = shown(IncidentsPage(context), qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    box = page.type_boxes[IncidentType.THREATS_HARASSMENT]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    tier = page.tier_buttons[ConsentTier.RECORD_ONLY]
    tier.setFocus()
    qtbot.keyClick(tier, Qt.Key.Key_Space)
    return page


def _type_alias(page: IncidentsPage, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    page.person.setFocus()
    qtbot.keyClick(page.person, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.person, Qt.Key.Key_Backspace)
    qtbot.keyClicks(page.person, text)
    qtbot.waitUntil(lambda: not page._search_timer.isActive())


def test_a_match_after_a_miss_is_chosen_and_saved(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    person = session.services.create_profile("MAJA7", NIGHT)
    alias = alias_label(person.alias, "en")
    page = _form(context, qtbot)

    _type_alias(page, qtbot, "Nobody-00")
    assert page.matches.currentIndex() == -1
    assert page.matches.placeholderText() == "No one with that alias"

    _type_alias(page, qtbot, alias)
    assert page.matches.currentData() == person.id, "the one match must be selected"
    assert page.matches.currentText() == alias
    assert page.matches.placeholderText() == ""

    qtbot.keyClick(page.person, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [incident] = session.services.store.find_incidents()
    assert incident.profile_id == person.id
    assert "Choose the person" not in page.form_message.text()


def test_a_miss_after_a_match_is_not_saved_with_the_old_person(context, qtbot, session) -> None:  # type: ignore[no-untyped-def]
    person = session.services.create_profile("MAJA7", NIGHT)
    page = _form(context, qtbot)
    _type_alias(page, qtbot, alias_label(person.alias, "en"))
    assert page.matches.currentData() == person.id
    _type_alias(page, qtbot, "Nobody-00")
    assert page.matches.currentData() is None
    qtbot.keyClick(page.person, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.services.store.find_incidents() == []
    assert "Choose the person" in page.form_message.text()
