"""DHIS2 export (SPEC X4): weekly dataValueSets through a mapping file, with disclosure control."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek
from redvan.exchange import dhis2
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.signing import device_key, signature_path, verify

W46, W47 = IsoWeek.parse("2026-W46"), IsoWeek.parse("2026-W47")
NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
UID = "AbCdEfGhIj1"
ZERO_SIGNIFICANT = {"contacts", "persons", "referrals", "followups", "incidents"}


def fill(services: Any) -> None:
    """Week 46: 20 street contacts (big enough to publish). Week 47: 2 contacts (suppressed)."""
    from redvan.core.model import ContactInput, ServiceGiven

    for i in range(20):
        services.save_contact(
            ContactInput(
                time=datetime(2026, 11, 9, 21, 0) + timedelta(minutes=i),
                channel="street",
                age_band="25-34",
                services=(ServiceGiven("condoms", 3),),
            )
        )
    for i in range(2):
        services.save_contact(
            ContactInput(
                time=datetime(2026, 11, 17, 21, 0) + timedelta(minutes=i),
                channel="van",
                services=(ServiceGiven("condoms", 1),),
            )
        )


def mapping_doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "redvan-dhis2-mapping",
        "version": 1,
        "dataSet": UID,
        "orgUnit": "OrgUnit0001",
        "values": [
            {"figure": "contacts", "dataElement": "DataElem001", "categoryOptionCombo": UID},
            {
                "figure": "services.condoms.quantity",
                "dataElement": "DataElem002",
                "categoryOptionCombo": UID,
            },
        ],
    }
    doc.update(changes)
    return doc


def test_the_sample_mapping_is_valid_and_clearly_a_sample() -> None:
    mapping = dhis2.load_mapping()
    assert mapping.data_set.startswith("Rv") and mapping.org_unit.startswith("Rv")
    assert len(mapping.values) > 50
    for value in mapping.values:
        assert len(value.data_element) == 11 and value.data_element.startswith("Rv")
        assert value.category_option_combo.startswith("Rv") or value.category_option_combo == (
            "HllvX50cXC0"
        )


def test_weekly_values_with_dhis2_periods_and_rounding(services: Any, tmp_path: Path) -> None:
    fill(services)
    out = tmp_path / "weeks.dhis2.json"
    summary = dhis2.write_dhis2(services, W46, W47, out, now=NOW)
    doc = json.loads(out.read_bytes())
    # Two weeks: no completeness block (DHIS2 needs one top-level period for it).
    assert set(doc) == {"dataSet", "orgUnit", "dataValues"}
    mapping = dhis2.load_mapping()
    by_figure = {(v.data_element, v.category_option_combo): v.figure for v in mapping.values}
    values = {
        (by_figure[(d["dataElement"], d["categoryOptionCombo"])], d["period"]): d["value"]
        for d in doc["dataValues"]
    }
    assert all(
        set(d) == {"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"}
        for d in doc["dataValues"]
    )
    assert values[("contacts", "2026W46")] == "20"
    assert values[("contacts.channel.street", "2026W46")] == "20"
    assert values[("services.condoms.quantity", "2026W46")] == "60"
    # Week 47 has 2 contacts: published rounded to 0 or 5, the same as the week's CSV.
    assert values[("contacts", "2026W47")] in ("0", "5")  # contacts: zero-significant
    assert values.get(("contacts.channel.van", "2026W47"), "0") in ("0", "5")
    assert all(v != "0" or f in ZERO_SIGNIFICANT for (f, _), v in values.items())
    assert summary.values == len(doc["dataValues"])
    assert not summary.unknown
    # Signed like every export, with the dhis2 kind in the trusted comment.
    key = device_key(services.store).public
    verdict = verify(out.read_bytes(), signature_path(out).read_bytes(), [key])
    assert verdict.valid and verdict.trusted
    assert verdict.trusted_comment == (
        f"redvan-dhis2 device={key.device_id} seq=1 period=2026-W46..2026-W47"
    )


def test_a_custom_mapping_and_figures_the_vault_does_not_have(
    services: Any, tmp_path: Path
) -> None:
    fill(services)
    doc = mapping_doc(attributeOptionCombo="AttrOpt0001")
    doc["values"].append(
        {
            "figure": "services.no-such.contacts",
            "dataElement": "DataElem003",
            "categoryOptionCombo": UID,
        }
    )
    mapping = dhis2.parse_mapping(json.dumps(doc).encode())
    out = tmp_path / "x.json"
    summary = dhis2.write_dhis2(services, W46, W46, out, mapping=mapping, now=NOW)
    values = json.loads(out.read_bytes())["dataValues"]
    assert [(v["dataElement"], v["value"]) for v in values] == [
        ("DataElem001", "20"),
        ("DataElem002", "60"),
    ]
    assert all(v["attributeOptionCombo"] == "AttrOpt0001" for v in values)
    assert summary.unknown == ("services.no-such.contacts",)
    assert "no-such" in str(summary)


@pytest.mark.parametrize(
    "doc",
    [
        mapping_doc(dataSet="short"),
        mapping_doc(dataSet="1bCdEfGhIj1"),  # must start with a letter
        mapping_doc(orgUnit="../../etc/pa"),
        mapping_doc(format="other"),
        mapping_doc(values=[]),
        mapping_doc(extra=1),
        mapping_doc(values=[{"figure": "contacts", "dataElement": UID}]),
        mapping_doc(
            values=[{"figure": "Contacts; DROP", "dataElement": UID, "categoryOptionCombo": UID}]
        ),
        mapping_doc(
            values=[{"figure": "contacts", "dataElement": UID, "categoryOptionCombo": UID}] * 2
        ),
        mapping_doc(
            values=[
                {"figure": "contacts", "dataElement": UID, "categoryOptionCombo": UID},
                {"figure": "persons", "dataElement": UID, "categoryOptionCombo": UID},
            ]
        ),
        [],
        "mapping",
    ],
)
def test_a_bad_mapping_is_refused(doc: Any) -> None:
    with pytest.raises(ImportRefused):
        dhis2.parse_mapping(json.dumps(doc).encode())


def test_mapping_files_are_read_as_hostile_input(tmp_path: Path) -> None:
    for content in (b"", b"\xff", b"{" * 100, b'{"format": 1, "format": 2}'):
        path = tmp_path / "m.json"
        path.write_bytes(content)
        with pytest.raises(ImportRefused):
            dhis2.load_mapping(path)
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (dhis2.MAX_MAPPING_BYTES + 1))
    with pytest.raises(ImportRefused, match="no genuine one is larger"):
        dhis2.load_mapping(huge)
    with pytest.raises(ImportRefused):
        dhis2.load_mapping(tmp_path / "missing.json")


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=12),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
        max_leaves=12,
    )
)
def test_any_json_is_a_mapping_or_refused(doc: Any) -> None:
    try:
        dhis2.parse_mapping(json.dumps(doc).encode())
    except ImportRefused as exc:
        assert str(exc)


def test_figure_names_match_the_bundle_figure_keys(services: Any) -> None:
    from redvan.core.disclosure import disclose

    fill(services)
    disclosed = disclose(services.tally(W46, W46))
    assert dhis2.figure_value(disclosed, "contacts").value == 20  # type: ignore[union-attr]
    assert dhis2.figure_value(disclosed, "contacts.age_band.25-34").value == 20  # type: ignore[union-attr]
    assert dhis2.figure_value(disclosed, "services.condoms.contacts").value == 20  # type: ignore[union-attr]
    assert dhis2.figure_value(disclosed, "services.condoms.quantity").value == 60  # type: ignore[union-attr]
    assert dhis2.figure_value(disclosed, "services.condoms") is None
    assert dhis2.figure_value(disclosed, "nothing.here") is None
