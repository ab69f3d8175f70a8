"""The Financial Times engineering-progression job-family layout, current since early 2025
(`data/job-families/engineering.yml`): `levels` (id, name), `themes` (id, name, summary) and
`competencies`, each with a `level`, a `theme`, a `summary` and a `proficiency`.

Each theme becomes a dimension; each competency, the behaviour its theme expects at its level,
its proficiency word kept in front ("Practitioner: …")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from staffpath.errors import InputError, ProblemList
from staffpath.framework.ft import _validate_list
from staffpath.framework.importers.common import (
    DEFAULTS_NOTE,
    build,
    digest,
    dimension,
    dimension_id,
    kinds_for,
    one_line,
    ranks,
    slug,
)
from staffpath.framework.loader import YamlDocument
from staffpath.framework.model import Framework

KEYS = frozenset({"levels", "themes", "competencies"})


class _Level(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    summary: str | None = None


class _Theme(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    summary: str | None = None


class _Competency(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    level: str = Field(min_length=1)
    theme: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    proficiency: str | None = None
    examples: list[str] | None = None


def _section(doc: YamlDocument, key: str) -> YamlDocument:
    assert isinstance(doc.data, dict)
    return YamlDocument(doc.source, doc.data.get(key), {
        loc[1:]: line for loc, line in doc.lines.items() if loc[:1] == (key,)})


def is_job_family(data: object) -> bool:
    return isinstance(data, dict) and set(data) >= KEYS


def load_job_family(doc: YamlDocument, raw: bytes) -> Framework:
    """A Framework from a parsed job-family file; ProblemList names each bad entry's line."""
    problems: list[InputError] = list(doc.problems)
    levels = _validate_list(_Level, _section(doc, "levels"), "levels", problems)
    themes = _validate_list(_Theme, _section(doc, "themes"), "themes", problems)
    comps_doc = _section(doc, "competencies")
    comps = _validate_list(_Competency, comps_doc, "competencies", problems)
    level_ids = {lv.id: slug(lv.id) for _, lv in levels}
    theme_by_id = {t.id: t for _, t in themes}
    by_theme: dict[str, dict[str, list[str]]] = {}
    for i, c in comps:
        if c.level not in level_ids:
            problems.append(comps_doc.problem((i, "level"), f"level {c.level!r} is not one of "
                                              f"the file's levels ({', '.join(level_ids)})"))
        elif c.theme not in theme_by_id:
            problems.append(comps_doc.problem((i, "theme"), f"theme {c.theme!r} is not one of "
                                              f"the file's themes ({', '.join(theme_by_id)})"))
        else:
            said = one_line(c.summary)
            if c.proficiency:
                said = f"{one_line(c.proficiency)}: {said}"
            by_theme.setdefault(c.theme, {}).setdefault(level_ids[c.level], []).append(said)
    if not problems and not comps:
        problems.append(comps_doc.problem((), "no competencies found"))
    if problems:
        raise ProblemList(sorted(problems, key=lambda p: p.line or 0))
    order = ranks({level_ids[lv.id]: lv.name for _, lv in levels})
    dims = [dimension(dimension_id(t.id), t.name, t.summary or t.name, kinds_for(t.id, t.name),
                      by_theme[t.id], order)
            for t in theme_by_id.values() if t.id in by_theme]
    assert isinstance(doc.data, dict)
    name = one_line(str(doc.data.get("name") or Path(doc.source).stem))
    data: dict[str, Any] = {
        "id": f"ft-{slug(name)}",
        "name": f"{name} (Financial Times job family)",
        "version": f"ft-{digest(raw)}",
        "description": one_line(str(doc.data.get("summary") or "")) + (
            " Imported from the FT engineering-progression job-family layout. ") + DEFAULTS_NOTE,
        "levels": [{"id": level_ids[lv.id], "title": one_line(lv.name),
                    "summary": one_line(lv.summary or lv.name)} for _, lv in levels],
        "dimensions": dims,
    }
    return build(data, doc.source)
