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
import unicodedata
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
    HANDLE = "handle"  # a social media or messenger handle (@maja_cph, snap: maja.cph)
    PLATE = "plate"  # a licence plate (AB 12 345)
    ID_NUMBER = "id-number"  # a passport or another country's national identity number


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

# Ten digits: day, month, two-digit year, four-digit serial, grouped in any of the ways people
# write them (010190-1234, 010190/1234, 0101 901234, 01.01.90-1234, 010190-12 34, 15 05 85 2468).
_SEP = r"[ \u00a0./\-\u2010-\u2013]"
_CPR = re.compile(
    rf"(?<![\d.,/])(?P<day>\d{{2}})(?P<s1>{_SEP}?)(?P<month>\d{{2}})(?P<s2>{_SEP}?)(?P<year>\d{{2}})"
    rf"(?P<s3>{_SEP}?)(?P<serial>\d{{2}}(?:[ \-]?\d{{2}}))(?![\d])(?!{_SEP}\d)"
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_cpr_date(day: int, month: int, year: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return False
    # The century is unknown, so 29 February is allowed in every year divisible by four.
    return not (month == 2 and day == 29 and year % 4 != 0)


def _find_cpr(text: str) -> Iterator[PiiFinding]:
    for m in _CPR.finditer(text):
        if m["s1"] and m["s1"] == m["s2"] and m["s1"] in "./-" and not m["s3"]:
            continue  # 20.11.2026 14: a date with a four-digit year, then something else
        # No modulus-11 check (CPR numbers issued since 2007 need not satisfy it) and no
        # check against today: a made-up or future date is still a number to keep out.
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


_DATE_LIKE = re.compile(r"\d{1,4}([./\-])\d{1,2}\1\d{2,4}")


# A case, journal or order number is not a phone number ("j.nr. 2026-1234").
_REFERENCE_BEFORE = re.compile(
    r"(?i:j\.?\s*nr|journal\w*|sags?\s*nr|case|ref|faktura\w*|ordre\w*|order)"
    r"\.?\s*(?:nr\.?|no\.?)?\s*[:.#]?\s*$"
)
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[\-\u2013/]\s*(?:19|20)\d\d")


def _is_date(raw: str) -> bool:
    """True for a matched "phone number" that is a date (2026-11-27, 20.11.2026) or a range
    of years (2020-2023)."""
    if _YEAR_RANGE.fullmatch(raw.strip()):
        return True
    m = _DATE_LIKE.fullmatch(raw.strip())
    if m is None:
        return False
    parts = [int(p) for p in re.split(r"[./\-]", raw.strip())]
    year, month, day = parts if parts[0] > 31 else parts[::-1]
    return 1 <= month <= 12 and 1 <= day <= 31 and year >= 0


def _find_phones(text: str) -> Iterator[PiiFinding]:
    import phonenumbers

    for m in _DK_PHONE.finditer(text):
        yield PiiFinding(PiiKind.PHONE, m.start(), m.end())
    for m in _INTL_PHONE.finditer(text):
        if length := _international_number_length(m["number"]):
            yield PiiFinding(PiiKind.PHONE, m.start(), m.start("number") + length)
    # Google's libphonenumber finds the other ways numbers are written: 22-334455,
    # 223 344 55, +45 (22) 33 44 55 and numbers of every country written with their prefix.
    try:
        matches = list(
            phonenumbers.PhoneNumberMatcher(
                text, "DK", leniency=phonenumbers.Leniency.VALID, max_tries=200
            )
        )
    except Exception:  # noqa: BLE001 - a detector never stops a save; the rules above still ran
        matches = []
    for match in matches:
        if not _is_date(match.raw_string) and not _REFERENCE_BEFORE.search(
            text, max(0, match.start - 24), match.start
        ):
            yield PiiFinding(PiiKind.PHONE, match.start, match.end)


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
    (?P<dot>\s*[(\[{{]\s*{_DOT_WORD}\s*[)\]}}]\s* | \s+{_DOT_WORD}\s+ | \s*\.\s*)
    {_TLDS}(?![\w\-])
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _find_emails(text: str) -> Iterator[PiiFinding]:
    for m in _EMAIL.finditer(text):
        yield PiiFinding(PiiKind.EMAIL, m.start(), m.end())
    for m in _OBFUSCATED_EMAIL.finditer(text):
        # A plain " at " ("look at google.com") only counts when the dot is spelled out too.
        if m["at"].strip().lower() == "at" and m["dot"].strip() == ".":
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
# Written apart from the name too: "Abel Cathrines Gade", "Skyde Vej".
_STREET_WORD = (
    r"(?i:gade|vej|allé|alle|stræde|boulevard|plads|torv|vænge|vænget|have|gyde|kaj|brygge"
    r"|street|road|avenue|lane)"
)
_ENGLISH_STREET_WORD = r"(?i:street|road|avenue|lane)"
_NAME_WORD = r"(?:[A-ZÆØÅ][^\W\d_]+|(?:[A-ZÆØÅ]\.)+)"
# A number followed by a count word is a tally on a zone, not a house number.
_COUNT_WORD = (
    r"(?i:x|stk|gange?|times?|kr|kroner|dkk|kvinder|kvinde|piger|pige|mænd|mand|fyre|personer"
    r"|person|people|persons|women|woman|girls|kondomer|condoms|kunder|clients)"
)
_MONTH = r"(?i:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)"
_ADDRESS = re.compile(
    rf"""
    (?<![^\W\d_])
    (?:
        (?:{_NAME_WORD}\s+){{0,3}}[^\W\d_]{{2,}}{_STREET_SUFFIX}   # Istedgade, Gammel Kongevej
      | (?:{_NAME_WORD}\s+){{1,3}}{_STREET_WORD}                   # Sønder Boulevard, Baker Street
    )
    \s+(?i:nr\.?\s*)?
    \d{{1,3}}[A-Za-z]?                            # house number, 8B
    (?![\w]|[:./]\d|-\d{{1,2}}-\d|\s+{_COUNT_WORD}\b|\.\s*{_MONTH}) # not a time, date or count
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


# --- Handles, plates and identity numbers ---------------------------------------------------

_NETWORK = (
    r"(?i:snap(?:chat)?|insta(?:gram)?|ig|tiktok|telegram|tg|onlyfans|fansly|fb|facebook"
    r"|messenger|twitter|kik|wickr|threema|viber|whatsapp)"
)
_HANDLE_AT = re.compile(r"(?<![\w@.+\-])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")
_HANDLE_NAMED = re.compile(
    rf"(?<![\w]){_NETWORK}(?![\w])\s*(?P<colon>[:=])?\s*@?"
    r"(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?<!\.)"
)


def _find_handles(text: str) -> Iterator[PiiFinding]:
    for m in _HANDLE_AT.finditer(text):
        yield PiiFinding(PiiKind.HANDLE, m.start(), m.end())
    for m in _HANDLE_NAMED.finditer(text):
        handle = m["handle"]
        # After a colon anything is a handle; otherwise only one that looks made up
        # ("snapchat maja1999"), not an ordinary word ("instagram hjælp").
        if m["colon"] or re.search(r"[\d_.]", handle):
            yield PiiFinding(PiiKind.HANDLE, m.start("handle"), m.end("handle"))


# Danish plates: two capital letters and five digits (AB 12 345); with a plate word, any.
_PLATE = re.compile(r"(?<![\w])[A-Z]{2}[ \-]?\d{2}[ \-]?\d{3}(?![\w])")
_PLATE_NAMED = re.compile(
    r"(?i:nummerplade[n]?|plade|plate(?:\s+number)?|reg\.?\s*nr\.?|license|licence)"
    r"\s*[:.]?\s*(?P<plate>[A-Z0-9](?:[ \-]?[A-Z0-9]){3,8})(?![\w])"
)


def _find_plates(text: str) -> Iterator[PiiFinding]:
    for m in _PLATE.finditer(text):
        yield PiiFinding(PiiKind.PLATE, m.start(), m.end())
    for m in _PLATE_NAMED.finditer(text):
        if re.search(r"\d", m["plate"]) and re.search(r"[A-Z]", m["plate"]):
            yield PiiFinding(PiiKind.PLATE, m.start("plate"), m.end("plate"))


_ID_NAMED = re.compile(
    r"(?i:pas(?:nummer|nr|port)?|passport|cnp|pesel|egn|id[\- ]?(?:kort|card|nr|no)"
    r"|personal\s+(?:id|number)|national\s+id)"
    r"(?:\s*(?i:no|nr|number|nummer)\.?)?\s*[:.#]?\s*"
    r"(?P<number>[A-Z0-9](?:[ ]?[A-Z0-9]){5,14})(?![\w])"
)
_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{9,13}(?![\d.,])")


def _valid_national_number(digits: str) -> bool:
    """A valid national identity number of a country outreach meets (python-stdnum)."""
    from stdnum.bg import egn
    from stdnum.pl import pesel
    from stdnum.ro import cnp

    return any(module.is_valid(digits) for module in (cnp, pesel, egn))


def _find_id_numbers(text: str) -> Iterator[PiiFinding]:
    for m in _ID_NAMED.finditer(text):
        if len(re.sub(r"\D", "", m["number"])) >= 6:
            yield PiiFinding(PiiKind.ID_NUMBER, m.start("number"), m.end("number"))
    for m in _LONG_NUMBER.finditer(text):
        if _valid_national_number(m[0]):
            yield PiiFinding(PiiKind.ID_NUMBER, m.start(), m.end())


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
    _find_handles,
    _find_plates,
    _find_id_numbers,
)


# Characters that change nothing a reader sees: a number or an address with them inside is the
# same number or address.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _normalised(text: str) -> tuple[str, list[int] | None]:
    """``text`` in NFKC (full-width ＠ and digits become @ and 0–9) without invisible
    characters, and where each of its characters came from in ``text`` (None: the same)."""
    if text.isascii():
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        folded = char if char.isascii() else unicodedata.normalize("NFKC", char)
        out.append(folded)
        origin.extend([position] * len(folded))
    origin.append(len(text))
    return "".join(out), origin


def _back(finding: PiiFinding, origin: list[int] | None) -> PiiFinding:
    """A finding in the normalised text as a span of the original text."""
    if origin is None:
        return finding
    return PiiFinding(finding.kind, origin[finding.start], origin[finding.end - 1] + 1)


def find_pii(text: str) -> list[PiiFinding]:
    """Return the identifying spans in ``text``, sorted by start and non-overlapping.

    Overlapping candidates are merged into one span covering them all, so that redacting the
    findings removes every character any rule matched; the longest candidate names the kind.
    """
    shown, origin = _normalised(text)
    ranked = [
        (rank, _back(finding, origin))
        for rank, detect in enumerate(_DETECTORS)
        for finding in detect(shown)
    ]
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
