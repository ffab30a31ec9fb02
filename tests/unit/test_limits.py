"""core.limits matches every schema a typed text reaches (issue 14: a label of 201+ characters
crashed `export sync`, whose schema caps labels at 200)."""

from __future__ import annotations

import pytest

from redvan.core import limits
from redvan.core.intake import parse_contact
from redvan.exchange import bundle as b


def test_the_label_limit_is_the_sync_schemas() -> None:
    from redvan.exchange.sync import schema

    assert schema()["$defs"]["label"]["maxLength"] == limits.LABEL
    assert limits.PROGRAMME_NAME <= limits.LABEL


def test_the_audit_summary_problem_fits_its_schema() -> None:
    doc = b.schema("audit-summary")
    assert doc["properties"]["chain"]["properties"]["problem"]["maxLength"] >= 200


def test_a_referral_area_over_the_limit_is_refused_on_the_command_line() -> None:
    long_area = "x" * (limits.REFERRAL_AREA + 1)
    line = {
        "time": "2026-11-10T21:00",
        "zone": "istedgade",
        "channel": "street",
        "referrals": [{"to": "reden", "area": long_area}],
    }
    with pytest.raises(ValueError, match="at most 80"):
        parse_contact(line)
