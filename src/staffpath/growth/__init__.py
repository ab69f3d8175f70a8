"""Growing people, not only judging them: growth plans from the gaps, opportunities and who
would be grown by them, and sponsorships with their outcomes."""
