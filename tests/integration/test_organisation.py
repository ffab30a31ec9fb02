"""One organisation, several laptops (O1, O2, O3) on real vaults: enrolment, the same person on
two laptops, merge without hand-edited keys, organisation updates, replays and slug re-use."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from redvan.core.enums import Role
from redvan.core.model import ContactInput
from redvan.core.organisation import OrganisationError
from redvan.core.services import Services
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.core.weeks import IsoWeek
from redvan.exchange import enrol, orgupdate, sync
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.merge import Ledger, merge, render
from redvan.exchange.signing import device_key, signature_path
from redvan.exchange.sketch import Estimate
from redvan.exchange.trust import trusted_keys
from redvan.storage.repository import VaultStore
from redvan.storage.vault import create_vault
from tests.cli_input import run_cli
from tests.conftest import PASSPHRASE

W10 = IsoWeek(2026, 10)


@dataclass
class Laptops:
    coordinator: Services
    b: Services
    c: Services
    folder: Path


def _vault(path: Path, fast_kdf) -> Services:  # type: ignore[no-untyped-def]
    def seed(vault):  # type: ignore[no-untyped-def]
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(path, "KO", PASSPHRASE, kdf=fast_kdf, init=seed)
    return Services(VaultStore(created.vault))


@pytest.fixture
def laptops(tmp_path: Path, fast_kdf, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # The enrolment code's Argon2id at its floor: the same code path, less waiting.
    monkeypatch.setattr(enrol, "KDF_MEMORY_KIB", 19 * 1024)
    monkeypatch.setattr(enrol, "KDF_ITERATIONS", 2)
    monkeypatch.setattr(enrol, "KDF_PARALLELISM", 1)
    made = Laptops(
        *(_vault(tmp_path / f"{n}.redvan", fast_kdf) for n in ("coord", "b", "c")), tmp_path
    )
    made.coordinator.save_programme(
        "exit-2026", "EXIT 2026", IsoWeek(2026, 1), IsoWeek(2026, 52), 465
    )
    yield made
    for s in (made.coordinator, made.b, made.c):
        if s.store.vault.is_open:
            s.store.vault.close(backup=False)


def _enrol_both(laptops: Laptops) -> None:
    folder = laptops.folder
    by_code = enrol.create_enrolment(laptops.coordinator, folder / "b.rvenrol")
    assert by_code.code is not None and len(by_code.code.replace("-", "")) == 28
    enrol.join(laptops.b, enrol.read_enrolment(folder / "b.rvenrol", code=by_code.code.lower()))
    recipient = enrol.enrolment_recipient(laptops.c)
    to_c = enrol.create_enrolment(laptops.coordinator, folder / "c.rvenrol", recipient=recipient)
    assert to_c.code is None
    document = enrol.read_enrolment(
        folder / "c.rvenrol",
        identities=[enrol.enrolment_identity(laptops.c)],
        coordinator=to_c.coordinator,
    )
    enrol.join(laptops.c, document)


def _record(services: Services, code: str, programme: str | None = "exit-2026") -> None:
    services.save_contact(
        ContactInput(time=datetime(2026, 3, 3, 22, 15), code=code, programme=programme)
    )


def test_two_enrolled_laptops_know_one_person_by_the_same_token_and_alias(laptops) -> None:  # type: ignore[no-untyped-def]
    """Before: each vault had its own secret, so MAJA7 was two persons with two aliases."""
    _enrol_both(laptops)
    for laptop in (laptops.b, laptops.c):
        _record(laptop, "maja-7")
    on_b, on_c = laptops.b.find_by_code("MAJA7"), laptops.c.find_by_code("Maja 7")
    assert on_b is not None and on_c is not None
    assert on_b.alias == on_c.alias
    assert (
        laptops.b.token("MAJA7") == laptops.c.token("MAJA7") == laptops.coordinator.token("MAJA7")
    )
    # Vocabularies and programmes came with the enrolment.
    assert laptops.c.store.programme_by_slug("exit-2026") is not None
    assert {e.slug for e in laptops.c.store.vocabulary()} == {
        e.slug for e in laptops.coordinator.store.vocabulary()
    }
    # Both laptops' packages merge with the keys the enrolment left (no --pubkey, no edits).
    paths = []
    for name, laptop in (("b", laptops.b), ("c", laptops.c)):
        path = laptops.folder / f"{name}.rvsync"
        sync.write_package(laptop, W10, W10, path)
        paths.append(path)
    packages, refused = sync.read_packages(paths, trusted_keys())
    assert not refused, refused
    result = merge(Ledger(), packages)
    assert (result.persons.low, result.persons.high) == (1, 2)
    assert result.estimate is not None and result.estimate.value == 1
    assert (result.estimate.low, result.estimate.high) == (1, 1)
    # The organisation's own programme is merged too: one person included, on two laptops.
    (programme,) = result.programmes
    assert (programme.slug, programme.devices, programme.organisations) == ("exit-2026", 2, 1)
    assert programme.cumulative[-1] == ("2026-W10", Estimate(1, 1, 1))
    # The coordinator's laptop and the new ones trust each other's device keys.
    keys = {k.device_id for k in trusted_keys()}
    for laptop in (laptops.coordinator, laptops.b, laptops.c):
        assert device_key(laptop.store).device_id in keys
    assert device_key(laptops.b.store).public.base64 in laptops.coordinator.store.get_setting(
        "organisation_devices"
    )


def test_join_is_refused_with_a_clear_sentence(laptops) -> None:  # type: ignore[no-untyped-def]
    folder = laptops.folder
    created = enrol.create_enrolment(laptops.coordinator, folder / "b.rvenrol")
    with pytest.raises(ImportRefused, match="code does not open"):
        enrol.read_enrolment(folder / "b.rvenrol", code="0" * 28)
    with pytest.raises(ImportRefused, match="give the code"):
        enrol.read_enrolment(folder / "b.rvenrol")
    # A vault that already holds persons keeps its own secret.
    _record(laptops.b, "LIV22", programme=None)
    document = enrol.read_enrolment(folder / "b.rvenrol", code=created.code)
    with pytest.raises(OrganisationError, match="only a new, empty vault"):
        enrol.join(laptops.b, document)
    # Encrypted to c: the coordinator's fingerprint must be given and match the signer.
    to_c = enrol.create_enrolment(
        laptops.coordinator, folder / "c.rvenrol", recipient=enrol.enrolment_recipient(laptops.c)
    )
    ids = [enrol.enrolment_identity(laptops.c)]
    with pytest.raises(ImportRefused, match="Compare this fingerprint"):
        enrol.read_enrolment(folder / "c.rvenrol", identities=ids)
    with pytest.raises(ImportRefused, match="not by the coordinator device you named"):
        enrol.read_enrolment(
            folder / "c.rvenrol", identities=ids, coordinator="0000 1111 2222 3333"
        )
    # Changed after signing.
    data = bytearray((folder / "c.rvenrol").read_bytes())
    data[-5] ^= 1
    (folder / "c.rvenrol").write_bytes(bytes(data))
    with pytest.raises(ImportRefused):
        enrol.read_enrolment(folder / "c.rvenrol", identities=ids, coordinator=to_c.coordinator)
    # Only a coordinator enrols.
    laptops.coordinator.add_staff("VO", Role.OUTREACH)
    laptops.coordinator.store.staff_id = next(
        s.id for s in laptops.coordinator.store.list_staff() if s.display_name == "VO"
    )
    with pytest.raises(OrganisationError, match="Only a coordinator"):
        enrol.create_enrolment(laptops.coordinator, folder / "x.rvenrol")


def test_updates_apply_once_in_order_and_never_change_a_slug_meaning(laptops) -> None:  # type: ignore[no-untyped-def]
    _enrol_both(laptops)
    coordinator, folder = laptops.coordinator, laptops.folder
    condoms = next(e for e in coordinator.store.vocabulary() if e.slug == "condoms")
    coordinator.save_vocabulary_entry(replace(condoms, label_en="Condoms (all sizes)"))
    coordinator.save_programme(
        "exit-2026", "EXIT 2026-27", IsoWeek(2026, 1), IsoWeek(2027, 26), 465
    )
    first = orgupdate.write_update(coordinator, folder / "u1.rvorg")
    assert first.sequence == 1
    applied = orgupdate.apply_update(laptops.b, folder / "u1.rvorg")
    assert applied.sequence == 1
    renamed = next(e for e in laptops.b.store.vocabulary() if e.slug == "condoms")
    assert renamed.label_en == "Condoms (all sizes)"  # a renamed label is fine
    assert laptops.b.store.programme_by_slug("exit-2026").last_week == "2027-W26"  # type: ignore[union-attr]
    # The same update again, and an older one after a newer: replays, refused.
    with pytest.raises(ImportRefused, match="replay"):
        orgupdate.apply_update(laptops.b, folder / "u1.rvorg")
    # A slug deleted and created again for another thing gets a new meaning: refused.
    kind = VocabularyKind.SERVICE
    coordinator.save_vocabulary_entry(VocabularyEntry(kind, "night-bus", "Night bus", "Natbus"))
    orgupdate.write_update(coordinator, folder / "u2.rvorg")
    orgupdate.apply_update(laptops.c, folder / "u1.rvorg")
    orgupdate.apply_update(laptops.c, folder / "u2.rvorg")
    with pytest.raises(ImportRefused, match="replay"):
        orgupdate.apply_update(laptops.c, folder / "u1.rvorg")
    assert coordinator.remove_vocabulary_entry(kind, "night-bus") == "deleted"
    orgupdate.write_update(coordinator, folder / "u3.rvorg")
    coordinator.save_vocabulary_entry(
        VocabularyEntry(kind, "night-bus", "Needle exchange", "Sprøjtebytte")
    )
    orgupdate.write_update(coordinator, folder / "u4.rvorg")
    orgupdate.apply_update(laptops.c, folder / "u3.rvorg")
    with pytest.raises(OrganisationError, match="never changes meaning"):
        orgupdate.apply_update(laptops.c, folder / "u4.rvorg")
    relabelled = next(e for e in laptops.c.store.vocabulary() if e.slug == "night-bus")
    assert relabelled.label_en == "Night bus"  # nothing of the refused update was taken


def test_an_update_signed_by_another_laptop_is_refused(laptops) -> None:  # type: ignore[no-untyped-def]
    _enrol_both(laptops)
    with pytest.raises(OrganisationError, match="not a coordinator device"):
        orgupdate.write_update(laptops.b, laptops.folder / "b.rvorg")
    # An update made by another organisation's coordinator (here: signed with b's key over the
    # coordinator's file) is refused before it is opened.
    sent = orgupdate.write_update(laptops.coordinator, laptops.folder / "u1.rvorg")
    data = sent.path.read_bytes()
    forged = device_key(laptops.b.store).sign(
        data,
        orgupdate.update_comment(
            device_key(laptops.b.store).device_id,
            laptops.b.store.get_setting("organisation_id"),
            1,
        ),
    )
    signature_path(sent.path).write_bytes(forged)
    with pytest.raises(ImportRefused, match="not a coordinator device"):
        orgupdate.apply_update(laptops.c, sent.path)


def test_enrol_on_the_command_line(laptops, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = laptops.folder
    coord, b = folder / "coord.redvan", folder / "b.redvan"
    for s in (laptops.coordinator, laptops.b):
        s.store.vault.close(backup=False)
    code, out, err = run_cli(
        [
            "enrol",
            "create",
            "--vault",
            str(coord),
            "--out",
            str(folder / "b.rvenrol"),
            "--passphrase-stdin",
        ],
        f"{PASSPHRASE}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    enrolment_code = out.split("ENROLMENT CODE (shown only this once):")[1].split()[0]
    code, out, err = run_cli(
        [
            "enrol",
            "join",
            "--vault",
            str(b),
            "--from",
            str(folder / "b.rvenrol"),
            "--passphrase-stdin",
        ],
        f"{PASSPHRASE}\nnot the code\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1 and err.startswith("redvan: An enrolment code has 28") and "\n" == err[-1]
    code, out, err = run_cli(
        [
            "enrol",
            "join",
            "--vault",
            str(b),
            "--from",
            str(folder / "b.rvenrol"),
            "--passphrase-stdin",
        ],
        f"{PASSPHRASE}\n{enrolment_code}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    assert "Joined organisation" in out
    assert enrolment_code not in err  # the code is never echoed back


def test_exit_case_three_organisations_see_combined_reach_and_the_early_warning(
    tmp_path: Path, fast_kdf, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The memo's EXIT programme: three partner organisations, one target of 465 persons.
    Each organisation has its own secret; the programme key travels by partnership files,
    each coordinator trusts the others' devices, and the merge shows the combined reach with
    its interval and the early warning from the first weeks on (before: reach was not merged
    at all, "inclusions are per vault")."""
    monkeypatch.setattr(enrol, "KDF_MEMORY_KIB", 19 * 1024)
    monkeypatch.setattr(enrol, "KDF_ITERATIONS", 2)
    monkeypatch.setattr(enrol, "KDF_PARALLELISM", 1)
    names = ("reden", "lighthouse", "sic")
    orgs = {n: _vault(tmp_path / f"{n}.redvan", fast_kdf) for n in names}

    def as_org(name: str) -> Services:  # each organisation's coordinator has their own laptop
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / f"config-{name}"))
        return orgs[name]

    lead = as_org("reden")
    lead.save_programme("exit", "EXIT 2026-2028", IsoWeek(2026, 1), IsoWeek(2028, 52), 465)
    for partner in names[1:]:
        offer = enrol.create_partnership(as_org("reden"), "exit", tmp_path / f"to-{partner}")
        joined = enrol.join(
            as_org(partner), enrol.read_enrolment(tmp_path / f"to-{partner}", code=offer.code)
        )
        assert joined.programmes == 1
        back = enrol.create_partnership(as_org(partner), "exit", tmp_path / f"from-{partner}")
        enrol.join(
            as_org("reden"), enrol.read_enrolment(tmp_path / f"from-{partner}", code=back.code)
        )
    keys = {n: orgs[n].store.get_setting("programme_keys")["exit"] for n in names}
    assert len(set(keys.values())) == 1
    assert len({orgs[n].token("MAJA7") for n in names}) == 3  # three organisations, three secrets

    # Ten weeks: reden includes a person a week, lighthouse one every other week, sic one every
    # third; two persons are included by two organisations each.
    truth: set[str] = set()
    for week in range(1, 11):
        day = IsoWeek(2026, week).monday()
        plan = {"reden": [f"RED{week:02d}X"]}
        if week % 2 == 0:
            plan["lighthouse"] = [f"LIG{week:02d}X"]
        if week % 3 == 0:
            plan["sic"] = [f"SIC{week:02d}X"]
        if week in (4, 7):
            plan.setdefault("lighthouse", []).append(f"RED{week - 2:02d}X")  # met twice
        for name, codes in plan.items():
            for code in codes:
                orgs[name].save_contact(
                    ContactInput(
                        time=datetime(day.year, day.month, day.day, 22, 0) + timedelta(days=2),
                        code=code,
                        programme="exit",
                    )
                )
                truth.add(code)
    paths = []
    for name in names:
        path = tmp_path / f"{name}.rvsync"
        sync.write_package(as_org(name), IsoWeek(2026, 1), IsoWeek(2026, 10), path)
        paths.append(path)
    as_org("reden")
    packages, refused = sync.read_packages(paths, trusted_keys())  # no --pubkey: trusted
    assert not refused, refused
    result = merge(Ledger(), packages)
    assert result.no_estimate == "organisations"  # persons of three secrets are not united
    (shared,) = result.programmes
    assert shared.organisations == 3 and shared.target == 465
    week, reach = shared.cumulative[-1]
    assert week == "2026-W10"
    assert reach.low <= len(truth) <= reach.high
    assert reach.high - reach.low <= 3
    assert shared.reach is not None and shared.reach.warning
    assert shared.high is not None and shared.high.forecast is not None
    assert shared.high.forecast < 465  # even the interval's top end falls short
    text = render(result, "text", "en", datetime(2026, 3, 9)).decode()
    assert "EARLY WARNING" in text and "EXIT 2026-2028" in text
    danish = render(result, "text", "da", datetime(2026, 3, 9)).decode()
    assert "TIDLIG ADVARSEL" in danish
    # Published (CSV): the reach figures rounded to the base k, and the warning derived from
    # the published line only (R2).
    published = render(result, "csv", "en", datetime(2026, 3, 9)).decode()
    line = next(x for x in published.splitlines() if x.startswith('"merge","programme.exit"'))
    about = re.search(r"about (\d+) persons reached \(between (\d+) and (\d+)\)", line)
    assert about is not None and all(int(n) % 5 == 0 for n in about.groups())
    assert "EARLY WARNING" in line
    print("\n" + "\n".join(text.splitlines()[:3]))
    # From the first weeks: with eight weeks merged the warning is already there.
    early = []
    for name, path in zip(names, paths, strict=True):
        path8 = path.with_name(f"{name}-8.rvsync")
        sync.write_package(as_org(name), IsoWeek(2026, 1), IsoWeek(2026, 8), path8)
        early.append(path8)
    as_org("reden")
    packages, _ = sync.read_packages(early, trusted_keys())
    (at_eight,) = merge(Ledger(), packages).programmes
    assert at_eight.reach is not None and at_eight.reach.warning


def test_organisation_files_hold_nothing_about_a_person(laptops) -> None:  # type: ignore[no-untyped-def]
    """T2 for O1/O2: codes, tokens, aliases and notes of the coordinator's vault never reach an
    enrolment file or an update, encrypted or decrypted."""
    coordinator, folder = laptops.coordinator, laptops.folder
    coordinator.save_contact(
        ContactInput(
            time=datetime(2026, 3, 3, 22, 0),
            code="CANARYQ7",
            note="met CANARYNOTE9 at the station",
            programme="exit-2026",
        ),
        confirm_pii=True,
    )
    profile = coordinator.find_by_code("CANARYQ7")
    assert profile is not None
    secrets_of_person = ["CANARYQ7", "CANARYNOTE9", coordinator.token("CANARYQ7"), profile.alias]
    made = enrol.create_enrolment(coordinator, folder / "b.rvenrol")
    document = enrol.read_enrolment(folder / "b.rvenrol", code=made.code)
    enrol.join(laptops.b, document)
    orgupdate.write_update(coordinator, folder / "u1.rvorg")
    update = orgupdate.read_update(laptops.b, folder / "u1.rvorg")
    for text in (
        json.dumps(document),
        json.dumps(update),
        (folder / "b.rvenrol").read_bytes().decode("latin-1"),
        (folder / "u1.rvorg").read_bytes().decode("latin-1"),
    ):
        for secret in secrets_of_person:
            assert secret not in text
