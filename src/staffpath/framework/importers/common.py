"""What every imported ladder shares: ids made from names, evidence kinds guessed from a
competency's name, and the evidence rules an import cannot know, as marked defaults."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from pydantic import ValidationError

from staffpath.errors import InputError, ProblemList
from staffpath.framework.model import Framework
from staffpath.vocab import EvidenceKind, Scope

# Said in every imported framework's description, and shown by `framework show`.
DEFAULTS_NOTE = (
    "Evidence rules (how many items, what reach, over how long) and the evidence kinds that "
    "count are staffpath DEFAULTS made by the import, growing with each level: review them "
    "before using this framework for decisions.")

_SCOPES = (Scope.SELF, Scope.TEAM, Scope.TEAMS, Scope.ORG, Scope.COMPANY)

# Words in a competency or theme name → the kinds of work that show it.
_KIND_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("technical", "engineering", "craft", "quality", "architecture", "code"),
     ("shipped_project", "design_doc", "decision_record", "review", "incident", "migration",
      "cross_team_code")),
    (("delivery", "execution", "planning", "organising", "organizing", "independent"),
     ("shipped_project", "migration", "process", "oncall", "glue_work")),
    (("problem", "decision", "judgment", "judgement"),
     ("decision_record", "design_doc", "incident", "strategy")),
    (("business", "impact", "strategy", "product", "vision"),
     ("strategy", "shipped_project", "decision_record")),
    (("communication", "writing", "influence"),
     ("writing", "talk", "feedback", "design_doc", "review")),
    (("team", "collaboration", "teamwork", "partnership", "relationship"),
     ("review", "cross_team_code", "glue_work", "knowledge_spread", "feedback")),
    (("learning", "curiosity", "growth"), ("learning", "knowledge_spread", "talk", "writing")),
    (("leadership", "mentoring", "mentorship", "people", "developing", "hiring"),
     ("mentorship", "sponsorship", "hiring", "feedback", "knowledge_spread")),
)


def slug(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.strip().lower())
    return "-".join(part for part in out.split("-") if part) or "x"


def dimension_id(text: str) -> str:
    return slug(text).replace("-", "_")


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def kinds_for(*names: str) -> list[str]:
    """Evidence kinds whose work shows a competency, from the words of its name (a default)."""
    words = " ".join(names).lower().replace("-", " ").replace("_", " ").replace("&", " ")
    found: list[str] = []
    for keys, kinds in _KIND_WORDS:
        if any(k in words for k in keys):
            found.extend(k for k in kinds if k not in found)
    return found or [k.value for k in EvidenceKind if k is not EvidenceKind.OTHER]


def default_rule(index: int) -> dict[str, Any]:
    """The marked default: more items, wider reach and a longer span at each higher level."""
    return {
        "min_items": min(1 + index, 4),
        "min_scope": _SCOPES[min(index, len(_SCOPES) - 1)].name.lower(),
        "min_span_months": min(3 * index, 12),
    }


def digest(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:12]


def build(data: dict[str, Any], source: str) -> Framework:
    """The framework, or one line per problem with the file it came from."""
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise ProblemList([
            InputError(f"cannot import: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}",
                       path=source)
            for err in exc.errors(include_url=False)
        ]) from None


def ranks(titles: dict[str, str]) -> dict[str, int]:
    """Each level's rung: parallel tracks at one rung ("Senior Engineer 2 (Individual
    Contributor)" and "(People Manager)") share it, so the default rules match."""
    rungs: list[str] = []
    out: dict[str, int] = {}
    for level_id, title in titles.items():
        base = re.sub(r"\s*\([^)]*\)\s*$", "", title).strip().lower() or level_id
        if base not in rungs:
            rungs.append(base)
        out[level_id] = rungs.index(base)
    return out


def dimension(dim_id: str, title: str, summary: str, kinds: list[str],
              behaviours_by_level: dict[str, list[str]], level_rank: dict[str, int],
              examples_by_level: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """One dimension: at each level its behaviours, a default rule, and what closes the gap."""
    expectations: dict[str, Any] = {}
    for level_id, index in level_rank.items():
        behaviours = [one_line(b) for b in behaviours_by_level.get(level_id, []) if b.strip()]
        if not behaviours:
            continue
        examples = (examples_by_level or {}).get(level_id, [])
        expectations[level_id] = {
            "behaviours": behaviours,
            "evidence": default_rule(index),
            "closes_gap": one_line(examples[0] if examples else behaviours[0]),
        }
    return {"id": dim_id, "title": one_line(title), "summary": one_line(summary) or title,
            "kinds": kinds, "expectations": expectations}
