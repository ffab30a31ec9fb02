"""Red Van Intake: anonymous, encrypted, offline records for street outreach teams."""

__version__ = "0.1.0"
