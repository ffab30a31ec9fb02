"""Sync packages (X1, X2): what is written, what is refused, and nothing about a person."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.tally import compute_week_tallies
from redvan.core.weeks import IsoWeek, week_range
from redvan.exchange import signing, sync
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.signing import DeviceKey, device_key, signature_path
from redvan.exchange.sync import check_document, read_package, write_package

W46, W47, W48 = IsoWeek(2026, 46), IsoWeek(2026, 47), IsoWeek(2026, 48)
CANARY = "CANARYQ7"


@pytest.fixture
def busy(services):  # type: ignore[no-untyped-def]
    """Contacts in 2026-W46 and W48 (none in W47), one coded person in both weeks."""
    for day, code in [(10, "MAJA7"), (11, None), (12, "LIV22"), (24, "MAJA7"), (25, "PIA99")]:
        services.save_contact(
            ContactInput(
                time=datetime(2026, 11, day, 22, 15),
                zone="istedgade",
                channel="street",
                code=code,
                age_band="25-34",
                gender="woman",
                language="ro",
                services=(ServiceGiven("condoms", 10), ServiceGiven("conversation")),
                referrals=(ReferralInput("reden"),),
                note=f"met {CANARY} by the station",
            ),
            confirm_pii=True,
        )
    services.record_incident(
        date(2026, 11, 24), "istedgade", [IncidentType.ROBBERY_THEFT],
        ConsentTier.STATISTICS_ONLY, PoliceReport.NO, (), f"{CANARY} described",
        confirm_pii=True,
    )  # fmt: skip
    return services


def _trusted(services) -> list[signing.DevicePublicKey]:  # type: ignore[no-untyped-def]
    return [device_key(services.store).public]


def test_week_tallies_are_the_tally_of_each_week(busy) -> None:  # type: ignore[no-untyped-def]
    weeks, persons = compute_week_tallies(busy.store, W46, W48, 5)
    assert [t.first for t in weeks] == week_range(W46, W48)
    for tally in weeks:
        single = busy.tally(tally.first, tally.first)
        assert tally.totals == single.totals
        assert [t for t in tally.tables if t.key != "series"] == [
            t for t in single.tables if t.key != "series"
        ]
    assert persons == busy.tally(W46, W48).total("persons") == 3


def test_package_round_trip(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "van.rvsync.json"
    written = write_package(busy, W46, W48, out)
    assert written.sequence == 1 and written.weeks == 3
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(signature_path(out).stat().st_mode) == 0o600
    package = read_package(out, _trusted(busy))
    doc = package.document
    assert doc["format"] == "redvan-sync" and doc["version"] == 1
    assert doc["period"] == {"first": "2026-W46", "last": "2026-W48"}
    assert [w["week"] for w in doc["weeks"]] == ["2026-W46", "2026-W47", "2026-W48"]
    assert doc["weeks"][1]["totals"]["contacts"] == 0  # an empty week is there, with zeros
    assert doc["persons"] == 3
    assert doc["weeks"][2]["totals"]["incidents"] == 1
    assert {(v["kind"], v["slug"]) for v in doc["vocabulary"]} >= {
        ("service", "condoms"),
        ("zone", "istedgade"),
    }
    assert package.device_id == device_key(busy.store).device_id
    assert doc["created"].endswith("Z") and len(doc["created"]) == 17


def test_nothing_about_a_person_leaves(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "van.rvsync.json"
    write_package(busy, W46, W48, out)
    text = out.read_text(encoding="utf-8")
    for secret in (CANARY, "MAJA7", "LIV22", "PIA99", "22:15", "station"):
        assert secret not in text
    staff = [s.display_name for s in busy.store.list_staff()]
    assert all(f'"{name}"' not in text for name in staff)


def test_sequence_grows_and_each_export_is_audited(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = write_package(busy, W46, W46, tmp_path / "a.json")
    second = write_package(busy, W46, W48, tmp_path / "b.json")
    assert (first.sequence, second.sequence) == (1, 2)
    events = busy.store.vault.conn.execute(
        "SELECT entity, entity_id FROM audit WHERE action = 'export'"
    ).fetchall()
    assert ("sync", "2026-W46..2026-W46") in events and ("sync", "2026-W46..2026-W48") in events


def test_failed_write_leaves_nothing(busy, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    device_key(busy.store)
    out = tmp_path / "van.rvsync.json"
    from redvan.exchange import bundle  # every signed export writes through its helper

    original = bundle.atomic_write_bytes

    def fail_on_signature(path: Path, data: bytes) -> None:
        if path.name.endswith(".minisig"):
            raise OSError(28, "No space left on device")
        original(path, data)

    monkeypatch.setattr(bundle, "atomic_write_bytes", fail_on_signature)
    with pytest.raises(OSError):
        write_package(busy, W46, W48, out)
    assert not out.exists() and not signature_path(out).exists()
    assert busy.store.get_setting(signing.DEVICE_SEQUENCE) is None
    monkeypatch.setattr(bundle, "atomic_write_bytes", original)
    assert write_package(busy, W46, W48, out).sequence == 1


def test_encrypted_package_needs_the_identity(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    out = tmp_path / "van.rvsync.age"
    write_package(busy, W46, W48, out, recipients=[str(identity.to_public())])
    assert signing.is_age(out.read_bytes())
    with pytest.raises(ImportRefused, match="encrypted"):
        read_package(out, _trusted(busy))
    other = pyrage.x25519.Identity.generate()
    with pytest.raises(ImportRefused, match="somebody else"):
        read_package(out, _trusted(busy), [other])
    assert read_package(out, _trusted(busy), [identity]).sequence == 1


def test_refusals_name_the_device(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "van.rvsync.json"
    write_package(busy, W46, W48, out)
    fingerprint = device_key(busy.store).public.fingerprint
    with pytest.raises(ImportRefused, match=f"device {fingerprint}, which is not among"):
        read_package(out, [DeviceKey.generate().public])
    data = bytearray(out.read_bytes())
    data[40] ^= 1
    out.write_bytes(bytes(data))
    with pytest.raises(ImportRefused, match="was changed after it was signed"):
        read_package(out, _trusted(busy))
    signature_path(out).unlink()
    with pytest.raises(ImportRefused, match="no signature"):
        read_package(out, _trusted(busy))


def _resign(busy, path: Path, document, comment: str | None = None) -> None:  # type: ignore[no-untyped-def]
    key = device_key(busy.store)
    data = sync.encode(document)
    path.write_bytes(data)
    comment = comment or sync.trusted_comment(
        document["device_id"],
        document["sequence"],
        IsoWeek.parse(document["period"]["first"]),
        IsoWeek.parse(document["period"]["last"]),
    )
    signature_path(path).write_bytes(key.sign(data, comment))


def _document(busy, tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "van.rvsync.json"
    write_package(busy, W46, W48, out)
    return out, json.loads(out.read_text(encoding="utf-8"))


def test_signed_but_inconsistent_packages_are_refused(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, doc = _document(busy, tmp_path)
    doc["weeks"][0]["totals"]["contacts"] += 1  # the breakdowns no longer add up
    _resign(busy, out, doc)
    with pytest.raises(ImportRefused, match="does not add up"):
        read_package(out, _trusted(busy))
    out, doc = _document(busy, tmp_path)
    del doc["weeks"][1]
    _resign(busy, out, doc)
    with pytest.raises(ImportRefused, match="weeks of its period"):
        read_package(out, _trusted(busy))
    out, doc = _document(busy, tmp_path)
    _resign(busy, out, doc, comment=f"redvan-sync device={doc['device_id']} seq=99 period=a..b")
    with pytest.raises(ImportRefused, match="not as a sync package"):
        read_package(out, _trusted(busy))
    out, doc = _document(busy, tmp_path)
    comment = sync.trusted_comment(doc["device_id"], 99, W46, W48)
    _resign(busy, out, doc, comment=comment)
    with pytest.raises(ImportRefused, match="tampered"):
        read_package(out, _trusted(busy))
    out, doc = _document(busy, tmp_path)
    doc["records"] = [{"code": "MAJA7"}]
    _resign(busy, out, doc)
    with pytest.raises(ImportRefused, match="not a valid sync package"):
        read_package(out, _trusted(busy))


def test_the_schema_is_valid_and_matches_what_we_write(busy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    jsonschema.Draft7Validator.check_schema(sync.schema())
    _, doc = _document(busy, tmp_path)
    check_document(doc, "test")
    jsonschema.validate(doc, sync.schema())
