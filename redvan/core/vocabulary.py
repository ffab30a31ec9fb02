"""Default vocabularies: services, referral destinations, zones, channels, languages, regions.

Coordinators edit these lists in the vault (rename, translate, add, retire); the defaults here
seed a new vault. Every entry has a stable slug — the slug is what records, ``record`` input
and sync packages refer to, so it never changes once used, while both labels may.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from redvan.core import limits
from redvan.core.enums import is_danish

SLUG_RE: re.Pattern[str] = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def is_valid_slug(s: str) -> bool:
    """Return True for a slug: lower-case ASCII letters, digits and hyphens, 1–40 long."""
    return isinstance(s, str) and SLUG_RE.fullmatch(s) is not None


class VocabularyKind(StrEnum):
    """The coordinator-editable lists."""

    SERVICE = "service"
    DESTINATION = "destination"
    ZONE = "zone"
    CHANNEL = "channel"
    LANGUAGE = "language"
    ORIGIN_REGION = "origin_region"


@dataclass(frozen=True)
class VocabularyEntry:
    """One value of a vocabulary: a stable slug with an English and a Danish label.

    ``retired`` entries stay in the vault (old records refer to them) but are no longer offered.
    ``quantity`` marks services handed out in numbers (condoms, lubricant, coffee/food) rather
    than given once per contact.
    """

    kind: VocabularyKind
    slug: str
    label_en: str
    label_da: str
    retired: bool = False
    sort: int = 0
    quantity: bool = False

    def __post_init__(self) -> None:
        if not is_valid_slug(self.slug):
            raise ValueError(
                f"A {self.kind.value} slug must be 1–40 lower-case letters a–z, digits or "
                "hyphens, starting with a letter or digit."
            )
        if not self.label_en.strip() or not self.label_da.strip():
            raise ValueError(
                f"The {self.kind.value} '{self.slug}' needs both an English and a Danish label."
            )
        if self.quantity and self.kind is not VocabularyKind.SERVICE:
            raise ValueError(f"Only services can be counted in quantities, not '{self.slug}'.")

    def check_length(self) -> None:
        """At entry (not when read back: an older vault may hold longer labels): a label
        longer than any output takes (core.limits.LABEL, the sync schema's) is refused."""
        if max(len(self.label_en), len(self.label_da)) > limits.LABEL:
            raise ValueError(
                f"The {self.kind.value} '{self.slug}' has a label longer than {limits.LABEL} "
                "characters; shorten it."
            )

    def label(self, lang: str) -> str:
        """Return the Danish label for ``lang`` "da", else the English one."""
        return self.label_da if is_danish(lang) else self.label_en


def _entries(
    kind: VocabularyKind,
    rows: tuple[tuple[str, str, str], ...],
    *,
    counted: frozenset[str] = frozenset(),
) -> tuple[VocabularyEntry, ...]:
    """Build the entries of one kind, sorted in the order given (10, 20, … leaves room)."""
    return tuple(
        VocabularyEntry(
            kind=kind,
            slug=slug,
            label_en=label_en,
            label_da=label_da,
            sort=(index + 1) * 10,
            quantity=slug in counted,
        )
        for index, (slug, label_en, label_da) in enumerate(rows)
    )


_SERVICES = _entries(
    VocabularyKind.SERVICE,
    (
        ("condoms", "Condoms", "Kondomer"),
        ("lubricant", "Lubricant", "Glidecreme"),
        ("coffee-food", "Coffee / food", "Kaffe / mad"),
        ("conversation", "Conversation", "Samtale"),
        (
            "sti-hiv-test-referral",
            "STI/HIV test referral",
            "Henvisning til test for kønssygdomme/hiv",
        ),
        ("health-clinic", "Health clinic (sundhedsrum)", "Sundhedsrum"),
        ("housing-advice", "Housing advice", "Boligrådgivning"),
        ("employment-advice", "Employment advice", "Beskæftigelsesrådgivning"),
        (
            "substance-use-referral",
            "Substance-use treatment referral",
            "Henvisning til rusmiddelbehandling",
        ),
        ("legal-advice", "Legal advice", "Juridisk rådgivning"),
        ("debt-tax-advice", "Debt / tax advice", "Gælds- og skatterådgivning"),
        ("residence-advice", "Residence / migration advice", "Rådgivning om opholdsgrundlag"),
        ("exit-conversation", "Exit conversation", "Exit-samtale"),
        ("exit-plan", "Exit plan", "Exit-plan"),
        ("group-course", "Group course", "Gruppeforløb"),
        ("accompaniment", "Accompaniment", "Følgeskab"),
        ("home-visit", "Home visit", "Hjemmebesøg"),
        ("bisidning", "Support at a meeting with an authority (bisidning)", "Bisidning"),
        ("crime-report-support", "Support to report a crime", "Støtte til anmeldelse"),
    ),
    counted=frozenset({"condoms", "lubricant", "coffee-food"}),
)

# Partner organisations of the Copenhagen field, as a starting point for the referral network
# ("brobyggernetværk"). The health room is a service the team offers, so it is not repeated here.
_DESTINATIONS = _entries(
    VocabularyKind.DESTINATION,
    (
        ("reden", "Reden København (KFUK's social work)", "Reden København"),
        ("reden-international", "Reden International", "Reden International"),
        ("kompasset", "Kompasset (drop-in for homeless migrants)", "Kompasset"),
        ("social-centre", "Municipal social centre", "Kommunens socialcenter"),
        ("jobcenter", "Job centre", "Jobcenter"),
        ("legal-aid", "Legal aid service", "Retshjælp"),
        ("debt-counselling", "Debt counselling service", "Gældsrådgivning"),
        ("checkpoint", "Checkpoint (AIDS-Fondet) STI/HIV testing", "Checkpoint (AIDS-Fondet)"),
        ("sti-clinic", "Hospital STI clinic", "Hospitalets klinik for kønssygdomme"),
        ("substance-use-centre", "Substance-use treatment centre", "Rusmiddelcenter"),
        ("police", "Police", "Politiet"),
        ("emergency-shelter", "Emergency night shelter", "Nødherberg"),
        ("crisis-centre", "Crisis centre", "Krisecenter"),
        (
            "centre-against-trafficking",
            "Danish Centre against Human Trafficking",
            "Center mod Menneskehandel",
        ),
    ),
)

_ZONES = _entries(
    VocabularyKind.ZONE,
    (
        ("istedgade", "Istedgade", "Istedgade"),
        ("vesterbro", "Vesterbro", "Vesterbro"),
        ("hovedbanegaarden", "Copenhagen Central Station", "Hovedbanegården"),
        ("kodbyen", "Kødbyen (Meatpacking District)", "Kødbyen"),
        ("sydhavnen", "Sydhavnen", "Sydhavnen"),
        ("norrebro", "Nørrebro", "Nørrebro"),
        ("amager", "Amager", "Amager"),
        ("christianshavn", "Christianshavn", "Christianshavn"),
        ("massage-clinics", "Massage clinics", "Massageklinikker"),
        ("online", "Online outreach", "Opsøgende arbejde online"),
    ),
)

_CHANNELS = _entries(
    VocabularyKind.CHANNEL,
    (
        ("street", "Street", "Gade"),
        ("van", "Van", "Bussen"),
        ("online", "Online", "Online"),
        ("phone", "Phone", "Telefon"),
        ("drop-in", "Drop-in", "Værested"),
        ("venue-visit", "Venue visit", "Besøg på arbejdssted"),
    ),
)

# ISO 639-1 codes where one exists, ISO 639-3 for Nigerian Pidgin; Danish writes language
# names in lower case, but as list labels they start with a capital like every other label.
_LANGUAGES = _entries(
    VocabularyKind.LANGUAGE,
    (
        ("da", "Danish", "Dansk"),
        ("en", "English", "Engelsk"),
        ("ro", "Romanian", "Rumænsk"),
        ("bg", "Bulgarian", "Bulgarsk"),
        ("th", "Thai", "Thai"),
        ("es", "Spanish", "Spansk"),
        ("pcm", "Nigerian Pidgin", "Nigeriansk pidgin"),
        ("hu", "Hungarian", "Ungarsk"),
        ("pl", "Polish", "Polsk"),
        ("pt", "Portuguese", "Portugisisk"),
        ("lt", "Lithuanian", "Litauisk"),
        ("ru", "Russian", "Russisk"),
        ("uk", "Ukrainian", "Ukrainsk"),
        ("zh", "Chinese", "Kinesisk"),
        ("vi", "Vietnamese", "Vietnamesisk"),
        ("tl", "Tagalog", "Tagalog"),
        ("fr", "French", "Fransk"),
        ("ar", "Arabic", "Arabisk"),
        ("other", "Other language", "Andet sprog"),
    ),
)

_ORIGIN_REGIONS = _entries(
    VocabularyKind.ORIGIN_REGION,
    (
        ("denmark", "Denmark", "Danmark"),
        ("nordic", "Other Nordic countries", "Øvrige nordiske lande"),
        ("eastern-europe", "Eastern Europe (EU)", "Østeuropa (EU)"),
        ("other-europe", "Other Europe", "Øvrige Europa"),
        ("west-africa", "West Africa", "Vestafrika"),
        ("east-africa", "East Africa", "Østafrika"),
        ("other-africa", "Other Africa", "Øvrige Afrika"),
        ("southeast-asia", "Southeast Asia", "Sydøstasien"),
        ("other-asia", "Other Asia", "Øvrige Asien"),
        ("latin-america", "Latin America", "Latinamerika"),
        ("middle-east-north-africa", "Middle East and North Africa", "Mellemøsten og Nordafrika"),
        ("other", "Other region", "Anden region"),
        ("unknown", "Unknown", "Ukendt"),
    ),
)

DEFAULT_VOCABULARIES: tuple[VocabularyEntry, ...] = (
    _SERVICES + _DESTINATIONS + _ZONES + _CHANNELS + _LANGUAGES + _ORIGIN_REGIONS
)


def default_entries(kind: VocabularyKind) -> list[VocabularyEntry]:
    """Return the default entries of one vocabulary, in display order."""
    return sorted(
        (entry for entry in DEFAULT_VOCABULARIES if entry.kind is kind),
        key=lambda entry: entry.sort,
    )
