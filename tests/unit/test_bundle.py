"""Audit bundles (SPEC X5): what goes in, what comes out, and what open_bundle checks."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek
from redvan.exchange import bundle as b
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.signing import (
    DevicePublicKey,
    device_key,
    parse_identities,
    signature_path,
)

FIRST, LAST = IsoWeek.parse("2026-W45"), IsoWeek.parse("2026-W47")
NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)


def fill(services: Any) -> None:
    """Three weeks of contacts: coded and uncoded, services, referrals, a note."""
    from redvan.core.model import ContactInput, ReferralInput, ServiceGiven

    start = datetime(2026, 11, 2, 21, 0)  # Monday of 2026-W45
    codes = ["KIM1984", "ANNA77", "D0001", "LU55"]
    for i in range(30):
        at = start + timedelta(days=(i * 17) % 21, minutes=i)
        services.save_contact(
            ContactInput(
                time=at,
                zone="istedgade" if i % 2 else "vesterbro",
                channel="street",
                code=codes[i % 4] if i % 3 else None,
                age_band="25-34",
                services=(ServiceGiven("condoms", 1 + i % 5), ServiceGiven("conversation", 1))
                if i % 4
                else (ServiceGiven("coffee-food", 2),),
                referrals=(ReferralInput("reden", "referred"),) if i % 7 == 0 else (),
                note="coffee and a talk" if i % 5 == 0 else None,
            ),
            confirm_pii=True,
        )


def public_key(services: Any) -> DevicePublicKey:
    return device_key(services.store).public


@pytest.fixture
def made(services: Any, tmp_path: Path) -> tuple[Any, Path, DevicePublicKey]:
    fill(services)
    out = tmp_path / "period.rvaudit"
    b.write_audit_bundle(services, FIRST, LAST, out, now=NOW)
    return services, out, public_key(services)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rezip(contents: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def resign(services: Any, path: Path, data: bytes, comment: str) -> None:
    path.write_bytes(data)
    signature_path(path).write_bytes(device_key(services.store).sign(data, comment))


def test_a_bundle_opens_clean_and_every_recomputable_figure_matches(made: Any) -> None:
    services, out, key = made
    opened = b.open_bundle(out, [key])
    assert opened.ok, opened.problems()
    assert opened.verdict is not None and opened.verdict.trusted
    assert (opened.period_first, opened.period_last) == ("2026-W45", "2026-W47")
    assert opened.created == "2026-11-27T02:30Z"
    assert opened.device_id == key.device_id and opened.sequence == 1
    assert len(opened.rows) == 30
    assert opened.report_pdf.startswith(b"%PDF-")
    keys = {f.key: f for f in opened.figures}
    tally = services.tally(FIRST, LAST)
    assert keys["contacts"].stated == keys["contacts"].recomputed == 30
    assert keys["persons"].recomputed == tally.total("persons") == 4
    assert keys["referrals"].recomputed == 5 == keys["referrals.status.referred"].recomputed
    assert keys["services.condoms.quantity"].status == "match"
    assert keys["services.coffee-food.contacts"].recomputed == 8
    assert keys["contacts.week.2026-W46"].status == "match"
    assert keys["contacts.zone.istedgade"].status == "not-recomputable"
    assert {f.status for f in opened.figures} == {"match", "not-recomputable"}
    assert all(f.label_en and f.label_da for f in opened.figures)
    assert opened.audit_summary["chain"]["verified"] is True
    assert sum(c for _, c, _ in b.weekly(opened.rows)) == 30


def test_the_zip_holds_exactly_the_five_members_and_the_manifest_hashes_them(made: Any) -> None:
    _, out, key = made
    content = members(out)
    assert list(content) == list(b.MEMBERS)
    manifest = json.loads(content["manifest.json"])
    assert manifest["device_public_key"] == key.base64
    for entry in manifest["members"]:
        data = content[entry["name"]]
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert os.stat(signature_path(out)).st_mode & 0o777 == 0o600


def test_rows_carry_week_pseudonym_services_and_referrals_only(made: Any) -> None:
    _, out, _ = made
    rows = json.loads(members(out)["rows.json"])
    assert set(rows) == {"format", "version", "first_week", "last_week", "weeks"}
    for block in rows["weeks"]:
        assert set(block) == {"week", "rows"}
        for person, services, referrals in block["rows"]:
            assert person is None or b.PSEUDONYM_RE.match(person)
            assert all(isinstance(q, int) for q in services.values())
            assert all(r in {"referred"} for r in referrals)
        # Sorted by content: the order says nothing about when contacts were recorded.
        order = [(p or "", tuple(sorted(s.items())), tuple(r)) for p, s, r in block["rows"]]
        assert order == sorted(order)


def test_pseudonyms_are_fresh_in_every_bundle(made: Any, tmp_path: Path) -> None:
    services, out, key = made
    again = tmp_path / "again.rvaudit"
    b.write_audit_bundle(services, FIRST, LAST, again, now=NOW)
    first = {r.person for r in b.open_bundle(out, [key]).rows if r.person}
    second = {r.person for r in b.open_bundle(again, [key]).rows if r.person}
    assert len(first) == len(second) == 4
    assert first != second  # 4 of 65536: the same set by chance is ~1e-17


def test_sequence_numbers_count_up_and_the_export_is_audited(made: Any, tmp_path: Path) -> None:
    services, _, key = made
    second = b.write_audit_bundle(services, FIRST, FIRST, tmp_path / "w45.rvaudit", now=NOW)
    assert second.sequence == 2 and second.device_id == key.device_id
    assert second.trusted_comment == (
        f"redvan-audit device={key.device_id} seq=2 period=2026-W45..2026-W45"
    )
    events = services.store.audit_log_counts(FIRST.monday(), (LAST + 10).sunday())
    assert any(a == "export" and e == "audit-bundle" for _, a, e, _ in events)


def test_an_untrusted_device_is_valid_but_not_ok(made: Any) -> None:
    _, out, _ = made
    opened = b.open_bundle(out, [])
    assert opened.verdict is not None and opened.verdict.valid and not opened.verdict.trusted
    assert not opened.ok and "not one of your trusted devices" in opened.signature_problem


def test_a_flipped_byte_breaks_the_signature(made: Any) -> None:
    _, out, key = made
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    try:
        opened = b.open_bundle(out, [key])
    except ImportRefused:
        return  # the flip broke the zip itself: refused, also fine
    assert opened.verdict is not None and not opened.verdict.valid
    assert not opened.ok


def test_no_signature_beside_it(made: Any) -> None:
    _, out, key = made
    signature_path(out).unlink()
    opened = b.open_bundle(out, [key])
    assert opened.verdict is None and "no signature" in opened.signature_problem
    assert not opened.ok


def test_a_changed_member_is_a_manifest_problem(made: Any) -> None:
    services, out, key = made
    content = members(out)
    content["report.pdf"] = content["report.pdf"] + b"\n% appended"
    comment = b.open_bundle(out, [key]).verdict.trusted_comment  # type: ignore[union-attr]
    resign(services, out, rezip(content), comment)
    opened = b.open_bundle(out, [key])
    assert opened.verdict is not None and opened.verdict.trusted  # signed after the change
    assert any("report.pdf" in p for p in opened.manifest_problems)
    assert not opened.ok


def test_a_tally_that_disagrees_with_the_rows_is_a_mismatch(made: Any) -> None:
    services, out, key = made
    content = members(out)
    tally = json.loads(content["tally.json"])
    tally["totals"]["contacts"]["count"] += 1
    content["tally.json"] = json.dumps(tally).encode()
    manifest = json.loads(content["manifest.json"])
    for entry in manifest["members"]:
        data = content[entry["name"]]
        entry["size"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
    content["manifest.json"] = json.dumps(manifest).encode()
    comment = b.open_bundle(out, [key]).verdict.trusted_comment  # type: ignore[union-attr]
    resign(services, out, rezip(content), comment)
    opened = b.open_bundle(out, [key])
    assert not opened.manifest_problems and not opened.signature_problem
    assert [f.key for f in opened.mismatches] == ["contacts"]
    assert not opened.ok and "contacts (stated 31, rows 30)" in opened.problems()[0]


def test_a_trusted_comment_that_disagrees_with_the_manifest(made: Any) -> None:
    services, out, key = made
    resign(services, out, out.read_bytes(), "redvan-audit device=0000000000000000 seq=9 period=x")
    opened = b.open_bundle(out, [key])
    assert "trusted comment does not match" in opened.signature_problem
    assert not opened.ok


def test_an_encrypted_bundle_needs_its_identity(services: Any, tmp_path: Path) -> None:
    import pyrage

    fill(services)
    identity = pyrage.x25519.Identity.generate()
    out = tmp_path / "sealed.rvaudit"
    summary = b.write_audit_bundle(
        services, FIRST, LAST, out, recipients=[str(identity.to_public())], now=NOW
    )
    assert summary.encrypted and out.read_bytes().startswith(b"age-encryption.org/v1")
    key = public_key(services)
    with pytest.raises(b.BundleEncrypted):
        b.open_bundle(out, [key])
    other = pyrage.x25519.Identity.generate()
    with pytest.raises(b.BundleEncrypted):
        b.open_bundle(out, [key], identities=[other])
    opened = b.open_bundle(out, [key], identities=parse_identities(str(identity)))
    assert opened.ok and opened.encrypted and len(opened.rows) == 30


def test_a_bad_recipient_writes_nothing_and_uses_no_number(services: Any, tmp_path: Path) -> None:
    from redvan.exchange.signing import EncryptionError

    out = tmp_path / "x.rvaudit"
    with pytest.raises(EncryptionError):
        b.write_audit_bundle(services, FIRST, LAST, out, recipients=["age1nope"])
    assert not out.exists() and not signature_path(out).exists()
    assert services.store.get_setting("device_sequence") is None


def test_an_empty_period_makes_a_valid_bundle(services: Any, tmp_path: Path) -> None:
    out = tmp_path / "empty.rvaudit"
    b.write_audit_bundle(services, FIRST, FIRST, out, now=NOW)
    opened = b.open_bundle(out, [public_key(services)])
    assert opened.ok and opened.rows == ()


def test_opening_writes_nothing(made: Any) -> None:
    _, out, key = made
    before = sorted((p.name, p.stat().st_mtime_ns) for p in out.parent.iterdir())
    b.open_bundle(out, [key])
    assert sorted((p.name, p.stat().st_mtime_ns) for p in out.parent.iterdir()) == before


def test_pseudonyms_never_collide() -> None:
    rows = [("2026-W01", f"profile-{i}", (), ()) for i in range(5000)]
    weeks = json.loads(b.rows_json(rows, "2026-W01", "2026-W01"))["weeks"]
    names = [r[0] for block in weeks for r in block["rows"]]
    assert len(set(names)) == 5000
    assert all(b.PSEUDONYM_RE.match(n) for n in names)


# -- the hand-written row check enforces the published schema ------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=2_000_000),
    st.text(max_size=8),
    st.sampled_from(["P-7F3A", "P-00000", "condoms", "no-show", "x" * 41, "Bad"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
plausible_rows = st.tuples(
    st.one_of(st.none(), st.sampled_from(["P-7F3A", "P-0123456789AB", "P-12", "p-7f3a"])),
    st.dictionaries(
        st.sampled_from(["condoms", "coffee-food", "Bad", "-x", ""]),
        st.one_of(st.integers(min_value=-1, max_value=1_000_001), st.booleans(), st.none()),
        max_size=3,
    ),
    st.lists(st.sampled_from(["referred", "no-show", "", "Referred", 3]), max_size=3),
).map(list)


GOOD_ROWS = [[None, {"condoms": 1}, ["referred"]], ["P-7F3A", {}, []]]
W01 = IsoWeek.parse("2026-W01")


def rows_bytes(rows: list[Any]) -> bytes:
    return json.dumps(
        {
            "format": "redvan-audit-rows",
            "version": 1,
            "first_week": "2026-W01",
            "last_week": "2026-W01",
            "weeks": [{"week": "2026-W01", "rows": rows}],
        }
    ).encode()


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(plausible_rows, json_values), st.integers(min_value=0, max_value=2))
def test_row_check_agrees_with_the_published_schema(row: Any, good_before: int) -> None:
    # Rows are checked a week at a time, each distinct value once: a row after genuine ones
    # (whose values it may equal, as true equals 1) is checked as strictly as a first row.
    import jsonschema

    doc = dict(b.schema("audit-rows"))
    row_schema = {"$defs": doc["$defs"], "$ref": "#/$defs/row"}
    schema_ok = jsonschema.Draft202012Validator(row_schema).is_valid(row)
    try:
        read = b.read_rows(rows_bytes([*GOOD_ROWS[:good_before], row]), W01, W01)
        hand_ok = True
    except ImportRefused:
        hand_ok = False
    if hand_ok:
        assert schema_ok, row
        assert read[-1] == ("2026-W01", row[0], tuple(row[1].items()), tuple(row[2]))
    elif schema_ok:
        # Stricter only where JSON Schema's "$" lets a final newline through.
        assert "\\n" in json.dumps(row), row


@pytest.mark.parametrize(
    "text",
    [
        b'[null,{"condoms":1,"condoms":2},[]]',  # a key twice
        b'[null,{"condoms":1.0},[]]',  # a fraction where a whole number belongs
        b'[null,{"condoms":1e0},[]]',
        b'[null,{"condoms": true},[]]',  # equals the 1 of the genuine row before it
        b'["P-7F3A",{},[],null]',
        b'{"a":1,"b":2,"c":3}',
    ],
)
def test_rows_that_equal_genuine_ones_in_python_are_still_refused(text: bytes) -> None:
    data = rows_bytes([*GOOD_ROWS, "ROW"]).replace(b'"ROW"', text)
    with pytest.raises(ImportRefused):
        b.read_rows(data, W01, W01)
    assert len(b.read_rows(rows_bytes(GOOD_ROWS), W01, W01)) == 2


def test_the_rows_envelope_refuses_a_key_twice() -> None:
    data = rows_bytes(GOOD_ROWS).replace(b'"version": 1', b'"version": 1, "version": 1')
    with pytest.raises(ImportRefused):
        b.read_rows(data, W01, W01)
