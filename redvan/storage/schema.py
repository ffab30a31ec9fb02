"""Versioned schema migrations. `PRAGMA user_version` holds the vault's schema version.

Never edit a released step: add a new one. tests/fixtures holds a vault made at every earlier
version, and tests/storage/test_migrations.py upgrades each of them (T11).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from redvan.storage.errors import SchemaTooNew
from redvan.storage.nights import recompute_nights, stored_clock

Connection = Any  # a sqlcipher3 connection; typed loosely to keep sqlcipher3 out of signatures

_V1 = """
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('outreach', 'coordinator')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX staff_name ON staff (display_name COLLATE NOCASE);
CREATE TABLE vocabulary (
    kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    label_en TEXT NOT NULL,
    label_da TEXT NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0,
    sort INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, slug)
) WITHOUT ROWID;
CREATE TABLE shift (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    team TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE TABLE shift_zone (
    shift_id TEXT NOT NULL REFERENCES shift (id) ON DELETE CASCADE,
    zone TEXT NOT NULL,
    PRIMARY KEY (shift_id, zone)
) WITHOUT ROWID;
CREATE TABLE shift_staff (
    shift_id TEXT NOT NULL REFERENCES shift (id) ON DELETE CASCADE,
    staff_id TEXT NOT NULL REFERENCES staff (id),
    PRIMARY KEY (shift_id, staff_id)
) WITHOUT ROWID;
CREATE TABLE profile (
    id TEXT PRIMARY KEY,
    code_token TEXT UNIQUE,
    alias TEXT NOT NULL UNIQUE,
    first_seen TEXT,
    last_seen TEXT,
    age_band TEXT NOT NULL DEFAULT 'unknown',
    gender TEXT NOT NULL DEFAULT 'unknown',
    origin_region TEXT NOT NULL DEFAULT 'unknown',
    wants_exit_support INTEGER NOT NULL DEFAULT 0,
    followup_consent TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE profile_language (
    profile_id TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    PRIMARY KEY (profile_id, language)
) WITHOUT ROWID;
CREATE TABLE programme (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    first_week TEXT NOT NULL,
    last_week TEXT NOT NULL,
    target INTEGER NOT NULL CHECK (target > 0),
    inclusion_rule TEXT NOT NULL DEFAULT ''
);
CREATE TABLE programme_inclusion (
    programme_id TEXT NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    profile_id TEXT NOT NULL REFERENCES profile (id),
    included_on TEXT NOT NULL,
    contact_id TEXT,
    PRIMARY KEY (programme_id, profile_id)
) WITHOUT ROWID;
CREATE TABLE contact (
    id TEXT PRIMARY KEY,
    shift_id TEXT REFERENCES shift (id),
    profile_id TEXT REFERENCES profile (id),
    time TEXT NOT NULL,
    week TEXT NOT NULL,
    zone TEXT,
    channel TEXT,
    age_band TEXT NOT NULL DEFAULT 'unknown',
    gender TEXT NOT NULL DEFAULT 'unknown',
    language TEXT,
    note TEXT,
    created_by TEXT REFERENCES staff (id),
    created_at TEXT NOT NULL
);
CREATE INDEX contact_week ON contact (week);
CREATE INDEX contact_profile ON contact (profile_id, time);
CREATE INDEX contact_shift ON contact (shift_id);
CREATE TABLE contact_service (
    contact_id TEXT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    service TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (contact_id, service)
) WITHOUT ROWID;
CREATE TABLE followup (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profile (id),
    type TEXT NOT NULL,
    due TEXT NOT NULL,
    assigned_staff_id TEXT REFERENCES staff (id),
    status TEXT NOT NULL DEFAULT 'open',
    outcome TEXT,
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX followup_due ON followup (status, due);
CREATE TABLE referral (
    id TEXT PRIMARY KEY,
    contact_id TEXT REFERENCES contact (id) ON DELETE CASCADE,
    profile_id TEXT REFERENCES profile (id),
    destination TEXT NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    followup_id TEXT REFERENCES followup (id),
    week TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX referral_week ON referral (week);
CREATE INDEX referral_contact ON referral (contact_id);
CREATE TABLE incident (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    week TEXT NOT NULL,
    zone TEXT,
    consent_tier TEXT NOT NULL,
    reported_to_police TEXT NOT NULL,
    description TEXT,
    created_by TEXT REFERENCES staff (id),
    created_at TEXT NOT NULL
);
CREATE INDEX incident_week ON incident (week);
CREATE TABLE incident_type (
    incident_id TEXT NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    PRIMARY KEY (incident_id, type)
) WITHOUT ROWID;
CREATE TABLE incident_support (
    incident_id TEXT NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    service TEXT NOT NULL,
    PRIMARY KEY (incident_id, service)
) WITHOUT ROWID;
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    staff_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
"""

# v2: retention and locking need their own tables; notes get a partial index for purges.
_V2 = """
CREATE TABLE purge_record (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    kind TEXT NOT NULL,
    count INTEGER NOT NULL,
    cutoff TEXT NOT NULL
);
CREATE TABLE draft (
    key TEXT PRIMARY KEY,
    staff_id TEXT,
    payload TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contact_note_time ON contact (time) WHERE note IS NOT NULL;
CREATE INDEX incident_description_date ON incident (date) WHERE description IS NOT NULL;
CREATE INDEX followup_outcome_closed ON followup (closed_at) WHERE outcome IS NOT NULL;
ALTER TABLE profile ADD COLUMN detached_at TEXT;
CREATE INDEX profile_last_seen ON profile (last_seen) WHERE code_token IS NOT NULL;
"""

# v3: an incident may name its person inside the vault (the link never leaves it); the police
# references handed out with anonymous third-party reports; how to reach partner organisations.
_V3 = """
ALTER TABLE incident ADD COLUMN profile_id TEXT REFERENCES profile (id);
ALTER TABLE incident ADD COLUMN updated_at TEXT;
CREATE INDEX incident_profile ON incident (profile_id) WHERE profile_id IS NOT NULL;
CREATE INDEX incident_date ON incident (date);
CREATE TABLE police_reference (
    reference TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    export_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES staff (id)
);
CREATE INDEX police_reference_incident ON police_reference (incident_id);
CREATE TABLE partner_organisation (
    kind TEXT NOT NULL DEFAULT 'destination' CHECK (kind = 'destination'),
    slug TEXT NOT NULL,
    areas TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    online TEXT NOT NULL DEFAULT '',
    hours TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, slug),
    FOREIGN KEY (kind, slug) REFERENCES vocabulary (kind, slug) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX referral_status ON referral (status, destination)
"""

# v4: tallies (R1, budget B4) read each week from covering indexes instead of the records. A
# service row carries its contact's week (the app writes it; the trigger fills it in for any
# other writer); contact_week is dropped, as both new contact indexes start with the week.
_V4 = """
ALTER TABLE contact_service ADD COLUMN week TEXT;
UPDATE contact_service SET week = (SELECT c.week FROM contact c WHERE c.id = contact_id);
CREATE INDEX contact_service_week ON contact_service (week, service, quantity);
CREATE INDEX contact_tally_place ON contact (week, channel, zone, profile_id);
CREATE INDEX contact_tally_person ON contact (week, age_band, gender, language);
CREATE INDEX programme_inclusion_day ON programme_inclusion (programme_id, included_on);
DROP INDEX contact_week
"""
_V4_TRIGGER = """
CREATE TRIGGER contact_service_week AFTER INSERT ON contact_service WHEN NEW.week IS NULL
BEGIN
    UPDATE contact_service SET week = (SELECT c.week FROM contact c WHERE c.id = NEW.contact_id)
    WHERE contact_id = NEW.contact_id AND service = NEW.service;
END
"""


def _v4(conn: Connection) -> None:
    _script(_V4)(conn)
    conn.execute(_V4_TRIGGER)  # one statement: its body holds semicolons


def _v5(conn: Connection) -> None:
    """v5: the reporting day (SPEC §3). Every contact was filed by calendar date (``record``,
    the app) or by its night (the demo), and times with an offset by the machine's zone: each
    contact's week (and its services' and referrals' weeks) is recomputed under the vault's
    rule, a time in a daylight-saving gap moves forward, ``first_seen``/``last_seen`` become the
    earliest/latest contact, and an inclusion dates from the night of its contact."""
    recompute_nights(conn, stored_clock(conn))


# v6: every record gets a random key (disclosure control, R2: the same records always give the
# same published figure, docs/disclosure-control.md). Triggers give a key to a row written
# without one, whoever writes it; a service row shares its contact's key. The tally's covering
# indexes carry the key, so a tally still reads only the indexes (B4).
_RECORD_KEY_TABLES = ("contact", "profile", "referral", "followup", "incident")
_V6 = """
DROP INDEX contact_tally_place;
DROP INDEX contact_tally_person;
DROP INDEX contact_service_week;
CREATE INDEX contact_tally_place ON contact (week, channel, zone, profile_id, rkey);
CREATE INDEX contact_tally_person ON contact (week, age_band, gender, language, rkey);
CREATE INDEX contact_service_week ON contact_service (week, service, quantity, rkey);
DROP INDEX programme_inclusion_day;
CREATE INDEX programme_inclusion_day ON programme_inclusion (programme_id, included_on, rkey)
"""


def _v6(conn: Connection) -> None:
    for table in (*_RECORD_KEY_TABLES, "contact_service"):
        if "rkey" not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN rkey INTEGER")
    for table in _RECORD_KEY_TABLES:
        conn.execute(f"UPDATE {table} SET rkey = random() & 4294967295 WHERE rkey IS NULL")
        conn.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_rkey AFTER INSERT ON {table} "
            f"WHEN NEW.rkey IS NULL BEGIN UPDATE {table} SET rkey = random() & 4294967295 "
            f"WHERE rowid = NEW.rowid; END"
        )
    conn.execute(
        "UPDATE contact_service SET rkey = (SELECT c.rkey FROM contact c "
        "WHERE c.id = contact_id) WHERE rkey IS NULL"
    )
    conn.execute(
        "CREATE TRIGGER IF NOT EXISTS contact_service_rkey AFTER INSERT ON contact_service "
        "WHEN NEW.rkey IS NULL BEGIN UPDATE contact_service SET rkey = (SELECT c.rkey FROM "
        "contact c WHERE c.id = NEW.contact_id) WHERE contact_id = NEW.contact_id "
        "AND service = NEW.service; END"
    )
    # An inclusion carries its person's key, so the reach line reads one index (B4).
    if "rkey" not in {row[1] for row in conn.execute("PRAGMA table_info(programme_inclusion)")}:
        conn.execute("ALTER TABLE programme_inclusion ADD COLUMN rkey INTEGER")
    conn.execute(
        "UPDATE programme_inclusion SET rkey = (SELECT p.rkey FROM profile p "
        "WHERE p.id = profile_id) WHERE rkey IS NULL"
    )
    conn.execute(
        "CREATE TRIGGER IF NOT EXISTS programme_inclusion_rkey AFTER INSERT ON "
        "programme_inclusion WHEN NEW.rkey IS NULL BEGIN UPDATE programme_inclusion SET rkey = "
        "(SELECT p.rkey FROM profile p WHERE p.id = NEW.profile_id) WHERE programme_id = "
        "NEW.programme_id AND profile_id = NEW.profile_id; END"
    )
    _script(_V6)(conn)


# v5 (audit at scale): the audit log's counts per UTC day, action and entity (audit bundles,
# B13) search an index over a period, in the order they are grouped, instead of scanning
# and sorting a million events.
def _audit_day_index(conn: Connection) -> None:
    conn.execute(
        "CREATE INDEX IF NOT EXISTS audit_day ON audit (substr(time, 1, 10), action, entity)"
    )


# v8 (issue 17, O4): programmes shared with partner organisations count a person by a token
# under the programme's shared key (HMAC of the code, computed when the code is typed), so the
# partners' inclusion sketches can be united; it goes with the code token when a profile is
# detached (V9).
_V8_PROGRAMME_TOKENS = """
CREATE TABLE IF NOT EXISTS programme_token (
    programme_id TEXT NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    profile_id TEXT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    PRIMARY KEY (programme_id, profile_id)
) WITHOUT ROWID
"""


def _v8_programme_tokens(conn: Connection) -> None:
    conn.execute(_V8_PROGRAMME_TOKENS)  # idempotent: IF NOT EXISTS


def _script(sql: str) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return step


# MIGRATIONS[n] takes a vault from version n to n + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _script(_V1),
    _script(_V2),
    _script(_V3),
    _v4,
    _v5,
    _v6,
    _audit_day_index,
    _v8_programme_tokens,
]
LATEST = len(MIGRATIONS)


def version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


# Tables whose rows each step reads or rewrites: the basis of the estimate of its work.
_STEP_TABLES: dict[int, tuple[str, ...]] = {
    0: (),
    1: ("contact", "incident", "followup", "profile"),
    2: ("incident", "referral"),
    3: ("contact_service", "contact", "programme_inclusion"),
    4: ("contact", "contact_service", "referral", "profile", "programme_inclusion"),
    5: ("contact", "contact_service", "profile", "referral", "followup", "incident"),
    6: ("audit",),
}
# SQLite virtual-machine instructions per row a step touches, measured on the 1M reference
# (an index build, an UPDATE with a look-up): only for the shape of the progress bar.
_OPS_PER_ROW = 28
_TICK = 20_000  # instructions between two progress reports


def pending_work(conn: Connection, target: int = LATEST) -> list[tuple[int, int]]:
    """(step, rows it touches) for every step from the vault's version up to `target`."""
    counted: dict[str, int] = {}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    work = []
    for step in range(version(conn), target):
        rows = 0
        for table in _STEP_TABLES.get(step, ()):
            if table in tables and table not in counted:
                counted[table] = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            rows += counted.get(table, 0)
        work.append((step, rows))
    return work


def migrate(
    conn: Connection,
    target: int = LATEST,
    progress: Callable[[int, int, str], None] | None = None,
    on_step: Callable[[Connection, int], None] | None = None,
) -> list[int]:
    """Apply every step from the vault's version up to `target`, each in its own transaction.

    A step is all or nothing: killed half way, the vault is still at the version before it
    and the next open runs the step again from its start. `progress` hears (done, total,
    "migrate") in estimated units of work (rows touched by each step, see pending_work) so
    a caller can show a bar and, from the rate so far, the time left. `on_step(conn, n)`
    runs inside the transaction of the step that brings the vault to version n (its audit
    event: a kill loses none and the next run repeats none)."""
    current = version(conn)
    if current > LATEST:
        raise SchemaTooNew
    plan = pending_work(conn, target) if progress is not None else []
    units = [max(1, rows) * _OPS_PER_ROW // _TICK + 1 for _, rows in plan]
    total = sum(units)
    done = 0
    applied = []
    for index, step_from in enumerate(range(current, target)):
        if progress is not None:
            step_units = units[index]
            ticks = 0

            def tick(start: int = done, cap: int = step_units) -> int:
                nonlocal ticks
                ticks += 1
                progress(start + min(ticks, cap - 1), total, "migrate")
                return 0  # never interrupt

            conn.set_progress_handler(tick, _TICK)
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[step_from](conn)
            conn.execute(f"PRAGMA user_version = {step_from + 1}")
            if on_step is not None:
                on_step(conn, step_from + 1)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            if progress is not None:
                conn.set_progress_handler(None, 0)
        applied.append(step_from + 1)
        if progress is not None:
            done += units[index]
            progress(done, total, "migrate")
    return applied
