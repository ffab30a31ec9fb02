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
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redvan.gui.vault_settings.merge import MergeDialog
from redvan.gui.widgets.text import scale_font
from redvan.gui.workspace import Context

log = logging.getLogger(__name__)


def _card(layout: QVBoxLayout | QFormLayout) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    frame.setLayout(layout)
    return frame


def _heading() -> QLabel:
    label = QLabel()
    scale_font(label, 1.15)
    return label


def _text() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _say(label: QLabel, text: str, role: str) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


class OrganisationSection(QWidget):
    """The Organisation tab of Settings."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # -- status
        self.status_heading = _heading()
        self.status = _text()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_box = QVBoxLayout()
        status_box.addWidget(self.status_heading)
        status_box.addWidget(self.status)
        # -- join (a new, empty vault)
        self.join_heading = _heading()
        self.join_intro = _text()
        self.recipient = QLineEdit()
        self.recipient.setReadOnly(True)
        self.copy_recipient = QPushButton()
        self.copy_recipient.clicked.connect(self._copy_recipient)
        self.join_file = QLineEdit()
        self.join_browse = QPushButton()
        self.join_browse.clicked.connect(lambda: self._browse(self.join_file))
        self.join_code = QLineEdit()
        self.join_code.setEchoMode(QLineEdit.EchoMode.Password)
        self.join_code.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.join_coordinator = QLineEdit()
        self.join_button = QPushButton()
        self.join_button.clicked.connect(self.join)
        self.join_message = _text()
        self.join_message.hide()
        row = QHBoxLayout()
        row.addWidget(self.recipient, 1)
        row.addWidget(self.copy_recipient)
        file_row = QHBoxLayout()
        file_row.addWidget(self.join_file, 1)
        file_row.addWidget(self.join_browse)
        self.join_labels = [QLabel() for _ in range(4)]
        for label, buddy in zip(
            self.join_labels,
            (self.recipient, self.join_file, self.join_code, self.join_coordinator),
            strict=True,
        ):
            label.setBuddy(buddy)
        self.join_form = QFormLayout()
        self.join_form.addRow(self.join_labels[0], row)
        self.join_form.addRow(self.join_labels[1], file_row)
        self.join_form.addRow(self.join_labels[2], self.join_code)
        self.join_form.addRow(self.join_labels[3], self.join_coordinator)
        join_box = QVBoxLayout()
        join_box.addWidget(self.join_heading)
        join_box.addWidget(self.join_intro)
        join_box.addLayout(self.join_form)
        join_box.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignLeft)
        join_box.addWidget(self.join_message)
        self.join_card = _card(join_box)
        # -- coordinator's work
        self.enrol_heading = _heading()
        self.enrol_intro = _text()
        self.enrol_recipient = QLineEdit()
        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        self.programme = QComboBox()
        self.share_button = QPushButton()
        self.share_button.clicked.connect(self.share)
        self.update_button = QPushButton()
        self.update_button.clicked.connect(self.send_update)
        self.code_shown = _text()
        self.code_shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_shown.hide()
        self.enrol_message = _text()
        self.enrol_message.hide()
        enrol_form = QFormLayout()
        enrol_form.addRow(self.enrol_recipient)
        share_row = QHBoxLayout()
        share_row.addWidget(self.programme, 1)
        share_row.addWidget(self.share_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(self.update_button)
        buttons.addStretch()
        enrol_box = QVBoxLayout()
        enrol_box.addWidget(self.enrol_heading)
        enrol_box.addWidget(self.enrol_intro)
        enrol_box.addLayout(enrol_form)
        enrol_box.addLayout(buttons)
        enrol_box.addLayout(share_row)
        enrol_box.addWidget(self.code_shown)
        enrol_box.addWidget(self.enrol_message)
        self.enrol_card = _card(enrol_box)
        # -- any laptop: apply an update, merge packages
        self.apply_heading = _heading()
        self.apply_intro = _text()
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply_update)
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.open_merge)
        self.apply_message = _text()
        self.apply_message.hide()
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_button)
        apply_row.addWidget(self.merge_button)
        apply_row.addStretch()
        apply_box = QVBoxLayout()
        apply_box.addWidget(self.apply_heading)
        apply_box.addWidget(self.apply_intro)
        apply_box.addLayout(apply_row)
        apply_box.addWidget(self.apply_message)
        layout = QVBoxLayout(self)
        layout.addWidget(_card(status_box))
        layout.addWidget(self.join_card)
        layout.addWidget(self.enrol_card)
        layout.addWidget(_card(apply_box))
        layout.addStretch()
        self.retranslate()

    # -- text -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.status_heading.setText(self.tr("This laptop in the organisation"))
        self.join_heading.setText(self.tr("Join an organisation"))
        self.join_intro.setText(
            self.tr(
                "A new laptop joins its organisation with an enrolment file from the "
                "coordinator's laptop. Then a code gives the same person and alias here as on "
                "every other laptop of the organisation. Only a new vault, with no contacts "
                "yet, can join. Give the coordinator this vault's recipient if the file should "
                "be encrypted to it; otherwise type the one-time enrolment code."
            )
        )
        self.copy_recipient.setText(self.tr("Copy"))
        self.recipient.setAccessibleName(self.tr("This vault's recipient"))
        self.join_file.setPlaceholderText(self.tr("Enrolment file"))
        self.join_file.setAccessibleName(self.tr("Enrolment file"))
        self.join_browse.setText(self.tr("Choose…"))
        self.join_code.setPlaceholderText(self.tr("Enrolment code (28 letters and digits)"))
        self.join_code.setAccessibleName(self.tr("Enrolment code"))
        self.join_coordinator.setPlaceholderText(
            self.tr("Coordinator's device fingerprint (for a file encrypted to this vault)")
        )
        self.join_coordinator.setAccessibleName(self.tr("Coordinator's device fingerprint"))
        self.join_button.setText(self.tr("Join"))
        for label, text in zip(
            self.join_labels,
            (self.tr("Recipient"), self.tr("File"), self.tr("Code"), self.tr("Coordinator")),
            strict=True,
        ):
            label.setText(text)
        self.enrol_heading.setText(self.tr("Enrol laptops and share programmes"))
        self.enrol_intro.setText(
            self.tr(
                "Enrol a laptop: write an enrolment file for it, sealed with a one-time code "
                "shown here once, or encrypted to the new vault's recipient. Send an "
                "organisation update after changing lists, partners or programmes. Share a "
                "programme with a partner organisation to see your combined reach."
            )
        )
        self.enrol_recipient.setPlaceholderText(
            self.tr("The new vault's recipient (age1…), or empty for a one-time code")
        )
        self.enrol_recipient.setAccessibleName(self.tr("The new vault's recipient"))
        self.enrol_button.setText(self.tr("Enrol a laptop…"))
        self.update_button.setText(self.tr("Send an organisation update…"))
        self.share_button.setText(self.tr("Share with a partner…"))
        self.programme.setAccessibleName(self.tr("Programme to share"))
        self.apply_heading.setText(self.tr("Updates and merging"))
        self.apply_intro.setText(
            self.tr(
                "Apply an organisation update from the coordinator's laptop, or merge the sync "
                "packages of your laptops and partners into one tally with an estimate of the "
                "distinct persons."
            )
        )
        self.apply_button.setText(self.tr("Apply an update…"))
        self.merge_button.setText(self.tr("Merge sync packages…"))
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

        services = self.context.services
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
            _say(self.join_message, str(exc), "error")
            return
        finally:
            self.join_code.clear()
        _say(
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
        self._created(
            lambda: enrol.create_enrolment(self.context.services, target, recipient=recipient)
        )

    def share(self) -> None:
        from redvan.exchange import enrol

        slug = self.programme.currentText()
        target = self._save_as(self.tr("Save the partnership file"), f"{slug}.rvenrol")
        if target is None or not slug:
            return
        recipient = self.enrol_recipient.text().strip() or None
        self._created(
            lambda: enrol.create_partnership(
                self.context.services, slug, target, recipient=recipient
            )
        )

    def _created(self, make) -> None:  # type: ignore[no-untyped-def]
        from redvan.core.organisation import OrganisationError
        from redvan.exchange.hostile import ImportRefused
        from redvan.exchange.signing import EncryptionError, SignatureError

        try:
            created = make()
        except (OrganisationError, ImportRefused, SignatureError, EncryptionError) as exc:
            _say(self.enrol_message, str(exc), "error")
            self.code_shown.hide()
            return
        _say(
            self.enrol_message,
            self.tr("Wrote %1 and its signature, signed by this laptop (%2).")
            .replace("%2", created.coordinator)
            .replace("%1", created.path.name),
            "ok",
        )
        if created.code:
            _say(
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
            sent = orgupdate.write_update(self.context.services, target)
        except OrganisationError as exc:
            _say(self.enrol_message, str(exc), "error")
            return
        _say(
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
            applied = orgupdate.apply_update(self.context.services, Path(chosen))
        except (OrganisationError, ImportRefused) as exc:
            _say(self.apply_message, str(exc), "error")
            return
        _say(
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
