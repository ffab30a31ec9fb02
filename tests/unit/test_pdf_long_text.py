"""Issue 14, finding 2: every PDF flows any accepted text across pages (never LayoutError).

A 55-line incident description (2,630 characters, under the 4,000 limit) raised LayoutError in
the alert sheet, and in the police report it blocked every other incident of the period; a
long vocabulary label crashed the tally PDF. Each PDF kind is rendered here with maximal and
pathological text. REDVAN_LONG_FUZZ=1 runs many more examples (on demand)."""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core import limits
from redvan.core.incidents import IncidentExport, IncidentSheet, SheetEntry
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.exchange.merge import Ledger, merge, render
from redvan.exchange.sync import SyncPackage, canonical_sha256
from redvan.reports.alerts import render_alert_sheet
from redvan.reports.police import render_police_report
from redvan.reports.recovery_sheet import write_recovery_sheet
from tests.reliability.test_t6_fuzz_sync import valid_document

W = IsoWeek(2026, 46)
EXAMPLES = 300 if os.environ.get("REDVAN_LONG_FUZZ") else 12
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NUMBERED = "\n".join(
    f"{n}. He came back in the grey car and said he would wait by the kiosk." for n in range(1, 56)
)
PATHOLOGICAL = [
    NUMBERED,  # the finding: 55 numbered lines
    "x" * limits.FREE_TEXT,  # one word as long as allowed
    "\n" * limits.FREE_TEXT,  # nothing but line breaks
    "a\n" * (limits.FREE_TEXT // 2),  # 2,000 one-letter lines
    ("<b>bold</b> & <para> </para> <br/> &amp; ]]> " * 100)[: limits.FREE_TEXT],
    ("مرحبا שלום עולם " * 300)[: limits.FREE_TEXT],  # right to left
    ("e\u0301\u0308\u0327" * 1000)[: limits.FREE_TEXT],  # stacked combining marks
    ("🚐👩🏽‍⚕️🏳️‍🌈 " * 500)[: limits.FREE_TEXT],  # emoji, joiners, modifiers
    ("\x1b[2J\x00\x07\u202e\u2066\ud800 text " * 200)[: limits.FREE_TEXT],  # controls
    ("word " * 1000)[: limits.FREE_TEXT],
]

pieces = st.sampled_from(
    ["x" * 300, "\n", "\n\n\n", " ", "<b>", "</para>", "&", "&amp;", "مرحبا", "שלום", "e\u0301",
     "\u0308\u0308", "🚐", "👩🏽‍⚕️", "\u202e", "\x1b[31m", "\x00", "\t", "1. ", "Istedgade "]
)  # fmt: skip
free_text = st.one_of(
    st.lists(pieces, max_size=200).map("".join).map(lambda t: t[: limits.FREE_TEXT]),
    st.text(max_size=limits.FREE_TEXT),
    st.sampled_from(PATHOLOGICAL),
)
label_text = st.one_of(
    st.lists(pieces, min_size=1, max_size=20).map("".join),
    st.text(min_size=1, max_size=limits.LABEL),
).map(lambda t: t[: limits.LABEL].strip() or "x")


def sheet(kind: IncidentExport, descriptions: list[str], zone_label: str) -> IncidentSheet:
    zone = VocabularyEntry(VocabularyKind.ZONE, "zone", zone_label, zone_label)
    entries = tuple(
        SheetEntry(
            incident_id=str(n),
            week=str(W),
            day=date(2026, 11, 10) if kind is IncidentExport.POLICE else None,
            zone="zone",
            types=("threats_harassment", "theft"),
            reported_to_police="no" if kind is IncidentExport.POLICE else None,
            description=text,
            reference=f"RV-AAAA-{n:04d}" if kind is IncidentExport.POLICE else None,
        )
        for n, text in enumerate(descriptions)
    )
    return IncidentSheet(kind, W, W, "export", entries, {"zone": zone})


def merged_pdf(label: str) -> bytes:
    doc = valid_document()
    doc["package_id"] = str(uuid.uuid4())
    for item in doc["vocabulary"]:
        item["en"] = item["da"] = label
    doc["programmes"][0]["name"] = label
    package = SyncPackage(doc, canonical_sha256(doc), "p.json")
    result = merge(Ledger(), [package])
    data = render(result, "pdf", "da", datetime(2026, 11, 27))
    return data if isinstance(data, bytes) else data.encode()


def test_the_55_line_description_prints_and_does_not_block_the_others(tmp_path: Path) -> None:
    from tests.pdftext import builtin_text

    for kind, make in (
        (IncidentExport.ALERTS, render_alert_sheet),
        (IncidentExport.POLICE, render_police_report),
    ):
        pdf = make(sheet(kind, ["First, short.", NUMBERED, "Third, after the long one."], "Z"))
        (tmp_path / "out.pdf").write_bytes(pdf)
        shown = builtin_text(tmp_path / "out.pdf")
        assert "55. He came back" in shown and "Third, after the long one." in shown, kind


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_every_incident_pdf_takes_the_pathological_texts(text: str) -> None:
    for kind, make in (
        (IncidentExport.ALERTS, render_alert_sheet),
        (IncidentExport.POLICE, render_police_report),
    ):
        for lang in ("en", "da"):
            pdf = make(sheet(kind, [text, text], "Vesterbro " * 20), lang)
            assert pdf.startswith(b"%PDF-")


@PROPERTY
@given(st.lists(free_text, min_size=1, max_size=3), label_text)
def test_any_accepted_text_renders_in_the_incident_pdfs(texts: list[str], label: str) -> None:
    assert render_alert_sheet(sheet(IncidentExport.ALERTS, texts, label)).startswith(b"%PDF-")
    assert render_police_report(sheet(IncidentExport.POLICE, texts, label)).startswith(b"%PDF-")


@PROPERTY
@given(label_text)
def test_any_accepted_label_renders_in_the_merged_tally_pdf(label: str) -> None:
    assert merged_pdf(label).startswith(b"%PDF-")


@PROPERTY
@given(label_text, st.sampled_from(["en", "da"]))
def test_any_vault_name_renders_on_the_recovery_sheet(tmp_path: Path, name: str, lang: str) -> None:
    target = tmp_path / "sheet.pdf"
    write_recovery_sheet(
        target, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23", name, datetime(2026, 11, 27), lang
    )
    assert target.read_bytes().startswith(b"%PDF-")


def test_the_tally_pdf_takes_maximal_labels(services) -> None:  # type: ignore[no-untyped-def]
    from redvan.core.disclosure import disclose
    from redvan.core.model import ContactInput, ServiceGiven
    from redvan.reports.tally_pdf import tally_pdf

    long_word = "x" * limits.LABEL
    for n, label in enumerate([long_word, ("word " * 40)[: limits.LABEL], PATHOLOGICAL[4][:200]]):
        services.save_vocabulary_entry(
            VocabularyEntry(VocabularyKind.SERVICE, f"s{n}", label, label)
        )
        services.save_vocabulary_entry(VocabularyEntry(VocabularyKind.ZONE, f"z{n}", label, label))
        for i in range(6):
            services.save_contact(
                ContactInput(
                    time=datetime(2026, 11, 10, 21, n * 10 + i), zone=f"z{n}", channel="street",
                    services=(ServiceGiven(f"s{n}", 1),),
                )
            )  # fmt: skip
    disclosed = disclose(services.tally(W, W))
    for lang in ("en", "da"):
        assert tally_pdf(disclosed, lang, datetime(2026, 11, 27)).startswith(b"%PDF-")


def test_a_label_longer_than_any_output_takes_is_refused_at_entry(services) -> None:  # type: ignore[no-untyped-def]
    from redvan.core.services import ServiceError

    with pytest.raises(ServiceError, match="longer than 200"):
        services.save_vocabulary_entry(
            VocabularyEntry(VocabularyKind.SERVICE, "s", "x" * (limits.LABEL + 1), "x")
        )


def test_an_older_vaults_long_label_still_exports_a_valid_sync_package(  # type: ignore[no-untyped-def]
    services, tmp_path: Path
) -> None:
    """A 3,000-character label written before the limit crashed `export sync` (schema: 200)."""
    from redvan.core.model import ContactInput, ServiceGiven
    from redvan.exchange.sync import build_package, check_document

    long = VocabularyEntry(VocabularyKind.SERVICE, "condoms", "Condoms " * 400, "K\x1b" * 1500)
    services.store.upsert_vocabulary(long)  # as an older version stored it, unchecked
    services.save_contact(
        ContactInput(
            time=datetime(2026, 11, 10, 21, 0), zone="istedgade", channel="street",
            services=(ServiceGiven("condoms", 2),),
        )
    )  # fmt: skip
    from redvan.exchange.signing import device_key

    key = device_key(services.store).public
    doc = build_package(services, W, W, public_key=key, sequence=1, created=datetime(2026, 11, 27))
    check_document(doc, "own")
    label = next(v for v in doc["vocabulary"] if v["slug"] == "condoms")
    assert len(label["en"]) <= limits.LABEL and "\x1b" not in label["da"]
