"""B6 profile lookup by code: `Services.find_by_code` with at least 100,000 profiles.

Demo codes run D0001, D0002, … without gaps, so the highest one is found by bisection. If the
vault has fewer profiles than the target, the scratch copy is topped up the way the demo
generator adds them (bulk rows with a keyed code token and a fresh alias), with codes T000001….
Half the lookups are codes that exist, half codes that do not (Z…), shuffled.
"""

from __future__ import annotations

import random
import time
import uuid
from pathlib import Path
from typing import Any

from bench.stats import Summary
from redvan.core.codes import code_token, new_alias
from redvan.core.services import Services
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock

_PROFILE_COLUMNS = (
    "id",
    "code_token",
    "alias",
    "age_band",
    "gender",
    "origin_region",
    "wants_exit_support",
    "created_at",
)


def demo_code_count(services: Services) -> int:
    """The highest n such that D{n:04d} finds a profile (demo codes have no gaps)."""
    low, high = 0, 1
    while services.find_by_code(f"D{high:04d}") is not None:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        if services.find_by_code(f"D{mid:04d}") is not None:
            low = mid
        else:
            high = mid
    return low


def top_up(store: VaultStore, wanted: int, rng: random.Random) -> int:
    """Add profiles until `wanted` profiles carry a code; returns how many were added."""
    have = int(
        store.conn.execute("SELECT count(*) FROM profile WHERE code_token IS NOT NULL").fetchone()[
            0
        ]
    )
    missing = max(0, wanted - have)
    if not missing:
        return 0
    secret = store.organisation_secret()
    aliases = {row[0] for row in store.conn.execute("SELECT alias FROM profile")}
    rows = []
    created = "2026-01-01T00:00:00"
    for number in range(1, missing + 1):
        alias = new_alias(rng, aliases.__contains__)
        aliases.add(alias)
        rows.append(
            (
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                code_token(secret, f"T{number:06d}"),
                alias,
                "unknown",
                "woman",
                "unknown",
                0,
                created,
            )
        )
    with store.transaction():
        store.bulk_insert("profile", _PROFILE_COLUMNS, rows)
    return missing


def run(
    vault_path: Path, passphrase: str, lookups: int, wanted_profiles: int, seed: int
) -> dict[str, Any]:
    rng = random.Random(seed)
    vault = unlock(vault_path, passphrase)
    try:
        store = VaultStore(vault)
        services = Services(store, rng=random.Random(seed))
        before = int(store.conn.execute("SELECT count(*) FROM profile").fetchone()[0])
        demo_codes = demo_code_count(services)
        added = top_up(store, wanted_profiles, rng)
        after = int(store.conn.execute("SELECT count(*) FROM profile").fetchone()[0])
        codes: list[tuple[str, bool]] = []
        for _ in range(lookups // 2):
            if added and rng.random() < added / (added + demo_codes):
                codes.append((f"T{rng.randint(1, added):06d}", True))
            else:
                codes.append((f"D{rng.randint(1, demo_codes):04d}", True))
            codes.append((f"Z{rng.randint(1, 999_999):06d}", False))
        rng.shuffle(codes)
        services.find_by_code("D0001")  # the organisation secret and statements are cached
        hits, misses, wrong = [], [], 0
        for code, exists in codes:
            started = time.perf_counter()
            found = services.find_by_code(code)
            took = (time.perf_counter() - started) * 1000
            (hits if exists else misses).append(took)
            wrong += int((found is not None) != exists)
    finally:
        vault.close(backup=False)
    return {
        "profiles_before": before,
        "demo_codes": demo_codes,
        "profiles_added": added,
        "profiles_after": after,
        "lookups": len(codes),
        "unexpected_results": wrong,
        "all": Summary.of(hits + misses).as_dict(),
        "existing": Summary.of(hits).as_dict(),
        "missing": Summary.of(misses).as_dict(),
    }
