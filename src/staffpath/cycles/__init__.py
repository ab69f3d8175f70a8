"""Promotion cycles: nominations, frozen packets, blind scoring, calibration and decisions."""
