"""Keep PySide6's reference-count slip from killing the app (issue 15, item 2).

PySide6 6.12.0 on Python 3.11 gives back one reference too many for what a call returns when
that is None or a bool: every call of a method that returns nothing (`setText`,
`beginResetModel`, …) takes one reference from None, every signal `emit` one from True.
Python 3.12 made None, True and False immortal (PEP 683), so there it does no harm; on 3.11
the count reaches zero after enough calls and the interpreter aborts — "Fatal Python error:
none_dealloc" or "bool_dealloc", usually at quit (exit 134), sooner the more the user does.

`protect()` does for these three what 3.12 does: it raises their counts so far that no
session can bring them to zero. They are static objects, never freed, so the raised count
changes nothing else. It runs once, when redvan.gui is imported, before any Qt call.
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 slipped references would take a year of calls at a million a second.
HEADROOM = 1 << 40
_done = False


def protect() -> bool:
    """Raise the reference counts of None, True and False once; False where not needed."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t).
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    _done = True
    return True
