"""The printable recovery sheet (V2): the code, what it is for, and what losing it means."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from redvan.core.textsafe import clean_line
from redvan.reports.alerts import printable

TEXTS = {
    "en": {
        "title": "Red Van Intake — recovery sheet",
        "vault": "Vault",
        "created": "Created",
        "code": "Recovery code",
        "what": [
            "This code unlocks the vault when a passphrase is forgotten.",
            "Anyone with this code and a copy of the vault can read everything in it.",
            "Keep this sheet locked away, not with the laptop, and never photograph it.",
            "Without both the passphrases and this code, the data in the vault is gone for good:",
            "nobody, not even the makers of Red Van, can recover it.",
        ],
        "how": "To use it: on the unlock screen choose “Forgot the passphrase?” and type the code.",
    },
    "da": {
        "title": "Red Van Intake — gendannelsesark",
        "vault": "Boks",
        "created": "Oprettet",
        "code": "Gendannelseskode",
        "what": [
            "Denne kode låser boksen op, hvis en adgangskode er glemt.",
            "Alle med denne kode og en kopi af boksen kan læse alt i den.",
            "Opbevar arket aflåst, ikke sammen med computeren, og fotografér det aldrig.",
            "Uden både adgangskoderne og denne kode er data i boksen tabt for altid:",
            "ingen, heller ikke udviklerne af Red Van, kan gendanne dem.",
        ],
        "how": "Sådan bruges den: vælg “Glemt adgangskoden?” på skærmen for at låse op, "
        "og skriv koden.",
    },
}


def write_recovery_sheet(
    target: Path, code: str, vault_name: str, created: datetime, language: str = "en"
) -> None:
    """Write the sheet as a one-page PDF, readable only by its owner (0o600)."""
    text = TEXTS.get(language, TEXTS["en"])
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        canvas = Canvas(fh, pagesize=A4, invariant=True)
        canvas.setTitle(text["title"])
        width, height = A4
        y = height - 30 * mm
        canvas.setFont("Helvetica-Bold", 18)
        canvas.drawString(25 * mm, y, text["title"])
        y -= 14 * mm
        canvas.setFont("Helvetica", 11)
        # The vault's name is typed by a person: one safe line's worth of text, wrapped.
        name = printable(clean_line(vault_name))
        lines = simpleSplit(f"{text['vault']}: {name}", "Helvetica", 11, width - 50 * mm)
        if len(lines) > 3:
            lines = [*lines[:2], lines[2][:-1] + "…"]
        for line in lines:
            canvas.drawString(25 * mm, y, line)
            y -= 6 * mm
        canvas.drawString(25 * mm, y, f"{text['created']}: {created:%Y-%m-%d %H:%M}")
        y -= 16 * mm
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(25 * mm, y, text["code"])
        y -= 14 * mm
        canvas.setLineWidth(1.2)
        canvas.roundRect(25 * mm, y - 16 * mm, width - 50 * mm, 28 * mm, 3 * mm)
        canvas.setFont("Courier-Bold", 20)
        groups = code.split("-")
        half = (len(groups) + 1) // 2
        # Two rows of groups: easier to read aloud and to copy by hand.
        canvas.drawCentredString(width / 2, y, "-".join(groups[:half]) + "-")
        canvas.drawCentredString(width / 2, y - 10 * mm, "-".join(groups[half:]))
        y -= 32 * mm
        canvas.setFont("Helvetica", 11)
        for line in text["what"]:
            canvas.drawString(25 * mm, y, line)
            y -= 6 * mm
        y -= 6 * mm
        for line in simpleSplit(text["how"], "Helvetica", 11, width - 50 * mm):
            canvas.drawString(25 * mm, y, line)
            y -= 6 * mm
        canvas.showPage()
        canvas.save()
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
