"""Sessions over HTTP, for the sign-in page and the API alike: signing in and out through the
accounts service, and the cookie that carries the session."""

from __future__ import annotations

from fastapi.responses import Response

from staffpath.accounts.signin import SignIn, sign_in, sign_out
from staffpath.web.context import Ctx, WebState


def set_session_cookie(response: Response, web: WebState, token: str) -> None:
    """HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure
    unless serving plain http on a loopback address; no max-age, so it ends with the browser,
    and the server ends it sooner when idle."""
    response.set_cookie(web.session_cookie, token, httponly=True, samesite="lax",
                        secure=web.secure_cookies, path="/")


def clear_session_cookie(response: Response, web: WebState) -> None:
    response.delete_cookie(web.session_cookie, path="/", secure=web.secure_cookies,
                           httponly=True, samesite="lax")


def sign_in_request(ctx: Ctx, login: str, password: str) -> SignIn:
    """Sign in from this request's address; a session this browser already had ends."""
    ip = ctx.request.client.host if ctx.request.client else "unknown"
    previous = ctx.request.cookies.get(ctx.web.session_cookie)
    with ctx.web.store.session() as session:
        return sign_in(session, login, password, ip=ip, previous_token=previous,
                       origin=ctx.origin)


def sign_out_request(ctx: Ctx) -> None:
    """End the session this request's cookie carries (the response clears the cookie)."""
    ctx.target("user", ctx.actor_user_id)
    with ctx.transaction() as session:
        sign_out(session, ctx.request.cookies.get(ctx.web.session_cookie), origin=ctx.origin)
