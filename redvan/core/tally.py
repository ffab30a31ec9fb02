"""The tally (R1): what a team did in one ISO week or a range of weeks, as exact counts.

This is the one computation behind every figure that leaves the vault: the Reports screen, the
command line, the PDF, the CSV and (later) the sync packages all call :func:`compute_tally`.
Storage hands over aggregate rows only (:class:`TallyRows`, counted with SQL ``GROUP BY`` on the
indexed ``week`` columns); the figures are put together here in plain Python.

Every breakdown is a one-dimensional marginal — contacts by channel, by zone, by age band … —
never a cross-table of person attributes (SPEC R1). Each :class:`Table` says how its cells
relate to the totals, because disclosure control (:mod:`redvan.core.disclosure`) must know every
equation a reader can use:

* ``PARTITION`` — the cells add up to the group's total (contacts by channel add up to contacts);
* ``MULTIPLE`` — each cell is at most the total and together they are at least the total (an
  incident can be of several types);
* ``LIST`` — no relation between the cells (a contact can get several services).

Exact counts stay inside the vault's owner's hands: anything published goes through
:func:`redvan.core.disclosure.disclose` first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from redvan.core import enums
from redvan.core.enums import (
    AgeBand,
    ConsentTier,
    FollowUpStatus,
    Gender,
    IncidentType,
    PoliceReport,
    ReferralStatus,
)
from redvan.core.model import Programme
from redvan.core.night import Clock
from redvan.core.reach import Reach, programme_reach
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek, week_range

if TYPE_CHECKING:
    from redvan.core.ports import Store

# A weekly report's chart shows this many weeks, the report's own week last.
CHART_WEEKS = 12
# The category of a value that was not recorded (no zone, channel or language).
NOT_RECORDED = ""

# The group totals, in the order reports show them.
CONTACTS, PERSONS, REFERRALS, FOLLOWUPS, INCIDENTS = (
    "contacts",
    "persons",
    "referrals",
    "followups",
    "incidents",
)
TOTALS = (CONTACTS, PERSONS, REFERRALS, FOLLOWUPS, INCIDENTS)


class TableKind(StrEnum):
    """How the cells of a table relate to its group's total."""

    PARTITION = "partition"
    MULTIPLE = "multiple"
    LIST = "list"


@dataclass(frozen=True)
class TallyRows:
    """Aggregate rows from storage for the weeks ``first``–``last``: counts, never records.

    ``place`` rows are (week, channel, zone, contacts, contacts with a code); ``person`` rows
    (a week, age band, gender, language, contacts; the week is not used); ``services``
    (service, contacts, quantity); ``referrals`` (destination, status, referrals);
    ``followups`` (status, follow-ups due in the weeks); ``incidents`` (consent tier, reported
    to police, incidents); ``incident_types`` (type, incidents); ``series`` (week, contacts)
    for the weeks before ``first`` shown on a chart. ``persons`` counts distinct coded persons
    met in the weeks and ``new_persons`` those of them first seen in the weeks.
    """

    place: tuple[tuple[str, str | None, str | None, int, int], ...] = ()
    person: tuple[tuple[str, str, str, str | None, int], ...] = ()
    persons: int = 0
    new_persons: int = 0
    services: tuple[tuple[str, int, int], ...] = ()
    referrals: tuple[tuple[str, str, int], ...] = ()
    followups: tuple[tuple[str, int], ...] = ()
    incidents: tuple[tuple[str, str, int], ...] = ()
    incident_types: tuple[tuple[str, int], ...] = ()
    series: tuple[tuple[str, int], ...] = ()


# (table key or "total", category) -> (count, sum of the records' random keys)
CellKeys = Mapping[tuple[str, str], tuple[int, int]]


@dataclass(frozen=True)
class KeyedCells:
    """What consistent disclosure control needs (redvan.core.disclosure): every week's cells
    with the sum of their records' random keys, the distinct persons of the whole period with
    their profiles' key sum, and each programme's weekly first inclusions (by programme id)
    up to the period's last week. Counts and key sums only, never records."""

    weeks: Mapping[str, CellKeys]
    persons: tuple[int, int]
    inclusions: Mapping[str, Mapping[str, tuple[int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """One one-dimensional marginal: (category, count) cells in display order.

    ``key`` is stable ("contacts.channel"); ``group`` names the total it breaks down (or None);
    ``quantities`` (services only) holds how many were handed out per category.
    """

    key: str
    group: str | None
    kind: TableKind
    cells: tuple[tuple[str, int], ...]
    quantities: tuple[tuple[str, int], ...] = ()

    def count(self, category: str) -> int:
        return dict(self.cells).get(category, 0)

    def quantity(self, category: str) -> int:
        return dict(self.quantities).get(category, 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.cells)


@dataclass(frozen=True)
class Relation:
    """A fact a reader knows besides the tables: ``small`` is at most ``large``.

    Each side is a figure: ("total", name) or (table key, category). Example: the persons met
    are at most the contacts with a code, since every coded contact is with one person.
    """

    small: tuple[str, str]
    large: tuple[str, str]


@dataclass(frozen=True)
class Tally:
    """The exact figures of weeks ``first``–``last`` (see the module docstring)."""

    first: IsoWeek
    last: IsoWeek
    threshold: int  # the disclosure threshold k the reach forecast was anchored with
    totals: Mapping[str, int]
    tables: tuple[Table, ...]
    relations: tuple[Relation, ...] = ()
    reach: tuple[Reach, ...] = ()
    vocabulary: tuple[VocabularyEntry, ...] = field(default=(), repr=False)
    clock: Clock = field(default_factory=Clock)  # the reporting-day rule the weeks follow
    keyed: KeyedCells | None = field(default=None, repr=False)  # for disclosure control
    programmes: tuple[Programme, ...] = field(default=(), repr=False)

    @property
    def is_week(self) -> bool:
        return self.first == self.last

    @property
    def weeks(self) -> int:
        return self.last - self.first + 1

    def total(self, name: str) -> int:
        return self.totals[name]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def has_table(self, key: str) -> bool:
        return any(t.key == key for t in self.tables)

    def chart_weeks(self) -> list[tuple[IsoWeek, int]]:
        """Contacts per week for the chart: context weeks before the period, then the period."""
        out = [(IsoWeek.parse(w), n) for w, n in self.table("series").cells]
        if self.is_week:
            out.append((self.first, self.total(CONTACTS)))
        else:
            out.extend((IsoWeek.parse(w), n) for w, n in self.table("contacts.week").cells)
        return out


def period_bounds(first: IsoWeek, last: IsoWeek) -> tuple[datetime, datetime]:
    """[start, end) of the weeks' calendar days: Monday 00:00 of ``first`` to Monday 00:00 after
    ``last`` (dates such as follow-ups' due days; contacts count by night, see core.night)."""
    start = datetime.combine(first.monday(), time())
    end = datetime.combine(last.sunday() + timedelta(days=1), time())
    return start, end


# -- putting the tally together -----------------------------------------------------------


def compute_tally(
    store: Store,
    first: IsoWeek,
    last: IsoWeek,
    threshold: int,
    *,
    chart_weeks: int = CHART_WEEKS,
) -> Tally:
    """The tally of weeks ``first``–``last`` from the vault behind ``store``.

    Two reads from storage: the aggregate rows of the weeks and the programme inclusions up to
    the last day; everything else is arithmetic here.
    """
    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    series_from = min(first, last - (chart_weeks - 1))
    rows = store.tally_rows(
        str(first), str(last), str(series_from) if series_from < first else None
    )
    vocabulary = tuple(store.vocabulary())
    inclusions = store.inclusion_counts(last.sunday())
    tally = build_tally(
        rows,
        first,
        last,
        threshold,
        vocabulary,
        programmes=store.programmes(),
        inclusions=inclusions,
        series_from=series_from,
    )
    keyed = store.keyed_cells(str(first), str(last), str(series_from))
    return replace(tally, clock=store.clock(), keyed=keyed, programmes=tuple(store.programmes()))


def compute_week_tallies(
    store: Store, first: IsoWeek, last: IsoWeek, threshold: int
) -> tuple[list[Tally], int]:
    """The tally of every single week ``first``–``last`` from one read (sync packages), and
    the distinct persons met over all of them.

    Each is the same as :func:`compute_tally` of that one week, without the chart's context
    weeks and the programme reach.
    """
    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    rows, persons = store.week_tally_rows(str(first), str(last))
    vocabulary = tuple(store.vocabulary())
    clock = store.clock()
    weeks = [
        replace(build_tally(rows[str(w)], w, w, threshold, vocabulary), clock=clock)
        for w in week_range(first, last)
    ]
    return weeks, persons


def build_tally(
    rows: TallyRows,
    first: IsoWeek,
    last: IsoWeek,
    threshold: int,
    vocabulary: Sequence[VocabularyEntry],
    *,
    programmes: Sequence[Programme] = (),
    inclusions: Iterable[tuple[str, date, int]] = (),
    series_from: IsoWeek | None = None,
) -> Tally:
    """Pure part of :func:`compute_tally`: aggregate rows in, figures out."""
    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    weeks: Counter[str] = Counter()
    channels: Counter[str | None] = Counter()
    zones: Counter[str | None] = Counter()
    coded = 0
    for week, channel, zone, n, with_code in rows.place:
        weeks[week] += n
        channels[channel] += n
        zones[zone] += n
        coded += with_code
    ages: Counter[str | None] = Counter()
    genders: Counter[str | None] = Counter()
    languages: Counter[str | None] = Counter()
    for _week, age, gender, language, n in rows.person:
        ages[age] += n
        genders[gender] += n
        languages[language] += n
    contacts = sum(weeks.values())

    services: Counter[str | None] = Counter()
    quantities: Counter[str | None] = Counter()
    for service, n, quantity in rows.services:
        services[service] += n
        quantities[service] += quantity
    destinations: Counter[str | None] = Counter()
    referral_status: Counter[str | None] = Counter()
    for destination, status, n in rows.referrals:
        destinations[destination] += n
        referral_status[status] += n
    followups: Counter[str | None] = Counter(dict(rows.followups))
    tiers: Counter[str | None] = Counter()
    police: Counter[str | None] = Counter()
    for tier, reported, n in rows.incidents:
        tiers[tier] += n
        police[reported] += n
    incident_types: Counter[str | None] = Counter(dict(rows.incident_types))

    series: list[tuple[str, int]] = []
    if series_from is not None and series_from < first:
        known = dict(rows.series)
        series = [(str(w), known.get(str(w), 0)) for w in week_range(series_from, first - 1)]
    counts = Counts(
        contacts=contacts,
        coded=coded,
        persons=rows.persons,
        new_persons=rows.new_persons,
        weeks=weeks,
        channels=channels,
        zones=zones,
        ages=ages,
        genders=genders,
        languages=languages,
        services=services,
        quantities=quantities,
        destinations=destinations,
        referral_status=referral_status,
        followups=followups,
        tiers=tiers,
        police=police,
        incident_types=incident_types,
    )
    return tally_from_counts(
        counts,
        first,
        last,
        threshold,
        vocabulary,
        programmes=programmes,
        inclusions=inclusions,
        series=series,
    )


@dataclass
class Counts:
    """The counters a tally is made of, before they are put into tables.

    Everything here is additive over weeks and devices except ``persons`` and ``new_persons``;
    ``new_persons`` is None when it cannot be known (a merge of several devices).
    """

    contacts: int = 0
    coded: int = 0
    persons: int = 0
    new_persons: int | None = 0
    weeks: Counter[str] = field(default_factory=Counter)
    channels: Counter[str | None] = field(default_factory=Counter)
    zones: Counter[str | None] = field(default_factory=Counter)
    ages: Counter[str | None] = field(default_factory=Counter)
    genders: Counter[str | None] = field(default_factory=Counter)
    languages: Counter[str | None] = field(default_factory=Counter)
    services: Counter[str | None] = field(default_factory=Counter)
    quantities: Counter[str | None] = field(default_factory=Counter)
    destinations: Counter[str | None] = field(default_factory=Counter)
    referral_status: Counter[str | None] = field(default_factory=Counter)
    followups: Counter[str | None] = field(default_factory=Counter)
    tiers: Counter[str | None] = field(default_factory=Counter)
    police: Counter[str | None] = field(default_factory=Counter)
    incident_types: Counter[str | None] = field(default_factory=Counter)


def tally_from_counts(
    counts: Counts,
    first: IsoWeek,
    last: IsoWeek,
    threshold: int,
    vocabulary: Sequence[VocabularyEntry],
    *,
    programmes: Sequence[Programme] = (),
    inclusions: Iterable[tuple[str, date, int]] = (),
    series: Sequence[tuple[str, int]] = (),
) -> Tally:
    """The tables of a tally from its counters (see :class:`Counts`)."""
    by_kind: dict[VocabularyKind, list[VocabularyEntry]] = defaultdict(list)
    for entry in vocabulary:
        by_kind[entry.kind].append(entry)

    def vocab(kind: VocabularyKind, counted: Mapping[str | None, int]) -> list[str]:
        """Active entries in list order, then retired or unknown ones that were used."""
        entries = sorted(by_kind.get(kind, []), key=lambda e: (e.sort, e.slug))
        order = [e.slug for e in entries if not e.retired]
        used = [e.slug for e in entries if e.retired and counted.get(e.slug)]
        known = set(order) | set(used)
        extra = sorted(s for s in counted if s and s not in known and counted[s])
        tail = [NOT_RECORDED] if counted.get(None) or counted.get(NOT_RECORDED) else []
        return order + used + extra + tail

    def cells(
        order: Sequence[str], counted: Mapping[str | None, int]
    ) -> tuple[tuple[str, int], ...]:
        return tuple(
            (slug, counted.get(slug, 0) + (counted.get(None, 0) if slug == NOT_RECORDED else 0))
            for slug in order
        )

    def fixed(values: Sequence[str], counted: Mapping[str | None, int]) -> list[str]:
        extra = sorted(s for s in counted if s and s not in values and counted[s])
        return list(values) + extra

    tables: list[Table] = [
        Table(
            "contacts.code",
            CONTACTS,
            TableKind.PARTITION,
            (("coded", counts.coded), ("uncoded", counts.contacts - counts.coded)),
        )
    ]
    if first != last:
        tables.append(
            Table(
                "contacts.week",
                CONTACTS,
                TableKind.PARTITION,
                tuple((str(w), counts.weeks.get(str(w), 0)) for w in week_range(first, last)),
            )
        )
    for key, kind, counted in (
        ("contacts.channel", VocabularyKind.CHANNEL, counts.channels),
        ("contacts.zone", VocabularyKind.ZONE, counts.zones),
    ):
        tables.append(
            Table(key, CONTACTS, TableKind.PARTITION, cells(vocab(kind, counted), counted))
        )
    tables.append(
        Table(
            "contacts.age_band",
            CONTACTS,
            TableKind.PARTITION,
            cells(fixed([a.value for a in AgeBand], counts.ages), counts.ages),
        )
    )
    tables.append(
        Table(
            "contacts.gender",
            CONTACTS,
            TableKind.PARTITION,
            cells(fixed([g.value for g in Gender], counts.genders), counts.genders),
        )
    )
    tables.append(
        Table(
            "contacts.language",
            CONTACTS,
            TableKind.PARTITION,
            cells(vocab(VocabularyKind.LANGUAGE, counts.languages), counts.languages),
        )
    )
    if counts.new_persons is not None:
        tables.append(
            Table(
                "persons.new",
                PERSONS,
                TableKind.PARTITION,
                (("new", counts.new_persons), ("returning", counts.persons - counts.new_persons)),
            )
        )
    service_order = vocab(VocabularyKind.SERVICE, counts.services)
    tables.append(
        Table(
            "services",
            None,
            TableKind.LIST,
            cells(service_order, counts.services),
            tuple((s, counts.quantities.get(s, 0)) for s in service_order),
        )
    )
    tables.append(
        Table(
            "referrals.destination",
            REFERRALS,
            TableKind.PARTITION,
            cells(vocab(VocabularyKind.DESTINATION, counts.destinations), counts.destinations),
        )
    )
    for key, group, enum, counted, table_kind in (
        (
            "referrals.status",
            REFERRALS,
            ReferralStatus,
            counts.referral_status,
            TableKind.PARTITION,
        ),
        ("followups.status", FOLLOWUPS, FollowUpStatus, counts.followups, TableKind.PARTITION),
        ("incidents.type", INCIDENTS, IncidentType, counts.incident_types, TableKind.MULTIPLE),
        ("incidents.consent_tier", INCIDENTS, ConsentTier, counts.tiers, TableKind.PARTITION),
        ("incidents.police", INCIDENTS, PoliceReport, counts.police, TableKind.PARTITION),
    ):
        values = [m.value for m in enum]
        tables.append(Table(key, group, table_kind, cells(fixed(values, counted), counted)))
    tables.append(Table("series", None, TableKind.LIST, tuple(series)))

    totals = {
        CONTACTS: counts.contacts,
        PERSONS: counts.persons,
        REFERRALS: sum(counts.destinations.values()),
        FOLLOWUPS: sum(counts.followups.values()),
        INCIDENTS: sum(counts.tiers.values()),
    }
    relations = (
        # Every coded contact is with one person: the persons met are at most the coded contacts.
        Relation(("total", PERSONS), ("contacts.code", "coded")),
        # A service is given in a contact: no service reaches more contacts than there were.
        *(Relation(("services", s), ("total", CONTACTS)) for s in service_order),
    )
    reach = _reach(programmes, inclusions, first, last, threshold)
    return Tally(
        first,
        last,
        threshold,
        totals,
        tuple(tables),
        relations,
        reach,
        tuple(vocabulary),
    )


def _reach(
    programmes: Sequence[Programme],
    inclusions: Iterable[tuple[str, date, int]],
    first: IsoWeek,
    last: IsoWeek,
    threshold: int,
) -> tuple[Reach, ...]:
    """Reach at the end of the period of every programme that runs during it."""
    days: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for programme_id, day, n in inclusions:
        days[programme_id].append((day, n))
    out = []
    for programme in programmes:
        if IsoWeek.parse(programme.last_week) < first:
            continue
        reach = programme_reach(programme, days.get(programme.id, []), last, threshold)
        if reach is not None:
            out.append(reach)
    return tuple(out)


# -- labels -------------------------------------------------------------------------------

# Categories that are neither a vocabulary entry nor an enum member: (English, Danish).
_SPECIAL = {
    "contacts.code": {
        "coded": ("With a code", "Med personkode"),
        "uncoded": ("Without a code", "Uden kode"),
    },
    "persons.new": {
        "new": ("New persons", "Nye personer"),
        "returning": ("Known persons", "Kendte personer"),
    },
}
_NOT_RECORDED = ("Not recorded", "Ikke registreret")
_ENUM_OF = {
    "contacts.age_band": AgeBand,
    "contacts.gender": Gender,
    "referrals.status": ReferralStatus,
    "followups.status": FollowUpStatus,
    "incidents.type": IncidentType,
    "incidents.consent_tier": ConsentTier,
    "incidents.police": PoliceReport,
}
_KIND_OF = {
    "contacts.channel": VocabularyKind.CHANNEL,
    "contacts.zone": VocabularyKind.ZONE,
    "contacts.language": VocabularyKind.LANGUAGE,
    "services": VocabularyKind.SERVICE,
    "referrals.destination": VocabularyKind.DESTINATION,
}


def category_label(
    table_key: str, category: str, language: str, vocabulary: Sequence[VocabularyEntry] = ()
) -> str:
    """The label of a category in Danish or English, from the data (vocabularies, enums)."""
    danish = enums.is_danish(language)
    if category == NOT_RECORDED:
        return _NOT_RECORDED[danish]
    special = _SPECIAL.get(table_key, {}).get(category)
    if special is not None:
        return special[danish]
    enum = _ENUM_OF.get(table_key)
    if enum is not None:
        try:
            return enums.label(enum(category), language)
        except (ValueError, KeyError):
            return category
    kind = _KIND_OF.get(table_key)
    if kind is not None:
        for entry in vocabulary:
            if entry.kind is kind and entry.slug == category:
                return entry.label(language)
    if table_key in ("contacts.week", "series"):
        week = IsoWeek.parse(category)
        return f"{'Uge' if danish else 'Week'} {week.week}, {week.year}"
    return category
