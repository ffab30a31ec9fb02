"""Realistic, made-up outreach data for demos, tests and benchmarks (`redvan demo`).

Every value comes from a seeded random generator: the same seed, weeks, vans and end week give
the same vault contents. Shapes follow the field: a few nights a week per van, 10–30 short
meetings a night, about 60 % of them with a code, regulars and newcomers, a mix of services
and referrals, follow-ups, some incidents, and an EXIT-style programme that is behind target.
"""

from __future__ import annotations

import random
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from redvan.core.codes import code_token, new_alias
from redvan.core.enums import Role
from redvan.core.ids import RANDOM_BITS, epoch_ms, time_ordered_id
from redvan.core.ports import Store
from redvan.core.services import Services
from redvan.core.weeks import IsoWeek

Progress = Callable[[int, int], None]

_FLUSH_EVERY = 20_000
# Bumped when what `redvan demo` makes changes (the bench rebuilds its reference vault):
# 2 = time-ordered ids for contacts, referrals, shifts, persons and follow-ups.
GENERATOR_VERSION = 3

_AGE = (
    ("under-18", 0.5),
    ("18-24", 18),
    ("25-34", 38),
    ("35-44", 24),
    ("45-54", 11),
    ("55-plus", 3.5),
    ("unknown", 5),
)
_GENDER = (
    ("woman", 80),
    ("trans-woman", 9),
    ("man", 6),
    ("non-binary", 1),
    ("trans-man", 0.5),
    ("unknown", 3.5),
)
# (language, origin region, weight)
_ORIGINS = (
    ("ro", "eastern-europe", 24),
    ("da", "denmark", 18),
    ("th", "southeast-asia", 11),
    ("bg", "eastern-europe", 10),
    ("en", "west-africa", 6),
    ("pcm", "west-africa", 9),
    ("es", "latin-america", 7),
    ("hu", "eastern-europe", 5),
    ("pl", "eastern-europe", 3),
    ("en", "other-europe", 3),
    ("zh", "other-asia", 2),
    ("tl", "southeast-asia", 2),
)
_CHANNEL = (
    ("street", 55),
    ("van", 25),
    ("venue-visit", 8),
    ("online", 7),
    ("phone", 3),
    ("drop-in", 2),
)
# service, probability per contact, (min, max) quantity or None
_SERVICES = (
    ("condoms", 0.70, (5, 30)),
    ("lubricant", 0.40, (1, 5)),
    ("coffee-food", 0.55, (1, 3)),
    ("conversation", 0.60, None),
    ("sti-hiv-test-referral", 0.04, None),
    ("health-clinic", 0.05, None),
    ("housing-advice", 0.03, None),
    ("employment-advice", 0.02, None),
    ("substance-use-referral", 0.02, None),
    ("legal-advice", 0.02, None),
    ("debt-tax-advice", 0.015, None),
    ("residence-advice", 0.03, None),
    ("exit-conversation", 0.03, None),
    ("exit-plan", 0.005, None),
    ("group-course", 0.005, None),
    ("accompaniment", 0.01, None),
    ("home-visit", 0.004, None),
    ("bisidning", 0.004, None),
    ("crime-report-support", 0.003, None),
)
_DESTINATIONS = (
    "reden",
    "reden-international",
    "kompasset",
    "social-centre",
    "jobcenter",
    "legal-aid",
    "debt-counselling",
    "checkpoint",
    "sti-clinic",
    "substance-use-centre",
    "crisis-centre",
)
_REFERRAL_STATUS = (
    ("attended", 40),
    ("referred", 25),
    ("accompanied", 15),
    ("declined", 8),
    ("no-show", 8),
    ("unavailable", 4),
)
_INCIDENT_TYPES = (
    ("physical-violence", 30),
    ("threats-harassment", 30),
    ("robbery-theft", 20),
    ("sexual-violence", 10),
    ("exploitation-indicators", 5),
    ("police-misconduct", 3),
    ("other", 2),
)
_TIERS = (
    ("record-only", 35),
    ("warn-workers", 35),
    ("statistics-only", 20),
    ("police-anonymous", 10),
)
_POLICE = (("no", 70), ("yes", 15), ("wants-help", 15))
# Notes as staff write them: short, practical, and with nothing that identifies anyone.
_NOTES = (
    "Asked about the health clinic opening hours.",
    "Cold tonight, took extra coffee.",
    "Wants to talk about housing next week.",
    "Spurgte til åbningstider i sundhedsrummet.",
    "Vil gerne tale om bolig i næste uge.",
    "New in Copenhagen, gave a leaflet in Romanian.",
    "Talked about tax; will come to drop-in.",
    "Tired, short contact.",
    "Ønsker følgeskab til lægen.",
    "Interested in the group course.",
)


# What staff write about an incident: what happened and where, never who.
_INCIDENT_TEXTS = (
    "A buyer in a dark car refused to pay and pushed her out at the corner.",
    "Two men followed women from the station and shouted threats.",
    "Phone and the night's money taken by a man posing as a buyer.",
    "En mand i en grå varevogn nægtede at betale og truede med kniv.",
    "Køberen tog kondomet af uden samtykke; hun fik hjælp til test.",
    "Police officers asked for papers in a rough way and took photos.",
    "Someone is offering rooms and then keeps the passports.",
    "Chikane fra en gruppe unge mænd ved Halmtorvet sent på aftenen.",
)


@dataclass(frozen=True)
class DemoPlan:
    weeks: int = 26
    seed: int = 1
    vans: int = 1
    last_week: IsoWeek | None = None  # default: the current week

    @property
    def end(self) -> IsoWeek:
        return self.last_week or IsoWeek.of(date.today())


def _at(when: datetime) -> str:
    """An audit time as the app writes it (UTC, milliseconds); demo times count as UTC."""
    return when.replace(tzinfo=UTC).isoformat(timespec="milliseconds")


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


@dataclass
class _Person:
    id: str
    age_band: str
    gender: str
    language: str
    origin: str
    wants_exit: bool
    first: datetime | None = None
    last: datetime | None = None


@dataclass
class _Rows:
    profiles: list[tuple[object, ...]] = field(default_factory=list)
    languages: list[tuple[object, ...]] = field(default_factory=list)
    shifts: list[tuple[object, ...]] = field(default_factory=list)
    shift_zones: list[tuple[object, ...]] = field(default_factory=list)
    shift_staff: list[tuple[object, ...]] = field(default_factory=list)
    contacts: list[tuple[object, ...]] = field(default_factory=list)
    services: list[tuple[object, ...]] = field(default_factory=list)
    referrals: list[tuple[object, ...]] = field(default_factory=list)
    followups: list[tuple[object, ...]] = field(default_factory=list)
    incidents: list[tuple[object, ...]] = field(default_factory=list)
    incident_types: list[tuple[object, ...]] = field(default_factory=list)
    inclusions: list[tuple[object, ...]] = field(default_factory=list)
    # (time, staff id, action, entity, entity id): what the app would have logged
    audit: list[tuple[str, str | None, str, str, str | None]] = field(default_factory=list)


_COLUMNS = {
    "profiles": (
        "profile",
        (
            "id",
            "code_token",
            "alias",
            "age_band",
            "gender",
            "origin_region",
            "wants_exit_support",
            "created_at",
        ),
    ),
    "languages": ("profile_language", ("profile_id", "language")),
    "shifts": ("shift", ("id", "date", "team", "started_at", "ended_at")),
    "shift_zones": ("shift_zone", ("shift_id", "zone")),
    "shift_staff": ("shift_staff", ("shift_id", "staff_id")),
    "contacts": (
        "contact",
        (
            "id",
            "shift_id",
            "profile_id",
            "time",
            "week",
            "zone",
            "channel",
            "age_band",
            "gender",
            "language",
            "note",
            "created_by",
            "created_at",
        ),
    ),
    "services": ("contact_service", ("contact_id", "service", "quantity")),
    "referrals": (
        "referral",
        (
            "id",
            "contact_id",
            "profile_id",
            "destination",
            "status",
            "week",
            "created_at",
            "updated_at",
            "followup_id",
        ),
    ),
    "followups": (
        "followup",
        (
            "id",
            "profile_id",
            "type",
            "due",
            "assigned_staff_id",
            "status",
            "created_at",
            "closed_at",
        ),
    ),
    "incidents": (
        "incident",
        (
            "id",
            "date",
            "week",
            "zone",
            "consent_tier",
            "reported_to_police",
            "created_by",
            "created_at",
            "description",
        ),
    ),
    "incident_types": ("incident_type", ("incident_id", "type")),
    "inclusions": (
        "programme_inclusion",
        ("programme_id", "profile_id", "included_on", "contact_id"),
    ),
}
# Parents before children, so foreign keys hold at every flush.
_ORDER = (
    "profiles",
    "languages",
    "shifts",
    "shift_zones",
    "shift_staff",
    "contacts",
    "services",
    "followups",
    "referrals",
    "incidents",
    "incident_types",
    "inclusions",
)


class _Generator:
    def __init__(self, store: Store, plan: DemoPlan, progress: Progress | None) -> None:
        self.store = store
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.text_rng = random.Random(plan.seed + 1_000_003)
        self.progress = progress
        self.rows = _Rows()
        self.secret = store.organisation_secret()
        self.aliases: set[str] = set()
        self.people: list[_Person] = []
        self.counts = {
            "contacts": 0,
            "persons": 0,
            "referrals": 0,
            "follow-ups": 0,
            "incidents": 0,
            "shifts": 0,
        }
        self.today = datetime.combine(plan.end.sunday(), datetime.min.time())
        self.created = self.today.isoformat(timespec="seconds")

    def uid(self, at: datetime | None = None) -> str:
        """A random id, or with `at` a time-ordered one, so a week's rows lie together as
        they do in a vault filled day by day (see core.ids). Always 128 bits from the seed."""
        bits = self.rng.getrandbits(128)
        if at is None:
            return str(uuid.UUID(int=bits, version=4))
        return time_ordered_id(epoch_ms(at), bits & ((1 << RANDOM_BITS) - 1))

    def flush(self) -> None:
        with self.store.transaction():
            for name in _ORDER:
                batch = getattr(self.rows, name)
                if batch:
                    table, columns = _COLUMNS[name]
                    self.store.bulk_insert(table, columns, batch)
                    batch.clear()
            # Weeks are flushed whole, so sorting a flush keeps the whole log in time order.
            self.rows.audit.sort(key=lambda event: event[0])
            self.store.bulk_audit(self.rows.audit)
            self.rows.audit.clear()

    def new_person(self, at: datetime) -> _Person:
        number = len(self.people) + 1
        language, origin, _ = self.rng.choices(_ORIGINS, weights=[w for *_, w in _ORIGINS])[0]
        person = _Person(
            id=self.uid(at),
            age_band=_pick(self.rng, _AGE),
            gender=_pick(self.rng, _GENDER),
            language=language,
            origin=origin,
            wants_exit=self.rng.random() < 0.08,
        )
        alias = new_alias(self.rng, self.aliases.__contains__)
        self.aliases.add(alias)
        token = code_token(self.secret, f"D{number:04d}")
        self.rows.profiles.append(
            (
                person.id,
                token,
                alias,
                person.age_band,
                person.gender,
                person.origin,
                int(person.wants_exit),
                self.created,
            )
        )
        self.rows.languages.append((person.id, language))
        self.people.append(person)
        return person

    def run(self) -> dict[str, int]:
        rng, plan = self.rng, self.plan
        staff = []
        for name in ("AK", "MJ", "SL", "TN", "FH", "RB")[: 2 + 2 * min(plan.vans, 2)]:
            staff.append(self._staff(name))
        programme_id = self._programme()
        zones = [
            "istedgade",
            "vesterbro",
            "hovedbanegaarden",
            "kodbyen",
            "sydhavnen",
            "norrebro",
            "amager",
            "massage-clinics",
            "online",
        ]
        vans: list[tuple[str, list[str], deque[_Person], list[_Person]]] = []
        for van in range(plan.vans):
            home = rng.sample(zones, 3)
            vans.append((f"Van {van + 1}", home, deque(maxlen=250), []))
        weeks = [plan.end + (i - plan.weeks + 1) for i in range(plan.weeks)]
        total = int(plan.weeks * plan.vans * 4 * 20)
        for week in weeks:
            for team, home, recent, regulars in vans:
                nights = sorted(rng.sample(range(7), rng.randint(3, 5)))
                for day in nights:
                    night = datetime.combine(
                        week.monday() + timedelta(days=day), datetime.min.time()
                    )
                    self._night(team, home, recent, regulars, night, staff, programme_id)
                if rng.random() < 0.6:
                    self._incident(week, home, staff)
                if len(self.rows.contacts) >= _FLUSH_EVERY:
                    self.flush()
                    if self.progress:
                        self.progress(self.counts["contacts"], max(total, self.counts["contacts"]))
        self.flush()
        self._seen_dates()
        with self.store.transaction():
            self.store.audit("import", "demo", None)
        if self.progress:
            self.progress(self.counts["contacts"], self.counts["contacts"])
        return self.counts

    def _staff(self, name: str) -> str:
        from redvan.core.model import Staff

        existing = {s.display_name: s.id for s in self.store.list_staff()}
        if name in existing:
            return existing[name]
        member = Staff(self.uid(), name, Role.OUTREACH.value)
        with self.store.transaction():
            self.store.add_staff(member)
        return member.id

    def _programme(self) -> str:
        from redvan.core.model import Programme

        plan = self.plan
        first = plan.end + (1 - plan.weeks)
        # Like the programme in the memo: a target it is on course to miss.
        target = max(20, round(465 * plan.vans * plan.weeks / 156))
        programme = Programme(
            self.uid(),
            "exit",
            "EXIT programme",
            str(first),
            str(plan.end + max(4, plan.weeks // 3)),
            target,
            "A person with a code who wants exit support and agrees.",
        )
        with self.store.transaction():
            self.store.upsert_programme(programme)
        return programme.id

    def _night(
        self,
        team: str,
        home: list[str],
        recent: deque[_Person],
        regulars: list[_Person],
        night: datetime,
        staff: list[str],
        programme_id: str,
    ) -> None:
        rng, rows = self.rng, self.rows
        week = week_of = str(IsoWeek.of(night))
        start = night + timedelta(hours=21)
        shift_id = self.uid(start)
        rows.shifts.append(
            (
                shift_id,
                night.date().isoformat(),
                team,
                start.isoformat(timespec="minutes"),
                (start + timedelta(hours=4)).isoformat(timespec="minutes"),
            )
        )
        for zone in home:
            rows.shift_zones.append((shift_id, zone))
        crew = rng.sample(staff, 2)
        for member in crew:
            rows.shift_staff.append((shift_id, member))
        # The log of a night as the app writes it: unlock, the shift, each save, then the
        # lock with its automatic backup and the week's report export on Sunday nights.
        end = start + timedelta(hours=4, minutes=10)
        rows.audit.append((_at(start - timedelta(minutes=5)), crew[0], "unlock", "vault", None))
        rows.audit.append((_at(start), crew[0], "create", "shift", shift_id))
        rows.audit.append((_at(end), crew[0], "lock", "vault", None))
        rows.audit.append((_at(end + timedelta(seconds=2)), crew[0], "backup", "vault", None))
        if night.weekday() == 6:
            rows.audit.append(
                (_at(end - timedelta(minutes=3)), crew[0], "export", "tally", week_of)
            )
        self.counts["shifts"] += 1
        for _ in range(rng.randint(10, 30)):
            when = start + timedelta(minutes=rng.randint(0, 239))
            contact_id = self.uid(when)
            person: _Person | None = None
            fresh = False
            if rng.random() < 0.6:
                person = self._someone(recent, regulars, when)
                fresh = person.first is None
                if person.first is None:
                    person.first = when
                person.last = when
                age, gender, language = person.age_band, person.gender, person.language
            else:
                age = _pick(rng, _AGE) if rng.random() < 0.5 else "unknown"
                gender = _pick(rng, _GENDER) if rng.random() < 0.8 else "unknown"
                language = None
            stamp = when.isoformat(timespec="minutes")
            note = rng.choice(_NOTES) if rng.random() < 0.04 else None
            rows.contacts.append(
                (
                    contact_id,
                    shift_id,
                    person.id if person else None,
                    stamp,
                    week,
                    rng.choice(home),
                    _pick(rng, _CHANNEL),
                    age,
                    gender,
                    language,
                    note,
                    rng.choice(staff),
                    stamp,
                )
            )
            saved_by = str(rows.contacts[-1][11])
            if fresh and person is not None:
                rows.audit.append((_at(when), saved_by, "create", "profile", str(person.id)))
            rows.audit.append((_at(when), saved_by, "create", "contact", contact_id))
            for service, chance, quantity in _SERVICES:
                if rng.random() < chance:
                    amount = rng.randint(*quantity) if quantity else 1
                    rows.services.append((contact_id, service, amount))
            if rng.random() < 0.06:
                self._referral(contact_id, person, week, when, staff)
                referral_id, followup_id = rows.referrals[-1][0], rows.referrals[-1][8]
                rows.audit.append((_at(when), saved_by, "create", "referral", str(referral_id)))
                if followup_id is not None:
                    rows.audit.append((_at(when), saved_by, "create", "followup", str(followup_id)))
            if person is not None and person.wants_exit and rng.random() < 0.3:
                rows.inclusions.append(
                    (programme_id, person.id, when.date().isoformat(), contact_id)
                )
                person.wants_exit = False  # included once
            self.counts["contacts"] += 1

    def _someone(self, recent: deque[_Person], regulars: list[_Person], when: datetime) -> _Person:
        rng = self.rng
        roll = rng.random()
        if regulars and roll < 0.35:
            return rng.choice(regulars)
        if recent and roll < 0.35 + 0.5 * min(1.0, len(recent) / 120):
            return rng.choice(recent)
        person = self.new_person(when)
        self.counts["persons"] += 1
        recent.append(person)
        if rng.random() < 0.15:
            regulars.append(person)
            if len(regulars) > 40:
                regulars.pop(0)
        return person

    def _referral(
        self, contact_id: str, person: _Person | None, week: str, when: datetime, staff: list[str]
    ) -> None:
        rng, rows = self.rng, self.rows
        stamp = when.isoformat(timespec="minutes")
        followup_id = None
        if person is not None and rng.random() < 0.5:
            followup_id = self.uid(when)
            due = when.date() + timedelta(days=rng.randint(3, 14))
            status = "open"
            closed = None
            if due < self.today.date():
                status = rng.choices(("done", "missed", "cancelled", "open"), (65, 20, 7, 8))[0]
                closed = None if status == "open" else f"{due.isoformat()}T12:00"
            kind = rng.choices(
                ("referral-check", "accompaniment", "bisidning", "call-back"), (60, 20, 10, 10)
            )[0]
            rows.followups.append(
                (
                    followup_id,
                    person.id,
                    kind,
                    due.isoformat(),
                    rng.choice(staff),
                    status,
                    stamp,
                    closed,
                )
            )
            self.counts["follow-ups"] += 1
        rows.referrals.append(
            (
                self.uid(when),
                contact_id,
                person.id if person else None,
                rng.choice(_DESTINATIONS),
                _pick(rng, _REFERRAL_STATUS),
                week,
                stamp,
                stamp,
                followup_id,
            )
        )
        self.counts["referrals"] += 1

    def _incident(self, week: IsoWeek, home: list[str], staff: list[str]) -> None:
        rng, rows = self.rng, self.rows
        incident_id = self.uid()
        day = week.monday() + timedelta(days=rng.randint(0, 6))
        rows.incidents.append(
            (
                incident_id,
                day.isoformat(),
                str(week),
                rng.choice(home),
                _pick(rng, _TIERS),
                _pick(rng, _POLICE),
                rng.choice(staff),
                f"{day.isoformat()}T23:00",
                # Its own generator, so the rest of a seed's data stays as it was.
                self.text_rng.choice(_INCIDENT_TEXTS) if self.text_rng.random() < 0.7 else None,
            )
        )
        self.rows.audit.append(
            (
                _at(datetime.combine(day, datetime.min.time()) + timedelta(hours=23, minutes=30)),
                str(self.rows.incidents[-1][6]),
                "create",
                "incident",
                incident_id,
            )
        )
        types = {_pick(rng, _INCIDENT_TYPES) for _ in range(rng.choice((1, 1, 1, 2)))}
        for kind in sorted(types):
            rows.incident_types.append((incident_id, kind))
        self.counts["incidents"] += 1

    def _seen_dates(self) -> None:
        updates = [
            (p.first.isoformat(timespec="minutes"), p.last.isoformat(timespec="minutes"), p.id)
            for p in self.people
            if p.first and p.last
        ]
        self.store.bulk_update_seen(updates)


def generate(
    services: Services, plan: DemoPlan, progress: Progress | None = None
) -> dict[str, int]:
    """Fill the vault behind `services` with demo data; returns what was made."""
    return _Generator(services.store, plan, progress).run()
