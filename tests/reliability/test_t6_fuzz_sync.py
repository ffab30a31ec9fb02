"""T6: fuzzed sync packages and merge ledgers give only clean errors (X7).

Random bytes, mutated valid packages (signed again, so the checks behind the signature are
reached), truncations, huge numbers, deep nesting, wrong types, duplicate keys and bad
signatures: the reader raises :class:`ImportRefused` and nothing else; whatever it accepts
merges and renders; ``redvan merge`` exits with a one-line error, never a traceback.
"""

from __future__ import annotations

import copy
import io
import json
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan import cli
from redvan.core.weeks import IsoWeek
from redvan.exchange import sync
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.merge import Ledger, load_state, merge, render
from redvan.exchange.signing import DeviceKey, signature_path
from redvan.exchange.sync import encode, read_package, trusted_comment

KEY = DeviceKey.generate()
TRUSTED = [KEY.public]
FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def all_tables(contacts: int, given: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Every table of a week: the ones given, the rest of contacts "not recorded" or empty."""
    out: dict[str, dict[str, int]] = {}
    for key in sync.TABLES:
        if key in given:
            out[key] = given[key]
        elif key.startswith("contacts."):
            out[key] = {"": contacts} if contacts else {}
        else:
            out[key] = {}
    return out


def valid_document() -> dict[str, Any]:
    weeks = []
    for number, (met, uncoded) in enumerate([(3, 2), (0, 0), (6, 1)], start=46):
        contacts = met + uncoded
        weeks.append(
            {
                "week": f"2026-W{number}",
                "totals": {
                    "contacts": contacts,
                    "persons": met,
                    "referrals": 1 if contacts else 0,
                    "followups": 0,
                    "incidents": 0,
                },
                "tables": all_tables(
                    contacts,
                    {
                        "contacts.code": {"coded": met, "uncoded": uncoded},
                        "persons.new": {"new": met},
                        "contacts.zone": {"istedgade": contacts},
                        "services": {"condoms": contacts},
                        "referrals.destination": {"reden": 1} if contacts else {},
                        "referrals.status": {"referred": 1} if contacts else {},
                    },
                ),
                "quantities": {"condoms": 5 * contacts},
            }
        )
    return {
        "format": "redvan-sync",
        "version": 1,
        "package_id": str(uuid.uuid4()),
        "device_id": KEY.device_id,
        "device_public_key": KEY.public.base64,
        "sequence": 7,
        "created": "2026-11-27T03:00Z",
        "period": {"first": "2026-W46", "last": "2026-W48"},
        "threshold": 5,
        "persons": 8,
        "weeks": weeks,
        "programmes": [
            {
                "slug": "exit-2020",
                "name": "Exit",
                "first_week": "2026-W01",
                "last_week": "2026-W52",
                "target": 40,
                "inclusions": [["2026-W46", 2]],
            }
        ],
        "vocabulary": [
            {"kind": "zone", "slug": "istedgade", "en": "Istedgade", "da": "Istedgade"},
            {"kind": "service", "slug": "condoms", "en": "Condoms", "da": "Kondomer"},
            {"kind": "destination", "slug": "reden", "en": "Reden", "da": "Reden"},
        ],
    }


COMMENT = trusted_comment(KEY.device_id, 7, IsoWeek(2026, 46), IsoWeek(2026, 48))


def write_signed(path: Path, data: bytes, comment: str = COMMENT) -> Path:
    path.write_bytes(data)
    signature_path(path).write_bytes(KEY.sign(data, comment))
    return path


def accepted_or_refused(path: Path) -> None:
    """Reading gives a package or ImportRefused; a package merges and renders."""
    try:
        package = read_package(path, TRUSTED)
    except ImportRefused as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    result = merge(Ledger(), [package])
    for fmt in ("text", "json", "csv"):
        assert render(result, fmt, "da", datetime(2026, 11, 27))


def test_the_valid_package_is_accepted(tmp_path: Path) -> None:
    path = write_signed(tmp_path / "p.json", encode(valid_document()))
    package = read_package(path, TRUSTED)
    assert merge(Ledger(), [package]).persons.low == 8


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    accepted_or_refused(write_signed(tmp_path_factory.mktemp("f") / "p.json", data))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([0, 1, 4, 5, 10**9, 10**9 + 1, -1, 1.0, 2.5, 1e308])
    | st.text(max_size=12)
    | st.sampled_from(["2026-W47", "2026-W53", "2026-W00", "", "coded", "contacts.code"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, prefix + (index,))
    return out


DOCUMENT = valid_document()
PATHS = _paths(DOCUMENT)[1:]


def mutated(mutations: list[Any]) -> dict[str, Any]:
    """A copy of the valid package with each (path, value, delete) applied in turn."""
    document = copy.deepcopy(DOCUMENT)
    for path, value, delete in mutations:
        parent: Any = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            if delete and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif delete and isinstance(parent, list) and path[-1] < len(parent):
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the way there
    return document


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES, st.booleans()), min_size=1, max_size=4)
)
def test_mutated_packages(tmp_path_factory: pytest.TempPathFactory, mutations: list[Any]) -> None:
    data = json.dumps(mutated(mutations)).encode("utf-8")
    accepted_or_refused(write_signed(tmp_path_factory.mktemp("f") / "p.json", data))


@FUZZ
@given(st.integers(min_value=0, max_value=len(encode(DOCUMENT)) - 1))
def test_truncated_packages(tmp_path_factory: pytest.TempPathFactory, cut: int) -> None:
    data = encode(DOCUMENT)[:cut]
    accepted_or_refused(write_signed(tmp_path_factory.mktemp("f") / "p.json", data))


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 5000 + b"1" + b"}" * 5000,
        b'{"format": "redvan-sync", "format": "redvan-sync"}',
        b'{"persons": NaN}',
        b'{"persons": 1e999999}',
        b'{"persons": ' + b"9" * 5000 + b"}",
        "\ufeff{}".encode(),
        b"\xff\xfe\x00{",
        b"",
        b"null",
        b"[]",
    ],
)
def test_hostile_json(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ImportRefused):
        read_package(write_signed(tmp_path / "p.json", data), TRUSTED)


@FUZZ
@given(st.binary(max_size=400))
def test_bad_signatures(tmp_path_factory: pytest.TempPathFactory, signature: bytes) -> None:
    path = tmp_path_factory.mktemp("f") / "p.json"
    path.write_bytes(encode(DOCUMENT))
    signature_path(path).write_bytes(signature)
    with pytest.raises(ImportRefused):
        read_package(path, TRUSTED)


def test_a_signature_of_another_kind_or_device(tmp_path: Path) -> None:
    data = encode(DOCUMENT)
    path = write_signed(tmp_path / "p.json", data, comment="redvan-audit device=X seq=7")
    with pytest.raises(ImportRefused, match="not as a sync package"):
        read_package(path, TRUSTED)
    other = DeviceKey.generate()
    signature_path(path).write_bytes(other.sign(data, COMMENT))
    with pytest.raises(ImportRefused, match="not among your trusted devices"):
        read_package(path, TRUSTED)
    with pytest.raises(ImportRefused, match="signed by a device other than"):
        read_package(path, [*TRUSTED, other.public])


@FUZZ
@given(JSON_VALUES)
def test_fuzzed_ledgers(tmp_path_factory: pytest.TempPathFactory, value: Any) -> None:
    path = tmp_path_factory.mktemp("f") / "ledger.json"
    ledger = {"format": "redvan-merge-state", "version": 1, "accepted": value, "packages": value}
    path.write_text(json.dumps(ledger), encoding="utf-8")
    try:
        load_state(path)
    except ImportRefused:
        pass


class _Stdin:
    buffer = io.BytesIO(b"")

    def isatty(self) -> bool:
        return False


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=300))
def test_merge_command_gives_one_line(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, capsys, data: bytes
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("cli")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    monkeypatch.setattr(sys, "stdin", _Stdin())
    package = write_signed(folder / "p.json", data)
    state = folder / "ledger.json"
    state.write_bytes(data)
    code = cli.main(
        ["merge", "--out", str(folder / "m.txt"), "--pubkey", KEY.public.base64, str(package)]
    )
    _, err = capsys.readouterr()
    assert code in (cli.EXIT_FAIL, cli.EXIT_PARTIAL, cli.EXIT_OK)
    assert "unexpected error" not in err and "Traceback" not in err
    code = cli.main(["merge", "--out", str(folder / "m.txt"), "--state", str(state), str(package)])
    _, err = capsys.readouterr()
    assert code == cli.EXIT_FAIL and "unexpected error" not in err


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES, st.booleans()), min_size=1, max_size=4)
)
def test_the_fast_validator_agrees_with_jsonschema(mutations: list[Any]) -> None:
    """The compiled validator (speed, B9) says yes exactly when the reference one does."""
    import fastjsonschema

    from redvan.exchange.sync import _fast_validator, _validator

    document = mutated(mutations)
    try:
        _fast_validator()(document)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    assert fast == _validator().is_valid(document)
