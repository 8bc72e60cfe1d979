"""SQLite with a fair queue for writers (issue 13 §1): see base.py."""
