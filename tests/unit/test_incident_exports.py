"""core.incidents and core.referrals: what may leave the vault, and the completion rate."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from redvan.core.enums import ConsentTier, ReferralStatus
from redvan.core.incidents import (
    IncidentExport,
    allowed,
    build_sheet,
    new_reference,
    parse_reference,
    printed_description,
    proposed_text,
)
from redvan.core.model import Incident, Referral
from redvan.core.referrals import (
    ALL_DESTINATIONS,
    PartnerOrganisation,
    clean_partner,
    completion_rates,
    completion_total,
    is_resolved,
)
from redvan.core.weeks import IsoWeek

W47 = IsoWeek(2026, 47)


def incident(key: str, tier: ConsentTier, day: date = date(2026, 11, 18), text: str | None = None):  # type: ignore[no-untyped-def]
    return Incident(
        key, day, str(IsoWeek.of(day)), "istedgade", ("robbery-theft",), tier.value, "no",
        ("conversation",), text, profile_id="profile-" + key,
    )  # fmt: skip


def test_each_export_allows_exactly_one_tier() -> None:
    for kind, tier in (
        (IncidentExport.ALERTS, ConsentTier.WARN_WORKERS),
        (IncidentExport.POLICE, ConsentTier.POLICE_ANONYMOUS),
    ):
        for other in ConsentTier:
            assert allowed(kind, incident("i", other)) is (other is tier)


def test_the_sheet_takes_only_allowed_incidents_of_the_weeks_oldest_first() -> None:
    incidents = [
        incident("late", ConsentTier.WARN_WORKERS, date(2026, 11, 22)),
        incident("early", ConsentTier.WARN_WORKERS, date(2026, 11, 16)),
        incident("police", ConsentTier.POLICE_ANONYMOUS),
        incident("record", ConsentTier.RECORD_ONLY),
        incident("stats", ConsentTier.STATISTICS_ONLY),
        incident("next-week", ConsentTier.WARN_WORKERS, date(2026, 11, 23)),
    ]
    sheet = build_sheet(IncidentExport.ALERTS, incidents, W47, W47, export_id="x")
    assert [e.incident_id for e in sheet.entries] == ["early", "late"]
    entry = sheet.entries[0]
    # an alert sheet has the week, never the day, nor police status or reference
    assert entry.week == "2026-W47" and entry.day is None
    assert entry.reported_to_police is None and entry.reference is None


def test_a_police_report_needs_a_reference_for_every_incident() -> None:
    incidents = [incident("a", ConsentTier.POLICE_ANONYMOUS)]
    with pytest.raises(ValueError):
        build_sheet(IncidentExport.POLICE, incidents, W47, W47, export_id="x")
    sheet = build_sheet(
        IncidentExport.POLICE, incidents, W47, W47, export_id="x", references={"a": "RV-0000-0000"}
    )
    assert sheet.entries[0].reference == "RV-0000-0000"
    assert sheet.entries[0].day == date(2026, 11, 18)
    with pytest.raises(ValueError):
        build_sheet(IncidentExport.ALERTS, [], W47, W47 - 1, export_id="x")


def test_without_review_a_description_with_personal_data_is_withheld_whole() -> None:
    clean = incident("a", ConsentTier.WARN_WORKERS, text="A grey car, two men.")
    phone = incident("b", ConsentTier.WARN_WORKERS, text="He called from 20 30 40 50.")
    empty = incident("c", ConsentTier.WARN_WORKERS)
    assert printed_description(clean, None) == ("A grey car, two men.", False)
    assert printed_description(phone, None) == (None, True)
    assert printed_description(empty, None) == (None, False)


def test_with_review_the_confirmed_text_is_printed_and_still_guarded() -> None:
    phone = incident("b", ConsentTier.WARN_WORKERS, text="He called from 20 30 40 50.")
    assert proposed_text(phone) == "He called from [phone]."
    assert printed_description(phone, {"b": "He called."}) == ("He called.", False)
    # the guard has the last word, even over the reviewer
    assert printed_description(phone, {"b": "Ring 20 30 40 50"}) == ("Ring [phone]", False)
    # emptied by the reviewer: nothing printed, and said so
    assert printed_description(phone, {"b": "  "}) == (None, True)
    # never reviewed (recorded after the review began): withheld
    assert printed_description(phone, {}) == (None, True)


def test_references_are_random_and_read_back_however_typed() -> None:
    rng = random.Random(7)
    refs = {new_reference(rng) for _ in range(500)}
    assert len(refs) == 500
    for ref in refs:
        assert parse_reference(ref) == ref
        assert parse_reference(ref.lower().replace("-", " ")) == ref
    assert parse_reference("RV-OOII-LL00") == "RV-0011-1100"  # misread letters
    assert parse_reference("nonsense") is None
    assert parse_reference("") is None


def referral(key: str, destination: str, status: ReferralStatus, day: date) -> Referral:
    return Referral(
        key, None, None, destination, "", status.value, datetime(day.year, day.month, day.day, 22)
    )


def test_completion_rate_is_arrived_out_of_resolved_per_destination() -> None:
    day, old = date(2026, 11, 18), date(2026, 9, 1)
    referrals = [
        referral("1", "reden", ReferralStatus.ATTENDED, day),
        referral("2", "reden", ReferralStatus.ACCOMPANIED, day),
        referral("3", "reden", ReferralStatus.NO_SHOW, day),
        referral("4", "reden", ReferralStatus.REFERRED, day),  # open: not in the rate
        referral("5", "checkpoint", ReferralStatus.REFERRED, day),
        referral("6", "checkpoint", ReferralStatus.ATTENDED, old),  # outside the period
        referral("7", "legal-aid", ReferralStatus.DECLINED, day),
        referral("8", "legal-aid", ReferralStatus.UNAVAILABLE, day),
    ]
    rates = {r.destination: r for r in completion_rates(referrals, W47, W47)}
    assert list(rates) == ["checkpoint", "legal-aid", "reden"]
    reden = rates["reden"]
    assert (reden.referred, reden.open, reden.completed, reden.resolved) == (4, 1, 2, 3)
    assert reden.rate == pytest.approx(2 / 3)
    assert rates["checkpoint"].rate is None  # nothing resolved: no made-up 0 %
    assert rates["legal-aid"].rate == 0
    total = completion_total(rates.values())
    assert total.destination == ALL_DESTINATIONS
    assert (total.referred, total.completed, total.resolved) == (7, 2, 5)
    assert all(is_resolved(s) for s in ("attended", "accompanied", "declined", "no-show"))
    assert not is_resolved("referred")


def test_partner_details_are_trimmed_and_limited() -> None:
    cleaned = clean_partner(PartnerOrganisation("reden", areas="  Vesterbro ", phone=" 70 00 "))
    assert cleaned.areas == "Vesterbro" and cleaned.phone == "70 00"
    assert not cleaned.is_empty() and PartnerOrganisation("x").is_empty()
    with pytest.raises(ValueError):
        clean_partner(PartnerOrganisation("reden", notes="x" * 401))
