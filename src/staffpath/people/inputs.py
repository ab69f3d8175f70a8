"""What an administrator sends to add or change people and teams: validated before the
directory (`people.directory`) touches the store, whichever front end it came through."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Input(BaseModel):
    """Unknown fields are refused, not dropped: a request that tries to set something it may
    not is rejected whole."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PersonCreate(Input):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    team: str | None = Field(default=None, max_length=200)
    manager: str | None = Field(default=None, description="the manager's handle")
    role: str = Field(default="engineer", min_length=1, max_length=40)
    level: str | None = None
    target_level: str | None = None


class PersonUpdate(Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    team: str | None = Field(default=None, max_length=200)
    manager: str | None = None
    role: str | None = Field(default=None, min_length=1, max_length=40)
    level: str | None = None
    target_level: str | None = None
    active: bool | None = None


class TeamCreate(Input):
    name: str = Field(min_length=1, max_length=200)
    org_unit: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    owns: list[str] = []


class TeamUpdate(Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    org_unit: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    owns: list[str] | None = None


class OrgSizeDeclare(Input):
    """The organisation's size; teams 0 when not known. `people.orgsize.declare_org_size`
    checks the bounds, for every front end alike."""

    engineers: int
    teams: int = 0
