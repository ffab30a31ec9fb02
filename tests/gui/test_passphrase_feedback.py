"""V12 in the wizard and the staff settings (issue 13): the weak examples are refused with the
reason shown, and a proposed passphrase of random words is accepted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from tests.gui.test_shell import FakeClock, make_window
from tests.unit.test_passphrase import ISSUE_EXAMPLES  # the weak passphrases of issue 13


@pytest.fixture
def wizard(qtbot, tmp_path, fast_kdf):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = make_window(qtbot, Session(kdf=fast_kdf), settings, FakeClock())
    qtbot.mouseClick(window.welcome.create, Qt.MouseButton.LeftButton)
    made = window.wizard
    made.path_edit.setText(str(tmp_path / "first.redvan"))
    qtbot.mouseClick(made.next, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(made.initials, "AB")
    return made


def test_the_wizard_refuses_every_weak_example_and_says_why(wizard, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for weak in ISSUE_EXAMPLES:
        wizard.passphrase.setText(weak)
        wizard.repeat.setText(weak)
        assert wizard.strength.bar.value() <= 2
        assert wizard.strength.why.text().startswith("Too easy to guess: ")
        qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
        assert wizard.error.isVisible(), weak
        assert "too easy to guess" in wizard.error.text() or "too short" in wizard.error.text()
        assert not (tmp_path / "first.redvan").exists()


def test_the_wizard_proposes_a_passphrase_it_accepts(wizard, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    wizard.strength.language.setCurrentIndex(0)  # Danish words
    qtbot.mouseClick(wizard.strength.propose_button, Qt.MouseButton.LeftButton)
    made = wizard.passphrase.text()
    assert len(made.split(" ")) == 5 and wizard.repeat.text() == made
    assert wizard.strength.proposal.isVisible() and wizard.strength.proposal.text() == made
    assert wizard.strength.bar.value() >= 3
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 2, timeout=20_000)
    assert (tmp_path / "first.redvan").exists()
