"""Building the promotion packet: every decision about what it shows, made once, typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from staffpath import __version__
from staffpath.assess.engine import Assessment, DimensionAssessment
from staffpath.assess.service import facts_of
from staffpath.assess.signals import MINED_SOURCES
from staffpath.framework.model import Framework
from staffpath.ledger.endorsements import Advocate
from staffpath.packet.advocates import advocates_answer
from staffpath.packet.closing import closing_work
from staffpath.packet.model import (
    Answer,
    AppendixRow,
    ChartRow,
    DimensionRow,
    Entry,
    Fact,
    GapRow,
    GapsAndPlan,
    Header,
    Note,
    PacketDocument,
    PlanItem,
    Status,
    Verdict,
    Voice,
)
from staffpath.packet.pieces import projects_of
from staffpath.packet.projects import Project
from staffpath.packet.questions import (
    QUESTIONS,
    Question,
    answers,
    is_project,
    kind_of,
    scope_of,
    teams_of,
)
from staffpath.packet.text import (
    annual,
    cites,
    details,
    exact_date,
    money,
    money_total,
    month,
    one_line,
    outcome,
    plural,
    provenance,
    when,
)
from staffpath.store.tables import Evidence, JournalNote, Person
from staffpath.vocab import EvidenceKind, Scope

PLAN_CATEGORIES = ("goal", "learning", "todo")
MAX_PROJECTS = 5
MAX_ENTRIES = 12
MAX_CITES = 6
CROSS_TEAM = EvidenceKind.CROSS_TEAM_CODE

__all__ = [
    "Answer", "AppendixRow", "ChartRow", "DimensionRow", "Entry", "Fact", "GapRow",
    "GapsAndPlan", "Header", "Note", "PacketDocument", "PlanItem", "Verdict", "Voice",
    "build_document",
]


def _dimension_row(
    d: DimensionAssessment, framework: Framework, target: str | None
) -> DimensionRow:
    """A dimension's row: its level, and where it stands against the target."""
    level_title = framework.level(d.level).title if d.level else None
    rank = framework.level_index(d.level) + 1 if d.level else None
    status: Status
    if not d.enough_evidence:
        status, text = "no_evidence", "cannot judge yet"
    elif target is None:
        status, text = "no_target", "no target set"
    elif rank is not None and rank >= framework.level_index(target) + 1:
        status, text = "meets", "meets target"
    else:
        status, text = "below", "below target"
    return DimensionRow(
        id=d.dimension, title=d.title, level=d.level,
        level_title=level_title or ("below the first level" if d.enough_evidence else None),
        rank=rank, status=status, status_text=text, confidence=d.confidence,
        relevant_items=d.relevant_items, cited=tuple(c.evidence_id for c in d.citations))


def _timeline(p: Project) -> str:
    """`Mar 2025 – Aug 2026 (18 months)`."""
    if p.first is None or p.last is None:
        return "undated"
    span = month(p.first) if p.first == p.last or month(p.first) == month(p.last) else (
        f"{month(p.first)} – {month(p.last)}")
    return f"{span} ({plural(p.months, 'month')})"


def _project_entry(p: Project, voice: Voice) -> Entry:
    """A project as a committee reads it: role, teams, engineers, timeline, impact, hardship."""
    facts = [Fact(voice.choose("My role", "Role"),
                  p.role.label if p.role_stated else "not recorded")]
    reach = p.scope.label
    if p.teams:
        reach += ": " + ", ".join(p.teams)
    if p.teams_count > len(p.teams):
        reach += ("; " if p.teams else ": ") + f"{plural(p.teams_count, 'team')} in all"
    facts.append(Fact("Teams", reach))
    if p.people:
        facts.append(Fact("Engineers directed", plural(p.people, "engineer")))
    facts.append(Fact("Timeline", _timeline(p)))
    impact = "; ".join(one_line(t) for t in p.impact)
    facts.append(Fact("Impact", impact or "not recorded"))
    if p.money_per_year is not None:
        facts.append(Fact("Money", f"{money(p.money_per_year, None)} a year"))
    hard = " ".join(f"\u201c{one_line(h)}\u201d" for h in p.hard[:2])
    facts.append(Fact("What made it hard", hard or "not recorded"))
    if p.backed_by:
        facts.append(Fact("Backed by", plural(len(p.backed_by), "item") + " mined from history"))
    return Entry(p.items[0] if p.items else p.backed_by[0], one_line(p.name), _timeline(p),
                 tuple(facts), cites=p.cites)


def _project_missing(p: Project) -> tuple[str, ...]:
    """The parts of the projects question the biggest project leaves unanswered."""
    parts = (("the author's part", p.role_stated),
             ("what it changed", bool(p.impact) or p.money_per_year is not None),
             ("what made it hard", bool(p.hard)))
    return tuple(name for name, ok in parts if not ok)


def _list_entry(e: Evidence, question: str) -> Entry:
    """An item under a list question, with who it involved and what came of it."""
    facts: list[Fact] = []
    if question == "money":
        yearly = annual(e)
        if e.impact_text:
            facts.append(Fact("Impact", one_line(e.impact_text)))
        if yearly is not None:
            facts.append(Fact("Counted as", f"{money(yearly, e.impact_currency)} a year"
                              if e.impact_period else money(yearly, e.impact_currency)))
    else:
        if e.people:
            facts.append(Fact("With", ", ".join("@" + p for p in e.people)))
        text = outcome(e)
        if text:
            facts.append(Fact("Outcome", text))
    return Entry(e.id, one_line(e.title), when(e), tuple(facts))


def _span(items: Sequence[Evidence]) -> tuple[str, str] | None:
    """The first and last month the items cover."""
    starts = [e.date_start for e in items if e.date_start]
    ends = [e.date_end or e.date_start for e in items if e.date_start]
    if not starts:
        return None
    return month(min(starts)), month(max(d for d in ends if d))


def _missing(qid: str, found: Sequence[Evidence]) -> tuple[str, ...]:
    """The parts of a list question that none of its answering items gives."""
    if not found:
        return ()
    told = any(outcome(e) or e.impact_text for e in found)
    parts: tuple[tuple[str, bool], ...] = ()
    if qid == "money":
        parts = (("the period the figure is for", any(
            e.impact_period or facts_of(e).money_per_year for e in found)),)
    elif qid == "mentoring":
        parts = (("who was mentored", any(e.people or facts_of(e).people
                                                  for e in found)),
                 ("what they went on to do", told))
    elif qid in ("organisation", "glue"):
        parts = (("what got better because of it", told),)
    return tuple(name for name, ok in parts if not ok)


def _answer(q: Question, items: Sequence[Evidence], voice: Voice, own_team: str | None,
            projects: Sequence[Project]) -> Answer:
    """One question's answer from the items that answer it."""
    found = answers(q, items)
    prompt = voice.fill(q.prompt)
    entries: list[Entry] = []
    notes: list[Note] = []
    more = 0
    lead: str | None = None
    missing: tuple[str, ...] = ()
    n = len(found)
    if q.id == "projects":
        wide = [p for p in projects if p.scope >= Scope.TEAMS]
        n = sum(len(p.cites) for p in wide)
        if wide:
            # Biggest first: reach, role, how long it ran, impact, teams and engineers.
            entries = [_project_entry(p, voice) for p in wide[:MAX_PROJECTS]]
            more = max(0, len(wide) - MAX_PROJECTS)
            big = wide[0]
            lead = (f"{plural(n, 'item')} make {plural(len(wide), 'project')} that reached "
                    f"several teams or wider. The biggest, {one_line(big.name)}, reached "
                    f"{big.scope.label}" + (f" over {plural(big.months, 'month')}"
                                            if big.months > 1 else "") + ".")
            if more:
                lead += f" The {MAX_PROJECTS} biggest are shown here."
            missing = _project_missing(big)
    elif q.id == "advocates" and found:
        by_team: dict[str, list[int]] = {}
        for e in found:
            for t in teams_of(e):
                by_team.setdefault(t, []).append(e.id)
        # Other teams first: advocates outside one's own team are what staff cases need.
        order = sorted(by_team.items(), key=lambda kv: (kv[0] == own_team, -len(kv[1]), kv[0]))
        for team, ids in order:
            label = f"{team} (own team)" if team == own_team else team
            notes.append(Note(f"{label}: {plural(len(ids), 'item')}", tuple(ids[:MAX_CITES])))
        leaders: dict[str, list[int]] = {}
        for e in found:
            for s in e.stakeholders:
                leaders.setdefault(s, []).append(e.id)
        for who, ids in sorted(leaders.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            notes.append(Note(f"Named stakeholder {who}: {plural(len(ids), 'item')}",
                              tuple(ids[:MAX_CITES])))
        others = [t for t in by_team if t != own_team]
        named = {0: "no leader is named as a stakeholder yet",
                 1: "1 leader is named as a stakeholder"}.get(
            len(leaders), f"{len(leaders)} leaders are named as stakeholders")
        if others:
            reach = (f"The work involved {plural(len(others), 'team')}"
                     + (f" besides {own_team}" if own_team else ""))
        else:
            reach = "No team " + (f"besides {own_team} " if own_team else "") + (
                "appears in the evidence yet")
        lead = f"{reach}; {named}."
    elif found:
        missing = _missing(q.id, found)
        entries = [_list_entry(e, q.id) for e in found[:MAX_ENTRIES]]
        more = max(0, n - MAX_ENTRIES)
        if q.id == "money":
            lead = (f"{plural(n, 'item')} record a money figure; together "
                    f"{money_total(found)}, counting yearly where a period was given.")
        elif q.id == "mentoring":
            people = {p for e in found for p in e.people}
            lead = (f"{plural(n, 'item')} of mentoring, sponsorship and growing others"
                    + (f", naming {plural(len(people), 'person', 'people')}." if people
                       else "."))
        elif q.id == "organisation":
            lead = f"{plural(n, 'item')} changed how several teams work."
        elif q.id == "glue":
            lead = f"{plural(n, 'item')} of on-call, tooling, process, review or quality work."
    return Answer(q.id, q.title, prompt, lead, tuple(entries), tuple(notes), more,
                  q.would_answer, detailed=q.id == "projects", count=n, missing=missing)


def _gaps(
    assessment: Assessment, framework: Framework, notes: Sequence[JournalNote], voice: Voice
) -> GapsAndPlan:
    """The gaps to the target and the plan from the journal."""
    title = {lv.id: lv.title for lv in framework.levels}
    target = assessment.target_level
    rows = tuple(GapRow(g.dimension, g.title, title.get(g.current or ""), title.get(
        g.target, g.target), g.missing, g.closes_gap) for g in assessment.gaps)
    plan = tuple(PlanItem(one_line(n.text), (f"{n.source_ref}:{n.source_line}" if
                                             n.source_line else n.source_ref))
                 for n in notes if n.category in PLAN_CATEGORIES)
    met = None
    lead = None
    if target is None:
        lead = "No target level is set, so there is nothing to measure gaps against."
    elif not rows:
        met = f"The evidence meets every {title[target]} expectation in the framework."
    else:
        lead = (f"{plural(len(rows), 'dimension')} "
                + ("is" if len(rows) == 1 else "are")
                + f" short of {title[target]}: " + ", ".join(g.title for g in rows) + ".")
    answered = target is not None and (not rows or bool(plan))
    intro = voice.choose("What I plan next (from my journal):",
                         f"What {voice.name} plans next (quoted from the journal):")
    return GapsAndPlan(
        title="Gaps and the plan",
        prompt="Where does the evidence fall short of the target, and what is the plan to "
               "close each gap?",
        lead=lead, gaps=rows, met_text=met, plan_intro=intro, plan=plan, answered=answered,
        work=closing_work(assessment, framework),
        would_answer=("A target level for the person." if target is None else
                      "Goals or things to learn in the journal that say how each gap will "
                      "be closed."),
    )


def _verdict(
    assessment: Assessment, framework: Framework,
    rows: Sequence[DimensionRow], answered: int, total: int, items: Sequence[Evidence],
) -> Verdict:
    """Page one's answer: is the case there, and the counts behind it."""
    title = {lv.id: lv.title for lv in framework.levels}
    target = assessment.target_level
    overall = assessment.overall_level
    supported = title[overall] if overall else None
    at_target = sum(r.status == "meets" for r in rows)
    short = sum(r.status == "below" for r in rows)
    thin = sum(r.status == "no_evidence" for r in rows)
    ready: bool | None = None
    support = (f"The evidence supports {supported} overall." if supported else
               "There is not enough evidence for an overall level yet.")
    if target is None:
        headline = "No target level is set"
        detail = support
    else:
        ready = overall is not None and framework.level_index(overall) >= (
            framework.level_index(target))
        goal = title[target]
        if ready:
            headline = f"Ready for {goal} on the evidence"
            detail = (f"{support} {at_target} of {len(rows)} dimensions are at {goal} or "
                      "above.")
        else:
            headline = f"Not yet ready for {goal} on the evidence"
            parts = [f"{short} {'is' if short == 1 else 'are'} below it"] if short else []
            if thin:
                parts.append(f"{thin} {'has' if thin == 1 else 'have'} too little evidence "
                             "to judge")
            reach = (f"{at_target} of {len(rows)} dimensions reach {goal}" if at_target else
                     f"None of the {len(rows)} dimensions reaches {goal} yet")
            detail = f"{support} {reach}" + ("; " + " and ".join(parts) if parts else "") + "."
    span = _span(items)
    fit = next((a for a in assessment.archetypes if a.score > 0), None)
    archetype = None
    if fit is not None:
        archetype = fit.title + ("" if fit.supported else
                                 f" (usually needs an organisation of about "
                                 f"{fit.min_org_engineers} engineers)")
    return Verdict(
        ready=ready, overall_level=overall, headline=headline, detail=detail,
        dimensions_at_target=at_target,
        dimensions_total=len(rows), questions_answered=answered, questions_total=total,
        evidence_items=len(items), evidence_span=f"{span[0]} – {span[1]}" if span else None,
        money=money_total(items), archetype=archetype)


def _summary(
    voice: Voice, items: Sequence[Evidence], answers_: Sequence[Answer], gaps: GapsAndPlan,
    own_team: str | None, target_title: str | None, *, with_gaps: bool = True,
) -> str:
    """The case in brief: the packet's own sentences, each claim with its citations."""
    by = {a.id: a for a in answers_}
    out: list[str] = []
    span = _span(items)
    if not items:
        return voice.fill("{My} record holds no evidence items yet.")
    out.append(voice.fill("{My} record holds ") + plural(len(items), "evidence item")
               + (f" from {span[0]} to {span[1]}." if span else "."))
    projects = by["projects"]
    if projects.answered:
        big = projects.entries[0]
        out.append(f"{plural(len(projects.entries) + projects.more, 'project')} reached "
                   f"several teams or wider; the biggest is {big.title} "
                   f"{cites(big.cites or (big.evidence_id,))}.")
    else:
        out.append("No project in the record reached beyond one team yet.")
    teams = sorted({t for e in items for t in teams_of(e) if t != own_team})
    if teams:
        shown = ", ".join(teams[:6]) + (f" and {len(teams) - 6} more" if len(teams) > 6 else "")
        out.append(f"The work involved {plural(len(teams), 'other team')}: {shown}.")
    money_items = by["money"]
    if money_items.answered:
        cited = set(money_items.cited)
        total = money_total([e for e in items if e.id in cited])
        out.append(f"Recorded money impact: {total} {cites(money_items.cited)}.")
    mentoring = by["mentoring"]
    if mentoring.answered:
        out.append(f"Mentoring and sponsorship: {plural(mentoring.count, 'item')} "
                   f"{cites(mentoring.cited)}.")
    if with_gaps and gaps.gaps and target_title:
        names = ", ".join(g.title for g in gaps.gaps[:3])
        more = f" and {len(gaps.gaps) - 3} more" if len(gaps.gaps) > 3 else ""
        out.append(f"Gaps to {target_title}: {names}{more}.")
    elif with_gaps and target_title:
        out.append(f"No gaps to {target_title} remain in the framework.")
    missing = [a.title for a in answers_ if not a.answered]
    if not gaps.answered:
        missing.append(gaps.title)
    if missing:
        out.append("Not yet answered: " + ", ".join(missing) + ".")
    return " ".join(out)


def build_document(
    person: Person,
    assessment: Assessment,
    framework: Framework,
    items: Sequence[Evidence],
    notes: Sequence[JournalNote],
    *,
    third_person: bool = False,
    advocates: Sequence[Advocate] = (),
) -> PacketDocument:
    """Decide everything the packet shows; the same inputs give the same document.
    `advocates` are the colleagues who vouched for items (`packet.advocates.advocates_of`)."""
    voice = Voice(one_line(person.name), third_person)
    # Newest first, ties by id, whatever order the caller's query gave.
    items = sorted(items, key=lambda e: (e.date_start or dt.date.min, e.id), reverse=True)
    notes = sorted(notes, key=lambda n: (n.source_ref or "", n.source_line or 0, n.id or 0))
    level_title = {lv.id: lv.title for lv in framework.levels}
    target = assessment.target_level
    own_team = person.team.name if person.team else None
    rows = tuple(_dimension_row(d, framework, target) for d in assessment.dimensions)
    projects = projects_of([e for e in items if is_project(e) or e.project
                            or e.source_type in MINED_SOURCES])
    answers_ = tuple(_answer(q, items, voice, own_team, projects) for q in QUESTIONS)
    answers_ = tuple(advocates_answer(a, advocates, voice) if a.id == "advocates" else a
                     for a in answers_)
    gaps = _gaps(assessment, framework, notes, voice)
    total = len(answers_) + 1
    answered = sum(a.status == "answered" for a in answers_) + gaps.answered
    verdict = _verdict(assessment, framework, rows, answered, total, items)
    cited_in: dict[int, list[str]] = {}
    for a in answers_:
        for i in a.cited:
            cited_in.setdefault(i, []).append(a.title)
    for r in rows:
        for i in r.cited:
            cited_in.setdefault(i, []).append(r.title)
    dim_title = {d.id: d.title for d in framework.dimensions}
    appendix = []
    for e in sorted(items, key=lambda e: (e.date_start or dt.date.min, e.id)):
        source, origin = provenance(e)
        appendix.append(AppendixRow(
            evidence_id=e.id, date=exact_date(e), title=one_line(e.title),
            body=details(e.body),
            kind=kind_of(e).value.replace("_", " "), reach=scope_of(e).label,
            dimensions=tuple(dim_title.get(d, d) for d in e.dimensions), source=source,
            origin=origin, cited_in=tuple(dict.fromkeys(cited_in.get(e.id, [])))))
    header = Header(
        name=voice.name, handle=person.handle, team=own_team,
        current_level=level_title.get(person.level or "", person.level),
        target_level=level_title.get(target) if target else None,
        supported_level=level_title.get(assessment.overall_level or ""),
        framework=f"{framework.name} {framework.version}", as_of=assessment.as_of,
        third_person=third_person, generator=f"staffpath {__version__}")
    return PacketDocument(
        header=header, verdict=verdict,
        summary=_summary(voice, items, answers_, gaps, own_team, header.target_level),
        summary_blind=_summary(voice, items, answers_, gaps, own_team, header.target_level,
                               with_gaps=False),
        levels=tuple(lv.title for lv in framework.levels),
        target_rank=framework.level_index(target) + 1 if target else None,
        dimensions=rows, answers=answers_, gaps=gaps, appendix=tuple(appendix))
