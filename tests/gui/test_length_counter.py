"""The character counter under free-text fields and labels (issue 14: long text)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from redvan.core import limits
from redvan.gui.widgets.limits import LengthCounter, attach_counter


def test_the_counter_follows_typing_and_warns_past_the_limit(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = QPlainTextEdit()
    qtbot.addWidget(field)
    counter = attach_counter(field, 10)
    assert counter.text() == "0 / 10 characters" and counter.property("role") == "subtitle"
    field.setPlainText("123456789")
    assert counter.text() == "9 / 10 characters" and counter.property("role") == "warning"
    field.setPlainText("12345678901")
    assert counter.over() and counter.property("role") == "error"
    assert "too long" in counter.text() and counter.accessibleName() == counter.text()


def test_a_line_edit_cannot_pass_its_limit(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit()
    qtbot.addWidget(field)
    counter = LengthCounter(field, limits.LABEL)
    field.setText("x" * (limits.LABEL + 50))
    assert len(field.text()) == limits.LABEL and not counter.over()


def test_the_screens_show_counters(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    """Each screen with a free text or a label shows its counter with the core limit."""
    from redvan.gui.contact.page import ContactEntryPage
    from redvan.gui.followups.page import FollowUpsPage
    from redvan.gui.incidents.page import IncidentsPage
    from redvan.gui.vault_settings.page import SettingsPage

    for make, limit in (
        (ContactEntryPage, limits.FREE_TEXT),
        (FollowUpsPage, limits.FREE_TEXT),
        (IncidentsPage, limits.FREE_TEXT),
        (SettingsPage, limits.LABEL),
    ):
        page = make(context)
        qtbot.addWidget(page)
        counters = page.findChildren(LengthCounter)
        assert counters and {c.limit for c in counters} == {limit}, make.__name__
        if make is IncidentsPage:
            page.description.setPlainText("He came back in the grey car. " * 134)
            counter = next(c for c in counters if c.field is page.description)
            assert counter.text_length() == 4020 and "too long" in counter.text()
