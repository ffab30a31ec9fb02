"""T8 / R2: no suppressed figure of a published tally can be recovered.

Random nights of contacts (with codes, services, referrals, follow-ups and incidents) are
tallied with the real `build_tally` and published with `disclose`. Then an attacker who reads
only the published output tries to pin down every hidden figure. The attacker knows:

* every published number, and that "<k" is 1…k−1;
* that an "x" is hidden to protect a "<k", so it is at least k (we never hide a 0);
* that a withheld breakdown still exists: its cells are whole numbers ≥ 0 adding up to its total;
* every equation and inequality of the output: the cells of each breakdown add up to its total
  (contacts by week, code, channel, zone, age band, gender, language; persons new/known;
  referrals by partner and by status; follow-ups by status; incidents by consent tier and by
  police report), each incident has at least one type and no type exceeds the incidents, no
  service reaches more contacts than there were, and no more persons were met than there were
  contacts with a code.

The attacker's solver below is written independently of `redvan.core.disclosure`: a small
exact constraint solver (bounds propagation plus search). The property: every hidden figure
whose true value is 1…k−1, and every "x", has at least two values consistent with everything
published. It would fail, for example, for a breakdown 1 + 1 = 32 − 30, or if "<k" were kept
for a lone cell next to its total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from redvan.core.disclosure import COMPLEMENTARY_MARK, Disclosed, Reason, disclose
from redvan.core.tally import TallyRows, build_tally
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek

FIRST = IsoWeek(2026, 45)
INF = 10**6

VOCABULARY = (
    *(VocabularyEntry(VocabularyKind.CHANNEL, s, s, s) for s in ("street", "van", "online")),
    *(VocabularyEntry(VocabularyKind.ZONE, s, s, s) for s in ("north", "south")),
    *(VocabularyEntry(VocabularyKind.LANGUAGE, s, s, s) for s in ("da", "ro")),
    *(VocabularyEntry(VocabularyKind.SERVICE, s, s, s) for s in ("condoms", "legal")),
    *(VocabularyEntry(VocabularyKind.DESTINATION, s, s, s) for s in ("reden", "clinic")),
)

# -- random data --------------------------------------------------------------------------

contact = st.tuples(
    st.integers(0, 1),  # week offset
    st.sampled_from(["street", "van", "online", None]),
    st.sampled_from(["north", "south", None]),
    st.sampled_from(["18-24", "25-34", "unknown"]),
    st.sampled_from(["woman", "trans-woman", "unknown"]),
    st.sampled_from(["da", "ro", None]),
    st.one_of(st.none(), st.integers(0, 9)),  # person, or no code
    st.sets(st.sampled_from(["condoms", "legal"])),
)
referral = st.tuples(
    st.sampled_from(["reden", "clinic"]), st.sampled_from(["referred", "attended"])
)
incident = st.tuples(
    st.sets(st.sampled_from(["physical-violence", "robbery-theft", "other"]), min_size=1),
    st.sampled_from(["record-only", "warn-workers"]),
    st.sampled_from(["yes", "no"]),
)


def rows_of(
    contacts: list[tuple], new: set[int], referrals: list, followups: list[str], incidents: list
) -> TallyRows:
    place: Counter[tuple] = Counter()
    coded: Counter[tuple] = Counter()
    person: Counter[tuple] = Counter()
    services: Counter[str] = Counter()
    persons = set()
    for week, channel, zone, age, gender, language, who, given_services in contacts:
        name = str(FIRST + week)
        place[(name, channel, zone)] += 1
        coded[(name, channel, zone)] += who is not None
        person[(name, age, gender, language)] += 1
        services.update(given_services)
        if who is not None:
            persons.add(who)
    return TallyRows(
        place=tuple((*key, n, coded[key]) for key, n in place.items()),
        person=tuple((*key, n) for key, n in person.items()),
        persons=len(persons),
        new_persons=len(persons & new),
        services=tuple((s, n, n * 3) for s, n in services.items()),
        referrals=tuple((*key, n) for key, n in Counter(referrals).items()),
        followups=tuple(Counter(followups).items()),
        incidents=tuple((*key, n) for key, n in Counter((t, p) for _, t, p in incidents).items()),
        incident_types=tuple(Counter(x for types, _, _ in incidents for x in types).items()),
    )


# -- the attacker's solver ----------------------------------------------------------------


@dataclass
class System:
    """Integer unknowns with bounds; constraints low <= sum(coefficient * unknown) <= high."""

    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)
    sums: list[tuple[list[tuple[int, str]], int, int]] = field(default_factory=list)

    def var(self, name: str, low: int, high: int) -> str:
        self.bounds[name] = (low, high)
        return name

    def add(self, terms: list[tuple[int, str | int]], low: int, high: int) -> None:
        """low <= sum(c * t) <= high, where a term is an unknown's name or a known number."""
        constant = sum(c * t for c, t in terms if isinstance(t, int))
        unknown = [(c, t) for c, t in terms if isinstance(t, str)]
        if unknown:
            self.sums.append((unknown, low - constant, high - constant))
        else:
            assert low <= constant <= high, "the published figures contradict each other"

    def propagate(self, domains: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]] | None:
        domains = dict(domains)
        changed = True
        while changed:
            changed = False
            for terms, low, high in self.sums:
                least = [c * domains[n][0] if c > 0 else c * domains[n][1] for c, n in terms]
                most = [c * domains[n][1] if c > 0 else c * domains[n][0] for c, n in terms]
                if sum(least) > high or sum(most) < low:
                    return None
                for i, (c, n) in enumerate(terms):
                    rest_least = sum(least) - least[i]
                    rest_most = sum(most) - most[i]
                    part_lo, part_hi = low - rest_most, high - rest_least  # range of c * x
                    lo, hi = domains[n]
                    if c > 0:
                        new = (max(lo, part_lo), min(hi, part_hi))
                    else:
                        new = (max(lo, -part_hi), min(hi, -part_lo))
                    if new[0] > new[1]:
                        return None
                    if new != (lo, hi):
                        domains[n] = new
                        least[i] = c * new[0] if c > 0 else c * new[1]
                        most[i] = c * new[1] if c > 0 else c * new[0]
                        changed = True
        return domains

    def feasible(self, domains: dict[str, tuple[int, int]]) -> bool:
        found = self.propagate(domains)
        if found is None:
            return False
        open_vars = [n for n, (lo, hi) in found.items() if lo < hi]
        if not open_vars:
            return True
        name = min(open_vars, key=lambda n: found[n][1] - found[n][0])
        lo, hi = found[name]
        middle = (lo + hi) // 2
        return self.feasible({**found, name: (lo, middle)}) or self.feasible(
            {**found, name: (middle + 1, hi)}
        )

    def has_other_value(self, name: str, true_value: int) -> bool:
        lo, hi = self.bounds[name]
        below = lo <= true_value - 1 and self.feasible({**self.bounds, name: (lo, true_value - 1)})
        above = true_value + 1 <= hi and self.feasible({**self.bounds, name: (true_value + 1, hi)})
        return bool(below or above)


def attack(disclosed: Disclosed) -> tuple[System, dict[str, int], list[str]]:
    """What a reader of the published output knows, as a constraint system.

    Returns the system, the true value of every unknown (to check the system admits the truth)
    and the unknowns that must not be pinned down."""
    k = disclosed.threshold
    system = System()
    truth: dict[str, int] = {}
    protected: list[str] = []

    def figure(name: str, text: str | None, value: int, cap: int) -> str | int:
        """A published number, or an unknown with what the reader knows about it."""
        if text is not None and text.isdigit():
            return int(text)
        if text == f"<{k}":
            low, high = 1, k - 1
        elif text == COMPLEMENTARY_MARK:
            low, high = k, cap
        else:  # withheld: a whole number, at most the cap
            low, high = 0, cap
        system.var(name, low, high)
        truth[name] = value
        if text is not None or 1 <= value < k:
            protected.append(name)
        return name

    totals: dict[str, str | int] = {}
    caps: dict[str, int] = {}
    for name, shown in disclosed.totals.items():
        cap = k - 1 if shown.hidden else shown.value
        totals[name] = figure(f"total:{name}", disclosed.text(shown), shown.value, cap)
        caps[name] = cap
    cells: dict[tuple[str, str], str | int] = {}
    for table in disclosed.tables:
        group = table.table.group
        cap = caps[group if group is not None else "contacts"]
        terms: list[tuple[int, str | int]] = []
        for category, shown in table.cells:
            text = None if shown.reason is Reason.WITHHELD else disclosed.text(shown)
            term = figure(f"{table.key}:{category}", text, shown.value, cap)
            cells[(table.key, category)] = term
            terms.append((1, term))
        if table.key == "services":  # a service reaches at most every contact
            for _, term in terms:
                system.add([(1, term), (-1, totals["contacts"])], -INF, 0)
        if group is None:
            continue
        total = totals[group]
        if table.key == "incidents.type":  # at least one type each, no type above the total
            system.add([*terms, (-1, total)], 0, INF)
            for _, term in terms:
                system.add([(1, term), (-1, total)], -INF, 0)
        else:  # the cells of a breakdown add up to its total
            system.add([*terms, (-1, total)], 0, 0)
    # No more persons were met than there were contacts with a code.
    system.add([(1, totals["persons"]), (-1, cells[("contacts.code", "coded")])], -INF, 0)
    return system, truth, protected


def published(disclosed: Disclosed) -> Iterator[str]:
    for shown in disclosed.totals.values():
        yield disclosed.text(shown)
    for table in disclosed.tables:
        for _, shown in table.cells:
            yield disclosed.text(shown)


@given(
    contacts=st.lists(contact, max_size=40),
    new=st.sets(st.integers(0, 9)),
    referrals=st.lists(referral, max_size=12),
    followups=st.lists(st.sampled_from(["open", "done", "missed"]), max_size=10),
    incidents=st.lists(incident, max_size=10),
    k=st.integers(3, 6),
    weeks=st.integers(1, 2),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_suppressed_figure_is_recoverable(
    contacts: list[tuple],
    new: set[int],
    referrals: list,
    followups: list[str],
    incidents: list,
    k: int,
    weeks: int,
) -> None:
    contacts = [c for c in contacts if c[0] < weeks]
    rows = rows_of(contacts, new, referrals, followups, incidents)
    tally = build_tally(rows, FIRST, FIRST + (weeks - 1), k, VOCABULARY)
    disclosed = disclose(tally)
    # Nothing from 1 to k-1 is ever printed.
    assert not any(text.isdigit() and 1 <= int(text) < k for text in published(disclosed))
    reasons = {s.reason for t in disclosed.tables for _, s in t.cells if s.reason is not None}
    for reason in sorted(reasons):
        event(f"has {reason.value} cells")
    system, truth, protected = attack(disclosed)
    assert system.feasible(system.bounds), "the attacker's model must admit the truth"
    for name, value in truth.items():
        assert system.bounds[name][0] <= value <= system.bounds[name][1], name
    for name in protected:
        assert system.has_other_value(name, truth[name]), f"{name} = {truth[name]} is recoverable"


def test_the_attacker_does_recover_a_naive_suppression() -> None:
    """The solver is not toothless: primary suppression alone leaks 1 + 1 = 32 − 30."""
    system = System()
    system.add([(1, system.var("a", 1, 4)), (1, system.var("b", 1, 4)), (1, 30)], 32, 32)
    assert not system.has_other_value("a", 1)
    protected = System()
    terms = [(1, protected.var(n, 1, 4)) for n in ("a", "b")]
    protected.add([*terms, (1, protected.var("c", 5, 32))], 32, 32)
    assert protected.has_other_value("a", 1) and protected.has_other_value("c", 30)
