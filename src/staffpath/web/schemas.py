"""Request bodies the web accepts, for forms and the JSON API alike.

Every model forbids unknown fields: a request that tries to set something it may not (an
owner, a version, a provenance key, an admin flag) is rejected whole, not quietly trimmed.
People and teams are sent as the directory's own inputs (`staffpath.people.inputs`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from staffpath.ledger.record import EvidenceInput
from staffpath.vocab import EvidenceKind

ScopeName = Literal["self", "team", "teams", "org", "company"]
Label = list[str]
# A measured impact: a finite number (no NaN or infinity, which no JSON export may hold).
Metric = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class EntryCreate(Strict):
    """A new journal entry."""

    title: str = Field(min_length=1, max_length=2000)
    body: str = Field(default="", max_length=20_000)
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    kind: EvidenceKind = EvidenceKind.OTHER
    project: str | None = Field(default=None, max_length=300)
    teams: Label = []
    stakeholders: Label = []
    people: Label = []
    scope: ScopeName | None = None
    impact_text: str | None = Field(default=None, max_length=2000)
    impact_money: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    impact_currency: str | None = Field(default=None, min_length=3, max_length=3)
    impact_period: Literal["year", "quarter", "month", "week"] | None = None
    impact_metric: Metric | None = None
    impact_unit: str | None = Field(default=None, max_length=40)
    dimensions: Label = []
    tags: Label = []


def entry_input(data: EntryCreate) -> EvidenceInput:
    """A typed journal entry as the ledger stores it."""
    return EvidenceInput.model_validate({**data.model_dump(), "source_type": "typed"})


class EntryUpdate(Strict):
    """Changes to a journal entry; only the fields sent are changed."""

    title: str | None = Field(default=None, min_length=1, max_length=2000)
    body: str | None = Field(default=None, max_length=20_000)
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    kind: EvidenceKind | None = None
    project: str | None = Field(default=None, max_length=300)
    teams: Label | None = None
    stakeholders: Label | None = None
    people: Label | None = None
    scope: ScopeName | None = None
    impact_text: str | None = Field(default=None, max_length=2000)
    impact_money: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    impact_currency: str | None = Field(default=None, min_length=3, max_length=3)
    impact_period: Literal["year", "quarter", "month", "week"] | None = None
    impact_metric: Metric | None = None
    impact_unit: str | None = Field(default=None, max_length=40)
    dimensions: Label | None = None
    tags: Label | None = None


class BragDocument(Strict):
    """A brag document sent as text."""

    text: str = Field(max_length=1_000_000)
    name: str = Field(default="upload.md", min_length=1, max_length=200)


class SelfRatings(Strict):
    """The levels a person gives themselves, by dimension id."""

    ratings: dict[str, str]


class Login(Strict):
    login: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=1000)


class PasswordChange(Strict):
    current_password: str = Field(min_length=1, max_length=1000)
    new_password: str = Field(min_length=1, max_length=1000)


class UserCreate(Strict):
    """A new account; without a password one is generated and returned once."""

    login: str = Field(min_length=1, max_length=320)
    password: str | None = Field(default=None, max_length=1000)
    person: str | None = Field(default=None, description="handle of the person it belongs to")
    is_admin: bool = False
    is_committee: bool = False


class UserUpdate(Strict):
    is_admin: bool | None = None
    is_committee: bool | None = None
    active: bool | None = None


class PasswordReset(Strict):
    password: str | None = Field(default=None, max_length=1000)


class FrameworkUpload(Strict):
    """A framework file's YAML text."""

    yaml: str = Field(min_length=1, max_length=2_000_000)
    activate: bool = True


class Erasure(Strict):
    """Erasing a person is confirmed by naming them."""

    confirm: str = Field(description="the handle of the person to erase")
