"""T13 (SPEC §11, V11): a key change killed at random points (SIGKILL, many rounds).

A child process unlocks the vault and changes its key; it kills itself at one of the named
points of storage.rotation (after the copy, once everything is prepared, just before the
commit rename, between the two renames, at the end) or at a (seeded) random progress report
during the copy. After every kill, with nothing cleaned up, the parent checks that exactly one
vault opens, with every row it had, passing its integrity and cipher checks and its audit
chain; that no leftover of the rotation remains once it has been opened; and that, when the
change went through, the previous key opens nothing.

Quick by default; REDVAN_T13_ROUNDS=200 for the long run on demand; REDVAN_T13_SEED replays.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3
from _support import PASSPHRASE, health, new_vault, services_for

from redvan.core.demo import DemoPlan, generate
from redvan.storage import keyslots
from redvan.storage.rotation import next_db_path, next_keys_path
from redvan.storage.vault import open_connection, stored_generation, unlock

SEED = int(os.environ.get("REDVAN_T13_SEED", "1313"))
ROUNDS = int(os.environ.get("REDVAN_T13_ROUNDS", "6"))  # random points, after the named ones
NAMED = ("copied", "prepared", "before-swap", "swapped", "done")
CHILD = Path(__file__).with_name("_rotator.py")
PROJECT = Path(__file__).resolve().parents[2]
HANG_GUARD_SECONDS = 300  # a guard against a hung child, not a timing assertion

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")


def _rows(vault: object) -> dict[str, int]:
    conn = vault.conn  # type: ignore[attr-defined]
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
        for n in names
        if n not in ("audit", "setting")
    }


def _old_key_opens(path: Path, key: bytes) -> bool:
    try:
        conn = open_connection(path, key, readonly=True)
    except sqlcipher3.DatabaseError:
        return False
    conn.close()
    return True


def _run(path: Path, point: str, tmp: Path) -> int:
    env = dict(os.environ)
    if not point.startswith("progress:"):
        env["REDVAN_TEST_ROTATION_STOP"] = point
    with open(tmp / "child.err", "wb") as err:
        proc = subprocess.run(
            [sys.executable, str(CHILD), str(path), point],
            input=(PASSPHRASE + "\n").encode(),
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=PROJECT,
            env=env,
            timeout=HANG_GUARD_SECONDS,
            check=False,
        )
    return proc.returncode


def test_a_key_change_killed_anywhere_leaves_one_working_vault(tmp_path: Path) -> None:
    path = tmp_path / "night.redvan"
    created = new_vault(path)
    generate(services_for(created.vault), DemoPlan(weeks=3, seed=13, vans=1))
    expected = _rows(created.vault)
    created.vault.close(backup=False)

    rng = random.Random(SEED)
    points = [*NAMED, *(f"progress:{rng.randint(1, 8)}" for _ in range(ROUNDS))]
    generation = 0
    changed = 0
    for point in points:
        before = unlock(path, PASSPHRASE)
        old_key = before.raw_key
        before.close(backup=False)

        code = _run(path, point, tmp_path)
        killed = code == -signal.SIGKILL
        assert killed or code == 0, (point, (tmp_path / "child.err").read_text())

        vault = unlock(path, PASSPHRASE)  # finishes or undoes what the kill interrupted
        try:
            assert not next_db_path(path).exists() and not next_keys_path(path).exists()
            state = health(vault)
            assert state.integrity == ["ok"] and not state.cipher_failures, point
            assert state.chain_ok, (point, state.chain_detail)
            assert _rows(vault) == expected, point  # nothing lost, nothing doubled
            now = keyslots.read_keyfile(path).generation
            assert now in (generation, generation + 1), point
            assert stored_generation(vault.conn) == now
            assert path.read_bytes()[:16] == keyslots.db_salt(vault.vault_id, now)
            if now == generation + 1:
                changed += 1
                assert vault.raw_key != old_key
            else:
                assert vault.raw_key == old_key
        finally:
            vault.close(backup=False)
        if now != generation:
            assert not _old_key_opens(path, old_key), point
        generation = now
    assert changed >= 2  # "swapped" and "done" always commit; a kill before the rename never
