"""rows.json of an audit bundle, read as a stream with bounded memory (SPEC X7).

A bundle's rows.json may unpack to 160 MiB. Parsing it whole made every row a Python object
before any of them was checked: a 6 MiB bundle of 11 million minimal rows took 3.3 GB. Here
the member is decompressed a chunk at a time, decoded, hashed and counted as it goes, and the
rows are parsed a batch at a time (a batch is at most a few MiB of text), each batch checked
(:func:`redvan.exchange.bundle._week_rows`) before the next is read. The row count is capped.

The JSON is still read exactly: the envelope and each week's object key by key (a key twice
is refused), every value with the strict decoder (no NaN, no fraction, no ``true`` or
``false``), and the rows between boundaries ``],[`` that can only separate rows: no genuine
row holds a bracket inside a string, and a batch cut anywhere else does not parse, so a file
the cut would misread is refused, never accepted.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from redvan.exchange.hostile import ImportRefused

CHUNK = 1024 * 1024  # compressed bytes read at a time
# The most undigested text held at once: a genuine row is at most ~7 KB (64 services, 64
# referrals), an envelope value a few dozen bytes.
MAX_PENDING = 4 * 1024 * 1024
# A year of a big team is ~100k rows; a bundle of ten such years still fits.
MAX_ROWS = 1_000_000

WHAT = "bundle's rows"
_WS = re.compile(r"[ \t\n\r]*")
# A bare true or false after a colon, a comma or an opening bracket (see bundle._parse_rows).
_BOOLEAN_RE = re.compile(r"[:,\[][ \t\n\r]*(?:true|false)")
# Between two rows: the end of one, a comma, the start of the next.
_BETWEEN = re.compile(r"\][ \t\n\r]*,[ \t\n\r]*\[")
# The end of a week's rows: the last row's "]", the array's "]", then the end of the week's
# object or its next key.
_END = re.compile(r"\][ \t\n\r]*\](?=[ \t\n\r]*(?:\}|,[ \t\n\r]*\"))")
_WEEK_RE = re.compile(r"^[0-9]{4}-W[0-9]{2}$")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _no_float(text: str) -> Any:
    raise ImportRefused("The bundle's rows hold a number that is not a whole number.")


_DECODER = json.JSONDecoder(
    object_pairs_hook=tuple, parse_constant=_no_constant, parse_float=_no_float
)


@dataclass
class Streamed:
    """What streaming rows.json gave: the envelope (each week's rows as an empty list, for
    the schema) and the member's size and SHA-256; the rows went to ``take_rows``."""

    envelope: Any
    size: int
    sha256: str


class _Text:
    """The member's text, decoded as it is read; ``buf[pos:]`` is what is not yet parsed."""

    def __init__(self, stream: IO[bytes], cap: int) -> None:
        self.stream = stream
        self.cap = cap
        self.hash = hashlib.sha256()
        self.size = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        """Read the next chunk; False at the end of the member."""
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise ImportRefused(f"The {WHAT} is not UTF-8 text.") from exc
        if not chunk:
            self.eof = True
        self.size += len(chunk)
        if self.size > self.cap:
            raise ImportRefused("rows.json in the bundle is larger than a genuine one.")
        self.hash.update(chunk)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        if len(self.buf) > MAX_PENDING:
            raise ImportRefused(f"The {WHAT} hold a value larger than a genuine one.")
        return bool(chunk)

    def skip_ws(self) -> None:
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self.more():
                return

    def peek(self) -> str:
        self.skip_ws()
        return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ImportRefused(f"The {WHAT} is not valid JSON.")
        self.pos += 1

    def value(self) -> Any:
        """One JSON value, read whole with the strict decoder (more text is read until it
        is complete; a value is never longer than MAX_PENDING)."""
        self.skip_ws()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except RecursionError as exc:
                raise ImportRefused(f"The {WHAT} is nested too deeply to be genuine.") from exc
            except ValueError:
                if self.more():
                    continue
                raise ImportRefused(f"The {WHAT} is not valid JSON.") from None
            if end == len(self.buf) and self.more():
                continue  # a number may go on in the next chunk
            if _BOOLEAN_RE.search("," + self.buf[self.pos : end]):
                raise ImportRefused(
                    "The bundle's rows hold a value of the wrong kind (true or false)."
                )
            self.pos = end
            return value

    def key(self) -> str:
        key = self.value()
        if type(key) is not str:
            raise ImportRefused(f"The {WHAT} is not valid JSON.")
        self.expect(":")
        return key


def _plain(value: Any) -> Any:
    """A value parsed with objects as tuples of pairs, with dicts and lists again."""
    if type(value) is tuple:
        out = dict(value)
        if len(out) != len(value):
            raise ImportRefused(f"The {WHAT} are not valid JSON (a key appears twice).")
        return {k: _plain(v) for k, v in out.items()}
    if type(value) is list:
        return [_plain(v) for v in value]
    return value


def _batch(text: str) -> list[Any]:
    if _BOOLEAN_RE.search(text):
        raise ImportRefused("The bundle's rows hold a value of the wrong kind (true or false).")
    try:
        rows = json.loads(
            f"[{text}]",
            object_pairs_hook=tuple,
            parse_constant=_no_constant,
            parse_float=_no_float,
        )
    except RecursionError as exc:
        raise ImportRefused(f"The {WHAT} is nested too deeply to be genuine.") from exc
    except ImportRefused:
        raise
    except ValueError as exc:
        raise ImportRefused(f"The {WHAT} is not valid JSON.") from exc
    assert type(rows) is list
    return rows


def stream_rows(
    stream: IO[bytes],
    cap: int,
    check_week: Callable[[str], None],
    take_rows: Callable[[list[Any], str], int],
) -> Streamed:
    """Read rows.json from ``stream`` (at most ``cap`` bytes). ``check_week(week)`` is called
    for each week before its rows are read (it refuses a week out of the period or twice);
    ``take_rows(raw, week)`` checks and keeps a batch of raw rows and returns how many rows
    it now holds, which may never pass :data:`MAX_ROWS`."""
    text = _Text(stream, cap)
    text.more()
    envelope: dict[str, Any] = {}
    text.expect("{")
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            key = text.key()
            if key in envelope:
                raise ImportRefused(f"The {WHAT} are not valid JSON (a key appears twice).")
            if key == "weeks" and text.peek() == "[":
                envelope[key] = _weeks(text, check_week, take_rows)
            else:
                envelope[key] = _plain(text.value())
            if text.peek() == ",":
                text.pos += 1
                continue
            text.expect("}")
            break
    text.skip_ws()
    if text.pos != len(text.buf) or text.more():
        raise ImportRefused(f"The {WHAT} is not valid JSON.")
    return Streamed(envelope, text.size, text.hash.hexdigest())


def _weeks(
    text: _Text,
    check_week: Callable[[str], None],
    take_rows: Callable[[list[Any], str], int],
) -> list[Any]:
    weeks: list[Any] = []
    text.expect("[")
    if text.peek() == "]":
        text.pos += 1
        return weeks
    while True:
        if text.peek() == "{":
            weeks.append(_week(text, len(weeks), check_week, take_rows))
        else:
            weeks.append(_plain(text.value()))
        if text.peek() == ",":
            text.pos += 1
            continue
        text.expect("]")
        return weeks


def _week(
    text: _Text,
    index: int,
    check_week: Callable[[str], None],
    take_rows: Callable[[list[Any], str], int],
) -> dict[str, Any]:
    block: dict[str, Any] = {}
    text.expect("{")
    if text.peek() == "}":
        text.pos += 1
        return block
    while True:
        key = text.key()
        if key in block:
            raise ImportRefused(f"The {WHAT} are not valid JSON (a key appears twice).")
        if key == "rows" and text.peek() == "[":
            week = block.get("week")
            if type(week) is not str or not _WEEK_RE.fullmatch(week):
                # A genuine bundle names each week before its rows.
                raise ImportRefused(
                    f"The bundle's rows does not follow its schema (at weeks/{index}/week)."
                )
            check_week(week)
            _rows(text, week, take_rows)
            block[key] = []
        else:
            block[key] = _plain(text.value())
        if text.peek() == ",":
            text.pos += 1
            continue
        text.expect("}")
        return block


def _rows(text: _Text, week: str, take_rows: Callable[[list[Any], str], int]) -> None:
    """The rows array of one week, a batch at a time."""
    text.expect("[")
    if text.peek() == "]":
        text.pos += 1
        return
    while True:
        end = _END.search(text.buf, text.pos)
        if end is not None:
            _take(take_rows, _batch(text.buf[text.pos : end.start() + 1]), week)
            text.pos = end.end()
            return
        # No end in view: take every whole row before a boundary, then read on.
        cut = text.buf.rfind("],[", text.pos)
        start = cut + 2
        if cut < 0:  # rows written with spaces: the boundaries are found one by one
            found = next(reversed(list(_BETWEEN.finditer(text.buf, text.pos))), None)
            cut, start = (found.start(), found.end() - 1) if found else (-1, -1)
        if cut >= text.pos:
            _take(take_rows, _batch(text.buf[text.pos : cut + 1]), week)
            text.pos = start  # the next row's "["
        if not text.more():
            raise ImportRefused(f"The {WHAT} is not valid JSON.")


def _take(take_rows: Callable[[list[Any], str], int], raw: list[Any], week: str) -> None:
    if take_rows(raw, week) > MAX_ROWS:
        raise ImportRefused(
            f"The bundle holds more than {MAX_ROWS:,} rows; a genuine one holds fewer."
        )
