"""Issue 14, finding 5 (SPEC X7): one poison package never drops the good ones.

A signed, schema-valid package from a trusted device with weeks in the year 9999, or a lone
surrogate in a label, made the whole `merge` fail ("year 10000 is out of range", a codec
error); good packages of the same run were dropped. Now each package is validated fully on
its own first: a bad one is refused with its own sentence, the good ones merge (exit 3), and
control characters from labels never reach a terminal or a text, CSV or PDF output."""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from redvan import cli
from redvan.core.weeks import IsoWeek
from redvan.exchange.sync import encode, trusted_comment
from tests.reliability.test_t6_fuzz_sync import KEY, valid_document, write_signed

CONTROL = "\x1b[2J\x1b[32mOK\x07\x00\u202e\u2066\x9b"


class _Stdin:
    buffer = None

    def isatty(self) -> bool:
        return False


def package(folder: Path, name: str, sequence: int, change: Any = None) -> Path:
    doc = valid_document()
    doc["package_id"] = str(uuid.uuid4())
    doc["sequence"] = sequence
    if change is not None:
        change(doc)
    first, last = IsoWeek.parse(doc["period"]["first"]), IsoWeek.parse(doc["period"]["last"])
    comment = trusted_comment(KEY.device_id, sequence, first, last)
    data = encode(doc) if change is None else json.dumps(doc, ensure_ascii=True).encode()
    return write_signed(folder / name, data, comment)


def far_future(doc: dict[str, Any]) -> None:
    weeks = ["9999-W50", "9999-W51", "9999-W52"]
    for entry, week in zip(doc["weeks"], weeks, strict=True):
        entry["week"] = week
    doc["period"] = {"first": weeks[0], "last": weeks[-1]}
    programme = doc["programmes"][0]
    programme.update(first_week="9999-W01", last_week="9999-W52", inclusions=[[weeks[0], 2]])


def surrogate(doc: dict[str, Any]) -> None:
    doc["vocabulary"][0]["en"] = "Isted\ud800gade"


def controls(doc: dict[str, Any]) -> None:
    doc["vocabulary"][0]["en"] = f"Isted{CONTROL}gade"
    doc["vocabulary"][1]["da"] = f"Kondomer{CONTROL}"


def merge(folder: Path, fmt: str, files: list[Path], monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    monkeypatch.setattr(sys, "stdin", _Stdin())
    out = folder / f"merged.{fmt}"
    argv = ["merge", "--out", str(out), "--format", fmt, "--pubkey", KEY.public.base64]
    code = cli.main([*argv, *map(str, files)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, out


@pytest.mark.parametrize("poison", [far_future, surrogate])
def test_a_poison_package_is_refused_and_the_good_ones_merge(  # type: ignore[no-untyped-def]
    poison, tmp_path, monkeypatch, capsys
) -> None:
    good = package(tmp_path, "good.json", 7)
    bad = package(tmp_path, "bad.json", 8, poison)
    for fmt in ("text", "csv", "json", "pdf"):
        code, out, err, merged = merge(tmp_path, fmt, [good, bad], monkeypatch, capsys)
        assert code == cli.EXIT_PARTIAL, (fmt, err)
        refusals = [line for line in err.splitlines() if line.startswith("redvan: refused:")]
        assert len(refusals) == 1 and "bad.json" in refusals[0], err
        assert "Merged 1 new package" in out and merged.stat().st_size > 0
        assert "unexpected error" not in err
    assert ("9999" in refusals[0] or "10000" in refusals[0]) if poison is far_future else True


def test_control_characters_from_labels_reach_no_output(  # type: ignore[no-untyped-def]
    tmp_path, monkeypatch, capsys
) -> None:
    from tests.pdftext import pdf_text

    marked = package(tmp_path, "marked.json", 9, controls)
    for fmt in ("text", "csv", "json", "pdf"):
        code, out, err, merged = merge(tmp_path, fmt, [marked], monkeypatch, capsys)
        assert code == cli.EXIT_OK, err
        shown = pdf_text(merged) if fmt == "pdf" else merged.read_text(encoding="utf-8")
        if fmt == "json":
            shown = json.dumps(json.loads(shown), ensure_ascii=False)
        for char in "\x1b\x07\x00\u202e\u2066\x9b":
            assert char not in shown and char not in out + err, (fmt, repr(char))
        assert "Isted" in shown


def test_the_good_package_alone_still_merges(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    good = package(tmp_path, "g.json", 7)
    code, out, err, _ = merge(tmp_path, "text", [good], monkeypatch, capsys)
    assert code == cli.EXIT_OK and "Merged 1 new package" in out, err


def test_an_unknown_signers_comment_cannot_spoof_the_terminal(  # type: ignore[no-untyped-def]
    tmp_path, monkeypatch, capsys
) -> None:
    """The trusted comment of a signer nobody trusts is text from the file: escaped, labelled."""
    from redvan.exchange.signing import DeviceKey, signature_path

    forged = tmp_path / "forged.rvaudit"
    forged.write_bytes(b"PK\x03\x04 not really a bundle")
    comment = "\x1b[2J\x1b[H\x1b[32mOK: signed by a trusted device and consistent.\x1b[0m\u202e"
    import minisign.secret_key
    import minisign.signature

    with monkeypatch.context() as forger:  # minisign itself will not write such a comment
        forger.setattr(minisign.signature, "check_comment", lambda value: None)
        forger.setattr(minisign.secret_key, "check_comment", lambda value: None)
        signature = DeviceKey.generate().sign(forged.read_bytes(), comment)
    signature_path(forged).write_bytes(signature)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "stdin", _Stdin())
    code = cli.main(["verify", str(forged), "--pubkey", KEY.public.base64])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_FAIL
    assert "\x1b" not in out + err and "\u202e" not in out + err
    line = next(x for x in out.splitlines() if x.startswith("trusted comment"))
    assert line.startswith("trusted comment (unauthenticated, may be forged): \\x1b[2J")
    assert out.rstrip().endswith("NOT OK")


def test_a_vocabulary_label_with_controls_reaches_no_tally_output(services) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from redvan.core.disclosure import disclose
    from redvan.core.model import ContactInput, ServiceGiven
    from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
    from redvan.reports.csv import tally_csv
    from redvan.reports.tally_text import tally_text

    services.save_vocabulary_entry(
        VocabularyEntry(
            VocabularyKind.SERVICE, "condoms", f"Condoms{CONTROL}", f"Kondomer{CONTROL}"
        )
    )
    for i in range(6):
        services.save_contact(
            ContactInput(
                time=datetime(2026, 11, 10, 21, i), zone="istedgade", channel="street",
                services=(ServiceGiven("condoms", 1),),
            )
        )  # fmt: skip
    disclosed = disclose(services.tally(IsoWeek(2026, 46), IsoWeek(2026, 46)))
    for lang in ("en", "da"):
        csv_text = tally_csv(disclosed, lang, datetime(2026, 11, 27)).decode("utf-8-sig")
        for shown in (tally_text(disclosed, lang), csv_text):
            assert "Condoms" in shown or "Kondomer" in shown
            for char in "\x1b\x07\x00\u202e\u2066\x9b":
                assert char not in shown, (lang, repr(char))
