"""Contact entry (G3): one meeting logged in a few key presses, then a clean form for the next.

The common path is keyboard-only: type the person's code, Enter (the person is looked up and
focus moves to the services), a digit per service, Ctrl+Enter saves. The code is shown only in
its own field while it is typed and is gone from every widget once the contact is saved.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums, limits
from redvan.core.codes import CodeError, alias_label, normalise_code
from redvan.core.enums import AgeBand, Gender
from redvan.core.model import (
    Contact,
    ContactInput,
    Profile,
    SaveResult,
    ServiceGiven,
    Shift,
)
from redvan.core.services import PiiWarning
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.contact.referrals import ReferralRow
from redvan.gui.contact.services import ServicesGrid, ServiceToggle
from redvan.gui.messages import describe
from redvan.gui.widgets.confirm import ConfirmRow
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.roles import select_data
from redvan.gui.workspace import Context, WorkspacePage

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
UNDO_MS = 10_000
# What a quantity service starts at before the team has used it this session.
DEFAULT_QUANTITIES = {"condoms": 10, "lubricant": 1, "coffee-food": 1}
DIGITS = "1234567890"
DRAFT_VERSION = 1


def _set_role(widget: QWidget, role: str) -> None:
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


# "Unknown", the default, comes first, so Down from the default reaches the others (issue 15).
AGE_BANDS = (AgeBand.UNKNOWN, *(b for b in AgeBand if b is not AgeBand.UNKNOWN))
GENDERS = (Gender.UNKNOWN, *(g for g in Gender if g is not Gender.UNKNOWN))


@dataclass
class _Person:
    """What the code field currently means: empty, invalid, a new or a returning person."""

    state: str = "empty"  # empty | typing | invalid | new | returning | uncoded
    profile: Profile | None = None
    last: Contact | None = None  # the person's last contact, for "Last seen …"
    problem: BaseException | None = None  # why the code cannot be used; told via describe()


class ContactEntryPage(WorkspacePage):
    """G3: the code, who the person is, what was given, referrals, a note; save and go on."""

    key = "contact"

    contact_saved = Signal(str)
    contact_undone = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._person = _Person()
        self._profile_prefilled: str | None = None
        self._quantities: dict[str, int] = dict(DEFAULT_QUANTITIES)
        self._shift_id: str | None = None
        self._time_touched = False
        self._setting_time = False
        self._last_result: SaveResult | None = None
        self._undo_snapshot: dict[str, Any] | None = None
        self._banner: tuple[str, str | None] | None = None  # (kind, alias) for retranslate
        self._destinations: list[VocabularyEntry] = []
        self._referrals: list[ReferralRow] = []
        self._zones: list[VocabularyEntry] = []
        self._channels: list[VocabularyEntry] = []
        self._languages: list[VocabularyEntry] = []
        self._regions: list[VocabularyEntry] = []
        self._entries: dict[int, list[VocabularyEntry | None]] = {}
        self._shift: Shift | None = None

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.look_up(final=False))
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_MS)
        self.undo_timer.timeout.connect(self._undo_expired)
        # Keeps the shown time current while nobody has changed it (the save uses now anyway).
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

        self._build()
        self._build_shortcuts()
        self.reload()
        self.retranslate()
        self.clear_form()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        # Header: title, and when/how/where, which stay from one person to the next.
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.shift_label = QLabel()
        self.shift_label.setProperty("role", "subtitle")
        self.time_label = QLabel()
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.timeChanged.connect(self._time_edited)
        self.time_label.setBuddy(self.time)
        self.channel_label = QLabel()
        self.channel = QComboBox()
        self.channel_label.setBuddy(self.channel)
        self.zone_label = QLabel()
        self.zone = QComboBox()
        self.zone_label.setBuddy(self.zone)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.shift_label)
        header.addLayout(titles, 1)
        for label, field in (
            (self.time_label, self.time),
            (self.channel_label, self.channel),
            (self.zone_label, self.zone),
        ):
            header.addSpacing(8)
            header.addWidget(label)
            header.addWidget(field)

        # The banner after a save: what was saved, and a short undo.
        self.banner = QFrame()
        self.banner_text = QLabel()
        self.banner_text.setProperty("role", "subtitle")
        self.banner_text.setWordWrap(True)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(10, 4, 6, 4)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.undo_button)

        # Person: the code, or no code; who they are.
        self.person_card = QFrame()
        self.person_card.setProperty("role", "card")
        self.code_label = QLabel()
        self.code = QLineEdit()
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
        self.code.installEventFilter(self)
        self.code_label.setBuddy(self.code)
        self.no_code = QCheckBox()
        self.no_code.toggled.connect(self._no_code_toggled)
        self.person_name = QLabel()
        self.person_name.setTextFormat(Qt.TextFormat.PlainText)
        self.person_detail = QLabel()
        self.person_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.person_detail.setWordWrap(True)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_label)
        code_row.addWidget(self.code)
        code_row.addWidget(self.no_code)
        code_row.addSpacing(12)
        who_box = QWidget()
        # Room for two lines always, so the form does not jump when a person is found.
        who_box.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        who = QVBoxLayout(who_box)
        who.setContentsMargins(0, 0, 0, 0)
        who.setSpacing(0)
        who.addStretch(1)
        who.addWidget(self.person_name)
        who.addWidget(self.person_detail)
        who.addStretch(1)
        code_row.addWidget(who_box, 1)

        self.age_label, self.age = QLabel(), QComboBox()
        self.gender_label, self.gender = QLabel(), QComboBox()
        self.language_label, self.language = QLabel(), QComboBox()
        self.region_label, self.region = QLabel(), QComboBox()
        attributes = QHBoxLayout()
        for label, combo in (
            (self.age_label, self.age),
            (self.gender_label, self.gender),
            (self.language_label, self.language),
            (self.region_label, self.region),
        ):
            label.setBuddy(combo)
            label.setProperty("role", "subtitle")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            attributes.addWidget(label)
            attributes.addWidget(combo)
            attributes.addSpacing(8)
        attributes.addStretch(1)
        for band in AGE_BANDS:
            self.age.addItem("", band.value)
        for gender in GENDERS:
            self.gender.addItem("", gender.value)
        self.age.currentIndexChanged.connect(self._age_changed)

        self.safeguard = QFrame()
        self.safeguard.setProperty("role", "card")
        self.safeguard_title = QLabel()
        self.safeguard_title.setProperty("role", "warning")
        self.safeguard_text = QLabel()
        self.safeguard_text.setWordWrap(True)
        self.safeguard_check = QCheckBox()
        self.safeguard_check.toggled.connect(lambda _checked: self._hide_error())
        guard = QVBoxLayout(self.safeguard)
        guard.setSpacing(4)
        guard.addWidget(self.safeguard_title)
        guard.addWidget(self.safeguard_text)
        guard.addWidget(self.safeguard_check)
        self.safeguard.hide()

        person = QVBoxLayout(self.person_card)
        person.addLayout(code_row)
        person.addLayout(attributes)
        person.addWidget(self.safeguard)

        # Services: a grid of toggles, digits 1–9 and 0 for the first ten.
        self.services_label = QLabel()
        self.services_label.setProperty("role", "subtitle")
        self.services_box = ServicesGrid()

        # Referrals.
        self.referrals_label = QLabel()
        self.referrals_label.setProperty("role", "subtitle")
        self.add_referral = QPushButton()
        self.add_referral.clicked.connect(lambda: self.add_referral_row())
        self.referrals_box = QVBoxLayout()
        self.referrals_box.setContentsMargins(0, 0, 0, 0)
        referral_head = QHBoxLayout()
        referral_head.addWidget(self.referrals_label)
        referral_head.addSpacing(8)
        referral_head.addWidget(self.add_referral)
        referral_head.addStretch(1)

        # Note, and the PII guard that may stop it.
        self.note_label = QLabel()
        self.note_label.setProperty("role", "subtitle")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.note.installEventFilter(self)
        self.note_label.setBuddy(self.note)
        self.pii = ConfirmRow()
        self.pii.confirmed.connect(lambda: self.save(confirm_pii=True))
        self.pii.cancelled.connect(self._edit_note)
        self.pii_text, self.edit_note, self.save_anyway = self.pii.text, self.pii.back, self.pii.on

        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self._clear_clicked)
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(lambda: self.save())
        footer = QHBoxLayout()
        footer.addWidget(self.error, 1)
        footer.addStretch(0)
        footer.addWidget(self.clear_button)
        footer.addWidget(self.save_button)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 4, 0)
        inner.addWidget(self.person_card)
        inner.addSpacing(4)
        inner.addWidget(self.services_label)
        inner.addWidget(self.services_box)
        inner.addSpacing(4)
        inner.addLayout(referral_head)
        inner.addLayout(self.referrals_box)
        inner.addSpacing(4)
        inner.addWidget(self.note_label)
        inner.addWidget(self.note)
        inner.addWidget(attach_counter(self.note, limits.FREE_TEXT))
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        outer = QVBoxLayout(self)
        outer.addLayout(header)
        outer.addWidget(self.banner)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.pii)
        outer.addLayout(footer)

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        save = QShortcut(self)
        save.setKeys([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.setContext(context)
        save.activated.connect(lambda: self.save())
        self.undo_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        self.undo_shortcut.setContext(context)
        self.undo_shortcut.activated.connect(self.undo)
        self.undo_shortcut.setEnabled(False)
        # Text fields take digits for themselves (Qt's shortcut override), so these act only
        # when the focus is on a toggle, a button or a list.
        self._digit_shortcuts = []
        for index, digit in enumerate(DIGITS):
            shortcut = QShortcut(self)
            shortcut.setKeys([QKeySequence(digit), QKeySequence(f"Num+{digit}")])
            shortcut.setContext(context)
            shortcut.activated.connect(lambda i=index: self.toggle_service(i))
            self._digit_shortcuts.append(shortcut)

    # -- vocabularies and shift ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the lists and the running shift from the vault; keeps what is typed."""
        store = self.services.store

        def active(kind: VocabularyKind) -> list[VocabularyEntry]:
            return sorted(
                (e for e in store.vocabulary(kind) if not e.retired), key=lambda e: (e.sort, e.slug)
            )

        services = active(VocabularyKind.SERVICE)
        if services != self.services_box.services:
            self.services_box.rebuild(services, self._quantities)
            self._label_services()
            self._fix_tab_order()
        self._destinations = active(VocabularyKind.DESTINATION)  # rows made from now on
        first_load = not self._channels
        self._channels = active(VocabularyKind.CHANNEL)
        self._zones = active(VocabularyKind.ZONE)
        self._languages = active(VocabularyKind.LANGUAGE)
        self._regions = active(VocabularyKind.ORIGIN_REGION)
        self._fill(self.channel, [(e.slug, e) for e in self._channels])
        self._fill(self.zone, [(None, None)] + [(e.slug, e) for e in self._zones])
        self._fill(self.language, [(None, None)] + [(e.slug, e) for e in self._languages])
        regions: list[tuple[str | None, VocabularyEntry | None]] = [
            (e.slug, e) for e in self._regions
        ]
        if not any(e.slug == "unknown" for e in self._regions):
            regions.insert(0, (None, None))
        self._fill(self.region, regions)

        shift = store.open_shift()
        shift_id = shift.id if shift else None
        if shift_id != self._shift_id:
            self._shift_id = shift_id
            if shift is not None and shift.zones:
                select_data(self.zone, shift.zones[0])
        if first_load and not select_data(self.channel, "street"):
            self.channel.setCurrentIndex(0)
        self._shift = shift

    def _fill(
        self, combo: QComboBox, items: list[tuple[str | None, VocabularyEntry | None]]
    ) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for slug, _entry in items:
            combo.addItem("", slug)
        self._entries[id(combo)] = [entry for _slug, entry in items]
        if not select_data(combo, current):
            combo.setCurrentIndex(0)
        combo.blockSignals(False)
        self._label_combo(combo)

    def _label_combo(self, combo: QComboBox) -> None:
        lang = self.context.language
        entries = self._entries.get(id(combo), [])
        for index, entry in enumerate(entries):
            combo.setItemText(index, entry.label(lang) if entry else self._none_label(combo))
        combo.updateGeometry()

    def _none_label(self, combo: QComboBox) -> str:
        if combo is self.zone:
            return self.tr("No zone")
        return enums.label(Gender.UNKNOWN, self.context.language)  # the lists' own "unknown"

    @property
    def _toggles(self) -> list[ServiceToggle]:
        return self.services_box.toggles

    @property
    def _spins(self) -> dict[str, QSpinBox]:
        return self.services_box.spins

    def _label_services(self) -> None:
        self.services_box.label(self.context.language)

    def _spin_value(self, slug: str) -> int | None:
        return self.services_box.spin_value(slug)

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.code,
            self.no_code,
            self.age,
            self.gender,
            self.language,
            self.region,
            self.safeguard_check,
        ]
        for toggle in self._toggles:
            chain.append(toggle)
            if toggle.slug in self._spins:
                chain.append(self._spins[toggle.slug])
        chain.append(self.add_referral)
        for row in self._referrals:
            chain += [row.destination, row.status, row.check, row.check_due, row.remove]
        chain += [
            self.note,
            self.edit_note,
            self.save_anyway,
            self.clear_button,
            self.save_button,
            self.undo_button,
            self.time,
            self.channel,
            self.zone,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- the page contract ----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("New contact")

    def refresh(self) -> None:
        try:
            self.reload()
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self._show_error(describe(exc))
        if not self._time_touched:
            self._set_time_now()
        self._show_shift()
        self._focus_start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.code.isEnabled() and not self._has_input():
            QTimer.singleShot(0, self, self._focus_start)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("New contact"))
        self.time_label.setText(self.tr("&Time"))
        self.channel_label.setText(self.tr("Ch&annel"))
        self.zone_label.setText(self.tr("&Zone"))
        self.time.setAccessibleName(self.tr("Time of the contact"))
        self.time.setToolTip(self.tr("Change it to record a contact from earlier tonight"))
        self.channel.setAccessibleName(self.tr("Channel"))
        self.zone.setAccessibleName(self.tr("Zone"))
        self.code_label.setText(self.tr("&Code"))
        self.code.setPlaceholderText(self.tr("The person's code"))
        self.code.setAccessibleName(self.tr("The person's code"))
        self.no_code.setText(self.tr("&No code"))
        self.no_code.setAccessibleName(self.tr("Contact without a code"))
        self.no_code.setToolTip(
            self.tr("Alt+N: an uncoded contact is counted, never made a person")
        )
        self.age_label.setText(self.tr("Age &band"))
        self.gender_label.setText(self.tr("&Gender"))
        self.language_label.setText(self.tr("&Language"))
        self.region_label.setText(self.tr("Or&igin region"))
        self.age.setAccessibleName(self.tr("Age band"))
        self.gender.setAccessibleName(self.tr("Gender"))
        self.language.setAccessibleName(self.tr("Language"))
        self.region.setAccessibleName(self.tr("Origin region"))
        lang = self.context.language
        for index, band in enumerate(AGE_BANDS):
            self.age.setItemText(index, enums.label(band, lang))
        for index, gender in enumerate(GENDERS):
            self.gender.setItemText(index, enums.label(gender, lang))
        for combo in (self.channel, self.zone, self.language, self.region):
            self._label_combo(combo)
        self.safeguard_title.setText(self.tr("Under 18 — safeguarding"))
        self.safeguard_text.setText(
            self.tr(
                "The team has a duty to notify the municipality (underretning) when a child may "
                "be at risk. Follow the safeguarding procedure tonight and talk to the "
                "coordinator on duty."
            )
        )
        self.safeguard_check.setText(self.tr("I &will follow the safeguarding procedure"))
        self.safeguard_check.setAccessibleName(self.tr("I will follow the safeguarding procedure"))
        self.services_label.setText(self.tr("&Services — keys 1–9 and 0 switch the first ten"))
        if self._toggles:
            self.services_label.setBuddy(self._toggles[0])
        self._label_services()
        self.referrals_label.setText(self.tr("Referrals"))
        self.add_referral.setText(self.tr("Add &referral"))
        self.add_referral.setAccessibleName(self.tr("Add a referral"))
        for row in self._referrals:
            row.retranslate()
        self.note_label.setText(self.tr("N&ote (optional — no names, numbers or addresses)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.pii.set_texts(
            self.tr("E&dit note"),
            self.tr("Save an&yway"),
            self.tr("Edit the note"),
            self.tr("Save the note as it is"),
        )
        self.clear_button.setText(self.tr("Cl&ear"))
        self.clear_button.setAccessibleName(self.tr("Clear the form without saving"))
        self.save_button.setText(self.tr("Save  (Ctrl+Enter)"))
        self.banner.setMinimumHeight(self.undo_button.sizeHint().height() + 10)
        self.save_button.setAccessibleName(self.tr("Save the contact"))
        self.undo_button.setText(self.tr("&Undo  (Ctrl+Z)"))
        self.undo_button.setAccessibleName(self.tr("Undo the last save"))
        self._show_shift()
        self._show_person()
        self._show_banner()
        self._fix_tab_order()

    # -- the code and the person --------------------------------------------------------------

    def _code_edited(self, _text: str) -> None:
        self._hide_error()
        self._debounce.start()
        if not self.code.text().strip():
            self._set_person(_Person())

    def _code_entered(self) -> None:
        self.look_up(final=True)
        if self._person.state in ("new", "returning"):
            self._focus_services()

    def look_up(self, *, final: bool) -> _Person:
        """Tell who the code belongs to. While typing, a too-short code is not an error yet."""
        self._debounce.stop()
        if self.no_code.isChecked():
            return self._set_person(_Person("uncoded"))
        text = self.code.text()
        if not text.strip():
            return self._set_person(_Person())
        try:
            normalise_code(text)
        except CodeError as exc:
            if exc.reason == "too-short" and not final:
                return self._set_person(_Person("typing"))
            return self._set_person(_Person("invalid", problem=exc))
        try:
            profile = self.services.find_by_code(text)
            last = self.services.store.last_contact(profile.id) if profile else None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            return self._set_person(_Person("invalid", problem=exc))
        if profile is None:
            return self._set_person(_Person("new"))
        return self._set_person(_Person("returning", profile, last))

    def _summary(self, last: Contact | None) -> str:
        if last is None:
            return self.tr("No contacts recorded yet")
        now = self.context.now()
        locale = QLocale(
            QLocale.Language.Danish
            if enums.is_danish(self.context.language)
            else QLocale.Language.English,
            QLocale.Country.Denmark,
        )
        if last.time.date() == now.date():
            when = self.tr("today at %1").replace("%1", last.time.strftime("%H:%M"))
        else:
            pattern = "d. MMM" if enums.is_danish(self.context.language) else "d MMM"
            if last.time.year != now.year:
                pattern += " yyyy"
            moment = last.time
            when = locale.toString(QDate(moment.year, moment.month, moment.day), pattern)
        count = len(last.services)
        return self.tr("Last seen %1, %n services", None, count).replace("%1", when)

    def _set_person(self, person: _Person) -> _Person:
        self._person = person
        profile_id = person.profile.id if person.profile else None
        if profile_id != self._profile_prefilled:
            if person.profile is not None:
                self._prefill(person.profile, person.last)
            elif self._profile_prefilled is not None:
                self._reset_attributes()
            self._profile_prefilled = profile_id
        self._show_person()
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

    def _reset_attributes(self) -> None:
        self.age.setCurrentIndex(self.age.findData(AgeBand.UNKNOWN.value))
        self.gender.setCurrentIndex(self.gender.findData(Gender.UNKNOWN.value))
        self.language.setCurrentIndex(0)
        if not select_data(self.region, "unknown"):
            self.region.setCurrentIndex(0)

    def _show_person(self) -> None:
        person = self._person
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
        _set_role(self.person_name, role)
        self.person_detail.setText(detail)
        self.code.setAccessibleDescription(" ".join(t for t in (name, detail) if t))
        _set_role(self.person_detail, "error" if person.state == "invalid" else "subtitle")
        self.region.setEnabled(person.state != "uncoded")
        self.region_label.setEnabled(person.state != "uncoded")

    def _no_code_toggled(self, checked: bool) -> None:
        self._hide_error()
        self.code.setText("")
        self.code.setEnabled(not checked)
        for row in self._referrals:
            row.set_coded(not checked)
        if checked:
            self._set_person(_Person("uncoded"))
            self._focus_services()
        else:
            self._set_person(_Person())
            self.code.setFocus()

    # -- attributes, services, referrals ----------------------------------------------------

    def _minor(self) -> bool:
        return bool(self.age.currentData() == AgeBand.UNDER_18.value)

    def _age_changed(self, _index: int) -> None:
        minor = self._minor()
        if not minor:
            self.safeguard_check.setChecked(False)
        self.safeguard.setVisible(minor)

    def toggle_service(self, index: int) -> None:
        if 0 <= index < len(self._toggles):
            self._toggles[index].toggle()

    def _focus_start(self) -> None:
        if self.code.isEnabled():
            self.code.setFocus()
        else:
            self._focus_services()

    def _focus_services(self) -> None:
        if self._toggles:
            self._toggles[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def add_referral_row(self, value: dict[str, str] | None = None) -> ReferralRow:
        row = ReferralRow(self.context, self._destinations)
        row.remove_requested.connect(self._remove_referral)
        if value:
            row.set_value(value)
        row.set_coded(not self.no_code.isChecked())
        self._referrals.append(row)
        self.referrals_box.addWidget(row)
        self._fix_tab_order()
        if value is None:
            row.destination.setFocus()
        return row

    def _remove_referral(self, row: QWidget) -> None:
        if isinstance(row, ReferralRow) and row in self._referrals:
            index = self._referrals.index(row)
            self._referrals.remove(row)
            self.referrals_box.removeWidget(row)
            row.hide()
            row.deleteLater()
            self._fix_tab_order()
            if self._referrals:
                self._referrals[min(index, len(self._referrals) - 1)].destination.setFocus()
            else:
                self.add_referral.setFocus()

    # -- time -------------------------------------------------------------------------------

    def _set_time_now(self) -> None:
        now = self.context.now()
        self._setting_time = True
        self.time.setTime(QTime(now.hour, now.minute))
        self._setting_time = False
        self._time_touched = False

    def _tick(self) -> None:
        if not self._time_touched:
            self._set_time_now()

    def _time_edited(self, _time: QTime) -> None:
        if not self._setting_time:
            self._time_touched = True

    def contact_time(self) -> datetime:
        """Now, or the time typed in for a contact earlier tonight (never in the future)."""
        now = self.context.now()
        if not self._time_touched:
            return now
        chosen = self.time.time()
        moment = now.replace(hour=chosen.hour(), minute=chosen.minute(), second=0, microsecond=0)
        if moment > now:
            moment -= timedelta(days=1)
        return moment

    # -- saving -----------------------------------------------------------------------------

    def _entry(self) -> ContactInput:
        coded = not self.no_code.isChecked()
        services = []
        for toggle in self._toggles:
            if toggle.isChecked():
                quantity = self._spin_value(toggle.slug) or 1
                services.append(ServiceGiven(toggle.slug, quantity))
        age = self.age.currentData()
        gender = self.gender.currentData()
        return ContactInput(
            time=self.contact_time(),
            zone=self.zone.currentData(),
            channel=self.channel.currentData(),
            code=self.code.text() if coded else None,
            age_band=None if age == AgeBand.UNKNOWN.value else age,
            gender=None if gender == Gender.UNKNOWN.value else gender,
            language=self.language.currentData(),
            origin_region=self.region.currentData() if coded else None,
            services=tuple(services),
            referrals=tuple(r.referral() for r in self._referrals),
            note=self.note.toPlainText() or None,
        )

    def save(self, *, confirm_pii: bool = False) -> SaveResult | None:
        """Save the form; on success show the banner, offer undo and clear for the next person."""
        self._hide_error()
        if not self.no_code.isChecked():
            if not self.code.text().strip():
                self._show_error(self.tr("Type the person's code, or choose No code (Alt+N)."))
                self.code.setFocus()
                return None
            if self.look_up(final=True).state == "invalid":
                self._show_error(self.person_detail.text())
                self.code.setFocus()
                return None
        if self._minor() and not self.safeguard_check.isChecked():
            self._show_error(
                self.tr(
                    "Under 18: confirm that you will follow the safeguarding procedure "
                    "before saving."
                )
            )
            self.safeguard_check.setFocus()
            return None
        snapshot = self.draft()
        if snapshot is not None:
            snapshot["code"] = self.code.text()  # in memory only, for the short undo
        try:
            entry = self._entry()
            result = self.services.save_contact(entry, confirm_pii=confirm_pii)
        except PiiWarning as exc:
            self.pii.ask(describe(exc), focus_on=True)
            QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.note))
            return None
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self._show_error(describe(exc))
            return None
        log.info("contact saved")
        for given in entry.services:
            if given.service in self._spins:
                self._quantities[given.service] = given.quantity
        self._last_result = result
        self._undo_snapshot = snapshot
        if result.profile_id is None:
            self._banner = ("uncoded", None)
        else:
            self._banner = ("new" if result.new_profile else "returning", result.alias)
        self._show_banner()
        self.undo_button.show()
        self.undo_shortcut.setEnabled(True)
        self.undo_timer.start()
        self.clear_form()
        self.contact_saved.emit(result.contact_id)
        return result

    def undo(self) -> None:
        """Take back the contact just saved; if the form is still empty, put it back there."""
        result, snapshot = self._last_result, self._undo_snapshot
        if result is None:
            return
        self._end_undo_offer()
        try:
            self.services.undo_contact(result)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            self._show_error(describe(exc))
            return
        log.info("contact undone")
        if snapshot is not None and not self._has_input():
            self.restore_draft(snapshot)
            self._banner = ("undone-back", None)
        else:
            self._banner = ("undone", None)
        self._show_banner()
        self.contact_undone.emit(result.contact_id)

    def _undo_expired(self) -> None:
        self._end_undo_offer()

    def _end_undo_offer(self) -> None:
        self.undo_timer.stop()
        self.undo_button.hide()
        self.undo_shortcut.setEnabled(False)
        self._last_result = None
        self._undo_snapshot = None

    def _show_banner(self) -> None:
        banner = self._banner
        _set_role(self.banner, "card" if banner is not None else "")
        if banner is None:
            self.banner_text.setText(
                self.tr("Ctrl+Enter saves from anywhere; Ctrl+Z takes the last save back.")
            )
            _set_role(self.banner_text, "subtitle")
            return
        kind, alias = banner
        shown = alias_label(alias, self.context.language) if alias else ""
        texts = {
            "new": self.tr("Saved — %1 (new person)").replace("%1", shown),
            "returning": self.tr("Saved — %1").replace("%1", shown),
            "uncoded": self.tr("Saved — contact without code"),
            "undone": self.tr("Undone — that contact was taken back."),
            "undone-back": self.tr(
                "Undone — the entry is back in the form. Change it and save again, or clear it."
            ),
        }
        self.banner_text.setText(texts[kind])
        _set_role(self.banner_text, "ok" if kind in ("new", "returning", "uncoded") else "warning")

    def _edit_note(self) -> None:
        self.pii.hide()
        self.note.setFocus()
        cursor = self.note.textCursor()
        cursor.clearSelection()
        self.note.setTextCursor(cursor)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setAccessibleDescription(text)
        self.error.show()

    def _hide_error(self) -> None:
        self.error.hide()
        self.error.setText("")

    def _show_shift(self) -> None:
        shift = self._shift
        if shift is None:
            self.shift_label.setText(
                self.tr(
                    "No shift is running; contacts are saved without "
                    "one. Start the shift on Tonight."
                )
            )
        else:
            self.shift_label.setText(
                self.tr("Shift: %1, since %2")
                .replace("%1", shift.team)
                .replace("%2", shift.started_at.strftime("%H:%M"))
            )

    # -- clearing, drafts ---------------------------------------------------------------------

    def _clear_clicked(self) -> None:
        self.clear_form()

    def clear_form(self) -> None:
        """Ready for the next person: code focused, nothing ticked; time, channel, zone kept."""
        self._debounce.stop()
        self._hide_error()
        self.pii.hide()
        self.pii_text.setText("")
        self.no_code.blockSignals(True)
        self.no_code.setChecked(False)
        self.no_code.blockSignals(False)
        self.code.setEnabled(True)
        self.code.setText("")  # setText, unlike clear(), also forgets the undo history
        self._profile_prefilled = None
        self._set_person(_Person())
        self._reset_attributes()
        self.safeguard_check.setChecked(False)
        for toggle in self._toggles:
            toggle.setChecked(False)
        for slug, spin in self._spins.items():
            spin.setValue(self._quantities.get(slug, 1))
        for row in list(self._referrals):
            self._referrals.remove(row)
            self.referrals_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.note.setPlainText("")  # also forgets the undo history
        self._set_time_now()
        self._fix_tab_order()
        self.code.setFocus()

    def _has_input(self) -> bool:
        return (
            bool(self.code.text())
            or self.no_code.isChecked()
            or self._time_touched
            or self.age.currentData() != AgeBand.UNKNOWN.value
            or self.gender.currentData() != Gender.UNKNOWN.value
            or self.language.currentData() is not None
            or self.region.currentData() not in (None, "unknown")
            or any(t.isChecked() for t in self._toggles)
            or bool(self._referrals)
            or bool(self.note.toPlainText())
        )

    def draft(self) -> dict[str, Any] | None:
        if not self._has_input():
            return None
        return {
            "version": DRAFT_VERSION,
            # P1: the code itself is never stored, not even in an encrypted draft.
            "had_code": bool(self.code.text().strip()),
            "no_code": self.no_code.isChecked(),
            "age_band": self.age.currentData(),
            "gender": self.gender.currentData(),
            "language": self.language.currentData(),
            "origin_region": self.region.currentData(),
            "channel": self.channel.currentData(),
            "zone": self.zone.currentData(),
            "services": {
                t.slug: self._spin_value(t.slug) or 1 for t in self._toggles if t.isChecked()
            },
            "referrals": [r.value() for r in self._referrals],
            "note": self.note.toPlainText(),
            "time": self.time.time().toString("HH:mm") if self._time_touched else None,
            "safeguarding": self.safeguard_check.isChecked(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.clear_form()
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
            _set_role(self.person_detail, "warning")
        select_data(self.age, draft.get("age_band"))
        select_data(self.gender, draft.get("gender"))
        select_data(self.language, draft.get("language"))
        select_data(self.region, draft.get("origin_region"))
        select_data(self.channel, draft.get("channel"))
        select_data(self.zone, draft.get("zone"))
        self.safeguard_check.setChecked(bool(draft.get("safeguarding")))
        given = dict(draft.get("services") or {})
        for toggle in self._toggles:
            if toggle.slug in given:
                toggle.setChecked(True)
                spin = self._spins.get(toggle.slug)
                if spin is not None:
                    spin.setValue(int(given[toggle.slug]))
        for value in draft.get("referrals") or []:
            self.add_referral_row(dict(value))
        self.note.setPlainText(str(draft.get("note") or ""))
        if draft.get("time"):
            chosen = QTime.fromString(str(draft["time"]), "HH:mm")
            if chosen.isValid():
                self.time.setTime(chosen)
                self._time_touched = True
        self._focus_start()

    # -- keys ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            if watched is self.code and (
                event.matches(QKeySequence.StandardKey.Copy)
                or event.matches(QKeySequence.StandardKey.Cut)
            ):
                return True  # a code never goes to the clipboard
            if (
                kind == QEvent.Type.ShortcutOverride
                and event.matches(QKeySequence.StandardKey.Undo)
                and self._last_result is not None
                and not self._own_undo(watched)
            ):
                return True  # not taken by the field: Ctrl+Z reaches the undo of the save
        return super().eventFilter(watched, event)

    def _own_undo(self, watched: QObject) -> bool:
        if watched is self.code:
            return self.code.isUndoAvailable()
        if watched is self.note:
            return self.note.document().isUndoAvailable()
        return False
