"""The inputs the benchmarks feed redvan: realistic contacts, and one week's aggregate queries.

Contacts follow the brief for B3: every one has three services and one referral; about 45 %
are returning people with a demo code (D0001…D9000), 15 % new codes, 40 % without a code, and
a few carry a short note. The same seed gives the same inputs against the same vocabulary, so
the encrypted and the plain run of B8 do exactly the same work.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from redvan.core.enums import AgeBand, Gender, ReferralStatus
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek

RETURNING_CODES = 9000
SHARE_RETURNING = 0.45
SHARE_NEW = 0.15

_NOTES = (
    "Asked about the clinic's opening hours.",
    "Cold tonight, took extra coffee.",
    "Wants to talk about housing next week.",
    "Spurgte til åbningstider i sundhedsrummet.",
    "Tired, short contact.",
)
_AGES = [a.value for a in AgeBand]
_GENDERS = [g.value for g in Gender]
_STATUSES = [s.value for s in ReferralStatus]


def _slugs(entries: list[VocabularyEntry]) -> list[str]:
    return sorted(e.slug for e in entries if not e.retired)


def contact_inputs(
    vocabulary: list[VocabularyEntry],
    rng: random.Random,
    count: int,
    *,
    around: datetime,
    new_code_prefix: str = "BX",
) -> list[ContactInput]:
    """`count` contacts in the four hours before `around`, drawn from the active vocabulary."""
    by_kind: dict[VocabularyKind, list[VocabularyEntry]] = {k: [] for k in VocabularyKind}
    for entry in vocabulary:
        by_kind[entry.kind].append(entry)
    services = [e for e in by_kind[VocabularyKind.SERVICE] if not e.retired]
    destinations = _slugs(by_kind[VocabularyKind.DESTINATION])
    zones = _slugs(by_kind[VocabularyKind.ZONE])
    channels = _slugs(by_kind[VocabularyKind.CHANNEL])
    languages = _slugs(by_kind[VocabularyKind.LANGUAGE])
    regions = _slugs(by_kind[VocabularyKind.ORIGIN_REGION])
    inputs = []
    new_codes = 0
    for _ in range(count):
        roll = rng.random()
        code: str | None
        if roll < SHARE_RETURNING:
            code = f"D{rng.randint(1, RETURNING_CODES):04d}"
        elif roll < SHARE_RETURNING + SHARE_NEW:
            new_codes += 1
            code = f"{new_code_prefix}{new_codes:05d}"
        else:
            code = None
        given = tuple(
            ServiceGiven(e.slug, rng.randint(1, 20) if e.quantity else 1)
            for e in rng.sample(services, 3)
        )
        referral = ReferralInput(rng.choice(destinations), rng.choice(_STATUSES))
        inputs.append(
            ContactInput(
                time=around - timedelta(minutes=rng.randint(0, 239)),
                zone=rng.choice(zones),
                channel=rng.choice(channels),
                code=code,
                age_band=rng.choice(_AGES) if code is None or rng.random() < 0.3 else None,
                gender=rng.choice(_GENDERS) if code is None or rng.random() < 0.3 else None,
                language=rng.choice(languages) if code is not None else None,
                origin_region=rng.choice(regions)
                if code is not None and rng.random() < 0.3
                else None,
                services=given,
                referrals=(referral,),
                note=rng.choice(_NOTES) if rng.random() < 0.05 else None,
            )
        )
    return inputs


# One week's aggregate query set (B8): how many contacts, services given, people reached.
WEEK_QUERIES: tuple[tuple[str, str], ...] = (
    ("contacts", "SELECT count(*) FROM contact WHERE week = ?"),
    (
        "services",
        "SELECT s.service, count(*), sum(s.quantity) FROM contact c "
        "JOIN contact_service s ON s.contact_id = c.id WHERE c.week = ? GROUP BY s.service",
    ),
    (
        "persons",
        "SELECT count(DISTINCT profile_id) FROM contact WHERE week = ? AND profile_id IS NOT NULL",
    ),
    (
        "referrals",
        "SELECT destination, status, count(*) FROM referral WHERE week = ? "
        "GROUP BY destination, status",
    ),
)


def recent_weeks(last: IsoWeek, count: int) -> list[str]:
    return [str(last - i) for i in range(count)]


def run_week_queries(conn: Any, week: str) -> int:
    """Run the set for one week; returns the number of rows read back (so nothing is skipped)."""
    rows = 0
    for _name, sql in WEEK_QUERIES:
        rows += len(conn.execute(sql, (week,)).fetchall())
    return rows
