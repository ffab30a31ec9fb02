"""The contact form's person block: the code (or no code) and who it belongs to, looked up
as it is typed; the person's age band, gender, language and origin region; and the
safeguarding card for someone under 18.

The code is shown only in its own field while it is typed; a draft never holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QLineEdit, QWidget

from redvan.core import enums
from redvan.core.codes import CodeError, alias_label, normalise_code
from redvan.core.enums import AgeBand, Gender
from redvan.core.model import Contact, Profile
from redvan.gui.contact.safeguard import SafeguardCard
from redvan.gui.messages import describe
from redvan.gui.widgets.dates import format_date, format_short
from redvan.gui.widgets.layouts import Stretch, hbox, vbox
from redvan.gui.widgets.roles import role_label, select_data, set_role
from redvan.gui.widgets.texts import Texts
from redvan.gui.widgets.vocabulary import VocabularyCombo
from redvan.gui.workspace import Context

DEBOUNCE_MS = 250

# "Unknown", the default, comes first, so Down from the default reaches the others (issue 15).
AGE_BANDS = (AgeBand.UNKNOWN, *(b for b in AgeBand if b is not AgeBand.UNKNOWN))
GENDERS = (Gender.UNKNOWN, *(g for g in Gender if g is not Gender.UNKNOWN))


@dataclass
class Person:
    """What the code field currently means: empty, invalid, a new or a returning person."""

    state: str = "empty"  # empty | typing | invalid | new | returning | uncoded
    profile: Profile | None = None
    last: Contact | None = None  # the person's last contact, for "Last seen …"
    problem: BaseException | None = None  # why the code cannot be used; told via describe()


class PersonCard(QFrame):
    """Who the contact is with; a returning person's age band, gender, language and region
    are filled in from their profile."""

    edited = Signal()  # the code, "no code" or the safeguarding check changed
    found = Signal()  # Enter on the code of a new or returning person
    uncoded = Signal(bool)  # "no code" switched on or off

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.context = context
        self.person = Person()
        self._prefilled: str | None = None  # the profile whose attributes are filled in
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.look_up(final=False))
        t = self.texts = Texts()

        self.code = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("The person's code"),
            accessibleName=lambda: self.tr("The person's code"),
        )
        self.code.setMaxLength(64)
        self.code.setClearButtonEnabled(False)
        self.code.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.code.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.code.textEdited.connect(self._code_edited)
        self.code.returnPressed.connect(self._code_entered)
        self.code.editingFinished.connect(lambda: self.look_up(final=True))
        self.no_code = t.check(
            lambda: self.tr("&No code"),
            toggled=self._no_code_toggled,
            accessible=lambda: self.tr("Contact without a code"),
            tip=lambda: self.tr("Alt+N: an uncoded contact is counted, never made a person"),
        )
        self.person_name = role_label(wrap=False)
        self.person_detail = role_label()
        who = QWidget()
        # Room for two lines always, so the form does not jump when a person is found.
        who.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        vbox(
            Stretch(1),
            self.person_name,
            self.person_detail,
            Stretch(1),
            parent=who,
            margins=0,
            spacing=0,
        )

        self.age, self.gender = QComboBox(), QComboBox()
        self.language, self.region = VocabularyCombo(), VocabularyCombo()
        attributes: list[QWidget | int] = []  # each a label, its list and a gap
        for combo, text, name in (
            (self.age, lambda: self.tr("Age &band"), lambda: self.tr("Age band")),
            (self.gender, lambda: self.tr("&Gender"), lambda: self.tr("Gender")),
            (self.language, lambda: self.tr("&Language"), lambda: self.tr("Language")),
            (self.region, lambda: self.tr("Or&igin region"), lambda: self.tr("Origin region")),
        ):
            t.bind(combo, accessibleName=name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            label = t.label(text, role="subtitle", buddy=combo)
            attributes += [label, combo, 8]
        self.region_label = label  # the last
        for band in AGE_BANDS:
            self.age.addItem("", band.value)
        for gender in GENDERS:
            self.gender.addItem("", gender.value)
        self.age.currentIndexChanged.connect(self._age_changed)

        self.safeguard = SafeguardCard()
        self.safeguard.check.toggled.connect(lambda _checked: self.edited.emit())
        code_label = t.label(lambda: self.tr("&Code"), buddy=self.code)
        vbox(
            hbox(code_label, self.code, self.no_code, 12, (who, 1)),
            hbox(*attributes, Stretch(1)),
            self.safeguard,
            parent=self,
        )

    def focus_chain(self) -> list[QWidget]:
        return [
            self.code,
            self.no_code,
            self.age,
            self.gender,
            self.language,
            self.region,
            self.safeguard.check,
        ]

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.safeguard.texts.retranslate()
        lang = self.context.language
        for index, band in enumerate(AGE_BANDS):
            self.age.setItemText(index, enums.label(band, lang))
        for index, gender in enumerate(GENDERS):
            self.gender.setItemText(index, enums.label(gender, lang))
        for combo in (self.language, self.region):
            combo.relabel(lang)
        self.show_person()

    # -- the code and the person --------------------------------------------------------------

    def _code_edited(self, _text: str) -> None:
        self.edited.emit()
        self._debounce.start()
        if not self.code.text().strip():
            self._set_person(Person())

    def _code_entered(self) -> None:
        self.look_up(final=True)
        if self.person.state in ("new", "returning"):
            self.found.emit()

    def look_up(self, *, final: bool) -> Person:
        """Tell who the code belongs to. While typing, a too-short code is not an error yet."""
        self._debounce.stop()
        if self.no_code.isChecked():
            return self._set_person(Person("uncoded"))
        text = self.code.text()
        if not text.strip():
            return self._set_person(Person())
        try:
            normalise_code(text)
        except CodeError as exc:
            if exc.reason == "too-short" and not final:
                return self._set_person(Person("typing"))
            return self._set_person(Person("invalid", problem=exc))
        try:
            services = self.context.services
            profile = services.find_by_code(text)
            last = services.store.last_contact(profile.id) if profile else None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            return self._set_person(Person("invalid", problem=exc))
        if profile is None:
            return self._set_person(Person("new"))
        return self._set_person(Person("returning", profile, last))

    def _summary(self, last: Contact | None) -> str:
        if last is None:
            return self.tr("No contacts recorded yet")
        now, day, lang = self.context.now(), last.time.date(), self.context.language
        if day == now.date():
            when = self.tr("today at %1").replace("%1", last.time.strftime("%H:%M"))
        elif day.year == now.year:
            when = format_short(day, lang)
        else:
            when = format_date(day, lang)
        count = len(last.services)
        return self.tr("Last seen %1, %n services", None, count).replace("%1", when)

    def _set_person(self, person: Person) -> Person:
        self.person = person
        profile_id = person.profile.id if person.profile else None
        if profile_id != self._prefilled:
            if person.profile is not None:
                self._prefill(person.profile, person.last)
            elif self._prefilled is not None:
                self.reset_attributes()
            self._prefilled = profile_id
        self.show_person()
        return person

    def _prefill(self, profile: Profile, last: Contact | None) -> None:
        select_data(self.age, profile.age_band)
        select_data(self.gender, profile.gender)
        select_data(self.region, profile.origin_region)
        language = None
        if last is not None and last.language:
            language = last.language
        elif profile.languages:
            language = profile.languages[0]
        if not select_data(self.language, language):
            self.language.setCurrentIndex(0)

    def reset_attributes(self) -> None:
        self.age.setCurrentIndex(self.age.findData(AgeBand.UNKNOWN.value))
        self.gender.setCurrentIndex(self.gender.findData(Gender.UNKNOWN.value))
        self.language.setCurrentIndex(0)
        if not select_data(self.region, "unknown"):
            self.region.setCurrentIndex(0)

    def show_person(self) -> None:
        person = self.person
        name, detail, role = "", "", "subtitle"
        if person.state == "returning" and person.profile is not None:
            name = alias_label(person.profile.alias, self.context.language)
            summary = self._summary(person.last)
            detail = self.tr("Returning person · %1").replace("%1", summary)
            role = "ok"
        elif person.state == "new":
            name = self.tr("New person")
            detail = self.tr("A new alias is made when you save")
            role = "ok"
        elif person.state == "invalid":
            detail = describe(person.problem) if person.problem else ""
            role = "error"
        elif person.state == "uncoded":
            name = self.tr("Contact without code")
            detail = self.tr("Counted, never made a person")
        elif person.state in ("empty", "typing"):
            detail = self.tr("Type the code the person chose, then Enter")
        self.person_name.setText(name)
        self.person_name.setVisible(bool(name))
        set_role(self.person_name, role)
        self.person_detail.setText(detail)
        self.code.setAccessibleDescription(" ".join(t for t in (name, detail) if t))
        set_role(self.person_detail, "error" if person.state == "invalid" else "subtitle")
        self.region.setEnabled(person.state != "uncoded")
        self.region_label.setEnabled(person.state != "uncoded")

    def _no_code_toggled(self, checked: bool) -> None:
        self.edited.emit()
        self.code.setText("")
        self.code.setEnabled(not checked)
        self._set_person(Person("uncoded") if checked else Person())
        self.uncoded.emit(checked)
        if not checked:
            self.code.setFocus()

    # -- the safeguard ------------------------------------------------------------------------

    def minor(self) -> bool:
        return bool(self.age.currentData() == AgeBand.UNDER_18.value)

    def _age_changed(self, _index: int) -> None:
        minor = self.minor()
        if not minor:
            self.safeguard.check.setChecked(False)
        self.safeguard.setVisible(minor)

    # -- clearing, drafts ---------------------------------------------------------------------

    def clear(self) -> None:
        """No code typed, the attributes back to unknown, the safeguard unchecked."""
        self._debounce.stop()
        self.no_code.blockSignals(True)
        self.no_code.setChecked(False)
        self.no_code.blockSignals(False)
        self.code.setEnabled(True)
        self.code.setText("")  # setText, unlike clear(), also forgets the undo history
        self._prefilled = None
        self._set_person(Person())
        self.reset_attributes()
        self.safeguard.check.setChecked(False)

    def has_input(self) -> bool:
        return (
            bool(self.code.text())
            or self.no_code.isChecked()
            or self.age.currentData() != AgeBand.UNKNOWN.value
            or self.gender.currentData() != Gender.UNKNOWN.value
            or self.language.currentData() is not None
            or self.region.currentData() not in (None, "unknown")
        )

    def draft(self) -> dict[str, Any]:
        return {
            # P1: the code itself is never stored, not even in an encrypted draft.
            "had_code": bool(self.code.text().strip()),
            "no_code": self.no_code.isChecked(),
            "age_band": self.age.currentData(),
            "gender": self.gender.currentData(),
            "language": self.language.currentData(),
            "origin_region": self.region.currentData(),
            "safeguarding": self.safeguard.check.isChecked(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        if draft.get("no_code"):
            self.no_code.setChecked(True)
        elif draft.get("code"):  # an undo in this session; a stored draft never has it
            self.code.setText(str(draft["code"]))
            self.look_up(final=True)
        elif draft.get("had_code"):
            self.person_detail.setText(
                self.tr(
                    "Ask for the person's code again: codes are "
                    "never kept while the vault is locked."
                )
            )
            set_role(self.person_detail, "warning")
        select_data(self.age, draft.get("age_band"))
        select_data(self.gender, draft.get("gender"))
        select_data(self.language, draft.get("language"))
        select_data(self.region, draft.get("origin_region"))
        self.safeguard.check.setChecked(bool(draft.get("safeguarding")))
