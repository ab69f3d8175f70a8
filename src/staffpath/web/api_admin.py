"""The admin JSON API: people, accounts, teams, frameworks, settings and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from staffpath.accounts import admin as account_admin
from staffpath.accounts.audit import entry_to_dict, list_entries
from staffpath.accounts.auth import generate_password, get_user, list_users, user_to_dict
from staffpath.accounts.ratelimit import unlock
from staffpath.accounts.settings import WebSettings
from staffpath.framework import admin as framework_admin
from staffpath.framework.registry import framework_versions
from staffpath.people.access import Action, Place
from staffpath.people.directory import (
    active_members,
    add_account_for,
    create_person,
    create_team,
    get_person,
    team_to_dict,
    update_person,
    update_team,
)
from staffpath.people.inputs import (
    OrgSizeDeclare,
    PersonCreate,
    PersonUpdate,
    TeamCreate,
    TeamUpdate,
)
from staffpath.people.orgsize import clear_org_size, declare_org_size, declared_org_size
from staffpath.people.service import list_people, list_teams, person_to_dict
from staffpath.privacy.personal_data import erase_confirmed
from staffpath.web.access import place, rule
from staffpath.web.api import SECURITY
from staffpath.web.context import Ctx, guard
from staffpath.web.ids import Limit, QueryId, RowId
from staffpath.web.schemas import Erasure, FrameworkUpload, PasswordReset, UserCreate, UserUpdate

router = APIRouter(prefix="/api/admin", tags=["admin"], dependencies=SECURITY)
CtxDep = Annotated[Ctx, Depends(guard)]
F = TypeVar("F", bound=Callable[..., Any])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found (or you are not an admin)"},
    403: {"description": "Missing or wrong X-CSRF-Token"},
    422: {"description": "Invalid input, or a field that may not be set"},
}


def admin(action: Action, name: str = "") -> Callable[[F], F]:
    return rule(place(Place.ADMIN, action, name))


# --- people ------------------------------------------------------------------------------


@router.get("/people", responses=ERRORS)
@admin(Action.LIST)
def people(ctx: CtxDep) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return [person_to_dict(p) for p in list_people(session)]


@router.post("/people", status_code=201, responses=ERRORS)
@admin(Action.UPDATE, "create_person")
def add_person(ctx: CtxDep, body: PersonCreate) -> dict[str, Any]:
    with ctx.transaction() as session:
        created = create_person(session, body, ctx.framework, origin=ctx.origin)
        return person_to_dict(get_person(session, created.id))


@router.patch("/people/{person_id}", responses=ERRORS)
@admin(Action.UPDATE, "update_person")
def edit_person(ctx: CtxDep, person_id: RowId, body: PersonUpdate) -> dict[str, Any]:
    ctx.target("person", person_id)
    changes = body.model_dump(exclude_unset=True)
    with ctx.transaction() as session:
        subject = update_person(session, person_id, changes, ctx.framework, origin=ctx.origin)
        return person_to_dict(subject)


@router.post("/people/{person_id}/erase", responses=ERRORS)
@admin(Action.DELETE, "erase_person")
def erase(ctx: CtxDep, person_id: RowId, body: Erasure) -> dict[str, Any]:
    """Erase a person's personal data; confirm with their handle. Cannot be undone."""
    ctx.target("person", person_id)
    with ctx.transaction() as session:
        return erase_confirmed(session, person_id, body.confirm, origin=ctx.origin).as_dict()


# --- accounts ----------------------------------------------------------------------------


@router.get("/users", responses=ERRORS)
@admin(Action.LIST)
def users(ctx: CtxDep) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return [user_to_dict(u) for u in list_users(session)]


@router.post("/users", status_code=201, responses=ERRORS)
@admin(Action.UPDATE, "create_user")
def add_user(ctx: CtxDep, body: UserCreate) -> dict[str, Any]:
    """Create an account; a generated password is returned once when none is given."""
    password = body.password or generate_password()
    with ctx.transaction() as session:
        user = add_account_for(session, body.login, password, body.person,
                               is_admin=body.is_admin, is_committee=body.is_committee,
                               origin=ctx.origin)
        return {**user_to_dict(get_user(session, user.id)),
                "password": None if body.password else password}


@router.patch("/users/{user_id}", responses=ERRORS)
@admin(Action.UPDATE, "update_user")
def edit_user(ctx: CtxDep, user_id: RowId, body: UserUpdate) -> dict[str, Any]:
    ctx.target("user", user_id)
    changes = body.model_dump(exclude_unset=True)
    with ctx.transaction() as session:
        return user_to_dict(account_admin.change_account(session, user_id, changes,
                                                         origin=ctx.origin))


@router.post("/users/{user_id}/password", responses=ERRORS)
@admin(Action.UPDATE, "reset_password")
def reset_password(ctx: CtxDep, user_id: RowId, body: PasswordReset) -> dict[str, Any]:
    """Set (or generate) a password; the account is signed out everywhere."""
    ctx.target("user", user_id)
    password = body.password or generate_password()
    with ctx.transaction() as session:
        account_admin.reset_password(session, get_user(session, user_id), password,
                                     origin=ctx.origin)
    return {"user_id": user_id, "password": None if body.password else password}


@router.post("/users/{user_id}/unlock", responses=ERRORS)
@admin(Action.UPDATE, "unlock_account")
def unlock_user(ctx: CtxDep, user_id: RowId) -> dict[str, Any]:
    """Lift the sign-in limit on an account: its failed sign-ins are forgotten."""
    ctx.target("user", user_id)
    with ctx.transaction() as session:
        user = get_user(session, user_id)
        forgotten = unlock(session, user.login, user.id, origin=ctx.origin)
    return {"user_id": user_id, "failures_forgotten": forgotten}


# --- teams -------------------------------------------------------------------------------


@router.get("/teams", responses=ERRORS)
@admin(Action.LIST)
def teams(ctx: CtxDep) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return [team_to_dict(t, active_members(t))
                for t in list_teams(session)]


@router.post("/teams", status_code=201, responses=ERRORS)
@admin(Action.UPDATE, "create_team")
def add_team(ctx: CtxDep, body: TeamCreate) -> dict[str, Any]:
    with ctx.transaction() as session:
        return team_to_dict(create_team(session, body, origin=ctx.origin), 0)


@router.patch("/teams/{team_id}", responses=ERRORS)
@admin(Action.UPDATE, "update_team")
def edit_team(ctx: CtxDep, team_id: RowId, body: TeamUpdate) -> dict[str, Any]:
    ctx.target("team", team_id)
    changes = body.model_dump(exclude_unset=True)
    with ctx.transaction() as session:
        return team_to_dict(update_team(session, team_id, changes, origin=ctx.origin))


# --- the organisation's size ---------------------------------------------------------------


@router.get("/org-size", responses=ERRORS)
@admin(Action.READ)
def org_size(ctx: CtxDep) -> dict[str, Any]:
    """The organisation's declared size, or null: then each record's own statement is read."""
    with ctx.read() as session:
        declared = declared_org_size(session)
    return {"declared": declared.as_dict() if declared else None}


@router.put("/org-size", responses=ERRORS)
@admin(Action.UPDATE, "declare_org_size")
def declare_size(ctx: CtxDep, body: OrgSizeDeclare) -> dict[str, Any]:
    ctx.target("org_profile", None)
    with ctx.transaction() as session:
        declared = declare_org_size(session, ctx.origin, body.engineers, body.teams)
    return {"declared": declared.as_dict()}


@router.delete("/org-size", responses=ERRORS)
@admin(Action.UPDATE, "clear_org_size")
def clear_size(ctx: CtxDep) -> dict[str, Any]:
    ctx.target("org_profile", None)
    with ctx.transaction() as session:
        clear_org_size(session, ctx.origin)
    return {"declared": None}

# --- frameworks, settings, audit ---------------------------------------------------------


@router.get("/frameworks", responses=ERRORS)
@admin(Action.LIST)
def frameworks(ctx: CtxDep) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return [framework_admin.version_to_dict(r) for r in framework_versions(session)]


@router.post("/frameworks", status_code=201, responses=ERRORS)
@admin(Action.UPDATE, "upload_framework")
def upload_framework(ctx: CtxDep, body: FrameworkUpload) -> dict[str, Any]:
    """Validate and store a framework (staffpath YAML); every problem is reported."""
    with ctx.transaction() as session:
        row = framework_admin.upload_framework(session, body.yaml, source="api upload",
                                               activate=body.activate, origin=ctx.origin)
        return framework_admin.version_to_dict(row)


@router.post("/frameworks/{version_id}/activate", responses=ERRORS)
@admin(Action.UPDATE, "activate_framework")
def activate(ctx: CtxDep, version_id: RowId) -> dict[str, Any]:
    ctx.target("framework", version_id)
    with ctx.transaction() as session:
        row = framework_admin.activate_version(session, version_id, origin=ctx.origin)
        return framework_admin.version_to_dict(row)


@router.get("/settings", responses=ERRORS)
@admin(Action.READ)
def settings(ctx: CtxDep) -> WebSettings:
    return ctx.settings


@router.put("/settings", responses=ERRORS)
@admin(Action.UPDATE, "update_settings")
def put_settings(ctx: CtxDep, body: WebSettings) -> WebSettings:
    ctx.target("settings", None)
    with ctx.transaction() as session:
        return account_admin.change_settings(session, body, origin=ctx.origin)


@router.get("/audit", responses=ERRORS)
@admin(Action.READ, "read_audit")
def audit_log(ctx: CtxDep, limit: Limit = 100, before: QueryId = None,
              outcome: str | None = None, action: str | None = None) -> JSONResponse:
    """The audit log, newest first (ids only; page back with `before`)."""
    with ctx.read() as session:
        entries = list_entries(session, limit=limit, before_id=before, outcome=outcome,
                               action=action)
        return JSONResponse([entry_to_dict(e) for e in entries])
