"""Domain: entities, vocabularies, client codes, PII guard, ISO weeks and use-case services.

Pure Python: no Qt, no SQL, no reportlab.
"""
