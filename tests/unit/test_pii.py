"""PII guard (SPEC V10): what is flagged in outreach notes, what is not, and redaction."""

from __future__ import annotations

import dataclasses
import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redvan.core.pii import PiiFinding, PiiKind, contains_pii, find_pii, redact

# (note, kind, the part of the note that must be flagged)
POSITIVES: list[tuple[str, PiiKind, str]] = [
    # CPR numbers
    ("CPR 010190-1234 til kommunen", PiiKind.CPR, "010190-1234"),
    ("Her cpr er 0101901234, needs a doctor", PiiKind.CPR, "0101901234"),
    ("cpr-nr 311299 4321 står på sygesikringskortet", PiiKind.CPR, "311299 4321"),
    ("Født 290200-4123 (skudår)", PiiKind.CPR, "290200-4123"),
    ("ID: 150585–2468 written on the card", PiiKind.CPR, "150585–2468"),
    # Danish phone numbers
    ("Hun gav mig sit nummer 22 33 44 55, ring i morgen", PiiKind.PHONE, "22 33 44 55"),
    ("Call her on 22334455 tomorrow", PiiKind.PHONE, "22334455"),
    ("ny telefon: 4123 5678", PiiKind.PHONE, "4123 5678"),
    ("tlf. +45 22 33 44 55 (privat)", PiiKind.PHONE, "+45 22 33 44 55"),
    ("ring til 0045 81234567 efter kl. 14", PiiKind.PHONE, "0045 81234567"),
    ("Nummer (+45) 6123 4567, sms only", PiiKind.PHONE, "(+45) 6123 4567"),
    ("her number is +4591234567.", PiiKind.PHONE, "+4591234567"),
    ("mobil 31.22.44.55", PiiKind.PHONE, "31.22.44.55"),
    ("mobil 31-22-44-55", PiiKind.PHONE, "31-22-44-55"),
    ("+45 2233 44 55 is the new one", PiiKind.PHONE, "+45 2233 44 55"),
    # International phone numbers
    ("Romanian number +40 721 234 567 on WhatsApp", PiiKind.PHONE, "+40 721 234 567"),
    ("Bulgarsk nummer +359 88 123 4567", PiiKind.PHONE, "+359 88 123 4567"),
    ("Thai number +66 81 234 5678, speaks little English", PiiKind.PHONE, "+66 81 234 5678"),
    ("Nigerian contact +234 803 123 4567", PiiKind.PHONE, "+234 803 123 4567"),
    ("ring 0040 721 234 567 hvis hun ikke kommer", PiiKind.PHONE, "0040 721 234 567"),
    ("US friend +1 (555) 123-4567", PiiKind.PHONE, "+1 (555) 123-4567"),
    ("UK: +44 (0)20 7946 0958", PiiKind.PHONE, "+44 (0)20 7946 0958"),
    ("fransk nr +33 6.12.34.56.78", PiiKind.PHONE, "+33 6.12.34.56.78"),
    ("tysk nummer 0049-170-1234567", PiiKind.PHONE, "0049-170-1234567"),
    # E-mail addresses, plain and spelled out
    ("mail: maja.k@gmail.com", PiiKind.EMAIL, "maja.k@gmail.com"),
    ("Skriv til søren_89@hotmail.dk hvis noget", PiiKind.EMAIL, "søren_89@hotmail.dk"),
    ("her mail is anna+work@mail.example.co.uk.", PiiKind.EMAIL, "anna+work@mail.example.co.uk"),
    ("mail maja at gmail dot com", PiiKind.EMAIL, "maja at gmail dot com"),
    ("maja (at) gmail (dot) com", PiiKind.EMAIL, "maja (at) gmail (dot) com"),
    ("skriv til maja[at]gmail.com", PiiKind.EMAIL, "maja[at]gmail.com"),
    ("maja snabel-a gmail punktum dk", PiiKind.EMAIL, "maja snabel-a gmail punktum dk"),
    ("mail maja @ gmail.com", PiiKind.EMAIL, "maja @ gmail.com"),
    # Web addresses
    (
        "profil: https://escort-site.dk/profil/maja-22",
        PiiKind.URL,
        "https://escort-site.dk/profil/maja-22",
    ),
    ("Hun annoncerer på www.sexlist.dk.", PiiKind.URL, "www.sexlist.dk"),
    ("see http://example.com/ad?id=123).", PiiKind.URL, "http://example.com/ad?id=123"),
    ("annonce på dkescort.com/maja, ny i byen", PiiKind.URL, "dkescort.com/maja"),
    ("(onlyfans.com/maja99)", PiiKind.URL, "onlyfans.com/maja99"),
    # Street addresses
    ("Hun bor på Istedgade 12 sammen med en veninde", PiiKind.ADDRESS, "Istedgade 12"),
    ("bor Istedgade 12 men flytter snart", PiiKind.ADDRESS, "Istedgade 12"),
    ("lives at Vesterbrogade 45, 2. tv", PiiKind.ADDRESS, "Vesterbrogade 45, 2. tv"),
    ("lejlighed Enghavevej 8B, tredje sal", PiiKind.ADDRESS, "Enghavevej 8B"),
    ("adresse istedgade 12 3. th. hos kæresten", PiiKind.ADDRESS, "istedgade 12 3. th."),
    ("bor på Sønder Boulevard 10 st. tv", PiiKind.ADDRESS, "Sønder Boulevard 10 st. tv"),
    (
        "H.C. Andersens Boulevard 2, 1553 København V",
        PiiKind.ADDRESS,
        "H.C. Andersens Boulevard 2, 1553 København V",
    ),
    ("flyttet til Frederiksberg Allé 3", PiiKind.ADDRESS, "Frederiksberg Allé 3"),
    ("bor ved Enghave Plads 5", PiiKind.ADDRESS, "Enghave Plads 5"),
    ("hotel on Gammel Kongevej 10", PiiKind.ADDRESS, "Gammel Kongevej 10"),
    ("værelse Reventlowsgade nr. 4", PiiKind.ADDRESS, "Reventlowsgade nr. 4"),
    ("staying at 12 Baker Street for now", PiiKind.ADDRESS, "12 Baker Street"),
    ("staying at Baker Street 12 for now", PiiKind.ADDRESS, "Baker Street 12"),
    (
        "Flyttet til Halmtorvet 20, 1700 København V",
        PiiKind.ADDRESS,
        "Halmtorvet 20, 1700 København V",
    ),
    # Bank details
    ("IBAN DK50 0040 0440 1162 43 til husleje", PiiKind.IBAN, "DK50 0040 0440 1162 43"),
    ("iban: dk5000400440116243", PiiKind.IBAN, "dk5000400440116243"),
    ("Romanian IBAN RO49 AAAA 1B31 0075 9384 0000", PiiKind.IBAN, "RO49 AAAA 1B31 0075 9384 0000"),
    ("send til reg. 1234 kontonr 1234567890", PiiKind.IBAN, "reg. 1234 kontonr 1234567890"),
    (
        "reg.nr. 1551 konto: 3456789012 (hendes)",
        PiiKind.IBAN,
        "reg.nr. 1551 konto: 3456789012",
    ),
    ("kontonr. 12345678 i Danske Bank", PiiKind.IBAN, "kontonr. 12345678"),
    ("account number 98765432", PiiKind.IBAN, "account number 98765432"),
    ("konto 1551-0001234567", PiiKind.IBAN, "1551-0001234567"),
]

NEGATIVES = [
    # dates, times, weeks
    "Kontakt d. 20.11.2026 på Istedgade",
    "contact on 2026-11-20 near the station",
    "seen 20/11 and 27/11",
    "next visit 20-11-2026",
    "d. 3. marts kom hun igen",
    "met at 22:15",
    "kl. 23.30 ved Halmtorvet",
    "kl. 00.30 slut",
    "report for 2026-W48",
    "uge 48, 2026",
    # quantities, money, ages, years
    "10 condoms and 5 lube",
    "gave 120 kr for the taxi",
    "2 x kaffe",
    "500 DKK",
    "husleje 1.500 kr.",
    "100 000 kr",
    "1.000.000",
    "age group 25-34",
    "age 19",
    "in Denmark 2020-2023",
    "15 kondomer og 2 glidecreme",
    "70% of the night",
    "+5 grader og regn",
    # short case-like numbers
    "sag 12345",
    "j.nr. 2026-1234",
    "Room 007",
    "henvist til 1813",
    # streets as zones
    "Istedgade",
    "met her on Istedgade",
    "Istedgade/Halmtorvet roligt i aften",
    "Istedgade 3 kvinder, Halmtorvet 2 piger",
    "Istedgade 2 gange i aften",
    "Istedgade 15 kondomer",
    "Istedgade 22:15 kontakt",
    "Istedgade 20.11.2026",
    "Istedgade 20-11-2026",
    "Istedgade kl. 23",
    # ordinary words that look like rules
    "vi gav alle 3 kaffe",
    "Alle 3 fik kaffe",
    "I have 2 kids",
    "look at google.com later",
    "she uses onlyfans.com",
    "hi22 come back soon",
    # invalid CPR dates
    "320190-1234",
    "011390-1234",
    "310499-1234",
    "290201-1234",
    "000190-1234",
    # CPR-shaped but embedded in a longer digit run
    "12010190123456",
    "",
]


def _flagged(text: str) -> list[tuple[PiiKind, str]]:
    return [(f.kind, text[f.start : f.end]) for f in find_pii(text)]


@pytest.mark.parametrize(("text", "kind", "expected"), POSITIVES)
def test_realistic_pii_is_found(text: str, kind: PiiKind, expected: str) -> None:
    assert _flagged(text) == [(kind, expected)]
    assert contains_pii(text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_notes_are_not_flagged(text: str) -> None:
    assert find_pii(text) == []
    assert not contains_pii(text)
    assert redact(text) == text


def test_six_digit_date_followed_by_a_short_number_is_not_a_cpr() -> None:
    # A CPR number needs four digits after the date; "201126 3" is a date and a count.
    assert find_pii("201126 3 kontakter") == []
    # With four digits after the date it cannot be told apart from a CPR, so it warns.
    assert _flagged("201126 3456") == [(PiiKind.CPR, "201126 3456")]


def test_unbroken_eight_digit_date_reads_as_a_phone_number() -> None:
    # Accepted false alarm: "20112026" is also a valid Danish mobile number.
    assert _flagged("20112026") == [(PiiKind.PHONE, "20112026")]


def test_several_findings_are_sorted_by_position() -> None:
    note = "Maja: 22 33 44 55, maja.k@gmail.com, CPR 010190-1234, bor Istedgade 12"
    assert _flagged(note) == [
        (PiiKind.PHONE, "22 33 44 55"),
        (PiiKind.EMAIL, "maja.k@gmail.com"),
        (PiiKind.CPR, "010190-1234"),
        (PiiKind.ADDRESS, "Istedgade 12"),
    ]


def test_overlapping_candidates_merge_into_one_finding_named_by_the_longest() -> None:
    # The address rule sees "Istedgade 22", the phone rule "22 33 44 55"; both are covered.
    assert _flagged("bor Istedgade 22 33 44 55") == [(PiiKind.ADDRESS, "Istedgade 22 33 44 55")]
    assert _flagged("https://escort.dk/22334455") == [(PiiKind.URL, "https://escort.dk/22334455")]
    assert _flagged("konto 0101901234") == [(PiiKind.IBAN, "konto 0101901234")]


def test_redact_replaces_findings_with_kind_markers() -> None:
    note = "CPR 010190-1234, tlf 22 33 44 55, mail maja.k@gmail.com, www.sexlist.dk/maja"
    assert redact(note) == "CPR [cpr], tlf [phone], mail [email], [url]"
    assert redact("reg. 1234 kontonr 1234567890") == "[iban]"


def test_redact_with_a_mask_keeps_positions() -> None:
    note = "ring 22 33 44 55 i morgen"
    assert redact(note, mask="█") == "ring ███████████ i morgen"


@pytest.mark.parametrize("mask", ["", "**"])
def test_redact_rejects_a_mask_that_is_not_one_character(mask: str) -> None:
    with pytest.raises(ValueError, match="single character"):
        redact("22 33 44 55", mask=mask)


def test_finding_holds_no_text_and_rejects_an_empty_span() -> None:
    finding = find_pii("CPR 010190-1234")[0]
    assert "010190" not in repr(finding)
    assert {f.name for f in dataclasses.fields(finding)} == {"kind", "start", "end"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]
    with pytest.raises(ValueError, match="invalid PII span"):
        PiiFinding(PiiKind.CPR, 5, 5)


def test_kinds_have_stable_values() -> None:
    # Stored in audit events and used for translated labels: values must not change.
    assert [k.value for k in PiiKind] == [
        "cpr",
        "phone",
        "email",
        "address",
        "url",
        "iban",
        "handle",
        "plate",
        "id-number",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a@" + "b." * 20_000,
        "+1" + " 1" * 20_000,
        "1" * 50_000,
        "Aaaa " * 20_000,
        "x at " * 20_000,
        "Istedgade " * 20_000,
        "reg. 1234 " * 10_000,
        "www." * 20_000,
    ],
    ids=[
        "dotted-domain",
        "spaced-digits",
        "digit-run",
        "names",
        "at-words",
        "streets",
        "reg",
        "www",
    ],
)
def test_hostile_input_is_checked_quickly(text: str) -> None:
    started = time.perf_counter()
    find_pii(text)
    assert time.perf_counter() - started < 5


# --- Properties ----------------------------------------------------------------------------------

# Fragments that make rules fire, nearly fire and collide, glued together at random.
FRAGMENTS = [
    *[" ", ", ", ".", "-", "+", "(", ")", "@", "/", ":", "#", "\n", "█", "[", "]", "ſ", "K"],
    *["0", "1", "2", "12", "22", "45", "+45", "0045", "2233", "4455", "12345678"],
    *["010190", "1234", "0101901234", "22 33 44 55", "+40 721 234 567", "1551-0001234567"],
    *["maja", " at ", "(at)", " dot ", "gmail", ".com", ".dk", "www.", "https://"],
    *["Istedgade", " 12", "Boulevard", "Sønder ", "2. tv", "th.", "Baker", " Street"],
    *["reg. ", "konto ", "bankkonto ", "DK50 0040 0440 1162 43"],
    *["kl. ", "kr", "x", "gange", "æøå", "[cpr]", "[phone]"],
]
noisy_texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=30).map(
    "".join
)

# Letters that spell none of the trigger words (gade, vej, at, dot, konto, reg, www, ...).
QUIET_LETTERS = "bcdfhiklmnpqrsuyzæøåBCDFHIKLMNPQRSUYZÆØÅ"
quiet_words = st.lists(st.text(alphabet=QUIET_LETTERS, min_size=1, max_size=10), max_size=6)
any_words = st.lists(
    st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=10), max_size=6
)


@st.composite
def cpr_numbers(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)))
    serial = draw(st.integers(min_value=0, max_value=9999))
    separator = draw(st.sampled_from(["-", "", " ", "\u2013"]))
    return f"{born:%d%m%y}{separator}{serial:04d}"


@st.composite
def dk_phone_numbers(draw: st.DrawFn) -> str:
    digits = str(draw(st.integers(2, 9))) + "".join(
        str(d) for d in draw(st.lists(st.integers(0, 9), min_size=7, max_size=7))
    )
    grouping = draw(st.sampled_from(["8", "2222 ", "2222.", "2222-", "44"]))
    if grouping == "8":
        number = digits
    elif grouping == "44":
        number = f"{digits[:4]} {digits[4:]}"
    else:
        number = grouping[-1].join(digits[i : i + 2] for i in range(0, 8, 2))
    prefix = draw(st.sampled_from(["", "+45 ", "+45", "0045 ", "(+45) ", "+45-"]))
    return prefix + number


def _embed(before: list[str], pii: str, after: list[str]) -> tuple[str, int]:
    head = " ".join([*before, ""])
    return head + pii + " ".join(["", *after]), len(head)


@given(noisy_texts)
def test_findings_are_in_bounds_sorted_and_disjoint(text: str) -> None:
    findings = find_pii(text)
    previous_end = 0
    for finding in findings:
        assert previous_end <= finding.start < finding.end <= len(text)
        previous_end = finding.end
    assert contains_pii(text) == bool(findings)


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for finding in find_pii(text):
        assert 0 <= finding.start < finding.end <= len(text)


@given(quiet_words, cpr_numbers(), quiet_words)
def test_any_valid_cpr_between_words_is_found(
    before: list[str], cpr: str, after: list[str]
) -> None:
    text, start = _embed(before, cpr, after)
    assert find_pii(text) == [PiiFinding(PiiKind.CPR, start, start + len(cpr))]


@given(any_words, cpr_numbers(), any_words)
def test_any_valid_cpr_is_covered_whatever_the_words(
    before: list[str], cpr: str, after: list[str]
) -> None:
    text, start = _embed(before, cpr, after)
    redacted = redact(text)
    assert not any(c.isdigit() for c in redacted)
    assert cpr not in redacted


@given(quiet_words, dk_phone_numbers(), quiet_words)
def test_any_danish_phone_number_between_words_is_found(
    before: list[str], phone: str, after: list[str]
) -> None:
    text, start = _embed(before, phone, after)
    assert find_pii(text) == [PiiFinding(PiiKind.PHONE, start, start + len(phone))]


def _replaced_spans(findings: list[PiiFinding]) -> list[tuple[int, int]]:
    """Where the ``[kind]`` markers of ``redact`` sit in the redacted text."""
    spans: list[tuple[int, int]] = []
    shift = 0
    for finding in findings:
        marker = len(f"[{finding.kind.value}]")
        spans.append((finding.start + shift, finding.start + shift + marker))
        shift += marker - (finding.end - finding.start)
    return spans


def _outside(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The pieces of ``text`` between the spans."""
    starts = [start for start, _ in spans] + [len(text)]
    ends = [0] + [end for _, end in spans]
    return [text[end:start] for end, start in zip(ends, starts, strict=True)]


def _overlaps(finding: PiiFinding, spans: list[tuple[int, int]]) -> bool:
    return any(finding.start < end and start < finding.end for start, end in spans)


@given(noisy_texts)
def test_redacted_text_has_nothing_left_where_findings_were(text: str) -> None:
    # Text glued to a finding ("maja@gmail.com22334455") may match once the finding is cut
    # out; what matters is that nothing found before survives, in either redaction style.
    findings = find_pii(text)
    redacted = redact(text)
    markers = _replaced_spans(findings)
    assert not any(_overlaps(again, markers) for again in find_pii(redacted))
    spans = [(f.start, f.end) for f in findings]
    assert _outside(redacted, markers) == _outside(text, spans)

    masked = redact(text, mask="█")
    assert len(masked) == len(text)
    assert not any(_overlaps(again, spans) for again in find_pii(masked))
    assert _outside(masked, spans) == _outside(text, spans)
    for start, end in spans:
        assert set(masked[start:end]) == {"█"}


@given(st.one_of(noisy_texts, cpr_numbers(), dk_phone_numbers()))
def test_repr_of_a_finding_never_shows_the_text(text: str) -> None:
    for finding in find_pii(text):
        assert text[finding.start : finding.end] not in repr(finding)
        assert text[finding.start : finding.end] not in str(finding)
