"""The entities of SPEC §3, as plain data. No names, numbers or addresses of a person live here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Staff:
    id: str
    display_name: str
    role: str  # Role value
    active: bool = True


@dataclass(frozen=True)
class Shift:
    id: str
    date: date
    team: str
    zones: tuple[str, ...]
    staff_ids: tuple[str, ...]
    started_at: datetime
    ended_at: datetime | None = None


@dataclass(frozen=True)
class Profile:
    """A person, known only by a keyed hash of a code they chose and a generated alias."""

    id: str
    alias: str
    first_seen: datetime | None
    last_seen: datetime | None
    age_band: str = "unknown"
    gender: str = "unknown"
    languages: tuple[str, ...] = ()
    origin_region: str = "unknown"
    wants_exit_support: bool = False
    followup_consent: date | None = None
    detached: bool = False  # the code was detached by retention; counts stay


@dataclass(frozen=True)
class ServiceGiven:
    service: str
    quantity: int = 1


@dataclass(frozen=True)
class ReferralInput:
    destination: str
    status: str = "referred"
    area: str = ""
    check_due: date | None = None  # plan a referral check (a linked follow-up) due that day


@dataclass(frozen=True)
class ContactInput:
    """What an outreach worker records about one meeting."""

    time: datetime
    zone: str | None = None
    channel: str | None = None
    code: str | None = None  # as typed; only its keyed hash is stored
    age_band: str | None = None
    gender: str | None = None
    language: str | None = None
    origin_region: str | None = None
    services: tuple[ServiceGiven, ...] = ()
    referrals: tuple[ReferralInput, ...] = ()
    programme: str | None = None
    note: str | None = None
    shift_id: str | None = None


@dataclass(frozen=True)
class Contact:
    id: str
    time: datetime
    week: str
    shift_id: str | None
    profile_id: str | None
    zone: str | None
    channel: str | None
    age_band: str
    gender: str
    language: str | None
    services: tuple[ServiceGiven, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Referral:
    id: str
    contact_id: str | None
    profile_id: str | None
    destination: str
    area: str
    status: str
    created_at: datetime
    followup_id: str | None = None


@dataclass(frozen=True)
class FollowUp:
    id: str
    profile_id: str
    type: str
    due: date
    assigned_staff_id: str | None
    status: str = "open"
    outcome: str | None = None
    referral_id: str | None = None


@dataclass(frozen=True)
class Incident:
    id: str
    date: date
    week: str
    zone: str | None
    types: tuple[str, ...]
    consent_tier: str
    reported_to_police: str
    support_given: tuple[str, ...] = ()
    description: str | None = None
    profile_id: str | None = None  # the person, inside the vault only; never exported


@dataclass(frozen=True)
class Programme:
    id: str
    slug: str
    name: str
    first_week: str
    last_week: str
    target: int
    inclusion_rule: str = ""


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    time: str
    staff_id: str | None
    action: str
    entity: str
    entity_id: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class PurgeRecord:
    time: str
    kind: str
    count: int
    cutoff: str


@dataclass
class SaveResult:
    """What saving a contact did, for the 'saved' message and undo."""

    contact_id: str
    profile_id: str | None
    alias: str | None
    new_profile: bool
    referral_ids: list[str] = field(default_factory=list)
