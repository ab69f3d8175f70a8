"""`staffpath hire`: interview loops from the terminal, through the same service as the web.

The operator acts as the hiring administrator; `--as HANDLE` acts as one person (an
interviewer scoring, a hiring manager deciding) and sees only what they may see: an
interviewer's scorecard stays blind to everyone else until the debrief.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from staffpath.accounts.audit import COMMAND_LINE
from staffpath.cli.options import JsonOpt
from staffpath.cli.state import console, print_json, state
from staffpath.errors import InputError
from staffpath.hiring import changes, lookup, outcome, visible
from staffpath.hiring.titles import TITLE_FORMAT, parse_title
from staffpath.people.service import find_person

app = typer.Typer(help="Hiring on the framework's rubric: loops, blind scorecards, debriefs.",
                  no_args_is_help=True)

LoopArg = Annotated[int, typer.Argument(help="The loop's id.")]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Act and see as this person (handle); default: the administrator.")]


def _done(data: Any, message: str, json_out: bool) -> None:
    if json_out:
        print_json(data)
    else:
        console.print(message)


def _pairs(items: list[str] | None, option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{option} {item!r}: use dimension=value")
        out[key.strip()] = value.strip()
    return out


@app.command("role")
def role(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The position, e.g. 'Staff engineer, Payments'.")],
    level: Annotated[str, typer.Option("--level", help="The level it hires for.")],
    manager: Annotated[str | None, typer.Option("--manager", help="Hiring manager (handle).")
                       ] = None,
    archetype: Annotated[str | None, typer.Option("--archetype", help="Staff archetype id.")
                         ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Open a position to hire for."""
    st = state(ctx)
    with st.session(create=False) as session:
        r = changes.create_role(
            session, lookup.principal_for(session, None), title, level, archetype=archetype,
            hiring_manager=find_person(session, manager) if manager else None,
            origin=COMMAND_LINE)
        data = visible.role_dict(r)
    _done(data, f"role #{data['id']} {data['title']!r} at {data['target_level']}", json_out)


@app.command("start")
def start(
    ctx: typer.Context,
    role_id: Annotated[int, typer.Argument(help="The role's id.")],
    name: Annotated[str, typer.Option("--name", help="The candidate's name.")],
    email: Annotated[str | None, typer.Option("--email", help="The candidate's e-mail.")
                     ] = None,
    title: Annotated[list[str] | None, typer.Option(
        "--title", help=f"An earlier job, as {TITLE_FORMAT}; repeat.")] = None,
    level: Annotated[str | None, typer.Option(
        "--level", help="Target this level (default: what the earlier work reads as).")
    ] = None,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add a candidate and start their loop for a role."""
    jobs = [parse_title(t) for t in title or []]
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        loop = changes.start_loop(session, viewer, lookup.role_for(session, viewer, role_id),
                                  name=name, email=email, titles=jobs, level=level,
                                  origin=COMMAND_LINE)
        data = visible.loop_view(session, viewer, loop.id)
    lines = [f"loop #{data['id']} for {data['candidate']['name']}: targets "
             f"{data['target_level']}"]
    lines += [f"  {m['title']} at {m['company']} → {m['level']}: {'; '.join(m['reasons'])}"
              for m in data["mapping"]]
    _done(data, "\n".join(lines), json_out)


@app.command("interview")
def interview(
    ctx: typer.Context, loop_id: LoopArg,
    interviewer: Annotated[str, typer.Argument(help="The interviewer (handle).")],
    kind: Annotated[str, typer.Option("--kind", help="architecture, strategy_writing, "
                                      "past_projects, leadership_values or presentation.")],
    dimension: Annotated[list[str] | None, typer.Option(
        "--dimension", help="A dimension to focus on (default: the kind's usual); repeat.")
    ] = None,
    acknowledge: Annotated[str | None, typer.Option(
        "--acknowledge", help="Why the panel proceeds despite a conflict of interest.")
    ] = None,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Put an interviewer on a loop, with questions drawn from the framework."""
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        i = changes.add_interview(session, viewer, lookup.loop_for(session, viewer, loop_id),
                                  find_person(session, interviewer), kind,
                                  dimensions=dimension or [], acknowledgement=acknowledge,
                                  origin=COMMAND_LINE)
        data: dict[str, Any] = {"id": i.id, "interviewer": interviewer, "kind": i.kind,
                "dimensions": list(i.dimensions), "questions": list(i.questions),
                "conflicts": list(i.conflicts)}
        message = (f"{interviewer}: {kind} interview on {', '.join(i.dimensions)} "
                   f"({len(i.questions)} questions)")
    _done(data, message, json_out)


@app.command("score")
def score(
    ctx: typer.Context, loop_id: LoopArg,
    as_: Annotated[str, typer.Option("--as", help="The interviewer (handle).")],
    level: Annotated[list[str] | None, typer.Option(
        "--level", help="dimension=level; repeat.")] = None,
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", help="dimension=what you saw in the interview; repeat.")] = None,
    lean: Annotated[str | None, typer.Option(
        "--lean", help="strong_hire, hire, no_hire or strong_no_hire.")] = None,
    submit: Annotated[bool, typer.Option("--submit", help="Submit it (final).")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Write (and optionally submit) your scorecard for a loop."""
    levels, texts = _pairs(level, "--level"), _pairs(evidence, "--evidence")
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        card = changes.save_scorecard(session, viewer, lookup.loop_for(session, viewer, loop_id),
                                      levels=levels, evidence=texts, lean=lean, submit=submit,
                                      origin=COMMAND_LINE)
        data = {"id": card.id, "levels": dict(card.levels), "evidence": dict(card.evidence),
                "lean": card.lean, "submitted": card.submitted_at is not None}
    _done(data, "scorecard submitted" if submit else "scorecard saved (draft)", json_out)


@app.command("list")
def list_(ctx: typer.Context, as_: AsOpt = None, json_out: JsonOpt = False) -> None:
    """The loops you may see."""
    st = state(ctx)
    with st.session(read_only=True) as session:
        rows = visible.loops_of(session, lookup.principal_for(session, as_))
    _done(rows, "\n".join(f"#{r['id']} {r['candidate']} — {r['role']} ({r['target_level']}), "
                          f"{r['state']}" for r in rows) or "no loops", json_out)


@app.command("show")
def show(ctx: typer.Context, loop_id: LoopArg, as_: AsOpt = None,
         json_out: JsonOpt = False) -> None:
    """A loop as you may see it: blind until the debrief."""
    st = state(ctx)
    with st.session(read_only=True) as session:
        data = visible.loop_view(session, lookup.principal_for(session, as_), loop_id)
    if json_out:
        print_json(data)
        return
    console.print(f"loop #{data['id']}: {data['candidate']['name']} for {data['role']['title']}"
                  f", targets {data['target_level']} ({data['state']})")
    for i in data["interviews"]:
        flag = "submitted" if i["submitted"] else "waiting"
        console.print(f"  {i['interviewer']}: {i['kind_title']} — {flag}")
        card = i.get("scorecard")
        if card:
            console.print(f"    lean {card['lean']}; " + ", ".join(
                f"{d} {lv}" for d, lv in card["levels"].items()))
    if data["debrief"]:
        alpha = data["debrief"]["alpha"]
        console.print(f"  alpha {alpha if alpha is not None else 'undefined'}; lean median "
                      f"{data['debrief']['lean_median']}")
    if data["decision"]:
        console.print(f"  decision: {data['decision']['outcome']} — "
                      f"{data['decision']['rationale']}")


@app.command("debrief")
def debrief(ctx: typer.Context, loop_id: LoopArg, as_: AsOpt = None,
            json_out: JsonOpt = False) -> None:
    """Open the debrief once every scorecard is submitted."""
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        changes.open_debrief(session, viewer, lookup.loop_for(session, viewer, loop_id),
                             origin=COMMAND_LINE)
        data = visible.loop_view(session, viewer, loop_id)
    _done(data, f"loop #{loop_id}: debrief open", json_out)


@app.command("decide")
def decide(
    ctx: typer.Context, loop_id: LoopArg,
    outcome_: Annotated[str, typer.Argument(metavar="OUTCOME", help="hire or no_hire.")],
    rationale: Annotated[str, typer.Option("--rationale", help="The reasons.")],
    level: Annotated[str | None, typer.Option("--level", help="The level hired at.")] = None,
    as_: AsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Decide a loop after its debrief."""
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        d = changes.decide(session, viewer, lookup.loop_for(session, viewer, loop_id),
                           outcome_, rationale, level=level, origin=COMMAND_LINE)
        data = {"loop": loop_id, "version": d.version, "outcome": d.outcome, "level": d.level}
    _done(data, f"loop #{loop_id}: {data['outcome']} (version {data['version']})", json_out)


@app.command("hire")
def hire(ctx: typer.Context, loop_id: LoopArg, as_: AsOpt = None,
         json_out: JsonOpt = False) -> None:
    """Make a hired candidate a person on the roster, seeded with the loop's evidence."""
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        p = outcome.hire(session, viewer, lookup.loop_for(session, viewer, loop_id),
                         origin=COMMAND_LINE)
        data = {"person_id": p.id, "handle": p.handle, "level": p.level}
    _done(data, f"{data['handle']} joins the roster at {data['level']}", json_out)


@app.command("erase")
def erase(ctx: typer.Context,
          candidate_id: Annotated[int, typer.Argument(help="The candidate's id.")],
          as_: AsOpt = None, json_out: JsonOpt = False) -> None:
    """Erase a candidate's personal data; the loop's levels stay for the statistics."""
    st = state(ctx)
    with st.session(create=False) as session:
        viewer = lookup.principal_for(session, as_)
        c = outcome.erase_candidate(session, viewer,
                                    lookup.candidate_for(session, viewer, candidate_id),
                                    origin=COMMAND_LINE)
        data = {"candidate": c.id, "erased": True}
    _done(data, f"candidate #{candidate_id} erased", json_out)
