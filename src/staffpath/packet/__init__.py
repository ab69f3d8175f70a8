"""Promotion packets: the case for a level, built from an assessment and its evidence."""
