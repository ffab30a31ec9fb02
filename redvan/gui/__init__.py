"""The PySide6 desktop application. The only package that imports PySide6."""

from redvan.gui.none_guard import protect_none

protect_none()  # before any screen exists: see none_guard (issue 15, item 2)
