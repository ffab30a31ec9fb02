"""Texts of the tally reports (PDF and CSV) in English and Danish, kept as data (P7).

Placeholders are %1, %2, … as in the GUI. Words follow the glossary: ugeopgørelse,
periodeopgørelse, projekt, mål, antal nåede personer, nødvendigt tempo, prognose, tidlig
advarsel, diskretionering.
"""

from __future__ import annotations

from collections.abc import Mapping

from redvan.core import enums
from redvan.core.weeks import IsoWeek

TEXTS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "brand": "RED VAN INTAKE",
        "title_week": "Weekly tally — week %1, %2",
        "title_period": "Period report — %1 to %2",
        "title_period_year": "Period report — weeks %1–%2, %3",
        "dates": "%1 to %2 (%3)",
        "weeks_one": "1 week",
        "weeks_many": "%1 weeks",
        "generated": "Generated %1",
        "page": "Page %1 of %2",
        "footer": "Red Van Intake · %1",
        "key_figures": "Key figures",
        "total_contacts": "Contacts",
        "total_persons": "Persons with a code",
        "merged_persons_range": (
            "Distinct persons with a code: between %1 and %2. Packages from different devices, "
            "or exported at different times, cannot tell whether they counted the same person, "
            "so this is a range: at least the largest count that is certain, at most the sum. "
            '"Persons with a code" shows the lower end.'
        ),
        "merged_persons_exact": "Distinct persons with a code: %1 (exact).",
        "merged_persons_estimate": (
            "Distinct persons with a code across devices, estimated from the packages' person "
            "sketches: %1 (between %2 and %3; intervals made this way hold the true number at "
            "least 95 times in 100)."
        ),
        "merged_estimate_no-sketches": (
            "No estimate of distinct persons: some packages carry no person sketches (they were "
            "made by an older version of Red Van)."
        ),
        "merged_estimate_organisations": (
            "No estimate of distinct persons: the packages come from more than one "
            "organisation, whose person sketches cannot be united."
        ),
        "merged_week_estimate": "%1: %2 (between %3 and %4)",
        "merged_programme": (
            "Programme %1 (devices: %2, organisations: %3): about %4 persons reached (between %5 "
            "and %6) of the target %7, as of week %8."
        ),
        "merged_programme_forecast": (
            "Forecast at the end (%1): %2 persons (between %3 and %4); pace needed from now on: "
            "%5 persons a week."
        ),
        "merged_programme_warning": (
            "EARLY WARNING: at this pace the programme will not reach its target of %1 persons."
        ),
        "merged_programme_on_track": "On track: the forecast reaches the target of %1 persons.",
        "merged_programme_too_early": "Too early for a forecast: fewer than %1 weeks so far.",
        "merged_sources": "Sync packages merged: %1. Devices: %2 (%3).",
        "total_referrals": "Referrals",
        "total_followups": "Follow-ups due",
        "total_incidents": "Incidents",
        "new_persons": "New persons",
        "uncoded": "Contacts without a code",
        "contacts_per_week": "Contacts per week",
        "contacts_per_week_context": "Contacts per week (the report's week and the %1 before it)",
        "services": "Services",
        "col_contacts": "Contacts",
        "col_quantity": "Handed out",
        "col_count": "Number",
        "referrals_followups": "Referrals and follow-ups",
        "incidents": "Incidents",
        "incidents_none": "No incidents were recorded in these weeks.",
        "who": "Who the team met",
        "who_intro": (
            "Each breakdown counts contacts (meetings), so each adds up to the number of "
            "contacts. Age band, gender and language are as recorded at the contact."
        ),
        "rows_left_out": (
            "In every table of this report, rows whose published figure is 0 are left out; "
            "the totals are always shown. The CSV file lists every row."
        ),
        "none": "None.",
        "reach": "Programme reach",
        "reach_name": "Programme",
        "reach_period": "Period",
        "reach_as_of": "As of week",
        "reach_target": "Target",
        "reach_reached": "Persons reached",
        "reach_forecast": "Forecast at the end",
        "reach_pace_needed": "Pace needed (persons/week)",
        "reach_pace_so_far": "Pace so far (persons/week)",
        "reach_week_of": "Week %1 of %2 (%3 to %4)",
        "reach_warning_label": "Early warning",
        "reach_warning": (
            "The forecast of %1 persons by %2 is below the target of %3. From now on %4 "
            "persons a week are needed, against %5 a week so far."
        ),
        "reach_warning_hidden": (
            "At the pace so far the programme will not reach its target of %1 persons by %2."
        ),
        "reach_on_track": "On track: the forecast of %1 persons by %2 reaches the target of %3.",
        "reach_too_early": "Too early for a forecast: the programme has run fewer than %1 weeks.",
        "reach_ended": "The programme ended in %1 with %2 of its target of %3 persons.",
        "reach_line": "Persons reached (cumulative)",
        "legend_reached": "Persons reached",
        "legend_target": "Path to the target",
        "legend_forecast": "Forecast",
        "chart_hidden": "The reach line is not drawn: fewer than %1 persons so far.",
        "about": "About these figures",
        "suppression_title": "Disclosure control",
        "suppression_note": (
            "Every figure is rounded to a multiple of %1 (consistent random rounding): up or "
            "down, never by more than %2, and right on average. The same records always give "
            "the same rounded figure, so repeated or overlapping reports reveal nothing more. "
            "A period's figures are the sums of its weeks' rounded figures; persons, known "
            "persons and programme reach are rounded on their own. Rounded figures need not add "
            "up exactly. A rounded 0 may stand for a few."
        ),
        "hidden_title": "What is hidden and why",
        "hidden_none": "Nothing is hidden: every figure is shown, rounded.",
        "reason_primary": "a count below the threshold",
        "reason_complementary": "hidden so that a count below the threshold cannot be worked out",
        "reason_withheld": "breakdown not shown",
        "withheld_small-total": "Not shown: too few to break down.",
        "withheld_no-safe-pattern": (
            "Not shown: it cannot be shown without revealing a small count."
        ),
        "hidden_total": "%1 (total)",
        "hidden_cell": "%1: %2",
        "hidden_reach": "%1: persons reached",
        "hidden_col_where": "Figures",
        "hidden_col_primary": "Shown as <%1",
        "hidden_col_complementary": "Shown as x",
        "hidden_totals": "Totals",
        "hidden_withheld": "Breakdowns not shown",
        "hidden_reach_row": "Programme reach",
        "now": "now",
        "definitions_title": "Definitions",
        "definitions": (
            "Contacts are the meetings recorded in the weeks, with or without a code. Persons "
            "with a code are the different persons met, counted once each; new persons were "
            "first seen in these weeks. A contact without a code is counted, never turned into a "
            "person. Follow-ups are those due in these weeks, by their status today. Programme "
            "reach counts the different persons included in a programme since it started, "
            "against its target; the forecast carries the lower of the pace since the start and "
            "the recent trend on to the programme's last week."
        ),
        "yes": "yes",
        "no": "no",
        "csv_table": "table",
        "csv_category": "category",
        "csv_label": "label",
        "csv_value": "value",
        "csv_title": "Report",
        "csv_first_week": "First week",
        "csv_last_week": "Last week",
        "csv_generated": "Generated",
        "csv_threshold": "Suppression threshold",
        "csv_note_label": "Disclosure control",
        "csv_reporting_day": "Reporting day",
        "csv_time_zone": "Time zone",
        "csv_day_start": "Day starts at hour",
        "csv_hidden": "Hidden",
    },
    "da": {
        "brand": "RED VAN INTAKE",
        "title_week": "Ugeopgørelse — uge %1, %2",
        "title_period": "Periodeopgørelse — %1 til %2",
        "title_period_year": "Periodeopgørelse — uge %1–%2, %3",
        "dates": "%1 til %2 (%3)",
        "weeks_one": "1 uge",
        "weeks_many": "%1 uger",
        "generated": "Genereret %1",
        "page": "Side %1 af %2",
        "footer": "Red Van Intake · %1",
        "key_figures": "Nøgletal",
        "total_contacts": "Kontakter",
        "total_persons": "Personer med personkode",
        "merged_persons_range": (
            "Forskellige personer med personkode: mellem %1 og %2. Pakker fra forskellige "
            "enheder, eller eksporteret på forskellige tidspunkter, kan ikke se, om de har talt "
            "den samme person, så tallet er et interval: mindst det største sikre antal, højst "
            'summen. "Personer med personkode" viser den nederste grænse.'
        ),
        "merged_persons_exact": "Forskellige personer med personkode: %1 (nøjagtigt).",
        "merged_persons_estimate": (
            "Forskellige personer med personkode på tværs af enheder, anslået ud fra pakkernes "
            "personskitser: %1 (mellem %2 og %3; intervaller lavet på denne måde rummer det "
            "sande tal mindst 95 gange ud af 100)."
        ),
        "merged_estimate_no-sketches": (
            "Intet skøn over forskellige personer: nogle pakker har ingen personskitser (de er "
            "lavet af en ældre version af Red Van)."
        ),
        "merged_estimate_organisations": (
            "Intet skøn over forskellige personer: pakkerne kommer fra mere end én organisation, "
            "og deres personskitser kan ikke lægges sammen."
        ),
        "merged_week_estimate": "%1: %2 (mellem %3 og %4)",
        "merged_programme": (
            "Projekt %1 (enheder: %2, organisationer: %3): omkring %4 nåede personer (mellem %5 "
            "og %6) af målet %7, pr. uge %8."
        ),
        "merged_programme_forecast": (
            "Prognose ved afslutningen (%1): %2 personer (mellem %3 og %4); nødvendigt tempo "
            "herfra: %5 personer om ugen."
        ),
        "merged_programme_warning": (
            "TIDLIG ADVARSEL: i dette tempo når projektet ikke sit mål på %1 personer."
        ),
        "merged_programme_on_track": "På sporet: prognosen når målet på %1 personer.",
        "merged_programme_too_early": "For tidligt til en prognose: færre end %1 uger indtil nu.",
        "merged_sources": "Synkroniseringspakker samlet: %1. Enheder: %2 (%3).",
        "total_referrals": "Henvisninger",
        "total_followups": "Opfølgninger med frist",
        "total_incidents": "Hændelser",
        "new_persons": "Nye personer",
        "uncoded": "Kontakter uden kode",
        "contacts_per_week": "Kontakter pr. uge",
        "contacts_per_week_context": "Kontakter pr. uge (opgørelsens uge og de %1 før)",
        "services": "Ydelser",
        "col_contacts": "Kontakter",
        "col_quantity": "Uddelt",
        "col_count": "Antal",
        "referrals_followups": "Henvisninger og opfølgninger",
        "incidents": "Hændelser",
        "incidents_none": "Der er ikke registreret hændelser i disse uger.",
        "who": "Hvem teamet mødte",
        "who_intro": (
            "Hver opdeling tæller kontakter (møder), så hver giver antallet af kontakter i "
            "alt. Aldersgruppe, køn og sprog er som registreret ved kontakten."
        ),
        "rows_left_out": (
            "I alle tabeller i denne opgørelse er rækker, hvis offentliggjorte tal er 0, "
            "udeladt; totalerne vises altid. CSV-filen har alle rækker."
        ),
        "none": "Ingen.",
        "reach": "Projekter: antal nåede personer",
        "reach_name": "Projekt",
        "reach_period": "Periode",
        "reach_as_of": "Opgjort i uge",
        "reach_target": "Mål",
        "reach_reached": "Antal nåede personer",
        "reach_forecast": "Prognose ved projektets slut",
        "reach_pace_needed": "Nødvendigt tempo (personer/uge)",
        "reach_pace_so_far": "Tempo hidtil (personer/uge)",
        "reach_week_of": "Uge %1 af %2 (%3 til %4)",
        "reach_warning_label": "Tidlig advarsel",
        "reach_warning": (
            "Prognosen på %1 personer ved %2 er under målet på %3. Fra nu af skal der nås %4 "
            "personer pr. uge mod %5 pr. uge hidtil."
        ),
        "reach_warning_hidden": (
            "I det hidtidige tempo når projektet ikke sit mål på %1 personer ved %2."
        ),
        "reach_on_track": "På sporet: prognosen på %1 personer ved %2 når målet på %3.",
        "reach_too_early": "For tidligt til en prognose: projektet har kørt under %1 uger.",
        "reach_ended": "Projektet sluttede i %1 med %2 af målet på %3 personer.",
        "reach_line": "Antal nåede personer (akkumuleret)",
        "legend_reached": "Nåede personer",
        "legend_target": "Vejen til målet",
        "legend_forecast": "Prognose",
        "chart_hidden": "Kurven vises ikke: færre end %1 personer indtil nu.",
        "about": "Om tallene",
        "suppression_title": "Diskretionering",
        "suppression_note": (
            "Alle tal er afrundet til et multiplum af %1 (konsekvent tilfældig afrunding): op "
            "eller ned, aldrig mere end %2, og i gennemsnit rigtigt. De samme registreringer "
            "giver altid det samme afrundede tal, så gentagne eller overlappende opgørelser "
            "afslører ikke mere. En periodes tal er summen af ugernes afrundede tal; personer, "
            "kendte personer og programmets rækkevidde afrundes for sig. Afrundede tal summerer "
            "ikke nødvendigvis præcist. Et afrundet 0 kan dække over nogle få."
        ),
        "hidden_title": "Hvad er skjult og hvorfor",
        "hidden_none": "Intet er skjult: alle tal vises, afrundet.",
        "reason_primary": "et tal under grænsen",
        "reason_complementary": "skjult, så et tal under grænsen ikke kan regnes ud",
        "reason_withheld": "opdelingen vises ikke",
        "withheld_small-total": "Ikke vist: for få til at blive opdelt.",
        "withheld_no-safe-pattern": "Ikke vist: kan ikke vises uden at afsløre et lille tal.",
        "hidden_total": "%1 (i alt)",
        "hidden_cell": "%1: %2",
        "hidden_reach": "%1: antal nåede personer",
        "hidden_col_where": "Tal",
        "hidden_col_primary": "Vist som <%1",
        "hidden_col_complementary": "Vist som x",
        "hidden_totals": "Totaler",
        "hidden_withheld": "Opdelinger, der ikke vises",
        "hidden_reach_row": "Antal nåede personer",
        "now": "nu",
        "definitions_title": "Definitioner",
        "definitions": (
            "Kontakter er de møder, der er registreret i ugerne, med eller uden personkode. "
            "Personer med personkode er de forskellige personer, teamet har mødt, talt én gang "
            "hver; nye personer er set første gang i disse uger. En kontakt uden kode tælles "
            "med, men bliver aldrig til en person. Opfølgninger er dem med frist i disse uger, "
            "med deres status i dag. Antal nåede personer i et projekt er de forskellige "
            "personer, der er optaget i projektet siden start, set i forhold til målet; "
            "prognosen fører det laveste af tempoet siden start og den seneste udvikling frem "
            "til projektets sidste uge."
        ),
        "yes": "ja",
        "no": "nej",
        "csv_table": "tabel",
        "csv_category": "kategori",
        "csv_label": "betegnelse",
        "csv_value": "værdi",
        "csv_title": "Opgørelse",
        "csv_first_week": "Første uge",
        "csv_last_week": "Sidste uge",
        "csv_generated": "Genereret",
        "csv_threshold": "Grænse for diskretionering",
        "csv_note_label": "Diskretionering",
        "csv_reporting_day": "Opgørelsesdag",
        "csv_time_zone": "Tidszone",
        "csv_day_start": "Dagen starter kl.",
        "csv_hidden": "Skjult",
    },
}

TABLE_TITLES: Mapping[str, tuple[str, str]] = {
    "contacts.code": ("Contacts with and without a code", "Kontakter med og uden personkode"),
    "contacts.week": ("Contacts per week", "Kontakter pr. uge"),
    "contacts.channel": ("By channel", "Fordelt på kanal"),
    "contacts.zone": ("By zone", "Fordelt på område"),
    "contacts.age_band": ("By age band", "Fordelt på aldersgruppe"),
    "contacts.gender": ("By gender", "Fordelt på køn"),
    "contacts.language": ("By language", "Fordelt på sprog"),
    "persons.new": ("New and known persons", "Nye og kendte personer"),
    "services": ("Services", "Ydelser"),
    "referrals.destination": (
        "Referrals by partner organisation",
        "Henvisninger pr. samarbejdspartner",
    ),
    "referrals.status": ("Referrals by status", "Henvisninger pr. status"),
    "followups.status": ("Follow-ups due, by status", "Opfølgninger med frist, pr. status"),
    "incidents.type": (
        "By type (an incident can have several)",
        "Pr. type (en hændelse kan have flere)",
    ),
    "incidents.consent_tier": ("By consent tier", "Pr. samtykkeniveau"),
    "incidents.police": ("Reported to the police", "Anmeldt til politiet"),
    "series": ("Contacts in the weeks before", "Kontakter i ugerne før"),
}


def text(language: str) -> Mapping[str, str]:
    return TEXTS["da" if enums.is_danish(language) else "en"]


# Longer titles where a breakdown is named out of its section ("what is hidden").
LONG_TITLES: Mapping[str, tuple[str, str]] = {
    "contacts.channel": ("Contacts by channel", "Kontakter fordelt på kanal"),
    "contacts.zone": ("Contacts by zone", "Kontakter fordelt på område"),
    "contacts.age_band": ("Contacts by age band", "Kontakter fordelt på aldersgruppe"),
    "contacts.gender": ("Contacts by gender", "Kontakter fordelt på køn"),
    "contacts.language": ("Contacts by language", "Kontakter fordelt på sprog"),
    "incidents.type": ("Incidents by type", "Hændelser pr. type"),
    "incidents.consent_tier": ("Incidents by consent tier", "Hændelser pr. samtykkeniveau"),
    "incidents.police": ("Incidents reported to the police", "Hændelser anmeldt til politiet"),
}


def table_title(key: str, language: str, *, long: bool = False) -> str:
    english, danish = (LONG_TITLES.get(key) if long else None) or TABLE_TITLES.get(key, (key, key))
    return danish if enums.is_danish(language) else english


def week_text(week: IsoWeek, language: str) -> str:
    """ "week 47, 2026" / "uge 47, 2026"."""
    return f"{'uge' if enums.is_danish(language) else 'week'} {week.week}, {week.year}"


def report_title(first: IsoWeek, last: IsoWeek, language: str) -> str:
    """ "Weekly tally — week 47, 2026", or a period report's title."""
    t = text(language)
    if first == last:
        return t["title_week"].replace("%1", str(first.week)).replace("%2", str(first.year))
    if first.year == last.year:
        return (
            t["title_period_year"]
            .replace("%1", str(first.week))
            .replace("%2", str(last.week))
            .replace("%3", str(first.year))
        )
    return (
        t["title_period"]
        .replace("%1", week_text(first, language))
        .replace("%2", week_text(last, language))
    )


def suppression_note(threshold: int, language: str) -> str:
    return (
        text(language)["suppression_note"]
        .replace("%1", str(threshold))
        .replace("%2", str(threshold - 1))
    )
