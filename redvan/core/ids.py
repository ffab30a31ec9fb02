"""Record ids: random UUIDs, and time-ordered ones for the rows that are read by week.

A contact's services are stored in the order of their contact's id, so with random ids one
week's rows lie scattered over the whole table and every page a weekly query touches must be
read and decrypted on its own. A time-ordered id (the layout of RFC 9562's UUIDv7: 48 bits of
milliseconds since 1970, the version, then 74 random bits) keeps the rows made in the same
days side by side. Both are canonical UUID text, so ids made before this keep working.
"""

from __future__ import annotations

import secrets
import time
import uuid
from datetime import UTC, datetime

_MS_MASK = (1 << 48) - 1
_RAND_A_BITS = 12
_RAND_B_BITS = 62
RANDOM_BITS = _RAND_A_BITS + _RAND_B_BITS


def random_id() -> str:
    return str(uuid.uuid4())


def time_ordered_id(ms: int | None = None, random_bits: int | None = None) -> str:
    """A UUIDv7: `ms` milliseconds since 1970 (default: now), then 74 random bits.

    `random_bits` is for seeded generators (the demo); by default they come from `secrets`.
    """
    if ms is None:
        ms = time.time_ns() // 1_000_000
    if random_bits is None:
        random_bits = secrets.randbits(RANDOM_BITS)
    rand_a = (random_bits >> _RAND_B_BITS) & ((1 << _RAND_A_BITS) - 1)
    rand_b = random_bits & ((1 << _RAND_B_BITS) - 1)
    value = (ms & _MS_MASK) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def epoch_ms(at: datetime) -> int:
    """Milliseconds since 1970 for `at`; a naive time is read as UTC, so ids do not depend on
    the machine's time zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return int(at.timestamp() * 1000)
