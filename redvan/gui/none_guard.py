"""A guard against a binding that drops a reference to None on every call of a void method.

PySide6 6.12.0 returns None from C++ methods that return nothing (`QLabel.setText`,
`QObject.setObjectName`, …) without taking the reference it gives away. From Python 3.12 on
None is immortal and nothing happens; on Python 3.11 every such call lowers None's reference
count by one until it reaches zero and the process aborts with "Fatal Python error:
none_dealloc" (exit 134). A language switch makes thousands of such calls at once (every
label is set again), so the app crashed on quit after one (issue 15, item 2).

pyproject.toml keeps pip away from that release on Python 3.11; this guard protects a copy
that has it anyway (an older virtual environment, a distribution's package): it measures the
binding once at start and, only when the binding is found dropping references and None is
mortal, makes None as immortal as Python 3.12 does.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

PROBE_CALLS = 64
# What Python 3.12 gives immortal objects, near enough: no program lowers it to zero.
IMMORTAL_REFCOUNT = 1 << 40

_state = {"protected": False}


def binding_drops_none(calls: int = PROBE_CALLS) -> bool:
    """True when calling a void Qt method lowers None's reference count."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    after = sys.getrefcount(None)
    probe.deleteLater()
    return after < before


def none_is_mortal() -> bool:
    return sys.version_info < (3, 12)


def protect_none() -> bool:
    """Make None immortal if this binding would otherwise free it; True if it did."""
    if _state["protected"] or not none_is_mortal() or not binding_drops_none():
        return _state["protected"]
    # CPython 3.11 keeps an object's reference count in the first word of the object, whose
    # address id() gives; None is a static object that is never moved or freed.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += IMMORTAL_REFCOUNT
    _state["protected"] = True
    log.warning(
        "this PySide6 drops references to None on Python 3.11; None was made immortal "
        "(install PySide6-Essentials other than 6.12.0 to avoid this)"
    )
    return True
