"""The aliases of the people a table's rows point at, looked up once and kept (B7)."""

from __future__ import annotations

from collections.abc import Iterable

from redvan.core.ports import Store


class AliasCache:
    """Profile id → alias ("" for a person no longer in the vault), cached for one listing."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._aliases: dict[str, str] = {}

    def prefetch(self, profile_ids: Iterable[str | None]) -> None:
        """Look up, in one query, the aliases of a page's people not yet known."""
        missing = {p for p in profile_ids if p} - self._aliases.keys()
        if missing:
            found = self._store.aliases_by_id(missing)
            for profile_id in missing:
                self._aliases[profile_id] = found[profile_id][0] if profile_id in found else ""

    def alias(self, profile_id: str | None) -> str:
        """The alias of a person ("" when there is none), looked up the first time."""
        if not profile_id:
            return ""
        if profile_id not in self._aliases:
            profile = self._store.profile_by_id(profile_id)
            self._aliases[profile_id] = profile.alias if profile else ""
        return self._aliases[profile_id]
