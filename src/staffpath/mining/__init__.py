"""Mining git history and review data into evidence: authorship, ownership, truck factor."""
