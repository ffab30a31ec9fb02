"""People (G4): find by code or alias, the timeline, flags, programme inclusion, detachment."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from redvan.core.codes import alias_label
from redvan.core.enums import FollowUpType
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
from redvan.core.weeks import IsoWeek
from redvan.gui.profiles import ProfilesPage, ResultsModel, TimelineModel
from redvan.gui.profiles.models import alias_patterns
from redvan.gui.workspace import Context

CODE = "Sol77"


@pytest.fixture
def page(context: Context, qtbot) -> ProfilesPage:  # type: ignore[no-untyped-def]
    widget = ProfilesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    widget.refresh()
    return widget


def meet(context: Context, when: datetime, code: str | None = CODE, **extra) -> str:  # type: ignore[no-untyped-def]
    result = context.services.save_contact(
        ContactInput(time=when, zone="istedgade", channel="street", code=code, **extra)
    )
    assert result.profile_id is not None or code is None
    return result.profile_id or ""


def tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """Click a check box on its indicator (the widget may be wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_alias_patterns_in_both_languages() -> None:
    assert alias_patterns("") == [""]
    assert alias_patterns("hejre") == ["Heron-"]
    assert alias_patterns("HERON 4") == ["Heron-4"]
    assert alias_patterns("Hejre-42") == ["Heron-42"]
    assert set(alias_patterns("gold") or []) == {"Goldeneye-", "Goldcrest-", "Goldfinch-"}
    assert alias_patterns("ørn") == ["Eagle-"]
    assert alias_patterns("zzz") == []
    assert alias_patterns("12 34 56") is None


def test_find_by_code_shows_the_person_and_clears_the_code(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    profile_id = meet(
        context,
        datetime(2026, 11, 20, 21, 30),
        age_band="25-34",
        gender="woman",
        language="ro",
        origin_region="eastern-europe",
    )
    meet(context, datetime(2026, 11, 20, 21, 40), code="Other1")
    page.code.setFocus()
    qtbot.keyClicks(page.code, CODE.lower())
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    assert page.code.text() == ""
    assert page.profile is not None and page.profile.id == profile_id
    assert page.results.by_code and page.results.rowCount() == 1
    profile = context.services.store.profile_by_id(profile_id)
    assert page.alias_title.text() == profile.alias
    assert page.age_band.text() == "25–34"
    assert page.gender.text() == "Woman"
    assert page.languages.text() == "Romanian"
    assert page.origin.text() == "Eastern Europe (EU)"
    assert "20 Nov 2026" in page.last_seen.text()
    # the code appears nowhere on the page
    texts = [w.text() for w in page.findChildren(type(page.alias_title))]
    assert not any(CODE.casefold() in t.casefold() for t in texts)


def test_unknown_or_invalid_code_says_so(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    meet(context, datetime(2026, 11, 20, 21, 30))
    qtbot.keyClicks(page.code, "Nobody42")
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    assert page.code.text() == ""
    assert page.find_message.isVisibleTo(page)
    assert page.find_message.text() == "No person with this code."
    assert page.profile is None
    qtbot.keyClicks(page.code, "ab")
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    assert page.code.text() == ""
    assert "at least 3" in page.find_message.text()


def test_find_by_alias_in_english_and_danish(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    profile_id = meet(context, datetime(2026, 11, 20, 21, 30))
    for n in range(3):
        meet(context, datetime(2026, 11, 19, 21, n), code=f"Else{n}x")
    alias = context.services.store.profile_by_id(profile_id).alias
    english, _, number = alias.rpartition("-")
    danish = alias_label(alias, "da").rpartition("-")[0]

    page.refresh()
    assert page.list_heading.text() == "Recently seen"
    assert page.results.rowCount() == 4  # everyone, newest first
    assert page.results.profile(0).id == profile_id

    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.alias.hasFocus()
    qtbot.keyClicks(page.alias, english[:3].lower())
    ids = [page.results.profile(r).id for r in range(page.results.rowCount())]
    assert profile_id in ids

    page.alias.clear()
    qtbot.keyClicks(page.alias, f"{danish.lower()} {number}")
    assert [page.results.profile(r).id for r in range(page.results.rowCount())] == [profile_id]
    qtbot.keyClick(page.alias, Qt.Key.Key_Return)
    assert page.profile is not None and page.profile.id == profile_id
    assert page.list.hasFocus()

    page.alias.clear()
    qtbot.keyClicks(page.alias, "Zzz")
    assert page.results.rowCount() == 0
    assert page.find_message.isVisibleTo(page)


def test_aliases_follow_the_ui_language(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    profile_id = meet(context, datetime(2026, 11, 20, 21, 30), age_band="18-24")
    alias = context.services.store.profile_by_id(profile_id).alias
    page.refresh()
    page.open_first()
    context.language = "da"
    page.retranslate()
    assert page.alias_title.text() == alias_label(alias, "da")
    assert page.results.data(page.results.index(0), ResultsModel.AliasRole) == alias_label(
        alias, "da"
    )
    assert page.age_band.text() == "18–24 år"
    assert "20. nov. 2026" in page.last_seen.text()


def test_timeline_merges_contacts_referrals_and_followups_newest_first(page, context) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    profile_id = meet(
        context,
        datetime(2026, 11, 6, 22, 15),
        services=(ServiceGiven("condoms", 10), ServiceGiven("conversation")),
    )
    meet(
        context, datetime(2026, 11, 13, 23, 5), referrals=(ReferralInput("legal-aid", "referred"),)
    )
    services.add_followup(profile_id, FollowUpType.HOME_VISIT, date(2026, 11, 25), None)
    services.add_followup(profile_id, FollowUpType.CALL_BACK, date(2026, 11, 10), None)
    meet(context, datetime(2026, 11, 6, 21, 0), code="Someone9")  # another person

    page.code.setText(CODE)
    page.find_code()
    model = page.timeline
    kinds = [model.index(r, 0).data(TimelineModel.KindRole) for r in range(model.rowCount())]
    assert kinds == ["followup", "contact", "referral", "followup", "contact"]
    whats = [model.index(r, TimelineModel.COL_WHAT).data() for r in range(model.rowCount())]
    assert whats == ["Follow-up", "Contact", "Referral", "Follow-up", "Contact"]
    details = [model.index(r, TimelineModel.COL_DETAIL).data() for r in range(model.rowCount())]
    assert details[0] == "Home visit · due 25 Nov 2026 · Open"
    assert details[1] == "Street · Istedgade"
    assert details[2] == "Legal aid service · Referred"
    assert details[3].startswith("Call back")
    assert details[4] == "Street · Istedgade · Condoms ×10, Conversation"
    assert model.index(4, TimelineModel.COL_WHEN).data() == "6 Nov 2026  22:15"
    # the overdue open follow-up stands out
    assert model.index(3, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(TimelineModel.COL_WHEN, Qt.Orientation.Horizontal) == "When"


def test_timeline_loads_in_chunks() -> None:
    from redvan.core.model import Contact

    model = TimelineModel()
    contacts = [
        Contact(
            str(i),
            datetime(2026, 1, 1, 0, i % 60),
            "2026-W01",
            None,
            "p",
            None,
            None,
            "unknown",
            "unknown",
            None,
        )
        for i in range(120)
    ]
    model.load(contacts, [], [], {}, "en", date(2026, 1, 2))
    assert model.rowCount() == TimelineModel.CHUNK
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 120 and not model.canFetchMore()


def test_flags_and_programme_inclusion_are_saved(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    services = context.services
    profile_id = meet(context, datetime(2026, 11, 20, 21, 30))
    services.save_programme("exit", "EXIT programme", IsoWeek(2026, 40), IsoWeek(2026, 52), 40)
    services.save_programme("housing", "Housing first", IsoWeek(2026, 30), IsoWeek(2027, 10), 10)
    page.refresh()
    page.open_first()
    store = services.store

    tick(qtbot, page.exit_support)
    assert store.profile_by_id(profile_id).wants_exit_support is True
    assert page.flag_status.text() == "Saved: wants exit support."

    page.consent.setFocus()
    qtbot.keyClick(page.consent, Qt.Key.Key_Space)
    assert store.profile_by_id(profile_id).followup_consent == date(2026, 11, 20)
    assert page.consent_date.isEnabled()
    page.consent_date.setDate(QDate(2026, 11, 2))
    qtbot.waitUntil(lambda: store.profile_by_id(profile_id).followup_consent == date(2026, 11, 2))

    assert page.programme.count() == 2
    page.programme.setCurrentIndex(page.programme.findData("exit"))
    qtbot.mouseClick(page.include, Qt.MouseButton.LeftButton)
    inclusions = store.inclusions_of_profile(profile_id)
    assert [(p.slug, on) for p, on in inclusions] == [("exit", date(2026, 11, 20))]
    assert "EXIT programme since 20 Nov 2026" in page.inclusions.text()
    assert page.programme.count() == 1 and page.programme.currentData() == "housing"

    # unticking takes the agreement back
    tick(qtbot, page.consent)
    assert store.profile_by_id(profile_id).followup_consent is None
    # what is shown again after a refresh comes from the vault
    page.refresh()
    assert page.exit_support.isChecked() and not page.consent.isChecked()


def test_detached_person_shows_the_notice(page, context) -> None:  # type: ignore[no-untyped-def]
    profile_id = meet(context, datetime(2024, 1, 10, 21, 30))
    meet(context, datetime(2026, 11, 20, 21, 0), code="Recent1")
    context.services.purge(datetime(2026, 11, 20, 22, 0))
    page.code.setText(CODE)
    page.find_code()
    assert page.find_message.text() == "No person with this code."
    alias = context.services.store.profile_by_id(profile_id).alias
    page.alias.setText(alias)
    page.open_first()
    assert page.profile is not None and page.profile.detached
    assert page.detached.isVisibleTo(page)
    page.alias.setText("")
    page.code.setText("Recent1")
    page.find_code()
    assert not page.detached.isVisibleTo(page)
