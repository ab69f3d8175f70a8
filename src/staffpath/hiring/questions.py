"""Interviews on the framework's rubric: the common staff interviews, the dimensions each
focuses on, and questions drawn from the behaviours the framework expects at the level."""

from __future__ import annotations

from collections.abc import Sequence

from staffpath.errors import InputError
from staffpath.framework.model import Framework

# Each kind of interview and the dimensions it usually probes (those the framework has).
KINDS: dict[str, tuple[str, ...]] = {
    "architecture": ("technical_judgment", "scope_of_impact"),
    "strategy_writing": ("strategy", "communication"),
    "past_projects": ("execution", "scope_of_impact", "glue_work"),
    "leadership_values": ("collaboration", "developing_others", "self_awareness"),
    "presentation": ("communication", "strategy"),
}
KIND_TITLES = {"architecture": "Architecture", "strategy_writing": "Strategy writing",
               "past_projects": "Past projects", "leadership_values": "Leadership and values",
               "presentation": "Presentation"}
QUESTIONS_PER_DIMENSION = 2


def focus(fw: Framework, kind: str, dimensions: Sequence[str] = ()) -> list[str]:
    """The dimensions an interview focuses on: those given, or the kind's usual ones."""
    if kind not in KINDS:
        raise InputError(f"interview kind must be one of {', '.join(KINDS)} (not {kind!r})")
    chosen = list(dict.fromkeys(dimensions)) or [d for d in KINDS[kind]
                                                  if d in fw.dimension_ids]
    for d in chosen:
        fw.dimension(d)
    if not chosen:
        raise InputError(f"a {KIND_TITLES[kind].lower()} interview needs a dimension to focus on")
    return chosen


def _ask(behaviour: str) -> str:
    text = behaviour.rstrip(".")
    return f"Tell me about a time your work showed this: {text[0].lower()}{text[1:]}. " \
           "What did you do, and what changed because of it?"


def questions(fw: Framework, dimensions: Sequence[str], level: str) -> list[dict[str, str]]:
    """Questions for the dimensions, each from a behaviour expected at the level."""
    fw.level_index(level)
    out = []
    for d in dimensions:
        expectation = fw.expectation(d, level)
        if expectation is None:
            continue
        for behaviour in expectation.behaviours[:QUESTIONS_PER_DIMENSION]:
            out.append({"dimension": d, "behaviour": behaviour, "question": _ask(behaviour)})
    return out
