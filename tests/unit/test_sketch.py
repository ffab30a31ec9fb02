"""Person sketches (O3): accuracy, hostile input, what they reveal, and the merge's estimate."""

from __future__ import annotations

import base64
import copy
import json
import random
import secrets
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.codes import code_token
from redvan.core.model import ContactInput
from redvan.core.weeks import IsoWeek
from redvan.exchange import sketch, sync
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.merge import MANY_ORGANISATIONS, NO_SKETCHES, Ledger, merge, render
from redvan.exchange.signing import DeviceKey
from redvan.exchange.sketch import Sketch, SketchError, item_hash, person_key
from redvan.exchange.sync import build_package, check_document
from tests.org_packages import package

KEYS = [DeviceKey.generate().public for _ in range(3)]
W = ["2026-W10", "2026-W11", "2026-W12"]


_RNG = random.Random(17)  # the same tokens every run: no test depends on luck


def tokens(n: int, tag: str = "") -> set[str]:
    return {f"{tag}{_RNG.getrandbits(256):064x}" for _ in range(n)}


@pytest.mark.parametrize("n", [0, 1, 30, 700, 5000, 50_000])
def test_the_interval_holds_the_true_number(n: int) -> None:
    s = Sketch.of(b"k" * 32, tokens(n))
    e = s.interval()
    assert e.low <= n <= e.high
    assert e.high - e.low <= max(2, 0.2 * n)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sets(st.integers(0, 400), max_size=60), min_size=1, max_size=4))
def test_union_is_the_sketch_of_the_union(sets: list[set[int]]) -> None:
    key = b"u" * 32
    parts = [Sketch.of(key, map(str, s)) for s in sets]
    assert Sketch.union(parts) == Sketch.of(key, map(str, set().union(*sets)))
    assert Sketch.union(reversed(parts)) == Sketch.union(parts)  # order does not matter
    assert Sketch.union(parts + parts) == Sketch.union(parts)  # re-uniting changes nothing


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A" * 1368,  # right length, no padding: not base64 of 1024 bytes
        base64.b64encode(bytes(1023)).decode(),
        base64.b64encode(bytes([56]) + bytes(1023)).decode(),  # rank 56: no hash sets it
        "é" * 1368,
        "=" * 1368,
    ],
)
def test_a_damaged_sketch_is_refused(text: str) -> None:
    with pytest.raises(SketchError):
        Sketch.decode(text)


def _package_with_one_week(services, codes: list[str]) -> dict:  # type: ignore[no-untyped-def]
    for i, code in enumerate(codes):
        services.save_contact(ContactInput(time=datetime(2026, 3, 3, 22, i % 60), code=code))
    week = IsoWeek(2026, 10)
    return build_package(
        services,
        week,
        week,
        public_key=KEYS[0],
        sequence=1,
        created=datetime(2026, 3, 9),
    )


def test_without_the_organisation_secret_nobody_can_test_a_code(services) -> None:  # type: ignore[no-untyped-def]
    """An attacker with the package but another secret (or none) guesses codes: a code seen
    and a code not seen land in a filled register equally often. With the secret, every code
    seen does, which is what docs/exchange.md says a holder of the secret can learn."""
    seen = [f"SEEN{i:03d}X" for i in range(300)]
    unseen = [f"NEVER{i:03d}Y" for i in range(300)]
    document = _package_with_one_week(services, seen)
    registers = Sketch.decode(document["weeks"][0]["sketch"]).registers
    assert "SEEN" not in json.dumps(document)  # no code, no token in the package
    for profile_token in (code_token(services.store.organisation_secret(), seen[0]),):
        assert profile_token not in json.dumps(document)

    def hits(secret: bytes, codes: list[str]) -> int:
        key = person_key(secret)
        out = 0
        for code in codes:
            h = item_hash(key, code_token(secret, code))
            rank = sketch._VALUE_BITS - (h & ((1 << sketch._VALUE_BITS) - 1)).bit_length() + 1
            out += registers[h >> sketch._VALUE_BITS] >= rank
        return out

    real = services.store.organisation_secret()
    assert hits(real, seen) == len(seen)
    for guess in (secrets.token_bytes(32), bytes(32), b"redvan" * 6):
        # Same chance for codes seen and not seen: no better than a coin.
        assert abs(hits(guess, seen) - hits(guess, unseen)) < 45


def test_package_sketches_only_weeks_with_persons_and_is_checked(services) -> None:  # type: ignore[no-untyped-def]
    document = _package_with_one_week(services, ["MAJA7", "LIV22", "MAJA7"])
    assert document["estimates"]["method"] == sketch.METHOD
    assert Sketch.decode(document["weeks"][0]["sketch"]).filled == 2
    check_document(document, "fine")

    def refused(change) -> str:  # type: ignore[no-untyped-def]
        bad = copy.deepcopy(document)
        change(bad)
        with pytest.raises(ImportRefused) as info:
            check_document(bad, "bad.json")
        return str(info.value)

    assert "no person sketch" in refused(lambda d: d["weeks"][0].pop("sketch"))
    full = Sketch.of(b"x" * 32, map(str, range(50))).encode()
    assert "more persons than the week" in refused(lambda d: d["weeks"][0].update(sketch=full))
    assert "cannot have" in refused(lambda d: d.pop("estimates"))
    assert "not a valid sync package" in refused(lambda d: d["weeks"][0].update(sketch="A" * 1368))
    high = base64.b64encode(bytes([60]) + bytes(1023)).decode()
    assert "register" in refused(lambda d: d["weeks"][0].update(sketch=high))


def test_merge_estimates_one_person_met_by_two_vans_once() -> None:
    """Before: the merge said only 'between 100 and 180' for two vans sharing 20 persons."""
    secret = bytes(range(32))
    shared, a, b = tokens(20), tokens(80), tokens(60)
    packages = [
        package(KEYS[0], 1, {W[0]: shared | a, W[1]: a}, secret),
        package(KEYS[1], 1, {W[0]: shared, W[1]: b}, secret),
    ]
    result = merge(Ledger(), packages)
    assert (result.persons.low, result.persons.high) == (100, 180)
    assert result.estimate is not None
    assert result.estimate.low <= 160 <= result.estimate.high
    assert result.estimate.high - result.estimate.low <= 30  # of the 80 the range leaves open
    week = result.week_estimates[W[0]]
    assert week.low <= 100 <= week.high and week.high - week.low <= 10


def test_merge_of_sub_period_re_exports_estimates_across_weeks() -> None:
    """One van, a year package and a newer package of some of its weeks: the certain range is
    wide, the sketches of the winning weeks still give the distinct persons."""
    secret = secrets.token_bytes(32)
    weeks = {w: tokens(40) | {"regular"} for w in W}
    newer = {W[1]: weeks[W[1]] | tokens(5)}
    result = merge(
        Ledger(), [package(KEYS[0], 1, weeks, secret), package(KEYS[0], 2, newer, secret)]
    )
    truth = len(set().union(weeks[W[0]], newer[W[1]], weeks[W[2]]))
    assert not result.persons.exact
    assert result.estimate is not None and result.estimate.low <= truth <= result.estimate.high


def test_no_estimate_across_organisations_or_without_sketches() -> None:
    one, other = secrets.token_bytes(32), secrets.token_bytes(32)
    mixed = merge(
        Ledger(),
        [
            package(KEYS[0], 1, {W[0]: tokens(9)}, one),
            package(KEYS[1], 1, {W[0]: tokens(9)}, other),
        ],
    )
    assert mixed.estimate is None and mixed.no_estimate == MANY_ORGANISATIONS
    old = merge(
        Ledger(),
        [package(KEYS[0], 1, {W[0]: tokens(9)}, one), package(KEYS[1], 1, {W[0]: tokens(9)}, None)],
    )
    assert old.estimate is None and old.no_estimate == NO_SKETCHES
    text = render(old, "text", "en", datetime(2026, 3, 9)).decode()
    assert "No estimate of distinct persons" in text


def test_outputs_show_the_estimate_and_never_a_sketch() -> None:
    secret = secrets.token_bytes(32)
    packages = [
        package(KEYS[0], 1, {W[0]: tokens(60, "a")}, secret),
        package(KEYS[1], 1, {W[0]: tokens(50, "b")}, secret),
    ]
    result = merge(Ledger(), packages)
    sketches = [p.document["weeks"][0]["sketch"] for p in packages]
    for fmt in ("text", "json", "csv"):
        out = render(result, fmt, "en", datetime(2026, 3, 9)).decode()
        assert not any(s[:40] in out for s in sketches)
        assert "estimate" in out
    data = json.loads(render(result, "json", "en", datetime(2026, 3, 9)))
    e = data["merge"]["estimate"]
    assert e["low"] <= 110 <= e["high"] and e["weeks"][0]["week"] == W[0]
    csv = render(result, "csv", "da", datetime(2026, 3, 9)).decode()
    assert "persons-estimate-low" in csv and "anslået" in csv


def test_sketch_schema_matches_the_encoding() -> None:
    schema = sync.schema()["$defs"]["sketch"]
    assert schema["minLength"] == schema["maxLength"] == sketch.ENCODED_LENGTH
    assert len(Sketch().encode()) == sketch.ENCODED_LENGTH


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=70), max_size=20))
def test_the_export_hasher_is_the_keyed_hash(items: list[str]) -> None:
    hashed = sketch.Hasher(b"h" * 32)
    assert [hashed(i) for i in items + items] == [item_hash(b"h" * 32, i) for i in items + items]
