"""Follow-ups (G5): overdue, today and upcoming; close with an outcome; plan a new one."""
