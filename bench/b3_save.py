"""B3 save one contact: `Services.save_contact` on a scratch copy of the reference vault.

Each save has three services, one referral and its audit events, in its own transaction, as
after Ctrl+Enter in the intake form. A shift is started first, as on a night in the field, and
the service finds it itself (no shift id passed), as the intake and command line do.

After the measured run comes a diagnostic run through a statement-timing connection (where
the milliseconds go), kept apart so the wrapper cannot colour the measured figures.
"""

from __future__ import annotations

import random
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.diagnose import TimingConnection, store_over
from bench.stats import Summary
from bench.workload import contact_inputs
from redvan.core.model import ContactInput
from redvan.core.services import Services
from redvan.core.vocabulary import VocabularyKind
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock

WARMUP = 20
PROFILED_SAVES = 300


def _timed_saves(services: Services, inputs: list[ContactInput]) -> tuple[list[float], int]:
    samples, new_profiles = [], 0
    for entry in inputs:
        started = time.perf_counter()
        result = services.save_contact(entry)
        samples.append((time.perf_counter() - started) * 1000)
        new_profiles += int(result.new_profile)
    return samples, new_profiles


def _wal_frames(vault_path: Path) -> int:
    wal = vault_path.with_name(vault_path.name + "-wal")
    return (wal.stat().st_size - 32) // (4096 + 24) if wal.exists() and wal.stat().st_size else 0


def run(vault_path: Path, passphrase: str, saves: int, seed: int) -> dict[str, Any]:
    vault = unlock(vault_path, passphrase)
    try:
        store = VaultStore(vault)
        services = Services(store, rng=random.Random(seed))
        around = datetime.now().replace(second=0, microsecond=0)
        staff = [s.id for s in store.list_staff()][:2]
        zones = sorted(store.vocabulary_slugs(VocabularyKind.ZONE))[:3]
        services.start_shift("Bench van", zones, staff, around.replace(hour=0, minute=0))
        vocabulary = store.vocabulary()
        inputs = contact_inputs(vocabulary, random.Random(seed), WARMUP + saves, around=around)
        for entry in inputs[:WARMUP]:
            services.save_contact(entry)
        samples, new_profiles = _timed_saves(services, inputs[WARMUP:])
        coded = sum(1 for entry in inputs[WARMUP:] if entry.code is not None)
        contacts = store.count_contacts()
        autocheckpoint = int(vault.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])

        # Where the time goes: the same kind of saves through a statement-timing connection,
        # and how many pages (WAL frames) one save writes.
        timing = TimingConnection(vault.conn)
        timed_services = Services(store_over(vault, timing), rng=random.Random(seed + 1))
        more = contact_inputs(
            vocabulary, random.Random(seed + 1), PROFILED_SAVES, around=around, new_code_prefix="BP"
        )
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        frames_before = _wal_frames(vault_path)
        _timed_saves(timed_services, more)
        frames = _wal_frames(vault_path) - frames_before
    finally:
        vault.close(backup=False)
    return {
        "saves": saves,
        "warmup": WARMUP,
        "coded": coded,
        "new_profiles": new_profiles,
        "contacts_after": contacts,
        "wal_autocheckpoint": autocheckpoint,
        "ms": Summary.of(samples).as_dict(),
        "samples_ms": samples,
        "diagnosis": {
            "profiled_saves": PROFILED_SAVES,
            "statements": timing.breakdown(PROFILED_SAVES),
            # A lower bound: a background checkpoint may reset the WAL during the run.
            "wal_frames_per_save": frames / PROFILED_SAVES,
        },
    }
