"""The command line's and exchange's sentences in Danish (redvan/messages_cli.py, issue 15)."""

from __future__ import annotations

import json
import re

import pytest

from redvan import messages_cli
from redvan.messages_cli import Catalogue, catalogue_path, language_from_environment, translate

PLACEHOLDER = re.compile(r"\{[^{}]+\}")


def table() -> dict[str, str]:
    return json.loads(catalogue_path("da").read_text(encoding="utf-8"))


def test_every_sentence_a_person_can_read_has_its_danish() -> None:
    """Like the Linguist check: `python -m redvan.messages_cli update`, then translate."""
    assert messages_cli.untranslated() == []
    assert len(list(messages_cli.source_sentences())) > 150  # the extraction really finds them


def test_every_translation_keeps_its_placeholders() -> None:
    for english, danish in table().items():
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(danish)), english


def test_the_extraction_sees_the_exchange_the_cli_and_the_display_check() -> None:
    found = {text for _where, text in messages_cli.source_sentences()}
    assert "The file is not an audit bundle (it is not a zip archive)." in found  # exchange
    assert "Nothing to merge: no package was accepted." in found  # cli
    assert "{n} contacts" in found  # cli._count
    assert "On Fedora:" in found  # gui/display.py constants


@pytest.mark.parametrize(
    ("english", "danish"),
    [
        (
            "The sync package van-3.rvsync.json holds a number with a decimal point.",
            "Synkroniseringspakken van-3.rvsync.json indeholder et tal med decimaler.",
        ),
        (  # a sentence inside a sentence, and the definite form of a `what`
            "redvan: refused: The age key file key.txt cannot be read.",
            "redvan: afvist: age-nøglefilen key.txt kan ikke læses.",
        ),
        ("Saved 1 contact (3 new persons).", "Gemte 1 kontakt (3 nye personer)."),
        (
            "Line 4, field 'time': must be a date and time such as 2026-11-20T22:15. "
            "Nothing from the file was saved.",
            "Linje 4, feltet 'time': skal være en dato og et klokkeslæt som 2026-11-20T22:15. "
            "Intet fra filen er gemt.",
        ),
        (  # storage's errors, assembled from pieces, with an ordinal
            "Wrong passphrase for staff member AB (3rd attempt, next try in 4 s).",
            "Forkert adgangskode for medarbejder AB (3. forsøg, næste forsøg om 4 s).",
        ),
        (
            "The vault van.redvan is damaged: its key is right but its contents do not verify."
            " The newest verified backup is b.rvbackup; restore it with 'redvan restore"
            " --vault van.redvan --from b.rvbackup'.",
            "Boksen van.redvan er beskadiget: nøglen er rigtig, men indholdet kan ikke"
            " kontrolleres. Den nyeste kontrollerede sikkerhedskopi er b.rvbackup; gendan den"
            " med 'redvan restore --vault van.redvan --from b.rvbackup'.",
        ),
        (  # a file name, then a sentence from below
            "van.rvsync.json: The signature file is not a minisign signature.",
            "van.rvsync.json: Signaturfilen er ikke en minisign-signatur.",
        ),
    ],
)
def test_finished_sentences_come_out_danish(english: str, danish: str) -> None:
    assert translate(english, "da") == danish
    assert translate(english, "en") == english


def test_several_lines_are_each_translated_and_keep_their_indent() -> None:
    text = (
        "2 lines of the file cannot be taken in; nothing from the file was saved.\n"
        "  Line 2: the line is not valid JSON.\n"
        "  Line 5, field 'zone': 'nowhere' is not in the vault's list of values for this field."
    )
    assert translate(text, "da").splitlines() == [
        "2 linjer i filen kan ikke tages ind; intet fra filen er gemt.",
        "  Linje 2: linjen er ikke gyldig JSON.",
        "  Linje 5, feltet 'zone': 'nowhere' er ikke blandt boksens værdier for dette felt.",
    ]


def test_what_the_catalogue_does_not_know_stays_english_word_for_word() -> None:
    for text in ("Something new and unheard of.", "x: y", "", "a and b"):
        assert translate(text, "da") == text


def test_short_templates_never_match_a_sentence_by_accident() -> None:
    catalogue = Catalogue(
        {"{first} and {last}": "{first} og {last}", "must be text.": "skal være tekst."}
    )
    assert catalogue.translate("black and white") == "black and white"
    assert catalogue.translate("{first} and {last}") == "{first} og {last}"  # display.py's use


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "da_DK.UTF-8"}, "en"),
        ({"LC_MESSAGES": "da_DK.UTF-8", "LANG": "en_US.UTF-8"}, "da"),
        ({"LANGUAGE": "da:en", "LANG": "en_US.UTF-8"}, "da"),
        ({"LANGUAGE": "da", "LANG": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_locale(env: dict[str, str], language: str) -> None:
    assert language_from_environment(env) == language
