"""Valid sync packages made in memory for merge tests: the weeks' figures from sets of person
tokens, the person sketches by the same code as ``redvan export sync`` (sync._add_sketches)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Set
from typing import Any

from redvan.exchange import sync
from redvan.exchange.signing import DevicePublicKey
from redvan.exchange.sketch import METHOD, organisation_id, person_key
from redvan.exchange.sync import SyncPackage, canonical_sha256, check_document


def _tables(contacts: int, persons: int) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for key in sync.TABLES:
        if key == "contacts.code":
            out[key] = {"coded": persons} if persons else {}
        elif key.startswith("contacts."):
            out[key] = {"": contacts} if contacts else {}
        elif key == "persons.new":
            out[key] = {"returning": persons} if persons else {}
        else:
            out[key] = {}
    return out


def package(
    key: DevicePublicKey,
    sequence: int,
    weeks: Mapping[str, Set[str]],
    secret: bytes | None,
    *,
    programmes: list[dict[str, Any]] | None = None,
) -> SyncPackage:
    """A checked package of the device ``key`` whose weeks met the persons (tokens) given;
    with ``secret``, sketched under that organisation secret, else without sketches."""
    ordered = sorted(weeks)
    entries: list[dict[str, Any]] = []
    for week in ordered:
        met = len(weeks[week])
        entries.append(
            {
                "week": week,
                "totals": {
                    "contacts": met,
                    "persons": met,
                    "referrals": 0,
                    "followups": 0,
                    "incidents": 0,
                },
                "tables": _tables(met, met),
                "quantities": {},
            }
        )
    document: dict[str, Any] = {
        "format": "redvan-sync",
        "version": 1,
        "package_id": str(uuid.uuid4()),
        "device_id": key.device_id,
        "device_public_key": key.base64,
        "sequence": sequence,
        "created": "2026-11-20T10:00Z",
        "period": {"first": ordered[0], "last": ordered[-1]},
        "threshold": 5,
        "persons": len(set().union(*weeks.values())),
        "weeks": entries,
        "programmes": programmes or [],
        "vocabulary": [],
    }
    if secret is not None:
        tokens = [(w, t) for w in ordered for t in weeks[w]]
        sync._add_sketches(entries, tokens, person_key(secret))
        document["estimates"] = {"method": METHOD, "organisation": organisation_id(secret)}
    check_document(document, "generated")
    return SyncPackage(document, canonical_sha256(document), f"{key.device_id}-{sequence}.json")
