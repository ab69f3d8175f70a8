"""Whether staff is right for you: how a person's recorded work splits today between building
and the work staff engineers spend most of their time on, how the staff shape they fit would
change that split, and their own answer to "what energises you" beside it. Staying senior by
choice is a supported outcome, and the reflection says so.

The typical splits per shape are this product's reading of how staff engineers describe their
weeks (tech leads align and unblock, architects write and review, solvers still build most,
right hands align almost all the time); they are prompts for a conversation, not measurements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.assess.service import assess_person, live_evidence
from staffpath.errors import InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.growth.access import require_growth
from staffpath.growth.tables import Reflection
from staffpath.store.tables import Person, utcnow

CATEGORIES = ("building", "alignment", "writing", "reviews", "mentoring", "glue")
LABELS = {"building": "building", "alignment": "alignment and direction",
          "writing": "writing designs and decisions", "reviews": "reviews and feedback",
          "mentoring": "growing others", "glue": "glue work (on-call, incidents, tooling)"}
KIND_CATEGORY = {
    "shipped_project": "building", "migration": "building", "cross_team_code": "building",
    "strategy": "alignment", "process": "alignment", "hiring": "alignment",
    "design_doc": "writing", "decision_record": "writing", "writing": "writing",
    "talk": "writing", "review": "reviews", "feedback": "reviews", "mentorship": "mentoring",
    "sponsorship": "mentoring", "knowledge_spread": "mentoring", "glue_work": "glue",
    "oncall": "glue", "incident": "glue",
}
SHAPES: dict[str, dict[str, float]] = {
    "senior": {"building": .60, "alignment": .05, "writing": .10, "reviews": .10,
               "mentoring": .05, "glue": .10},
    "tech_lead": {"building": .30, "alignment": .20, "writing": .15, "reviews": .10,
                  "mentoring": .15, "glue": .10},
    "architect": {"building": .15, "alignment": .25, "writing": .30, "reviews": .15,
                  "mentoring": .10, "glue": .05},
    "solver": {"building": .45, "alignment": .10, "writing": .15, "reviews": .10,
               "mentoring": .05, "glue": .15},
    "right_hand": {"building": .05, "alignment": .40, "writing": .20, "reviews": .05,
                   "mentoring": .15, "glue": .15},
}
WINDOW_DAYS = 365
MAX_ANSWER = 2000


@dataclass(frozen=True)
class Fit:
    person: str
    target_level: str | None
    items: int  # recorded items in the last year that say what kind of work they were
    today: dict[str, float]
    shape: str | None  # the closest staff shape (archetype id)
    shape_title: str | None
    shape_split: dict[str, float]
    energises: str
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.person, "target_level": self.target_level, "items": self.items,
                "today": self.today, "shape": self.shape, "shape_title": self.shape_title,
                "shape_split": self.shape_split, "energises": self.energises,
                "summary": self.summary}

    def rows(self) -> list[dict[str, Any]]:
        return [{"category": c, "label": LABELS[c], "today": self.today.get(c, 0.0),
                 "shape": self.shape_split.get(c, 0.0)} for c in CATEGORIES]


def split_of(kinds: list[str]) -> dict[str, float]:
    counted = [KIND_CATEGORY[k] for k in kinds if k in KIND_CATEGORY]
    if not counted:
        return dict.fromkeys(CATEGORIES, 0.0)
    return {c: round(counted.count(c) / len(counted), 2) for c in CATEGORIES}


def fit_reflection(session: Session, viewer: Principal, person: Person, framework: Framework,
                   *, as_of: dt.date | None = None) -> Fit:
    """The reflection for one person, from their recorded work of the last year."""
    require_growth(viewer, person.id)
    day = as_of or dt.date.today()
    since = day - dt.timedelta(days=WINDOW_DAYS)
    kinds = [e.kind for e in live_evidence(session, person)
             if e.date_start is not None and since <= e.date_start <= day]
    today = split_of(kinds)
    counted = sum(1 for k in kinds if k in KIND_CATEGORY)
    assessment = assess_person(session, person, framework, as_of=day)
    best = assessment.archetypes[0] if assessment.archetypes else None
    shape = best.archetype if best is not None and best.archetype in SHAPES else None
    split = SHAPES.get(shape or "", {})
    reflection = session.get(Reflection, person.id)
    building = round(today["building"] * 100)
    if not counted:
        summary = "No recorded work of the last year says what kind it was yet."
    elif shape is None:
        summary = f"About {building}% of the recorded work of the last year is building."
    else:
        summary = (f"About {building}% of the recorded work of the last year is building; "
                   f"as a {best.title if best else shape} that would be nearer "
                   f"{round(split['building'] * 100)}%, with more time on "
                   f"{_most_grown(today, split)}. Staying senior by choice is a good "
                   f"outcome too: it keeps building at about "
                   f"{round(SHAPES['senior']['building'] * 100)}%.")
    return Fit(person.handle, person.target_level, counted, today, shape,
               best.title if best is not None and shape else None, split,
               reflection.energises if reflection else "", summary)


def _most_grown(today: dict[str, float], shape: dict[str, float]) -> str:
    grows = sorted(CATEGORIES, key=lambda c: today.get(c, 0) - shape.get(c, 0))
    return " and ".join(LABELS[c] for c in grows[:2])


def set_energises(session: Session, origin: Origin, viewer: Principal, person: Person,
                  answer: str) -> Reflection:
    """The person's own answer to "what energises you" (only they write it)."""
    if not (viewer.operator or viewer.person_id == person.id):
        raise NotFoundError("no such person")
    answer = answer.strip()
    if len(answer) > MAX_ANSWER:
        raise InputError(f"energises: at most {MAX_ANSWER} characters")
    row = session.get(Reflection, person.id) or Reflection(person_id=person.id)
    row.energises, row.updated_at = answer, utcnow()
    session.add(row)
    session.flush()
    record_change(session, origin, "reflection.update", "person", person.id)
    return row
