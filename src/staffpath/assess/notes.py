"""What the verdict says besides the level, in words both the CLI and the web show: what the
organisation's size changed in the reading, and why the title held or gave way."""

from __future__ import annotations

from dataclasses import dataclass

from staffpath.assess.engine import Assessment
from staffpath.assess.org_size import reach_limit
from staffpath.assess.overall import level_reach
from staffpath.assess.wording import plural
from staffpath.framework.model import Framework
from staffpath.ledger.extract.orgsize import DECLARED
from staffpath.vocab import Scope

__all__ = ["Note", "org_size_notes", "title_notes"]


@dataclass(frozen=True)
class Note:
    """A sentence of the verdict; `against` when it says the record speaks against the title
    or the evidence stepped down (shown as a warning), else it explains (shown quietly)."""

    text: str
    against: bool


def org_size_notes(framework: Framework, a: Assessment) -> list[str]:
    """What the organisation's size, as declared or as the record states it, changed in the
    reading: how far work was read to reach, how far the title holds, and whether the target
    asks for more reach than the place has."""
    stated = a.org_stated
    limit = reach_limit(framework, a.org_teams)
    out_of_reach = (a.target_level is not None and limit is not None
                    and level_reach(framework)[framework.level_index(a.target_level)] > limit)
    if stated is None or (a.reach_read_as is None and a.title_held_at is None
                          and not out_of_reach):
        return []
    teams = (f" in {plural(a.org_teams, 'team')}" if stated.teams
             else f" (about {plural(a.org_teams, 'team')})")
    if stated.words == DECLARED:
        notes = [f"The organisation is declared at {stated.engineers} engineers{teams}."]
    else:
        notes = [f"The record puts the organisation at {stated.engineers} engineers{teams} "
                 f"(\u201c{stated.words}\u201d)."]
    if a.reach_read_as is Scope.TEAM:
        notes.append("There, work that reached past one team reached all of a place of one "
                     "or two teams, and is read as one team's reach.")
    elif a.reach_read_as is not None:
        notes.append("There, work that reached the whole organisation or company reached "
                     f"{a.reach_read_as.label}, and is read so.")
    if a.title_held_at is not None and a.current_level is not None:
        asks = level_reach(framework)[framework.level_index(a.current_level)]
        if limit is not None and asks > limit:
            notes.append(f"A {framework.level_title(a.current_level)} title there asks for "
                         "more reach than the place has; it holds the level at "
                         f"{framework.level_title(a.title_held_at)}, and the record may show "
                         "more.")
        elif a.overall_level != a.current_level:
            notes.append(f"At a place this size a {framework.level_title(a.current_level)} "
                         "title is the company's own word, not one calibrated across an "
                         "organisation of many teams: it holds the level at "
                         f"{framework.level_title(a.title_held_at)}, and the record decides "
                         "above that.")
    if out_of_reach and a.target_level is not None and limit is not None:
        notes.append(f"{framework.level_title(a.target_level)} work reaches further than "
                     f"{limit.label}, the most a place this size holds: the gaps below say what "
                     "the level asks, which this organisation cannot yet show.")
    return notes


def title_notes(framework: Framework, a: Assessment) -> list[Note]:
    """Why the overall level is where it is against the title: the record's evidence against
    it, or that nothing in the record counts against it; and why the evidence shows a level
    below the one its dimensions reach."""
    rule = framework.overall
    notes: list[Note] = reading_notes(framework, a)
    held = bool(a.reading_level and not a.by_reading and a.current_level
                and a.overall_level == a.current_level)
    if held or (a.by_reading and not (a.below_by_reach or a.below_unled
                                      or a.below_by_record)):
        pass  # the reading said why
    elif a.below_by_reach and a.current_level and a.current_reach is not None:
        reach = a.current_reach.label
        notes.append(Note(
            f"Of the {plural(a.record_items, 'item')} in the record, "
            f"{a.current_reach_items} {'reaches' if a.current_reach_items == 1 else 'reach'} "
            f"{reach}, as {framework.level_title(a.current_level)} work does; that level is "
            f"shown across {rule.min_pieces_of_work} pieces of work or more at that reach, so "
            "the record is evidence against it.", True))
    elif a.below_unled and a.current_level and a.current_part is not None:
        notes.append(Note(
            f"The record holds {plural(a.record_items, 'item')} over "
            f"{plural(a.record_months, 'month')}, and in {a.current_part_items} of them the "
            f"author {a.current_part.label}; {framework.level_title(a.current_level)} asks for "
            "that, so the record is evidence against it.", True))
    elif a.below_by_record and a.current_level:
        shown = framework.level_title(a.overall_level) if a.overall_level else "no level"
        notes.append(Note(
            f"The record holds {plural(a.record_items, 'item')} over "
            f"{plural(a.record_months, 'month')} and the evidence in it shows {shown}: that "
            f"much work is enough to judge, so it is evidence against "
            f"{framework.level_title(a.current_level)}.", True))
    elif a.below_current and a.current_level:
        notes.append(Note(
            f"The record shows {framework.level_title(a.current_level)} nowhere across "
            f"{rule.against_dimensions}+ dimensions with "
            + ("enough work to judge it" if rule.judged_only else "evidence")
            + ": that is evidence against the current level.", True))
    elif a.current_level and a.overall_level == a.current_level and (
            a.evidence_level != a.overall_level):
        shown = (framework.level_title(a.evidence_level) if a.evidence_level
                 else "no level yet")
        notes.append(Note(
            f"The evidence recorded so far shows {shown}; nothing in it counts against "
            f"{framework.level_title(a.current_level)}, so that is where it stays.", False))
    if a.evidence_unled and not a.below_unled and a.evidence_level and not a.by_reading:
        asked = framework.level_ids[framework.level_index(a.evidence_level) + 1]
        notes.append(Note(
            f"The record holds {plural(a.record_items, 'item')} over "
            f"{plural(a.record_months, 'month')}, and in none of them did the author lead "
            "the work, nor write "
            + ("the team's designs or decisions"
               if framework.overall.shapes_choices_items == 1 else
               f"{framework.overall.shapes_choices_items} or more of the team's designs, "
               "decisions or plans")
            + "; "
            f"{framework.level_title(asked)} asks its holder to lead work, so the evidence "
            f"shows {framework.level_title(a.evidence_level)}, whatever its other dimensions "
            "reach.",
            True))
    return notes


def reading_notes(framework: Framework, a: Assessment) -> list[Note]:
    """What the record reads at as a whole (`overall.reader`), the items that read most like
    it, and what that did to the title."""
    if a.reading_level is None:
        return []
    read = framework.level_title(a.reading_level)
    telling = "; ".join(f"\u201c{_short(c.title)}\u201d" for c in a.reading_citations)
    said = (f"Read as a whole, the record reads {read} ({a.reading_share:.0%} of the "
            f"reader's weight)" + (f", most of all in {telling}" if telling else "") + ".")
    current = a.current_level
    if not a.by_reading:
        if current and a.overall_level == current:
            return [Note(said + f" That is below {framework.level_title(current)}, but "
                         f"{plural(a.reading_items, 'item')} are too few to speak against "
                         f"it (it takes {framework.overall.reader_against_items}): the title "
                         "holds until more is recorded.", False)]
        return [Note(said, False)]
    if a.below_current and current:
        return [Note(said + f" That is evidence against {framework.level_title(current)}"
                     + (f"; a title moves a level at a time, to "
                        f"{framework.level_title(a.overall_level)}."
                        if a.overall_level and a.overall_level != a.reading_level else "."),
                     True)]
    if a.overall_level and a.overall_level != a.reading_level:
        return [Note(said + f" The evidence the dimension rules cite shows "
                     f"{framework.level_title(a.overall_level)}, and together they read "
                     f"{framework.level_title(a.overall_level)}.", False)]
    return [Note(said, False)]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
