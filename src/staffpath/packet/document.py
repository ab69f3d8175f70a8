"""Building the promotion packet: every decision about what it shows, made once, typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from staffpath import __version__
from staffpath.assess.engine import Assessment, DimensionAssessment
from staffpath.framework.model import Framework
from staffpath.ledger.endorsements import Advocate
from staffpath.packet.advocates import advocates_answer
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
from staffpath.packet.questions import (
    QUESTIONS,
    Question,
    answers,
    kind_of,
    scope_of,
    teams_of,
    what_made_it_hard,
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
from staffpath.vocab import EvidenceKind

PLAN_CATEGORIES = ("goal", "learning", "todo")
MAX_PROJECTS = 8
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


def _project_entry(e: Evidence) -> Entry:
    """A staff-scale project: when, reach, impact and what made it hard."""
    teams = teams_of(e)
    reach = scope_of(e).label + (f": {', '.join(teams)}" if teams else "")
    facts = [Fact("When", when(e)), Fact("Reach", reach)]
    if e.project:
        facts.append(Fact("Project", one_line(e.project)))
    impact = outcome(e) or one_line(e.impact_text or "") or "not recorded"
    facts.append(Fact("Impact", impact))
    yearly = annual(e)
    if yearly is not None:
        facts.append(Fact("Money", f"{money(yearly, e.impact_currency)} a year"
                          if e.impact_period else money(yearly, e.impact_currency)))
    hard = what_made_it_hard(e)
    facts.append(Fact("What made it hard", one_line(hard) if hard else "not recorded"))
    return Entry(e.id, one_line(e.title), when(e), tuple(facts))


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


def _answer(q: Question, items: Sequence[Evidence], voice: Voice, own_team: str | None
            ) -> Answer:
    """One question's answer from the items that answer it."""
    found = answers(q, items)
    prompt = voice.fill(q.prompt)
    entries: list[Entry] = []
    notes: list[Note] = []
    more = 0
    lead: str | None = None
    n = len(found)
    if q.id == "projects" and found:
        # Widest reach first; within a reach, what the person led or wrote before code changes
        # mined from history (those back the case but rarely are the project itself).
        ranked = sorted(found, key=lambda e: (scope_of(e), kind_of(e) is not CROSS_TEAM,
                                              e.date_start or dt.date.min, e.id), reverse=True)
        entries = [_project_entry(e) for e in ranked[:MAX_PROJECTS]]
        more = max(0, n - MAX_PROJECTS)
        widest = scope_of(ranked[0]).label
        span = _span(found)
        lead = (f"{plural(n, 'item')} reached several teams or wider"
                + (f", from {span[0]} to {span[1]}" if span else "")
                + f"; the widest reached {widest}.")
        if more:
            lead += f" The {MAX_PROJECTS} widest and most recent are shown here."
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
                  q.would_answer, detailed=q.id == "projects", count=n)


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
    own_team: str | None, target_title: str | None,
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
        out.append(f"{plural(projects.count, 'project')} reached several teams or wider "
                   f"{cites(projects.cited)}.")
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
    if gaps.gaps and target_title:
        names = ", ".join(g.title for g in gaps.gaps[:3])
        more = f" and {len(gaps.gaps) - 3} more" if len(gaps.gaps) > 3 else ""
        out.append(f"Gaps to {target_title}: {names}{more}.")
    elif target_title:
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
    answers_ = tuple(_answer(q, items, voice, own_team) for q in QUESTIONS)
    answers_ = tuple(advocates_answer(a, advocates, voice) if a.id == "advocates" else a
                     for a in answers_)
    gaps = _gaps(assessment, framework, notes, voice)
    total = len(answers_) + 1
    answered = sum(a.answered for a in answers_) + gaps.answered
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
        levels=tuple(lv.title for lv in framework.levels),
        target_rank=framework.level_index(target) + 1 if target else None,
        dimensions=rows, answers=answers_, gaps=gaps, appendix=tuple(appendix))
