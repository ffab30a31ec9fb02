"""The programme from the 2025 memo, as test data: four years (208 weeks), a target of 465
persons, and 64 persons reached halfway. Used by the reach, CLI and GUI scenario tests.

Person j (0…63) is included in programme week 7 + ⌊98·j / 64⌋ — nobody in the first six weeks
(the start-up), then a steady trickle of about 0.65 persons a week, so 64 by week 104.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from redvan.core.model import ContactInput, Programme, ServiceGiven
from redvan.core.weeks import IsoWeek

FIRST = IsoWeek(2020, 2)  # 2020-W02 … 2023-W52
WEEKS = 208
TARGET = 465
PERSONS = 64
HALFWAY = WEEKS // 2  # week 104 of the programme
SLUG = "exit-2020"
NAME = "EXIT 2020–2023"
# The first programme week the early warning is on (computed and checked in test_reach.py).
WARNING_FROM_WEEK = 8


def inclusion_week(j: int) -> int:
    """Programme week (1 = the first) in which person j is included."""
    return 7 + (98 * j) // PERSONS


def inclusion_day(first: IsoWeek, j: int) -> date:
    return (first + (inclusion_week(j) - 1)).monday() + timedelta(days=2)  # a Wednesday


def programme(first: IsoWeek = FIRST) -> Programme:
    return Programme("p-exit", SLUG, NAME, str(first), str(first + (WEEKS - 1)), TARGET)


def inclusions(first: IsoWeek = FIRST) -> list[tuple[date, int]]:
    return [(inclusion_day(first, j), 1) for j in range(PERSONS)]


def record(services: object, first: IsoWeek = FIRST) -> None:
    """Create the programme and include its 64 persons through the real services."""
    from redvan.core.services import Services

    assert isinstance(services, Services)
    services.save_programme(SLUG, NAME, first, first + (WEEKS - 1), TARGET)
    for j in range(PERSONS):
        when = datetime.combine(inclusion_day(first, j), time(21, 30))
        services.save_contact(
            ContactInput(
                time=when,
                zone="istedgade",
                channel="street",
                code=f"EXIT{j:03d}",
                services=(ServiceGiven("exit-conversation", 1),),
                programme=SLUG,
            )
        )
