"""Finding a person by alias, typed in English or Danish ("hejre 4"): one search for every
screen that picks a person (follow-ups, incidents, people)."""

from __future__ import annotations

import re
from datetime import datetime

from redvan.core.codes import ANIMALS, parse_alias
from redvan.core.model import Profile
from redvan.core.ports import Store

_ALIAS_START = re.compile(r"^\s*([^\W\d_]+)\s*[-\s]?\s*([0-9]*)\s*$")
_EPOCH = datetime(1970, 1, 1)


def find_people(store: Store, text: str, limit: int = 20) -> list[Profile]:
    """Profiles whose alias starts like `text`; an exact alias comes first, then the most
    recently seen."""
    canonical = parse_alias(text)
    if canonical is not None:
        found = store.profiles_by_alias(canonical, limit)
        return sorted(found, key=lambda p: p.alias != canonical)
    match = _ALIAS_START.match(text)
    if match is None:
        return []
    word, digits = match.group(1).casefold(), match.group(2)
    names = [
        english
        for english, danish in ANIMALS
        if english.casefold().startswith(word) or danish.casefold().startswith(word)
    ]
    people: dict[str, Profile] = {}
    for english in names[:12]:
        for profile in store.profiles_by_alias(f"{english}-{digits}", limit):
            people.setdefault(profile.id, profile)
    ordered = sorted(
        people.values(), key=lambda p: p.last_seen or p.first_seen or _EPOCH, reverse=True
    )
    return ordered[:limit]
