"""What of an incident may leave the vault, and in which output ("frit lejde", SPEC R5).

An incident appears only in the one output its consent tier allows:

- the *alert sheet* for other outreach workers: tier ``warn-workers`` only;
- the anonymous *third-party report* to the police: tier ``police-anonymous`` only.

``record-only`` and ``statistics-only`` incidents never appear in either.

An entry carries the week (alert sheet) or the day (police report), the zone, the type(s) and
the description as it will be printed. The description is always passed through the PII guard
(:func:`redvan.core.pii.redact`). In the app a coordinator then reviews each printed text — may
edit it for the print, never the record — and confirms it (``reviewed``). Without a review (the
command line) a description in which the guard finds anything is withheld whole. The person's
profile, alias or code, the incident's id, the support given and who recorded it are never
part of an entry's printed fields. A police report gives each incident a fresh random
reference (kept in the vault, mapped to the incident) so the organisation can answer follow-up
questions without revealing the person.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from redvan.core import pii
from redvan.core.enums import ConsentTier
from redvan.core.model import Incident
from redvan.core.vocabulary import VocabularyEntry
from redvan.core.weeks import IsoWeek


class IncidentExport(StrEnum):
    """The outputs an incident may go to, each allowed by exactly one consent tier."""

    ALERTS = "alerts"
    POLICE = "police"


TIER_FOR_EXPORT: Mapping[IncidentExport, ConsentTier] = {
    IncidentExport.ALERTS: ConsentTier.WARN_WORKERS,
    IncidentExport.POLICE: ConsentTier.POLICE_ANONYMOUS,
}

# The audit entity of each export (V8: the event names the output, never its contents).
AUDIT_ENTITY: Mapping[IncidentExport, str] = {
    IncidentExport.ALERTS: "alert-sheet",
    IncidentExport.POLICE: "police-report",
}

# Crockford's base 32: no I, L, O or U, so a reference read aloud on the phone is unambiguous.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_REFERENCE = re.compile(r"^RV-?([0-9A-HJKMNP-TV-Z]{4})-?([0-9A-HJKMNP-TV-Z]{4})$")


def allowed(kind: IncidentExport, incident: Incident) -> bool:
    """True only when the incident's consent tier allows this output."""
    return incident.consent_tier == TIER_FOR_EXPORT[kind].value


def new_reference(rng: random.Random) -> str:
    """A random police reference such as "RV-7K3M-Q9XD" (40 random bits, not from any id)."""
    chars = "".join(rng.choice(_ALPHABET) for _ in range(8))
    return f"RV-{chars[:4]}-{chars[4:]}"


def parse_reference(text: str) -> str | None:
    """The canonical form of a reference as typed ("rv 7k3m q9xd", "RV7K3MQ9XD"), or None."""
    compact = re.sub(r"[\s\-]", "", text or "").upper()
    compact = compact.replace("O", "0").replace("I", "1").replace("L", "1")
    match = _REFERENCE.match(compact)
    if match is None:
        return None
    return f"RV-{match.group(1)}-{match.group(2)}"


def proposed_text(incident: Incident) -> str:
    """The description as the review step first shows it: after the PII guard."""
    return pii.redact(incident.description or "").strip()


@dataclass(frozen=True)
class SheetEntry:
    """One incident as an alert sheet or police report prints it."""

    incident_id: str  # only to link a review and a reference; never printed
    week: str
    day: date | None  # the police report gives the day; an alert sheet only the week
    zone: str | None
    types: tuple[str, ...]
    reported_to_police: str | None  # police report only
    description: str | None  # exactly what is printed, or None
    withheld: bool = False  # there is a description, but it is not printed
    reference: str | None = None  # police report only


@dataclass(frozen=True)
class IncidentSheet:
    """What one export of incidents holds, ready for the PDF writer."""

    kind: IncidentExport
    first: IsoWeek
    last: IsoWeek
    export_id: str
    entries: tuple[SheetEntry, ...]
    zones: Mapping[str, VocabularyEntry] = field(default_factory=dict)

    def zone_label(self, slug: str | None, lang: str) -> str:
        if not slug:
            return ""
        entry = self.zones.get(slug)
        return entry.label(lang) if entry is not None else slug


def printed_description(
    incident: Incident, reviewed: Mapping[str, str] | None
) -> tuple[str | None, bool]:
    """(text to print or None, withheld?) for one incident.

    With a review, the reviewer's text is printed (still through the guard), and an incident
    the reviewer never saw has its description withheld. Without one, only a description in
    which the guard finds nothing is printed.
    """
    original = (incident.description or "").strip()
    if reviewed is not None:
        if incident.id not in reviewed:
            return None, bool(original)
        text = pii.redact(reviewed[incident.id]).strip()
        return (text or None), bool(original) and not text
    if not original:
        return None, False
    if pii.contains_pii(original):
        return None, True
    return original, False


def build_sheet(
    kind: IncidentExport,
    incidents: Iterable[Incident],
    first: IsoWeek,
    last: IsoWeek,
    *,
    export_id: str,
    zones: Mapping[str, VocabularyEntry] | None = None,
    reviewed: Mapping[str, str] | None = None,
    references: Mapping[str, str] | None = None,
) -> IncidentSheet:
    """The entries of one export: only incidents of the allowed tier within the weeks."""
    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    start, end = first.monday(), last.sunday()
    police = kind is IncidentExport.POLICE
    entries = []
    chosen = [i for i in incidents if allowed(kind, i) and start <= i.date <= end]
    for incident in sorted(chosen, key=lambda i: (i.date, i.id)):
        text, withheld = printed_description(incident, reviewed)
        reference = (references or {}).get(incident.id) if police else None
        if police and reference is None:
            raise ValueError("Every incident in a police report needs its own reference.")
        entries.append(
            SheetEntry(
                incident_id=incident.id,
                week=str(IsoWeek.of(incident.date)),
                day=incident.date if police else None,
                zone=incident.zone,
                types=tuple(incident.types),
                reported_to_police=incident.reported_to_police if police else None,
                description=text,
                withheld=withheld,
                reference=reference,
            )
        )
    return IncidentSheet(kind, first, last, export_id, tuple(entries), dict(zones or {}))
