"""The evidence record as the service layer accepts it (`EvidenceInput`, validated) and returns
it: as JSON (`evidence_to_dict`), as the journal pages show it, and as a history snapshot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from staffpath.store.tables import Evidence
from staffpath.vocab import EvidenceKind, Role, Scope

SOURCE_TYPES = ("typed", "file", "commit", "url", "git", "review")

# Fields a user may set on an item; everything else (ids, versions, provenance keys) is the
# system's. Edits are checked against this so an update cannot set what it must not.
EDITABLE_FIELDS = (
    "date_start", "date_end", "title", "body", "kind", "project", "teams", "stakeholders",
    "people", "scope", "role", "attested_by", "impact_money", "impact_currency",
    "impact_period", "impact_metric", "impact_unit", "impact_text", "dimensions", "tags",
)


class EvidenceInput(BaseModel):
    """A new or edited piece of evidence, validated before it reaches the store."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=2000)
    body: str = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    kind: EvidenceKind = EvidenceKind.OTHER
    project: str | None = None
    teams: list[str] = []
    stakeholders: list[str] = []
    people: list[str] = []
    scope: Scope | None = None
    role: Role | None = None
    attested_by: list[str] = []
    impact_money: Decimal | None = None
    impact_currency: str | None = None
    impact_period: str | None = None
    impact_metric: float | None = None
    impact_unit: str | None = None
    impact_text: str | None = None
    dimensions: list[str] = []
    tags: list[str] = []
    source_type: str = "typed"
    source_ref: str | None = None
    source_line: int | None = None
    source_key: str | None = None
    extra: dict[str, Any] = {}

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, value: object) -> object:
        if isinstance(value, str):
            return Scope.parse(value)
        return value

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> object:
        if isinstance(value, str):
            return Role.parse(value)
        return value

    @field_validator("teams", "stakeholders", "people", "dimensions", "tags", "attested_by")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))

    @field_validator("source_type")
    @classmethod
    def _source_type(cls, value: str) -> str:
        if value not in SOURCE_TYPES:
            raise ValueError(f"source type must be one of {', '.join(SOURCE_TYPES)}")
        return value

    @model_validator(mode="after")
    def _dates(self) -> EvidenceInput:
        if self.date_end is not None and self.date_start is None:
            self.date_start = self.date_end
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValueError("end date is before start date")
        return self


def evidence_to_dict(ev: Evidence) -> dict[str, Any]:
    """A stable, JSON-ready view of an evidence item."""
    return {
        "id": ev.id,
        "person_id": ev.person_id,
        "person": ev.person.handle if ev.person is not None else None,
        "date_start": ev.date_start.isoformat() if ev.date_start else None,
        "date_end": ev.date_end.isoformat() if ev.date_end else None,
        "title": ev.title,
        "body": ev.body,
        "kind": ev.kind,
        "project": ev.project,
        "teams": list(ev.teams),
        "stakeholders": list(ev.stakeholders),
        "people": list(ev.people),
        "scope": Scope(ev.scope).name.lower() if ev.scope is not None else None,
        "role": Role(ev.role).name.lower() if ev.role is not None else None,
        "attested_by": list(ev.attested_by),
        "extracted": dict(ev.extra.get("extracted", {})),
        "impact": {
            "money": f"{ev.impact_money:.2f}" if ev.impact_money is not None else None,
            "currency": ev.impact_currency,
            "period": ev.impact_period,
            "metric": ev.impact_metric,
            "unit": ev.impact_unit,
            "text": ev.impact_text,
        },
        "dimensions": list(ev.dimensions),
        "tags": list(ev.tags),
        "provenance": {
            "type": ev.source_type,
            "ref": ev.source_ref,
            "line": ev.source_line,
        },
        "version": ev.version,
        "created_at": ev.created_at.isoformat(timespec="seconds"),
        "updated_at": ev.updated_at.isoformat(timespec="seconds"),
        "deleted": ev.deleted_at is not None,
    }


def evidence_view(ev: Evidence) -> dict[str, Any]:
    """An item as the journal pages show it: dates as dates, kind and scope with labels."""
    return {
        "id": ev.id, "title": ev.title, "body": ev.body, "kind": ev.kind,
        "kind_label": ev.kind.replace("_", " "), "date_start": ev.date_start,
        "date_end": ev.date_end, "project": ev.project, "teams": list(ev.teams),
        "people": list(ev.people), "tags": list(ev.tags), "impact_text": ev.impact_text,
        "scope": Scope(ev.scope).name.lower() if ev.scope is not None else "",
        "scope_label": Scope(ev.scope).label if ev.scope is not None else "",
        "source": ev.source_type, "source_ref": (ev.source_ref or "").rsplit("/", 1)[-1],
        "version": ev.version,
    }


def snapshot(ev: Evidence) -> dict[str, Any]:
    """The editable state of an item, for its history."""
    data = {name: getattr(ev, name) for name in EDITABLE_FIELDS}
    for key, value in data.items():
        if isinstance(value, dt.date):
            data[key] = value.isoformat()
        elif isinstance(value, Decimal):
            data[key] = str(value)
        elif isinstance(value, list):
            data[key] = list(value)
    return data
