"""Passphrase strength feedback (V12): a bar, a word, why a passphrase is weak, and a button
that proposes a passphrase of random words (Danish or English), following one passphrase field.

The estimate is redvan.core.passphrase's (zxcvbn with Danish words and the vault's own words).
Used by the create-vault wizard and by the passphrase fields of the vault settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redvan.core.passphrase import MIN_LENGTH, estimate, generate_passphrase


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
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.word = QLabel()
        self.word.setProperty("role", "subtitle")
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setProperty("role", "subtitle")
        self.language = QComboBox()
        self.language.addItem("", "da")
        self.language.addItem("", "en")
        self.propose_button = QPushButton()
        self.propose_button.clicked.connect(self.propose)
        self.proposal = QLabel()
        self.proposal.setProperty("role", "card")
        self.proposal.setWordWrap(True)
        self.proposal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.proposal.hide()
        self.proposal_note = QLabel()
        self.proposal_note.setWordWrap(True)
        self.proposal_note.setProperty("role", "warning")
        self.proposal_note.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.bar, 1)
        top.addWidget(self.word)
        propose_row = QHBoxLayout()
        propose_row.setContentsMargins(0, 0, 0, 0)
        propose_row.addWidget(self.propose_button)
        propose_row.addWidget(self.language)
        propose_row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.why)
        layout.addLayout(propose_row)
        layout.addWidget(self.proposal)
        layout.addWidget(self.proposal_note)
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
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.propose_button.setText(self.tr("Propose a passphrase"))
        self.propose_button.setToolTip(
            self.tr("Five words drawn at random from a list of 7,776: about 64 bits.")
        )
        self.language.setItemText(0, self.tr("Danish words"))
        self.language.setItemText(1, self.tr("English words"))
        self.language.setAccessibleName(self.tr("Language of the proposed words"))
        self.proposal_note.setText(
            self.tr(
                "Learn it or write it down and keep it somewhere safe before you go on: it is "
                "shown only while this window is open."
            )
        )
        self.update_strength()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
