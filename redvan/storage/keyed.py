"""Cells with their records' random key sums, week by week, for consistent disclosure control
(redvan.core.disclosure, docs/disclosure-control.md). Every query groups on the week-first
covering indexes (schema v6 carries the key in them); nothing but counts and key sums leaves.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from redvan.core.night import Clock
from redvan.core.tally import KeyedCells
from redvan.core.weeks import IsoWeek

Connection = Any  # a sqlcipher3 connection

_MASK = (1 << 32) - 1


def keyed_cells(
    conn: Connection,
    clock: Clock,
    first_week: str,
    last_week: str,
    series_from: str | None = None,
) -> KeyedCells:
    """The keyed cells of every week ``first_week``..``last_week`` (see KeyedCells); with
    ``series_from``, also the cells of the chart's context weeks before ``first_week`` (the
    persons are those of ``first_week``..``last_week`` only)."""
    weeks = (first_week, last_week)
    first, last = IsoWeek.parse(first_week), IsoWeek.parse(last_week)
    out: dict[str, dict[tuple[str, str], list[int]]] = defaultdict(dict)

    def add(week: str, table: str, category: str | None, n: int, key: int | None) -> None:
        cell = out[str(week)].setdefault((table, category or ""), [0, 0])
        cell[0] += int(n)
        cell[1] = (cell[1] + int(key or 0)) & _MASK

    if series_from is not None and series_from < first_week:
        # The chart's context weeks need only their contacts.
        for w, n, key in conn.execute(
            "SELECT week, count(*), sum(rkey) FROM contact WHERE week >= ? AND week < ? "
            "GROUP BY week",
            (series_from, first_week),
        ):
            add(w, "total", "contacts", n, key)

    for w, channel, zone, n, key, coded, coded_key in conn.execute(
        "SELECT week, channel, zone, count(*), sum(rkey), count(profile_id), "
        "sum(CASE WHEN profile_id IS NULL THEN 0 ELSE rkey END) FROM contact "
        "WHERE week BETWEEN ? AND ? GROUP BY week, channel, zone",
        weeks,
    ):
        add(w, "total", "contacts", n, key)
        add(w, "contacts.channel", channel, n, key)
        add(w, "contacts.zone", zone, n, key)
        add(w, "contacts.code", "coded", coded, coded_key)
        add(w, "contacts.code", "uncoded", n - coded, (key or 0) - (coded_key or 0))
    for w, age, gender, language, n, key in conn.execute(
        "SELECT week, age_band, gender, language, count(*), sum(rkey) FROM contact "
        "WHERE week BETWEEN ? AND ? GROUP BY week, age_band, gender, language",
        weeks,
    ):
        add(w, "contacts.age_band", age, n, key)
        add(w, "contacts.gender", gender, n, key)
        add(w, "contacts.language", language, n, key)
    for w, service, n, quantity, key in conn.execute(
        "SELECT week, service, count(*), sum(quantity), sum(rkey) FROM contact_service "
        "WHERE week BETWEEN ? AND ? GROUP BY week, service",
        weeks,
    ):
        add(w, "services", service, n, key)
        add(w, "services.quantity", service, quantity, key)
    for w, destination, status, n, key in conn.execute(
        "SELECT week, destination, status, count(*), sum(rkey) FROM referral "
        "WHERE week BETWEEN ? AND ? GROUP BY week, destination, status",
        weeks,
    ):
        add(w, "total", "referrals", n, key)
        add(w, "referrals.destination", destination, n, key)
        add(w, "referrals.status", status, n, key)
    day_from = first.monday().isoformat()
    day_to = (last.sunday() + timedelta(days=1)).isoformat()
    for due, status, n, key in conn.execute(
        "SELECT due, status, count(*), sum(rkey) FROM followup WHERE due >= ? AND due < ? "
        "GROUP BY due, status",
        (day_from, day_to),
    ):
        w = str(IsoWeek.of(date.fromisoformat(str(due)[:10])))
        add(w, "total", "followups", n, key)
        add(w, "followups.status", status, n, key)
    for w, tier, police, n, key in conn.execute(
        "SELECT week, consent_tier, reported_to_police, count(*), sum(rkey) FROM incident "
        "WHERE week BETWEEN ? AND ? GROUP BY week, consent_tier, reported_to_police",
        weeks,
    ):
        add(w, "total", "incidents", n, key)
        add(w, "incidents.consent_tier", tier, n, key)
        add(w, "incidents.police", police, n, key)
    for w, kind, n, key in conn.execute(
        "SELECT i.week, t.type, count(*), sum(i.rkey) FROM incident i JOIN incident_type t "
        "ON t.incident_id = i.id WHERE i.week BETWEEN ? AND ? GROUP BY i.week, t.type",
        weeks,
    ):
        add(w, "incidents.type", kind, n, key)
    # Persons met each week, and those of them whose earliest contact is on one of its nights.
    seen_from, seen_to = (_ts(t) for t in clock.window(first, last))
    shift = f"-{clock.day_start_hour} hours"
    for w, n, key, new, new_key in conn.execute(
        "SELECT m.week, count(*), sum(p.rkey), "
        "sum(p.first_seen >= ?1 AND p.first_seen < ?2 AND strftime('%G-W%V', p.first_seen, ?3) "
        "= m.week), sum(CASE WHEN p.first_seen >= ?1 AND p.first_seen < ?2 AND "
        "strftime('%G-W%V', p.first_seen, ?3) = m.week THEN p.rkey ELSE 0 END) "
        "FROM (SELECT DISTINCT week, profile_id FROM contact WHERE week BETWEEN ?4 AND ?5 "
        "AND profile_id IS NOT NULL) m JOIN profile p ON p.id = m.profile_id GROUP BY m.week",
        (seen_from, seen_to, shift, *weeks),
    ):
        add(w, "total", "persons", n, key)
        add(w, "persons.new", "new", new, new_key)
    persons, persons_key = conn.execute(
        "SELECT count(*), coalesce(sum(rkey), 0) FROM profile WHERE id IN "
        "(SELECT profile_id FROM contact WHERE week BETWEEN ? AND ? AND profile_id IS NOT NULL)",
        weeks,
    ).fetchone()
    # First inclusions per programme and week, up to the period's last day.
    inclusions: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for programme_id, day, n, key in conn.execute(
        "SELECT programme_id, included_on, count(*), sum(rkey) FROM programme_inclusion "
        "WHERE included_on <= ? GROUP BY programme_id, included_on",
        (last.sunday().isoformat(),),
    ):
        w = str(IsoWeek.of(date.fromisoformat(str(day)[:10])))
        cell = inclusions[str(programme_id)].setdefault(w, [0, 0])
        cell[0] += int(n)
        cell[1] = (cell[1] + int(key or 0)) & _MASK
    return KeyedCells(
        weeks={w: {c: (v[0], v[1]) for c, v in cells.items()} for w, cells in out.items()},
        persons=(int(persons), int(persons_key) & _MASK),
        inclusions={
            p: {w: (v[0], v[1]) for w, v in by_week.items()} for p, by_week in inclusions.items()
        },
    )


def _ts(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")
