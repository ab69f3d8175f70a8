"""Admin pages: people, accounts, teams, the framework, workspace settings, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy import func, select
from starlette.datastructures import UploadFile

from staffpath.accounts.audit import list_entries
from staffpath.accounts.auth import (
    create_user,
    generate_password,
    get_user,
    list_users,
    set_active,
    update_user,
)
from staffpath.accounts.auth import set_password as set_user_password
from staffpath.accounts.settings import WebSettings, load_settings, save_settings
from staffpath.accounts.tables import AuditEntry, User
from staffpath.errors import InputError, ProblemList, StaffpathError
from staffpath.framework.loader import load_framework_text
from staffpath.framework.registry import framework_versions, store_framework
from staffpath.people.access import Action, Place
from staffpath.people.directory import (
    activate_version,
    create_person,
    create_team,
    get_person,
    get_team,
    person_by_handle,
    update_person,
    update_team,
)
from staffpath.people.service import list_people, list_teams
from staffpath.privacy.personal_data import erase_person, is_erased
from staffpath.store.tables import FrameworkVersion, Person
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, RowId, guard
from staffpath.web.errors import status_for
from staffpath.web.schemas import (
    PersonCreate,
    PersonUpdate,
    TeamCreate,
    TeamUpdate,
    UserCreate,
    UserUpdate,
)
from staffpath.web.views.forms import FormDep, parse_form
from staffpath.web.views.render import page, person_view, see_other

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
        account = session.scalar(select(User).where(User.person_id == person_id))
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
        with ctx.write() as session:
            created = create_person(session, data, ctx.framework)
            ctx.target("person", created.id)
            handle = created.handle
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
        with ctx.write() as session:
            subject = get_person(session, person_id)
            update_person(session, subject, changes, ctx.framework)
            if changes.get("active") is False:
                # Someone who has left cannot keep signing in.
                user = session.scalar(select(User).where(User.person_id == subject.id))
                if user is not None:
                    set_active(session, user, False)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/people.html", "people", exc, _people_context(ctx))
    return see_other("/admin/people?message=Saved")


@router.post("/admin/people/{person_id}/erase", response_model=None)
@admin_rule(Action.DELETE, "erase_person")
def erase(ctx: CtxDep, form: FormDep, person_id: RowId) -> Response:
    ctx.target("person", person_id)
    try:
        with ctx.write() as session:
            subject = get_person(session, person_id)
            if str(form.get("confirm") or "").strip() != subject.handle:
                raise InputError(f"type the handle {subject.handle!r} to confirm the erasure")
            erase_person(session, subject)
    except StaffpathError as exc:
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
                 "person": user.person.handle if user.person else None}
    return page(ctx, "admin/user.html", section="admin", tab="users", error=None,
                message=None, u=shown, new_password=None)


@router.post("/admin/users", response_model=None)
@admin_rule(Action.UPDATE, "create_user")
def add_user(ctx: CtxDep, form: FormDep) -> Response:
    try:
        data = parse_form(form, UserCreate)
        password = data.password or generate_password()
        with ctx.write() as session:
            subject = person_by_handle(session, data.person) if data.person else None
            if data.person and subject is None:
                raise InputError(f"person: no person with handle {data.person!r}")
            user = create_user(session, data.login, password, person=subject,
                               is_admin=data.is_admin, is_committee=data.is_committee)
            ctx.target("user", user.id)
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
        with ctx.write() as session:
            user = get_user(session, user_id)
            update_user(session, user, changes, acting_user_id=ctx.actor_user_id)
    except StaffpathError as exc:
        return _admin_error(ctx, "admin/users.html", "users", exc, _users_context(ctx))
    return see_other("/admin/users")


@router.post("/admin/users/{user_id}/password", response_model=None)
@admin_rule(Action.UPDATE, "reset_password")
def reset_password(ctx: CtxDep, user_id: RowId) -> Response:
    ctx.target("user", user_id)
    password = generate_password()
    with ctx.write() as session:
        user = get_user(session, user_id)
        set_user_password(session, user, password)
        login = user.login
    context = _users_context(ctx)
    context["new_password"] = (login, password)
    return page(ctx, "admin/users.html", section="admin", tab="users", error=None,
                message=f"New password for {login} (shown once).", **context)


# --- teams -------------------------------------------------------------------------------


def _teams_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        teams = list_teams(session)
        return {"teams": [(t, sum(1 for m in t.members if m.active)) for t in teams]}


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
        with ctx.write() as session:
            ctx.target("team", create_team(session, data).id)
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
        with ctx.write() as session:
            update_team(session, get_team(session, team_id), changes)
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


def store_framework_text(ctx: Ctx, text: str, source: str, *, activate: bool = True
                         ) -> FrameworkVersion:
    """Validate and store a framework; every problem is reported, nothing stored on one."""
    framework = load_framework_text(text, source=source)
    with ctx.write() as session:
        row = store_framework(session, framework, source=source, activate=activate)
        ctx.target("framework", row.id)
    return row


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
        row = store_framework_text(ctx, text, f"upload:{upload.filename[:150]}")
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
    with ctx.write() as session:
        activate_version(session, version_id)
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
        with ctx.write() as session:
            save_settings(session, data)
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
def audit_page(ctx: CtxDep, before: int | None = None, outcome: str | None = None,
               action: str | None = None) -> Response:
    with ctx.read() as session:
        entries = list_entries(session, limit=100, before_id=before, outcome=outcome or None,
                               action=action or None)
        logins = dict(session.execute(select(User.id, User.login)).all())
        actions = list(session.scalars(select(func.distinct(AuditEntry.action))))
        people = dict(session.execute(select(Person.id, Person.handle)).all())
    return page(ctx, "admin/audit.html", section="admin", tab="audit", entries=entries,
                logins=logins, people=people, actions=sorted(actions), outcome=outcome or "",
                action=action or "", error=None, message=None)
