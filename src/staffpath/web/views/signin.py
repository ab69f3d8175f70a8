"""Signing in and out, the landing redirect and the account page."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from staffpath.accounts.ratelimit import LoginVerdict
from staffpath.accounts.signin import change_own_password, password_is, refuse_sign_in
from staffpath.people.access import Action, Place
from staffpath.web.access import PUBLIC, place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.nav import home_for
from staffpath.web.sessions import (
    clear_session_cookie,
    set_session_cookie,
    sign_in_request,
    sign_out_request,
)
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
LOGIN_TOKEN_AGE = 3600


def safe_next(target: str | None) -> str | None:
    """A local path to go back to after signing in; anything else is ignored."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    return target


LOCKED_MESSAGE = ("Too many failed sign-ins. Wait {minutes} minutes and try again, or ask an "
                  "admin to reset your password.")


@router.get("/", response_model=None)
@rule(PUBLIC)
def home(ctx: CtxDep) -> Response:
    return see_other(home_for(ctx.actor))


@router.get("/healthz", response_class=PlainTextResponse)
@rule(PUBLIC)
def healthz() -> str:
    return "ok\n"


@router.get("/favicon.ico", response_model=None)
@rule(PUBLIC)
def favicon() -> Response:
    return see_other("/static/favicon.svg")


@router.get("/login", response_model=None)
@rule(PUBLIC)
def login_page(ctx: CtxDep, next: str | None = None) -> Response:
    if ctx.actor is not None:
        return see_other(safe_next(next) or home_for(ctx.actor))
    return login_form(ctx, next=next)


def login_form(ctx: Ctx, *, next: str | None = None, error: str | None = None,
               status: int = 200, login: str = "") -> Response:
    # Before sign-in there is no session to hold a CSRF token: a random value goes in a
    # cookie and in the form, and the two must match (a cross-site form cannot read either).
    token = secrets.token_urlsafe(24)
    response = page(ctx, "login.html", status=status, login_token=token,
                    next=safe_next(next) or "", error=error, login=login)
    response.set_cookie(ctx.web.login_cookie, token, httponly=True, samesite="strict",
                        secure=ctx.web.secure_cookies, path="/", max_age=LOGIN_TOKEN_AGE)
    return response


@router.post("/login", response_model=None)
@rule(PUBLIC)
async def login_submit(request: Request, ctx: CtxDep) -> Response:
    form = await request.form()
    login = str(form.get("login") or "")
    password = str(form.get("password") or "")
    next_url = safe_next(str(form.get("next") or ""))
    sent = str(form.get("csrf_token") or "")
    expected = request.cookies.get(ctx.web.login_cookie) or ""
    if not (sent and expected and hmac.compare_digest(sent, expected)):
        await run_in_threadpool(_audit_login_refused, ctx)
        return login_form(ctx, next=next_url, status=403, login=login,
                          error="The sign-in form had expired. Please try again.")
    outcome = await run_in_threadpool(sign_in_request, ctx, login, password)
    if outcome.verdict in (LoginVerdict.ACCOUNT_LOCKED, LoginVerdict.ADDRESS_LOCKED):
        return login_form(ctx, next=next_url, status=429, login=login, error=LOCKED_MESSAGE
                          .format(minutes=ctx.settings.login_window_minutes))
    if not outcome.token:
        return login_form(ctx, next=next_url, status=401, login=login,
                          error="That login and password do not match an active account.")
    # The home page knows the whole caller (a manager's reports, say) and sends them on.
    response = see_other(next_url or "/")
    set_session_cookie(response, ctx.web, outcome.token)
    response.delete_cookie(ctx.web.login_cookie, path="/", secure=ctx.web.secure_cookies)
    return response


def _audit_login_refused(ctx: Ctx) -> None:
    with ctx.web.store.session() as session:
        refuse_sign_in(session, origin=ctx.origin)


@router.post("/logout", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "logout"))
def logout(ctx: CtxDep) -> Response:
    sign_out_request(ctx)
    response: Response = see_other("/login")
    if ctx.is_htmx:
        response = Response(status_code=200, headers={"HX-Redirect": "/login"})
    clear_session_cookie(response, ctx.web)
    return response


@router.get("/account", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ))
def account(ctx: CtxDep) -> Response:
    return page(ctx, "account.html", section="account", message=None, error=None)


@router.post("/account/password", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "change_password"))
def change_password(ctx: CtxDep, current_password: Annotated[str, Form()],
                    new_password: Annotated[str, Form()]) -> Response:
    assert ctx.actor is not None
    ctx.target("user", ctx.actor.user_id)
    with ctx.read() as session:
        right = password_is(session, ctx.actor.user_id, current_password)
    if not right:
        ctx.audit_refusal()
        return page(ctx, "account.html", section="account", status=422, message=None,
                    error="Your current password was not right; nothing changed.")
    with ctx.transaction() as session:
        # Also signs out every session.
        change_own_password(session, ctx.actor.user_id, new_password, origin=ctx.origin)
    response = see_other("/login")
    clear_session_cookie(response, ctx.web)
    return response
