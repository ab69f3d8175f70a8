"""Hiring staff engineers on the rubric the organisation promotes on.

`tables` holds candidates (kept apart from the roster, erasable), roles, loops, interviews,
scorecards and decisions; `titles` reads a candidate's earlier titles by the work's reach;
`questions` draws interview questions from the framework's behaviours; `lookup` finds what a
caller may reach (interviewers their loops, hiring managers their roles, 404 otherwise);
`visible` shows each viewer what they may see, blind until debrief; `changes` holds every
change a person makes, each audited; `debrief` the panel statistics; `outcome` hiring and
erasure.
"""
