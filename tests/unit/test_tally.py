"""R1: the one tally, put together from aggregate rows (no vault needed here)."""

from __future__ import annotations

from datetime import date

import pytest

from redvan.core.model import Programme
from redvan.core.tally import (
    NOT_RECORDED,
    TableKind,
    TallyRows,
    build_tally,
    category_label,
    period_bounds,
)
from redvan.core.vocabulary import DEFAULT_VOCABULARIES, VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek

W47 = IsoWeek(2026, 47)


def rows() -> TallyRows:
    return TallyRows(
        place=(
            ("2026-W46", "street", "istedgade", 10, 6),
            ("2026-W47", "street", "istedgade", 7, 4),
            ("2026-W47", "van", None, 3, 0),
            ("2026-W47", None, "old-zone", 2, 2),
        ),
        person=(
            ("2026-W46", "25-34", "woman", "ro", 10),
            ("2026-W47", "25-34", "woman", None, 8),
            ("2026-W47", "under-18", "unknown", "da", 4),
        ),
        persons=9,
        new_persons=3,
        services=(("condoms", 12, 140), ("legal-advice", 2, 2)),
        referrals=(("reden", "referred", 3), ("reden", "attended", 1), ("jobcenter", "no-show", 2)),
        followups=(("open", 4), ("done", 1)),
        incidents=(("warn-workers", "no", 2), ("record-only", "yes", 1)),
        incident_types=(("physical-violence", 2), ("robbery-theft", 2)),
        series=(("2026-W40", 5),),
    )


def vocabulary() -> list[VocabularyEntry]:
    retired = VocabularyEntry(VocabularyKind.ZONE, "old-zone", "Old zone", "Gammelt område", True)
    return [*DEFAULT_VOCABULARIES, retired]


def test_totals_and_partitions_add_up() -> None:
    tally = build_tally(rows(), IsoWeek(2026, 46), W47, 5, vocabulary())
    assert tally.totals == {
        "contacts": 22,
        "persons": 9,
        "referrals": 6,
        "followups": 5,
        "incidents": 3,
    }
    for table in tally.tables:
        if table.kind is TableKind.PARTITION:
            assert table.group is not None
            assert table.total == tally.total(table.group), table.key
    assert tally.table("contacts.code").cells == (("coded", 12), ("uncoded", 10))
    assert tally.table("persons.new").cells == (("new", 3), ("returning", 6))
    assert tally.table("contacts.week").cells == (("2026-W46", 10), ("2026-W47", 12))


def test_categories_follow_the_lists_then_retired_then_not_recorded() -> None:
    tally = build_tally(rows(), W47, W47, 5, vocabulary())
    zones = [c for c, _ in tally.table("contacts.zone").cells]
    active = [e.slug for e in DEFAULT_VOCABULARIES if e.kind is VocabularyKind.ZONE]
    assert zones == [*active, "old-zone", NOT_RECORDED]
    assert tally.table("contacts.zone").count(NOT_RECORDED) == 3
    languages = tally.table("contacts.language")
    assert languages.count(NOT_RECORDED) == 8 and languages.count("da") == 4
    ages = [c for c, _ in tally.table("contacts.age_band").cells]
    assert ages[0] == "under-18" and ages[-1] == "unknown"
    assert tally.table("services").quantity("condoms") == 140
    assert tally.table("services").kind is TableKind.LIST
    assert tally.table("incidents.type").kind is TableKind.MULTIPLE


def test_a_week_has_no_week_table_but_a_chart_with_the_weeks_before() -> None:
    tally = build_tally(rows(), W47, W47, 5, vocabulary(), series_from=W47 - 11)
    assert tally.is_week and not tally.has_table("contacts.week")
    chart = tally.chart_weeks()
    assert len(chart) == 12 and chart[-1] == (W47, tally.total("contacts"))
    assert dict(chart)[IsoWeek(2026, 40)] == 5


def test_relations_name_what_a_reader_knows() -> None:
    tally = build_tally(rows(), W47, W47, 5, vocabulary())
    smalls = {(r.small, r.large) for r in tally.relations}
    assert (("total", "persons"), ("contacts.code", "coded")) in smalls
    assert (("services", "condoms"), ("total", "contacts")) in smalls


def test_reach_is_computed_for_programmes_running_in_the_period() -> None:
    running = Programme("a", "a", "A", "2026-W40", "2027-W39", 50)
    over = Programme("b", "b", "B", "2025-W01", "2025-W52", 50)
    later = Programme("c", "c", "C", "2027-W01", "2027-W52", 50)
    tally = build_tally(
        rows(),
        W47,
        W47,
        5,
        vocabulary(),
        programmes=[running, over, later],
        inclusions=[
            ("a", date(2026, 10, 7), 3),
            ("a", date(2026, 11, 30), 9),
            ("b", date(2025, 5, 5), 1),
        ],
    )
    assert [r.slug for r in tally.reach] == ["a"]
    assert tally.reach[0].reached == 3  # the inclusion after the period's last week is not counted


def test_labels_come_from_the_data_in_both_languages() -> None:
    vocab = vocabulary()
    assert category_label("contacts.channel", "street", "da", vocab) == "Gade"
    assert category_label("contacts.gender", "trans-woman", "da", vocab) == "Transkvinde"
    assert category_label("contacts.zone", NOT_RECORDED, "en", vocab) == "Not recorded"
    assert category_label("contacts.code", "uncoded", "da", vocab) == "Uden kode"
    assert category_label("contacts.week", "2026-W47", "da", vocab) == "Uge 47, 2026"
    assert category_label("services", "no-such-slug", "en", vocab) == "no-such-slug"


def test_period_bounds_and_order() -> None:
    start, end = period_bounds(IsoWeek(2026, 53), IsoWeek(2027, 1))
    assert (start.isoformat(), end.isoformat()) == ("2026-12-28T00:00:00", "2027-01-11T00:00:00")
    with pytest.raises(ValueError, match="comes before"):
        build_tally(rows(), W47, W47 - 1, 5, vocabulary())
