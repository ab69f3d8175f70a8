"""Admin pages: people, accounts, teams, the framework, workspace settings, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from staffpath.accounts import admin as account_admin
from staffpath.accounts.audit import actions_seen, list_entries
from staffpath.accounts.auth import (
    account_of,
    generate_password,
    get_user,
    list_users,
    logins_by_id,
)
from staffpath.accounts.ratelimit import lock_state, unlock
from staffpath.accounts.settings import WebSettings, load_settings
from staffpath.errors import InputError, ProblemList, StaffpathError
from staffpath.framework import admin as framework_admin
from staffpath.framework.registry import framework_versions
from staffpath.people.access import Action, Place
from staffpath.people.directory import (
    active_members,
    add_account_for,
    create_person,
    create_team,
    get_person,
    get_team,
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
from staffpath.people.lookup import person_view
from staffpath.people.orgsize import clear_org_size, declare_org_size, declared_org_size
from staffpath.people.service import handles_by_id, list_people, list_teams
from staffpath.privacy.personal_data import ErasureNotConfirmed, erase_confirmed, is_erased
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.errors import status_for
from staffpath.web.ids import QueryId, RowId
from staffpath.web.schemas import UserCreate, UserUpdate
from staffpath.web.views.forms import FormDep, parse_form
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
MAX_FRAMEWORK = 2_000_000
F = TypeVar("F", bound=Callable[..., Any])


def admin_rule(action: Action, name: str = "") -> Callable[[F], F]:
    return rule(place(Place.ADMIN, action, name))


def _people_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        people = list_people(session)
        accounts = {u.person_id: {"login": u.login, "active": u.active}
                    for u in list_users(session) if u.person_id}
        teams = [t.name for t in list_teams(session)]
        return {"people": [person_view(p) for p in people if not is_erased(p)],
                "erased": sum(1 for p in people if is_erased(p)), "accounts": accounts,
                "teams": teams, "level_ids": list(ctx.framework.level_ids),
                "handles": sorted(p.handle for p in people if not is_erased(p))}


@router.get("/admin", response_model=None)
@admin_rule(Action.READ)
def admin_home(ctx: CtxDep) -> Response:
    return see_other("/admin/people")


@router.get("/admin/people", response_model=None)
@admin_rule(Action.LIST)
def people_page(ctx: CtxDep, message: str | None = None) -> Response:
    return page(ctx, "admin/people.html", section="admin", tab="people", error=None,
                message=message, **_people_context(ctx))


@router.get("/admin/people/{person_id}", response_model=None)
@admin_rule(Action.READ)
def person_page(ctx: CtxDep, person_id: RowId) -> Response:
    with ctx.read() as session:
        subject = person_view(get_person(session, person_id))
        account = account_of(session, person_id)
        login = account.login if account else None
    return page(ctx, "admin/person.html", section="admin", tab="people", error=None,
                message=None, p=subject, login=login, **_people_context(ctx))


def _admin_error(ctx: Ctx, template: str, tab: str, exc: StaffpathError,
                 context: dict[str, Any]) -> Response:
    ctx.audit_refusal()
    return page(ctx, template, section="admin", tab=tab, status=status_for(exc),
                error=str(exc), message=None, **context)


@router.post("/admin/people", response_model=None)
@admin_rule(Action.UPDATE, "create_person")
def add_person(ctx: CtxDep, form: FormDep) -> Response:
    try:
        data = parse_form(form, PersonCreate)
        with ctx.transaction() as session:
            handle = create_person(session, data, ctx.framework, origin=ctx.origin).handle
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/people.html", "people", exc, _people_context(ctx))
    return see_other(f"/admin/people?message=Added+{handle}")


@router.post("/admin/people/{person_id}", response_model=None)
@admin_rule(Action.UPDATE, "update_person")
def edit_person(ctx: CtxDep, form: FormDep, person_id: RowId) -> Response:
    try:
        changes = parse_form(form, PersonUpdate, blank_is_unset=False).model_dump(
            exclude_unset=True)
        ctx.target("person", person_id)
        with ctx.transaction() as session:
            update_person(session, person_id, changes, ctx.framework, origin=ctx.origin)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/people.html", "people", exc, _people_context(ctx))
    return see_other("/admin/people?message=Saved")


@router.post("/admin/people/{person_id}/erase", response_model=None)
@admin_rule(Action.DELETE, "erase_person")
def erase(ctx: CtxDep, form: FormDep, person_id: RowId) -> Response:
    ctx.target("person", person_id)
    try:
        with ctx.transaction() as session:
            erase_confirmed(session, person_id, str(form.get("confirm") or ""),
                            origin=ctx.origin)
    except StaffpathError as exc:
        if isinstance(exc, ErasureNotConfirmed):  # said in the form's words
            exc = InputError(f"type the handle {exc.handle!r} to confirm the erasure")
        return _admin_error(ctx, "admin/people.html", "people", exc, _people_context(ctx))
    return see_other(f"/admin/people?message=Erased+person+%23{person_id}")


# --- accounts ----------------------------------------------------------------------------


def _users_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        users = list_users(session)
        taken = {u.person_id for u in users}
        free = [p.handle for p in list_people(session)
                if p.id not in taken and p.active and not is_erased(p)]
        return {"users": users, "free_handles": free, "new_password": None}


@router.get("/admin/users", response_model=None)
@admin_rule(Action.LIST)
def users_page(ctx: CtxDep) -> Response:
    return page(ctx, "admin/users.html", section="admin", tab="users", error=None,
                message=None, **_users_context(ctx))


@router.get("/admin/users/{user_id}", response_model=None)
@admin_rule(Action.READ)
def user_page(ctx: CtxDep, user_id: RowId) -> Response:
    with ctx.read() as session:
        user = get_user(session, user_id)
        shown = {"id": user.id, "login": user.login, "active": user.active,
                 "is_admin": user.is_admin, "is_committee": user.is_committee,
                 "person": user.person.handle if user.person else None,
                 "lock": lock_state(session, user.login, ctx.settings)}
    return page(ctx, "admin/user.html", section="admin", tab="users", error=None,
                message=None, u=shown, new_password=None)


@router.post("/admin/users/{user_id}/unlock", response_model=None)
@admin_rule(Action.UPDATE, "unlock_account")
def unlock_user(ctx: CtxDep, user_id: RowId) -> Response:
    ctx.target("user", user_id)
    with ctx.transaction() as session:
        user = get_user(session, user_id)
        unlock(session, user.login, user.id, origin=ctx.origin)
    return see_other(f"/admin/users/{user_id}")


@router.post("/admin/users", response_model=None)
@admin_rule(Action.UPDATE, "create_user")
def add_user(ctx: CtxDep, form: FormDep) -> Response:
    try:
        data = parse_form(form, UserCreate)
        password = data.password or generate_password()
        with ctx.transaction() as session:
            add_account_for(session, data.login, password, data.person,
                            is_admin=data.is_admin, is_committee=data.is_committee,
                            origin=ctx.origin)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/users.html", "users", exc, _users_context(ctx))
    context = _users_context(ctx)
    context["new_password"] = None if data.password else (data.login, password)
    return page(ctx, "admin/users.html", section="admin", tab="users", error=None,
                message=f"Account {data.login} created.", **context)


@router.post("/admin/users/{user_id}", response_model=None)
@admin_rule(Action.UPDATE, "update_user")
def edit_user(ctx: CtxDep, form: FormDep, user_id: RowId) -> Response:
    ctx.target("user", user_id)
    try:
        changes = parse_form(form, UserUpdate).model_dump(exclude_unset=True)
        with ctx.transaction() as session:
            account_admin.change_account(session, user_id, changes, origin=ctx.origin)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/users.html", "users", exc, _users_context(ctx))
    return see_other("/admin/users")


@router.post("/admin/users/{user_id}/password", response_model=None)
@admin_rule(Action.UPDATE, "reset_password")
def reset_password(ctx: CtxDep, user_id: RowId) -> Response:
    ctx.target("user", user_id)
    password = generate_password()
    with ctx.transaction() as session:
        user = get_user(session, user_id)
        account_admin.reset_password(session, user, password, origin=ctx.origin)
        login = user.login
    context = _users_context(ctx)
    context["new_password"] = (login, password)
    return page(ctx, "admin/users.html", section="admin", tab="users", error=None,
                message=f"New password for {login} (shown once).", **context)


# --- teams -------------------------------------------------------------------------------


def _teams_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        teams = list_teams(session)
        return {"teams": [(t, active_members(t)) for t in teams],
                "org_size": declared_org_size(session)}


@router.get("/admin/teams", response_model=None)
@admin_rule(Action.LIST)
def teams_page(ctx: CtxDep) -> Response:
    return page(ctx, "admin/teams.html", section="admin", tab="teams", error=None,
                message=None, **_teams_context(ctx))


@router.get("/admin/teams/{team_id}", response_model=None)
@admin_rule(Action.READ)
def team_page(ctx: CtxDep, team_id: RowId) -> Response:
    with ctx.read() as session:
        team = get_team(session, team_id)
        shown = {"id": team.id, "name": team.name, "org_unit": team.org_unit,
                 "description": team.description, "owns": list(team.owns)}
    return page(ctx, "admin/team.html", section="admin", tab="teams", error=None,
                message=None, t=shown)


@router.post("/admin/teams", response_model=None)
@admin_rule(Action.UPDATE, "create_team")
def add_team(ctx: CtxDep, form: FormDep) -> Response:
    try:
        data = parse_form(form, TeamCreate)
        with ctx.transaction() as session:
            create_team(session, data, origin=ctx.origin)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/teams.html", "teams", exc, _teams_context(ctx))
    return see_other("/admin/teams")


@router.post("/admin/teams/{team_id}", response_model=None)
@admin_rule(Action.UPDATE, "update_team")
def edit_team(ctx: CtxDep, form: FormDep, team_id: RowId) -> Response:
    ctx.target("team", team_id)
    try:
        changes = parse_form(form, TeamUpdate, blank_is_unset=False).model_dump(
            exclude_unset=True)
        with ctx.transaction() as session:
            update_team(session, team_id, changes, origin=ctx.origin)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/teams.html", "teams", exc, _teams_context(ctx))
    return see_other("/admin/teams")


@router.post("/admin/org-size", response_model=None)
@admin_rule(Action.UPDATE, "declare_org_size")
def declare_size(ctx: CtxDep, form: FormDep) -> Response:
    """Declare the organisation's size, or withdraw it (`clear`)."""
    ctx.target("org_profile", None)
    try:
        with ctx.transaction() as session:
            if form.get("clear"):
                clear_org_size(session, ctx.origin)
            else:
                data = parse_form(form, OrgSizeDeclare)
                declare_org_size(session, ctx.origin, data.engineers, data.teams)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/teams.html", "teams", exc, _teams_context(ctx))
    return see_other("/admin/teams")


# --- framework ---------------------------------------------------------------------------


def _framework_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        return {"versions": list(reversed(framework_versions(session))),
                "framework": ctx.framework, "problems": []}


@router.get("/admin/framework", response_model=None)
@admin_rule(Action.READ)
def framework_page(ctx: CtxDep) -> Response:
    return page(ctx, "admin/framework.html", section="admin", tab="framework", error=None,
                message=None, **_framework_context(ctx))


@router.post("/admin/framework", response_model=None)
@admin_rule(Action.UPDATE, "upload_framework")
def upload_framework(ctx: CtxDep, form: FormDep) -> Response:
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("choose a framework YAML file to upload")
        raw = upload.file.read(MAX_FRAMEWORK + 1)
        if len(raw) > MAX_FRAMEWORK:
            raise InputError("the framework file is larger than 2 MB")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("the framework file is not UTF-8 text") from None
        with ctx.transaction() as session:
            row = framework_admin.upload_framework(
                session, text, source=f"upload:{upload.filename[:150]}", activate=True,
                origin=ctx.origin)
    except StaffpathError as exc:
        ctx.audit_refusal()
        context = _framework_context(ctx)
        context["problems"] = exc.lines() if isinstance(exc, ProblemList) else [str(exc)]
        return page(ctx, "admin/framework.html", section="admin", tab="framework",
                    status=status_for(exc), error="The framework was not loaded.",
                    message=None, **context)
    return page(ctx, "admin/framework.html", section="admin", tab="framework", error=None,
                message=f"Loaded {row.name} {row.version}; it is now in force.",
                **_framework_context(ctx))


@router.post("/admin/framework/{version_id}/activate", response_model=None)
@admin_rule(Action.UPDATE, "activate_framework")
def activate_framework(ctx: CtxDep, version_id: RowId) -> Response:
    ctx.target("framework", version_id)
    with ctx.transaction() as session:
        framework_admin.activate_version(session, version_id, origin=ctx.origin)
    return see_other("/admin/framework")


# --- settings and audit ------------------------------------------------------------------


@router.get("/admin/settings", response_model=None)
@admin_rule(Action.READ)
def settings_page(ctx: CtxDep) -> Response:
    return page(ctx, "admin/settings.html", section="admin", tab="settings", error=None,
                message=None, values=ctx.settings)


@router.post("/admin/settings", response_model=None)
@admin_rule(Action.UPDATE, "update_settings")
def save_settings_page(ctx: CtxDep, form: FormDep) -> Response:
    ctx.target("settings", None)
    try:
        data = parse_form(form, WebSettings)
        with ctx.transaction() as session:
            account_admin.change_settings(session, data, origin=ctx.origin)
    except StaffpathError as exc:
        ctx.audit_refusal()
        return page(ctx, "admin/settings.html", section="admin", tab="settings",
                    status=status_for(exc), error=str(exc), message=None, values=ctx.settings)
    with ctx.read() as session:
        values = load_settings(session)
    return page(ctx, "admin/settings.html", section="admin", tab="settings", error=None,
                message="Settings saved.", values=values)


@router.get("/admin/audit", response_model=None)
@admin_rule(Action.READ, "read_audit")
def audit_page(ctx: CtxDep, before: QueryId = None, outcome: str | None = None,
               action: str | None = None) -> Response:
    with ctx.read() as session:
        entries = list_entries(session, limit=100, before_id=before, outcome=outcome or None,
                               action=action or None)
        logins = logins_by_id(session)
        actions = actions_seen(session)
        people = handles_by_id(session)
    return page(ctx, "admin/audit.html", section="admin", tab="audit", entries=entries,
                logins=logins, people=people, actions=actions, outcome=outcome or "",
                action=action or "", error=None, message=None)
