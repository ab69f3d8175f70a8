"""People and teams: the roster, its import, and finding a person by what the user typed."""
