"""Sync packages, audit bundles, signing, merge and hostile-input checks."""
