"""Person codes: normalisation, keyed tokens, PII refusal; generated aliases."""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from redvan.core.codes import (
    ANIMALS,
    CodeError,
    alias_label,
    code_token,
    new_alias,
    normalise_code,
    parse_alias,
)

SECRET = bytes(range(32))
OTHER_SECRET = bytes(range(1, 33))

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÆØÅæøåÉéÜüÑñ"
DIGITS = "0123456789"
SEPARATORS = [" ", "-", "_", ".", "/", "\t", "\u00a0", "\u2013", "\u3000", "－"]
ALIAS_RE = re.compile(r"^([A-Z][a-z]+)-([1-9][0-9]{1,3})$")


def _normalises(code: str) -> bool:
    try:
        normalise_code(code)
    except CodeError:
        return False
    return True


plain_codes = st.text(alphabet=LETTERS + DIGITS, min_size=3, max_size=24).filter(_normalises)


def _fullwidth(ch: str) -> str:
    """The full-width form of an ASCII letter or digit, which NFKC maps back."""
    return chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() else ch


@st.composite
def variants(draw: st.DrawFn, code: str) -> str:
    """Retype ``code`` as a person might: other case, separators, full-width, decomposed."""
    out: list[str] = []
    for ch in code:
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(SEPARATORS)))
        style = draw(st.sampled_from(["same", "upper", "lower", "fullwidth"]))
        if style == "upper":
            ch = ch.upper()
        elif style == "lower":
            ch = ch.lower()
        elif style == "fullwidth":
            ch = _fullwidth(ch)
        out.append(ch)
    text = "".join(out)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return draw(st.sampled_from(["", " ", "\t"])) + text + draw(st.sampled_from(["", " ", "\n"]))


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["MAJA7", "maja7", " Maja 7 ", "MA-JA_7", "ma.ja/7", "ＭＡＪＡ７", "m a j a 7", "Maja–7"],
)
def test_ways_of_typing_the_same_code(typed: str) -> None:
    assert normalise_code(typed) == "MAJA7"
    assert code_token(SECRET, typed) == code_token(SECRET, "MAJA7")


def test_danish_letters_are_kept_and_composed() -> None:
    assert normalise_code("blåbær") == "BLÅBÆR"
    assert normalise_code("bla\u030abær") == "BLÅBÆR"
    assert normalise_code("ØRESUND") == "ØRESUND"
    assert normalise_code("Straße") == "STRASSE"


@given(plain_codes.flatmap(lambda code: st.tuples(st.just(code), variants(code))))
def test_variants_map_to_the_same_token(pair: tuple[str, str]) -> None:
    code, variant = pair
    assert normalise_code(variant) == normalise_code(code)
    assert code_token(SECRET, variant) == code_token(SECRET, code)


@given(
    st.one_of(
        st.text(max_size=40),
        st.text(st.characters(categories=["L", "Nd", "Zs", "Pd"]), min_size=3, max_size=40),
    )
)
def test_normalisation_is_idempotent_and_yields_letters_and_digits(text: str) -> None:
    try:
        once = normalise_code(text)
    except CodeError:
        return
    assert normalise_code(once) == once
    assert 3 <= len(once) <= 32
    assert all(ch.isalpha() or ch in DIGITS for ch in once)
    assert once == once.upper()


@given(plain_codes, plain_codes)
def test_different_codes_give_different_tokens(a: str, b: str) -> None:
    assume(normalise_code(a) != normalise_code(b))
    assert code_token(SECRET, a) != code_token(SECRET, b)


@given(st.text(alphabet=LETTERS + DIGITS, min_size=8, max_size=32).filter(_normalises))
def test_token_is_hex_and_never_contains_the_code(code: str) -> None:
    token = code_token(SECRET, code)
    assert re.fullmatch(r"[0-9a-f]{64}", token)
    for form in (code, normalise_code(code)):
        assert form.casefold() not in token


def test_token_is_hmac_sha256_of_the_normalised_code() -> None:
    expected = hmac.new(SECRET, "BLÅBÆR7".encode(), hashlib.sha256).hexdigest()
    assert code_token(SECRET, " blå-bær 7") == expected
    assert code_token(OTHER_SECRET, "BLÅBÆR7") != expected


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        code_token(b"x" * 31, "MAJA7")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "too-short"),
        ("ab", "too-short"),
        ("a - b", "too-short"),
        ("A" * 33, "too-long"),
        ("maja@example.dk", "characters"),
        ("maja!", "characters"),
        ("010190-1234", "cpr"),
        ("311299 1234", "cpr"),
        ("290200-1234", "cpr"),
        ("X0101901234", "cpr"),
        ("12345678", "phone"),
        ("+45 12 34 56 78", "phone"),
        ("320190-1234", "phone"),
        ("MAJA22334455", "phone"),
    ],
)
def test_unusable_codes_are_refused_with_a_reason(typed: str, reason: str) -> None:
    with pytest.raises(CodeError) as caught:
        normalise_code(typed)
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("typed", ["abc", "A" * 32, "1234567", "MAJA1990", "2412", "ÆØÅ"])
def test_edge_codes_are_accepted(typed: str) -> None:
    assert normalise_code(typed)


@given(st.text(alphabet=DIGITS + " -", min_size=8, max_size=40))
def test_long_numbers_are_never_codes(text: str) -> None:
    digits = text.replace(" ", "").replace("-", "")
    assume(8 <= len(digits) <= 32)
    with pytest.raises(CodeError) as caught:
        normalise_code(text)
    assert caught.value.reason in {"cpr", "phone"}


_REFERENCE_MESSAGES = {
    "too-short": "ab",
    "too-long": "A" * 40,
    "characters": "maja!",
    "cpr": "0101901234",
    "phone": "12345678",
}


def _message(code: str) -> str:
    with pytest.raises(CodeError) as caught:
        normalise_code(code)
    return str(caught.value)


@given(st.text(max_size=50))
def test_error_message_depends_only_on_the_reason(text: str) -> None:
    try:
        normalise_code(text)
    except CodeError as exc:
        assert str(exc) == _message(_REFERENCE_MESSAGES[exc.reason])


@given(
    st.text(alphabet=LETTERS + DIGITS + "!@#+ ", max_size=20),
    st.sampled_from(["ZQXJV", "qzjxw", "Øzqxå", "0101901234"]),
)
def test_error_message_never_contains_the_code(prefix: str, canary: str) -> None:
    code = prefix + canary + "!"
    with pytest.raises(CodeError) as caught:
        normalise_code(code)
    message = str(caught.value).casefold()
    assert canary.casefold() not in message
    assert code.casefold() not in message


# --- aliases ----------------------------------------------------------------------------------


def test_animals_are_many_unique_single_words() -> None:
    assert 100 <= len(ANIMALS) <= 150
    for column in (0, 1):
        names = [pair[column] for pair in ANIMALS]
        assert len({n.casefold() for n in names}) == len(names)
        assert all(n.isalpha() and n[0].isupper() and n[1:] == n[1:].lower() for n in names)


def test_animal_names_do_not_cross_between_pairs() -> None:
    # A name that is English in one pair and Danish in another would make aliases ambiguous.
    by_name: dict[str, tuple[str, str]] = {}
    for pair in ANIMALS:
        for name in pair:
            assert by_name.setdefault(name.casefold(), pair) == pair


def test_animals_avoid_insults_and_slang() -> None:
    avoided = {
        "cow", "pig", "goose", "rat", "snake", "swallow", "beaver", "mouse", "monkey", "ape",
        "donkey", "cuckoo", "vulture", "hen", "cock", "bitch", "ko", "gås", "mus", "svin",
        "kamel", "æsel", "høne", "abe", "gøg", "tæve", "rotte", "slange", "luder",
    }  # fmt: skip
    names = {name.casefold() for pair in ANIMALS for name in pair}
    assert not names & avoided


def test_new_alias_is_canonical_english_with_two_digits() -> None:
    rng = random.Random(7)
    english = {en for en, _ in ANIMALS}
    for _ in range(200):
        alias = new_alias(rng, lambda _alias: False)
        match = ALIAS_RE.match(alias)
        assert match, alias
        assert match.group(1) in english
        assert 10 <= int(match.group(2)) <= 99


def test_aliases_stay_unique_among_thousands() -> None:
    rng = random.Random(2026)
    taken: set[str] = set()
    for _ in range(15_000):
        alias = new_alias(rng, taken.__contains__)
        assert alias not in taken
        taken.add(alias)
    assert len(taken) == 15_000
    # More than the two-digit space holds, so some had to widen.
    assert any(len(alias.rpartition("-")[2]) == 3 for alias in taken)


def test_alias_widens_to_three_then_four_digits_then_gives_up() -> None:
    two = {f"{en}-{n}" for en, _ in ANIMALS for n in range(10, 100)}
    three = {f"{en}-{n}" for en, _ in ANIMALS for n in range(100, 1000)}
    rng = random.Random(1)
    assert len(new_alias(rng, two.__contains__).rpartition("-")[2]) == 3
    both = two | three
    assert len(new_alias(rng, both.__contains__).rpartition("-")[2]) == 4
    with pytest.raises(RuntimeError):
        new_alias(rng, lambda _alias: True)


def test_alias_label_in_danish() -> None:
    assert alias_label("Heron-42", "da") == "Hejre-42"
    assert alias_label("Otter-1234", "da") == "Odder-1234"
    assert alias_label("Heron-42", "en") == "Heron-42"
    assert alias_label("Hejre-42", "en") == "Heron-42"


@pytest.mark.parametrize(
    "text", ["Foo-42", "Heron", "Heron-5", "Heron-05", "", "42", "Heron-12345"]
)
def test_unknown_aliases_are_returned_unchanged(text: str) -> None:
    assert alias_label(text, "da") == text
    assert parse_alias(text) is None


def test_parse_alias_accepts_either_language_and_any_case() -> None:
    assert parse_alias("hejre 42") == "Heron-42"
    assert parse_alias(" HERON-42 ") == "Heron-42"
    assert parse_alias("ørn-310") == "Eagle-310"


@given(st.sampled_from(ANIMALS), st.integers(10, 9999))
def test_alias_label_round_trips(pair: tuple[str, str], number: int) -> None:
    english, danish = pair
    alias = f"{english}-{number}"
    assert alias_label(alias, "da") == f"{danish}-{number}"
    assert alias_label(alias_label(alias, "da"), "en") == alias
    assert parse_alias(alias_label(alias, "da")) == alias
