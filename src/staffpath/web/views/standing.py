"""First screens: where an engineer stands (the level the evidence supports, the next step,
recent items), and the framework every signed-in person may read, with the rule the assessment
applies at each level taken from the framework itself."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from staffpath.assess.service import assess_person
from staffpath.errors import NotFoundError
from staffpath.framework.render import describe_rule
from staffpath.ledger.service import list_evidence
from staffpath.people.access import Action, Area, Place
from staffpath.people.lookup import person_of
from staffpath.web.access import person, place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.views.render import page, person_section

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
RECENT = 5


@router.get("/people/{handle}/standing", response_model=None)
@rule(person(Area.ASSESSMENT, Action.READ, "read_standing"))
def standing(ctx: CtxDep, handle: str) -> Response:
    fw = ctx.framework
    if ctx.subject is None:  # the guard resolved the person; a backstop
        raise NotFoundError("no person in this request")
    with ctx.read() as session:
        result = assess_person(session, ctx.subject, fw, cache=ctx.assessments)
        subject = person_of(session, ctx.subject)
        recent = [{"id": e.id, "title": e.title, "date": e.date_start, "kind": e.kind}
                  for e in list_evidence(session, person=subject)[:RECENT]]
    levels = {lv.id: lv.title for lv in fw.levels}
    target = result.target_level
    ready = (target is not None and result.overall_level is not None
             and fw.level_index(result.overall_level) >= fw.level_index(target))
    return page(ctx, "standing.html", section=person_section(ctx, "standing"),
                subject=ctx.subject.view(), a=result, levels=levels, ready=ready,
                next_gap=result.gaps[0] if result.gaps else None, recent=recent,
                base=f"/people/{handle}")


def framework_view(ctx: Ctx) -> dict[str, Any]:
    """Each level's expectations per dimension, with its evidence rule in words (from data)."""
    fw = ctx.framework
    dims = []
    for d in fw.dimensions:
        rows = []
        for lv in fw.levels:
            exp = d.expectations.get(lv.id)
            if exp is not None:
                rows.append({"level": lv, "behaviours": exp.behaviours,
                             "rule": describe_rule(exp.evidence, d),
                             "closes_gap": exp.closes_gap})
        dims.append({"id": d.id, "title": d.title, "summary": d.summary, "rows": rows,
                     "kinds": [k.value.replace("_", " ") for k in d.kinds]})
    return {"fw": fw, "dims": dims, "overall": fw.overall}


@router.get("/framework", response_model=None)
@rule(place(Place.ACCOUNT, Action.READ, "read_framework"))
def framework(ctx: CtxDep) -> Response:
    return page(ctx, "framework.html", section="framework", **framework_view(ctx))
