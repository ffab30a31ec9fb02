"""The anonymous third-party report to the police (SPEC R5, "anmeldelse via tredjepart").

Only incidents whose consent tier is "share anonymously with police via the organisation"
reach it (core.incidents decides). Each carries a random reference, drawn for this report and
kept in the vault beside the incident, so the organisation can answer the police's follow-up
questions — after asking the person — without revealing who the person is. The day is given
(the police need it to link reports); the person, alias, code and record ids never are.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from redvan.core import enums
from redvan.core.enums import PoliceReport
from redvan.core.incidents import IncidentExport, IncidentSheet
from redvan.reports.alerts import (
    MUTED,
    RULE,
    Styles,
    content_width,
    description_flowables,
    entry_block,
    heading,
    language_of,
    long_date,
    para,
    render_document,
    type_labels,
    write_private,
)

TEXTS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Anonymous third-party report",
        "subtitle": "To the police, from the outreach organisation, for persons who stay anonymous",
        "period": "Weeks %1 to %2",
        "one_week": "Week %1",
        "count_one": "1 incident",
        "count_many": "%1 incidents",
        "printed": "printed %1",
        "intro": (
            "Each incident below was told to our outreach team by a person who agreed that it "
            "may be passed on to the police anonymously, through the organisation (“frit "
            "lejde”). The persons' identities are not given and will not be given. For "
            "follow-up questions, contact the organisation and quote the incident reference: "
            "we will put the questions to the person, who decides whether to answer."
        ),
        "reference": "Reference %1",
        "when": "Date",
        "where": "Area",
        "what": "Type",
        "police": "Reported to the police directly",
        "week": "week %1",
        "no_zone": "Not given",
        "no_description": "No description.",
        "withheld": "[description withheld: review in the app]",
        "empty": "No incidents with the consent tier “share anonymously with police via the "
        "organisation” in these weeks.",
        "sender": "Sent by (organisation)",
        "contact": "Contact at the organisation (phone)",
        "signed": "Date and signature",
        "footer": "Red Van Intake · Anonymous third-party report · page %1",
    },
    "da": {
        "title": "Anonym anmeldelse via tredjepart",
        "subtitle": "Til politiet, fra den opsøgende organisation, for personer, der forbliver "
        "anonyme",
        "period": "Uge %1 til %2",
        "one_week": "Uge %1",
        "count_one": "1 hændelse",
        "count_many": "%1 hændelser",
        "printed": "udskrevet %1",
        "intro": (
            "Hver hændelse nedenfor er fortalt til vores opsøgende team af en person, som har "
            "givet samtykke til, at den må gives videre til politiet anonymt via organisationen "
            "(frit lejde). Personernes identitet oplyses ikke og vil ikke blive oplyst. Har "
            "politiet spørgsmål, kontakt organisationen og oplys hændelsens reference: vi "
            "stiller spørgsmålene til personen, som selv afgør, om de skal besvares."
        ),
        "reference": "Reference %1",
        "when": "Dato",
        "where": "Område",
        "what": "Type",
        "police": "Selv anmeldt til politiet",
        "week": "uge %1",
        "no_zone": "Ikke oplyst",
        "no_description": "Ingen beskrivelse.",
        "withheld": "[beskrivelse tilbageholdt: gennemgå den i appen]",
        "empty": "Ingen hændelser med samtykkeniveauet »del anonymt med politiet via "
        "organisationen« i disse uger.",
        "sender": "Sendt af (organisation)",
        "contact": "Kontakt i organisationen (telefon)",
        "signed": "Dato og underskrift",
        "footer": "Red Van Intake · Anonym anmeldelse via tredjepart · side %1",
    },
}


def _facts(rows: list[tuple[str, str]], styles: Styles, width: float) -> Table:
    table = Table(
        [[Paragraph(para(k), styles.label), Paragraph(para(v), styles.body)] for k, v in rows],
        colWidths=[width * 0.34, width * 0.66],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _sign_off(texts: Mapping[str, str], styles: Styles, width: float) -> Table:
    rows = [[Paragraph(para(texts[k]), styles.label), ""] for k in ("sender", "contact", "signed")]
    table = Table(rows, colWidths=[width * 0.34, width * 0.66], rowHeights=[22] * len(rows))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
            ]
        )
    )
    return table


def render_police_report(
    sheet: IncidentSheet, lang: str = "en", printed: date | None = None
) -> bytes:
    """The third-party report as PDF bytes, in Danish ("da") or English."""
    if sheet.kind is not IncidentExport.POLICE:
        raise ValueError("render_police_report takes a police report")
    lang = language_of(lang)
    texts, styles, width = TEXTS[lang], Styles(), content_width()
    story: list[Any] = heading(texts, sheet, printed or date.today(), lang, styles)
    sign_off = _sign_off(texts, styles, width)
    if not sheet.entries:
        story += [Paragraph(para(texts["empty"]), styles.note), Spacer(1, 14), sign_off]
    for number, entry in enumerate(sheet.entries, start=1):
        when = entry.week
        if entry.day is not None:
            when = f"{long_date(entry.day, lang)} ({texts['week'].replace('%1', entry.week)})"
        facts = [
            (texts["when"], when),
            (texts["where"], sheet.zone_label(entry.zone, lang) or texts["no_zone"]),
            (texts["what"], type_labels(entry.types, lang)),
        ]
        if entry.reported_to_police:
            facts.append(
                (texts["police"], enums.label(PoliceReport(entry.reported_to_police), lang))
            )
        story.extend(
            entry_block(
                [
                    Paragraph(
                        para(texts["reference"].replace("%1", entry.reference or "")),
                        styles.head,
                    ),
                    _facts(facts, styles, width),
                ],
                width,
                description_flowables(entry, texts, styles),
                # The sign-off stays with the end of the last incident, never alone on a page
                # (after the space that follows an incident, its own 14 points).
                last=number == len(sheet.entries),
                closing=[Spacer(1, 6 + 14), sign_off],
            )
        )
    return render_document(texts["title"], story, texts["footer"])


def write_police_report(
    target: Path, sheet: IncidentSheet, lang: str = "en", printed: date | None = None
) -> None:
    write_private(target, render_police_report(sheet, lang, printed))
