"""Every file that comes in is hostile until proven otherwise (SPEC X7).

Importers read files only through :func:`read_capped` and report every problem as one
:class:`ImportRefused` whose message is a sentence for people. Nothing here trusts a name,
a size or a count that the file itself declares.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

# Caps on what we read. A year of one device's weekly aggregates is ~200 KB; ten years of a
# big team's audit rows is tens of MB.
MAX_SYNC_BYTES = 8 * 1024 * 1024
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_JSON_DEPTH = 32


class ImportRefused(Exception):
    """A file we will not take in; ``str(exc)`` says why in one sentence."""


def read_capped(path: Path, limit: int, *, what: str = "file") -> bytes:
    """The bytes of a regular file no larger than ``limit``, or :class:`ImportRefused`."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError as exc:
        raise ImportRefused(f"There is no {what} at {path}.") from exc
    except OSError as exc:
        raise ImportRefused(f"The {what} {path.name} cannot be read.") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportRefused(f"{path.name} is not a regular file.")
        if info.st_size > limit:
            raise ImportRefused(
                f"The {what} {path.name} is {info.st_size:,} bytes; "
                f"no genuine one is larger than {limit:,}."
            )
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise ImportRefused(f"The {what} {path.name} grew past {limit:,} bytes while read.")
        return data
    except OSError as exc:
        raise ImportRefused(f"The {what} {path.name} cannot be read.") from exc
    finally:
        os.close(fd)


def _depth(value: Any, limit: int) -> int:
    # Only containers go on the stack (a scalar child counts as one level below its parent):
    # the audit bundle's rows are ~100k small lists, and this runs over all of them.
    stack = [(value, 1)]
    deepest = 1
    containers = (dict, list)
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, containers):
            continue
        children = item.values() if isinstance(item, dict) else item
        if not children:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > limit:
            return deepest
        below = depth + 1
        stack.extend((v, below) for v in children if isinstance(v, containers))
    return deepest


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(data: bytes, *, what: str = "file") -> Any:
    """Strict JSON from untrusted bytes: UTF-8, no NaN/Infinity, no duplicate keys, shallow."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            raise ValueError("a key appears twice")
        return out

    try:
        text = data.decode("utf-8")
        value = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=_no_constants)
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"The {what} is not UTF-8 text.") from exc
    except RecursionError as exc:
        raise ImportRefused(f"The {what} is nested too deeply to be genuine.") from exc
    except ValueError as exc:
        raise ImportRefused(f"The {what} is not valid JSON.") from exc
    if _depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise ImportRefused(f"The {what} is nested too deeply to be genuine.")
    return value
