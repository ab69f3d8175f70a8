"""The ledger: evidence records and how they get in (brag documents, imports)."""
