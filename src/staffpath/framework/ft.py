"""Import the Financial Times engineering-progression layout (competencies.yml + levels.yml)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from staffpath.errors import InputError, NotFoundError, ProblemList
from staffpath.framework.checks import normalise_tag
from staffpath.framework.loader import (
    YamlDocument,
    decode_source,
    load_framework,
    parse_yaml,
    read_source,
    validation_problems,
)
from staffpath.framework.model import Framework
from staffpath.vocab import EvidenceKind, Scope

FTSource = str | Path | Sequence[str | Path]
M = TypeVar("M", bound=BaseModel)

_NAMES = ("competencies.yml", "competencies.yaml")


class _FTLevel(BaseModel):
    # The FT files carry fields staffpath has no use for (and grow new ones), so ignore extras.
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    summary: str | None = None


class _FTCompetency(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    summary: str = Field(min_length=1)
    examples: list[str] | None = None
    level: str = Field(min_length=1)
    area: str = Field(min_length=1)


# FT competency areas, described in staffpath's terms. Unknown areas still import, as dimensions
# whose evidence kinds are left for the user to fill in.
_AREAS: dict[str, dict[str, Any]] = {
    "technical": {
        "title": "Technical",
        "summary": "Building and running software well, and making sound technical choices.",
        "aliases": ["tech", "engineering"],
        "kinds": ["shipped_project", "design_doc", "decision_record", "review", "incident",
                  "migration", "cross_team_code"],
    },
    "delivery": {
        "title": "Delivery",
        "summary": "Getting valuable work finished and into users' hands.",
        "aliases": ["shipping", "execution"],
        "kinds": ["shipped_project", "migration", "process", "oncall", "glue_work"],
    },
    "communication": {
        "title": "Communication",
        "summary": "Sharing information clearly and listening well.",
        "aliases": ["comms", "writing"],
        "kinds": ["writing", "talk", "feedback", "review", "design_doc"],
    },
    "leadership": {
        "title": "Leadership",
        "summary": "Lifting the people and teams around you.",
        "aliases": ["mentoring", "lead"],
        "kinds": ["mentorship", "sponsorship", "hiring", "strategy", "knowledge_spread",
                  "glue_work", "learning"],
    },
}

_SCOPES = (Scope.SELF, Scope.TEAM, Scope.TEAMS, Scope.ORG, Scope.COMPANY)


def _slug(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.strip().lower())
    return "-".join(part for part in out.split("-") if part) or "x"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _default_rule(index: int) -> dict[str, Any]:
    """A rule that grows with the rung: more items, wider scope, longer span."""
    return {
        "min_items": min(1 + index, 4),
        "min_scope": _SCOPES[min(index, len(_SCOPES) - 1)].name.lower(),
        "min_span_months": min(3 * index, 12),
    }


def _resolve(source: FTSource) -> tuple[Path, Path]:
    """(competencies.yml, levels.yml) from a directory, a competencies file or two paths."""
    if isinstance(source, str | Path):
        p = Path(source)
        if p.is_dir():
            for folder in (p, p / "data"):
                for name in _NAMES:
                    if (folder / name).is_file():
                        return _resolve(folder / name)
            raise NotFoundError(f"no competencies.yml in {p} (or {p / 'data'})")
        for name in ("levels.yml", "levels.yaml"):
            if (p.parent / name).is_file():
                return p, p.parent / name
        raise NotFoundError(f"no levels.yml next to {p}")
    paths = [Path(s) for s in source]
    if len(paths) != 2:
        raise InputError(f"expected two files (competencies.yml, levels.yml), got {len(paths)}")
    competencies, levels = paths
    if "level" in competencies.name and "level" not in levels.name:
        competencies, levels = levels, competencies  # accept either order; the names tell
    return competencies, levels


def _read(path: Path, what: str) -> tuple[YamlDocument, bytes]:
    raw, source = read_source(path)
    return parse_yaml(decode_source(raw, source), source, what=what), raw


def _validate_list(
    model: type[M], doc: YamlDocument, what: str, problems: list[InputError]
) -> list[tuple[int, M]]:
    """Validate each list item on its own, so one bad entry does not hide the others' problems.

    Returns the valid items with their positions in the file's list.
    """
    if not isinstance(doc.data, list):
        problems.append(doc.problem((), f"top level must be a list of {what}"))
        return []
    items = []
    for i, item in enumerate(doc.data):
        try:
            items.append((i, model.model_validate(item)))
        except ValidationError as exc:
            problems.extend(validation_problems(exc, doc, prefix=(i,)))
    return items


def load_ft_framework(source: FTSource) -> Framework:
    """Build a Framework from FT engineering-progression files; raises ProblemList."""
    comp_path, levels_path = _resolve(source)
    comp_doc, comp_raw = _read(comp_path, "list of competencies")
    levels_doc, levels_raw = _read(levels_path, "list of levels")
    problems = [*comp_doc.problems, *levels_doc.problems]
    ft_levels = _validate_list(_FTLevel, levels_doc, "levels", problems)
    competencies = _validate_list(_FTCompetency, comp_doc, "competencies", problems)

    slugs: dict[str, str] = {}  # FT level id → staffpath level id
    for i, lv in ft_levels:
        slug = _slug(lv.id)
        if slug in slugs.values():
            problems.append(levels_doc.problem((i, "id"), f"duplicate level id {lv.id!r}"))
        slugs[lv.id] = slug
    # Levels that failed validation still exist for the competencies that name them.
    raw_levels = levels_doc.data if isinstance(levels_doc.data, list) else []
    named = set(slugs) | {
        item["id"] for item in raw_levels
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }

    areas: dict[str, dict[str, list[_FTCompetency]]] = {}
    for i, comp in competencies:
        if comp.level not in named:
            problems.append(comp_doc.problem((i, "level"), (
                f"competency level {comp.level!r} is not in {levels_path.name}; levels: "
                + ", ".join(slugs))))
        elif comp.level in slugs:
            areas.setdefault(comp.area, {}).setdefault(slugs[comp.level], []).append(comp)
    if not problems and not ft_levels:
        problems.append(levels_doc.problem((), "no levels found"))
    if not problems and not competencies:
        problems.append(comp_doc.problem((), "no competencies found"))
    if problems:
        problems.sort(key=lambda p: (p.path or "", p.line or 0))
        raise ProblemList(list(problems))

    order = list(slugs.values())
    used_tags: set[str] = set()
    dimensions = []
    for area, by_level in areas.items():
        known = _AREAS.get(area.strip().lower(), {})
        dim_id = _slug(area).replace("-", "_")
        used_tags.add(normalise_tag(dim_id))
        expectations = {}
        for index, level_id in enumerate(order):
            comps = by_level.get(level_id)
            if not comps:
                continue
            examples = [e for c in comps for e in (c.examples or []) if e.strip()]
            expectations[level_id] = {
                "behaviours": [_one_line(c.summary) for c in comps],
                "evidence": _default_rule(index),
                "closes_gap": _one_line(examples[0] if examples else comps[0].summary),
            }
        dimensions.append({
            "id": dim_id,
            "title": known.get("title", area.replace("-", " ").replace("_", " ").capitalize()),
            "summary": known.get("summary", f"Competencies in the FT area {area!r}."),
            "aliases": known.get("aliases", []),
            "kinds": known.get("kinds", [EvidenceKind.OTHER.value]),
            "expectations": expectations,
        })
    # Drop aliases that another dimension's id already claims, rather than fail the import.
    for dim in dimensions:
        dim["aliases"] = [a for a in dim["aliases"] if normalise_tag(a) not in used_tags]
        used_tags.update(normalise_tag(a) for a in dim["aliases"])

    digest = hashlib.sha256(comp_raw + b"\0" + levels_raw).hexdigest()[:12]
    data = {
        "id": "ft-engineering-progression",
        "name": "Financial Times engineering progression",
        "version": f"ft-{digest}",
        "description": (
            "Imported from the Financial Times engineering-progression layout (competencies.yml "
            "and levels.yml). Evidence rules and evidence kinds are staffpath defaults: review "
            "them before using this framework for assessments."
        ),
        "levels": [
            {
                "id": slugs[lv.id],
                "title": _one_line(lv.name),
                "summary": _one_line(
                    lv.summary if lv.summary and lv.summary.strip() not in ("", "TODO")
                    else lv.name),
            }
            for _, lv in ft_levels
        ],
        "dimensions": dimensions,
    }
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise ProblemList([
            InputError(f"cannot import: {err['msg']}", path=str(comp_path))
            for err in exc.errors(include_url=False)
        ]) from None


def load_any_framework(path: str | Path) -> Framework:
    """Load a framework file: FT layout for a directory or competencies.yml, else staffpath YAML."""
    p = Path(path)
    if p.is_dir() or p.name in _NAMES:
        return load_ft_framework(p)
    return load_framework(p)
