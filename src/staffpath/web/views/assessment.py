"""The assessment page: the chart, each dimension's level with its evidence, gaps, archetype
fit, and the person's own ratings beside the assessment's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from markupsafe import Markup

from staffpath.assess.notes import org_size_notes, title_notes
from staffpath.assess.selfratings import save_self_ratings
from staffpath.assess.service import assess_person, assessment_to_dict
from staffpath.errors import NotFoundError
from staffpath.framework.model import Framework
from staffpath.packet.files import chart_svg
from staffpath.people.access import Action, Area, Subject, can
from staffpath.people.lookup import person_of
from staffpath.web.access import person, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.schemas import SelfRatings
from staffpath.web.views.forms import FormDep, validated
from staffpath.web.views.render import page, person_section, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
RATING_PREFIX = "rating:"


def comparison(framework: Framework, data: dict[str, Any], mine: dict[str, str]
               ) -> list[dict[str, Any]]:
    """Per dimension: the person's own rating, the assessment's level, and how far apart."""
    ids = framework.level_ids
    rows = []
    for dim_id, dim in data["dimensions"].items():
        own, assessed = mine.get(dim_id), dim["level"]
        diff = ids.index(own) - ids.index(assessed) if own in ids and assessed in ids else None
        rows.append({"dimension": dim_id, "title": dim["title"], "self": own,
                     "assessed": assessed, "difference": diff})
    return rows


def assessment_context(ctx: Ctx) -> dict[str, Any]:
    fw = ctx.framework
    subject = ctx.subject
    if subject is None:  # the guard resolved the person for this route; a backstop
        raise NotFoundError("no person in this request")
    with ctx.read() as session:
        result = assess_person(session, subject, fw, cache=ctx.assessments)
    data = assessment_to_dict(subject, result)
    mine = {c.dimension: c.self_level for c in result.self_comparison}
    shown = subject.view()
    journal_visible = can(ctx.actor, Action.READ, Subject(
        subject.id, subject.target_level is not None, Area.JOURNAL))
    return {
        "assessment": result, "subject": shown, "a": data, "mine": mine,
        "levels": {lv.id: lv.title for lv in fw.levels}, "level_ids": list(fw.level_ids),
        "rows": comparison(fw, data, mine), "can_edit": ctx.is_self,
        "org_notes": org_size_notes(fw, result),
        "title_notes": title_notes(fw, result),
        "journal_base": f"/people/{subject.handle}/journal" if journal_visible else None,
        "base": f"/people/{subject.handle}",
    }


@router.get("/people/{handle}/assessment", response_model=None)
@rule(person(Area.ASSESSMENT, Action.READ))
async def assessment(ctx: CtxDep, handle: str) -> Response:
    # Reads and renders only, in a few milliseconds: on the event loop (see context.py).
    context = {**assessment_context(ctx), "saved": False, "csrf": ctx.csrf_token}
    template = ctx.web.templates.get_template("_assessment_body.html")
    # Everything the body shows besides the assessment itself (web/rendered.py).
    viewer = (context["can_edit"], context["journal_base"], context["base"], ctx.csrf_token,
              tuple(sorted(context["subject"].items())))
    body = ctx.web.bodies.get_or_render(context["assessment"], viewer,
                                        lambda: template.render(context))
    return page(ctx, "assessment.html", section=person_section(ctx, "assessment"),
                subject=context["subject"], body=Markup(body))


@router.get("/people/{handle}/assessment/chart.svg", response_model=None)
@rule(person(Area.ASSESSMENT, Action.READ, "read_assessment_chart"))
def chart(ctx: CtxDep, handle: str) -> Response:
    with ctx.read() as session:
        svg = chart_svg(session, person_of(session, ctx.subject), ctx.framework,
                        cache=ctx.assessments)
    return Response(svg, media_type="image/svg+xml")


@router.post("/people/{handle}/assessment/self-ratings", response_model=None)
@rule(person(Area.ASSESSMENT, Action.UPDATE, "set_self_ratings"))
def set_ratings(form: FormDep, ctx: CtxDep, handle: str) -> Response:
    ratings = {k.removeprefix(RATING_PREFIX): v for k, v in form.items()
               if k.startswith(RATING_PREFIX) and isinstance(v, str)}
    unexpected = [k for k in form if k != "csrf_token" and not k.startswith(RATING_PREFIX)]
    data = validated(SelfRatings, {"ratings": ratings, **{k: form.get(k) for k in unexpected}})
    with ctx.write() as session:
        save_self_ratings(session, person_of(session, ctx.subject), ctx.framework,
                          data.ratings)
    if not ctx.is_htmx:
        return see_other(f"/people/{handle}/assessment#self-vs-assessed")
    context = assessment_context(ctx)
    return page(ctx, "_self_ratings.html", saved=True, **context)
