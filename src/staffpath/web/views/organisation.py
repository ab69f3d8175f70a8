"""The organisation as a system, for leaders: the overview page, level mix and bench,
mentorship, key-person risk with what-ifs, work across teams and code quality; and each
person's "what would stop if you were away", for them and their managers.

Every organisation page takes `?anonymous=1`: counts and teams only, for sharing widely. The
service functions check the viewer again, so a page can never show more than its rule allows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from staffpath.errors import InputError
from staffpath.mining.rules import MiningRules, load_rules
from staffpath.org import charts, service
from staffpath.org.audience import require_org
from staffpath.org.levels import NOT_SET
from staffpath.org.mentorship_chart import mentorship_svg
from staffpath.org.overview import org_summary
from staffpath.org.risk import RiskReport
from staffpath.people.access import Action, Area, Place
from staffpath.people.lookup import person_of, person_view
from staffpath.web.access import person, place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.views.render import page, person_section
from staffpath.workspace import QualityConfig, open_workspace

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
Anonymous = Annotated[bool, Query(description="Counts and teams only.")]
SVG_HEADERS = {"Cache-Control": "no-store"}


def _rules(ctx: Ctx) -> MiningRules:
    return load_rules(ctx.web.workspace)


def _quality_config(ctx: Ctx) -> QualityConfig:
    return open_workspace(ctx.web.workspace, create=False).config.quality


def _cache(ctx: Ctx) -> Path:
    return ctx.web.workspace / "cache" / "quality"


def _svg(svg: str) -> Response:
    return Response(svg, media_type="image/svg+xml", headers=SVG_HEADERS)


def _org_page(ctx: Ctx, template: str, tab: str, anonymous: bool, *, status: int = 200,
              **context: Any) -> Response:
    query = "?anonymous=1" if anonymous else ""
    return page(ctx, template, status=status, section="org", tab=tab,
                anonymous=anonymous, query=query, path=ctx.request.url.path, **context)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


# --- the overview ---------------------------------------------------------------------------


@router.get("/org", response_model=None)
@rule(place(Place.ORG, Action.READ))
def org(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        summary = org_summary(session, ctx.framework)
        # The bench's size only (how many are ready or close): who is on it is on /org/levels.
        bench = service.levels(session, ctx.viewer, ctx.framework).as_dict(
            anonymous=True)["bench"]
    top = max((n for _i, _t, n in summary.levels), default=0)
    return page(ctx, "org.html", section="org", s=summary, top=top, bench=bench,
                level_ids=list(ctx.framework.level_ids),
                levels={lv.id: lv.title for lv in ctx.framework.levels})


# --- levels ---------------------------------------------------------------------------------


@router.get("/org/levels", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_levels"))
def levels(ctx: CtxDep, anonymous: Anonymous = False) -> Response:
    with ctx.read() as session:
        mix = service.levels(session, ctx.viewer, ctx.framework)
    data = mix.as_dict(anonymous=anonymous)
    if not anonymous and mix.bench:
        # Each bench row says where a person's assessment puts them: a read of it, audited.
        ctx.audit_summaries([b.person_id for b in mix.bench])
    return _org_page(ctx, "org/levels.html", "levels", anonymous, m=data,
                     level_ids=[*mix.level_ids, NOT_SET], titles={
                         **mix.level_titles, NOT_SET: "level not set"})


@router.get("/org/levels.svg", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_levels_chart"))
def levels_chart(ctx: CtxDep) -> Response:
    with ctx.read() as session:
        mix = service.levels(session, ctx.viewer, ctx.framework)
        return _svg(charts.level_mix_svg(mix, session=session))


# --- mentorship -----------------------------------------------------------------------------


REACH_ROWS = 60  # people in the reach table, widest reach first


@router.get("/org/mentorship", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_mentorship"))
def mentorship(ctx: CtxDep, anonymous: Anonymous = False) -> Response:
    with ctx.read() as session:
        graph = service.mentorship(session, ctx.viewer, ctx.framework)
    data = graph.as_dict(anonymous=anonymous)
    widest = max((p["reach"] for p in data.get("people", [])), default=None)
    if widest is None:
        widest = max((int(k) for k in data["reach_distribution"]), default=0)
    names = {p["handle"]: p["name"] for p in data.get("people", [])}
    return _org_page(ctx, "org/mentorship.html", "mentorship", anonymous, g=data,
                     widest=widest, names=names, reach_rows=REACH_ROWS)


@router.get("/org/mentorship.svg", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_mentorship_chart"))
def mentorship_chart(ctx: CtxDep, anonymous: Anonymous = False) -> Response:
    with ctx.read() as session:
        graph = service.mentorship(session, ctx.viewer, ctx.framework)
    return _svg(mentorship_svg(graph, anonymous=anonymous))


# --- key-person risk ------------------------------------------------------------------------


def _repo_param(value: str | None) -> str | None:
    return value.strip() or None if value else None


TEAM_ROWS = 30  # team rows on the risk page, most at risk first; the CLI lists them all


def _risk_context(report: RiskReport, anonymous: bool, *, detail: bool) -> dict[str, Any]:
    data = report.as_dict(anonymous=anonymous, areas=detail)
    rows = [{**t, "repository": r["name"]} for r in data["repositories"] for t in r["teams"]]
    rows.sort(key=lambda t: (t["truck_factor"], -t["orphaned"], -t["files"], t["team"]))
    return {"r": data, "team_rows": rows[:TEAM_ROWS], "more_teams": max(0, len(rows) - TEAM_ROWS),
            "teams_at_risk": sum(1 for t in rows if t["truck_factor"] <= 1),
            "candidates": [] if anonymous else report.sole_by_person()[:200],
            "teams": sorted(report.roster.teams)}


@router.get("/org/risk", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_risk"))
def risk(ctx: CtxDep, anonymous: Anonymous = False, repo: str | None = None) -> Response:
    chosen = _repo_param(repo)
    with ctx.read() as session:
        report = service.risk(session, ctx.viewer, repo=chosen, rules=_rules(ctx))
        names = [r.name for r in service.mined_repositories(session)]
    return _org_page(ctx, "org/risk.html", "risk", anonymous, repo=chosen, repos=names,
                     change=None, **_risk_context(report, anonymous, detail=chosen is not None))


@router.get("/org/risk/trend.svg", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_risk_chart"))
def risk_chart(ctx: CtxDep, repo: str | None = None) -> Response:
    with ctx.read() as session:
        report = service.risk(session, ctx.viewer, repo=_repo_param(repo),
                              rules=_rules(ctx))
        return _svg(charts.truck_trend_svg(report, session=session))


@router.get("/org/risk/what-if", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_what_if"))
def what_if(ctx: CtxDep, remove: str = "", move_person: str = "", move_team: str = "",
            repo: str | None = None) -> Response:
    removes = [h for h in (x.strip() for x in remove.split(",")) if h]
    moves = [f"{move_person.strip()}:{move_team.strip()}"] if move_person.strip() else []
    error = None
    change: dict[str, Any] | None = None
    try:
        if not removes and not moves:
            raise InputError("name someone who is away, or someone who moves and the team")
        with ctx.read() as session:
            result = service.what_if(session, ctx.viewer, remove=removes, move=moves,
                                     repo=_repo_param(repo), rules=_rules(ctx))
        change = result.as_dict()
    except InputError as exc:
        error = exc.message
    context: dict[str, Any] = {"change": change, "error": error, "remove": remove,
               "move_person": move_person, "move_team": move_team}
    if ctx.is_htmx:
        return page(ctx, "org/_what_if.html", status=422 if error else 200, **context)
    with ctx.read() as session:
        report = service.risk(session, ctx.viewer, repo=_repo_param(repo),
                              rules=_rules(ctx))
        names = [r.name for r in service.mined_repositories(session)]
    return _org_page(ctx, "org/risk.html", "risk", False, repo=_repo_param(repo), repos=names,
                     status=422 if error else 200, **context,
                     **_risk_context(report, False, detail=_repo_param(repo) is not None))


# --- across teams ---------------------------------------------------------------------------


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"cannot read the date {text!r}; use YYYY-MM-DD") from None


MATRIX_TEAMS = 24  # the busiest teams in the team × team table


@router.get("/org/crossteam", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_crossteam"))
def crossteam(ctx: CtxDep, anonymous: Anonymous = False, since: str | None = None,
              until: str | None = None) -> Response:
    with ctx.read() as session:
        ct = service.crossteam(session, ctx.viewer, since=_day(since), until=_day(until))
    data = ct.as_dict(anonymous=anonymous)
    shown = ct.busiest(MATRIX_TEAMS)
    matrix = ct.matrix(teams=shown)
    top = max((v for row in matrix for v in row), default=0)
    return _org_page(ctx, "org/crossteam.html", "crossteam", anonymous, c=data, matrix=matrix,
                     matrix_teams=shown, top=top, since=since or "", until=until or "")


@router.get("/org/crossteam.svg", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_crossteam_chart"))
def crossteam_chart(ctx: CtxDep, since: str | None = None, until: str | None = None
                    ) -> Response:
    with ctx.read() as session:
        ct = service.crossteam(session, ctx.viewer, since=_day(since), until=_day(until))
    return _svg(charts.crossteam_svg(ct))


# --- code quality ---------------------------------------------------------------------------


@router.get("/org/quality", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_quality"))
def quality(ctx: CtxDep, anonymous: Anonymous = False) -> Response:
    require_org(ctx.viewer)
    with ctx.read() as session:
        repos = [{"name": r.name, "path": r.path, "present": Path(r.path).is_dir()}
                 for r in service.mined_repositories(session)]
    config = _quality_config(ctx)
    return _org_page(ctx, "org/quality.html", "quality", anonymous, repos=repos,
                     config=config)


def _scorecard_context(ctx: Ctx, repo: str) -> dict[str, Any]:
    with ctx.read() as session:
        card = service.quality(session, ctx.viewer, repo, _quality_config(ctx),
                               cache=_cache(ctx))
    first = card.trend[0] if len(card.trend) > 1 else None
    return {"card": card, "q": card.as_dict(), "first": first, "pct": _pct}


@router.get("/org/quality/{repo}", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_quality_repo"))
def quality_repo(ctx: CtxDep, repo: str, anonymous: Anonymous = False) -> Response:
    context = _scorecard_context(ctx, repo)
    if ctx.is_htmx:
        return page(ctx, "org/_scorecard.html", anonymous=anonymous, **context)
    return _org_page(ctx, "org/quality_repo.html", "quality", anonymous, **context)


@router.get("/org/quality/{repo}/trend.svg", response_model=None)
@rule(place(Place.ORG, Action.READ, "read_org_quality_chart"))
def quality_chart(ctx: CtxDep, repo: str) -> Response:
    with ctx.read() as session:
        card = service.quality(session, ctx.viewer, repo, _quality_config(ctx),
                               cache=_cache(ctx))
    return _svg(charts.quality_trend_svg(card))


# --- one person -----------------------------------------------------------------------------


@router.get("/people/{handle}/away", response_model=None)
# The same readers as the journal: the person and their managers, nobody else.
@rule(person(Area.JOURNAL, Action.READ, "read_away_view"))
def away(ctx: CtxDep, handle: str) -> Response:
    with ctx.read() as session:
        subject = person_of(session, ctx.subject)
        shown = person_view(subject)
        view = service.away(session, ctx.viewer, subject.id, rules=_rules(ctx))
    return page(ctx, "org/away.html", section=person_section(ctx, "away"), subject=shown,
                v=view.as_dict(), own=ctx.is_self)
