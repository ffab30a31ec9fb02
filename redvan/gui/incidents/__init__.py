"""Incidents (G6): record with a consent tier, list, and the alert sheet and police report."""
