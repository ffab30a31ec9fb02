"""Default vocabularies and fixed enumerations: slugs, both languages, the words of the field."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redvan.core import enums
from redvan.core.enums import (
    ALL_ENUMS,
    AgeBand,
    ConsentTier,
    FollowUpStatus,
    FollowUpType,
    Gender,
    IncidentType,
    PoliceReport,
    ReferralStatus,
    Role,
    label,
    parse_enum,
)
from redvan.core.vocabulary import (
    DEFAULT_VOCABULARIES,
    SLUG_RE,
    VocabularyEntry,
    VocabularyKind,
    default_entries,
    is_valid_slug,
)

SPEC_SERVICES = [
    "condoms",
    "lubricant",
    "coffee-food",
    "conversation",
    "sti-hiv-test-referral",
    "health-clinic",
    "housing-advice",
    "employment-advice",
    "substance-use-referral",
    "legal-advice",
    "debt-tax-advice",
    "residence-advice",
    "exit-conversation",
    "exit-plan",
    "group-course",
    "accompaniment",
    "home-visit",
    "bisidning",
    "crime-report-support",
]

# Words the glossary asks us never to use about the people in the records.
AVOIDED_WORDS = ("prostitu", "victim", "offer", "client", "klient", "whore", "luder")


def _slugs(kind: VocabularyKind) -> list[str]:
    return [entry.slug for entry in default_entries(kind)]


def _danish(kind: VocabularyKind, slug: str) -> str:
    (entry,) = [e for e in default_entries(kind) if e.slug == slug]
    return entry.label_da


# --- default vocabularies -------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(VocabularyKind))
def test_every_kind_has_defaults_with_valid_unique_slugs(kind: VocabularyKind) -> None:
    slugs = _slugs(kind)
    assert slugs, f"no defaults for {kind}"
    assert all(is_valid_slug(slug) for slug in slugs)
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("kind", list(VocabularyKind))
def test_labels_are_non_empty_and_distinct_in_both_languages(kind: VocabularyKind) -> None:
    entries = default_entries(kind)
    for lang in ("en", "da"):
        labels = [entry.label(lang) for entry in entries]
        assert all(text.strip() == text and text for text in labels)
        duplicates = [text for text, n in Counter(t.casefold() for t in labels).items() if n > 1]
        assert not duplicates, f"{kind} {lang}: {duplicates}"


def test_default_entries_are_in_display_order_and_not_retired() -> None:
    for kind in VocabularyKind:
        entries = default_entries(kind)
        assert [e.sort for e in entries] == sorted({e.sort for e in entries})
        assert all(e.kind is kind and not e.retired for e in entries)
    assert len(DEFAULT_VOCABULARIES) == sum(len(default_entries(k)) for k in VocabularyKind)


def test_services_are_those_of_the_spec_in_order() -> None:
    assert _slugs(VocabularyKind.SERVICE) == SPEC_SERVICES


def test_only_handed_out_services_have_quantities() -> None:
    counted = {e.slug for e in DEFAULT_VOCABULARIES if e.quantity}
    assert counted == {"condoms", "lubricant", "coffee-food"}


def test_channels_and_zones_of_the_field() -> None:
    assert _slugs(VocabularyKind.CHANNEL) == [
        "street",
        "van",
        "online",
        "phone",
        "drop-in",
        "venue-visit",
    ]
    zones = set(_slugs(VocabularyKind.ZONE))
    assert {"istedgade", "vesterbro", "hovedbanegaarden", "massage-clinics", "online"} <= zones
    assert _danish(VocabularyKind.ZONE, "hovedbanegaarden") == "Hovedbanegården"


def test_destinations_include_the_copenhagen_partners_and_do_not_repeat_services() -> None:
    destinations = set(_slugs(VocabularyKind.DESTINATION))
    assert {"reden", "reden-international", "police", "centre-against-trafficking"} <= destinations
    assert not destinations & set(SPEC_SERVICES)
    assert _danish(VocabularyKind.DESTINATION, "centre-against-trafficking") == (
        "Center mod Menneskehandel"
    )


def test_languages_are_iso_639_codes_plus_other() -> None:
    slugs = _slugs(VocabularyKind.LANGUAGE)
    assert {"da", "en", "ro", "bg", "th", "es", "pcm"} <= set(slugs)
    assert all(s == "other" or (s.isalpha() and 2 <= len(s) <= 3) for s in slugs)
    assert _danish(VocabularyKind.LANGUAGE, "ro") == "Rumænsk"
    assert _danish(VocabularyKind.LANGUAGE, "pcm") == "Nigeriansk pidgin"


def test_origin_regions_cover_unknown() -> None:
    slugs = _slugs(VocabularyKind.ORIGIN_REGION)
    assert slugs[-2:] == ["other", "unknown"]
    assert "eastern-europe" in slugs and "west-africa" in slugs


@pytest.mark.parametrize(
    ("kind", "slug", "word"),
    [
        (VocabularyKind.SERVICE, "condoms", "kondomer"),
        (VocabularyKind.SERVICE, "lubricant", "glidecreme"),
        (VocabularyKind.SERVICE, "coffee-food", "kaffe / mad"),
        (VocabularyKind.SERVICE, "conversation", "samtale"),
        (VocabularyKind.SERVICE, "sti-hiv-test-referral", "kønssygdomme/hiv"),
        (VocabularyKind.SERVICE, "health-clinic", "sundhedsrum"),
        (VocabularyKind.SERVICE, "housing-advice", "boligrådgivning"),
        (VocabularyKind.SERVICE, "substance-use-referral", "rusmiddelbehandling"),
        (VocabularyKind.SERVICE, "debt-tax-advice", "gælds- og skatterådgivning"),
        (VocabularyKind.SERVICE, "residence-advice", "opholdsgrundlag"),
        (VocabularyKind.SERVICE, "exit-conversation", "exit-samtale"),
        (VocabularyKind.SERVICE, "group-course", "gruppeforløb"),
        (VocabularyKind.SERVICE, "accompaniment", "følgeskab"),
        (VocabularyKind.SERVICE, "home-visit", "hjemmebesøg"),
        (VocabularyKind.SERVICE, "bisidning", "bisidning"),
        (VocabularyKind.SERVICE, "crime-report-support", "støtte til anmeldelse"),
        (VocabularyKind.CHANNEL, "street", "gade"),
        (VocabularyKind.CHANNEL, "van", "bussen"),
        (VocabularyKind.CHANNEL, "phone", "telefon"),
        (VocabularyKind.CHANNEL, "drop-in", "værested"),
        (VocabularyKind.CHANNEL, "venue-visit", "besøg på arbejdssted"),
    ],
)
def test_danish_labels_use_the_glossary_words(kind: VocabularyKind, slug: str, word: str) -> None:
    assert word in _danish(kind, slug).casefold()


def test_no_label_uses_language_the_glossary_avoids() -> None:
    texts = [e.label_en for e in DEFAULT_VOCABULARIES] + [e.label_da for e in DEFAULT_VOCABULARIES]
    texts += [label(m, lang) for cls in ALL_ENUMS for m in cls for lang in ("en", "da")]
    for text in texts:
        assert not any(word in text.casefold() for word in AVOIDED_WORDS), text


def test_label_picks_the_language() -> None:
    (condoms,) = [e for e in DEFAULT_VOCABULARIES if e.slug == "condoms"]
    assert condoms.label("da") == "Kondomer"
    assert condoms.label("da_DK") == "Kondomer"
    assert condoms.label("en") == "Condoms"
    assert condoms.label("ro") == "Condoms"


def test_entry_refuses_bad_slugs_and_missing_labels() -> None:
    with pytest.raises(ValueError, match="slug"):
        VocabularyEntry(VocabularyKind.ZONE, "Istedgade", "Istedgade", "Istedgade")
    with pytest.raises(ValueError, match="Danish label"):
        VocabularyEntry(VocabularyKind.ZONE, "istedgade", "Istedgade", " ")
    with pytest.raises(ValueError, match="quantities"):
        VocabularyEntry(VocabularyKind.ZONE, "istedgade", "Istedgade", "Istedgade", quantity=True)


@given(st.from_regex(SLUG_RE, fullmatch=True))
def test_slug_pattern_accepts_its_own_language(slug: str) -> None:
    assert is_valid_slug(slug)


@given(st.text(max_size=60))
def test_slugs_are_short_lowercase_ascii(text: str) -> None:
    expected = (
        1 <= len(text) <= 40
        and all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in text)
        and text[0] != "-"
    )
    assert is_valid_slug(text) == expected


def test_slug_edge_cases() -> None:
    assert is_valid_slug("a" * 40)
    assert not is_valid_slug("a" * 41)
    assert not is_valid_slug("")
    assert not is_valid_slug("-a")
    assert not is_valid_slug("nørrebro")
    assert not is_valid_slug("a\n")


# --- fixed enumerations ---------------------------------------------------------------------


@pytest.mark.parametrize("cls", ALL_ENUMS, ids=lambda c: c.__name__)
def test_every_enum_member_is_labelled_in_both_languages(cls: type[StrEnum]) -> None:
    for lang in ("en", "da"):
        labels = [label(member, lang) for member in cls]
        assert all(text and text.strip() == text for text in labels)
        assert len(set(labels)) == len(labels), f"{cls.__name__} {lang}"
    assert all(is_valid_slug(member.value) for member in cls)


def test_enum_values_are_the_spec_slugs() -> None:
    assert [m.value for m in AgeBand] == [
        "under-18",
        "18-24",
        "25-34",
        "35-44",
        "45-54",
        "55-plus",
        "unknown",
    ]
    assert [m.value for m in ReferralStatus] == [
        "referred",
        "accompanied",
        "attended",
        "declined",
        "no-show",
        "unavailable",
    ]
    assert [m.value for m in ConsentTier] == [
        "record-only",
        "warn-workers",
        "police-anonymous",
        "statistics-only",
    ]
    assert [m.value for m in PoliceReport] == ["yes", "no", "wants-help"]
    assert [m.value for m in Role] == ["outreach", "coordinator"]


@pytest.mark.parametrize(
    ("member", "english", "danish"),
    [
        (AgeBand.UNDER_18, "Under 18", "Under 18 år"),
        (AgeBand.AGE_55_PLUS, "55+", "55+ år"),
        (Gender.TRANS_WOMAN, "Trans woman", "Transkvinde"),
        (Gender.NON_BINARY, "Non-binary", "Nonbinær"),
        (Gender.UNKNOWN, "Unknown", "Ukendt"),
        (ReferralStatus.ATTENDED, "Attended", "Mødt op"),
        (ReferralStatus.NO_SHOW, "No-show", "Udeblevet"),
        (ReferralStatus.UNAVAILABLE, "Unavailable", "Ikke muligt"),
        (FollowUpType.ACCOMPANIMENT, "Accompaniment", "Følgeskab"),
        (FollowUpType.BISIDNING, "Support at a meeting with an authority", "Bisidning"),
        (FollowUpStatus.MISSED, "Missed", "Ikke gennemført"),
        (FollowUpStatus.CANCELLED, "Cancelled", "Aflyst"),
        (IncidentType.POLICE_MISCONDUCT, "Police misconduct", "Krænkende adfærd fra politiet"),
        (ConsentTier.WARN_WORKERS, "Warn other workers", "Advar andre opsøgende"),
        (ConsentTier.STATISTICS_ONLY, "Statistics only", "Kun statistik"),
        (Role.COORDINATOR, "Coordinator", "Koordinator"),
    ],
)
def test_enum_labels_follow_the_glossary(member: StrEnum, english: str, danish: str) -> None:
    assert label(member, "en") == english
    assert label(member, "da") == danish


def test_shared_values_keep_their_own_labels() -> None:
    # "unknown" and "other" occur in several enums; each keeps the label of its own enum.
    assert label(FollowUpType.OTHER, "da") == label(IncidentType.OTHER, "da") == "Andet"
    assert label(AgeBand.UNKNOWN, "en") == label(Gender.UNKNOWN, "en") == "Unknown"
    assert label(FollowUpType.ACCOMPANIMENT, "en") == "Accompaniment"


@pytest.mark.parametrize("cls", ALL_ENUMS, ids=lambda c: c.__name__)
def test_parse_enum_round_trips_and_tolerates_case_and_space(cls: type[StrEnum]) -> None:
    for member in cls:
        assert parse_enum(cls, member.value, "field") is member
        assert parse_enum(cls, f"  {member.value.upper()} ", "field") is member


def test_parse_enum_error_names_field_and_allowed_values_but_not_the_value() -> None:
    with pytest.raises(ValueError) as caught:
        parse_enum(Gender, "Maja Hansen", "gender")
    message = str(caught.value)
    assert "'gender'" in message
    assert all(member.value in message for member in Gender)
    assert "Maja" not in message


@given(st.text(max_size=30))
def test_parse_enum_accepts_only_known_slugs(text: str) -> None:
    known = {m.value for m in AgeBand}
    if text.strip().lower() in known:
        assert parse_enum(AgeBand, text, "age_band").value == text.strip().lower()
    else:
        with pytest.raises(ValueError, match="age_band"):
            parse_enum(AgeBand, text, "age_band")


def test_is_danish() -> None:
    assert enums.is_danish("da") and enums.is_danish("DA-dk") and enums.is_danish("da_DK")
    assert not enums.is_danish("en") and not enums.is_danish("dan") and not enums.is_danish("")
