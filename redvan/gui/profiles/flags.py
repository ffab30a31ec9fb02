"""The People screen's flags card: whether a person wants exit support, agrees to follow-up
(since a date), and which programmes they are in. Each is saved as it changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QTimer
from PySide6.QtWidgets import QComboBox, QDateEdit, QFrame, QWidget

from redvan.core.model import Profile, Programme
from redvan.gui.messages import describe
from redvan.gui.widgets.dates import format_date, locale_for
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.roles import role_label, set_role
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FlagsCard(QFrame):
    """One person's flags and programme inclusion, saved as they change."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.context = context
        self.profile: Profile | None = None
        self._loading = False
        # A date being typed is saved once it rests for half a second.
        self._consent_timer = QTimer(self)
        self._consent_timer.setSingleShot(True)
        self._consent_timer.setInterval(500)
        self._consent_timer.timeout.connect(self._save_consent)

        t = self.texts = Texts()
        self.exit_support = t.check(
            lambda: self.tr("Wants &exit support"), accessible=lambda: self.tr("Wants exit support")
        )
        self.exit_support.clicked.connect(self._exit_clicked)
        self.consent = t.check(
            lambda: self.tr("Agrees to &follow-up since"),
            accessible=lambda: self.tr("Agrees to follow-up"),
        )
        self.consent.clicked.connect(self._consent_clicked)
        self.consent_date = t.bind(
            QDateEdit(), accessibleName=lambda: self.tr("Date of agreeing to follow-up")
        )
        self.consent_date.setCalendarPopup(True)
        self.consent_date.dateChanged.connect(self._consent_date_changed)
        self.consent_date.editingFinished.connect(self.flush)
        self.programme = t.bind(QComboBox(), accessibleName=lambda: self.tr("Programme"))
        self.programme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.include = t.button(
            lambda: self.tr("&Include"),
            clicked=self.include_in_programme,
            accessible=lambda: self.tr("Include in the programme from today"),
        )
        self.inclusions = role_label()
        self.status = role_label(hidden=True)
        vbox(
            self.exit_support,
            hbox(self.consent, self.consent_date, STRETCH),
            4,
            hbox(
                t.label(lambda: self.tr("&Programme"), buddy=self.programme),
                (self.programme, 1),
                self.include,
            ),
            self.inclusions,
            self.status,
            STRETCH,
            parent=self,
        )

    def tab_chain(self) -> list[QWidget]:
        """The card's widgets in the order Tab visits them."""
        return [self.exit_support, self.consent, self.consent_date, self.programme, self.include]

    def show_profile(self, profile: Profile | None, *, switched: bool) -> None:
        """Show `profile`'s flags (None: no one); a message stays unless the person changed."""
        self.profile = profile
        if profile is None:
            return
        lang = self.context.language
        today = self.context.now().date()
        self._loading = True
        try:
            self.exit_support.setChecked(profile.wants_exit_support)
            self.consent.setChecked(profile.followup_consent is not None)
            self.consent_date.setMaximumDate(qdate(today))
            self.consent_date.setDate(qdate(profile.followup_consent or today))
            self.consent_date.setEnabled(profile.followup_consent is not None)
            self.consent_date.setDisplayFormat(
                locale_for(lang).dateFormat(QLocale.FormatType.ShortFormat)
            )
            self._load_programmes(profile)
        finally:
            self._loading = False
        if switched:
            self.status.hide()

    def _load_programmes(self, profile: Profile) -> None:
        store = self.context.services.store
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

    def _say(self, text: str, role: str) -> None:
        set_role(self.status, role)
        self.status.setText(text)
        self.status.show()

    def _exit_clicked(self, checked: bool) -> None:
        if self.profile is None or self._loading:
            return
        try:
            self.context.services.set_profile_flags(self.profile.id, wants_exit_support=checked)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say(describe(exc), "error")
            self.show_profile(
                self.context.services.store.profile_by_id(self.profile.id), switched=False
            )
            return
        self._say(
            self.tr("Saved: wants exit support.")
            if checked
            else self.tr("Saved: no exit support wanted."),
            "ok",
        )

    # -- agreeing to follow-up ------------------------------------------------------------

    def _consent_clicked(self, checked: bool) -> None:
        if self.profile is None or self._loading:
            return
        self._consent_timer.stop()
        today = self.context.now().date()
        if checked:
            self._loading = True
            self.consent_date.setDate(qdate(today))
            self._loading = False
        self.consent_date.setEnabled(checked)
        self._store_consent(today if checked else None)

    def _consent_date_changed(self, _date: QDate) -> None:
        if self.profile is None or self._loading or not self.consent.isChecked():
            return
        self._consent_timer.start()

    def flush(self) -> None:
        """Save a follow-up date still waiting to be saved."""
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
        services = self.context.services
        try:
            services.set_profile_flags(self.profile.id, followup_consent=on)
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say(describe(exc), "error")
            return
        self.profile = services.store.profile_by_id(self.profile.id) or self.profile
        if on is None:
            self._say(self.tr("Saved: does not agree to follow-up."), "ok")
        else:
            self._say(
                self.tr("Saved: agrees to follow-up since %1.").replace(
                    "%1", format_date(on, self.context.language)
                ),
                "ok",
            )

    # -- programmes -----------------------------------------------------------------------

    def include_in_programme(self) -> None:
        if self.profile is None or not self.programme.isEnabled():
            return
        slug = self.programme.currentData()
        name = self.programme.currentText()
        if not slug:
            return
        try:
            added = self.context.services.include_in_programme(
                self.profile.id, slug, self.context.now().date()
            )
        except Exception as exc:  # noqa: BLE001 - shown inline
            self._say(describe(exc), "error")
            return
        self._load_programmes(self.profile)
        if added:
            self._say(self.tr("Included in %1 from today.").replace("%1", name), "ok")
        else:
            self._say(self.tr("Already in %1.").replace("%1", name), "subtitle")
