"""The SQL behind core.ports.Store, over an unlocked vault's connection."""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import partial
from itertools import repeat
from operator import methodcaller
from typing import Any

import sqlcipher3

from redvan.core.model import (
    Contact,
    FollowUp,
    Incident,
    Profile,
    Programme,
    PurgeRecord,
    Referral,
    ServiceGiven,
    Shift,
    Staff,
)
from redvan.core.night import Clock
from redvan.core.ports import Store
from redvan.core.referrals import PartnerOrganisation
from redvan.core.tally import KeyedCells, TallyRows
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek, week_range
from redvan.storage import audit
from redvan.storage.errors import DiskFull, StorageFailed, VaultDamaged, VaultReadOnly
from redvan.storage.keyed import keyed_cells
from redvan.storage.nights import recompute_nights, stored_clock
from redvan.storage.vault import Vault, is_damage, is_disk_full, newest_backup

_BULK_TABLES = frozenset(
    {
        "profile",
        "profile_language",
        "contact",
        "contact_service",
        "referral",
        "followup",
        "incident",
        "incident_type",
        "incident_support",
        "programme_inclusion",
        "shift",
        "shift_zone",
        "shift_staff",
    }
)


def _ts(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class VaultStore:
    """Implements core.ports.Store for one unlocked vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.staff_id = vault.staff_id
        self._depth = 0

    @property
    def conn(self) -> Any:
        return self.vault.conn

    # -- transactions and errors --------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction; nested calls join the outer one. Storage faults become
        clear VaultErrors: the entry was not saved, and nothing committed before is touched."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if self.vault.read_only:
            raise VaultReadOnly()  # opened read-only on a full disk: say so, plainly
        conn = self.conn
        self.vault.write_lock.acquire()
        self._depth = 1
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self.vault.committed()
        except sqlcipher3.Error as exc:
            with contextlib.suppress(sqlcipher3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            raise self._translate(exc) from None
        finally:
            self._depth = 0
            self.vault.write_lock.release()

    def _translate(self, exc: sqlcipher3.Error) -> Exception:
        if is_disk_full(exc):
            return DiskFull()
        if is_damage(exc):
            return VaultDamaged(self.vault.path, newest_backup(self.vault.path))
        if isinstance(exc, sqlcipher3.IntegrityError):
            return StorageFailed()
        return StorageFailed()

    def audit(self, action: str, entity: str, entity_id: str | None) -> None:
        audit.append(self.conn, self.staff_id, action, entity, entity_id)

    # -- settings -----------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def clock(self) -> Clock:
        """The vault's reporting-day rule (day-start hour and time zone settings)."""
        return stored_clock(self.conn)

    def recompute_nights(self, clock: Clock) -> int:
        """Put every stored record on its night under ``clock`` (after a settings change)."""
        return recompute_nights(self.conn, clock)

    def organisation_secret(self) -> bytes:
        value = self.get_setting("organisation_secret")
        if value is None:
            value = secrets.token_hex(32)
            with self.transaction():
                self.set_setting("organisation_secret", value)
        return bytes.fromhex(value)

    def replace_organisation_secret(self, secret: bytes) -> None:
        """Take the organisation's secret on joining it (O1); only while no person is coded,
        since every stored token was made under the old secret."""
        if len(secret) != 32:
            raise ValueError("An organisation secret is 32 bytes.")
        if self.has_person_records():
            raise ValueError("A vault that holds persons keeps its organisation secret.")
        self.set_setting("organisation_secret", secret.hex())

    def has_person_records(self) -> bool:
        """Whether the vault holds any profile or contact."""
        return bool(
            self.conn.execute("SELECT 1 FROM profile LIMIT 1").fetchone()
            or self.conn.execute("SELECT 1 FROM contact LIMIT 1").fetchone()
        )

    # -- staff --------------------------------------------------------------------------

    def list_staff(self, *, include_inactive: bool = False) -> list[Staff]:
        sql = "SELECT id, display_name, role, active FROM staff"
        if not include_inactive:
            sql += " WHERE active = 1"
        return [
            Staff(r[0], r[1], r[2], bool(r[3]))
            for r in self.conn.execute(sql + " ORDER BY display_name")
        ]

    def add_staff(self, staff: Staff) -> None:
        self.conn.execute(
            "INSERT INTO staff (id, display_name, role, active, created_at) VALUES (?, ?, ?, ?, ?)",
            (staff.id, staff.display_name, staff.role, int(staff.active), audit.now_iso()),
        )

    def set_staff_active(self, staff_id: str, active: bool) -> None:
        self.conn.execute("UPDATE staff SET active = ? WHERE id = ?", (int(active), staff_id))

    # -- vocabularies -------------------------------------------------------------------

    def vocabulary(self, kind: VocabularyKind | None = None) -> list[VocabularyEntry]:
        sql = "SELECT kind, slug, label_en, label_da, retired, sort, quantity FROM vocabulary"
        params: tuple[Any, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            params = (kind.value,)
        rows = self.conn.execute(sql + " ORDER BY kind, sort, slug", params)
        return [
            VocabularyEntry(
                VocabularyKind(r[0]), r[1], r[2], r[3], bool(r[4]), r[5], quantity=bool(r[6])
            )
            for r in rows
        ]

    def vocabulary_slugs(self, kind: VocabularyKind) -> set[str]:
        rows = self.conn.execute(
            "SELECT slug FROM vocabulary WHERE kind = ? AND retired = 0", (kind.value,)
        )
        return {r[0] for r in rows}

    def upsert_vocabulary(self, entry: VocabularyEntry) -> None:
        self.conn.execute(
            "INSERT INTO vocabulary (kind, slug, label_en, label_da, quantity, retired, sort) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, slug) DO UPDATE SET "
            "label_en = excluded.label_en, label_da = excluded.label_da, "
            "quantity = excluded.quantity, retired = excluded.retired, sort = excluded.sort",
            (
                entry.kind.value,
                entry.slug,
                entry.label_en,
                entry.label_da,
                int(entry.quantity),
                int(entry.retired),
                entry.sort,
            ),
        )

    def vocabulary_in_use(self, kind: VocabularyKind, slug: str) -> bool:
        checks = {
            VocabularyKind.SERVICE: [
                "SELECT 1 FROM contact_service WHERE service = ? LIMIT 1",
                "SELECT 1 FROM incident_support WHERE service = ? LIMIT 1",
            ],
            VocabularyKind.DESTINATION: ["SELECT 1 FROM referral WHERE destination = ? LIMIT 1"],
            VocabularyKind.ZONE: [
                "SELECT 1 FROM contact WHERE zone = ? LIMIT 1",
                "SELECT 1 FROM shift_zone WHERE zone = ? LIMIT 1",
                "SELECT 1 FROM incident WHERE zone = ? LIMIT 1",
            ],
            VocabularyKind.CHANNEL: ["SELECT 1 FROM contact WHERE channel = ? LIMIT 1"],
            VocabularyKind.LANGUAGE: [
                "SELECT 1 FROM contact WHERE language = ? LIMIT 1",
                "SELECT 1 FROM profile_language WHERE language = ? LIMIT 1",
            ],
            VocabularyKind.ORIGIN_REGION: ["SELECT 1 FROM profile WHERE origin_region = ? LIMIT 1"],
        }[kind]
        return any(self.conn.execute(sql, (slug,)).fetchone() for sql in checks)

    def delete_vocabulary(self, kind: VocabularyKind, slug: str) -> None:
        self.conn.execute("DELETE FROM vocabulary WHERE kind = ? AND slug = ?", (kind.value, slug))

    # -- profiles -----------------------------------------------------------------------

    _PROFILE_COLS = (
        "p.id, p.alias, p.first_seen, p.last_seen, p.age_band, p.gender, p.origin_region, "
        "p.wants_exit_support, p.followup_consent, p.detached_at, "
        "(SELECT group_concat(language) FROM profile_language WHERE profile_id = p.id)"
    )

    def _profile(self, row: Sequence[Any] | None) -> Profile | None:
        if row is None:
            return None
        return Profile(
            id=row[0],
            alias=row[1],
            first_seen=_dt(row[2]),
            last_seen=_dt(row[3]),
            age_band=row[4],
            gender=row[5],
            origin_region=row[6],
            wants_exit_support=bool(row[7]),
            followup_consent=date.fromisoformat(row[8]) if row[8] else None,
            detached=row[9] is not None,
            languages=tuple(sorted(row[10].split(","))) if row[10] else (),
        )

    def profile_by_token(self, token: str) -> Profile | None:
        row = self.conn.execute(
            f"SELECT {self._PROFILE_COLS} FROM profile p WHERE p.code_token = ?", (token,)
        ).fetchone()
        return self._profile(row)

    def profile_by_id(self, profile_id: str) -> Profile | None:
        row = self.conn.execute(
            f"SELECT {self._PROFILE_COLS} FROM profile p WHERE p.id = ?", (profile_id,)
        ).fetchone()
        return self._profile(row)

    def profiles_by_alias(self, text: str, limit: int = 20) -> list[Profile]:
        pattern = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # Choose the page first on two columns, then read the whole rows of that page only:
        # sorting whole rows would run the language subquery for every person (B7).
        if pattern:
            page = (
                "SELECT id, last_seen FROM profile WHERE alias LIKE ? ESCAPE '\\' "
                "ORDER BY last_seen DESC LIMIT ?"
            )
            params: tuple[Any, ...] = (pattern + "%", limit)
        else:
            # Everyone, most recently seen first: the people with a code in the order of
            # profile_last_seen, merged with the detached ones (found by their NULL code in the
            # code's unique index), instead of sorting the whole table.
            page = (
                "SELECT id, last_seen FROM (SELECT id, last_seen FROM profile "
                "WHERE code_token IS NOT NULL ORDER BY last_seen DESC LIMIT ?) UNION ALL "
                "SELECT id, last_seen FROM (SELECT id, last_seen FROM profile "
                "WHERE code_token IS NULL ORDER BY last_seen DESC LIMIT ?) "
                "ORDER BY last_seen DESC LIMIT ?"
            )
            params = (limit, limit, limit)
        rows = self.conn.execute(
            f"SELECT {self._PROFILE_COLS} FROM ({page}) t JOIN profile p ON p.id = t.id "
            "ORDER BY t.last_seen DESC",
            params,
        ).fetchall()
        return [p for p in (self._profile(r) for r in rows) if p is not None]

    def alias_taken(self, alias: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM profile WHERE alias = ?", (alias,)).fetchone()
        return row is not None

    def insert_profile(self, profile: Profile, token: str) -> None:
        self.conn.execute(
            "INSERT INTO profile (id, code_token, alias, first_seen, last_seen, age_band, gender, "
            "origin_region, wants_exit_support, followup_consent, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                profile.id,
                token,
                profile.alias,
                _ts(profile.first_seen),
                _ts(profile.last_seen),
                profile.age_band,
                profile.gender,
                profile.origin_region,
                int(profile.wants_exit_support),
                profile.followup_consent.isoformat() if profile.followup_consent else None,
                audit.now_iso(),
            ),
        )

    def touch_profile(
        self,
        profile_id: str,
        seen: datetime,
        *,
        age_band: str | None,
        gender: str | None,
        origin_region: str | None,
        language: str | None,
    ) -> None:
        stamp = _ts(seen)
        self.conn.execute(
            "UPDATE profile SET "
            "first_seen = min(coalesce(first_seen, ?1), ?1), "
            "last_seen = max(coalesce(last_seen, ?1), ?1), "
            "age_band = coalesce(?2, age_band), gender = coalesce(?3, gender), "
            "origin_region = coalesce(?4, origin_region) WHERE id = ?5",
            (stamp, age_band, gender, origin_region, profile_id),
        )
        if language:
            self.conn.execute(
                "INSERT OR IGNORE INTO profile_language (profile_id, language) VALUES (?, ?)",
                (profile_id, language),
            )

    def update_profile_flags(
        self,
        profile_id: str,
        *,
        wants_exit_support: bool | None = None,
        followup_consent: date | None | bool = False,
    ) -> None:
        if wants_exit_support is not None:
            self.conn.execute(
                "UPDATE profile SET wants_exit_support = ? WHERE id = ?",
                (int(wants_exit_support), profile_id),
            )
        if followup_consent is not False:
            value = followup_consent.isoformat() if isinstance(followup_consent, date) else None
            self.conn.execute(
                "UPDATE profile SET followup_consent = ? WHERE id = ?", (value, profile_id)
            )

    def delete_profile_if_unused(self, profile_id: str) -> bool:
        for table in ("contact", "followup", "referral", "programme_inclusion", "incident"):
            if self.conn.execute(
                f"SELECT 1 FROM {table} WHERE profile_id = ? LIMIT 1", (profile_id,)
            ).fetchone():
                return False
        self.conn.execute("DELETE FROM profile WHERE id = ?", (profile_id,))
        return True

    _CONTACT_COLS = (
        "c.id, c.time, c.week, c.shift_id, c.profile_id, c.zone, c.channel, c.age_band, "
        "c.gender, c.language, c.note, "
        "(SELECT group_concat(service || ':' || quantity) FROM contact_service "
        "WHERE contact_id = c.id)"
    )

    def _contact(self, row: Sequence[Any] | None) -> Contact | None:
        if row is None:
            return None
        services: tuple[ServiceGiven, ...] = ()
        if row[11]:
            services = tuple(
                ServiceGiven(s, int(q)) for s, q in (p.rsplit(":", 1) for p in row[11].split(","))
            )
        return Contact(
            id=row[0],
            time=datetime.fromisoformat(row[1]),
            week=row[2],
            shift_id=row[3],
            profile_id=row[4],
            zone=row[5],
            channel=row[6],
            age_band=row[7],
            gender=row[8],
            language=row[9],
            note=row[10],
            services=services,
        )

    def last_contact(self, profile_id: str) -> Contact | None:
        row = self.conn.execute(
            f"SELECT {self._CONTACT_COLS} FROM contact c WHERE c.profile_id = ? "
            "ORDER BY c.time DESC LIMIT 1",
            (profile_id,),
        ).fetchone()
        return self._contact(row)

    def contacts_of_profile(self, profile_id: str, limit: int = 200) -> list[Contact]:
        rows = self.conn.execute(
            f"SELECT {self._CONTACT_COLS} FROM contact c WHERE c.profile_id = ? "
            "ORDER BY c.time DESC LIMIT ?",
            (profile_id, limit),
        ).fetchall()
        return [c for c in (self._contact(r) for r in rows) if c is not None]

    def referrals_of_profile(self, profile_id: str) -> list[Referral]:
        rows = self.conn.execute(
            "SELECT id, contact_id, profile_id, destination, area, status, created_at, "
            "followup_id FROM referral WHERE profile_id = ? ORDER BY created_at DESC",
            (profile_id,),
        )
        return [
            Referral(r[0], r[1], r[2], r[3], r[4], r[5], datetime.fromisoformat(r[6]), r[7])
            for r in rows
        ]

    def followups_of_profile(self, profile_id: str) -> list[FollowUp]:
        rows = self.conn.execute(
            f"{self._FOLLOWUP_SQL} WHERE f.profile_id = ? ORDER BY f.due", (profile_id,)
        )
        return [self._followup(r) for r in rows]

    def inclusions_of_profile(self, profile_id: str) -> list[tuple[Programme, date]]:
        rows = self.conn.execute(
            "SELECT p.id, p.slug, p.name, p.first_week, p.last_week, p.target, p.inclusion_rule, "
            "i.included_on FROM programme_inclusion i JOIN programme p ON p.id = i.programme_id "
            "WHERE i.profile_id = ? ORDER BY i.included_on",
            (profile_id,),
        )
        return [(Programme(*r[:7]), date.fromisoformat(r[7])) for r in rows]

    def programmes(self) -> list[Programme]:
        rows = self.conn.execute(
            "SELECT id, slug, name, first_week, last_week, target, inclusion_rule "
            "FROM programme ORDER BY first_week DESC, slug"
        )
        return [Programme(*r) for r in rows]

    # -- contacts -----------------------------------------------------------------------

    def insert_contact(self, contact: Contact, created_by: str | None) -> None:
        self.conn.execute(
            "INSERT INTO contact (id, shift_id, profile_id, time, week, zone, channel, age_band, "
            "gender, language, note, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                contact.id,
                contact.shift_id,
                contact.profile_id,
                _ts(contact.time),
                contact.week,
                contact.zone,
                contact.channel,
                contact.age_band,
                contact.gender,
                contact.language,
                contact.note,
                created_by,
                audit.now_iso(),
            ),
        )
        if contact.services:
            self.conn.executemany(
                "INSERT INTO contact_service (contact_id, service, quantity, week) "
                "VALUES (?, ?, ?, ?)",
                [(contact.id, s.service, s.quantity, contact.week) for s in contact.services],
            )

    def insert_referral(
        self,
        referral_id: str,
        contact_id: str | None,
        profile_id: str | None,
        destination: str,
        area: str,
        status: str,
        week: str,
        at: datetime,
    ) -> None:
        self.conn.execute(
            "INSERT INTO referral (id, contact_id, profile_id, destination, area, status, week, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                referral_id,
                contact_id,
                profile_id,
                destination,
                area,
                status,
                week,
                _ts(at),
                _ts(at),
            ),
        )

    def delete_contact(self, contact_id: str) -> Contact | None:
        contact = self.contact_by_id(contact_id)
        if contact is not None:
            self.conn.execute("DELETE FROM contact WHERE id = ?", (contact_id,))
            if contact.profile_id is not None:
                # first/last seen stay the earliest/latest of the contacts that remain
                self.conn.execute(
                    "UPDATE profile SET first_seen = coalesce((SELECT min(time) FROM contact "
                    "WHERE profile_id = ?1), first_seen), last_seen = coalesce((SELECT max(time) "
                    "FROM contact WHERE profile_id = ?1), last_seen) WHERE id = ?1",
                    (contact.profile_id,),
                )
        return contact

    def update_contact(self, contact: Contact) -> None:
        """Correct a saved contact in place: time (and so week), zone, channel, services and
        note; its referrals move to the new week with it. Who it was with stays."""
        self.conn.execute(
            "UPDATE contact SET time = ?, week = ?, zone = ?, channel = ?, note = ? WHERE id = ?",
            (
                _ts(contact.time),
                contact.week,
                contact.zone,
                contact.channel,
                contact.note,
                contact.id,
            ),
        )
        self.conn.execute("DELETE FROM contact_service WHERE contact_id = ?", (contact.id,))
        if contact.services:
            self.conn.executemany(
                "INSERT INTO contact_service (contact_id, service, quantity, week) "
                "VALUES (?, ?, ?, ?)",
                [(contact.id, s.service, s.quantity, contact.week) for s in contact.services],
            )
        self.conn.execute(
            "UPDATE referral SET week = ? WHERE contact_id = ?", (contact.week, contact.id)
        )

    def reseen_profile(self, profile_id: str) -> None:
        """First and last seen from the person's contacts (after one was corrected or
        voided); a person with no contact left keeps what they had."""
        self.conn.execute(
            "UPDATE profile SET "
            "first_seen = coalesce((SELECT min(time) FROM contact WHERE profile_id = ?1), "
            "first_seen), "
            "last_seen = coalesce((SELECT max(time) FROM contact WHERE profile_id = ?1), "
            "last_seen) WHERE id = ?1",
            (profile_id,),
        )

    def contact_by_id(self, contact_id: str) -> Contact | None:
        row = self.conn.execute(
            f"SELECT {self._CONTACT_COLS} FROM contact c WHERE c.id = ?", (contact_id,)
        ).fetchone()
        return self._contact(row)

    # contact.time has no index, but every contact and referral carries its week, and the
    # week-first indexes (schema v4) find a few weeks' rows without reading the whole table
    # (B7: tonight's contacts). A day's slack each side: a contact just after midnight may
    # carry the week of its night. Longer ranges read the table as before.
    _MAX_WEEKS_BY_INDEX = 60
    _IDS_PER_QUERY = 500  # well under SQLite's limit of bound parameters

    def _weeks_around(self, start: datetime, end: datetime) -> tuple[str, str] | None:
        try:
            first = IsoWeek.of(start - timedelta(days=1))
            last = IsoWeek.of(end + timedelta(days=1))
        except OverflowError:
            return None
        if last - first > self._MAX_WEEKS_BY_INDEX:
            return None
        return str(first), str(last)

    def contacts_between(self, start: datetime, end: datetime) -> list[Contact]:
        weeks = self._weeks_around(start, end)
        where = "c.week BETWEEN ? AND ? AND " if weeks else ""
        rows = self.conn.execute(
            f"SELECT {self._CONTACT_COLS} FROM contact c WHERE {where}"
            "c.time >= ? AND c.time < ? ORDER BY c.time",
            (*(weeks or ()), _ts(start), _ts(end)),
        ).fetchall()
        return [c for c in (self._contact(r) for r in rows) if c is not None]

    def referral_counts_between(self, start: datetime, end: datetime) -> dict[str, int]:
        """Number of referrals per contact for the contacts in [start, end) that have any."""
        weeks = self._weeks_around(start, end)
        where = "r.week BETWEEN ? AND ? AND " if weeks else ""
        rows = self.conn.execute(
            "SELECT r.contact_id, count(*) FROM referral r JOIN contact c ON c.id = r.contact_id "
            f"WHERE {where}c.time >= ? AND c.time < ? GROUP BY r.contact_id",
            (*(weeks or ()), _ts(start), _ts(end)),
        )
        return {r[0]: int(r[1]) for r in rows}

    def aliases_by_id(self, profile_ids: Collection[str]) -> dict[str, tuple[str, datetime | None]]:
        """(alias, first seen) of the persons with these ids, in one query per few hundred ids
        instead of a whole profile each (B7: Tonight's contacts)."""
        ids = list(dict.fromkeys(profile_ids))
        found: dict[str, tuple[str, datetime | None]] = {}
        for at in range(0, len(ids), self._IDS_PER_QUERY):
            chunk = ids[at : at + self._IDS_PER_QUERY]
            rows = self.conn.execute(
                "SELECT id, alias, first_seen FROM profile "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((r[0], (r[1], _dt(r[2]))) for r in rows)
        return found

    # -- tallies (R1) ---------------------------------------------------------------------

    def tally_rows(
        self, first_week: str, last_week: str, series_from: str | None = None
    ) -> TallyRows:
        """Aggregate rows of the weeks first_week..last_week for core.tally (never records).

        Every query reads a covering index on the week (schema v4) and groups in index order
        where it can, so a year of a 1M-contact vault is a few index ranges (budget B4).
        """
        weeks = (first_week, last_week)
        start = f"{IsoWeek.parse(first_week).monday().isoformat()}T00:00"
        end = f"{(IsoWeek.parse(last_week).sunday() + timedelta(days=1)).isoformat()}T00:00"
        # New persons: the earliest contact on one of the weeks' nights (the night is monotone
        # in the wall-clock time, so first_seen decides it).
        seen_from, seen_to = (
            _ts(t) for t in self.clock().window(IsoWeek.parse(first_week), IsoWeek.parse(last_week))
        )
        conn = self.conn
        place = conn.execute(
            "SELECT week, channel, zone, count(*), count(profile_id) FROM contact "
            "WHERE week BETWEEN ? AND ? GROUP BY week, channel, zone",
            weeks,
        ).fetchall()
        # Grouped per week in index order (no sort of the contacts), then summed over the weeks.
        person = conn.execute(
            "SELECT age_band, gender, language, sum(n) FROM (SELECT age_band, gender, language, "
            "count(*) AS n FROM contact WHERE week BETWEEN ? AND ? "
            "GROUP BY week, age_band, gender, language) GROUP BY age_band, gender, language",
            weeks,
        ).fetchall()
        # Distinct persons met, and those first seen in these weeks: one pass over the index.
        persons, new_persons = conn.execute(
            "SELECT count(*), coalesce(sum(first_seen >= ? AND first_seen < ?), 0) FROM profile "
            "WHERE id IN (SELECT profile_id FROM contact WHERE week BETWEEN ? AND ? "
            "AND profile_id IS NOT NULL)",
            (seen_from, seen_to, *weeks),
        ).fetchone()
        services: dict[str, list[int]] = {}
        for service, n, quantity in conn.execute(
            "SELECT service, count(*), sum(quantity) FROM contact_service "
            "WHERE week BETWEEN ? AND ? GROUP BY week, service",
            weeks,
        ):
            counted = services.setdefault(service, [0, 0])
            counted[0] += int(n)
            counted[1] += int(quantity)
        referrals = conn.execute(
            "SELECT destination, status, count(*) FROM referral WHERE week BETWEEN ? AND ? "
            "GROUP BY destination, status",
            weeks,
        ).fetchall()
        followups = conn.execute(
            "SELECT status, count(*) FROM followup WHERE due >= ? AND due < ? GROUP BY status",
            (start[:10], end[:10]),
        ).fetchall()
        incidents = conn.execute(
            "SELECT consent_tier, reported_to_police, count(*) FROM incident "
            "WHERE week BETWEEN ? AND ? GROUP BY consent_tier, reported_to_police",
            weeks,
        ).fetchall()
        incident_types = conn.execute(
            "SELECT t.type, count(*) FROM incident i JOIN incident_type t ON t.incident_id = i.id "
            "WHERE i.week BETWEEN ? AND ? GROUP BY t.type",
            weeks,
        ).fetchall()
        series: list[tuple[str, int]] = []
        if series_from is not None and series_from < first_week:
            series = [
                (str(w), int(n))
                for w, n in conn.execute(
                    "SELECT week, count(*) FROM contact WHERE week >= ? AND week < ? GROUP BY week",
                    (series_from, first_week),
                )
            ]
        return TallyRows(
            place=tuple((str(w), c, z, int(n), int(k)) for w, c, z, n, k in place),
            person=tuple((first_week, str(a), str(g), lang, int(n)) for a, g, lang, n in person),
            persons=int(persons),
            new_persons=int(new_persons),
            services=tuple((s, n, q) for s, (n, q) in services.items()),
            referrals=tuple((str(d), str(st), int(n)) for d, st, n in referrals),
            followups=tuple((str(st), int(n)) for st, n in followups),
            incidents=tuple((str(t), str(p), int(n)) for t, p, n in incidents),
            incident_types=tuple((str(t), int(n)) for t, n in incident_types),
            series=tuple(series),
        )

    def week_tally_rows(self, first_week: str, last_week: str) -> tuple[dict[str, TallyRows], int]:
        """Aggregate rows of every week first_week..last_week, each on its own (sync packages).

        The same figures as :meth:`tally_rows` of each single week, read in one pass per table
        (grouped by week on the same covering indexes) instead of one query set per week; and
        the distinct persons met over all the weeks.
        """
        weeks = (first_week, last_week)
        start = f"{IsoWeek.parse(first_week).monday().isoformat()}T00:00"
        end = f"{(IsoWeek.parse(last_week).sunday() + timedelta(days=1)).isoformat()}T00:00"
        conn = self.conn
        out: dict[str, dict[str, list[Any]]] = {}

        def rows_of(week: str, name: str) -> list[Any]:
            return out.setdefault(str(week), {}).setdefault(name, [])

        for w, c, z, n, k in conn.execute(
            "SELECT week, channel, zone, count(*), count(profile_id) FROM contact "
            "WHERE week BETWEEN ? AND ? GROUP BY week, channel, zone",
            weeks,
        ):
            rows_of(w, "place").append((str(w), c, z, int(n), int(k)))
        for w, a, g, lang, n in conn.execute(
            "SELECT week, age_band, gender, language, count(*) FROM contact "
            "WHERE week BETWEEN ? AND ? GROUP BY week, age_band, gender, language",
            weeks,
        ):
            rows_of(w, "person").append((str(w), str(a), str(g), lang, int(n)))
        # Distinct persons per week, those of them first seen in that same ISO week, and the
        # distinct persons of all the weeks: three passes over covering indexes.
        clock = self.clock()
        seen_from, seen_to = (
            _ts(t) for t in clock.window(IsoWeek.parse(first_week), IsoWeek.parse(last_week))
        )
        new_persons = dict(
            conn.execute(
                "SELECT week, count(DISTINCT profile_id) FROM contact WHERE week BETWEEN ? AND ? "
                "AND (profile_id, week) IN (SELECT id, strftime('%G-W%V', first_seen, ?) "
                "FROM profile WHERE first_seen >= ? AND first_seen < ?) GROUP BY week",
                (*weeks, f"-{clock.day_start_hour} hours", seen_from, seen_to),
            ).fetchall()
        )
        for w, n in conn.execute(
            "SELECT week, count(DISTINCT profile_id) FROM contact WHERE week BETWEEN ? AND ? "
            "GROUP BY week",
            weeks,
        ):
            rows_of(w, "persons").append((int(n), int(new_persons.get(w, 0))))
        everyone = int(
            conn.execute(
                "SELECT count(DISTINCT profile_id) FROM contact WHERE week BETWEEN ? AND ?", weeks
            ).fetchone()[0]
        )
        for w, service, n, quantity in conn.execute(
            "SELECT week, service, count(*), sum(quantity) FROM contact_service "
            "WHERE week BETWEEN ? AND ? GROUP BY week, service",
            weeks,
        ):
            rows_of(w, "services").append((service, int(n), int(quantity)))
        for w, destination, status, n in conn.execute(
            "SELECT week, destination, status, count(*) FROM referral WHERE week BETWEEN ? AND ? "
            "GROUP BY week, destination, status",
            weeks,
        ):
            rows_of(w, "referrals").append((str(destination), str(status), int(n)))
        for due, status, n in conn.execute(
            "SELECT due, status, count(*) FROM followup WHERE due >= ? AND due < ? "
            "GROUP BY due, status",
            (start[:10], end[:10]),
        ):
            rows_of(str(IsoWeek.of(date.fromisoformat(str(due)[:10]))), "followups").append(
                (str(status), int(n))
            )
        for w, tier, police, n in conn.execute(
            "SELECT week, consent_tier, reported_to_police, count(*) FROM incident "
            "WHERE week BETWEEN ? AND ? GROUP BY week, consent_tier, reported_to_police",
            weeks,
        ):
            rows_of(w, "incidents").append((str(tier), str(police), int(n)))
        for w, kind, n in conn.execute(
            "SELECT i.week, t.type, count(*) FROM incident i JOIN incident_type t "
            "ON t.incident_id = i.id WHERE i.week BETWEEN ? AND ? GROUP BY i.week, t.type",
            weeks,
        ):
            rows_of(w, "incident_types").append((str(kind), int(n)))

        def summed(rows: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
            counted: dict[str, int] = {}
            for key, n in rows:
                counted[key] = counted.get(key, 0) + n
            return tuple(counted.items())

        result = {}
        for week in (
            str(w) for w in week_range(IsoWeek.parse(first_week), IsoWeek.parse(last_week))
        ):
            got = out.get(week, {})
            met, new_met = (got.get("persons") or [(0, 0)])[0]
            result[week] = TallyRows(
                place=tuple(got.get("place", ())),
                person=tuple(got.get("person", ())),
                persons=met,
                new_persons=new_met,
                services=tuple(got.get("services", ())),
                referrals=tuple(got.get("referrals", ())),
                followups=summed(got.get("followups", [])),
                incidents=tuple(got.get("incidents", ())),
                incident_types=tuple(got.get("incident_types", ())),
            )
        return result, everyone

    def week_person_tokens(self, first_week: str, last_week: str) -> list[tuple[str, str]]:
        """(week, token) for every distinct coded person met in each week (sync sketches, O3).

        A profile detached by retention has no token left; it stands in as ``profile:<id>``,
        which no other device can share (so it is never merged with another device's person).
        """
        rows = self.conn.execute(
            "SELECT DISTINCT c.week, coalesce(p.code_token, 'profile:' || p.id) FROM contact c "
            "JOIN profile p ON p.id = c.profile_id WHERE c.week BETWEEN ? AND ?",
            (first_week, last_week),
        )
        return [(str(w), str(t)) for w, t in rows]

    def keyed_cells(
        self, first_week: str, last_week: str, series_from: str | None = None
    ) -> KeyedCells:
        """Every week's cells with their records' key sums (disclosure control, R2)."""
        return keyed_cells(self.conn, self.clock(), first_week, last_week, series_from)

    def inclusion_counts(self, until: date) -> list[tuple[str, date, int]]:
        """(programme id, Monday of a week, persons first included that week) up to `until`."""
        # Grouped by day in the index's order (no sort of every inclusion, B7), then by week.
        rows = self.conn.execute(
            "SELECT programme_id, included_on, count(*) FROM programme_inclusion "
            "WHERE included_on <= ? GROUP BY programme_id, included_on",
            (until.isoformat(),),
        )
        weeks: dict[tuple[str, date], int] = {}
        for programme_id, day_text, count in rows:
            day = date.fromisoformat(day_text)
            key = (str(programme_id), day - timedelta(days=day.weekday()))
            weeks[key] = weeks.get(key, 0) + int(count)
        return [(p, monday, n) for (p, monday), n in weeks.items()]

    def audit_rows(
        self, first_week: str, last_week: str
    ) -> list[tuple[str, str | None, tuple[tuple[str, int], ...], tuple[str, ...]]]:
        """(week, profile id, (service, quantity)…, referral status…) of every contact in the
        weeks: the raw material of an audit bundle's rows (the exchange layer pseudonymises
        the profile id). Nothing else about a contact is read.

        Range scans on the week indexes only (contacts, their services — a covering index —
        and referrals), each handed over as a few long strings SQLite concatenates and joined
        here by contact id in dicts, in C. A join per contact in SQL costs a B-tree lookup
        per contact, which on a vault whose ids are random (made before ids were
        time-ordered) lands on a page of its own each time: 13 s for a year of a big team
        instead of under one (budget B9). A service row carries its contact's week (the app
        writes it, a trigger fills it in for any other writer, and a contact's week never
        changes); a referral counts when its own week is in the period, as in the tally.
        Slugs, statuses, quantities and ids hold no control characters."""
        weeks = (first_week, last_week)
        ids, contact_weeks, profiles = self.conn.execute(
            "SELECT group_concat(id, char(30)), group_concat(week, char(30)), "
            "group_concat(coalesce(profile_id, ''), char(30)) "
            "FROM contact WHERE week BETWEEN ? AND ?",
            weeks,
        ).fetchone()
        if ids is None:
            return []
        # A contact's services and referrals, one string per contact, grouped by SQLite (a
        # sort of the year's rows, no per-contact lookup), joined to the contacts in C (map
        # over dicts) and parsed once per distinct string into a tuple every row that has
        # the same one shares.
        id_list = str(ids).split("\x1e")
        split_items = partial(map, methodcaller("split", "\x1d"))
        services_of: dict[str, tuple[tuple[str, int], ...]] = {"": ()}
        given = self._per_contact(
            "SELECT contact_id, group_concat(service || char(31) || quantity, char(29)) "
            "AS text FROM contact_service WHERE week BETWEEN ? AND ? GROUP BY contact_id",
            weeks,
            id_list,
        )
        texts = list(set(given) - services_of.keys())
        pair_of: dict[str, tuple[str, int]] = {}
        for item in set("\x1d".join(texts).split("\x1d")) - {""}:
            slug, quantity = item.split("\x1f")
            pair_of[item] = (slug, int(quantity))
        pairs = partial(map, pair_of.__getitem__)
        services_of.update(zip(texts, map(tuple, map(pairs, split_items(texts))), strict=True))
        referrals_of: dict[str, tuple[str, ...]] = {"": ()}
        referred = self._per_contact(
            "SELECT contact_id, group_concat(status, char(29)) AS text FROM referral "
            "WHERE week BETWEEN ? AND ? AND contact_id IS NOT NULL GROUP BY contact_id",
            weeks,
            id_list,
        )
        texts = list(set(referred) - referrals_of.keys())
        referrals_of.update(zip(texts, map(tuple, split_items(texts)), strict=True))
        profile_list = str(profiles).split("\x1e")
        uncoded: dict[str, str | None] = {"": None}
        return list(
            zip(
                str(contact_weeks).split("\x1e"),
                map(uncoded.get, profile_list, profile_list),
                map(services_of.__getitem__, given),
                map(referrals_of.__getitem__, referred),
                strict=True,
            )
        )

    def _per_contact(self, sql: str, weeks: tuple[str, str], id_list: list[str]) -> list[str]:
        """The ``text`` that ``sql`` gives with each ``contact_id`` of ``id_list``, in its
        order, "" for none."""
        contact_ids, texts = self.conn.execute(
            f"SELECT group_concat(contact_id, char(30)), group_concat(text, char(30)) FROM ({sql})",
            weeks,
        ).fetchone()
        if contact_ids is None:
            return [""] * len(id_list)
        found = dict(zip(str(contact_ids).split("\x1e"), str(texts).split("\x1e"), strict=True))
        return list(map(found.get, id_list, repeat("")))

    def audit_log_counts(self, first_day: date, last_day: date) -> list[tuple[str, str, str, int]]:
        """(UTC day, action, entity kind, events) of the audit log from first_day to last_day:
        no staff, no entity ids."""
        # Read from the audit_day index in its own order: no table rows, no sort (B13).
        rows = self.conn.execute(
            "SELECT substr(time, 1, 10), action, entity, count(*) FROM audit "
            "WHERE substr(time, 1, 10) BETWEEN ? AND ? GROUP BY 1, 2, 3",
            (first_day.isoformat(), last_day.isoformat()),
        )
        return [(str(d), str(a), str(e), int(n)) for d, a, e, n in rows]

    def audit_chain(self) -> tuple[bool, int, str | None, str]:
        """Whether the audit chain verifies: (ok, events, the head hash, the reason it does
        not). Walked from the checkpoint an earlier walk stored in the vault (setting
        ``audit_verified``, [seq, hash]) when it still holds, re-checked first; the head is
        stored as the new checkpoint when the chain verifies: see :func:`audit.verify` for
        what that trades (budget B13). `redvan check --full` walks the whole chain."""
        report = audit.verify_from_checkpoint(self.conn)
        if report.ok:
            with self.transaction():
                audit.record_checkpoint(self.conn, report)
        row = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        reason = "" if report.ok else f"event {report.first_broken}: {report.reason}"
        return report.ok, report.events, (str(row[1]) if row else None), reason

    def count_contacts(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM contact").fetchone()[0])

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Fast inserts for the demo generator; table and columns come from code, not input."""
        if table not in _BULK_TABLES or not all(c.isidentifier() for c in columns):
            raise ValueError("bulk_insert only takes known tables")
        marks = ", ".join("?" for _ in columns)
        cursor = self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )
        return int(cursor.rowcount)

    def bulk_audit(self, events: Iterable[tuple[str, str | None, str, str, str | None]]) -> int:
        """Chain (time, staff id, action, entity, entity id) events onto the audit log, in
        the order given, inside the caller's transaction: for the demo generator."""
        return audit.append_many(self.conn, events)

    def bulk_update_seen(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(first_seen, last_seen, profile id) for the demo generator."""
        with self.transaction():
            self.conn.executemany(
                "UPDATE profile SET first_seen = ?, last_seen = ? WHERE id = ?", rows
            )

    # -- programmes ---------------------------------------------------------------------

    def programme_by_slug(self, slug: str) -> Programme | None:
        row = self.conn.execute(
            "SELECT id, slug, name, first_week, last_week, target, inclusion_rule "
            "FROM programme WHERE slug = ?",
            (slug,),
        ).fetchone()
        return Programme(*row) if row else None

    def upsert_programme(self, programme: Programme) -> None:
        self.conn.execute(
            "INSERT INTO programme (id, slug, name, first_week, last_week, target, inclusion_rule) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
            "first_week = excluded.first_week, last_week = excluded.last_week, "
            "target = excluded.target, inclusion_rule = excluded.inclusion_rule",
            (
                programme.id,
                programme.slug,
                programme.name,
                programme.first_week,
                programme.last_week,
                programme.target,
                programme.inclusion_rule,
            ),
        )

    def include_in_programme(
        self, programme_id: str, profile_id: str, on: date, contact_id: str | None
    ) -> bool:
        # The earliest inclusion counts, whatever order the contacts were entered in.
        cursor = self.conn.execute(
            "INSERT INTO programme_inclusion (programme_id, profile_id, included_on, contact_id) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (programme_id, profile_id) DO UPDATE SET "
            "included_on = excluded.included_on, contact_id = excluded.contact_id "
            "WHERE excluded.included_on < programme_inclusion.included_on",
            (programme_id, profile_id, on.isoformat(), contact_id),
        )
        return bool(cursor.rowcount)

    def remember_programme_token(self, programme_id: str, profile_id: str, token: str) -> None:
        """Keep the person's token under a shared programme's key, if they are included."""
        self.conn.execute(
            "INSERT OR IGNORE INTO programme_token (programme_id, profile_id, token) "
            "SELECT programme_id, profile_id, ? FROM programme_inclusion "
            "WHERE programme_id = ? AND profile_id = ?",
            (token, programme_id, profile_id),
        )

    def inclusion_tokens(
        self, programme_id: str, until: date, *, shared: bool = True
    ) -> list[tuple[date, str]]:
        """(day of first inclusion, token) of everyone included up to ``until``: the token under
        the programme's shared key (``shared``) or the person's code token. A person without
        one stands in as ``profile:<id>``, which no other vault can share."""
        if shared:
            sql = (
                "SELECT i.included_on, coalesce(t.token, 'profile:' || i.profile_id) "
                "FROM programme_inclusion i LEFT JOIN programme_token t "
                "ON t.programme_id = i.programme_id AND t.profile_id = i.profile_id "
                "WHERE i.programme_id = ? AND i.included_on <= ?"
            )
        else:
            sql = (
                "SELECT i.included_on, coalesce(p.code_token, 'profile:' || i.profile_id) "
                "FROM programme_inclusion i JOIN profile p ON p.id = i.profile_id "
                "WHERE i.programme_id = ? AND i.included_on <= ?"
            )
        rows = self.conn.execute(sql, (programme_id, until.isoformat()))
        return [(date.fromisoformat(d), str(t)) for d, t in rows]

    def remove_inclusions_by_contact(self, contact_id: str) -> None:
        self.conn.execute("DELETE FROM programme_inclusion WHERE contact_id = ?", (contact_id,))

    # -- shifts -------------------------------------------------------------------------

    def insert_shift(self, shift: Shift) -> None:
        self.conn.execute(
            "INSERT INTO shift (id, date, team, started_at, ended_at) VALUES (?, ?, ?, ?, ?)",
            (
                shift.id,
                shift.date.isoformat(),
                shift.team,
                _ts(shift.started_at),
                _ts(shift.ended_at),
            ),
        )
        self.conn.executemany(
            "INSERT INTO shift_zone (shift_id, zone) VALUES (?, ?)",
            [(shift.id, z) for z in shift.zones],
        )
        self.conn.executemany(
            "INSERT INTO shift_staff (shift_id, staff_id) VALUES (?, ?)",
            [(shift.id, s) for s in shift.staff_ids],
        )
        if shift.ended_at is None:
            self._remember_open_shift(shift.id)

    def end_shift(self, shift_id: str, at: datetime) -> None:
        self.conn.execute(
            "UPDATE shift SET ended_at = ? WHERE id = ? AND ended_at IS NULL", (_ts(at), shift_id)
        )
        self._remember_open_shift(None)

    def _remember_open_shift(self, shift_id: str | None) -> None:
        self.set_setting("open_shift", shift_id)

    def open_shift(self) -> Shift | None:
        # Every save asks for the running shift: keep its id in a setting (a primary-key
        # lookup) instead of scanning every shift of ten years (B3).
        known = self.conn.execute("SELECT value FROM setting WHERE key = 'open_shift'").fetchone()
        if known is not None:
            shift_id = json.loads(known[0])
            if shift_id is None:
                return None
            row = self.conn.execute(
                "SELECT id, date, team, started_at FROM shift WHERE id = ? AND ended_at IS NULL",
                (shift_id,),
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT id, date, team, started_at FROM shift WHERE ended_at IS NULL "
                "ORDER BY started_at DESC LIMIT 1"
            ).fetchone()
            if self.conn.in_transaction:
                self._remember_open_shift(row[0] if row else None)
        if row is None:
            return None
        zones = tuple(
            r[0]
            for r in self.conn.execute(
                "SELECT zone FROM shift_zone WHERE shift_id = ? ORDER BY zone", (row[0],)
            )
        )
        staff = tuple(
            r[0]
            for r in self.conn.execute(
                "SELECT shift_staff.staff_id FROM shift_staff JOIN staff ON staff.id = staff_id "
                "WHERE shift_id = ? ORDER BY staff.display_name COLLATE NOCASE",
                (row[0],),
            )
        )
        return Shift(
            row[0], date.fromisoformat(row[1]), row[2], zones, staff, datetime.fromisoformat(row[3])
        )

    # -- follow-ups, referrals, incidents -----------------------------------------------

    def insert_followup(self, followup: FollowUp) -> None:
        self.conn.execute(
            "INSERT INTO followup (id, profile_id, type, due, assigned_staff_id, status, outcome, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                followup.id,
                followup.profile_id,
                followup.type,
                followup.due.isoformat(),
                followup.assigned_staff_id,
                followup.status,
                followup.outcome,
                audit.now_iso(),
            ),
        )

    def close_followup(
        self, followup_id: str, status: str, outcome: str | None, at: datetime
    ) -> None:
        self.conn.execute(
            "UPDATE followup SET status = ?, outcome = ?, closed_at = ? WHERE id = ?",
            (status, outcome, _ts(at), followup_id),
        )

    def _followup(self, row: Sequence[Any]) -> FollowUp:
        return FollowUp(
            row[0], row[1], row[2], date.fromisoformat(row[3]), row[4], row[5], row[6], row[7]
        )

    # A follow-up's referral, if any. referral.followup_id has no index, so the links are read
    # in one pass over the referrals per query, not one pass per follow-up (B7: a correlated
    # subquery here made the open follow-ups of a 1M vault take seconds).
    _FOLLOWUP_SQL = (
        "SELECT f.id, f.profile_id, f.type, f.due, f.assigned_staff_id, f.status, f.outcome, "
        "r.rid FROM followup f LEFT JOIN (SELECT followup_id AS fid, min(id) AS rid "
        "FROM referral WHERE followup_id IS NOT NULL GROUP BY followup_id) r ON r.fid = f.id"
    )
    # One follow-up: a pass over the referrals that stops at its link, without grouping them.
    _ONE_FOLLOWUP_SQL = (
        "SELECT f.id, f.profile_id, f.type, f.due, f.assigned_staff_id, f.status, f.outcome, "
        "(SELECT r.id FROM referral r WHERE r.followup_id = f.id LIMIT 1) FROM followup f"
    )

    def followups(
        self,
        *,
        status: str | None = "open",
        due_before: date | None = None,
        with_referrals: bool = True,
    ) -> list[FollowUp]:
        """Follow-ups by due date. `with_referrals=False` leaves each one's `referral_id` None:
        finding the links reads every referral (B7: Tonight's list does not show them)."""
        clauses, params = [], []
        if status is not None:
            clauses.append("f.status = ?")
            params.append(status)
        if due_before is not None:
            clauses.append("f.due < ?")
            params.append(due_before.isoformat())
        if not clauses and with_referrals:
            rows = self.conn.execute(f"{self._FOLLOWUP_SQL} ORDER BY f.due")
            return [self._followup(r) for r in rows]
        # Some of them (e.g. the open ones due by today, for Tonight): the links of only these
        # are grouped in the pass over the referrals, not those of all ten years' (B7).
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        found = self.conn.execute(
            "SELECT f.id, f.profile_id, f.type, f.due, f.assigned_staff_id, f.status, f.outcome "
            f"FROM followup f{where} ORDER BY f.due",
            params,
        ).fetchall()
        if not with_referrals:
            return [self._followup((*r, None)) for r in found]
        links = dict(
            self.conn.execute(
                "SELECT followup_id, min(id) FROM referral WHERE followup_id IN "
                f"(SELECT f.id FROM followup f{where}) GROUP BY followup_id",
                params,
            ).fetchall()
        )
        return [self._followup((*r, links.get(r[0]))) for r in found]

    def followup_by_id(self, followup_id: str) -> FollowUp | None:
        row = self.conn.execute(
            f"{self._ONE_FOLLOWUP_SQL} WHERE f.id = ?", (followup_id,)
        ).fetchone()
        return self._followup(row) if row else None

    def set_referral_status(self, referral_id: str, status: str, at: datetime) -> None:
        self.conn.execute(
            "UPDATE referral SET status = ?, updated_at = ? WHERE id = ?",
            (status, _ts(at), referral_id),
        )

    def link_referral_followup(self, referral_id: str, followup_id: str) -> None:
        self.conn.execute(
            "UPDATE referral SET followup_id = ? WHERE id = ?", (followup_id, referral_id)
        )

    def insert_incident(self, incident: Incident, created_by: str | None) -> None:
        self.conn.execute(
            "INSERT INTO incident (id, date, week, zone, consent_tier, reported_to_police, "
            "description, profile_id, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                incident.id,
                incident.date.isoformat(),
                incident.week,
                incident.zone,
                incident.consent_tier,
                incident.reported_to_police,
                incident.description,
                incident.profile_id,
                created_by,
                audit.now_iso(),
            ),
        )
        self._incident_lists(incident)

    def _incident_lists(self, incident: Incident) -> None:
        self.conn.executemany(
            "INSERT INTO incident_type (incident_id, type) VALUES (?, ?)",
            [(incident.id, t) for t in incident.types],
        )
        self.conn.executemany(
            "INSERT INTO incident_support (incident_id, service) VALUES (?, ?)",
            [(incident.id, s) for s in incident.support_given],
        )

    def update_incident(self, incident: Incident) -> None:
        self.conn.execute(
            "UPDATE incident SET date = ?, week = ?, zone = ?, consent_tier = ?, "
            "reported_to_police = ?, description = ?, profile_id = ?, updated_at = ? WHERE id = ?",
            (
                incident.date.isoformat(),
                incident.week,
                incident.zone,
                incident.consent_tier,
                incident.reported_to_police,
                incident.description,
                incident.profile_id,
                audit.now_iso(),
                incident.id,
            ),
        )
        self.conn.execute("DELETE FROM incident_type WHERE incident_id = ?", (incident.id,))
        self.conn.execute("DELETE FROM incident_support WHERE incident_id = ?", (incident.id,))
        self._incident_lists(incident)

    _INCIDENT_SQL = (
        "SELECT i.id, i.date, i.week, i.zone, i.consent_tier, i.reported_to_police, "
        "i.description, i.profile_id, "
        "(SELECT group_concat(type) FROM incident_type WHERE incident_id = i.id), "
        "(SELECT group_concat(service) FROM incident_support WHERE incident_id = i.id) "
        "FROM incident i"
    )

    @staticmethod
    def _incident(row: Sequence[Any]) -> Incident:
        return Incident(
            id=row[0],
            date=date.fromisoformat(row[1]),
            week=row[2],
            zone=row[3],
            types=tuple(sorted(row[8].split(","))) if row[8] else (),
            consent_tier=row[4],
            reported_to_police=row[5],
            support_given=tuple(sorted(row[9].split(","))) if row[9] else (),
            description=row[6],
            profile_id=row[7],
        )

    def incident_by_id(self, incident_id: str) -> Incident | None:
        row = self.conn.execute(f"{self._INCIDENT_SQL} WHERE i.id = ?", (incident_id,)).fetchone()
        return self._incident(row) if row else None

    def find_incidents(
        self,
        *,
        first_day: date | None = None,
        last_day: date | None = None,
        tiers: Sequence[str] | None = None,
        type_: str | None = None,
    ) -> list[Incident]:
        """Incidents from `first_day` to `last_day` (both included), newest first."""
        clauses: list[str] = []
        params: list[Any] = []
        if first_day is not None:
            clauses.append("i.date >= ?")
            params.append(first_day.isoformat())
        if last_day is not None:
            clauses.append("i.date <= ?")
            params.append(last_day.isoformat())
        if tiers is not None:
            clauses.append(f"i.consent_tier IN ({', '.join('?' for _ in tiers)})")
            params.extend(tiers)
        if type_ is not None:
            clauses.append(
                "EXISTS (SELECT 1 FROM incident_type t WHERE t.incident_id = i.id AND t.type = ?)"
            )
            params.append(type_)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            f"{self._INCIDENT_SQL}{where} ORDER BY i.date DESC, i.created_at DESC", params
        ).fetchall()
        return [self._incident(r) for r in rows]

    def insert_police_reference(self, reference: str, incident_id: str, export_id: str) -> None:
        self.conn.execute(
            "INSERT INTO police_reference (reference, incident_id, export_id, created_at, "
            "created_by) VALUES (?, ?, ?, ?, ?)",
            (reference, incident_id, export_id, audit.now_iso(), self.staff_id),
        )

    def police_reference_incident(self, reference: str) -> str | None:
        row = self.conn.execute(
            "SELECT incident_id FROM police_reference WHERE reference = ?", (reference,)
        ).fetchone()
        return row[0] if row else None

    def police_references_of(self, incident_id: str) -> list[tuple[str, str]]:
        """(reference, when it was handed out) for one incident, oldest first."""
        rows = self.conn.execute(
            "SELECT reference, created_at FROM police_reference WHERE incident_id = ? "
            "ORDER BY created_at",
            (incident_id,),
        )
        return [(r[0], r[1]) for r in rows]

    # -- the referral network -------------------------------------------------------------

    _REFERRAL_SQL = (
        "SELECT id, contact_id, profile_id, destination, area, status, created_at, followup_id "
        "FROM referral"
    )

    @staticmethod
    def _referral(row: Sequence[Any]) -> Referral:
        return Referral(
            row[0], row[1], row[2], row[3], row[4], row[5], datetime.fromisoformat(row[6]), row[7]
        )

    def referral_by_id(self, referral_id: str) -> Referral | None:
        row = self.conn.execute(f"{self._REFERRAL_SQL} WHERE id = ?", (referral_id,)).fetchone()
        return self._referral(row) if row else None

    def find_referrals(
        self,
        *,
        statuses: Sequence[str] | None = None,
        destination: str | None = None,
        created_from: datetime | None = None,
        created_before: datetime | None = None,
    ) -> list[Referral]:
        """Referrals made in [created_from, created_before), newest first."""
        clauses: list[str] = []
        params: list[Any] = []
        if statuses is not None:
            clauses.append(f"status IN ({', '.join('?' for _ in statuses)})")
            params.extend(statuses)
        if destination is not None:
            clauses.append("destination = ?")
            params.append(destination)
        if created_from is not None:
            clauses.append("created_at >= ?")
            params.append(_ts(created_from))
        if created_before is not None:
            clauses.append("created_at < ?")
            params.append(_ts(created_before))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.conn.execute(
            f"{self._REFERRAL_SQL}{where} ORDER BY created_at DESC, id", params
        ).fetchall()
        return [self._referral(r) for r in rows]

    def partner_organisations(self) -> list[PartnerOrganisation]:
        rows = self.conn.execute(
            "SELECT slug, areas, address, phone, online, hours, notes FROM partner_organisation "
            "ORDER BY slug"
        )
        return [PartnerOrganisation(*r) for r in rows]

    def upsert_partner_organisation(self, partner: PartnerOrganisation) -> None:
        self.conn.execute(
            "INSERT INTO partner_organisation (kind, slug, areas, address, phone, online, hours, "
            "notes, updated_at) VALUES ('destination', ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, slug) DO UPDATE SET areas = excluded.areas, "
            "address = excluded.address, phone = excluded.phone, online = excluded.online, "
            "hours = excluded.hours, notes = excluded.notes, updated_at = excluded.updated_at",
            (
                partner.slug,
                partner.areas,
                partner.address,
                partner.phone,
                partner.online,
                partner.hours,
                partner.notes,
                audit.now_iso(),
            ),
        )

    # -- retention and drafts -----------------------------------------------------------

    def purge_free_text(self, cutoff: datetime) -> dict[str, int]:
        stamp = _ts(cutoff)
        day = cutoff.date().isoformat()
        counts = {
            "contact-note": self.conn.execute(
                "UPDATE contact SET note = NULL WHERE note IS NOT NULL AND time < ?", (stamp,)
            ).rowcount,
            "incident-description": self.conn.execute(
                "UPDATE incident SET description = NULL WHERE description IS NOT NULL AND date < ?",
                (day,),
            ).rowcount,
            "referral-area": self.conn.execute(
                "UPDATE referral SET area = '' WHERE area != '' AND created_at < ?", (stamp,)
            ).rowcount,
            "followup-outcome": self.conn.execute(
                "UPDATE followup SET outcome = NULL WHERE outcome IS NOT NULL AND closed_at < ?",
                (stamp,),
            ).rowcount,
        }
        return {k: int(v) for k, v in counts.items()}

    def detach_profiles(self, cutoff: datetime, at: datetime) -> int:
        self.conn.execute(  # programme tokens are made from the code too (O4)
            "DELETE FROM programme_token WHERE profile_id IN (SELECT id FROM profile "
            "WHERE code_token IS NOT NULL AND last_seen < ?)",
            (_ts(cutoff),),
        )
        return int(
            self.conn.execute(
                "UPDATE profile SET code_token = NULL, detached_at = ? "
                "WHERE code_token IS NOT NULL AND last_seen < ?",
                (_ts(at), _ts(cutoff)),
            ).rowcount
        )

    def add_purge_record(self, record: PurgeRecord) -> None:
        self.conn.execute(
            "INSERT INTO purge_record (time, kind, count, cutoff) VALUES (?, ?, ?, ?)",
            (record.time, record.kind, record.count, record.cutoff),
        )

    def purge_records(self) -> list[PurgeRecord]:
        rows = self.conn.execute("SELECT time, kind, count, cutoff FROM purge_record ORDER BY id")
        return [PurgeRecord(*r) for r in rows]

    def save_draft(self, key: str, payload: str) -> None:
        self.conn.execute(
            "INSERT INTO draft (key, staff_id, payload, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, "
            "updated_at = excluded.updated_at",
            (key, self.staff_id, payload, audit.now_iso()),
        )

    def load_draft(self, key: str) -> str | None:
        row = self.conn.execute("SELECT payload FROM draft WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def delete_draft(self, key: str) -> None:
        self.conn.execute("DELETE FROM draft WHERE key = ?", (key,))


def _conforms(store: VaultStore) -> Store:
    return store  # mypy checks here that VaultStore implements core.ports.Store
