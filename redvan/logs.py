"""Logging: what happened, never what was written (STYLE 7).

One setup for the app and the command line. Records go to a private file in the user's log
folder; a filter strips anything shaped like a secret as a backstop, and no record is ever
built from field values in the first place.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from redvan.core.pii import redact

_HEX_KEY = re.compile(r"x'[0-9a-fA-F]{16,}'|\b[0-9a-fA-F]{32,}\b")


class RedactingFilter(logging.Filter):
    """Masks raw keys, long hex strings and personal data shapes in every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(_HEX_KEY.sub("[key]", message))
        cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else "?" for ch in cleaned)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def log_dir() -> Path:
    override = os.environ.get("REDVAN_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("redvan", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Route redvan's loggers to a private rotating file; nothing goes to the terminal."""
    root = logging.getLogger("redvan")
    if getattr(root, "_redvan_configured", False):
        return None
    root.setLevel(level)
    root.propagate = False
    path: Path | None = log_dir() / "redvan.log"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler, path = logging.NullHandler(), None
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root._redvan_configured = True  # type: ignore[attr-defined]
    return path
