"""Finding a person by alias, typed in English or Danish ("hejre 4"): one search for every
screen that picks a person (follow-ups, incidents, people); and their aliases, looked up once
for the rows of a list."""

from __future__ import annotations

import re
from collections.abc import Iterable
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


class AliasCache:
    """Profiles' aliases by id, each looked up once: a page of rows asks in one query for all
    the aliases it does not know yet (`load`), a single row for its own (`alias`)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._aliases: dict[str, str] = {}

    def load(self, profile_ids: Iterable[str]) -> None:
        missing = set(profile_ids) - self._aliases.keys()
        if missing:
            found = self._store.aliases_by_id(missing)
            for profile_id in missing:
                self._aliases[profile_id] = found[profile_id][0] if profile_id in found else ""

    def alias(self, profile_id: str) -> str:
        """The alias, or "" for a profile that is not there (any more)."""
        if profile_id not in self._aliases:
            profile = self._store.profile_by_id(profile_id)
            self._aliases[profile_id] = profile.alias if profile else ""
        return self._aliases[profile_id]
