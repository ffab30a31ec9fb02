"""Dates in the interface language: one locale and one set of patterns for every screen."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit

from redvan.core import enums


def locale_for(language: str) -> QLocale:
    """The locale dates and numbers are written in: Danish, or English as written in Denmark
    (day before month, 24-hour clock)."""
    if enums.is_danish(language):
        return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return QLocale(QLocale.Language.English, QLocale.Country.Denmark)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def format_day(day: date, language: str) -> str:
    """A short day such as "Fri 20 Nov" / "fre. 20. nov."."""
    pattern = "ddd d. MMM" if enums.is_danish(language) else "ddd d MMM"
    return locale_for(language).toString(to_qdate(day), pattern)


def format_day_in_year(day: date, today: date, language: str) -> str:
    """A short day, with its year when it is not this year's ("Fri 20 Nov 2025")."""
    text = format_day(day, language)
    return text if day.year == today.year else f"{text} {day.year}"


def format_long_day(day: date, language: str) -> str:
    """A heading date such as "Friday 20 November" / "fredag den 20. november"."""
    pattern = "dddd 'den' d. MMMM" if enums.is_danish(language) else "dddd d MMMM"
    return locale_for(language).toString(to_qdate(day), pattern)


def format_short(day: date, language: str) -> str:
    """A day without its weekday: "20 Nov" / "20. nov."."""
    pattern = "d. MMM" if enums.is_danish(language) else "d MMM"
    return locale_for(language).toString(to_qdate(day), pattern)


def format_moment(moment: datetime, language: str) -> str:
    """A day and a time: "Fri 20 Nov 22:40" (the year added when it is not this year's)."""
    return f"{format_day(moment.date(), language)} {moment:%H:%M}"


def date_edit_format(language: str) -> str:
    """The display format of a date field: "ddd d MMM yyyy" / "ddd d. MMM yyyy"."""
    return "ddd d. MMM yyyy" if enums.is_danish(language) else "ddd d MMM yyyy"


def format_date(day: date, language: str) -> str:
    """A date with its year and no weekday: "20 Nov 2026" / "20. nov. 2026"."""
    pattern = "d. MMM yyyy" if enums.is_danish(language) else "d MMM yyyy"
    return locale_for(language).toString(to_qdate(day), pattern)


def format_date_time(moment: datetime, language: str) -> str:
    """ "20 Nov 2026  22:40" / "20. nov. 2026  22:40"."""
    return f"{format_date(moment.date(), language)}  {moment:%H:%M}"


def date_edit() -> QDateEdit:
    """A date field with a calendar to pick from; `set_date_language` words its day."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    return edit


def set_date_language(edit: QDateEdit, language: str) -> None:
    """Write a date field's day in `language` ("Fri 20 Nov 2026" / "fre. 20. nov. 2026")."""
    edit.setLocale(locale_for(language))
    edit.setDisplayFormat(date_edit_format(language))
