"""The organisation as a system: level mix and staff bench, mentorship, key-person risk,
work across teams, and codebase quality, each readable by name or anonymised."""
