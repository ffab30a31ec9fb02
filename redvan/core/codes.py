"""Person codes and aliases (SPEC P1).

A person chooses a code ("personkode"); the vault keeps only a keyed hash of its normalised
form, so the same code typed a little differently next week finds the same profile, and the
code itself is never stored. Each profile also gets a generated alias such as "Heron-42"
("Hejre-42" in Danish) that staff can say out loud.

Error messages here never repeat the code: it may be a name or a number the person gave.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from redvan.core.enums import is_danish

MIN_CODE_LENGTH = 3
MAX_CODE_LENGTH = 32
MIN_SECRET_LENGTH = 32

# Separators people put in codes without meaning anything by them.
_SEPARATORS = frozenset("-_./")
_NO_PII_HINT = "Ask the person to choose a code that says nothing about who they are."
_LONG_DIGIT_RUN = re.compile(r"[0-9]{8,}")


class CodeError(ValueError):
    """A code that cannot be used; the message is a sentence for staff and never the code.

    ``reason`` is a stable key ("too-short", "too-long", "characters", "cpr", "phone") for
    callers that show their own translated message.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _looks_like_cpr(digits: str) -> bool:
    """Return True for ten digits that start with a real date as DDMMYY."""
    if len(digits) != 10:
        return False
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    for century in (1800, 1900, 2000):
        try:
            date(century + yy, month, day)
        except ValueError:
            continue
        return True
    return False


def normalise_code(code: str) -> str:
    """Return the canonical form of a code, or raise :class:`CodeError`.

    NFKC, case folded then upper-cased, whitespace and the separators ``- _ . /`` (and other
    dashes) dropped, other decimal digits written as 0–9. Letters of any alphabet are kept,
    Danish Æ, Ø, Å included. A code that looks like a CPR or phone number is refused.
    """
    if not isinstance(code, str):
        raise CodeError("characters", "A code must be text.")
    text = unicodedata.normalize("NFKC", code).casefold().upper()
    text = unicodedata.normalize("NFKC", text)
    kept: list[str] = []
    for ch in text:
        if ch.isspace() or ch in _SEPARATORS or unicodedata.category(ch) == "Pd":
            continue
        if ch.isdecimal():
            kept.append(str(unicodedata.decimal(ch)))
        else:
            kept.append(ch)
    result = "".join(kept)
    if len(result) < MIN_CODE_LENGTH:
        raise CodeError(
            "too-short",
            f"A code needs at least {MIN_CODE_LENGTH} letters or digits "
            "(spaces and separators do not count).",
        )
    if len(result) > MAX_CODE_LENGTH:
        raise CodeError("too-long", f"A code can have at most {MAX_CODE_LENGTH} letters or digits.")
    # Checked on the digits before the character rule, so "+45 …" gets the helpful message.
    for run in re.findall(r"[0-9]+", result):
        if _looks_like_cpr(run):
            raise CodeError("cpr", f"This code looks like a CPR number. {_NO_PII_HINT}")
    if _LONG_DIGIT_RUN.search(result):
        raise CodeError(
            "phone",
            f"This code has a long run of digits, like a phone number. {_NO_PII_HINT}",
        )
    if not all(ch.isalpha() or ch in "0123456789" for ch in result):
        raise CodeError(
            "characters",
            "A code can only contain letters and digits (spaces and - _ . / are ignored).",
        )
    return result


def code_token(secret: bytes, code: str) -> str:
    """Return the hex HMAC-SHA256 of the normalised code under the organisation secret."""
    if len(secret) < MIN_SECRET_LENGTH:
        raise ValueError(f"The organisation secret must be at least {MIN_SECRET_LENGTH} bytes.")
    return hmac.new(secret, normalise_code(code).encode("utf-8"), hashlib.sha256).hexdigest()


# (English, Danish): birds and gentle animals. Left out on purpose: names used as insults or
# slang in either language or in this field (e.g. cow/ko, goose/gås, mouse/mus, swallow,
# beaver, cuckoo), primates, and animals with a sense of threat or shame.
ANIMALS: tuple[tuple[str, str], ...] = (
    ("Heron", "Hejre"),
    ("Egret", "Sølvhejre"),
    ("Bittern", "Rørdrum"),
    ("Stork", "Stork"),
    ("Crane", "Trane"),
    ("Spoonbill", "Skestork"),
    ("Ibis", "Ibis"),
    ("Flamingo", "Flamingo"),
    ("Pelican", "Pelikan"),
    ("Swan", "Svane"),
    ("Mallard", "Gråand"),
    ("Teal", "Krikand"),
    ("Wigeon", "Pibeand"),
    ("Shelduck", "Gravand"),
    ("Goldeneye", "Hvinand"),
    ("Merganser", "Skallesluger"),
    ("Eider", "Edderfugl"),
    ("Grebe", "Lappedykker"),
    ("Puffin", "Lunde"),
    ("Guillemot", "Lomvie"),
    ("Fulmar", "Mallemuk"),
    ("Tern", "Terne"),
    ("Penguin", "Pingvin"),
    ("Avocet", "Klyde"),
    ("Lapwing", "Vibe"),
    ("Plover", "Præstekrave"),
    ("Curlew", "Storspove"),
    ("Whimbrel", "Regnspove"),
    ("Godwit", "Kobbersneppe"),
    ("Redshank", "Rødben"),
    ("Greenshank", "Hvidklire"),
    ("Sandpiper", "Ryle"),
    ("Turnstone", "Stenvender"),
    ("Oystercatcher", "Strandskade"),
    ("Kestrel", "Tårnfalk"),
    ("Falcon", "Falk"),
    ("Merlin", "Dværgfalk"),
    ("Kite", "Glente"),
    ("Osprey", "Fiskeørn"),
    ("Eagle", "Ørn"),
    ("Owl", "Ugle"),
    ("Kingfisher", "Isfugl"),
    ("Hoopoe", "Hærfugl"),
    ("Roller", "Ellekrage"),
    ("Oriole", "Pirol"),
    ("Swift", "Mursejler"),
    ("Lark", "Lærke"),
    ("Nightingale", "Nattergal"),
    ("Robin", "Rødhals"),
    ("Redstart", "Rødstjert"),
    ("Wren", "Gærdesmutte"),
    ("Dunnock", "Jernspurv"),
    ("Starling", "Stær"),
    ("Blackbird", "Solsort"),
    ("Raven", "Ravn"),
    ("Jackdaw", "Allike"),
    ("Jay", "Skovskade"),
    ("Nuthatch", "Spætmejse"),
    ("Goldcrest", "Fuglekonge"),
    ("Warbler", "Sanger"),
    ("Flycatcher", "Fluesnapper"),
    ("Waxwing", "Silkehale"),
    ("Dipper", "Vandstær"),
    ("Pipit", "Piber"),
    ("Linnet", "Tornirisk"),
    ("Siskin", "Grønsisken"),
    ("Greenfinch", "Grønirisk"),
    ("Goldfinch", "Stillits"),
    ("Chaffinch", "Bogfinke"),
    ("Hawfinch", "Kernebider"),
    ("Crossbill", "Korsnæb"),
    ("Bunting", "Værling"),
    ("Yellowhammer", "Gulspurv"),
    ("Sparrow", "Spurv"),
    ("Partridge", "Agerhøne"),
    ("Pheasant", "Fasan"),
    ("Dove", "Due"),
    ("Hummingbird", "Kolibri"),
    ("Toucan", "Tukan"),
    ("Parakeet", "Parakit"),
    ("Macaw", "Ara"),
    ("Budgerigar", "Undulat"),
    ("Otter", "Odder"),
    ("Badger", "Grævling"),
    ("Hedgehog", "Pindsvin"),
    ("Squirrel", "Egern"),
    ("Seal", "Sæl"),
    ("Dolphin", "Delfin"),
    ("Narwhal", "Narhval"),
    ("Elk", "Elg"),
    ("Reindeer", "Rensdyr"),
    ("Deer", "Hjort"),
    ("Lynx", "Los"),
    ("Hare", "Hare"),
    ("Marten", "Mår"),
    ("Ermine", "Lækat"),
    ("Panda", "Panda"),
    ("Koala", "Koala"),
    ("Giraffe", "Giraf"),
    ("Zebra", "Zebra"),
    ("Llama", "Lama"),
    ("Alpaca", "Alpaka"),
    ("Kangaroo", "Kænguru"),
    ("Wombat", "Wombat"),
    ("Meerkat", "Surikat"),
    ("Chinchilla", "Chinchilla"),
    ("Gazelle", "Gazelle"),
    ("Antelope", "Antilope"),
    ("Bison", "Bison"),
    ("Okapi", "Okapi"),
    ("Tapir", "Tapir"),
    ("Armadillo", "Bæltedyr"),
    ("Seahorse", "Søhest"),
    ("Starfish", "Søstjerne"),
    ("Salmon", "Laks"),
    ("Turtle", "Skildpadde"),
    ("Gecko", "Gekko"),
    ("Salamander", "Salamander"),
    ("Butterfly", "Sommerfugl"),
    ("Dragonfly", "Guldsmed"),
    ("Ladybird", "Mariehøne"),
    ("Bumblebee", "Humlebi"),
    ("Firefly", "Ildflue"),
    ("Cricket", "Fårekylling"),
)

_BY_NAME: dict[str, tuple[str, str]] = {name.casefold(): pair for pair in ANIMALS for name in pair}

# (lowest number, highest number, attempts): two digits first, wider when those are taken.
# (lowest, highest number, tries). Few tries per stage: once two digits are used up (about
# 11,000 people), every extra try is a wasted lookup in each new person's save (B3).
_ALIAS_STAGES: tuple[tuple[int, int, int], ...] = (
    (10, 99, 12),
    (100, 999, 12),
    (1000, 9999, 1000),
)
_ALIAS_RE = re.compile(r"^\s*([^\W\d_]+)\s*[-\s]\s*([1-9][0-9]{1,3})\s*$")


def new_alias(rng: random.Random, taken: Callable[[str], bool]) -> str:
    """Return a free alias such as "Heron-42" (canonical English form).

    ``taken`` tells whether an alias is already in use. After 50 taken tries the number widens
    to three digits, after 50 more to four; RuntimeError if even that finds nothing free.
    """
    for low, high, attempts in _ALIAS_STAGES:
        for _ in range(attempts):
            english, _danish = rng.choice(ANIMALS)
            alias = f"{english}-{rng.randint(low, high)}"
            if not taken(alias):
                return alias
    raise RuntimeError("No free alias was found; the alias space looks exhausted.")


def alias_rng(token: str) -> random.Random:
    """The generator a new person's alias is drawn from: seeded by the code token, so every
    laptop of one organisation (one secret, one token) gives a code the same alias (SPEC O1),
    unless that alias already names another person there. The token is keyed by the
    organisation secret, so the alias says nothing about the code."""
    seed = hashlib.sha256(b"redvan/alias/v1:" + token.encode("ascii")).digest()
    return random.Random(int.from_bytes(seed, "big"))


def parse_alias(text: str) -> str | None:
    """Return the canonical alias for "Heron-42", "hejre 42" and the like, or None."""
    match = _ALIAS_RE.match(text)
    if match is None:
        return None
    pair = _BY_NAME.get(match.group(1).casefold())
    if pair is None:
        return None
    return f"{pair[0]}-{int(match.group(2))}"


def alias_label(alias: str, lang: str) -> str:
    """Return the alias as shown in ``lang``: "Heron-42" → "Hejre-42" for "da".

    Anything that is not a known alias is returned unchanged.
    """
    canonical = parse_alias(alias)
    if canonical is None:
        return alias
    english, _, number = canonical.rpartition("-")
    if not is_danish(lang):
        return canonical
    return f"{_BY_NAME[english.casefold()][1]}-{number}"
