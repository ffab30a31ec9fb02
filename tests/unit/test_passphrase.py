"""Passphrase policy: short and common passphrases are refused with a sentence."""

from __future__ import annotations

import pytest

from redvan.core.passphrase import PassphraseTooWeak, check_new_passphrase, estimate


@pytest.mark.parametrize("weak", ["", "short", "password12", "aaaaaaaaaaaaaa", "1234567890"])
def test_weak_passphrases_are_refused(weak: str) -> None:
    with pytest.raises(PassphraseTooWeak) as caught:
        check_new_passphrase(weak)
    assert str(caught.value).endswith(".")


@pytest.mark.parametrize("good", ["night shift passphrase", "blå bus på Istedgade", "Kx9!mR2#qL"])
def test_reasonable_passphrases_pass(good: str) -> None:
    assert check_new_passphrase(good).score >= 2


def test_strength_grows_with_length() -> None:
    assert estimate("correct horse").bits < estimate("correct horse battery staple").bits
