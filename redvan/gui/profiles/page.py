"""People (G4): find a person by the code they chose or by alias; see and flag them.

The code is only ever passed to `Services.find_by_code` (which hashes it) and the field is
cleared straight after, so it is never shown, kept or stored. Aliases are shown in the UI
language ("Heron-42" / "Hejre-42") and may be searched in either.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListView,
    QStackedWidget,
    QWidget,
)

from redvan.core.codes import CodeError, alias_label
from redvan.core.enums import AgeBand, Gender
from redvan.core.model import Profile
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind
from redvan.gui.messages import describe
from redvan.gui.profiles.flags import FlagsCard
from redvan.gui.profiles.models import (
    ResultDelegate,
    ResultsModel,
    TimelineModel,
    alias_patterns,
    enum_label,
    vocab_label,
)
from redvan.gui.widgets.contact_correction import RowCorrection
from redvan.gui.widgets.dates import format_date_time
from redvan.gui.widgets.focus import tab_order
from redvan.gui.widgets.layouts import form, hbox, vbox
from redvan.gui.widgets.roles import BIG, SUBTITLE, role_label, set_role
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.texts import Text, Texts
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
        t = self.texts = Texts()
        self.heading, self.intro = t.heading(
            self.title,
            lambda: self.tr(
                "Find a person by the code they chose or by their alias. The code is never shown "
                "or kept."
            ),
        )

        # finding
        self.code = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("The code the person chose"),
            accessibleName=lambda: self.tr("Person code"),
        )
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
        self.find_button = t.button(
            lambda: self.tr("Fi&nd"),
            clicked=self.find_code,
            accessible=lambda: self.tr("Find by code"),
        )
        self.alias = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Heron-42 or Hejre-42"),
            accessibleName=lambda: self.tr("Search by alias"),
        )
        self.alias.setClearButtonEnabled(True)
        self.alias.setMaxLength(40)
        self.alias.textChanged.connect(self._alias_changed)
        self.alias.returnPressed.connect(self.open_first)
        self.find_message = role_label(hidden=True)
        self.list_heading = role_label(SUBTITLE, wrap=False)
        self.results = ResultsModel(context, self)
        self.list = t.bind(QListView(), accessibleName=lambda: self.tr("People found"))
        self.list.setModel(self.results)
        self.list.setItemDelegate(ResultDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(lambda index: self.open_row(index.row()))
        left = QWidget()
        vbox(
            t.label(lambda: self.tr("Find by &code"), buddy=self.code),
            hbox((self.code, 1), self.find_button),
            4,
            t.label(lambda: self.tr("…or by &alias (Ctrl+F)"), buddy=self.alias),
            self.alias,
            self.find_message,
            8,
            self.list_heading,
            (self.list, 1),
            parent=left,
            margins=0,
        )
        em = self.fontMetrics().horizontalAdvance("M")
        left.setMinimumWidth(em * 20)
        left.setMaximumWidth(em * 24)

        # the person
        self.empty = t.label(
            lambda: self.tr("Choose a person to see their contacts, referrals and follow-ups."),
            role=SUBTITLE,
            wrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = self._build_detail()
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.detail)
        vbox(self.heading, self.intro, 6, (hbox(left, em, (self.right, 1)), 1), parent=self)

        search = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        # Window-wide, but only while this page is the one shown (hidden pages' shortcuts sleep).
        search.setContext(Qt.ShortcutContext.WindowShortcut)
        search.activated.connect(self.focus_search)

        tab_order(
            self.code,
            self.find_button,
            self.alias,
            self.list,
            *self.flags.tab_chain(),
            self.timeline_view,
        )
        self.retranslate()

    def _build_detail(self) -> QWidget:
        t = self.texts
        self.alias_title = role_label(BIG, wrap=False)
        scale_font(self.alias_title, 1.6)
        self.detached = t.label(
            lambda: self.tr(
                "Detached by retention: this person's code was removed after the retention period, "
                "so the code no longer finds them. Their contacts still count."
            ),
            role="warning",
            wrap=True,
        )

        self.first_seen, self.last_seen, self.age_band = role_label(), role_label(), role_label()
        self.gender, self.languages, self.origin = role_label(), role_label(), role_label()
        facts = QFrame()
        facts.setProperty("role", "card")
        form(
            self._fact(lambda: self.tr("First seen"), self.first_seen),
            self._fact(lambda: self.tr("Last seen"), self.last_seen),
            self._fact(lambda: self.tr("Age band"), self.age_band),
            self._fact(lambda: self.tr("Gender"), self.gender),
            self._fact(lambda: self.tr("Languages"), self.languages),
            self._fact(lambda: self.tr("Origin region"), self.origin),
            parent=facts,
        ).setLabelAlignment(Qt.AlignmentFlag.AlignLeft)

        self.flags = FlagsCard(self.context)
        # the names the tests and the tab order know
        f = self.flags
        self.exit_support, self.consent, self.consent_date = (
            f.exit_support,
            f.consent,
            f.consent_date,
        )
        self.programme, self.include, self.inclusions = f.programme, f.include, f.inclusions
        self.flag_status = f.status

        self.timeline = TimelineModel(self)
        self.timeline_view = table_view(self.timeline, precision=TimelineModel.CHUNK)
        t.bind(
            self.timeline_view,
            accessibleName=lambda: self.tr("Timeline of contacts, referrals and follow-ups"),
        )
        # Correct the past: double-click, Enter or right-click a contact (issue 15, item 7).
        self.correction = RowCorrection(
            self.timeline_view, self.context, self.timeline.contact_id, self._corrected
        )
        timeline_label = t.label(lambda: self.tr("&Timeline"), buddy=self.timeline_view)
        font = timeline_label.font()
        font.setBold(True)
        timeline_label.setFont(font)

        page = QWidget()
        vbox(
            self.alias_title,
            self.detached,
            hbox((facts, 1), (self.flags, 1)),
            4,
            timeline_label,
            (self.timeline_view, 1),
            parent=page,
            margins=0,
        )
        return page

    def _fact(self, name: Text, value: QWidget) -> tuple[QWidget, QWidget]:
        return self.texts.label(name, role=SUBTITLE), value

    # -- texts ----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("People")

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.flags.texts.retranslate()
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
        self.flags.flush()
        store = self.services.store
        profile = store.profile_by_id(profile_id)
        switched = profile is None or self.profile is None or self.profile.id != profile.id
        self.profile = profile
        self.flags.show_profile(profile, switched=switched)
        if profile is None:
            self.timeline.clear()
            self.right.setCurrentWidget(self.empty)
            return
        lang = self.context.language
        today = self.context.now().date()
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
        self.timeline.load(
            store.contacts_of_profile(profile.id),
            store.referrals_of_profile(profile.id),
            store.followups_of_profile(profile.id),
            self._labels,
            lang,
            today,
        )
        self.right.setCurrentWidget(self.detail)

    # -- drafts ---------------------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        # Nothing worth keeping: a code is never kept, flags are saved as they change.
        self.flags.flush()
        return None
