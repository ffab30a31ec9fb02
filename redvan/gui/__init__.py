"""The PySide6 desktop application. The only package that imports PySide6."""

from redvan.gui.refcounts import protect

protect()  # before any Qt call: see refcounts.py (PySide6 6.12 on Python 3.11)
