"""Passphrase policy and strength feedback (V12), shared by the wizard, the settings dialogs and
the command line.

The estimate is zxcvbn's (Dropbox's guess-counting model): it finds the cheapest way to guess
a passphrase from common passwords, English and Danish words, names, keyboard walks, repeats,
sequences, years and dates, and the vault's own words (its organisation, its staff names, its
zones). A passphrase is refused when that estimate is below MIN_GUESSES_LOG10. At Argon2id's
cost per guess (B1) that is years of one attacker's computer, and the dictionary attack that
breaks "Sommer2025" or "Qwerty123!" in seconds finds nothing cheap.

A generated passphrase is GENERATED_WORDS words drawn with `secrets` from a list of 7,776
(6^5): 5 words are about 64.6 bits (resources/wordlists/README.md for the lists).
"""

from __future__ import annotations

import functools
import math
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from redvan.resources import resource_path

MIN_LENGTH = 10
MIN_GUESSES_LOG10 = 12.0
# zxcvbn slows down on very long input; beyond this the rest only adds strength.
_ESTIMATE_CHARS = 100
GENERATED_WORDS = 5
LANGUAGES = ("en", "da")
_WORD_LISTS = {"en": "en-eff-large.txt", "da": "da-passphrase.txt"}
# Words every Red Van vault shares: an attacker tries them first.
_PRODUCT_WORDS = ("redvan", "red", "van", "intake", "outreach", "gadeplan", "kodeord", "vault")

# Stable reason codes (the GUI translates them); each has its English sentence here.
REASONS: dict[str, str] = {
    "short": f"it has fewer than {MIN_LENGTH} characters",
    "common-password": "it is on lists of passwords people use most",
    "common-word": "it is built from common words or names",
    "own-word": "it uses this organisation's own words (its name, staff names, places)",
    "keyboard": "it follows a row or pattern on the keyboard",
    "sequence": "it is a run like abcd or 1234",
    "repeat": "it repeats characters or a group of characters",
    "year": "it contains a year or a date",
    "guessable": "it is too short for the kinds of characters it uses",
}


class PassphraseTooWeak(ValueError):
    """The passphrase is refused; `str()` says why in one sentence; `reasons` as codes."""

    def __init__(self, message: str, reasons: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.reasons = tuple(reasons)


@dataclass(frozen=True)
class Strength:
    bits: float  # log2 of the estimated guesses
    score: int  # 0 (very weak) to 4 (strong); 3 and 4 are accepted
    guesses_log10: float = 0.0
    reasons: tuple[str, ...] = field(default_factory=tuple)  # why it is weak, cheapest first

    @property
    def acceptable(self) -> bool:
        return self.score >= 3


@functools.cache
def word_list(language: str) -> tuple[str, ...]:
    if language not in _WORD_LISTS:
        raise ValueError(f"no word list for {language!r}")
    text = resource_path("wordlists", _WORD_LISTS[language]).read_text(encoding="utf-8")
    words = tuple(w.strip() for w in text.splitlines() if w.strip())
    if len(words) != 6**5 or len(set(words)) != len(words):
        raise ValueError(f"the {language} word list is damaged")
    return words


@functools.lru_cache(maxsize=1)
def _zxcvbn() -> Any:
    """zxcvbn with the Danish dictionary added (once; loaded at first use, not at start-up)."""
    from zxcvbn import matching, zxcvbn

    common = resource_path("wordlists", "da-common.txt").read_text(encoding="utf-8").split()
    matching.add_frequency_lists({"danish": common})
    return zxcvbn


def _context(words: Iterable[str]) -> list[str]:
    out: list[str] = list(_PRODUCT_WORDS)
    for item in words:
        text = (item or "").strip().casefold()
        if not text:
            continue
        out.append(text)
        out.extend(part for part in text.replace("-", " ").split() if len(part) >= 3)
        out.append(text.replace(" ", ""))
    return list(dict.fromkeys(out))[:200]


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def _reasons(result: dict[str, Any], passphrase: str) -> list[str]:
    found: list[str] = ["year"] if _YEAR.search(passphrase) else []
    for match in result.get("sequence", []):
        pattern = match.get("pattern")
        code = None
        if pattern == "dictionary":
            name = match.get("dictionary_name")
            code = {"passwords": "common-password", "user_inputs": "own-word"}.get(
                name, "common-word"
            )
        elif pattern == "spatial":
            code = "keyboard"
        elif pattern == "sequence":
            code = "sequence"
        elif pattern == "repeat":
            code = "repeat"
        elif pattern in ("date", "regex"):
            code = "year"
        if code and code not in found:
            found.append(code)
    return found


def _score(guesses_log10: float) -> int:
    if guesses_log10 < 6:
        return 0
    if guesses_log10 < 9:
        return 1
    if guesses_log10 < MIN_GUESSES_LOG10:
        return 2
    if guesses_log10 < 14:
        return 3
    return 4


def estimate(passphrase: str, context: Iterable[str] = ()) -> Strength:
    """How many guesses a passphrase would take, from what an attacker tries first."""
    if not passphrase:
        return Strength(0.0, 0, 0.0, ("short",))
    head = passphrase[:_ESTIMATE_CHARS]
    result = _zxcvbn()(head, user_inputs=_context(context))
    log10 = float(result["guesses_log10"])
    if len(passphrase) > _ESTIMATE_CHARS:  # the rest, at the weakest plausible rate
        log10 += (len(passphrase) - _ESTIMATE_CHARS) * math.log10(2)
    reasons = _reasons(result, head)
    if len(passphrase) < MIN_LENGTH:
        reasons.insert(0, "short")
    if not reasons and log10 < MIN_GUESSES_LOG10:
        reasons.append("guessable")
    score = _score(log10)
    if len(passphrase) < MIN_LENGTH:
        score = min(score, 2)
    return Strength(log10 * math.log2(10), score, log10, tuple(reasons))


def explain(reasons: Sequence[str]) -> str:
    """One English sentence saying why a passphrase is refused."""
    parts = [REASONS[r] for r in reasons if r in REASONS] or [REASONS["guessable"]]
    because = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"That passphrase is too easy to guess: {because}. Use four or five unrelated words, "
        "or a passphrase Red Van proposes."
    )


def check_new_passphrase(passphrase: str, context: Iterable[str] = ()) -> Strength:
    """The strength of an acceptable new passphrase; PassphraseTooWeak (with why) otherwise."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseTooWeak(
            f"A passphrase must have at least {MIN_LENGTH} characters; "
            "four or five unrelated words work well.",
            ("short",),
        )
    strength = estimate(passphrase, context)
    if not strength.acceptable:
        raise PassphraseTooWeak(explain(strength.reasons), strength.reasons)
    return strength


def generate_passphrase(language: str = "en", words: int = GENERATED_WORDS) -> str:
    """Random words from the language's list of 7,776, joined by spaces (secrets.choice)."""
    if not 4 <= words <= 10:
        raise ValueError("a generated passphrase has 4 to 10 words")
    chosen = word_list(language)
    return " ".join(secrets.choice(chosen) for _ in range(words))


def generated_bits(words: int = GENERATED_WORDS) -> float:
    return words * math.log2(6**5)
