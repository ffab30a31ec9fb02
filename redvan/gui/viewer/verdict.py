"""The verdict at the top of the auditor viewer: one headline, the findings behind it, and who
signed what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from redvan.exchange.bundle import OpenedBundle, signature_problem
from redvan.exchange.signing import Verdict
from redvan.gui import theme
from redvan.gui.i18n import current_language
from redvan.gui.viewer.models import MISMATCH, NOT_RECOMPUTABLE
from redvan.gui.widgets.layouts import STRETCH, form, hbox, vbox
from redvan.gui.widgets.roles import role_label, set_role
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.texts import Texts
from redvan.messages_cli import translate as in_language


class Level(IntEnum):
    OK = 0
    WARN = 1
    BAD = 2


MARK = {Level.OK: "✓", Level.WARN: "!", Level.BAD: "✗"}
COLOUR = {Level.OK: theme.OK, Level.WARN: theme.WARN, Level.BAD: theme.ACCENT}
ROLE = {Level.OK: "ok", Level.WARN: "warning", Level.BAD: "error"}


@dataclass(frozen=True)
class Finding:
    level: Level
    text: str
    details: tuple[str, ...] = ()
    mark: str = ""  # instead of the level's mark, for a plain note

    @property
    def shown_mark(self) -> str:
        return self.mark or MARK[self.level]


def said(sentence: str) -> str:
    """A sentence from the exchange (English where it arises) in the viewer's language."""
    return in_language(sentence, current_language())


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class VerdictPanel(QFrame):
    """The header: one headline with its mark, the findings behind it, and who signed what."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.level = Level.OK
        self.bundle: OpenedBundle | None = None
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        scale_font(self.headline, 1.35)
        self.findings = selectable(role_label())
        t = self.texts = Texts()
        self.meta_labels = {
            "signer": t.label(lambda: self.tr("Signed by"), role="subtitle"),
            "device": t.label(lambda: self.tr("Device"), role="subtitle"),
            "sequence": t.label(lambda: self.tr("Sequence"), role="subtitle"),
            "period": t.label(lambda: self.tr("Period"), role="subtitle"),
            "created": t.label(lambda: self.tr("Created"), role="subtitle"),
            "file": t.label(lambda: self.tr("File"), role="subtitle"),
        }
        self.meta_values = {key: selectable(role_label()) for key in self.meta_labels}
        meta = form(*((label, self.meta_values[key]) for key, label in self.meta_labels.items()))
        meta.setHorizontalSpacing(12)
        meta.setVerticalSpacing(2)
        hbox(
            (vbox(self.headline, self.findings, STRETCH), 3),
            16,
            (meta, 2),
            parent=self,
            margins=(14, 10, 14, 10),
        )

    def show_bundle(self, bundle: OpenedBundle) -> None:
        self.bundle = bundle
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()
        bundle = self.bundle
        if bundle is None:
            return
        findings = self._findings(bundle)
        level = max((f.level for f in findings), default=Level.OK)
        self._show_verdict(level, self._headline(level), findings)
        period = (
            bundle.period_first
            if bundle.period_first == bundle.period_last
            else f"{bundle.period_first} – {bundle.period_last}"
        )
        values = {
            "signer": self._signer(bundle.verdict),
            "device": bundle.device_id or "—",
            "sequence": str(bundle.sequence),
            "period": period,
            "created": bundle.created,
            "file": bundle.path_name,
        }
        for key, value in values.items():
            self.meta_values[key].setText(value)
            self.meta_values[key].setAccessibleName(f"{self.meta_labels[key].text()} {value}")

    def _findings(self, bundle: OpenedBundle) -> list[Finding]:  # noqa: C901 - one case each
        out: list[Finding] = []
        verdict = bundle.verdict
        if verdict is None:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr(
                        "The signature (.minisig file beside the bundle) is missing or "
                        "cannot be read."
                    ),
                    (said(bundle.signature_problem),) if bundle.signature_problem else (),
                )
            )
        elif verdict.valid and verdict.trusted:
            out.append(
                Finding(Level.OK, self.tr("The signature is valid and the device is trusted."))
            )
        elif verdict.valid:
            out.append(
                Finding(
                    Level.WARN,
                    self.tr(
                        "The signature is valid, but the device that made it is not among the "
                        "trusted keys."
                    ),
                )
            )
        elif verdict.signer is None:
            out.append(
                Finding(
                    Level.WARN,
                    self.tr(
                        "The signature cannot be checked: the device that made it is not among "
                        "the trusted keys."
                    ),
                )
            )
        else:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr(
                        "The signature does not verify: the bundle was changed after it was signed."
                    ),
                )
            )
        if verdict is not None and bundle.signature_problem not in ("", signature_problem(verdict)):
            # something beyond the verdict itself, e.g. a trusted comment that names another
            # device, sequence or period than the manifest
            out.append(Finding(Level.BAD, said(bundle.signature_problem)))
        if (
            verdict is not None
            and bundle.device_id
            and verdict.device_id
            and verdict.device_id != bundle.device_id
        ):
            out.append(
                Finding(
                    Level.BAD,
                    self.tr("The signature names device %1, but the bundle says it is from %2.")
                    .replace("%1", verdict.device_id)
                    .replace("%2", bundle.device_id),
                )
            )
        if bundle.manifest_problems:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr("The manifest does not match the bundle's contents:"),
                    tuple(said(p) for p in bundle.manifest_problems),
                )
            )
        else:
            out.append(
                Finding(Level.OK, self.tr("Every file in the bundle matches its manifest hash."))
            )
        total = len(bundle.figures)
        wrong = sum(1 for f in bundle.figures if f.status == MISMATCH)
        unknown = sum(1 for f in bundle.figures if f.status == NOT_RECOMPUTABLE)
        checked = total - unknown
        if wrong:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr(
                        "%n figure(s) do not match the records they were counted from.", None, wrong
                    ),
                )
            )
        elif checked:
            out.append(
                Finding(
                    Level.OK,
                    self.tr(
                        "All %Ln figure(s) that can be recomputed from the records match.",
                        None,
                        checked,
                    ),
                )
            )
        else:
            out.append(
                Finding(Level.WARN, self.tr("No figure could be recomputed from the records."))
            )
        if unknown:
            out.append(
                Finding(
                    Level.OK,
                    self.tr(
                        "%Ln figure(s), such as zones and age bands, cannot be recomputed: the "
                        "de-identified records leave those details out on purpose.",
                        None,
                        unknown,
                    ),
                    mark="—",
                )
            )
        if bundle.encrypted:
            out.append(
                Finding(
                    Level.OK, self.tr("The bundle was encrypted; it was decrypted in memory only.")
                )
            )
        return out

    def _show_verdict(self, level: Level, headline: str, findings: Sequence[Finding]) -> None:
        self.level = level
        self.headline.setText(f"{MARK[level]} {headline}")
        set_role(self.headline, ROLE[level])
        lines = []
        for finding in findings:
            lines.append(f"{finding.shown_mark} {finding.text}")
            lines.extend(f"      {detail}" for detail in finding.details)
        self.findings.setText("\n".join(lines))
        self.findings.setAccessibleName(self.findings.text())
        self.headline.setAccessibleName(self.headline.text())
        self.setStyleSheet(
            f'QFrame[role="card"] {{ border: 1px solid {COLOUR[level]}; '
            f"border-left-width: 6px; border-radius: 6px; }}"
        )

    def _signer(self, verdict: Verdict | None) -> str:
        if verdict is None or not verdict.device_id:
            return "—"
        if verdict.valid and verdict.trusted:
            return self.tr("%1 (trusted)").replace("%1", verdict.fingerprint)
        if verdict.valid:
            return self.tr("%1 (not trusted)").replace("%1", verdict.fingerprint)
        if verdict.signer is None:
            return self.tr("%1 (unknown key)").replace("%1", verdict.fingerprint)
        return self.tr("%1 (does not verify)").replace("%1", verdict.fingerprint)

    def _headline(self, level: Level) -> str:
        if level is Level.OK:
            return self.tr("Verified: signed by a trusted device, and the figures match.")
        if level is Level.WARN:
            return self.tr("Not verified: the signing device is not trusted here.")
        return self.tr("Do not rely on this bundle: it failed a check.")
