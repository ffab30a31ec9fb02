"""Use-case services: what the GUI and the command line do to a vault.

Every method that changes something runs in one transaction and leaves one audit event per
entity it creates, edits or deletes — never field values (V8). Storage is injected.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from redvan.core import limits, pii
from redvan.core.audit_names import entity_of
from redvan.core.codes import alias_rng, code_token, new_alias
from redvan.core.enums import (
    AgeBand,
    ConsentTier,
    FollowUpStatus,
    FollowUpType,
    Gender,
    IncidentType,
    PoliceReport,
    ReferralStatus,
    Role,
)
from redvan.core.ids import random_id, time_ordered_id
from redvan.core.incidents import (
    AUDIT_ENTITY,
    TIER_FOR_EXPORT,
    IncidentExport,
    IncidentSheet,
    allowed,
    build_sheet,
    new_reference,
    parse_reference,
)
from redvan.core.model import (
    Contact,
    ContactInput,
    FollowUp,
    Incident,
    Profile,
    Programme,
    PurgeRecord,
    SaveResult,
    ServiceGiven,
    Shift,
    Staff,
)
from redvan.core.night import (
    DAY_START_SETTING,
    TIME_ZONE_SETTING,
    Clock,
    check_day_start,
    check_time_zone,
)
from redvan.core.ports import Store
from redvan.core.reach import Reach, programme_reach
from redvan.core.referrals import (
    CompletionRate,
    PartnerOrganisation,
    clean_partner,
    completion_rates,
)
from redvan.core.tally import Tally, compute_tally
from redvan.core.vocabulary import (
    DEFAULT_VOCABULARIES,
    VocabularyEntry,
    VocabularyKind,
    is_valid_slug,
)
from redvan.core.weeks import IsoWeek

DEFAULT_NOTE_RETENTION_DAYS = 183
DEFAULT_PROFILE_RETENTION_DAYS = 730
MAX_FREE_TEXT = limits.FREE_TEXT

if TYPE_CHECKING:
    from redvan.core.intake import Problems


# Settings kept inside the vault: name -> (lowest, highest) allowed value.
SETTINGS: dict[str, tuple[int, int]] = {
    "auto_lock_minutes": (1, 120),
    "suppression_threshold": (3, 50),  # "<2" would say "exactly 1" (R2)
    "note_retention_days": (7, 3650),
    "profile_retention_days": (30, 7300),
    "backup_generations": (1, 100),
}
SETTING_DEFAULTS: dict[str, int] = {
    "auto_lock_minutes": 5,
    "suppression_threshold": 5,
    "note_retention_days": DEFAULT_NOTE_RETENTION_DAYS,
    "profile_retention_days": DEFAULT_PROFILE_RETENTION_DAYS,
    "backup_generations": 10,
}


class ServiceError(ValueError):
    """A request that cannot be carried out; `str()` is a sentence for the person."""


class UnknownValue(ServiceError):
    def __init__(self, field: str, slug: str, kind: VocabularyKind) -> None:
        super().__init__(
            f"'{slug}' is not an active entry of the {kind.value.replace('_', ' ')} list "
            f"(field '{field}')."
        )
        self.field = field
        self.slug = slug


class PiiWarning(ServiceError):
    """Free text looks like it holds personal data; the person must edit or confirm (V10)."""

    def __init__(self, field: str, findings: list[pii.PiiFinding]) -> None:
        kinds = sorted({f.kind.value for f in findings})
        super().__init__(
            f"The {field} looks like it contains personal data ({', '.join(kinds)}). "
            "Remove it, or confirm that it must be kept."
        )
        self.field = field
        self.findings = findings


class CodeTaken(ServiceError):
    def __init__(self) -> None:
        super().__init__("That code is already in use. Ask the person to choose another code.")


def new_id() -> str:
    return random_id()


def new_record_id() -> str:
    """For contacts and referrals, which are read by week: time-ordered (see core.ids)."""
    return time_ordered_id()


def check_referral_areas(entry: ContactInput, *, confirmed: bool) -> None:
    """A referral's area is free text like a note: guarded the same way (V10)."""
    for referral in entry.referrals:
        check_free_text("referral area", referral.area or None, confirmed=confirmed)


def check_free_text(field: str, text: str | None, *, confirmed: bool) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_FREE_TEXT:
        raise ServiceError(f"The {field} is longer than {MAX_FREE_TEXT} characters.")
    findings = pii.find_pii(text)
    if findings and not confirmed:
        raise PiiWarning(field, findings)
    return text


class Services:
    """The use cases, over one injected store."""

    def __init__(self, store: Store, *, rng: random.Random | None = None) -> None:
        self.store = store
        self._rng = rng or random.SystemRandom()
        self._slugs: dict[VocabularyKind, set[str]] = {}

    # -- vocabularies -------------------------------------------------------------------

    def _active(self, kind: VocabularyKind) -> set[str]:
        if kind not in self._slugs:
            self._slugs[kind] = self.store.vocabulary_slugs(kind)
        return self._slugs[kind]

    def _check(self, field: str, slug: str | None, kind: VocabularyKind) -> str | None:
        if slug is None:
            return None
        if slug not in self._active(kind):
            raise UnknownValue(field, slug, kind)
        return slug

    def seed_vocabularies(self, entries: Iterable[VocabularyEntry] = DEFAULT_VOCABULARIES) -> None:
        for entry in entries:
            self.store.upsert_vocabulary(entry)
        self._slugs.clear()

    def vocabularies_changed(self) -> None:
        """Forget the cached active slugs: the vocabularies were changed from elsewhere (an
        organisation file, O1/O2)."""
        self._slugs.clear()

    def save_vocabulary_entry(self, entry: VocabularyEntry) -> None:
        if not is_valid_slug(entry.slug):
            raise ServiceError("A slug may hold only lower-case letters, digits and '-'.")
        if not entry.label_en.strip() or not entry.label_da.strip():
            raise ServiceError("Every entry needs an English and a Danish label.")
        try:
            entry.check_length()
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
        with self.store.transaction():
            self.store.upsert_vocabulary(entry)
            self.store.audit("edit", entity_of("vocabulary", entry.kind.value), entry.slug)
        self._slugs.clear()

    def remove_vocabulary_entry(self, kind: VocabularyKind, slug: str) -> str:
        """Delete an unused entry; an entry that is in use is retired instead. Returns which."""
        with self.store.transaction():
            if self.store.vocabulary_in_use(kind, slug):
                entry = next(e for e in self.store.vocabulary(kind) if e.slug == slug)
                self.store.upsert_vocabulary(replace(entry, retired=True))
                self.store.audit("edit", entity_of("vocabulary", kind.value), slug)
                outcome = "retired"
            else:
                self.store.delete_vocabulary(kind, slug)
                self.store.audit("delete", entity_of("vocabulary", kind.value), slug)
                outcome = "deleted"
        self._slugs.clear()
        return outcome

    # -- staff --------------------------------------------------------------------------

    def add_staff(self, display_name: str, role: Role) -> Staff:
        name = display_name.strip()
        if not 1 <= len(name) <= limits.STAFF_NAME:
            raise ServiceError(
                f"A staff name must be 1 to {limits.STAFF_NAME} characters (initials are enough)."
            )
        staff = Staff(new_id(), name, role.value, True)
        taken = {s.display_name.casefold() for s in self.store.list_staff(include_inactive=True)}
        if name.casefold() in taken:
            raise ServiceError(f"A staff member called {name} already exists; use other initials.")
        with self.store.transaction():
            self.store.add_staff(staff)
            self.store.audit("create", "staff", staff.id)
        return staff

    def set_staff_active(self, staff_id: str, active: bool) -> None:
        with self.store.transaction():
            self.store.set_staff_active(staff_id, active)
            self.store.audit("edit", "staff", staff_id)

    # -- settings -----------------------------------------------------------------------

    def change_setting(self, key: str, value: int) -> None:
        """Settings kept in the vault (STYLE 8); each change is audited, its value is not."""
        low, high = SETTINGS.get(key, (None, None))
        if low is None or high is None:
            raise ServiceError(f"There is no setting called '{key}'.")
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ServiceError(f"The setting '{key}' takes a whole number from {low} to {high}.")
        with self.store.transaction():
            self.store.set_setting(key, value)
            self.store.audit("setting", "setting", key)

    def setting(self, key: str) -> int:
        return int(self.store.get_setting(key, SETTING_DEFAULTS[key]))

    def clock(self) -> Clock:
        """The vault's reporting-day rule: day-start hour and time zone (SPEC §3)."""
        return self.store.clock()

    def change_clock(self, day_start_hour: int, time_zone: str) -> int:
        """Change the reporting-day rule; every stored contact moves to its night under it.

        Returns how many contacts moved to another week. Audited without the values (V8).
        """
        try:
            clock = Clock(check_day_start(day_start_hour), check_time_zone(time_zone))
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
        if clock == self.store.clock():
            return 0
        with self.store.transaction():
            self.store.set_setting(DAY_START_SETTING, clock.day_start_hour)
            self.store.set_setting(TIME_ZONE_SETTING, clock.time_zone)
            moved = self.store.recompute_nights(clock)
            self.store.audit("setting", "setting", "reporting-day")
        return moved

    # -- shifts -------------------------------------------------------------------------

    def start_shift(
        self, team: str, zones: Sequence[str], staff_ids: Sequence[str], at: datetime
    ) -> Shift:
        for zone in zones:
            self._check("zones", zone, VocabularyKind.ZONE)
        team = team.strip()
        if not team or len(team) > limits.TEAM:
            raise ServiceError(f"Name the team or van (at most {limits.TEAM} characters).")
        shift = Shift(new_id(), at.date(), team, tuple(zones), tuple(staff_ids), at)
        with self.store.transaction():
            if self.store.open_shift() is not None:
                raise ServiceError("A shift is already running; end it before starting another.")
            self.store.insert_shift(shift)
            self.store.audit("create", "shift", shift.id)
        return shift

    def end_shift(self, shift_id: str, at: datetime) -> None:
        with self.store.transaction():
            self.store.end_shift(shift_id, at)
            self.store.audit("edit", "shift", shift_id)

    # -- profiles -----------------------------------------------------------------------

    def token(self, code: str) -> str:
        return code_token(self.store.organisation_secret(), code)

    def find_by_code(self, code: str) -> Profile | None:
        return self.store.profile_by_token(self.token(code))

    def create_profile(self, code: str, at: datetime | None = None) -> Profile:
        """A new person with the code they chose. A code in use is refused without saying whose."""
        token = self.token(code)
        with self.store.transaction():
            if self.store.profile_by_token(token) is not None:
                raise CodeTaken
            profile = self._new_profile(token, at)
        return profile

    def _new_profile(self, token: str, at: datetime | None) -> Profile:
        alias = new_alias(alias_rng(token), self.store.alias_taken)  # the same on every laptop
        profile = Profile(new_id(), alias, at, at)
        self.store.insert_profile(profile, token)
        self.store.audit("create", "profile", profile.id)
        return profile

    def include_in_programme(self, profile_id: str, slug: str, on: date) -> bool:
        """Include a person in a programme from `on` (the first inclusion is the one counted)."""
        with self.store.transaction():
            programme = self.store.programme_by_slug(slug)
            if programme is None:
                raise ServiceError(f"There is no programme '{slug}'.")
            added = self.store.include_in_programme(programme.id, profile_id, on, None)
            if added:
                self.store.audit("edit", "programme-inclusion", profile_id)
        return added

    def set_profile_flags(
        self,
        profile_id: str,
        *,
        wants_exit_support: bool | None = None,
        followup_consent: date | None | bool = False,
    ) -> None:
        with self.store.transaction():
            self.store.update_profile_flags(
                profile_id,
                wants_exit_support=wants_exit_support,
                followup_consent=followup_consent,
            )
            self.store.audit("edit", "profile", profile_id)

    # -- contacts -----------------------------------------------------------------------

    def validate_contact(self, entry: ContactInput) -> None:
        """Vocabulary checks that need the vault; raises UnknownValue naming the field."""
        self._check("zone", entry.zone, VocabularyKind.ZONE)
        self._check("channel", entry.channel, VocabularyKind.CHANNEL)
        self._check("language", entry.language, VocabularyKind.LANGUAGE)
        self._check("origin_region", entry.origin_region, VocabularyKind.ORIGIN_REGION)
        for given in entry.services:
            self._check("services", given.service, VocabularyKind.SERVICE)
        for referral in entry.referrals:
            self._check("referrals", referral.destination, VocabularyKind.DESTINATION)
            ReferralStatus(referral.status)
            if len(referral.area or "") > limits.REFERRAL_AREA:
                raise ServiceError(
                    f"A referral's area is longer than {limits.REFERRAL_AREA} characters "
                    "(field 'referrals')."
                )
            if referral.check_due is not None and entry.code is None:
                raise ServiceError(
                    "Only a referral of a person with a code can have a check planned "
                    "(field 'referrals')."
                )
        if entry.age_band is not None:
            AgeBand(entry.age_band)
        if entry.gender is not None:
            Gender(entry.gender)
        if entry.programme is not None and self.store.programme_by_slug(entry.programme) is None:
            raise ServiceError(f"There is no programme '{entry.programme}' (field 'programme').")
        if entry.code is None and entry.programme is not None:
            raise ServiceError(
                "Only a person with a code can be included in a programme (field 'programme')."
            )

    def save_contact(self, entry: ContactInput, *, confirm_pii: bool = False) -> SaveResult:
        """Save one contact with its services and referrals in a single transaction."""
        self.validate_contact(entry)
        check_referral_areas(entry, confirmed=confirm_pii)
        note = check_free_text("note", entry.note, confirmed=confirm_pii)
        with self.store.transaction():
            return self._insert_contact(entry, note)

    def save_contacts(
        self, entries: Sequence[ContactInput], *, confirm_pii: bool = False
    ) -> list[SaveResult]:
        """Save many contacts all-or-nothing (scripted intake)."""
        notes = []
        for entry in entries:
            self.validate_contact(entry)
            check_referral_areas(entry, confirmed=confirm_pii)
            notes.append(check_free_text("note", entry.note, confirmed=confirm_pii))
        with self.store.transaction():
            return [self._insert_contact(e, n) for e, n in zip(entries, notes, strict=True)]

    def save_intake(
        self, lines: Sequence[tuple[int, ContactInput]], problems: Problems | None = None
    ) -> list[SaveResult]:
        """Scripted intake: every line checked first, then all saved in one transaction.

        Notes that look like personal data are refused here (no one is there to confirm).
        Every bad line is named (with those `problems` that parsing found), and any one
        refuses the whole file.
        """
        from redvan.core.intake import IntakeError, Problems

        notes = []
        problems = problems if problems is not None else Problems()
        for number, entry in lines:
            try:
                self.validate_contact(entry)
                check_referral_areas(entry, confirmed=False)
                notes.append(check_free_text("note", entry.note, confirmed=False))
            except UnknownValue as exc:
                problems.add(
                    IntakeError(
                        number,
                        exc.field,
                        f"'{exc.slug}' is not in the vault's list of values for this field.",
                    )
                )
            except PiiWarning as exc:
                kinds = ", ".join(sorted({f.kind.value for f in exc.findings}))
                problems.add(
                    IntakeError(
                        number,
                        "referrals" if exc.field == "referral area" else "note",
                        f"it looks like personal data ({kinds}); remove it before importing.",
                    )
                )
            except (ServiceError, ValueError) as exc:
                problems.add(IntakeError(number, None, str(exc)))
        problems.raise_any()
        with self.store.transaction():
            return [self._insert_contact(e, n) for (_, e), n in zip(lines, notes, strict=True)]

    def _insert_contact(self, entry: ContactInput, note: str | None) -> SaveResult:
        shift_id = entry.shift_id
        if shift_id is None:
            running = self.store.open_shift()
            shift_id = running.id if running is not None else None
        # The vault's clock files the contact: wall-clock time in its zone, on its night.
        clock = self.store.clock()
        entry = replace(entry, time=clock.wall(entry.time).replace(second=0, microsecond=0))
        profile: Profile | None = None
        new_profile = False
        if entry.code is not None:
            token = self.token(entry.code)
            profile = self.store.profile_by_token(token)
            if profile is None:
                profile = self._new_profile(token, entry.time)
                new_profile = True
            self.store.touch_profile(
                profile.id,
                entry.time,
                age_band=entry.age_band,
                gender=entry.gender,
                origin_region=entry.origin_region,
                language=entry.language,
            )
        night = clock.night(entry.time)
        week = str(IsoWeek.of(night))
        contact = Contact(
            id=new_record_id(),
            time=entry.time,
            week=week,
            shift_id=shift_id,
            profile_id=profile.id if profile else None,
            zone=entry.zone,
            channel=entry.channel,
            age_band=entry.age_band or (profile.age_band if profile else AgeBand.UNKNOWN.value),
            gender=entry.gender or (profile.gender if profile else Gender.UNKNOWN.value),
            language=entry.language,
            services=entry.services,
            note=note,
        )
        self.store.insert_contact(contact, self.store.staff_id)
        self.store.audit("create", "contact", contact.id)
        referral_ids = []
        for ref in entry.referrals:
            referral_id = new_record_id()
            self.store.insert_referral(
                referral_id,
                contact.id,
                contact.profile_id,
                ref.destination,
                ref.area,
                ref.status,
                week,
                entry.time,
            )
            self.store.audit("create", "referral", referral_id)
            referral_ids.append(referral_id)
            if ref.check_due is not None and profile is not None:
                check = FollowUp(
                    new_id(),
                    profile.id,
                    FollowUpType.REFERRAL_CHECK.value,
                    ref.check_due,
                    self.store.staff_id,
                    referral_id=referral_id,
                )
                self.store.insert_followup(check)
                self.store.link_referral_followup(referral_id, check.id)
                self.store.audit("create", "followup", check.id)
        if entry.programme is not None and profile is not None:
            programme = self.store.programme_by_slug(entry.programme)
            if programme is not None and self.store.include_in_programme(
                programme.id, profile.id, night, contact.id
            ):
                self.store.audit("edit", "programme-inclusion", profile.id)
        if entry.code is not None and profile is not None:
            self._remember_programme_tokens(profile.id, entry.code)
        return SaveResult(
            contact.id,
            contact.profile_id,
            profile.alias if profile else None,
            new_profile,
            referral_ids,
        )

    def _remember_programme_tokens(self, profile_id: str, code: str) -> None:
        """For programmes shared with partner organisations (O4): the person's token under the
        programme's key, made now while the code is at hand (the vault never keeps a code)."""
        keys = self.store.get_setting("programme_keys")
        if not keys:
            return
        for slug, key in sorted(keys.items()):
            programme = self.store.programme_by_slug(slug)
            if programme is not None:
                token = code_token(bytes.fromhex(key), code)
                self.store.remember_programme_token(programme.id, profile_id, token)

    def undo_contact(self, result: SaveResult) -> None:
        """Take back a contact just saved (the short undo after Ctrl+Enter)."""
        with self.store.transaction():
            self.store.remove_inclusions_by_contact(result.contact_id)
            if self.store.delete_contact(result.contact_id) is None:
                raise ServiceError("That contact no longer exists.")
            self.store.audit("undo", "contact", result.contact_id)
            if result.new_profile and result.profile_id is not None:
                if self.store.delete_profile_if_unused(result.profile_id):
                    self.store.audit("undo", "profile", result.profile_id)

    def correct_contact(
        self,
        contact_id: str,
        *,
        time: datetime,
        zone: str | None,
        channel: str | None,
        services: Sequence[ServiceGiven],
        note: str | None,
        confirm_pii: bool = False,
    ) -> Contact:
        """Correct a past contact (time, zone, channel, services, note); audited as an edit.

        The note passes the PII guard as on entry. The person's first and last seen follow
        the new time, and every tally reads the corrected record.
        """
        old = self.store.contact_by_id(contact_id)
        if old is None:
            raise ServiceError("That contact no longer exists.")
        # A value retired since may stay on the contact that has it; a new one must be active.
        if zone != old.zone:
            self._check("zone", zone, VocabularyKind.ZONE)
        if channel != old.channel:
            self._check("channel", channel, VocabularyKind.CHANNEL)
        had = {g.service for g in old.services}
        for given in services:
            if given.service not in had:
                self._check("services", given.service, VocabularyKind.SERVICE)
            if given.quantity < 1:
                raise ServiceError("A quantity must be a whole number above 0.")
        checked = check_free_text("note", note, confirmed=confirm_pii)
        # Filed by the vault's clock as on entry: wall-clock time, the week of its night.
        clock = self.store.clock()
        time = clock.wall(time).replace(second=0, microsecond=0)
        contact = replace(
            old,
            time=time,
            week=str(IsoWeek.of(clock.night(time))),
            zone=zone,
            channel=channel,
            services=tuple(services),
            note=checked,
        )
        with self.store.transaction():
            self.store.update_contact(contact)
            self.store.audit("edit", "contact", contact_id)
            if contact.profile_id is not None:
                self.store.reseen_profile(contact.profile_id)
        return contact

    def void_contact(self, contact_id: str) -> Contact:
        """Remove a past contact recorded by mistake, with its services, referrals and any
        programme inclusion it made; audited as a deletion. The person stays (their first
        and last seen follow the contacts left)."""
        with self.store.transaction():
            self.store.remove_inclusions_by_contact(contact_id)
            contact = self.store.delete_contact(contact_id)
            if contact is None:
                raise ServiceError("That contact no longer exists.")
            self.store.audit("delete", "contact", contact_id)
            if contact.profile_id is not None:
                self.store.reseen_profile(contact.profile_id)
        return contact

    # -- programmes ---------------------------------------------------------------------

    def save_programme(
        self,
        slug: str,
        name: str,
        first: IsoWeek,
        last: IsoWeek,
        target: int,
        inclusion_rule: str = "",
    ) -> Programme:
        if not is_valid_slug(slug):
            raise ServiceError("A programme slug may hold only lower-case letters, digits and '-'.")
        name = name.strip()
        if not name or len(name) > limits.PROGRAMME_NAME:
            raise ServiceError(
                f"A programme needs a name of at most {limits.PROGRAMME_NAME} characters."
            )
        if last < first:
            raise ServiceError("A programme's last week cannot come before its first week.")
        if not 1 <= target <= 10_000_000:
            raise ServiceError("A programme's target must be a whole number of persons above 0.")
        with self.store.transaction():
            existing = self.store.programme_by_slug(slug)
            programme = Programme(
                existing.id if existing else new_id(),
                slug,
                name,
                str(first),
                str(last),
                target,
                inclusion_rule.strip(),
            )
            self.store.upsert_programme(programme)
            self.store.audit("edit" if existing else "create", "programme", programme.id)
        return programme

    # -- follow-ups and referrals -------------------------------------------------------

    def add_followup(
        self,
        profile_id: str,
        type_: FollowUpType,
        due: date,
        assigned_staff_id: str | None,
        referral_id: str | None = None,
    ) -> FollowUp:
        followup = FollowUp(
            new_id(), profile_id, type_.value, due, assigned_staff_id, referral_id=referral_id
        )
        with self.store.transaction():
            if self.store.profile_by_id(profile_id) is None:
                raise ServiceError("A follow-up needs a person (profile) that exists.")
            self.store.insert_followup(followup)
            if referral_id is not None:
                self.store.link_referral_followup(referral_id, followup.id)
            self.store.audit("create", "followup", followup.id)
        return followup

    def close_followup(
        self,
        followup_id: str,
        status: FollowUpStatus,
        outcome: str | None,
        at: datetime,
        *,
        confirm_pii: bool = False,
    ) -> None:
        if status is FollowUpStatus.OPEN:
            raise ServiceError("Choose done, missed or cancelled to close a follow-up.")
        text = check_free_text("outcome", outcome, confirmed=confirm_pii)
        with self.store.transaction():
            self.store.close_followup(followup_id, status.value, text, at)
            self.store.audit("edit", "followup", followup_id)

    def set_referral_status(self, referral_id: str, status: ReferralStatus, at: datetime) -> None:
        with self.store.transaction():
            self.store.set_referral_status(referral_id, status.value, at)
            self.store.audit("edit", "referral", referral_id)

    # -- incidents ----------------------------------------------------------------------

    def record_incident(
        self,
        on: date,
        zone: str | None,
        types: Sequence[IncidentType],
        tier: ConsentTier,
        police: PoliceReport,
        support: Sequence[str] = (),
        description: str | None = None,
        *,
        confirm_pii: bool = False,
        profile_id: str | None = None,
    ) -> Incident:
        incident = self._incident(
            new_id(), on, zone, types, tier, police, support, description, confirm_pii, profile_id
        )
        with self.store.transaction():
            self._check_incident_profile(profile_id)
            self.store.insert_incident(incident, self.store.staff_id)
            self.store.audit("create", "incident", incident.id)
        return incident

    def edit_incident(
        self,
        incident_id: str,
        on: date,
        zone: str | None,
        types: Sequence[IncidentType],
        tier: ConsentTier,
        police: PoliceReport,
        support: Sequence[str] = (),
        description: str | None = None,
        *,
        confirm_pii: bool = False,
        profile_id: str | None = None,
    ) -> Incident:
        """Change a recorded incident; the edit is audited (never its values)."""
        incident = self._incident(
            incident_id,
            on,
            zone,
            types,
            tier,
            police,
            support,
            description,
            confirm_pii,
            profile_id,
        )
        with self.store.transaction():
            if self.store.incident_by_id(incident_id) is None:
                raise ServiceError("That incident no longer exists.")
            self._check_incident_profile(profile_id)
            self.store.update_incident(incident)
            self.store.audit("edit", "incident", incident_id)
        return incident

    def _incident(
        self,
        incident_id: str,
        on: date,
        zone: str | None,
        types: Sequence[IncidentType],
        tier: ConsentTier,
        police: PoliceReport,
        support: Sequence[str],
        description: str | None,
        confirm_pii: bool,
        profile_id: str | None,
    ) -> Incident:
        if not types:
            raise ServiceError("Choose at least one type of incident.")
        self._check("zone", zone, VocabularyKind.ZONE)
        for service in support:
            self._check("support", service, VocabularyKind.SERVICE)
        text = check_free_text("description", description, confirmed=confirm_pii)
        return Incident(
            incident_id,
            on,
            str(IsoWeek.of(on)),
            zone,
            tuple(sorted({IncidentType(t).value for t in types})),  # as the vault gives them back
            ConsentTier(tier).value,
            PoliceReport(police).value,
            tuple(sorted(set(support))),
            text,
            profile_id,
        )

    def _check_incident_profile(self, profile_id: str | None) -> None:
        if profile_id is not None and self.store.profile_by_id(profile_id) is None:
            raise ServiceError("An incident can only be linked to a person (profile) that exists.")

    def incidents_for_export(
        self, kind: IncidentExport, first: IsoWeek, last: IsoWeek
    ) -> list[Incident]:
        """The incidents of the weeks whose consent tier allows this output (R5), oldest first."""
        tier = TIER_FOR_EXPORT[kind]
        found = self.store.find_incidents(
            first_day=first.monday(), last_day=last.sunday(), tiers=(tier.value,)
        )
        return sorted((i for i in found if allowed(kind, i)), key=lambda i: (i.date, i.id))

    def incident_sheet(
        self,
        kind: IncidentExport,
        first: IsoWeek,
        last: IsoWeek,
        *,
        reviewed: Mapping[str, str] | None = None,
    ) -> IncidentSheet:
        """An alert sheet or police report, ready to print; nothing is stored yet.

        `reviewed` maps incident ids to the text the coordinator confirmed (the app's review
        step); None means no review (the command line). Police references are drawn here and
        stored only by `record_incident_export`, once the file is written.
        """
        incidents = self.incidents_for_export(kind, first, last)
        references: dict[str, str] = {}
        if kind is IncidentExport.POLICE:
            taken: set[str] = set()
            for incident in incidents:
                reference = new_reference(self._rng)
                while reference in taken or self.store.police_reference_incident(reference):
                    reference = new_reference(self._rng)
                taken.add(reference)
                references[incident.id] = reference
        zones = {e.slug: e for e in self.store.vocabulary(VocabularyKind.ZONE)}
        return build_sheet(
            kind,
            incidents,
            first,
            last,
            export_id=new_id(),
            zones=zones,
            reviewed=reviewed,
            references=references,
        )

    def record_incident_export(self, sheet: IncidentSheet) -> None:
        """After the file is written: keep the police references and audit the export."""
        with self.store.transaction():
            for entry in sheet.entries:
                if entry.reference is not None:
                    self.store.insert_police_reference(
                        entry.reference, entry.incident_id, sheet.export_id
                    )
            self.store.audit("export", AUDIT_ENTITY[sheet.kind], sheet.export_id)

    def incident_by_police_reference(self, text: str) -> Incident | None:
        """The incident a police reference was handed out for (the organisation's look-up)."""
        reference = parse_reference(text)
        if reference is None:
            return None
        incident_id = self.store.police_reference_incident(reference)
        return self.store.incident_by_id(incident_id) if incident_id else None

    # -- the referral network -------------------------------------------------------------

    def save_partner_organisation(self, partner: PartnerOrganisation) -> PartnerOrganisation:
        """How to reach a partner organisation (areas, address, phone, hours); audited."""
        if partner.slug not in {e.slug for e in self.store.vocabulary(VocabularyKind.DESTINATION)}:
            raise ServiceError(f"'{partner.slug}' is not in the list of partner organisations.")
        try:
            partner = clean_partner(partner)
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
        with self.store.transaction():
            self.store.upsert_partner_organisation(partner)
            self.store.audit("edit", "partner-organisation", partner.slug)
        return partner

    def referral_completion(self, first: IsoWeek, last: IsoWeek) -> list[CompletionRate]:
        """Completion rate per destination for the referrals made from `first` to `last`."""
        if last < first:
            raise ServiceError(f"The last week {last} comes before the first week {first}.")
        referrals = self.store.find_referrals(
            created_from=datetime.combine(first.monday(), datetime.min.time()),
            created_before=datetime.combine(last.sunday() + timedelta(days=1), datetime.min.time()),
        )
        return completion_rates(referrals, first, last)

    # -- reports (R1-R3) ----------------------------------------------------------------

    def tally(self, first: IsoWeek, last: IsoWeek) -> Tally:
        """The exact tally of weeks first..last (publish it only through disclosure.disclose)."""
        return compute_tally(self.store, first, last, self.setting("suppression_threshold"))

    def programme_reach(self, today: date | datetime) -> list[Reach]:
        """Reach this week of every programme running this week (the Tonight warning).

        ``today`` is a night, or a moment whose night the vault's clock works out (01:30 on a
        Monday is still Sunday's night, so the week before)."""
        week = self.clock().week(today) if isinstance(today, datetime) else IsoWeek.of(today)
        running = [
            p
            for p in self.store.programmes()
            if IsoWeek.parse(p.first_week) <= week <= IsoWeek.parse(p.last_week)
        ]
        if not running:
            return []
        days: dict[str, list[tuple[date, int]]] = {}
        for programme_id, day, n in self.store.inclusion_counts(week.sunday()):
            days.setdefault(programme_id, []).append((day, n))
        threshold = self.setting("suppression_threshold")
        found = (programme_reach(p, days.get(p.id, []), week, threshold) for p in running)
        return [r for r in found if r is not None]

    def record_export(self, what: str, first: IsoWeek, last: IsoWeek) -> None:
        """An export leaves the vault: one audit event naming what and which weeks (V8)."""
        with self.store.transaction():
            self.store.audit("export", what, f"{first}..{last}")

    # -- retention ----------------------------------------------------------------------

    def purge(self, now: datetime) -> list[PurgeRecord]:
        """Apply the retention periods (V9); every purge leaves a PII-free record."""
        note_days = self.setting("note_retention_days")
        profile_days = self.setting("profile_retention_days")
        records = []
        with self.store.transaction():
            note_cutoff = now - timedelta(days=note_days)
            for kind, count in self.store.purge_free_text(note_cutoff).items():
                if count:
                    records.append(
                        PurgeRecord(
                            now.isoformat(timespec="seconds"),
                            kind,
                            count,
                            note_cutoff.isoformat(timespec="seconds"),
                        )
                    )
            profile_cutoff = now - timedelta(days=profile_days)
            detached = self.store.detach_profiles(profile_cutoff, now)
            if detached:
                records.append(
                    PurgeRecord(
                        now.isoformat(timespec="seconds"),
                        "profile-code",
                        detached,
                        profile_cutoff.isoformat(timespec="seconds"),
                    )
                )
            for record in records:
                self.store.add_purge_record(record)
                self.store.audit("purge", record.kind, None)
        return records
