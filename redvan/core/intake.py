"""Scripted intake: contacts from JSON Lines (SPEC §8 `redvan record`).

A file is checked whole before anything is saved; every bad line is named with its field (the
first `MAX_REPORTED` of them, and how many there are), and one bad line refuses the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from redvan.core import limits
from redvan.core.codes import CodeError, normalise_code
from redvan.core.enums import AgeBand, Gender, ReferralStatus
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.vocabulary import is_valid_slug

MAX_LINE_BYTES = 64 * 1024
MAX_LINES = 200_000
MAX_NOTE_CHARS = limits.FREE_TEXT
MAX_QUANTITY = 10_000
MAX_REFERRALS = 20
MAX_REPORTED = 20  # bad lines named in a refusal; the rest are counted

FIELDS = frozenset(
    {
        "time",
        "zone",
        "channel",
        "code",
        "age_band",
        "gender",
        "language",
        "origin_region",
        "services",
        "referrals",
        "programme",
        "note",
        "shift",
    }
)


class IntakeError(ValueError):
    """A line that cannot be taken in. `str()` names the line and the field, never a value."""

    def __init__(self, line: int, field: str | None, problem: str) -> None:
        super().__init__(f"{_where(line, field)}: {problem} Nothing from the file was saved.")
        self.line = line
        self.field = field
        self.problem = problem

    @property
    def detail(self) -> str:
        """The line, field and problem, without the closing sentence."""
        return f"{_where(self.line, self.field)}: {self.problem}"


def _where(line: int, field: str | None) -> str:
    return f"Line {line}" + (f", field '{field}'" if field else "")


class IntakeRefused(IntakeError):
    """Several bad lines: `problems` holds the first MAX_REPORTED, `count` how many in all.

    Its line, field and problem are the first one's, so code that handles one IntakeError
    handles this too; `str()` lists them, one a line."""

    def __init__(self, problems: list[IntakeError], count: int) -> None:
        first = problems[0]
        super().__init__(first.line, first.field, first.problem)
        self.problems = problems
        self.count = count
        shown = "\n".join(f"  {p.detail}" for p in problems)
        more = count - len(problems)
        tail = (
            f"\n  … and {more} more (only the first {len(problems)} bad lines are shown)."
            if more
            else ""
        )
        self.args = (
            f"{count} lines of the file cannot be taken in; nothing from the file was saved."
            f"\n{shown}{tail}",
        )

    def __str__(self) -> str:
        return str(self.args[0])


class Problems:
    """Collects bad lines while a file is checked (in one pass or several), then refuses it
    as one error naming the first MAX_REPORTED in line order."""

    def __init__(self) -> None:
        self.found: list[IntakeError] = []

    @property
    def count(self) -> int:
        return len(self.found)

    def add(self, problem: IntakeError) -> None:
        self.found.append(problem)

    def raise_any(self) -> None:
        if not self.found:
            return
        ordered = sorted(self.found, key=lambda p: p.line)
        if len(ordered) == 1:
            raise ordered[0]
        raise IntakeRefused(ordered[:MAX_REPORTED], len(ordered))


def parse_time(value: Any) -> datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("must be a date and time such as 2026-11-20T22:15.")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date and time such as 2026-11-20T22:15.") from None
    # A time with an offset stays aware: the vault's clock (redvan.core.night) converts it to
    # the vault's time zone when it is saved, never the machine's zone.
    if not 2000 <= moment.year <= 2100:
        raise ValueError("must be a date between the years 2000 and 2100.")
    return moment.replace(second=0, microsecond=0)


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not is_valid_slug(value):
        raise ValueError("must be a vocabulary slug such as 'istedgade' (lower case, digits, -).")
    return value


def _optional_slug(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return None if value is None else _slug(value)


def _services(value: Any) -> tuple[ServiceGiven, ...]:
    if not isinstance(value, dict):
        raise ValueError("must be an object of service slugs and quantities.")
    given = []
    for slug, quantity in value.items():
        _slug(slug)
        if (
            not isinstance(quantity, int)
            or isinstance(quantity, bool)
            or not 1 <= quantity <= MAX_QUANTITY
        ):
            raise ValueError(f"quantity must be a whole number from 1 to {MAX_QUANTITY}.")
        given.append(ServiceGiven(slug, quantity))
    return tuple(given)


def _referrals(value: Any) -> tuple[ReferralInput, ...]:
    if not isinstance(value, list) or len(value) > MAX_REFERRALS:
        raise ValueError(f"must be a list of at most {MAX_REFERRALS} referrals.")
    out = []
    for item in value:
        if not isinstance(item, dict) or "to" not in item:
            raise ValueError("each referral must be an object with 'to' (a destination slug).")
        extra = set(item) - {"to", "status", "area"}
        if extra:
            raise ValueError(f"a referral has an unknown key '{sorted(extra)[0]}'.")
        status = item.get("status", ReferralStatus.REFERRED.value)
        if status not in {s.value for s in ReferralStatus}:
            allowed = ", ".join(s.value for s in ReferralStatus)
            raise ValueError(f"referral status must be one of: {allowed}.")
        area = item.get("area", "")
        if not isinstance(area, str) or len(area) > limits.REFERRAL_AREA:
            raise ValueError(
                f"referral area must be text of at most {limits.REFERRAL_AREA} characters."
            )
        out.append(ReferralInput(_slug(item["to"]), status, area))
    return tuple(out)


def _enum(value: Any, allowed: Iterable[str]) -> str:
    options = list(allowed)
    if value not in options:
        raise ValueError(f"must be one of: {', '.join(options)}.")
    return str(value)


def parse_contact(obj: Any) -> ContactInput:
    """One JSON object to a ContactInput. Raises KeyError-free ValueErrors tagged by field."""
    if not isinstance(obj, dict):
        raise _FieldError(None, "is not a JSON object.")
    unknown = set(obj) - FIELDS
    if unknown:
        raise _FieldError(sorted(unknown)[0], "is not a known field.")
    if "time" not in obj:
        raise _FieldError("time", "is required.")
    parsed: dict[str, Any] = {}
    for key, parse in (
        ("time", parse_time),
        ("services", _services),
        ("referrals", _referrals),
    ):
        if key in obj:
            try:
                parsed[key] = parse(obj[key])
            except ValueError as exc:
                raise _FieldError(key, str(exc)) from None
    for key in ("zone", "channel", "language", "origin_region", "programme"):
        try:
            parsed[key] = _optional_slug(obj, key)
        except ValueError as exc:
            raise _FieldError(key, str(exc)) from None
    for key, enum in (("age_band", AgeBand), ("gender", Gender)):
        if obj.get(key) is not None:
            try:
                parsed[key] = _enum(obj[key], (m.value for m in enum))
            except ValueError as exc:
                raise _FieldError(key, str(exc)) from None
    code = obj.get("code")
    if code is not None:
        if not isinstance(code, str):
            raise _FieldError("code", "must be text.")
        try:
            normalise_code(code)
        except CodeError as exc:
            raise _FieldError("code", str(exc)) from None
    note = obj.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE_CHARS):
        raise _FieldError("note", f"must be text of at most {MAX_NOTE_CHARS} characters.")
    shift = obj.get("shift")
    if shift is not None and (not isinstance(shift, str) or len(shift) > 64):
        raise _FieldError("shift", "must be a shift id.")
    return ContactInput(
        time=parsed["time"],
        zone=parsed.get("zone"),
        channel=parsed.get("channel"),
        code=code,
        age_band=parsed.get("age_band"),
        gender=parsed.get("gender"),
        language=parsed.get("language"),
        origin_region=parsed.get("origin_region"),
        services=parsed.get("services", ()),
        referrals=parsed.get("referrals", ()),
        programme=parsed.get("programme"),
        note=note or None,
        shift_id=shift,
    )


class _FieldError(ValueError):
    def __init__(self, field: str | None, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def parse_jsonl(data: bytes, problems: Problems | None = None) -> list[tuple[int, ContactInput]]:
    """Every good line of a JSON Lines file. Any bad line refuses the file, naming each bad
    line (IntakeError for one, IntakeRefused for several); with `problems` given, the bad lines
    are added to it instead, for a later check (the vault's vocabularies) to add its own."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError(1, None, "the file is not UTF-8 text.") from None
    out: list[tuple[int, ContactInput]] = []
    collect = problems is not None
    problems = problems if problems is not None else Problems()
    lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        lines += 1
        if lines > MAX_LINES:
            problems.raise_any()
            raise IntakeError(number, None, f"a file may hold at most {MAX_LINES} contacts.")
        if len(line.encode("utf-8")) > MAX_LINE_BYTES:
            problems.add(IntakeError(number, None, "the line is too long."))
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            problems.add(IntakeError(number, None, "the line is not valid JSON."))
            continue
        try:
            out.append((number, parse_contact(obj)))
        except _FieldError as exc:
            problems.add(IntakeError(number, exc.field, exc.problem))
    if not collect:
        problems.raise_any()
    if not out and not problems.count:
        raise IntakeError(1, None, "the file holds no contacts.")
    return out
