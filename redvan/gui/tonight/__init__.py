"""The Tonight home screen (G2): the shift, tonight's contacts, quick counters, what is due."""
