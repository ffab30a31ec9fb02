"""R2: primary and complementary suppression, withheld breakdowns, and the preview list."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.disclosure import (
    MIN_THRESHOLD,
    Reason,
    Withheld,
    disclose,
    effective_threshold,
    feasible_ranges,
    hidden_figures,
    published_values,
)
from redvan.core.model import Programme
from redvan.core.services import SETTINGS
from redvan.core.tally import Relation, Table, TableKind, Tally, TallyRows, build_tally
from redvan.core.vocabulary import DEFAULT_VOCABULARIES
from redvan.core.weeks import IsoWeek

W = IsoWeek(2026, 47)
TOTALS = {"contacts": 0, "persons": 0, "referrals": 0, "followups": 0, "incidents": 0}


def tally(*tables: Table, k: int = 5, relations: tuple[Relation, ...] = (), **totals: int) -> Tally:
    return Tally(W, W, k, {**TOTALS, **totals}, tables, relations)


def partition(key: str, group: str, *values: int) -> Table:
    return Table(key, group, TableKind.PARTITION, tuple((f"c{i}", v) for i, v in enumerate(values)))


def test_the_threshold_is_never_below_three() -> None:
    assert MIN_THRESHOLD == 3 == SETTINGS["suppression_threshold"][0]
    assert effective_threshold(2) == 3 and effective_threshold(5) == 5
    shown = disclose(tally(partition("t", "contacts", 2, 40), k=2, contacts=42))
    assert shown.threshold == 3
    assert published_values(shown.table("t"), 3) == ["<3", "x"]


def test_small_counts_are_shown_as_less_than_k_and_zero_as_zero() -> None:
    shown = disclose(tally(partition("t", "contacts", 0, 3, 12, 20), contacts=35))
    assert published_values(shown.table("t"), 5) == ["0", "<5", "x", "20"]
    assert shown.table("t").cell("c2").reason is Reason.COMPLEMENTARY
    assert shown.text(shown.total("contacts")) == "35"


def test_the_smallest_other_cell_protects_a_lone_hidden_cell() -> None:
    shown = disclose(tally(partition("t", "contacts", 30, 2, 9, 7), contacts=48))
    assert published_values(shown.table("t"), 5) == ["30", "<5", "9", "x"]


def test_two_hidden_ones_are_not_safe_on_their_own() -> None:
    # 1 + 1 = total − published: both would be known to be exactly 1.
    shown = disclose(tally(partition("t", "contacts", 1, 1, 30), contacts=32))
    assert published_values(shown.table("t"), 5) == ["<5", "<5", "x"]
    # 4 + 4 = 8: both would be known to be exactly 4 (the top of "<5").
    shown = disclose(tally(partition("t", "contacts", 4, 4, 30), contacts=38))
    assert published_values(shown.table("t"), 5) == ["<5", "<5", "x"]
    # 2 + 3 = 5 leaves each of them two or more possible values: nothing more to hide.
    shown = disclose(tally(partition("t", "contacts", 2, 3, 30), contacts=35))
    assert published_values(shown.table("t"), 5) == ["<5", "<5", "30"]


def test_a_breakdown_of_a_small_total_is_withheld() -> None:
    shown = disclose(tally(partition("t", "contacts", 1, 2), contacts=3))
    table = shown.table("t")
    assert table.withheld is Withheld.SMALL_TOTAL
    assert all(s.reason is Reason.WITHHELD for _, s in table.cells)
    assert shown.text(shown.total("contacts")) == "<5"


def test_a_breakdown_that_cannot_be_protected_is_withheld() -> None:
    # 6 = 1 + 5: hiding the 5 (known to be at least 5) still pins the 1.
    shown = disclose(tally(partition("t", "contacts", 1, 5), contacts=6))
    assert shown.table("t").withheld is Withheld.NO_SAFE_PATTERN


def test_persons_bound_the_contacts_with_a_code() -> None:
    # 31 contacts, 30 persons: at most one contact without a code; "<5" would say exactly 1.
    relation = Relation(("total", "persons"), ("contacts.code", "coded"))
    code = Table("contacts.code", "contacts", TableKind.PARTITION, (("coded", 30), ("uncoded", 1)))
    shown = disclose(tally(code, relations=(relation,), contacts=31, persons=30))
    assert shown.table("contacts.code").withheld is Withheld.NO_SAFE_PATTERN
    # With room to spare, the usual pair of hidden cells is enough.
    code = Table("contacts.code", "contacts", TableKind.PARTITION, (("coded", 40), ("uncoded", 2)))
    shown = disclose(tally(code, relations=(relation,), contacts=42, persons=20))
    assert published_values(shown.table("contacts.code"), 5) == ["x", "<5"]


def test_incident_types_know_each_incident_has_one() -> None:
    # 9 incidents, 5 with one type and some with the other: that one is at least 4, so "<5" = 4.
    types = Table("incidents.type", "incidents", TableKind.MULTIPLE, (("a", 5), ("b", 4)))
    shown = disclose(tally(types, incidents=9))
    assert published_values(shown.table("incidents.type"), 5) == ["x", "<5"]
    types = Table("incidents.type", "incidents", TableKind.MULTIPLE, (("a", 8), ("b", 2)))
    shown = disclose(tally(types, incidents=9))
    assert published_values(shown.table("incidents.type"), 5) == ["8", "<5"]


def test_a_list_without_total_needs_no_complement_and_quantities_follow_counts() -> None:
    services = Table(
        "services",
        None,
        TableKind.LIST,
        (("condoms", 40), ("legal", 2)),
        (("condoms", 700), ("legal", 2)),
    )
    shown = disclose(tally(services, contacts=50))
    table = shown.table("services")
    assert published_values(table, 5) == ["40", "<5"]
    assert table.quantity("condoms").reason is None
    assert table.quantity("legal").reason is Reason.COMPLEMENTARY


def test_reach_below_k_hides_forecast_and_pace_but_not_the_warning() -> None:
    programme = Programme("p", "p", "P", str(W - 20), str(W + 80), 300)
    rows = TallyRows(place=((str(W), "street", None, 30, 20),), persons=20)
    few = build_tally(
        rows,
        W,
        W,
        5,
        DEFAULT_VOCABULARIES,
        programmes=[programme],
        inclusions=[("p", (W - 5).monday(), 3)],
    )
    shown = disclose(few)
    reach = shown.reach[0]
    assert reach.reach.warning
    assert reach.reached.reason is Reason.PRIMARY
    assert reach.forecast is not None and reach.forecast.hidden
    assert reach.pace_needed is None and reach.milestones == ()
    many = build_tally(
        rows,
        W,
        W,
        5,
        DEFAULT_VOCABULARIES,
        programmes=[programme],
        inclusions=[("p", date(2026, 7, 1), 12)],
    )
    reach = disclose(many).reach[0]
    assert not reach.reached.hidden and reach.pace_needed is not None


def test_hidden_figures_list_what_and_why() -> None:
    shown = disclose(
        tally(
            partition("t", "contacts", 30, 2, 9),
            partition("r", "referrals", 1, 2),
            contacts=41,
            referrals=3,
        )
    )
    figures = {(f.table, f.category, f.reason) for f in hidden_figures(shown)}
    assert ("t", "c1", Reason.PRIMARY) in figures
    assert ("t", "c2", Reason.COMPLEMENTARY) in figures
    assert ("total", "referrals", Reason.PRIMARY) in figures
    assert ("r", None, Reason.WITHHELD) in figures
    assert shown.anything_hidden


@given(
    boxes=st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 6)).map(lambda t: (min(t), max(t))),
        min_size=1,
        max_size=4,
    ),
    low=st.integers(-2, 20),
    width=st.integers(0, 6),
)
@settings(max_examples=300, deadline=None)
def test_feasible_ranges_are_exact(boxes: list[tuple[int, int]], low: int, width: int) -> None:
    """The closed form equals brute force over every integer point of the boxes."""
    high = low + width
    cells = {f"x{i}": (lo, float(hi)) for i, (lo, hi) in enumerate(boxes)}
    points = [
        p
        for p in itertools.product(*(range(lo, hi + 1) for lo, hi in boxes))
        if low <= sum(p) <= high
    ]
    ranges = feasible_ranges(cells, low, high)
    if not points:
        assert any(lo > hi for lo, hi in ranges.values())
        return
    for i, name in enumerate(cells):
        values = [p[i] for p in points]
        assert ranges[name] == (min(values), max(values))
