"""People (G4): find a person by the code they chose or by alias; see and flag them.

The code is only ever passed to `Services.find_by_code` (which hashes it) and the field is
cleared straight after, so it is never shown, kept or stored. Aliases are shown in the UI
language ("Heron-42" / "Hejre-42") and may be searched in either.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QDate,
    QLocale,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from redvan.core.codes import CodeError, alias_label
from redvan.core.enums import AgeBand, Gender
from redvan.core.model import Profile, Programme
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.messages import describe
from redvan.gui.profiles.models import (
    ResultDelegate,
    ResultsModel,
    TimelineModel,
    alias_patterns,
    enum_label,
    vocab_label,
)
from redvan.gui.widgets.contact_correction import RowCorrection
from redvan.gui.widgets.dates import format_date, format_date_time, locale_for
from redvan.gui.widgets.roles import set_role
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.text import scale_font
from redvan.gui.workspace import Context, WorkspacePage

log = logging.getLogger(__name__)


# -- the page ---------------------------------------------------------------------------------


class ProfilesPage(WorkspacePage):
    """Find a person, see their timeline, set their flags and programme inclusion."""

    key = "profiles"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.profile: Profile | None = None
        self._labels: dict[tuple[VocabularyKind, str], VocabularyEntry] = {}
        self._loading = False
        self._consent_timer = QTimer(self)
        self._consent_timer.setSingleShot(True)
        self._consent_timer.setInterval(500)
        self._consent_timer.timeout.connect(self._save_consent)

        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.intro = QLabel()
        self.intro.setProperty("role", "subtitle")
        self.intro.setWordWrap(True)

        # finding
        self.code = QLineEdit()
        self.code.setMaxLength(64)
        self.code.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        # Shown while typed, masked otherwise; no copy, no context menu: it never leaves here.
        self.code.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.code.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code.returnPressed.connect(self.find_code)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        self.find_button = QPushButton()
        self.find_button.clicked.connect(self.find_code)
        self.alias = QLineEdit()
        self.alias.setClearButtonEnabled(True)
        self.alias.setMaxLength(40)
        self.alias.textChanged.connect(self._alias_changed)
        self.alias.returnPressed.connect(self.open_first)
        self.alias_label = QLabel()
        self.alias_label.setBuddy(self.alias)
        self.find_message = QLabel()
        self.find_message.setWordWrap(True)
        self.find_message.hide()
        self.list_heading = QLabel()
        self.list_heading.setProperty("role", "subtitle")
        self.results = ResultsModel(context, self)
        self.list = QListView()
        self.list.setModel(self.results)
        self.list.setItemDelegate(ResultDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(lambda index: self.open_row(index.row()))

        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.find_button)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.code_label)
        left.addLayout(code_row)
        left.addSpacing(4)
        left.addWidget(self.alias_label)
        left.addWidget(self.alias)
        left.addWidget(self.find_message)
        left.addSpacing(8)
        left.addWidget(self.list_heading)
        left.addWidget(self.list, 1)
        left_box = QWidget()
        left_box.setLayout(left)
        em = self.fontMetrics().horizontalAdvance("M")
        left_box.setMinimumWidth(em * 20)
        left_box.setMaximumWidth(em * 24)

        # the person
        self.empty = QLabel()
        self.empty.setProperty("role", "subtitle")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = self._build_detail()
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.detail)

        columns = QHBoxLayout()
        columns.addWidget(left_box)
        columns.addSpacing(em)
        columns.addWidget(self.right, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.intro)
        outer.addSpacing(6)
        outer.addLayout(columns, 1)

        search = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        # Window-wide, but only while this page is the one shown (hidden pages' shortcuts sleep).
        search.setContext(Qt.ShortcutContext.WindowShortcut)
        search.activated.connect(self.focus_search)

        self.setTabOrder(self.code, self.find_button)
        self.setTabOrder(self.find_button, self.alias)
        self.setTabOrder(self.alias, self.list)
        self.setTabOrder(self.list, self.exit_support)
        self.setTabOrder(self.exit_support, self.consent)
        self.setTabOrder(self.consent, self.consent_date)
        self.setTabOrder(self.consent_date, self.programme)
        self.setTabOrder(self.programme, self.include)
        self.setTabOrder(self.include, self.timeline_view)
        self.retranslate()

    def _build_detail(self) -> QWidget:
        self.alias_title = QLabel()
        self.alias_title.setProperty("role", "big")
        scale_font(self.alias_title, 1.6)
        self.alias_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detached = QLabel()
        self.detached.setProperty("role", "warning")
        self.detached.setWordWrap(True)

        facts = QFrame()
        facts.setProperty("role", "card")
        self.facts_form = QFormLayout(facts)
        self.facts_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.fact_names = [QLabel() for _ in range(6)]
        self.fact_values = [QLabel() for _ in range(6)]
        for name, value in zip(self.fact_names, self.fact_values, strict=True):
            name.setProperty("role", "subtitle")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.facts_form.addRow(name, value)
        (
            self.first_seen,
            self.last_seen,
            self.age_band,
            self.gender,
            self.languages,
            self.origin,
        ) = self.fact_values

        flags = QFrame()
        flags.setProperty("role", "card")
        self.exit_support = QCheckBox()
        self.exit_support.clicked.connect(self._exit_clicked)
        self.consent = QCheckBox()
        self.consent.clicked.connect(self._consent_clicked)
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.dateChanged.connect(self._consent_date_changed)
        self.consent_date.editingFinished.connect(self._flush_consent)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch()
        self.programme = QComboBox()
        self.programme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.programme_label = QLabel()
        self.programme_label.setBuddy(self.programme)
        self.include = QPushButton()
        self.include.clicked.connect(self.include_in_programme)
        programme_row = QHBoxLayout()
        programme_row.addWidget(self.programme_label)
        programme_row.addWidget(self.programme, 1)
        programme_row.addWidget(self.include)
        self.inclusions = QLabel()
        self.inclusions.setWordWrap(True)
        self.inclusions.setTextFormat(Qt.TextFormat.PlainText)
        self.flag_status = QLabel()
        self.flag_status.setWordWrap(True)
        self.flag_status.hide()
        flags_layout = QVBoxLayout(flags)
        flags_layout.addWidget(self.exit_support)
        flags_layout.addLayout(consent_row)
        flags_layout.addSpacing(4)
        flags_layout.addLayout(programme_row)
        flags_layout.addWidget(self.inclusions)
        flags_layout.addWidget(self.flag_status)
        flags_layout.addStretch()

        cards = QHBoxLayout()
        cards.addWidget(facts, 1)
        cards.addWidget(flags, 1)

        self.timeline = TimelineModel(self)
        self.timeline_view = table_view(self.timeline, precision=TimelineModel.CHUNK)
        # Correct the past: double-click, Enter or right-click a contact (issue 15, item 7).
        self.correction = RowCorrection(
            self.timeline_view, self.context, self.timeline.contact_id, self._corrected
        )
        self.timeline_label = QLabel()
        self.timeline_label.setBuddy(self.timeline_view)
        font = self.timeline_label.font()
        font.setBold(True)
        self.timeline_label.setFont(font)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.alias_title)
        layout.addWidget(self.detached)
        layout.addLayout(cards)
        layout.addSpacing(4)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline_view, 1)
        return page

    # -- texts ----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("People")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("People"))
        self.intro.setText(
            self.tr(
                "Find a person by the code they chose or by their alias. The code is never shown "
                "or kept."
            )
        )
        self.code_label.setText(self.tr("Find by &code"))
        self.code.setPlaceholderText(self.tr("The code the person chose"))
        self.code.setAccessibleName(self.tr("Person code"))
        self.find_button.setText(self.tr("Fi&nd"))
        self.find_button.setAccessibleName(self.tr("Find by code"))
        self.alias_label.setText(self.tr("…or by &alias (Ctrl+F)"))
        self.alias.setPlaceholderText(self.tr("Heron-42 or Hejre-42"))
        self.alias.setAccessibleName(self.tr("Search by alias"))
        self.list.setAccessibleName(self.tr("People found"))
        self.empty.setText(
            self.tr("Choose a person to see their contacts, referrals and follow-ups.")
        )
        for name, text in zip(
            self.fact_names,
            (
                self.tr("First seen"),
                self.tr("Last seen"),
                self.tr("Age band"),
                self.tr("Gender"),
                self.tr("Languages"),
                self.tr("Origin region"),
            ),
            strict=True,
        ):
            name.setText(text)
        self.detached.setText(
            self.tr(
                "Detached by retention: this person's code was removed after the retention period, "
                "so the code no longer finds them. Their contacts still count."
            )
        )
        self.exit_support.setText(self.tr("Wants &exit support"))
        self.exit_support.setAccessibleName(self.tr("Wants exit support"))
        self.consent.setText(self.tr("Agrees to &follow-up since"))
        self.consent.setAccessibleName(self.tr("Agrees to follow-up"))
        self.consent_date.setAccessibleName(self.tr("Date of agreeing to follow-up"))
        self.programme_label.setText(self.tr("&Programme"))
        self.programme.setAccessibleName(self.tr("Programme"))
        self.include.setText(self.tr("&Include"))
        self.include.setAccessibleName(self.tr("Include in the programme from today"))
        self.timeline_label.setText(self.tr("&Timeline"))
        self.timeline_view.setAccessibleName(
            self.tr("Timeline of contacts, referrals and follow-ups")
        )
        self.results.refresh_language()
        self._update_list_heading()
        if self.profile is not None:
            self._show_profile(self.profile.id)

    # -- finding --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_labels()
        if self.results.by_code:
            # the one person found by code stays; reload their data
            found = self.results.profile(0)
            self.results.show_only(self.services.store.profile_by_id(found.id) if found else None)
        else:
            self.results.search(self.alias.text())
        self._update_list_heading(by_code=self.results.by_code)
        if self.profile is not None:
            self._show_profile(self.profile.id)

    def focus_search(self) -> None:
        self.alias.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.alias.selectAll()

    def find_code(self) -> None:
        """Look a person up by their code; the field is cleared whatever the outcome."""
        code = self.code.text()
        self.code.clear()
        if not code.strip():
            self._say_find(self.tr("Type the person's code first."), "error")
            self.code.setFocus()
            return
        try:
            profile = self.services.find_by_code(code)
        except CodeError as exc:
            self._say_find(describe(exc), "error")
            self.code.setFocus()
            return
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            log.warning("lookup by code failed: %s", type(exc).__name__)
            self._say_find(describe(exc), "error")
            return
        if profile is None:
            self._say_find(self.tr("No person with this code."), "warning")
            self.code.setFocus()
            return
        self.find_message.hide()
        self.alias.blockSignals(True)
        self.alias.clear()
        self.alias.blockSignals(False)
        self.results.show_only(profile)
        self._update_list_heading(by_code=True)
        self.list.setCurrentIndex(self.results.index(0))
        self.list.setFocus()
        self._show_profile(profile.id)

    def _alias_changed(self, text: str) -> None:
        self.results.search(text)
        if alias_patterns(text) is None or (text.strip() and not self.results.profiles):
            self._say_find(self.tr("No person has an alias that starts like that."), "subtitle")
        else:
            self.find_message.hide()
        self._update_list_heading()

    def _update_list_heading(self, *, by_code: bool = False) -> None:
        self.list_heading.show()
        if by_code:
            self.list_heading.setText(self.tr("Found by code"))
        elif self.alias.text().strip():
            count = self.results.rowCount()
            self.list_heading.setVisible(count > 0)
            if self.results.canFetchMore():
                self.list_heading.setText(self.tr("Found: %n or more", None, count))
            else:
                self.list_heading.setText(self.tr("Found: %n", None, count))
        else:
            self.list_heading.setText(self.tr("Recently seen"))

    def open_first(self) -> None:
        if self.results.rowCount() == 0:
            return
        self.list.setCurrentIndex(self.results.index(0))
        self.open_row(0)
        self.list.setFocus()

    def open_row(self, row: int) -> None:
        profile = self.results.profile(row)
        if profile is not None:
            self._show_profile(profile.id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_row(current.row())

    def _say_find(self, text: str, role: str) -> None:
        set_role(self.find_message, role)
        self.find_message.setText(text)
        self.find_message.show()

    # -- one person -----------------------------------------------------------------------

    def _load_labels(self) -> None:
        self._labels = {(e.kind, e.slug): e for e in self.services.store.vocabulary()}

    def _corrected(self) -> None:
        """A contact was corrected or voided: the person's facts and timeline follow."""
        if self.profile is not None and self.context.session.services is not None:
            self._show_profile(self.profile.id)

    def _show_profile(self, profile_id: str) -> None:
        if not self._labels:
            self._load_labels()
        self._flush_consent()
        store = self.services.store
        profile = store.profile_by_id(profile_id)
        if profile is None:
            self.profile = None
            self.timeline.clear()
            self.right.setCurrentWidget(self.empty)
            return
        switched = self.profile is None or self.profile.id != profile.id
        self.profile = profile
        lang = self.context.language
        today = self.context.now().date()
        self._loading = True
        try:
            self.alias_title.setText(alias_label(profile.alias, lang))
            self.detached.setVisible(profile.detached)
            never = self.tr("Not seen yet")
            self.first_seen.setText(
                format_date_time(profile.first_seen, lang) if profile.first_seen else never
            )
            self.last_seen.setText(
                format_date_time(profile.last_seen, lang) if profile.last_seen else never
            )
            self.age_band.setText(enum_label(AgeBand, profile.age_band, lang))
            self.gender.setText(enum_label(Gender, profile.gender, lang))
            languages = [
                vocab_label(self._labels, VocabularyKind.LANGUAGE, slug, lang)
                for slug in profile.languages
            ]
            self.languages.setText(", ".join(sorted(languages)) or self.tr("Not recorded"))
            self.origin.setText(
                vocab_label(self._labels, VocabularyKind.ORIGIN_REGION, profile.origin_region, lang)
            )
            self.exit_support.setChecked(profile.wants_exit_support)
            self.consent.setChecked(profile.followup_consent is not None)
            self.consent_date.setMaximumDate(QDate(today.year, today.month, today.day))
            consent = profile.followup_consent or today
            self.consent_date.setDate(QDate(consent.year, consent.month, consent.day))
            self.consent_date.setEnabled(profile.followup_consent is not None)
            self.consent_date.setDisplayFormat(
                locale_for(lang).dateFormat(QLocale.FormatType.ShortFormat)
            )
            self._load_programmes(profile)
        finally:
            self._loading = False
        if switched:
            self.flag_status.hide()
        self.timeline.load(
            store.contacts_of_profile(profile.id),
            store.referrals_of_profile(profile.id),
            store.followups_of_profile(profile.id),
            self._labels,
            lang,
            today,
        )
        self.right.setCurrentWidget(self.detail)

    def _load_programmes(self, profile: Profile) -> None:
        store = self.services.store
        included = store.inclusions_of_profile(profile.id)
        lang = self.context.language
        lines = [
            self.tr("In %1 since %2")
            .replace("%1", programme.name)
            .replace("%2", format_date(on, lang))
            for programme, on in included
        ]
        self.inclusions.setText("\n".join(lines) or self.tr("Not in any programme."))
        taken = {programme.id for programme, _ in included}
        offered: list[Programme] = [p for p in store.programmes() if p.id not in taken]
        self.programme.clear()
        for programme in offered:
            self.programme.addItem(programme.name, programme.slug)
        if not offered:
            self.programme.addItem(
                self.tr("No programmes set up") if not taken else self.tr("In every programme")
            )
        self.programme.setEnabled(bool(offered))
        self.include.setEnabled(bool(offered))

    def _say_flag(self, text: str, role: str) -> None:
        set_role(self.flag_status, role)
        self.flag_status.setText(text)
        self.flag_status.show()

    def _exit_clicked(self, checked: bool) -> None:
        if self.profile is None or self._loading:
            return
        try:
            self.services.set_profile_flags(self.profile.id, wants_exit_support=checked)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say_flag(describe(exc), "error")
            self._show_profile(self.profile.id)
            return
        self._say_flag(
            self.tr("Saved: wants exit support.")
            if checked
            else self.tr("Saved: no exit support wanted."),
            "ok",
        )

    def _consent_clicked(self, checked: bool) -> None:
        if self.profile is None or self._loading:
            return
        self._consent_timer.stop()
        today = self.context.now().date()
        if checked:
            self._loading = True
            self.consent_date.setDate(QDate(today.year, today.month, today.day))
            self._loading = False
        self.consent_date.setEnabled(checked)
        self._store_consent(today if checked else None)

    def _consent_date_changed(self, _date: QDate) -> None:
        if self.profile is None or self._loading or not self.consent.isChecked():
            return
        self._consent_timer.start()

    def _flush_consent(self) -> None:
        if self._consent_timer.isActive():
            self._consent_timer.stop()
            self._save_consent()

    def _save_consent(self) -> None:
        if self.profile is None or not self.consent.isChecked():
            return
        chosen = self.consent_date.date().toPython()
        assert isinstance(chosen, date)
        if chosen != self.profile.followup_consent:
            self._store_consent(chosen)

    def _store_consent(self, on: date | None) -> None:
        if self.profile is None:
            return
        try:
            self.services.set_profile_flags(self.profile.id, followup_consent=on)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say_flag(describe(exc), "error")
            return
        self.profile = self.services.store.profile_by_id(self.profile.id) or self.profile
        if on is None:
            self._say_flag(self.tr("Saved: does not agree to follow-up."), "ok")
        else:
            self._say_flag(
                self.tr("Saved: agrees to follow-up since %1.").replace(
                    "%1", format_date(on, self.context.language)
                ),
                "ok",
            )

    def include_in_programme(self) -> None:
        if self.profile is None or not self.programme.isEnabled():
            return
        slug = self.programme.currentData()
        name = self.programme.currentText()
        if not slug:
            return
        try:
            added = self.services.include_in_programme(
                self.profile.id, slug, self.context.now().date()
            )
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say_flag(describe(exc), "error")
            return
        self._load_programmes(self.profile)
        if added:
            self._say_flag(self.tr("Included in %1 from today.").replace("%1", name), "ok")
        else:
            self._say_flag(self.tr("Already in %1.").replace("%1", name), "subtitle")

    # -- drafts ---------------------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        # Nothing worth keeping: a code is never kept, flags are saved as they change.
        self._flush_consent()
        return None
