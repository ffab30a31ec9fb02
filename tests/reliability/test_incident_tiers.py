"""R5 as a property: an incident is in an alert sheet or a police report only if its consent
tier allows it — in the core's selection, and in the text of the PDF itself."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core import pii
from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.incidents import TIER_FOR_EXPORT, IncidentExport, build_sheet
from redvan.core.model import ContactInput, Incident
from redvan.core.weeks import IsoWeek
from redvan.reports.alerts import write_alert_sheet
from redvan.reports.police import write_police_report
from tests.pdftext import pdf_text

BASE = date(2026, 9, 7)  # a Monday, 2026-W37
FIRST = IsoWeek.of(BASE)
LETTERS = str.maketrans("0123456789", "ghijklmnop")

descriptions = st.one_of(
    st.none(),
    st.text(min_size=0, max_size=60),
    st.sampled_from(
        ["Ring 20 30 40 50", "maja@example.com", "CPR 010190-1234", "A grey car, two men."]
    ),
)


@st.composite
def incidents(draw: st.DrawFn) -> Incident:
    day = BASE + timedelta(days=draw(st.integers(0, 8 * 7)))
    return Incident(
        id=str(uuid.UUID(int=draw(st.integers(0, 2**64)))),
        date=day,
        week=str(IsoWeek.of(day)),
        zone=draw(st.sampled_from([None, "istedgade", "vesterbro"])),
        types=tuple(draw(st.sets(st.sampled_from([t.value for t in IncidentType]), min_size=1))),
        consent_tier=draw(st.sampled_from([t.value for t in ConsentTier])),
        reported_to_police=draw(st.sampled_from([p.value for p in PoliceReport])),
        description=draw(descriptions),
        profile_id=draw(st.sampled_from([None, "profile-1"])),
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(incidents(), max_size=12, unique_by=lambda i: i.id),
    st.sampled_from(list(IncidentExport)),
    st.integers(0, 6),
    st.integers(0, 4),
    st.one_of(st.none(), st.dictionaries(st.text(max_size=3), st.text(max_size=40))),
    st.data(),
)
def test_only_the_allowed_tier_is_selected(items, kind, start, span, reviewed, data) -> None:  # type: ignore[no-untyped-def]
    first = FIRST + start
    last = first + span
    if reviewed is not None and items:
        # review some of the real incidents, with anything at all as the printed text
        chosen = data.draw(st.lists(st.sampled_from(items), max_size=len(items)))
        reviewed = {i.id: data.draw(st.text(max_size=60)) for i in chosen}
    references = {i.id: f"RV-{n:04d}-0000" for n, i in enumerate(items)}
    sheet = build_sheet(
        kind, items, first, last, export_id="x", reviewed=reviewed, references=references
    )
    by_id = {i.id: i for i in items}
    expected = {
        i.id
        for i in items
        if i.consent_tier == TIER_FOR_EXPORT[kind].value
        and first.monday() <= i.date <= last.sunday()
    }
    assert {e.incident_id for e in sheet.entries} == expected
    for entry in sheet.entries:
        source = by_id[entry.incident_id]
        assert source.consent_tier == TIER_FOR_EXPORT[kind].value
        if entry.description is not None:
            assert not pii.contains_pii(entry.description)
            assert entry.description.strip() == entry.description
        if kind is IncidentExport.ALERTS:
            assert entry.day is None and entry.reference is None
        else:
            assert entry.reference == references[source.id]


WRITERS = {IncidentExport.ALERTS: write_alert_sheet, IncidentExport.POLICE: write_police_report}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(ConsentTier)), st.integers(0, 20), st.booleans()),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["da", "en"]),
)
def test_the_pdf_holds_only_what_the_tier_allows(  # type: ignore[no-untyped-def]
    services, tmp_path: Path, rows, lang
) -> None:
    store = services.store
    with store.transaction():  # a clean slate for each example (the vault is shared)
        store.conn.execute("DELETE FROM incident")
    person = services.find_by_code("MAJA7") or services.save_contact(
        ContactInput(time=datetime(2026, 9, 7, 22), code="MAJA7")
    )
    profile = services.find_by_code("MAJA7")
    assert profile is not None and person is not None
    markers: dict[str, tuple[ConsentTier, date]] = {}
    for tier, offset, linked in rows:
        # letters only: a run of digits could look like a phone number to the PII guard
        marker = "marker" + uuid.uuid4().hex[:10].translate(LETTERS)
        day = BASE + timedelta(days=offset)
        services.record_incident(
            day,
            "istedgade",
            [IncidentType.ROBBERY_THEFT],
            tier,
            PoliceReport.NO,
            (),
            f"Seen near the station {marker}",
            profile_id=profile.id if linked else None,
        )
        markers[marker] = (tier, day)
    first, last = FIRST, FIRST + 1  # 14 days of the 21 the incidents fall in
    for kind in IncidentExport:
        sheet = services.incident_sheet(kind, first, last)
        target = tmp_path / f"{kind.value}-{lang}.pdf"
        WRITERS[kind](target, sheet, lang)
        text = pdf_text(target)
        for marker, (tier, day) in markers.items():
            shown = tier is TIER_FOR_EXPORT[kind] and first.monday() <= day <= last.sunday()
            assert (marker in text) is shown, (kind, tier, day)
        # never the person: no alias, code or id of the profile or of an incident
        for secret in (profile.alias, "MAJA7", profile.id, *(e.incident_id for e in sheet.entries)):
            assert secret not in text
        assert (target.stat().st_mode & 0o777) == 0o600
