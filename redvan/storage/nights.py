"""Stored nights: every contact's week, its services' and referrals' weeks, each profile's
first and last contact, and each programme inclusion's day, recomputed under the vault's
reporting-day rule (:mod:`redvan.core.night`).

Used by the schema migration that introduced the rule (contacts filed by calendar date, by the
machine's time zone or out of order are put on their night) and when a coordinator changes the
day-start hour or time zone. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from redvan.core.night import DAY_START_SETTING, TIME_ZONE_SETTING, Clock

Connection = Any  # a sqlcipher3 connection


def stored_clock(conn: Connection) -> Clock:
    """The clock the vault's settings name (defaults for a vault that names none)."""
    values = {}
    for key in (DAY_START_SETTING, TIME_ZONE_SETTING):
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        values[key] = json.loads(row[0]) if row else None
    return Clock.from_settings(values[DAY_START_SETTING], values[TIME_ZONE_SETTING])


def recompute_nights(conn: Connection, clock: Clock) -> int:
    """Put every stored record on its night under ``clock``; returns the contacts moved.

    Runs inside the caller's transaction. Contacts: ``time`` normalised (a time in a
    daylight-saving gap moves forward) and ``week`` = the ISO week of its night; their services
    and referrals follow. Profiles: ``first_seen``/``last_seen`` = earliest/latest contact.
    Inclusions tied to a contact date from that contact's night.
    """

    @lru_cache(maxsize=65536)
    def placed(stamp: str) -> tuple[str, str, str]:
        """(normalised time, week, night) of a stored time."""
        wall = clock.wall(datetime.fromisoformat(stamp))
        text = wall.isoformat(timespec="minutes") if wall.second == 0 else wall.isoformat()
        return text, str(clock.week(wall)), clock.night(wall).isoformat()

    changed = []
    for contact_id, stamp, week in conn.execute("SELECT id, time, week FROM contact"):
        text, new_week, _ = placed(str(stamp))
        if text != stamp or new_week != week:
            changed.append((text, new_week, contact_id))
    if changed:
        conn.executemany("UPDATE contact SET time = ?, week = ? WHERE id = ?", changed)
        conn.executemany(
            "UPDATE contact_service SET week = ? WHERE contact_id = ?",
            [(week, contact_id) for _, week, contact_id in changed],
        )
        conn.executemany(
            "UPDATE referral SET week = ? WHERE contact_id = ?",
            [(week, contact_id) for _, week, contact_id in changed],
        )
    # The earliest and latest contact of each person, however the contacts were entered.
    conn.execute(
        "UPDATE profile SET first_seen = s.first, last_seen = s.last FROM (SELECT profile_id, "
        "min(time) AS first, max(time) AS last FROM contact WHERE profile_id IS NOT NULL "
        "GROUP BY profile_id) AS s WHERE s.profile_id = profile.id "
        "AND (first_seen IS NOT s.first OR last_seen IS NOT s.last)"
    )
    # An inclusion dates from the night of the contact that included the person.
    moved = []
    for programme_id, profile_id, day, stamp in conn.execute(
        "SELECT i.programme_id, i.profile_id, i.included_on, c.time FROM programme_inclusion i "
        "JOIN contact c ON c.id = i.contact_id"
    ):
        night = placed(str(stamp))[2]
        if night != day:
            moved.append((night, programme_id, profile_id))
    if moved:
        conn.executemany(
            "UPDATE programme_inclusion SET included_on = ? "
            "WHERE programme_id = ? AND profile_id = ?",
            moved,
        )
    return len(changed)
