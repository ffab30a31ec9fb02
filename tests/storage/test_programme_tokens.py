"""O4 in the vault: a shared programme's token is kept only for persons included in it, is the
HMAC of the code under the programme key, and goes when the profile is detached (V9)."""

from __future__ import annotations

from datetime import datetime, timedelta

from redvan.core.codes import code_token
from redvan.core.model import ContactInput
from redvan.core.weeks import IsoWeek
from redvan.storage import schema

KEY = bytes(range(32))


def _tokens(services) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return services.store.conn.execute(
        "SELECT profile_id, token FROM programme_token ORDER BY token"
    ).fetchall()


def test_programme_tokens_for_included_persons_only_and_gone_on_detach(services) -> None:  # type: ignore[no-untyped-def]
    services.save_programme("exit", "EXIT", IsoWeek(2026, 1), IsoWeek(2026, 52), 465)
    with services.store.transaction():
        services.store.set_setting("programme_keys", {"exit": KEY.hex()})
    at = datetime(2026, 3, 3, 22, 0)
    services.save_contact(ContactInput(time=at, code="MAJA7", programme="exit"))
    services.save_contact(ContactInput(time=at, code="LIV22"))  # not included: no token
    (row,) = _tokens(services)
    assert row[1] == code_token(KEY, "maja 7")
    assert services.find_by_code("MAJA7").id == row[0]  # type: ignore[union-attr]
    # Included later by the profile screen (no code at hand): the token comes with the next
    # contact where the code is typed.
    liv = services.find_by_code("LIV22")
    services.include_in_programme(liv.id, "exit", at.date())  # type: ignore[union-attr]
    assert len(_tokens(services)) == 1
    services.save_contact(ContactInput(time=at + timedelta(days=7), code="LIV22"))
    assert len(_tokens(services)) == 2
    # Detached by retention: the programme token goes with the code token.
    with services.store.transaction():
        detached = services.store.detach_profiles(datetime(2030, 1, 1), datetime(2030, 1, 1))
    assert detached == 2 and _tokens(services) == []


def test_the_v5_step_is_idempotent(services) -> None:  # type: ignore[no-untyped-def]
    conn = services.store.conn
    schema.MIGRATIONS[4](conn)  # again, on a vault that has the table: nothing happens
    assert conn.execute("SELECT count(*) FROM programme_token").fetchone()[0] == 0
