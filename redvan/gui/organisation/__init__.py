"""Settings → Organisation and the coordinator's merge (O1-O4)."""
