"""PII guard (SPEC V10): finds personal identifying information in free text before it is saved.

Contact notes and incident descriptions are checked with :func:`find_pii`; the screen warns the
outreach worker, highlights the spans and asks them to confirm or edit. :func:`redact` gives a
safe version of a text, for example for a preview.

The rules are tuned for Danish outreach notes written in Danish and English at night, and lean
towards warning: a false alarm costs a click, a missed CPR number breaks P1.

What is deliberately *not* flagged:

- dates, times, ISO weeks, money, counts, ages and year ranges ("20.11.2026", "kl. 23.30",
  "2026-W48", "1.500 kr.", "15 kondomer", "25-34", "2020-2023");
- a bare street name ("met her on Istedgade"): zones are named after streets;
- a street name followed by a count ("Istedgade 3 kvinder"): that is a tally, not an address;
- a six-digit date followed by a short number ("201126 3"): a CPR number needs four digits
  after the date;
- a bare web domain without a path ("onlyfans.com"): only a link to a page identifies someone.

A finding carries only its kind and position, never the matched text, so logging or printing
one leaks nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class PiiKind(StrEnum):
    """What kind of identifying information a finding is."""

    CPR = "cpr"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    URL = "url"
    IBAN = "iban"  # any bank account number: an IBAN or a Danish reg./konto number


@dataclass(frozen=True)
class PiiFinding:
    """A span ``text[start:end]`` that looks like identifying information."""

    kind: PiiKind
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid PII span {self.start}..{self.end}")


_Detector = Callable[[str], Iterator[PiiFinding]]

# Top-level domains common in the links and addresses outreach workers meet.
_TLDS = (
    r"(?:dk|com|net|org|eu|info|io|me|co|se|no|de|nl|uk|pl|ro|bg|hu|lt|lv|ua|ru|es|it|fr"
    r"|th|ng|gh|br|xxx|sex|fans)"
)

# --- CPR numbers -------------------------------------------------------------------------------

_CPR = re.compile(
    r"(?<!\d)(?P<day>\d{2})(?P<month>\d{2})(?P<year>\d{2})[ \u00a0\-\u2010-\u2013]?\d{4}(?!\d)"
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_cpr_date(day: int, month: int, year: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return False
    # The century is unknown, so 29 February is allowed in every year divisible by four.
    return not (month == 2 and day == 29 and year % 4 != 0)


def _find_cpr(text: str) -> Iterator[PiiFinding]:
    # No modulus-11 check: CPR numbers issued since 2007 need not satisfy it.
    for m in _CPR.finditer(text):
        if _is_cpr_date(int(m["day"]), int(m["month"]), int(m["year"])):
            yield PiiFinding(PiiKind.CPR, m.start(), m.end())


# --- Phone numbers -----------------------------------------------------------------------------

_DK_PHONE = re.compile(
    r"""
    (?:
        (?<!\+)\+45[ .\-]?                             # +45 ...
      | (?<![\d+])0045[ .\-]?                          # ... 0045 ...
      | \(\s*(?:\+|00)?45\s*\)[ .\-]?                    # ... or (+45)
    )
    [2-9](?:[ .\-]?\d){7}                               # any grouping once the prefix says so
    (?!\d)
    |
    (?<![\d+])
    (?:
        [2-9]\d{7}                                      # 22334455
      | [2-9]\d(?P<sep>[ .\-])\d\d(?P=sep)\d\d(?P=sep)\d\d  # 22 33 44 55, 22.33.44.55
      | [2-9]\d{3}\ \d{4}                               # 2233 4455 (not 2020-2023)
    )
    (?!\d)
    """,
    re.VERBOSE,
)

# Groups are possessive so a long digit run cannot be split in exponentially many ways.
_INTL_PHONE = re.compile(
    r"""
    (?:(?<!\+)\+|(?<![\d+])00)             # a "+" needs no gap: "1234+40 721..." still warns
    (?!45)                                  # Danish numbers are matched by _DK_PHONE
    (?P<number>[1-9]\d*+(?:[ .\-]?(?:\(\d++\)|\d++))*+)
    """,
    re.VERBOSE,
)
_PHONE_GROUP = re.compile(r"\(\d+\)|\d+")
_MIN_PHONE_DIGITS = 8
_MAX_PHONE_DIGITS = 15  # E.164


def _international_number_length(number: str) -> int:
    """How much of ``number`` is a phone number: whole digit groups up to 15 digits, or 0."""
    kept_digits = kept_length = 0
    for group in _PHONE_GROUP.finditer(number):
        digits = kept_digits + len(group[0].strip("()"))
        # Past the E.164 maximum the groups belong to another number, which is checked alone.
        if digits > _MAX_PHONE_DIGITS:
            break
        kept_digits, kept_length = digits, group.end()
    return kept_length if kept_digits >= _MIN_PHONE_DIGITS else 0


def _find_phones(text: str) -> Iterator[PiiFinding]:
    for m in _DK_PHONE.finditer(text):
        yield PiiFinding(PiiKind.PHONE, m.start(), m.end())
    for m in _INTL_PHONE.finditer(text):
        if length := _international_number_length(m["number"]):
            yield PiiFinding(PiiKind.PHONE, m.start(), m.start("number") + length)


# --- E-mail addresses --------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]++(?:\.[\w\-]++)*\.[^\W\d_]{2,}(?![\w\-])")

_AT_WORD = r"(?:at|snabel-?a)"
_DOT_WORD = r"(?:dot|punktum)"
_OBFUSCATED_EMAIL = re.compile(
    rf"""
    (?<![\w.+\-])[\w.+\-]+
    (?P<at>\s*[(\[{{]\s*{_AT_WORD}\s*[)\]}}]\s* | \s+{_AT_WORD}\s+ | \s*@\s*)
    [\w\-]+
    (?:(?:\s*[(\[{{]\s*{_DOT_WORD}\s*[)\]}}]\s* | \s+{_DOT_WORD}\s+ | \.)[\w\-]+)*?
    (?P<dot>\s*[(\[{{]\s*{_DOT_WORD}\s*[)\]}}]\s* | \s+{_DOT_WORD}\s+ | \.)
    {_TLDS}(?![\w\-])
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _find_emails(text: str) -> Iterator[PiiFinding]:
    for m in _EMAIL.finditer(text):
        yield PiiFinding(PiiKind.EMAIL, m.start(), m.end())
    for m in _OBFUSCATED_EMAIL.finditer(text):
        # A plain " at " ("look at google.com") only counts when the dot is spelled out too.
        if m["at"].strip().lower() == "at" and m["dot"] == ".":
            continue
        yield PiiFinding(PiiKind.EMAIL, m.start(), m.end())


# --- Web addresses -----------------------------------------------------------------------------

_URL_CHARS = r"[^\s<>\"'\[\]]"
_URL = re.compile(rf"(?:https?://|www\.)[\w\-]{_URL_CHARS}*", re.IGNORECASE)
# A bare domain only identifies someone when it points at a page ("sexlist.dk/maja").
_BARE_URL = re.compile(rf"(?<![\w@.\-])(?:[\w\-]++\.)+{_TLDS}/{_URL_CHARS}*", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)"


def _find_urls(text: str) -> Iterator[PiiFinding]:
    for pattern in (_URL, _BARE_URL):
        for m in pattern.finditer(text):
            end = m.start() + len(m[0].rstrip(_URL_TRAILING))
            yield PiiFinding(PiiKind.URL, m.start(), end)


# --- Street addresses --------------------------------------------------------------------------

_STREET_SUFFIX = (
    r"(?i:gade|vej|allé|alle|stræde|plads|pladsen|boulevard|torv|torvet|vænge|vænget"
    r"|have|gyde|kaj|brygge)"
)
_STREET_WORD = r"(?i:allé|alle|boulevard|plads|vej|torv|vænge|have|brygge|street|road|avenue|lane)"
_ENGLISH_STREET_WORD = r"(?i:street|road|avenue|lane)"
_NAME_WORD = r"(?:[A-ZÆØÅ][^\W\d_]+|(?:[A-ZÆØÅ]\.)+)"
# A number followed by a count word is a tally on a zone, not a house number.
_COUNT_WORD = (
    r"(?i:x|stk|gange?|times?|kr|kroner|dkk|kvinder|kvinde|piger|pige|mænd|mand|fyre|personer"
    r"|person|people|persons|women|woman|girls|kondomer|condoms|kunder|clients)"
)
_ADDRESS = re.compile(
    rf"""
    (?<![^\W\d_])
    (?:
        (?:{_NAME_WORD}\s+){{0,3}}[^\W\d_]{{2,}}{_STREET_SUFFIX}   # Istedgade, Gammel Kongevej
      | (?:{_NAME_WORD}\s+){{1,3}}{_STREET_WORD}                   # Sønder Boulevard, Baker Street
    )
    \s+(?i:nr\.?\s*)?
    \d{{1,3}}[A-Za-z]?                            # house number, 8B
    (?![\w]|[:./]\d|-\d{{1,2}}-\d|\s+{_COUNT_WORD}\b)   # not a time, date or count
    (?:,?\s+(?i:(?:\d{{1,2}}\.|st\.?|kld\.?)(?:\s*sal\b\.?)?(?:,?\s*(?:th|tv|mf)\b\.?)?
                |(?:th|tv|mf)\b\.?))?             # floor and side: 2. tv, st. th.
    (?:,?\s+\d{{4}}\s+[A-ZÆØÅ][^\W\d_]+(?:\ [A-ZÆØ]\b)?)?  # postcode and town: 1650 København V
    """,
    re.VERBOSE,
)
# English addresses put the number first: "12 Baker Street".
_ENGLISH_ADDRESS = re.compile(
    rf"(?<![\d.])\d{{1,4}}[A-Za-z]?\s+(?:{_NAME_WORD}\s+){{1,3}}{_ENGLISH_STREET_WORD}\b"
)


def _find_addresses(text: str) -> Iterator[PiiFinding]:
    for pattern in (_ADDRESS, _ENGLISH_ADDRESS):
        for m in pattern.finditer(text):
            yield PiiFinding(PiiKind.ADDRESS, m.start(), m.end())


# --- Bank details ------------------------------------------------------------------------------

_IBAN = re.compile(
    r"(?<![^\W\d_])[A-Z]{2}\d{2}(?:\ ?[A-Z0-9]{4}){2,7}(?:\ ?[A-Z0-9]{1,3})?(?!\w)",
    re.IGNORECASE | re.ASCII,
)
_IBAN_MIN_LENGTH = 15
_IBAN_MAX_LENGTH = 34


def _is_iban(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not _IBAN_MIN_LENGTH <= len(compact) <= _IBAN_MAX_LENGTH:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _find_ibans(text: str) -> Iterator[PiiFinding]:
    # The mod-97 checksum keeps ordinary words out ("hi22 come back soon" has the same shape).
    for m in _IBAN.finditer(text):
        if _is_iban(m[0]):
            yield PiiFinding(PiiKind.IBAN, m.start(), m.end())


_ACCOUNT_WORD = r"(?:konto(?:nr|nummer)?|kto(?:\.?\s*nr)?|account\s*(?:no|number))\.?\s*:?\s*"
_DK_BANK_ACCOUNT = re.compile(
    rf"""
    (?:
        (?<![^\W\d_])reg(?:\.|istrerings)?\s*(?:nr|nummer)?\.?\s*:?\s*\d{{4}}  # reg. 1234 ...
        [\s,/\-]*(?:{_ACCOUNT_WORD}|account\s*)?\d{{6,10}}         # ... kontonr 1234567890
      | {_ACCOUNT_WORD}\d{{6,10}}                   # kontonr. 1234567890, also "bankkonto"
      | (?<!\d)\d{{4}}[ \-]\d{{10}}                                # 1234-0001234567
    )
    (?!\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _find_bank_accounts(text: str) -> Iterator[PiiFinding]:
    for m in _DK_BANK_ACCOUNT.finditer(text):
        yield PiiFinding(PiiKind.IBAN, m.start(), m.end())


# --- Public API --------------------------------------------------------------------------------

# Order breaks ties: of two equally long overlapping candidates the earlier detector names it.
_DETECTORS: tuple[_Detector, ...] = (
    _find_cpr,
    _find_ibans,
    _find_bank_accounts,
    _find_emails,
    _find_urls,
    _find_phones,
    _find_addresses,
)


def find_pii(text: str) -> list[PiiFinding]:
    """Return the identifying spans in ``text``, sorted by start and non-overlapping.

    Overlapping candidates are merged into one span covering them all, so that redacting the
    findings removes every character any rule matched; the longest candidate names the kind.
    """
    ranked = [(rank, finding) for rank, detect in enumerate(_DETECTORS) for finding in detect(text)]
    ranked.sort(key=lambda pair: (pair[1].start, -pair[1].end, pair[0]))
    merged: list[PiiFinding] = []
    label_length = 0
    for _, candidate in ranked:
        length = candidate.end - candidate.start
        if merged and candidate.start < merged[-1].end:
            last = merged[-1]
            kind = candidate.kind if length > label_length else last.kind
            label_length = max(label_length, length)
            merged[-1] = PiiFinding(kind, last.start, max(last.end, candidate.end))
        else:
            merged.append(candidate)
            label_length = length
    return merged


def contains_pii(text: str) -> bool:
    """Tell whether ``text`` has anything :func:`find_pii` would warn about."""
    return bool(find_pii(text))


def redact(text: str, mask: str | None = None) -> str:
    """Return ``text`` with every finding replaced.

    By default each finding becomes a marker naming its kind, such as ``[cpr]`` or ``[phone]``.
    With a one-character ``mask`` (e.g. ``"█"``) each finding becomes a run of that character
    of the same length, so positions in the text stay valid.
    """
    if mask is not None and len(mask) != 1:
        raise ValueError("mask must be a single character")
    parts: list[str] = []
    position = 0
    for finding in find_pii(text):
        parts.append(text[position : finding.start])
        if mask is None:
            parts.append(f"[{finding.kind.value}]")
        else:
            parts.append(mask * (finding.end - finding.start))
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)
