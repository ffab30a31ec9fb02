"""Passphrase strength feedback (V12): a bar, a word, why a passphrase is weak, and a button
that proposes a passphrase of random words (Danish or English), following one passphrase field.

The estimate is redvan.core.passphrase's (zxcvbn with Danish words and the vault's own words).
Used by the create-vault wizard and by the passphrase fields of the vault settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QProgressBar, QWidget

from redvan.core.passphrase import MIN_LENGTH, estimate, generate_passphrase
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.texts import Texts


def reason_text(code: str) -> str:
    """One reason a passphrase is easy to guess, in the interface language."""
    texts = {
        "short": QCoreApplication.translate(
            "PassphraseStrength", "it has fewer than %n characters", None, MIN_LENGTH
        ),
        "common-password": QCoreApplication.translate(
            "PassphraseStrength", "it is on lists of passwords people use most"
        ),
        "common-word": QCoreApplication.translate(
            "PassphraseStrength", "it is built from common words or names"
        ),
        "own-word": QCoreApplication.translate(
            "PassphraseStrength",
            "it uses this organisation's own words (its name, staff names, places)",
        ),
        "keyboard": QCoreApplication.translate(
            "PassphraseStrength", "it follows a row or pattern on the keyboard"
        ),
        "sequence": QCoreApplication.translate(
            "PassphraseStrength", "it is a run like abcd or 1234"
        ),
        "repeat": QCoreApplication.translate(
            "PassphraseStrength", "it repeats characters or a group of characters"
        ),
        "year": QCoreApplication.translate("PassphraseStrength", "it contains a year or a date"),
        "guessable": QCoreApplication.translate(
            "PassphraseStrength", "it is too short for the kinds of characters it uses"
        ),
    }
    return texts.get(code, texts["guessable"])


def why_weak(reasons: Sequence[str]) -> str:
    """A sentence that says why a passphrase was refused (for messages.describe)."""
    parts = [reason_text(r) for r in reasons] or [reason_text("guessable")]
    joined = "; ".join(parts)
    return QCoreApplication.translate(
        "PassphraseStrength",
        "That passphrase is too easy to guess: %1. Use four or five unrelated words, or let "
        "Red Van propose a passphrase.",
    ).replace("%1", joined)


def secret_field(entered: Callable[[], object] | None = None) -> QLineEdit:
    """A passphrase field: what is typed shows as dots; Enter (Return) calls `entered`."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if entered is not None:
        field.returnPressed.connect(entered)
    return field


class PassphraseStrength(QWidget):
    """Follows `field`; `proposed` is emitted with a generated passphrase put into the fields."""

    proposed = Signal(str)

    def __init__(
        self,
        field: QLineEdit,
        repeat: QLineEdit | None = None,
        context: Callable[[], Iterable[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.repeat = repeat
        self.context = context or (lambda: ())
        t = self.texts = Texts()
        self.bar = t.bind(QProgressBar(), accessibleName=lambda: self.tr("Passphrase strength"))
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.word = t.label(role="subtitle")
        self.why = t.label(role="subtitle", wrap=True)
        self.language = t.bind(
            QComboBox(), accessibleName=lambda: self.tr("Language of the proposed words")
        )
        self.language.addItem("", "da")
        self.language.addItem("", "en")
        self.propose_button = t.button(
            lambda: self.tr("Propose a passphrase"),
            clicked=self.propose,
            tip=lambda: self.tr("Five words drawn at random from a list of 7,776: about 64 bits."),
        )
        self.proposal = t.label(role="card", wrap=True, hidden=True)
        self.proposal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.proposal_note = t.label(
            lambda: self.tr(
                "Learn it or write it down and keep it somewhere safe before you go on: it is "
                "shown only while this window is open."
            ),
            role="warning",
            wrap=True,
            hidden=True,
        )
        vbox(
            hbox((self.bar, 1), self.word, margins=0),
            self.why,
            hbox(self.propose_button, self.language, STRETCH, margins=0),
            self.proposal,
            self.proposal_note,
            parent=self,
            margins=0,
        )
        field.textChanged.connect(self.update_strength)
        self.retranslate()

    # -- behaviour ----------------------------------------------------------------------

    def update_strength(self) -> None:
        text = self.field.text()
        if self.proposal.isVisible() and text != self.proposal.text():
            self.proposal.hide()
            self.proposal_note.hide()
        if not text:
            self.bar.setValue(0)
            self.word.clear()
            self.why.clear()
            return
        strength = estimate(text, self.context())
        self.bar.setValue(strength.score)
        self.word.setText(self._words()[strength.score])
        if strength.acceptable:
            self.why.setText(self.tr("Strong enough: guessing it would take too long."))
            self.why.setProperty("role", "ok")
        else:
            reasons = [reason_text(r) for r in strength.reasons]
            self.why.setText(
                self.tr("Too easy to guess: %1.").replace(
                    "%1", "; ".join(reasons) or reason_text("guessable")
                )
            )
            self.why.setProperty("role", "warning")
        self.why.style().unpolish(self.why)
        self.why.style().polish(self.why)

    def propose(self) -> None:
        """Put a passphrase of five random words into the field(s) and show it once."""
        made = generate_passphrase(str(self.language.currentData()))
        self.field.setText(made)
        if self.repeat is not None:
            self.repeat.setText(made)
        self.proposal.setText(made)
        self.proposal.show()
        self.proposal_note.show()
        self.update_strength()
        self.proposed.emit(made)

    def forget_proposal(self) -> None:
        self.proposal.clear()
        self.proposal.hide()
        self.proposal_note.hide()

    # -- text ---------------------------------------------------------------------------

    def _words(self) -> list[str]:
        return [
            self.tr("Very weak"),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        ]

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.language.setItemText(0, self.tr("Danish words"))
        self.language.setItemText(1, self.tr("English words"))
        self.update_strength()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
