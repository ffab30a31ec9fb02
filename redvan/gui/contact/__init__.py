"""Contact entry (G3): the core screen, where one meeting on the street is logged in seconds."""

from redvan.gui.contact.page import ContactEntryPage

__all__ = ["ContactEntryPage"]
