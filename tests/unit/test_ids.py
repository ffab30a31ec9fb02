"""Record ids: time-ordered ids sort by their time and are ordinary canonical UUIDs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from redvan.core.ids import RANDOM_BITS, epoch_ms, random_id, time_ordered_id
from redvan.core.services import new_id, new_record_id

MS = st.integers(0, (1 << 48) - 1)
BITS = st.integers(0, (1 << RANDOM_BITS) - 1)


@given(MS, BITS)
def test_time_ordered_id_is_a_canonical_uuid7_carrying_its_time(ms: int, bits: int) -> None:
    text = time_ordered_id(ms, bits)
    parsed = uuid.UUID(text)
    assert str(parsed) == text
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert parsed.int >> 80 == ms


@given(MS, MS, BITS, BITS)
def test_ids_sort_by_time_as_text(a: int, b: int, bits_a: int, bits_b: int) -> None:
    if a < b:
        assert time_ordered_id(a, bits_a) < time_ordered_id(b, bits_b)


@given(BITS, BITS)
def test_the_random_part_is_kept_whole(bits_a: int, bits_b: int) -> None:
    if bits_a != bits_b:
        assert time_ordered_id(1, bits_a) != time_ordered_id(1, bits_b)


def test_default_ids_are_now_and_unique() -> None:
    before = epoch_ms(datetime.now(UTC))
    made = {new_record_id() for _ in range(1000)}
    after = epoch_ms(datetime.now(UTC))
    assert len(made) == 1000
    assert all(before <= uuid.UUID(i).int >> 80 <= after for i in made)
    assert uuid.UUID(new_id()).version == 4
    assert uuid.UUID(random_id()).version == 4


def test_naive_times_are_read_as_utc() -> None:
    naive = datetime(2026, 3, 1, 21, 30)
    assert epoch_ms(naive) == epoch_ms(naive.replace(tzinfo=UTC))
    assert epoch_ms(naive + timedelta(milliseconds=5)) - epoch_ms(naive) == 5
