"""Fixed enumerations of the data model, with English and Danish labels.

These lists are part of the data model itself (SPEC §3) and are not editable by coordinators;
the editable lists live in :mod:`redvan.core.vocabulary`. Every value is a stable slug that may
appear in files (``record`` input, sync packages), so the values never change; the labels may.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def is_danish(lang: str) -> bool:
    """Return True when ``lang`` asks for Danish ("da", "da_DK", "da-DK"; case ignored)."""
    code = lang.strip().lower()
    return code == "da" or code.startswith(("da_", "da-"))


class AgeBand(StrEnum):
    """Age band of a person; under 18 triggers a safeguarding prompt and is counted apart."""

    UNDER_18 = "under-18"
    AGE_18_24 = "18-24"
    AGE_25_34 = "25-34"
    AGE_35_44 = "35-44"
    AGE_45_54 = "45-54"
    AGE_55_PLUS = "55-plus"
    UNKNOWN = "unknown"


class Gender(StrEnum):
    """Gender of a person, as the person describes it."""

    WOMAN = "woman"
    MAN = "man"
    TRANS_WOMAN = "trans-woman"
    TRANS_MAN = "trans-man"
    NON_BINARY = "non-binary"
    UNKNOWN = "unknown"


class Role(StrEnum):
    """Role of a staff member."""

    OUTREACH = "outreach"
    COORDINATOR = "coordinator"


class ReferralStatus(StrEnum):
    """Where a referral to a partner organisation stands."""

    REFERRED = "referred"
    ACCOMPANIED = "accompanied"
    ATTENDED = "attended"
    DECLINED = "declined"
    NO_SHOW = "no-show"
    UNAVAILABLE = "unavailable"


class FollowUpType(StrEnum):
    """What a planned follow-up is."""

    ACCOMPANIMENT = "accompaniment"
    HOME_VISIT = "home-visit"
    BISIDNING = "bisidning"
    CALL_BACK = "call-back"
    REFERRAL_CHECK = "referral-check"
    OTHER = "other"


class FollowUpStatus(StrEnum):
    """Where a follow-up stands."""

    OPEN = "open"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


class IncidentType(StrEnum):
    """Kind of incident reported under "frit lejde" (an incident may have several)."""

    PHYSICAL_VIOLENCE = "physical-violence"
    SEXUAL_VIOLENCE = "sexual-violence"
    ROBBERY_THEFT = "robbery-theft"
    THREATS_HARASSMENT = "threats-harassment"
    EXPLOITATION_INDICATORS = "exploitation-indicators"
    POLICE_MISCONDUCT = "police-misconduct"
    OTHER = "other"


class ConsentTier(StrEnum):
    """What the person agreed may be done with an incident."""

    RECORD_ONLY = "record-only"
    WARN_WORKERS = "warn-workers"
    POLICE_ANONYMOUS = "police-anonymous"
    STATISTICS_ONLY = "statistics-only"


class PoliceReport(StrEnum):
    """Whether an incident was reported to the police."""

    YES = "yes"
    NO = "no"
    WANTS_HELP = "wants-help"


ALL_ENUMS: tuple[type[StrEnum], ...] = (
    AgeBand,
    Gender,
    Role,
    ReferralStatus,
    FollowUpType,
    FollowUpStatus,
    IncidentType,
    ConsentTier,
    PoliceReport,
)

# Keyed by enum class first: members of different enums share values ("unknown", "other")
# and a StrEnum member hashes like its string value.
_LABELS: Mapping[type[StrEnum], Mapping[str, tuple[str, str]]] = {
    AgeBand: {
        AgeBand.UNDER_18: ("Under 18", "Under 18 år"),
        AgeBand.AGE_18_24: ("18–24", "18–24 år"),
        AgeBand.AGE_25_34: ("25–34", "25–34 år"),
        AgeBand.AGE_35_44: ("35–44", "35–44 år"),
        AgeBand.AGE_45_54: ("45–54", "45–54 år"),
        AgeBand.AGE_55_PLUS: ("55+", "55+ år"),
        AgeBand.UNKNOWN: ("Unknown", "Ukendt"),
    },
    Gender: {
        Gender.WOMAN: ("Woman", "Kvinde"),
        Gender.MAN: ("Man", "Mand"),
        Gender.TRANS_WOMAN: ("Trans woman", "Transkvinde"),
        Gender.TRANS_MAN: ("Trans man", "Transmand"),
        Gender.NON_BINARY: ("Non-binary", "Nonbinær"),
        Gender.UNKNOWN: ("Unknown", "Ukendt"),
    },
    Role: {
        Role.OUTREACH: ("Outreach worker", "Opsøgende medarbejder"),
        Role.COORDINATOR: ("Coordinator", "Koordinator"),
    },
    ReferralStatus: {
        ReferralStatus.REFERRED: ("Referred", "Henvist"),
        ReferralStatus.ACCOMPANIED: ("Accompanied", "Fulgt"),
        ReferralStatus.ATTENDED: ("Attended", "Mødt op"),
        ReferralStatus.DECLINED: ("Declined", "Afslået"),
        ReferralStatus.NO_SHOW: ("No-show", "Udeblevet"),
        ReferralStatus.UNAVAILABLE: ("Unavailable", "Ikke muligt"),
    },
    FollowUpType: {
        FollowUpType.ACCOMPANIMENT: ("Accompaniment", "Følgeskab"),
        FollowUpType.HOME_VISIT: ("Home visit", "Hjemmebesøg"),
        FollowUpType.BISIDNING: ("Support at a meeting with an authority", "Bisidning"),
        FollowUpType.CALL_BACK: ("Call back", "Ring tilbage"),
        FollowUpType.REFERRAL_CHECK: ("Referral check", "Opfølgning på henvisning"),
        FollowUpType.OTHER: ("Other", "Andet"),
    },
    FollowUpStatus: {
        FollowUpStatus.OPEN: ("Open", "Åben"),
        FollowUpStatus.DONE: ("Done", "Udført"),
        FollowUpStatus.MISSED: ("Missed", "Ikke gennemført"),
        FollowUpStatus.CANCELLED: ("Cancelled", "Aflyst"),
    },
    IncidentType: {
        IncidentType.PHYSICAL_VIOLENCE: ("Physical violence", "Fysisk vold"),
        IncidentType.SEXUAL_VIOLENCE: ("Sexual violence", "Seksuel vold"),
        IncidentType.ROBBERY_THEFT: ("Robbery/theft", "Røveri/tyveri"),
        IncidentType.THREATS_HARASSMENT: ("Threats/harassment", "Trusler/chikane"),
        IncidentType.EXPLOITATION_INDICATORS: (
            "Exploitation/trafficking indicators",
            "Tegn på udnyttelse/menneskehandel",
        ),
        IncidentType.POLICE_MISCONDUCT: ("Police misconduct", "Krænkende adfærd fra politiet"),
        IncidentType.OTHER: ("Other", "Andet"),
    },
    ConsentTier: {
        ConsentTier.RECORD_ONLY: ("Record only", "Kun registrering"),
        ConsentTier.WARN_WORKERS: ("Warn other workers", "Advar andre opsøgende"),
        ConsentTier.POLICE_ANONYMOUS: (
            "Share anonymously with police via the organisation",
            "Del anonymt med politiet via organisationen",
        ),
        ConsentTier.STATISTICS_ONLY: ("Statistics only", "Kun statistik"),
    },
    PoliceReport: {
        PoliceReport.YES: ("Yes", "Ja"),
        PoliceReport.NO: ("No", "Nej"),
        PoliceReport.WANTS_HELP: ("Wants help to report", "Ønsker hjælp til anmeldelse"),
    },
}


def label(value: StrEnum, lang: str) -> str:
    """Return the label of an enum member in Danish (``lang`` "da") or else English."""
    try:
        english, danish = _LABELS[type(value)][value.value]
    except KeyError:
        raise KeyError(f"No label for {type(value).__name__}.{value.name}.") from None
    return danish if is_danish(lang) else english


def allowed_values(cls: type[StrEnum]) -> list[str]:
    """Return the slugs of an enum in declaration order."""
    return [member.value for member in cls]


def parse_enum(cls: type[E], value: str, field: str) -> E:
    """Return the member of ``cls`` whose slug is ``value`` (surrounding space and case ignored).

    The error names the field and the allowed values but does not repeat the value, which may
    have been typed into the wrong field and could be anything.
    """
    if isinstance(value, str):
        try:
            return cls(value.strip().lower())
        except ValueError:
            pass
    allowed = ", ".join(allowed_values(cls))
    raise ValueError(f"The field '{field}' has a value that is not allowed; use one of: {allowed}.")
