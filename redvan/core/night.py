"""The reporting day ("the night") and the vault's clock (SPEC §3 "Reporting day", T14).

A shift runs past midnight, so every figure counts a contact on the night it belongs to: a
contact before the vault's day-start hour (default 06:00) belongs to the previous calendar day.
Times are wall-clock times in the vault's time zone (default Europe/Copenhagen); a time given
with an offset (``2026-10-25T23:30Z``, ``…+01:00``) is converted to that zone first, so the
machine's own time zone never decides anything.

The one rule, used by ``record``, the contact form, the demo, Tonight, tallies, sync, DHIS2 and
the audit bundle — all through :class:`Clock`:

* **wall clock** — an aware time is converted to the vault's zone and stored without an offset;
  a naive time is read as wall-clock time in the vault's zone.
* **daylight-saving gap** (spring forward, e.g. 02:30 on the last Sunday of March in Denmark,
  which never happens): the time is moved *forward by the length of the gap* (02:30 → 03:30),
  the reading PEP 495 gives with ``fold=0``.
* **daylight-saving overlap** (fall back, 02:30 happens twice): the *first* occurrence is meant
  (``fold=0``). The stored wall-clock time and its night are the same for both occurrences.
* **night** — the calendar date of (wall-clock time − day-start hours). 23:59 on a Sunday and
  01:30 the next morning are the same night, so the same ISO week.
* **week** — the ISO week of the night.

Because the night is a non-decreasing function of the wall-clock time, the earliest contact of
a person is also the one on the earliest night: "new in a period" can be decided from the
stored ``first_seen`` time against the period's window of nights (:meth:`Clock.window`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from redvan.core.weeks import IsoWeek

DEFAULT_DAY_START_HOUR = 6
DEFAULT_TIME_ZONE = "Europe/Copenhagen"
# A night may start from midnight (plain calendar days) to noon.
DAY_START_HOURS = range(0, 13)
# The setting keys in the vault's setting table.
DAY_START_SETTING = "day_start_hour"
TIME_ZONE_SETTING = "time_zone"


def zone_names() -> list[str]:
    """Every IANA time zone name this machine knows, sorted (for the Settings picker)."""
    return sorted(available_timezones())


def check_time_zone(name: object) -> str:
    """Return ``name`` if it is an IANA time zone this machine knows; else a clear ValueError."""
    if not isinstance(name, str) or not name or len(name) > 64 or name != name.strip():
        raise ValueError("The time zone must be an IANA name such as Europe/Copenhagen.")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"'{name[:64]}' is not a time zone this computer knows; "
            "use an IANA name such as Europe/Copenhagen."
        ) from None
    return name


def check_day_start(hour: object) -> int:
    """Return ``hour`` if it is a whole hour from 0 to 12; else a clear ValueError."""
    if isinstance(hour, bool) or not isinstance(hour, int) or hour not in DAY_START_HOURS:
        raise ValueError(
            f"The day-start hour must be a whole hour from {DAY_START_HOURS.start} "
            f"to {DAY_START_HOURS.stop - 1}."
        )
    return hour


@dataclass(frozen=True)
class Clock:
    """The vault's reporting-day rule: day-start hour and time zone (see the module docstring)."""

    day_start_hour: int = DEFAULT_DAY_START_HOUR
    time_zone: str = DEFAULT_TIME_ZONE

    def __post_init__(self) -> None:
        check_day_start(self.day_start_hour)
        check_time_zone(self.time_zone)

    @classmethod
    def from_settings(cls, day_start_hour: Any, time_zone: Any) -> Clock:
        """The clock from stored settings; a missing value takes its default."""
        hour = DEFAULT_DAY_START_HOUR if day_start_hour is None else day_start_hour
        zone = DEFAULT_TIME_ZONE if time_zone is None else time_zone
        return cls(int(hour), str(zone))

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    # -- the rule ---------------------------------------------------------------------

    def wall(self, moment: datetime) -> datetime:
        """``moment`` as a naive wall-clock time in the vault's zone, by the rule above.

        Aware times are converted; naive times in a daylight-saving gap move forward by the
        gap; naive times in an overlap stay as they are (the first occurrence). Seconds and
        smaller are kept.
        """
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment.astimezone(self.zone).replace(tzinfo=None)
        naive = moment.replace(tzinfo=None, fold=0)
        # With fold=0 a time in a gap reads with the offset from before the gap; converting it
        # through UTC and back lands on the same instant's real wall-clock time, after the gap.
        there = naive.replace(tzinfo=self.zone).astimezone(UTC).astimezone(self.zone)
        return there.replace(tzinfo=None, fold=0)

    def night(self, moment: datetime) -> date:
        """The reporting day ("night") that ``moment`` belongs to."""
        return (self.wall(moment) - timedelta(hours=self.day_start_hour)).date()

    def week(self, moment: datetime) -> IsoWeek:
        """The ISO week of the night that ``moment`` belongs to."""
        return IsoWeek.of(self.night(moment))

    def night_start(self, day: date) -> datetime:
        """The first wall-clock moment of night ``day`` (naive, in the vault's zone)."""
        return datetime.combine(day, time(self.day_start_hour))

    def window(self, first: IsoWeek, last: IsoWeek) -> tuple[datetime, datetime]:
        """[start, end) in wall-clock time of the nights of weeks ``first``–``last``."""
        return (
            self.night_start(first.monday()),
            self.night_start(last.sunday() + timedelta(days=1)),
        )

    # -- now --------------------------------------------------------------------------

    def now(self, utc_now: datetime | None = None) -> datetime:
        """The wall-clock time now in the vault's zone (naive, seconds kept)."""
        moment = utc_now if utc_now is not None else datetime.now(UTC)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return self.wall(moment)

    def tonight(self, utc_now: datetime | None = None) -> date:
        """The night it is now."""
        return self.night(self.now(utc_now))

    def this_week(self, utc_now: datetime | None = None) -> IsoWeek:
        """The ISO week of the night it is now: no output may hold a week after it."""
        return IsoWeek.of(self.tonight(utc_now))

    # -- what outputs say -------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """The rule as an output's metadata (R7): machine-readable and stable."""
        return {
            "day_start_hour": self.day_start_hour,
            "time_zone": self.time_zone,
            "rule": "night = calendar date of (wall-clock time in time_zone - day_start_hour); "
            "week = ISO week of the night; DST gap: moved forward; DST overlap: first occurrence",
        }

    def describe(self, language: str) -> str:
        """One sentence for a report's footer, in Danish or English."""
        hour = f"{self.day_start_hour:02d}:00"
        if language.lower().startswith("da"):
            return (
                f"Tal tælles pr. nat: en kontakt før kl. {hour} hører til dagen før "
                f"(tidszone {self.time_zone})."
            )
        return (
            f"Figures count by night: a contact before {hour} belongs to the previous day "
            f"(time zone {self.time_zone})."
        )
