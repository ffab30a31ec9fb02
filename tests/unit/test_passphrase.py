"""Passphrase policy: short and common passphrases are refused with a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.passphrase import (
    MIN_LENGTH,
    PassphraseTooWeak,
    check_new_passphrase,
    estimate,
    generate_passphrase,
    word_list,
)


@pytest.mark.parametrize("weak", ["", "short", "password12", "aaaaaaaaaaaaaa", "1234567890"])
def test_weak_passphrases_are_refused(weak: str) -> None:
    with pytest.raises(PassphraseTooWeak) as caught:
        check_new_passphrase(weak)
    assert str(caught.value).endswith(".")


@pytest.mark.parametrize(
    "good", ["night shift passphrase", "blå bus på Istedgade", "Kx9!mR2#qL7v", "hestehoved sommer"]
)
def test_reasonable_passphrases_pass(good: str) -> None:
    assert check_new_passphrase(good).score >= 3


def test_strength_grows_with_length() -> None:
    assert estimate("correct horse").bits < estimate("correct horse battery staple").bits


# -- V12: judged against real guessing (issue 13) --------------------------------------------

ISSUE_EXAMPLES = [
    "abcdefghij",
    "qwerty1234",
    "Welcome123",
    "monkey1234",
    "Qwerty123!",
    "Sommer2025",
    "1q2w3e4r5t",
]


@pytest.mark.parametrize("weak", ISSUE_EXAMPLES)
def test_every_weak_example_of_the_issue_is_refused_with_a_reason(weak: str) -> None:
    with pytest.raises(PassphraseTooWeak) as caught:
        check_new_passphrase(weak)
    assert caught.value.reasons and str(caught.value).endswith(".")
    assert "too easy to guess" in str(caught.value)


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("Sommer2025", "year"),
        ("Vinter2026!", "year"),
        ("zxcvbnm,./a", "keyboard"),
        ("kodeordkodeord", "repeat"),
        ("hestehovedet1", "common-word"),
    ],
)
def test_danish_words_keyboard_walks_and_years_are_named(weak: str, reason: str) -> None:
    with pytest.raises(PassphraseTooWeak) as caught:
        check_new_passphrase(weak)
    assert reason in caught.value.reasons


def test_the_vaults_own_words_make_a_passphrase_weak() -> None:
    own = "Skovhusstræde Natcafé"
    check_new_passphrase("Skovhusstræde Natcafé")  # elsewhere, two rare words would pass
    with pytest.raises(PassphraseTooWeak) as caught:
        check_new_passphrase("Skovhusstræde Natcafé", context=[own, "MJ", "Istedgade"])
    assert "own-word" in caught.value.reasons


def _common_passwords() -> list[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return [p for p in FREQUENCY_LISTS["passwords"] if len(p) >= MIN_LENGTH]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_no_common_password_is_accepted(data: st.DataObject) -> None:
    """Property: zxcvbn's own list of common passwords (those long enough to be tried at
    all), with the variations people make, is refused every time."""
    word = data.draw(st.sampled_from(_common_passwords()))
    variant = data.draw(
        st.sampled_from([word, word.capitalize(), word + "!", word + "1", word.upper()])
    )
    with pytest.raises(PassphraseTooWeak):
        check_new_passphrase(variant)


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_generated_passphrase_is_accepted_and_from_the_list(language: str) -> None:
    words = set(word_list(language))
    for _ in range(20):
        made = generate_passphrase(language)
        assert len(made.split(" ")) == 5 and set(made.split(" ")) <= words
        assert check_new_passphrase(made).acceptable


def test_the_word_lists_are_whole_and_fit_to_hand_out() -> None:
    for language in ("en", "da"):
        words = word_list(language)
        assert len(words) == 7776 and len(set(words)) == 7776
    danish = word_list("da")
    assert all(w.isalpha() and w == w.lower() for w in danish)
    for unfit in ("neger", "luder", "hore", "fisse", "perker"):
        assert unfit not in danish
