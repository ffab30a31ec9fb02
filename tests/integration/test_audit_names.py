"""Issue 14, finding 1: every audit event the app can write appears in a bundle that verifies.

Editing a vocabulary entry wrote the entity ``vocabulary:service``, which the audit summary's
schema refused, so ``redvan verify`` and ``redvan open`` rejected the app's own bundle. One
rule (redvan.core.audit_names) now names every entity; these tests hold the app to it."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from redvan.core.audit_names import ACTION_RE, ENTITY_PATTERN, ENTITY_RE, check_entity
from redvan.core.enums import (
    ConsentTier,
    FollowUpStatus,
    FollowUpType,
    IncidentType,
    PoliceReport,
    ReferralStatus,
    Role,
)
from redvan.core.incidents import AUDIT_ENTITY, IncidentExport
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.referrals import PartnerOrganisation
from redvan.core.services import Services
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.exchange import bundle as b
from redvan.storage import audit
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock
from tests.cli_input import run_cli

PASS = "night shift passphrase"
PACKAGE = Path(__file__).resolve().parents[2] / "redvan"


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


@pytest.fixture(autouse=True)
def _no_user_trust(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from redvan.exchange import trust

    monkeypatch.setattr(trust, "trusted_keys_path", lambda: tmp_path / "no-trusted.pub")


def run(argv: list[str], monkeypatch, capsys):  # type: ignore[no-untyped-def]
    return run_cli(argv, f"{PASS}\n".encode(), monkeypatch, capsys)


def every_action(services: Services) -> None:
    """Each audited thing a coordinator and a team can do, at least once."""
    start = datetime(2026, 11, 9, 21, 0)
    for kind in VocabularyKind:
        entry = services.store.vocabulary(kind)[0]
        services.save_vocabulary_entry(
            VocabularyEntry(kind, entry.slug, entry.label_en + " (edited)", entry.label_da)
        )
        services.save_vocabulary_entry(VocabularyEntry(kind, "zz-new", "New", "Ny"))
        services.remove_vocabulary_entry(kind, "zz-new")
    staff = services.add_staff("CD", Role.OUTREACH)
    services.set_staff_active(staff.id, False)
    services.change_setting("suppression_threshold", 5)
    shift = services.start_shift("Van 1", ["istedgade"], [staff.id], start)
    profile = services.create_profile("KIM1984", at=start)
    services.save_programme("exit-26", "Exit 2026", IsoWeek(2026, 45), IsoWeek(2026, 52), 10)
    services.include_in_programme(profile.id, "exit-26", start.date())
    services.set_profile_flags(profile.id, wants_exit_support=True)
    results = []
    for i in range(6):
        results.append(
            services.save_contact(
                ContactInput(
                    time=start + timedelta(days=i, minutes=i),
                    zone="istedgade",
                    channel="street",
                    code="KIM1984" if i % 2 else "ANNA77",
                    age_band="25-34",
                    services=(ServiceGiven("condoms", 2),),
                    referrals=(ReferralInput("reden", "referred"),),
                    note="coffee",
                ),
                confirm_pii=True,
            )
        )
    services.undo_contact(results[-1])
    referral = services.store.referrals_of_profile(profile.id)[0]
    services.set_referral_status(referral.id, ReferralStatus.ATTENDED, start + timedelta(days=2))
    followup = services.add_followup(profile.id, FollowUpType.CALL_BACK, date(2026, 11, 18), None)
    services.close_followup(followup.id, FollowUpStatus.DONE, "done", start, confirm_pii=True)
    incident = services.record_incident(
        date(2026, 11, 12), "istedgade", [IncidentType.THREATS_HARASSMENT],
        ConsentTier.POLICE_ANONYMOUS, PoliceReport.NO, (), "a man in a grey car",
        confirm_pii=True,
    )  # fmt: skip
    services.edit_incident(
        incident.id, date(2026, 11, 12), "istedgade", [IncidentType.THREATS_HARASSMENT],
        ConsentTier.POLICE_ANONYMOUS, PoliceReport.NO, (), "a man in a grey car, twice",
        confirm_pii=True,
    )  # fmt: skip
    for kind in IncidentExport:
        services.record_incident_export(
            services.incident_sheet(kind, IsoWeek(2026, 46), IsoWeek(2026, 46))
        )
    services.save_partner_organisation(PartnerOrganisation("reden", hours="Mon-Fri 10-16"))
    services.record_export("tally-csv", IsoWeek(2026, 46), IsoWeek(2026, 47))
    services.end_shift(shift.id, start + timedelta(hours=6))
    services.purge(datetime(2031, 1, 1))  # every free text and code is past its retention


def test_every_audited_action_exports_a_bundle_that_verifies_and_opens(  # type: ignore[no-untyped-def]
    tmp_path, monkeypatch, capsys, qtbot
) -> None:
    from redvan.exchange.signing import device_key

    path = tmp_path / "van.redvan"
    code, out, _ = run(["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
                       monkeypatch, capsys)  # fmt: skip
    assert code == 0, out
    opened = unlock(path, PASS)
    services = Services(VaultStore(opened))
    every_action(services)
    pub = device_key(services.store).public
    counts = services.store.audit_log_counts(date(2026, 1, 1), date(2031, 12, 31))
    entities = {e for _, _, e, _ in counts}
    opened.close(backup=True)
    # The scenario did write the names that broke the bundle, and many others.
    assert {f"vocabulary:{k.value}" for k in VocabularyKind} <= entities
    assert {"alert-sheet", "police-report", "incident-description", "referral"} <= entities
    keyfile = tmp_path / "device.pub"
    keyfile.write_text(pub.file_text(), encoding="utf-8")
    out_path = tmp_path / "all.rvaudit"
    # The events happen "now"; the bundle's period is the weeks around today.
    today = IsoWeek.of(date.today())
    code, out, err = run(
        ["export", "audit", "--vault", str(path), "--passphrase-stdin", "--from", str(today - 1),
         "--to", str(today), "--out", str(out_path)], monkeypatch, capsys,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(["verify", str(out_path), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 0, err
    assert out.rstrip().endswith("OK: signed by a trusted device and consistent.")
    bundle = b.open_bundle(out_path, [pub])
    assert bundle.ok, bundle.problems()
    summarised = {e["entity"] for w in bundle.audit_summary["weeks"] for e in w["events"]}
    assert {f"vocabulary:{k.value}" for k in VocabularyKind} <= summarised
    # And the auditor viewer (what `redvan open` shows after reading it) shows it.
    from redvan.gui.viewer.window import AuditViewer, Level

    viewer = AuditViewer(out_path, given_keys=[str(keyfile)], keys_path=tmp_path / "none.pub")
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.open_file()
    qtbot.waitUntil(lambda: viewer.bundle is not None or bool(viewer.refusal), timeout=20_000)
    assert not viewer.refusal and viewer.verdict.level is Level.OK
    assert viewer.audit_tree.topLevelItemCount() > 0


def test_every_name_written_in_the_source_follows_the_rule() -> None:
    """Each literal action and entity passed to an audit call anywhere in the app."""
    found = 0
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            target = ast.unparse(node.func)
            if target.endswith(".audit") and len(node.args) >= 2:
                action, entity = node.args[0], node.args[1]
            elif target == "audit.append" and len(node.args) >= 4:
                action, entity = node.args[2], node.args[3]
            else:
                continue
            for arg, pattern in ((action, ACTION_RE), (entity, ENTITY_RE)):
                if isinstance(arg, ast.Constant):
                    found += 1
                    assert pattern.fullmatch(arg.value), f"{path.name}: {arg.value!r}"
    assert found > 30
    for name in AUDIT_ENTITY.values():
        check_entity(name)


def test_the_schema_uses_the_rule_and_append_refuses_other_names(tmp_path: Path) -> None:
    doc = b.schema("audit-summary")
    event = doc["properties"]["weeks"]["items"]["properties"]["events"]["items"]
    assert event["properties"]["entity"]["pattern"] == ENTITY_PATTERN
    assert event["properties"]["action"]["pattern"] == ACTION_RE.pattern
    with pytest.raises(ValueError, match="naming rule"):
        audit.append(None, None, "edit", "Vocabulary Service", None)
    for bad in ("vocabulary:", ":service", "a:b:c", "x" * 41, "ny-værdi"):
        with pytest.raises(ValueError):
            check_entity(bad)


def test_an_old_name_is_made_to_follow_the_rule_in_a_summary() -> None:
    from redvan.core.audit_names import summary_name

    for old in ("Vocabulary Service", "a:b:c", "9lives", "x" * 60, "ny-værdi"):
        assert ENTITY_RE.fullmatch(summary_name(old, ENTITY_RE)), old
    assert summary_name("vocabulary:service", ENTITY_RE) == "vocabulary:service"
    assert ACTION_RE.fullmatch(summary_name("un lock2", ACTION_RE))
