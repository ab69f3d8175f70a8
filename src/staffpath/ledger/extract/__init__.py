"""Facts pulled from one line or paragraph of brag-document prose.

`impacts` (money and metrics), `dates` (dates and ranges), `kind` (the kind of work an item or
heading names), `scope` (how far the work reached) and `tags` (``#tags`` and ``@mentions``).
"""
