"""The auditor viewer (SPEC X6): an audit bundle shown read-only, with no vault, writing nothing."""
