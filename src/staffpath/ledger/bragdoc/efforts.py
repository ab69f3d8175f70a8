"""A log's named efforts, read together: the reach their entries state, and the author's lead.

Each line of a running log is read alone first, and alone a line about a long effort is small
("SWB: policy-admin + billing + broker-portal done", "Switchboard GA"). Where the record names
an effort (see `extract.efforts`) and its entries say more than once that it reaches several
teams or further, and the author leads it through others or took it on in so many words, the
entries that state no reach or part of their own are read as the effort's: work the author led
that reaches as far as the effort does. The words kept with each fact say so ("Switchboard:
an effort whose entries reach several teams"), so a reader can check the join.

An effort the author only took part in (someone else's programme, a rewrite another engineer
leads) frames nothing: the entries keep what they say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from staffpath.ledger.bragdoc.document import ParsedEntry
from staffpath.ledger.extract.dates import DateSpan
from staffpath.ledger.extract.efforts import (
    Effort,
    declared_efforts,
    ticket_efforts,
    versioned_efforts,
)
from staffpath.ledger.extract.remit import STANDING_ROLE
from staffpath.ledger.extract.role import role_and_words
from staffpath.vocab import Role, Scope

__all__ = ["frame_by_effort"]

MIN_ENTRIES = 3  # an effort told in fewer lines is told whole in them
MIN_DAYS = 60  # and one told within two months is one piece of work, not a long effort


def _text(entry: ParsedEntry) -> str:
    return " ".join((entry.title, *entry.details))


def _stated_reach(entry: ParsedEntry) -> Scope | None:
    counted = Scope.TEAMS if (entry.teams_count or 0) >= 2 else None
    found = [s for s in (entry.scope_hint, counted) if s is not None]
    return max(found) if found else None


def _lead_entry(entries: Sequence[ParsedEntry]) -> int | None:
    """Which entry tells the author leading the effort (the first, if several do): leading it
    through other leaders or setting its direction, or taking it on ("asked me to lead
    Switchboard"); None when none does."""
    for n, e in enumerate(entries):
        role, _ = role_and_words(_text(e), e.subject)
        if (role is not None and role >= Role.LED_LEADERS) or STANDING_ROLE.search(e.title):
            return n
    return None


def _frame(entries: list[ParsedEntry], effort: Effort) -> list[ParsedEntry]:
    members = [n for n, e in enumerate(entries)
               if e.date is not None and effort.named_in(_text(e))]
    if len(members) < MIN_ENTRIES:
        return entries
    spans = [d for n in members if (d := entries[n].date) is not None]
    if (max(d.end for d in spans) - min(d.start for d in spans)).days < MIN_DAYS:
        return entries
    # The reach the effort's entries state more than once: one line's widest claim ("presented
    # it at the company all-hands") is that line's, not the effort's.
    stated = sorted((r for n in members if (r := _stated_reach(entries[n])) is not None),
                    reverse=True)
    if len(stated) < 2 or stated[1] < Scope.TEAMS:
        return entries
    lead = _lead_entry([entries[n] for n in members])
    if lead is None:
        return entries
    reach = stated[1]
    words = f"{effort.name}, an effort whose entries reach {reach.label}"
    framed = list(entries)
    for n in members:
        if framed[n].remit is None:
            framed[n] = dataclasses.replace(framed[n], remit=(reach, words))
    # The entry that tells the author leading it stands for the effort: its lead ran on to the
    # effort's last entry ("Kickoff with the four leads", then five months of cutover lines).
    at = members[lead]
    first, last = framed[at].date, max(d.end for d in spans)
    if first is not None and last > first.end:
        framed[at] = dataclasses.replace(framed[at], date=DateSpan(first.start, last))
    return framed


def frame_by_effort(entries: list[ParsedEntry], opening: Sequence[str]) -> list[ParsedEntry]:
    """`entries` with those of each named effort the author leads framed by it."""
    efforts = declared_efforts(opening)
    texts = [_text(e) for e in entries]
    efforts += ticket_efforts(texts, efforts)
    efforts += versioned_efforts(texts, efforts)
    for effort in efforts:
        entries = _frame(entries, effort)
    return entries
