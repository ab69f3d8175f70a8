"""staffpath: evidence-backed career tracking for the staff-plus engineering track."""

__version__ = "0.1.0"
