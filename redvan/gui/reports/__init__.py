"""The Reports screen: weekly tallies and period reports, disclosure preview, programme reach."""
