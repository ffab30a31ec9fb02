"""Passphrase policy and strength feedback, shared by the wizard and the command line."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

MIN_LENGTH = 10

# A few of the passphrases people reach for first; enough to refuse the obvious.
_COMMON = frozenset(
    {
        "password",
        "passw0rd",
        "kodeord",
        "adgangskode",
        "1234567890",
        "qwertyuiop",
        "redvanintake",
        "redvan",
        "sommer2026",
        "vinter2026",
        "letmein",
        "iloveyou",
    }
)


class PassphraseTooWeak(ValueError):
    """The passphrase is refused; `str()` says why in one sentence."""


@dataclass(frozen=True)
class Strength:
    bits: float
    score: int  # 0 (very weak) to 4 (strong)


def estimate(passphrase: str) -> Strength:
    """A rough entropy estimate: character classes x length, discounted for repetition."""
    if not passphrase:
        return Strength(0.0, 0)
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c in string.digits for c in passphrase):
        pool += 10
    if any(c in string.punctuation or c == " " for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 30  # æ, ø, å and other letters
    distinct = len(set(passphrase))
    effective = min(len(passphrase), distinct * 2)
    bits = effective * math.log2(max(pool, 2))
    # "password12" or "Kodeord!" is still the word people try first.
    base = passphrase.casefold().strip(string.digits + string.punctuation + " ")
    if passphrase.casefold() in _COMMON or base in _COMMON:
        bits = min(bits, 10.0)
    score = 0 if bits < 28 else 1 if bits < 40 else 2 if bits < 55 else 3 if bits < 70 else 4
    return Strength(bits, score)


def check_new_passphrase(passphrase: str) -> Strength:
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseTooWeak(
            f"A passphrase must have at least {MIN_LENGTH} characters; "
            "a few unrelated words work well."
        )
    strength = estimate(passphrase)
    if strength.score < 2:
        raise PassphraseTooWeak(
            "That passphrase is too easy to guess; use a few unrelated words or mix in "
            "more kinds of characters."
        )
    return strength
