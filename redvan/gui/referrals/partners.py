"""The Referrals screen's directory tab: the partner organisations, and how to reach each.

It holds only how to reach an organisation (areas served, address, phone, web, opening
hours, how to refer) — never anything about a person. Coordinators edit the details and add
organisations; a new organisation is a new entry of the referral destination list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from redvan.core.enums import Role
from redvan.core.referrals import PartnerOrganisation
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind, is_valid_slug
from redvan.gui.messages import describe
from redvan.gui.referrals.models import PartnerRow, PartnersModel, slug_for
from redvan.gui.widgets.layouts import Stretch, fill, form, hbox, vbox
from redvan.gui.widgets.roles import SUBTITLE, card, role_label, say
from redvan.gui.widgets.selection import selected_row
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.texts import Text, Texts
from redvan.gui.workspace import Context

# The details a draft keeps.
FIELDS = ("areas", "address", "phone", "online", "hours", "notes")


class PartnersTab(QWidget):
    """The list of partner organisations beside the chosen one's details."""

    organisation_added = Signal(str)  # the new destination's slug

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        t = self.texts = Texts()
        self.model = PartnersModel(context.language, self)
        self.view = table_view(self.model)
        t.bind(self.view, accessibleName=lambda: self.tr("Partner organisations"))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_partner())
        self.new_title = t.label(lambda: self.tr("New:"), role=SUBTITLE)
        self.new_name_en = self._line(
            lambda: self.tr("New organisation's name in English"),
            lambda: self.tr("Name in English"),
            length=80,
        )
        self.new_name_da = self._line(
            lambda: self.tr("New organisation's name in Danish"),
            lambda: self.tr("Name in Danish"),
            length=80,
        )
        for line in (self.new_name_en, self.new_name_da):
            line.returnPressed.connect(self.add)
        self.add_button = t.button(
            lambda: self.tr("Add organi&sation"),
            clicked=self.add,
            accessible=lambda: self.tr("Add the partner organisation"),
        )

        self.name = role_label()
        scale_font(self.name, 1.2)
        self.hint = role_label(SUBTITLE)
        self.areas = self._line(
            lambda: self.tr("Areas served"), lambda: self.tr("e.g. Vesterbro; women over 18")
        )
        self.address = self._line(lambda: self.tr("The organisation's address"))
        self.phone = self._line(lambda: self.tr("The organisation's phone"))
        self.online = self._line(lambda: self.tr("The organisation's web site or e-mail"))
        self.hours = self._line(
            lambda: self.tr("Opening hours"), lambda: self.tr("e.g. Mon–Fri 10–22")
        )
        self.notes = t.bind(
            QPlainTextEdit(),
            accessibleName=lambda: self.tr("How to refer"),
            placeholderText=lambda: self.tr("Walk-in or booking, languages spoken"),
        )
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        details = form(
            self._row(lambda: self.tr("&Areas served"), self.areas),
            self._row(lambda: self.tr("A&ddress"), self.address),
            self._row(lambda: self.tr("Pho&ne"), self.phone),
            self._row(lambda: self.tr("&Web or e-mail"), self.online),
            self._row(lambda: self.tr("&Opening hours"), self.hours),
            self._row(lambda: self.tr("How &to refer"), self.notes),
        )
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = role_label(None, hidden=True)
        self.save_button = t.button(
            lambda: self.tr("Save deta&ils"),
            role="primary",
            clicked=self.save,
            accessible=lambda: self.tr("Save the organisation's details"),
        )

        frame, column = card()
        fill(
            column,
            (
                self.name,
                self.hint,
                details,
                Stretch(1),
                hbox((self.message, 10), Stretch(1), self.save_button),
            ),
        )
        new_row = hbox(
            self.new_title, (self.new_name_en, 1), (self.new_name_da, 1), self.add_button
        )
        hbox((vbox((self.view, 1), new_row), 3), (frame, 2), parent=self)

    def _line(
        self, accessible: Text, placeholder: Text | None = None, *, length: int = 400
    ) -> QLineEdit:
        line = self.texts.bind(QLineEdit(), accessibleName=accessible, placeholderText=placeholder)
        line.setMaxLength(length)
        return line

    def _row(self, text: Text, field: QWidget) -> tuple[QWidget, QWidget]:
        return self.texts.label(text, buddy=field), field

    def tab_chain(self) -> list[QWidget]:
        """The tab's widgets in the order Tab visits them."""
        return [
            self.view,
            self.areas,
            self.address,
            self.phone,
            self.online,
            self.hours,
            self.notes,
            self.save_button,
            self.new_name_en,
            self.new_name_da,
            self.add_button,
        ]

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.set_language(self.context.language)
        self.show_partner()

    def _can_edit(self) -> bool:
        me = self.context.session.me()
        return me is not None and me.active and me.role == Role.COORDINATOR.value

    # -- the list -------------------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        store = self.context.services.store
        keep = keep or self._slug()
        self.model.set_partners(
            store.vocabulary(VocabularyKind.DESTINATION), store.partner_organisations()
        )
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self.show_partner()

    def _row_data(self) -> PartnerRow | None:
        row = selected_row(self.view)
        return None if row is None else self.model.row_data(row)

    def _slug(self) -> str | None:
        row = self._row_data()
        return row.entry.slug if row else None

    def _values(self) -> PartnerOrganisation:
        return PartnerOrganisation(
            self._slug() or "",
            self.areas.text().strip(),
            self.address.text().strip(),
            self.phone.text().strip(),
            self.online.text().strip(),
            self.hours.text().strip(),
            self.notes.toPlainText().strip(),
        )

    # -- the chosen organisation ----------------------------------------------------------------

    def show_partner(self) -> None:
        row = self._row_data()
        can_edit = self._can_edit()
        editable = can_edit and row is not None
        for field in (self.areas, self.address, self.phone, self.online, self.hours, self.notes):
            field.setReadOnly(not editable)
        self.save_button.setVisible(can_edit)
        self.save_button.setEnabled(editable)
        for widget in (self.new_title, self.new_name_en, self.new_name_da, self.add_button):
            widget.setVisible(can_edit)
        if can_edit:
            hint = self.tr(
                "How to reach the organisation — never anything about a person. Rename or "
                "retire organisations in Settings → Lists."
            )
        else:
            hint = self.tr("How to reach the organisation. A coordinator keeps these details.")
        self.hint.setText(hint)
        self.name.setText(row.entry.label(self.context.language) if row else "")
        self._fill_details(row.details if row else PartnerOrganisation(""))

    def _fill_details(self, details: PartnerOrganisation) -> None:
        self.areas.setText(details.areas)
        self.address.setText(details.address)
        self.phone.setText(details.phone)
        self.online.setText(details.online)
        self.hours.setText(details.hours)
        self.notes.setPlainText(details.notes)

    def save(self) -> PartnerOrganisation | None:
        if not self._can_edit() or self._row_data() is None:
            return None
        try:
            saved = self.context.services.save_partner_organisation(self._values())
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.message, "error", describe(exc))
            return None
        self.reload(keep=saved.slug)
        say(self.message, "ok", self.tr("Details saved."))
        return saved

    def add(self) -> VocabularyEntry | None:
        """A new partner organisation: a new entry of the referral destination list."""
        if not self._can_edit():
            return None
        english, danish = self.new_name_en.text().strip(), self.new_name_da.text().strip()
        if not english or not danish:
            say(
                self.message,
                "error",
                self.tr("Give the organisation's name in English and in Danish."),
            )
            (self.new_name_da if english else self.new_name_en).setFocus()
            return None
        services = self.context.services
        existing = services.store.vocabulary(VocabularyKind.DESTINATION)
        slug = slug_for(english, {e.slug for e in existing})
        if not is_valid_slug(slug):
            slug = slug_for("partner", {e.slug for e in existing})
        entry = VocabularyEntry(
            VocabularyKind.DESTINATION,
            slug,
            english,
            danish,
            sort=max((e.sort for e in existing), default=0) + 10,
        )
        try:
            services.save_vocabulary_entry(entry)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.message, "error", describe(exc))
            return None
        self.new_name_en.clear()
        self.new_name_da.clear()
        self.organisation_added.emit(slug)
        self.reload(keep=slug)
        say(
            self.message,
            "ok",
            self.tr("%1 added. Now add how to reach it.").replace(
                "%1", entry.label(self.context.language)
            ),
        )
        self.areas.setFocus()
        return entry

    # -- drafts ---------------------------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        """The chosen organisation's details while they differ from what is saved."""
        row = self._row_data()
        if row is None or self._values() == row.details:
            return None
        return {
            "slug": row.entry.slug,
            "areas": self.areas.text(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "online": self.online.text(),
            "hours": self.hours.text(),
            "notes": self.notes.toPlainText(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> bool:
        """Show a draft's details again; False when its organisation is gone."""
        row = self.model.row_of(str(draft.get("slug") or ""))
        if row < 0:
            return False
        self.view.selectRow(row)
        values = {name: str(draft.get(name, "")) for name in FIELDS}
        self._fill_details(PartnerOrganisation("", **values))
        return True
