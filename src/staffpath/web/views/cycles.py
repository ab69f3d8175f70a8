"""Promotion cycle pages: a member's assigned packets, blind scoring, calibration, decisions;
the admin's cycle management; a nominee's own nominations and released outcome.

Every read goes through `staffpath.cycles.service`, which decides what the viewer may see;
these views only lay it out. A packet or cycle the caller may not reach answers 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from staffpath.accounts.principal import Principal
from staffpath.cycles import service as cycles
from staffpath.cycles.report import MEDIA_TYPES, build_report, render_report, report_filename
from staffpath.cycles.tables import Cycle, Nomination
from staffpath.errors import InputError, NotFoundError, StaffpathError
from staffpath.packet.render import render_pdf
from staffpath.people.access import Action, Place
from staffpath.people.service import find_person
from staffpath.store.tables import Person
from staffpath.web.access import place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.downloads import PREVIEW_CSP
from staffpath.web.errors import status_for
from staffpath.web.views.forms import FormDep
from staffpath.web.views.render import page, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
PacketFormat = Literal["md", "html", "pdf"]
ReportFormat = Literal["html", "pdf", "csv"]
LEVEL_PREFIX = "level:"
COMMENT_PREFIX = "comment:"
RATING_PREFIX = "rating:"
STATE_LABELS = {"draft": "Draft", "open": "Open for scoring", "calibration": "Calibration",
                "decided": "Decided", "released": "Released"}


def member_viewer(ctx: Ctx) -> Principal:
    """A committee member as the cycle service sees them (an admin flag does not count here)."""
    assert ctx.actor is not None
    return Principal(person_id=ctx.actor.person_id, is_admin=False)


def admin_viewer(ctx: Ctx) -> Principal:
    assert ctx.actor is not None
    return Principal(person_id=ctx.actor.person_id, is_admin=True)


def actor_person(ctx: Ctx, session: Session) -> Person:
    """The caller's own person; an account without one has no nominations or panels."""
    if ctx.actor is None or ctx.actor.person_id is None:
        raise NotFoundError("this account belongs to no person")
    person = session.get(Person, ctx.actor.person_id)
    if person is None:
        raise NotFoundError("this account belongs to no person")
    return person


def admin_nomination(session: Session, cycle_id: int, nomination_id: int) -> Nomination:
    cycle = session.get(Cycle, cycle_id)
    found = session.get(Nomination, nomination_id)
    if cycle is None or found is None or found.cycle_id != cycle.id:
        raise NotFoundError(f"no nomination #{nomination_id} in cycle #{cycle_id}")
    return found


@contextmanager
def refusal_audited(ctx: Ctx) -> Iterator[None]:
    """A read the cycle service turns away (not yours, not there) is audited as refused,
    as the guard audits the refusals it makes itself."""
    try:
        yield
    except NotFoundError:
        ctx.audit_refusal()
        raise


def base_context() -> dict[str, Any]:
    return {"state_labels": STATE_LABELS, "outcome_titles": cycles.OUTCOME_TITLES}


def _levels(view: dict[str, Any]) -> dict[str, str]:
    return {lv["id"]: lv["title"] for lv in view["levels"]}


def fold_packets(view: dict[str, Any]) -> dict[str, Any]:
    """The calibration page folds each packet to one line: how many of its scores sit two or
    more levels from the panel median, its widest spread on one dimension, and whether it
    starts open. A packet with no decision yet starts open; while calibration is under way so
    does one with outliers to talk through; once the cycle is decided every packet is folded."""
    if view["blind"]:
        return view
    deciding = view["cycle"]["state"] == "calibration"
    for n in view["nominations"]:
        rows = n.get("calibration") or []
        n["outliers"] = sum(1 for r in rows for s in r["scores"] if s["outlier"])
        n["widest"] = max((r["range"] for r in rows if r["range"] is not None), default=None)
        n["unfold"] = n["decision"] is None or (deciding and n["outliers"] > 0)
    return view


# --- committee: my panels ----------------------------------------------------------------


@router.get("/committee/cycles", response_model=None)
@rule(place(Place.COMMITTEE, Action.LIST, "list_my_cycles"))
def my_cycles(ctx: CtxDep) -> Response:
    viewer = member_viewer(ctx)
    with ctx.read() as session:
        rows = [cycles.cycle_view(session, c, viewer)
                for c in cycles.list_cycles(session, viewer)]
    return page(ctx, "cycles/committee.html", section="cycles", views=rows, **base_context())


def _member_cycle(ctx: Ctx, session: Session, cycle_id: int) -> Cycle:
    return cycles.cycle_for_member(session, cycle_id, member_viewer(ctx))


@router.get("/committee/cycles/{cycle_id}", response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "read_cycle"))
def member_cycle(ctx: CtxDep, cycle_id: int) -> Response:
    with refusal_audited(ctx), ctx.read() as session:
        cycle = _member_cycle(ctx, session, cycle_id)
        view = fold_packets(cycles.cycle_view(session, cycle, member_viewer(ctx)))
    return page(ctx, "cycles/cycle.html", section="cycles", view=view, levels=_levels(view),
                base=f"/committee/cycles/{cycle_id}", admin=False, error=None, message=None,
                **base_context())


def _nomination_page(ctx: Ctx, cycle_id: int, nomination_id: int, *, status: int = 200,
                     error: str | None = None, saved: bool = False, audited: bool = False
                     ) -> Response:
    viewer = member_viewer(ctx)
    # Reading someone's packet is audited (a write for that alone); after a scoring post the
    # post's own entry already names the nomination.
    opened = ctx.write() if audited else ctx.read()
    with opened as session:
        cycle = _member_cycle(ctx, session, cycle_id)
        cycles.nomination_for_member(session, cycle, nomination_id, viewer.person_id)
        view = cycles.cycle_view(session, cycle, viewer)
    nomination = next(n for n in view["nominations"] if n["id"] == nomination_id)
    template = "cycles/_score_form.html" if ctx.is_htmx else "cycles/nomination.html"
    return page(ctx, template, status=status, section="cycles", view=view, n=nomination,
                levels=_levels(view), base=f"/committee/cycles/{cycle_id}", error=error,
                saved=saved, **base_context())


@router.get("/committee/cycles/{cycle_id}/nominations/{nomination_id}", response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "read_cycle_packet"))
def member_nomination(ctx: CtxDep, cycle_id: int, nomination_id: int) -> Response:
    ctx.target("nomination", nomination_id)
    return _nomination_page(ctx, cycle_id, nomination_id, audited=True)


def stored_packet(nomination: Nomination, fmt: PacketFormat, *, inline: bool) -> Response:
    """The packet exactly as frozen at submission."""
    if nomination.packet_html is None or nomination.packet_md is None:
        raise NotFoundError("this packet is not submitted yet")
    body: bytes
    if fmt == "pdf":
        body = render_pdf(nomination.packet_html)
    else:
        body = (nomination.packet_html if fmt == "html" else nomination.packet_md).encode()
    name = f"packet-{nomination.person.handle}-cycle-{nomination.cycle_id}.{fmt}"
    headers = {"Content-Disposition": f'{"inline" if inline else "attachment"}; '
                                      f'filename="{name}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = PREVIEW_CSP
    media = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
             "pdf": "application/pdf"}[fmt]
    return Response(body, media_type=media, headers=headers)


@router.get("/committee/cycles/{cycle_id}/nominations/{nomination_id}/packet.{fmt}",
            response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "download_cycle_packet"))
def member_packet(ctx: CtxDep, cycle_id: int, nomination_id: int, fmt: PacketFormat,
                  inline: bool = False) -> Response:
    viewer = member_viewer(ctx)
    ctx.target("nomination", nomination_id)
    with ctx.write() as session:  # a write only in that the download is audited
        cycle = _member_cycle(ctx, session, cycle_id)
        nomination = cycles.nomination_for_member(session, cycle, nomination_id,
                                                  viewer.person_id)
        return stored_packet(nomination, fmt, inline=inline)


def scores_from_form(form: FormData) -> dict[str, tuple[str, str]]:
    """{dimension: (level, comment)} from `level:<dim>` and `comment:<dim>` fields; a
    dimension left without a level is not scored."""
    unexpected = [k for k in form if k != "csrf_token" and not k.startswith(
        (LEVEL_PREFIX, COMMENT_PREFIX))]
    if unexpected:
        raise InputError(f"{unexpected[0]}: not a field of the scoring form")
    out: dict[str, tuple[str, str]] = {}
    for key, value in form.items():
        if key.startswith(LEVEL_PREFIX) and isinstance(value, str) and value.strip():
            dim = key.removeprefix(LEVEL_PREFIX)
            comment = form.get(COMMENT_PREFIX + dim)
            if not isinstance(comment, str) or not comment.strip():
                raise InputError(f"{dim}: say why, in a comment, for the level you chose")
            out[dim] = (value.strip(), comment)
    return out


@router.post("/committee/cycles/{cycle_id}/nominations/{nomination_id}/scores",
             response_model=None)
@rule(place(Place.COMMITTEE, Action.UPDATE, "score"))
def submit_scores(form: FormDep, ctx: CtxDep, cycle_id: int, nomination_id: int) -> Response:
    viewer = member_viewer(ctx)
    # The audit entry names the nomination only: never a level or a comment.
    ctx.target("nomination", nomination_id)
    try:
        scores = scores_from_form(form)
        with ctx.write() as session:
            cycle = _member_cycle(ctx, session, cycle_id)
            nomination = cycles.nomination_for_member(session, cycle, nomination_id,
                                                      viewer.person_id)
            cycles.score_many(session, nomination, actor_person(ctx, session), scores)
    except StaffpathError as exc:
        if isinstance(exc, NotFoundError) or not ctx.is_htmx:
            raise
        ctx.audit_refusal()
        return _nomination_page(ctx, cycle_id, nomination_id, status=status_for(exc),
                                error=str(exc))
    if not ctx.is_htmx:
        return see_other(f"/committee/cycles/{cycle_id}/nominations/{nomination_id}#scores")
    return _nomination_page(ctx, cycle_id, nomination_id, saved=True)


def decision_from_form(form: FormData) -> tuple[str, str]:
    outcome, rationale = form.get("outcome"), form.get("rationale")
    if not isinstance(outcome, str) or not isinstance(rationale, str):
        raise InputError("choose an outcome and write the rationale")
    return outcome, rationale


@router.post("/committee/cycles/{cycle_id}/nominations/{nomination_id}/decision",
             response_model=None)
@rule(place(Place.COMMITTEE, Action.UPDATE, "decide"))
def member_decision(form: FormDep, ctx: CtxDep, cycle_id: int, nomination_id: int
                    ) -> Response:
    viewer = member_viewer(ctx)
    outcome, rationale = decision_from_form(form)
    with ctx.write() as session:
        cycle = _member_cycle(ctx, session, cycle_id)
        nomination = cycles.nomination_for_member(session, cycle, nomination_id,
                                                  viewer.person_id)
        d = cycles.decide(session, nomination, outcome, rationale,
                          by=actor_person(ctx, session), via="member")
        ctx.target("decision", d.id)
    return see_other(f"/committee/cycles/{cycle_id}#nomination-{nomination_id}")


def report_response(ctx: Ctx, cycle_id: int, fmt: ReportFormat, viewer: Principal
                    ) -> Response:
    ctx.target("cycle", cycle_id)
    with ctx.write() as session:  # a write only in that the export is audited
        cycle = cycles.cycle_for_member(session, cycle_id, viewer)
        data = build_report(session, cycle, viewer)
        name = report_filename(cycle, fmt)
    body = render_report(data, fmt)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = PREVIEW_CSP
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get("/committee/cycles/{cycle_id}/report.{fmt}", response_model=None)
@rule(place(Place.COMMITTEE, Action.READ, "export_cycle_report"))
def member_report(ctx: CtxDep, cycle_id: int, fmt: ReportFormat) -> Response:
    return report_response(ctx, cycle_id, fmt, member_viewer(ctx))


# --- admin: cycle management -------------------------------------------------------------


def form_date(form: FormData, field: str) -> dt.date:
    raw = str(form.get(field) or "").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{field}: give a date as YYYY-MM-DD") from None


def _admin_list_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        rows = [cycles.cycle_to_dict(c) | {"nominations": len(c.nominations)}
                for c in cycles.list_cycles(session, admin_viewer(ctx))]
    return {"cycles": rows, **base_context()}


@router.get("/admin/cycles", response_model=None)
@rule(place(Place.ADMIN, Action.LIST))
def admin_cycles(ctx: CtxDep) -> Response:
    return page(ctx, "cycles/admin_list.html", section="admin", tab="cycles", error=None,
                message=None, **_admin_list_context(ctx))


@router.post("/admin/cycles", response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "create_cycle"))
def admin_create_cycle(ctx: CtxDep, form: FormDep) -> Response:
    try:
        name = str(form.get("name") or "")
        opens, closes = form_date(form, "opens_on"), form_date(form, "closes_on")
        with ctx.write() as session:
            cycle = cycles.create_cycle(session, name, opens, closes,
                                        framework=str(form.get("framework") or "") or None)
            if form.get("open") in ("on", "true", "1"):
                cycles.open_cycle(session, cycle)
            ctx.target("cycle", cycle.id)
            cycle_id = cycle.id
    except StaffpathError as exc:
        ctx.audit_refusal()
        return page(ctx, "cycles/admin_list.html", section="admin", tab="cycles",
                    status=status_for(exc), error=str(exc), message=None,
                    **_admin_list_context(ctx))
    return see_other(f"/admin/cycles/{cycle_id}")


def _admin_cycle_page(ctx: Ctx, cycle_id: int, *, status: int = 200, error: str | None = None
                      ) -> Response:
    with refusal_audited(ctx), ctx.read() as session:
        cycle = cycles.cycle_for_member(session, cycle_id, admin_viewer(ctx))
        view = fold_packets(cycles.cycle_view(session, cycle, admin_viewer(ctx)))
    return page(ctx, "cycles/cycle.html", status=status, section="admin", tab="cycles",
                view=view, levels=_levels(view), base=f"/admin/cycles/{cycle_id}", admin=True,
                error=error, message=None, **base_context())


@router.get("/admin/cycles/{cycle_id}", response_model=None)
@rule(place(Place.ADMIN, Action.READ, "read_cycle"))
def admin_cycle(ctx: CtxDep, cycle_id: int) -> Response:
    return _admin_cycle_page(ctx, cycle_id)


def _admin_write(ctx: Ctx, cycle_id: int, action: Any) -> Response:
    """Run one admin change; a refusal shows the cycle page again with the reason."""
    try:
        with ctx.write() as session:
            action(session)
    except StaffpathError as exc:
        if isinstance(exc, NotFoundError):
            raise
        ctx.audit_refusal()
        return _admin_cycle_page(ctx, cycle_id, status=status_for(exc), error=str(exc))
    return see_other(f"/admin/cycles/{cycle_id}")


@router.post("/admin/cycles/{cycle_id}/state", response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "advance_cycle"))
def admin_advance(ctx: CtxDep, form: FormDep, cycle_id: int) -> Response:
    ctx.target("cycle", cycle_id)

    def run(session: Session) -> None:
        cycle = cycles.cycle_for_member(session, cycle_id, admin_viewer(ctx))
        cycles.advance(session, cycle, str(form.get("to") or ""))
    return _admin_write(ctx, cycle_id, run)


@router.post("/admin/cycles/{cycle_id}/nominations", response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "nominate"))
def admin_nominate(ctx: CtxDep, form: FormDep, cycle_id: int) -> Response:
    def run(session: Session) -> None:
        cycle = cycles.cycle_for_member(session, cycle_id, admin_viewer(ctx))
        try:
            person = find_person(session, str(form.get("person") or ""))
        except NotFoundError as exc:
            raise InputError(str(exc)) from None
        ctx.target("nomination", cycles.nominate(session, cycle, person).id)
    return _admin_write(ctx, cycle_id, run)


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/assign",
             response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "assign_member"))
def admin_assign(ctx: CtxDep, form: FormDep, cycle_id: int, nomination_id: int) -> Response:
    def run(session: Session) -> None:
        nomination = admin_nomination(session, cycle_id, nomination_id)
        try:
            member = find_person(session, str(form.get("member") or ""))
        except NotFoundError as exc:
            raise InputError(str(exc)) from None
        ctx.target("assignment", cycles.assign(session, nomination, member).id)
    return _admin_write(ctx, cycle_id, run)


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/submit",
             response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "submit_packet"))
def admin_submit(ctx: CtxDep, cycle_id: int, nomination_id: int) -> Response:
    ctx.target("nomination", nomination_id)

    def run(session: Session) -> None:
        cycles.submit_packet(session, admin_nomination(session, cycle_id, nomination_id))
    return _admin_write(ctx, cycle_id, run)


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/withdraw",
             response_model=None)
@rule(place(Place.ADMIN, Action.DELETE, "withdraw_nomination"))
def admin_withdraw(ctx: CtxDep, cycle_id: int, nomination_id: int) -> Response:
    ctx.target("nomination", nomination_id)

    def run(session: Session) -> None:
        cycles.withdraw(session, admin_nomination(session, cycle_id, nomination_id))
    return _admin_write(ctx, cycle_id, run)


@router.post("/admin/cycles/{cycle_id}/nominations/{nomination_id}/decision",
             response_model=None)
@rule(place(Place.ADMIN, Action.UPDATE, "decide"))
def admin_decision(ctx: CtxDep, form: FormDep, cycle_id: int, nomination_id: int
                   ) -> Response:
    def run(session: Session) -> None:
        outcome, rationale = decision_from_form(form)
        nomination = admin_nomination(session, cycle_id, nomination_id)
        by = session.get(Person, ctx.actor.person_id) if ctx.actor and (
            ctx.actor.person_id) else None
        ctx.target("decision", cycles.decide(session, nomination, outcome, rationale,
                                             by=by, via="admin").id)
    return _admin_write(ctx, cycle_id, run)


@router.get("/admin/cycles/{cycle_id}/report.{fmt}", response_model=None)
@rule(place(Place.ADMIN, Action.READ, "export_cycle_report"))
def admin_report(ctx: CtxDep, cycle_id: int, fmt: ReportFormat) -> Response:
    return report_response(ctx, cycle_id, fmt, admin_viewer(ctx))


# --- a nominee and their manager ---------------------------------------------------------


def _account_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        if ctx.actor is None or ctx.actor.person_id is None:
            return {"mine": [], "open_cycles": [], "awaiting": [], "reports": [], "dimensions": [],
                    "level_options": [], **base_context()}
        me = actor_person(ctx, session)
        mine = cycles.my_nominations(session, me)
        taken = {m["cycle"]["id"] for m in mine}
        open_cycles = [cycles.cycle_to_dict(c) for c in cycles.open_for_nomination(session)
                       if c.id not in taken]
        awaiting = [{"id": n.id, "person": n.person.name, "handle": n.person.handle,
                     "cycle": n.cycle.name} for n in cycles.awaiting_agreement(session, me)]
        reports = [{"id": n.id, "person": n.person.name, "handle": n.person.handle,
                    "cycle": n.cycle.name, "ratings": dict(n.manager_ratings or {})}
                   for n in cycles.reports_nominations(session, me)]
    fw = ctx.framework
    return {"mine": mine, "open_cycles": open_cycles, "awaiting": awaiting, "reports": reports,
            "can_self_nominate": me.manager_id is not None,
            "dimensions": [(d.id, d.title) for d in fw.dimensions],
            "level_options": [(lv.id, lv.title) for lv in fw.levels], **base_context()}


@router.get("/account/cycles", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ, "read_my_cycles"))
def account_cycles(ctx: CtxDep) -> Response:
    return page(ctx, "cycles/account.html", section="promotion", **_account_context(ctx))


@router.post("/account/cycles/{cycle_id}/nominate", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "self_nominate"))
def account_self_nominate(ctx: CtxDep, cycle_id: int) -> Response:
    with ctx.write() as session:
        cycle = session.get(Cycle, cycle_id)
        if cycle is None:
            raise NotFoundError(f"no cycle #{cycle_id}")
        ctx.target("nomination", cycles.self_nominate(
            session, cycle, actor_person(ctx, session)).id)
    return see_other("/account/cycles")


def ratings_from_form(form: FormData) -> dict[str, str]:
    """{dimension: level} from `rating:<dim>` fields; a dimension left blank is not rated."""
    return {k.removeprefix(RATING_PREFIX): v.strip() for k, v in form.items()
            if k.startswith(RATING_PREFIX) and isinstance(v, str) and v.strip()}


def _nomination(session: Session, nomination_id: int) -> Nomination:
    found = session.get(Nomination, nomination_id)
    if found is None:
        raise NotFoundError(f"no nomination #{nomination_id}")
    return found


@router.post("/account/nominations/{nomination_id}/agree", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "agree_nomination"))
def account_agree(ctx: CtxDep, form: FormDep, nomination_id: int) -> Response:
    ratings = ratings_from_form(form)
    ctx.target("nomination", nomination_id)
    with ctx.write() as session:
        cycles.manager_agrees(session, _nomination(session, nomination_id),
                              actor_person(ctx, session), ratings)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/ratings", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "rate_nomination"))
def account_rate(ctx: CtxDep, form: FormDep, nomination_id: int) -> Response:
    """A manager's own level per dimension on a report's nomination, for the panel."""
    ratings = ratings_from_form(form)
    ctx.target("nomination", nomination_id)
    with ctx.write() as session:
        cycles.manager_rates(session, _nomination(session, nomination_id),
                             actor_person(ctx, session), ratings)
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/withdraw", response_model=None)
@rule(place(Place.ACCOUNT, Action.DELETE, "withdraw_nomination"))
def account_withdraw(ctx: CtxDep, nomination_id: int) -> Response:
    """A nominee takes back their own self-nomination."""
    ctx.target("nomination", nomination_id)
    with ctx.write() as session:
        cycles.withdraw_own(session, _nomination(session, nomination_id),
                            actor_person(ctx, session))
    return see_other("/account/cycles")


@router.post("/account/nominations/{nomination_id}/submit", response_model=None)
@rule(place(Place.ACCOUNT, Action.UPDATE, "submit_packet"))
def account_submit(ctx: CtxDep, nomination_id: int) -> Response:
    ctx.target("nomination", nomination_id)
    with ctx.write() as session:
        nomination = session.get(Nomination, nomination_id)
        if nomination is None or nomination.person_id != actor_person(ctx, session).id:
            raise NotFoundError(f"no nomination #{nomination_id} of yours")
        cycles.submit_packet(session, nomination)
    return see_other("/account/cycles")


@router.get("/account/outcomes/{nomination_id}", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ, "read_outcome"))
def account_outcome(ctx: CtxDep, nomination_id: int) -> Response:
    with refusal_audited(ctx), ctx.read() as session:
        found = cycles.outcome_for(session, nomination_id, actor_person(ctx, session))
    return page(ctx, "cycles/outcome.html", section="promotion", o=found, **base_context())
