"""People (G4): find a person by code or alias, their timeline, flags and programmes."""

from redvan.gui.profiles.models import ResultsModel, TimelineModel
from redvan.gui.profiles.page import ProfilesPage

__all__ = ["ProfilesPage", "ResultsModel", "TimelineModel"]
