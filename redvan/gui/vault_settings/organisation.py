"""Settings → Organisation (O1, O2, O4): this laptop's place in the organisation.

A new, empty vault shows how to join: its age recipient (to copy to the coordinator) and a
form to take an enrolment file with its one-time code or the coordinator's fingerprint. A
coordinator's laptop enrols laptops, sends organisation updates, shares a programme with a
partner organisation and merges sync packages. Any laptop applies an organisation update.

The enrolment code is shown once, in this section only, and never copied, logged or stored.
Key derivation for a code takes a fraction of a second on the GUI thread (the vault's
connection belongs to it); merging runs on a pool thread (vault_settings/merge.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QWidget

from redvan.gui.vault_settings.helpers import Section, labelled, password_field, say, section
from redvan.gui.vault_settings.merge import MergeDialog
from redvan.gui.widgets.layouts import STRETCH, form, hbox, vbox
from redvan.gui.widgets.roles import role_label
from redvan.gui.workspace import Context

log = logging.getLogger(__name__)


class OrganisationSection(Section):
    """The Organisation tab of Settings."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.texts
        # -- status
        self.status = role_label()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # -- join (a new, empty vault)
        self.recipient = t.bind(
            QLineEdit(), accessibleName=lambda: self.tr("This vault's recipient")
        )
        self.recipient.setReadOnly(True)
        self.copy_recipient = t.button(lambda: self.tr("Copy"), clicked=self._copy_recipient)
        self.join_file = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Enrolment file"),
            accessibleName=lambda: self.tr("Enrolment file"),
        )
        self.join_browse = t.button(
            lambda: self.tr("Choose…"), clicked=lambda: self._browse(self.join_file)
        )
        self.join_code = password_field(
            t,
            lambda: self.tr("Enrolment code"),
            placeholderText=lambda: self.tr("Enrolment code (28 letters and digits)"),
        )
        self.join_coordinator = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr(
                "Coordinator's device fingerprint (for a file encrypted to this vault)"
            ),
            accessibleName=lambda: self.tr("Coordinator's device fingerprint"),
        )
        self.join_button = t.button(lambda: self.tr("Join"), clicked=self.join)
        self.join_message = role_label(hidden=True)
        self.join_card = section(
            t,
            lambda: self.tr("Join an organisation"),
            t.bind(
                role_label(),
                text=lambda: self.tr(
                    "A new laptop joins its organisation with an enrolment file from the "
                    "coordinator's laptop. Then a code gives the same person and alias here as "
                    "on every other laptop of the organisation. Only a new vault, with no "
                    "contacts yet, can join. Give the coordinator this vault's recipient if the "
                    "file should be encrypted to it; otherwise type the one-time enrolment code."
                ),
            ),
            form(
                labelled(
                    t,
                    lambda: self.tr("Recipient"),
                    self.recipient,
                    hbox((self.recipient, 1), self.copy_recipient),
                ),
                labelled(
                    t,
                    lambda: self.tr("File"),
                    self.join_file,
                    hbox((self.join_file, 1), self.join_browse),
                ),
                labelled(t, lambda: self.tr("Code"), self.join_code),
                labelled(t, lambda: self.tr("Coordinator"), self.join_coordinator),
            ),
            (self.join_button, 0, Qt.AlignmentFlag.AlignLeft),
            self.join_message,
        )
        # -- coordinator's work
        self.enrol_recipient = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr(
                "The new vault's recipient (age1…), or empty for a one-time code"
            ),
            accessibleName=lambda: self.tr("The new vault's recipient"),
        )
        self.enrol_button = t.button(lambda: self.tr("Enrol a laptop…"), clicked=self.enrol)
        self.programme = t.bind(QComboBox(), accessibleName=lambda: self.tr("Programme to share"))
        self.share_button = t.button(lambda: self.tr("Share with a partner…"), clicked=self.share)
        self.update_button = t.button(
            lambda: self.tr("Send an organisation update…"), clicked=self.send_update
        )
        self.code_shown = role_label(hidden=True)
        self.code_shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrol_message = role_label(hidden=True)
        self.enrol_card = section(
            t,
            lambda: self.tr("Enrol laptops and share programmes"),
            t.bind(
                role_label(),
                text=lambda: self.tr(
                    "Enrol a laptop: write an enrolment file for it, sealed with a one-time code "
                    "shown here once, or encrypted to the new vault's recipient. Send an "
                    "organisation update after changing lists, partners or programmes. Share a "
                    "programme with a partner organisation to see your combined reach."
                ),
            ),
            form(self.enrol_recipient),
            hbox(self.enrol_button, self.update_button, STRETCH),
            hbox((self.programme, 1), self.share_button),
            self.code_shown,
            self.enrol_message,
        )
        # -- any laptop: apply an update, merge packages
        self.apply_button = t.button(lambda: self.tr("Apply an update…"), clicked=self.apply_update)
        self.merge_button = t.button(
            lambda: self.tr("Merge sync packages…"), clicked=self.open_merge
        )
        self.apply_message = role_label(hidden=True)
        vbox(
            section(t, lambda: self.tr("This laptop in the organisation"), self.status),
            self.join_card,
            self.enrol_card,
            section(
                t,
                lambda: self.tr("Updates and merging"),
                t.bind(
                    role_label(),
                    text=lambda: self.tr(
                        "Apply an organisation update from the coordinator's laptop, or merge "
                        "the sync packages of your laptops and partners into one tally with an "
                        "estimate of the distinct persons."
                    ),
                ),
                hbox(self.apply_button, self.merge_button, STRETCH),
                self.apply_message,
            ),
            STRETCH,
            parent=self,
        )
        self.refresh()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.refresh()

    # -- state ------------------------------------------------------------------------------

    def refresh(self) -> None:
        from redvan.core import organisation as org
        from redvan.exchange.enrol import enrolment_recipient
        from redvan.exchange.signing import DevicePublicKey, device_key

        services = self.context.session.services
        if services is None:
            return
        store = services.store
        organisation = store.get_setting(org.ORGANISATION_ID)
        devices = store.get_setting(org.DEVICES) or []
        coordinators = store.get_setting(org.COORDINATORS) or []
        me = device_key(store).public
        joined = organisation is not None
        lines = [self.tr("This laptop's device: %1").replace("%1", me.fingerprint)]
        if joined:
            role = (
                self.tr("the organisation's coordinator device")
                if me.base64 in coordinators
                else self.tr("a laptop of the organisation")
            )
            lines.append(
                self.tr("Organisation %1; this laptop is %2.")
                .replace("%2", role)
                .replace("%1", str(organisation))
            )
            lines.append(
                self.tr("Trusted devices: %1. Organisation updates applied: %2.")
                .replace("%2", str(store.get_setting(org.SEQUENCE, 0)))
                .replace("%1", ", ".join(DevicePublicKey(k).fingerprint for k in devices))
            )
        else:
            lines.append(self.tr("This laptop has not joined or enrolled any other laptop yet."))
        self.status.setText("\n".join(lines))
        can_join = not joined and not store.has_person_records()
        self.join_card.setVisible(can_join)
        if can_join and not self.recipient.text():
            self.recipient.setText(enrolment_recipient(services))
        coordinator = not joined or me.base64 in coordinators
        self.enrol_card.setVisible(coordinator)
        self.update_button.setEnabled(joined and coordinator)
        current = self.programme.currentText()
        self.programme.clear()
        self.programme.addItems([p.slug for p in store.programmes()])
        if current:
            self.programme.setCurrentText(current)
        self.share_button.setEnabled(self.programme.count() > 0)

    # -- actions ----------------------------------------------------------------------------

    def _copy_recipient(self) -> None:
        QGuiApplication.clipboard().setText(self.recipient.text())  # a public key, not a secret

    def _browse(self, field: QLineEdit) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"))
        if chosen:
            field.setText(chosen)

    def _save_as(self, title: str, suggestion: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, suggestion)
        return Path(chosen) if chosen else None

    def join(self) -> None:
        from redvan.core.organisation import OrganisationError
        from redvan.exchange import enrol
        from redvan.exchange.hostile import ImportRefused
        from redvan.exchange.signing import EncryptionError, SignatureError

        services = self.services
        path = Path(self.join_file.text().strip())
        code = self.join_code.text().strip() or None
        coordinator = self.join_coordinator.text().strip() or None
        try:
            document = enrol.read_enrolment(
                path,
                code=code,
                identities=[enrol.enrolment_identity(services)],
                coordinator=coordinator,
            )
            applied = enrol.join(services, document)
        except (OrganisationError, ImportRefused, SignatureError, EncryptionError) as exc:
            say(self.join_message, str(exc), "error")
            return
        finally:
            self.join_code.clear()
        say(
            self.join_message,
            self.tr(
                "Joined organisation %1: codes now give the same persons and aliases here."
            ).replace("%1", applied.organisation),
            "ok",
        )
        self.refresh()

    def enrol(self) -> None:
        from redvan.exchange import enrol

        target = self._save_as(self.tr("Save the enrolment file"), "laptop.rvenrol")
        if target is None:
            return
        recipient = self.enrol_recipient.text().strip() or None
        self._created(lambda: enrol.create_enrolment(self.services, target, recipient=recipient))

    def share(self) -> None:
        from redvan.exchange import enrol

        slug = self.programme.currentText()
        target = self._save_as(self.tr("Save the partnership file"), f"{slug}.rvenrol")
        if target is None or not slug:
            return
        recipient = self.enrol_recipient.text().strip() or None
        self._created(
            lambda: enrol.create_partnership(self.services, slug, target, recipient=recipient)
        )

    def _created(self, make) -> None:  # type: ignore[no-untyped-def]
        from redvan.core.organisation import OrganisationError
        from redvan.exchange.hostile import ImportRefused
        from redvan.exchange.signing import EncryptionError, SignatureError

        try:
            created = make()
        except (OrganisationError, ImportRefused, SignatureError, EncryptionError) as exc:
            say(self.enrol_message, str(exc), "error")
            self.code_shown.hide()
            return
        say(
            self.enrol_message,
            self.tr("Wrote %1 and its signature, signed by this laptop (%2).")
            .replace("%2", created.coordinator)
            .replace("%1", created.path.name),
            "ok",
        )
        if created.code:
            say(
                self.code_shown,
                self.tr(
                    "Enrolment code, shown only this once: %1\n"
                    "Give it to the new laptop by another way than the file (aloud or on paper)."
                ).replace("%1", created.code),
                "warning",
            )
        else:
            self.code_shown.hide()
        self.refresh()

    def send_update(self) -> None:
        from redvan.core.organisation import OrganisationError
        from redvan.exchange import orgupdate

        target = self._save_as(self.tr("Save the organisation update"), "organisation.rvorg")
        if target is None:
            return
        try:
            sent = orgupdate.write_update(self.services, target)
        except OrganisationError as exc:
            say(self.enrol_message, str(exc), "error")
            return
        say(
            self.enrol_message,
            self.tr("Wrote organisation update %1 to %2.")
            .replace("%2", sent.path.name)
            .replace("%1", str(sent.sequence)),
            "ok",
        )
        self.refresh()

    def apply_update(self) -> None:
        from redvan.core.organisation import OrganisationError
        from redvan.exchange import orgupdate
        from redvan.exchange.hostile import ImportRefused

        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose an organisation update"))
        if not chosen:
            return
        try:
            applied = orgupdate.apply_update(self.services, Path(chosen))
        except (OrganisationError, ImportRefused) as exc:
            say(self.apply_message, str(exc), "error")
            return
        say(
            self.apply_message,
            self.tr("Applied organisation update %1.").replace("%1", str(applied.sequence)),
            "ok",
        )
        self.refresh()

    def open_merge(self) -> MergeDialog:
        dialog = MergeDialog(self.context.language, self)
        dialog.setModal(True)
        dialog.show()
        return dialog
