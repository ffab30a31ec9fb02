"""Why B8 is what it is: the pages a save writes, and what SQLCipher adds per page.

Two context measurements printed under B8's ratio:

- **Pages per save, by B-tree.** On a copy of the plain twin (same schema and layout as the
  vault), the B8 saves run through redvan's own code with background checkpoints off; after
  each save the WAL frames it appended are read (the frame header holds the page number; in
  SQLCipher's WAL the header is not encrypted either, so the count is the same) and each page
  is put down to the table or index whose B-tree holds it, found by walking every B-tree's
  interior pages in the database file. Pages allocated since (new leaves at the end of a
  table, split halves) count as "new pages".
- **SQLCipher's cost per page written.** Commits of ten pages each into a fresh database,
  with and without a key, `synchronous=OFF` so no fsync hides it: the CPU time per page with
  the vault's cipher settings (SQLCipher 4 defaults, V1: AES-256-CBC, HMAC-SHA512, a random IV
  per page) minus the same without a key. Two settings V1 rules out are measured beside it,
  to show what changing V1 would buy: HMAC-SHA256, and no HMAC at all.

Pages per save times the cost per page is the cipher's share of a save. Nothing here is a
budget; it is the profile the issue asks for where a budget is not met.
"""

from __future__ import annotations

import os
import random
import statistics
import struct
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from bench.refdata import durable_copy, remove_copy
from bench.report import Figure

PAGE_FRAME_HEADER = 24
WAL_HEADER = 32
TOP = 8  # B-trees listed by name; the rest are summed


def _owners(db: Path, conn: Any) -> dict[int, str]:
    """Page number -> name of the table or index whose B-tree holds it (interior and leaf)."""
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    owner: dict[int, str] = {1: "page 1 (header, schema)"}
    with db.open("rb") as f:

        def page(number: int) -> bytes:
            f.seek((number - 1) * size)
            return f.read(size)

        def walk(name: str, number: int) -> None:
            owner[number] = name
            data = page(number)
            at = 100 if number == 1 else 0
            if data[at] not in (2, 5):  # a leaf
                return
            cells = struct.unpack(">H", data[at + 3 : at + 5])[0]
            right = struct.unpack(">I", data[at + 8 : at + 12])[0]
            pointers = [
                struct.unpack(">H", data[at + 12 + 2 * i : at + 14 + 2 * i])[0]
                for i in range(cells)
            ]
            for child in [struct.unpack(">I", data[p : p + 4])[0] for p in pointers] + [right]:
                if page(child)[0] in (2, 5):
                    walk(name, child)
                else:
                    owner[child] = name

        for name, root in conn.execute(
            "SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0"
        ).fetchall():
            walk(name, root)
    return owner


def pages_per_save(plain: Path, scratch: Path, saves: int, seed: int) -> dict[str, Any]:
    """The B8 saves on a plain copy; the pages each one wrote, by B-tree."""
    from bench.worker import WARMUP, plain_vault
    from bench.workload import contact_inputs
    from redvan.core.services import Services
    from redvan.core.vocabulary import VocabularyKind
    from redvan.storage import vault as vault_module
    from redvan.storage.repository import VaultStore

    db = scratch / "b8-pages.db"
    durable_copy(plain, db)
    # plain_vault swaps the vault module's connection opener for a plain one (it was written
    # for a worker process of its own): put it back, or every later budget opens plain files.
    real_open = vault_module.open_connection
    try:
        vault = plain_vault("sqlite3", db)
        vault.CHECKPOINT_EVERY = 10**9  # the WAL must keep every frame of the run
        try:
            store = VaultStore(vault)
            services = Services(store, rng=random.Random(seed))
            around = datetime.now().replace(second=0, microsecond=0)
            staff = [s.id for s in store.list_staff()][:2]
            zones = sorted(store.vocabulary_slugs(VocabularyKind.ZONE))[:3]
            services.start_shift("Bench van", zones, staff, around.replace(hour=0, minute=0))
            inputs = contact_inputs(
                store.vocabulary(), random.Random(seed), WARMUP + saves, around=around
            )
            for entry in inputs[:WARMUP]:
                services.save_contact(entry)
            vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            owner = _owners(db, vault.conn)
            size = vault.conn.execute("PRAGMA page_size").fetchone()[0]
            frame = size + PAGE_FRAME_HEADER
            wal = db.with_name(db.name + "-wal")
            by_tree: Counter[str] = Counter()
            written = []
            for entry in inputs[WARMUP:]:
                before = max(wal.stat().st_size if wal.exists() else 0, WAL_HEADER)
                services.save_contact(entry)
                with wal.open("rb") as f:
                    f.seek(before)
                    appended = f.read()
                pages = {
                    struct.unpack(">I", appended[i : i + 4])[0]
                    for i in range(0, len(appended) - frame + 1, frame)
                }
                written.append(len(pages))
                by_tree.update(owner.get(p, "new pages (appended leaves, splits)") for p in pages)
        finally:
            vault.close(backup=False)
    finally:
        vault_module.open_connection = real_open
        remove_copy(db)
    return {
        "saves": saves,
        "pages_per_save": sum(written) / len(written),
        "by_tree": {name: n / saves for name, n in by_tree.most_common()},
    }


# Cipher settings set after the key (as `redvan.storage.vault.CIPHER_SETTINGS`); "default" is
# the vault's (V1: SQLCipher 4 defaults). The others are not options for the vault: they show
# what a change to V1 would buy (`python -m bench --only B8 --b8-variants`).
CIPHER_VARIANTS: dict[str, tuple[str, ...]] = {
    "default": (),
    "hmac_sha256": ("PRAGMA cipher_hmac_algorithm = HMAC_SHA256",),
    "no_hmac": ("PRAGMA cipher_use_hmac = OFF",),
}
VARIANT_LABELS = {
    "hmac_sha256": "HMAC-SHA256 instead of SHA512",
    "no_hmac": "no HMAC (no tamper check)",
}
VARIANTS: dict[str, tuple[str, ...]] = {"plain": (), **CIPHER_VARIANTS}


def _commit_cpu(variant: str, folder: Path, pages: int, rounds: int) -> float:
    """CPU seconds per page of `rounds` commits of `pages` pages each."""
    path = folder / f"{variant}.db"
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        if variant != "plain":
            conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
            for pragma in VARIANTS[variant]:
                conn.execute(pragma)
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)")
        blob = os.urandom(3900)  # one row fills one 4 KiB page
        started = time.process_time()
        for _ in range(rounds):
            conn.execute("BEGIN")
            for _ in range(pages):
                conn.execute("INSERT INTO t (b) VALUES (?)", (blob,))
            conn.execute("COMMIT")
        return (time.process_time() - started) / (rounds * pages)
    finally:
        conn.close()


def cipher_cost_per_page(rounds: int = 100, repeats: int = 21) -> dict[str, float]:
    """CPU per page written (µs) for each variant, and what each adds to unkeyed SQLCipher.

    Short runs, the variants in a rotating order within each repeat, and the extra cost taken
    as the median of the differences within a repeat: the machine's speed changes over
    seconds, and a median of each variant on its own mixed those changes into the figures.
    """
    names = list(VARIANTS)
    runs: dict[str, list[float]] = {v: [] for v in names}
    extra: dict[str, list[float]] = {v: [] for v in names if v != "plain"}
    for repeat in range(repeats):
        order = names[repeat % len(names) :] + names[: repeat % len(names)]
        with tempfile.TemporaryDirectory(prefix="redvan-b8-page-") as tmp:
            took = {v: _commit_cpu(v, Path(tmp), 10, rounds) * 1e6 for v in order}
        for variant in names:
            runs[variant].append(took[variant])
            if variant != "plain":
                extra[variant].append(took[variant] - took["plain"])
    out = {f"{v}_us": statistics.median(t) for v, t in runs.items()}
    out.update({f"{v}_extra_us": statistics.median(t) for v, t in extra.items()})
    return out


PAGE = 4096
RESERVE = 80  # SQLCipher 4 default: 16 bytes IV + 64 bytes HMAC-SHA512 at the end of a page


def raw_page_cost(pages: int = 4000, repeats: int = 15) -> dict[str, float]:
    """CPU µs per page of the cipher work SQLCipher 4 does for one page written, done by
    OpenSSL through `cryptography` and hashlib in this process: AES-256-CBC of the page's
    4,016 bytes under a fresh random IV, and HMAC-SHA512 of those bytes, the IV and the page
    number. AES is timed over many pages in one call (the cipher's own cost, no per-call
    Python overhead); the IV and the HMAC one call per page (hmac.digest is OpenSSL's
    one-shot HMAC). Medians of `repeats` runs."""
    import hashlib
    import hmac

    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key, hmac_key = os.urandom(32), os.urandom(32)
    body = PAGE - RESERVE
    data = os.urandom(body * pages)
    aes: list[float] = []
    mac: list[float] = []
    for _ in range(repeats):
        started = time.process_time()
        encryptor = Cipher(algorithms.AES(key), modes.CBC(os.urandom(16))).encryptor()
        encryptor.update(data)
        encryptor.finalize()
        aes.append((time.process_time() - started) / pages * 1e6)
        view = memoryview(data)
        started = time.process_time()
        for n in range(pages):
            iv = os.urandom(16)
            hmac.digest(
                hmac_key,
                bytes(view[n * body : (n + 1) * body]) + iv + struct.pack("<I", n),
                hashlib.sha512,
            )
        mac.append((time.process_time() - started) / pages * 1e6)
    return {
        "aes_256_cbc_us": statistics.median(aes),
        "hmac_sha512_and_iv_us": statistics.median(mac),
        "raw_page_us": statistics.median(aes) + statistics.median(mac),
    }


def run(plain: Path, scratch: Path, saves: int, seed: int) -> dict[str, Any]:
    return {
        **pages_per_save(plain, scratch, saves, seed),
        "cipher": cipher_cost_per_page(),
        "raw": raw_page_cost(),
    }


def restated_figures(why: dict[str, Any]) -> list[Figure]:
    """B8's second half as restated: SQLCipher's CPU per page written against the raw cost
    of the same cipher work, both measured in this run."""
    if "raw" not in why:
        return []
    per_page = why["cipher"]["default_extra_us"]
    raw = why["raw"]
    return [
        Figure(
            "B8",
            "SQLCipher CPU per page written / raw AES-256-CBC + HMAC-SHA512 of a page",
            per_page / raw["raw_page_us"],
            "×",
            1.5,
        ),
        Figure("B8", "  SQLCipher CPU per page written, minus unkeyed", per_page, "µs"),
        Figure(
            "B8", "  raw: AES-256-CBC of 4,016 bytes (cryptography)", raw["aes_256_cbc_us"], "µs"
        ),
        Figure(
            "B8", "  raw: HMAC-SHA512 of a page + random IV", raw["hmac_sha512_and_iv_us"], "µs"
        ),
    ]


def figures(why: dict[str, Any], plain_save_ms: float) -> list[Figure]:
    cipher = why["cipher"]
    per_page = cipher["default_extra_us"]
    pages = why["pages_per_save"]
    out = [
        Figure("B8", f"  why: pages written per save (n={why['saves']})", pages, "pages"),
    ]
    trees = list(why["by_tree"].items())
    for name, n in trees[:TOP]:
        out.append(Figure("B8", f"    {name}", n, "pages"))
    if trees[TOP:]:
        rest = sum(n for _, n in trees[TOP:])
        out.append(Figure("B8", f"    {len(trees) - TOP} other B-trees", rest, "pages"))
    out += [
        Figure("B8", "  why: SQLCipher CPU per page written, minus unkeyed", per_page, "µs"),
        Figure("B8", "  why: so the cipher's share of a save", pages * per_page / 1000, "ms"),
        Figure("B8", "  why: against a plain save, median", plain_save_ms, "ms"),
    ]
    for variant, label in VARIANT_LABELS.items():
        out.append(
            Figure(
                "B8",
                f"  not V1: per page written, {label}",
                cipher[f"{variant}_extra_us"],
                "µs",
            )
        )
    return out


def variant_figures(variants: dict[str, Any]) -> list[Figure]:
    """The lock-step ratios measured with cipher settings V1 rules out (--b8-variants)."""
    out = []
    for variant, result in variants.items():
        ratios = result["ratios"]["sqlite3"]
        label = VARIANT_LABELS[variant]
        out += [
            Figure("B8", f"  not V1: overall with {label}", ratios["overall"], "×"),
            Figure("B8", f"    saves with {label}", ratios["saves"], "×"),
            Figure("B8", f"    week query sets with {label}", ratios["week_query_sets"], "×"),
        ]
    return out
