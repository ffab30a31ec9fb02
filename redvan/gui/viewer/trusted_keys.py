"""The viewer's trusted-keys tab: the device keys the signature was checked against."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget

from redvan.exchange.signing import DevicePublicKey
from redvan.gui.viewer.keys import TrustedKeys
from redvan.gui.viewer.verdict import selectable
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.texts import Texts


class TrustedKeysTab(QWidget):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path  # the keys file, until keys are read from one
        self.keys: TrustedKeys | None = None
        self.signer: DevicePublicKey | None = None
        t = self.texts = Texts()
        self.intro = t.label(
            lambda: self.tr(
                "The signature was checked against these device keys. They are read from:"
            ),
            wrap=True,
        )
        self.path_label = selectable(t.label(wrap=True))
        self.problem = selectable(t.label(role="error", wrap=True))
        self.list = t.bind(QListWidget(), accessibleName=lambda: self.tr("Trusted device keys"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.howto = selectable(
            t.label(
                lambda: self.tr(
                    "This viewer never changes that file. To trust a device, run "
                    "“redvan device --pubkey” on it, check the fingerprint with its coordinator, "
                    "and append the output to the file above; or give it for one check with "
                    "“redvan open FILE --pubkey KEY”."
                ),
                wrap=True,
            )
        )
        vbox(self.intro, self.path_label, self.problem, (self.list, 1), self.howto, parent=self)

    def show_keys(self, keys: TrustedKeys, signer: DevicePublicKey | None) -> None:
        """`keys` as read for the bundle shown; `signer`, the key that signed it (if known)."""
        self.keys, self.signer = keys, signer
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()
        keys = self.keys
        path = keys.path if keys else self.path
        if path.is_file():
            self.path_label.setText(str(path))
        else:
            self.path_label.setText(
                self.tr("%1 (there is no such file yet)").replace("%1", str(path))
            )
        self.path_label.setAccessibleName(str(path))
        problems = keys.problems if keys else ()
        self.problem.setText(
            "\n".join(
                [self.tr("Some trusted keys could not be read; the others were used."), *problems]
            )
        )
        self.problem.setVisible(bool(problems))
        self.list.clear()
        if keys is None:
            return
        for key in keys.all:
            notes = []
            if key not in keys.from_file:
                notes.append(self.tr("given on the command line"))
            if self.signer is not None and key.base64 == self.signer.base64:
                notes.append(self.tr("signed this bundle"))
            text = f"{key.fingerprint}   ({key.device_id})"
            self.list.addItem("   ·   ".join([text, *notes]))
        if not keys.all:
            self.list.addItem(self.tr("No trusted keys."))
