"""One organisation, several laptops (SPEC §3 "Organisation", O1, O2): the rules, pure Python.

The vaults of one organisation share the organisation secret (so a code gives the same token
and alias on each), the vocabularies, the partner directory, the programmes, the disclosure
and retention settings and the list of trusted device keys. A coordinator's device sends them
to a new laptop in an enrolment file and later changes in numbered organisation updates
(``redvan.exchange.enrol``, ``redvan.exchange.orgupdate``); this module holds what both need
to agree on: which settings travel, and the rule that a slug never changes meaning.

A slug's *meaning* is a random id the coordinator's vault gives a vocabulary value when it first
sends it. Renaming a label keeps the meaning; a slug deleted and later created again for
something else gets a new meaning, and a vault that knew the old one refuses the update.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Settings every vault of the organisation shares (disclosure control and retention).
SHARED_SETTINGS = ("suppression_threshold", "note_retention_days", "profile_retention_days")

# Vault settings (inside the encrypted vault) of the organisation's state.
ORGANISATION_ID = "organisation_id"
COORDINATORS = "organisation_coordinators"  # device public keys allowed to send updates
DEVICES = "organisation_devices"  # device public keys the organisation trusts
MEANINGS = "organisation_meanings"  # "kind/slug" -> {"meaning": id, "present": bool}
SEQUENCE = "organisation_sequence"  # the newest update applied (or, on the coordinator, sent)
PROGRAMME_KEYS = "programme_keys"  # programme slug -> hex key shared with partner organisations


class OrganisationError(ValueError):
    """An organisation file or change that cannot be taken; ``str()`` is a sentence."""


def meaning_key(kind: str, slug: str) -> str:
    return f"{kind}/{slug}"


@dataclass(frozen=True)
class Meanings:
    """The meaning of every slug a coordinator has sent, and whether it is still present."""

    entries: Mapping[str, Mapping[str, Any]]

    @classmethod
    def load(cls, value: Any) -> Meanings:
        if not isinstance(value, dict):
            return cls({})
        return cls(
            {
                k: v
                for k, v in value.items()
                if isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("meaning"), str)
            }
        )

    def assign(self, present: Iterable[str]) -> Meanings:
        """The meanings after the coordinator's vocabulary is ``present``: a new slug gets a new
        meaning, and so does a slug that had been deleted and is present again (it may name
        another thing now; if it does not, the old meaning was retired with it anyway)."""
        now = set(present)
        out: dict[str, dict[str, Any]] = {}
        for key, entry in self.entries.items():
            out[key] = {"meaning": entry["meaning"], "present": key in now}
        for key in now:
            known = self.entries.get(key)
            if known is None or not known.get("present", True):
                out[key] = {"meaning": str(uuid.uuid4()), "present": True}
        return Meanings(out)

    def meaning(self, key: str) -> str | None:
        entry = self.entries.get(key)
        return None if entry is None else str(entry["meaning"])

    def to_setting(self) -> dict[str, Any]:
        return {k: dict(v) for k, v in sorted(self.entries.items())}


def changed_meanings(known: Meanings, incoming: Mapping[str, str]) -> list[str]:
    """The "kind/slug" keys whose incoming meaning differs from the one this vault knows."""
    return sorted(
        key
        for key, meaning in incoming.items()
        if (old := known.meaning(key)) is not None and old != meaning
    )


def changed_programmes(local: Mapping[str, str], incoming: Mapping[str, str]) -> list[str]:
    """Programme slugs that name another programme here (by slug -> programme id)."""
    return sorted(slug for slug, pid in incoming.items() if local.get(slug, pid) != pid)
