"""The promotion packet as Markdown: every question answered with cited evidence, or flagged."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from staffpath.assess.engine import Assessment
from staffpath.framework.model import Framework
from staffpath.packet.questions import QUESTIONS, answers, scope_of, what_made_it_hard
from staffpath.store.models import Evidence, JournalNote, Person

GAP = "> **Not yet answered.** "

PERIOD_PER_YEAR = {"year": 1, "quarter": 4, "month": 12, "week": 52}


def _md(text: str) -> str:
    """Keep user text from breaking the packet's own structure."""
    return text.replace("\r", " ").replace("\n", " ").strip()


def _when(e: Evidence) -> str:
    if e.date_start is None:
        return "undated"
    if e.date_end and e.date_end != e.date_start:
        return f"{e.date_start:%b %Y}–{e.date_end:%b %Y}"
    return f"{e.date_start:%b %Y}"


def _cite(e: Evidence) -> str:
    return f"[E{e.id}]"


def annual(e: Evidence) -> Decimal | None:
    if e.impact_money is None:
        return None
    per = PERIOD_PER_YEAR.get(e.impact_period or "")
    return e.impact_money * per if per else e.impact_money


def _money(amount: Decimal, currency: str | None) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency or "USD", "")
    value = float(amount)
    if value >= 1_000_000:
        return f"{symbol}{value / 1_000_000:.1f}M"
    if value >= 1_000:
        return f"{symbol}{value / 1_000:.0f}k"
    return f"{symbol}{value:.0f}"


def render_packet(
    person: Person,
    assessment: Assessment,
    framework: Framework,
    items: Sequence[Evidence],
    notes: Sequence[JournalNote],
    *,
    today: dt.date | None = None,
) -> str:
    """Render the packet; questions with no evidence are shown as gaps, never left out."""
    today = today or dt.date.today()
    target = assessment.target_level
    target_title = framework.level(target).title if target else "the next level"
    level_title = {lv.id: lv.title for lv in framework.levels}
    out: list[str] = []
    add = out.append
    add(f"# Promotion packet: {_md(person.name)}")
    add("")
    add(f"- **Current level:** {level_title.get(person.level or '', person.level or 'unset')}")
    add(f"- **Proposed level:** {target_title}")
    add(f"- **Team:** {person.team.name if person.team else 'no team'}")
    overall = assessment.overall_level
    add(f"- **Level the evidence supports today:** "
        f"{level_title.get(overall, 'not enough evidence') if overall else 'not enough evidence'}")
    add(f"- **Framework:** {framework.name} {framework.version}; assessed {assessment.as_of}")
    add("")
    add("## Summary by dimension")
    add("")
    add("| Dimension | Evidence supports | Target | Confidence | Cited |")
    add("| --- | --- | --- | --- | --- |")
    for d in assessment.dimensions:
        shown = level_title.get(d.level or "", "—") if d.level else (
            "not enough evidence" if not d.enough_evidence else "below the first level")
        add(f"| {d.title} | {shown} | {target_title} | {d.confidence:.0%} | "
            f"{' '.join(f'[E{c.evidence_id}]' for c in d.citations[:6]) or '—'} |")
    add("")
    unanswered = 0
    for q in QUESTIONS:
        found = answers(q, items)
        add(f"## {q.title}")
        add("")
        add(f"*{q.prompt}*")
        add("")
        if not found:
            unanswered += 1
            add(GAP + "No evidence in the record answers this yet.")
            add("")
            continue
        if q.id == "projects":
            for e in sorted(found, key=lambda e: (scope_of(e), e.date_start or dt.date.min),
                            reverse=True)[:8]:
                add(f"### {_md(e.title)} {_cite(e)}")
                add("")
                add(f"- **When:** {_when(e)}; **reach:** {scope_of(e).label}"
                    + (f"; **teams:** {', '.join(e.teams)}" if e.teams else ""))
                add(f"- **Contribution:** {_md(e.body) or _md(e.title)}")
                add(f"- **Impact:** {_md(e.impact_text) if e.impact_text else 'not recorded'}")
                hard = what_made_it_hard(e)
                add(f"- **What made it hard:** {_md(hard) if hard else 'not recorded'}")
                add("")
        elif q.id == "money":
            total_by_cur: Counter[str] = Counter()
            for e in found:
                amount = annual(e)
                if amount is not None:
                    total_by_cur[e.impact_currency or "USD"] += float(amount)  # type: ignore[assignment]
                add(f"- {_md(e.title)}: {_md(e.impact_text or '')} {_cite(e)}")
            add("")
            for cur, total in sorted(total_by_cur.items()):
                add(f"**Total, as yearly figures where a period was given:** "
                    f"{_money(Decimal(str(total)), cur)}")
            add("")
        elif q.id == "advocates":
            teams = Counter(t for e in found for t in e.teams)
            people = Counter(p for e in found for p in e.stakeholders)
            if teams:
                add("Teams worked with: " + ", ".join(
                    f"{t} ({n} item{'s' if n > 1 else ''})" for t, n in teams.most_common()))
            if people:
                add("")
                add("Stakeholders named: " + ", ".join(p for p, _ in people.most_common()))
            add("")
        else:
            for e in found[:12]:
                extra = f" — with {', '.join('@' + p for p in e.people)}" if e.people else ""
                add(f"- {_when(e)}: {_md(e.title)}{extra} {_cite(e)}")
            add("")
    add("## Gaps and the plan")
    add("")
    if not assessment.gaps and target:
        add(f"The evidence meets every {target_title} expectation in the framework.")
    for g in assessment.gaps:
        add(f"- **{g.title}** ({level_title.get(g.current or '', 'no level yet')} → "
            f"{level_title.get(g.target, g.target)}): {g.missing}. *What would show it:* "
            f"{g.closes_gap}")
    plans = [n for n in notes if n.category in ("goal", "learning", "todo")]
    if plans:
        add("")
        add("What the engineer plans next (from their journal):")
        add("")
        for n in plans[:10]:
            add(f"- {_md(n.text)}")
    elif assessment.gaps:
        add("")
        add(GAP + "No plan for closing these gaps is written down yet.")
    add("")
    add("## Evidence appendix")
    add("")
    add("| Ref | Date | Item | Kind | Reach | Source |")
    add("| --- | --- | --- | --- | --- | --- |")
    for e in sorted(items, key=lambda e: (e.date_start or dt.date.min, e.id)):
        source = e.source_type
        if e.source_ref:
            ref = e.source_ref.rsplit("/", 1)[-1]
            source += f": {ref}" + (f":{e.source_line}" if e.source_line else "")
        add(f"| E{e.id} | {_when(e)} | {_md(e.title).replace('|', '/')} | "
            f"{e.kind.replace('_', ' ')} | {scope_of(e).label} | {source.replace('|', '/')} |")
    add("")
    add(f"*{unanswered} of {len(QUESTIONS)} packet questions have no evidence yet. "
        f"Generated by staffpath on {today}.*")
    add("")
    return "\n".join(out)
