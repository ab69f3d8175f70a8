"""Named efforts: one long piece of work that a log tells as many short entries under its name.

A running log tells a long effort a line at a time, each line small on its own: "SWB: 6 of 9
teams migrated", "Switchboard GA, teams 1-3 on it", "SWB-341: data's experiments stay out".
Such a log often says what the effort is called, in its legend ("HC = Honeycomb, HCMB- in
Jira, #honeycomb-program"), or files the effort's work under one ticket prefix. A reader joins
the lines by that name: the effort reaches as far as its entries say it does, and when the
author leads it, the entries that state no part of their own are the author's lead of it.

This module finds the names and which lines carry them; the builder decides what the effort
says (`bragdoc.efforts.frame_by_effort`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["TICKET_KEY", "TICKET_PREFIX", "Effort", "declared_efforts", "ticket_efforts",
           "versioned_efforts"]

# "HC = Honeycomb", '"SWB" = Switchboard', "GM = green-main": an abbreviation said to stand for
# a name, in a record's legend.
_LEGEND = re.compile(
    r"[\"'“‘]?(?P<short>[A-Z][A-Za-z0-9]{0,9})[\"'”’]?\s*=\s*[\"'“‘]?"
    r"(?P<name>[A-Za-z][\w-]{2,30})(?![\w-])")
# A tracker's key for a ticket, "HCMB-40", "SWB-341": a project prefix and a number. One
# spelling for every reader of tickets (`bragdoc.tickets`, `extract.role`).
TICKET_PREFIX = r"[A-Z][A-Z0-9]{1,9}"
TICKET_KEY = TICKET_PREFIX + r"-\d{1,6}"
# A ticket prefix: "HCMB-40", "SWB-341", and in a legend "HCMB- in Jira", "GM-### tickets".
_TICKET = re.compile(rf"(?<![\w/-])(?P<prefix>{TICKET_PREFIX})-(?:\d+|#+|(?=[\s,;.)]|$))")
_CHANNEL = re.compile(r"(?<![\w/])#(?P<channel>[a-z][a-z0-9_-]{2,40})")
# Prefixes that number things of every kind, not one effort's work.
_GENERIC_PREFIXES = frozenset({"RFC", "ADR", "PR", "MR", "SEV", "INC", "CVE", "ISO", "UTF",
                               "JIRA", "TODO", "OKR", "KR", "Q", "H", "FY", "P", "W"})


@dataclass(frozen=True)
class Effort:
    """An effort's name and the other names the record gives it."""

    name: str
    words: tuple[str, ...] = ()  # names written as words ("Switchboard", "SWB")
    prefixes: tuple[str, ...] = ()  # ticket prefixes ("SWB" of "SWB-341")
    channels: tuple[str, ...] = ()  # chat channels ("switchboard")

    def named_in(self, text: str) -> bool:
        """Whether `text` names the effort by any of its names."""
        return _pattern(self).search(text) is not None


@lru_cache(maxsize=256)
def _pattern(effort: Effort) -> re.Pattern[str]:
    """One pattern for all the effort's names, compiled once per effort."""
    parts = [rf"(?<![\w#-]){re.escape(w)}(?![\w]|-[a-z])" for w in effort.words]
    parts += [rf"(?<![\w/-]){re.escape(p)}-(?:\d|#)" for p in effort.prefixes]
    parts += [rf"(?<![\w/])#{re.escape(c)}(?![\w-])" for c in effort.channels]
    return re.compile("|".join(parts) or r"(?!)")


def declared_efforts(lines: Iterable[str]) -> list[Effort]:
    """The efforts a record's legend names: each line saying an abbreviation stands for a name
    ("HC = Honeycomb (the cell programme), HCMB- in Jira, #honeycomb-program") gives one effort,
    with the ticket prefixes and channels that line names as its other names."""
    found: list[Effort] = []
    for line in lines:
        for part in re.split(r"\s[·|•]\s|;", line):
            legend = _LEGEND.search(part)
            if legend is None:
                continue
            short, name = legend.group("short"), legend.group("name")
            rest = part[legend.end():]
            prefixes = tuple(dict.fromkeys(
                m.group("prefix") for m in _TICKET.finditer(rest)
                if m.group("prefix") not in _GENERIC_PREFIXES))
            channels = tuple(dict.fromkeys(m.group("channel") for m in _CHANNEL.finditer(rest)))
            words = tuple(dict.fromkeys(w for w in (name, short) if len(w) >= 2))
            found.append(Effort(name, words, prefixes, channels))
    return found


def ticket_efforts(texts: Sequence[str], known: Sequence[Effort] = (), *,
                   at_least: int = 3) -> list[Effort]:
    """Efforts the record files under one ticket prefix ("HCMB-40", "HCMB-112"): a prefix that
    `at_least` of the texts use, and that no known effort already names."""
    taken = {p for e in known for p in e.prefixes}
    uses: Counter[str] = Counter()
    for text in texts:
        uses.update({m.group("prefix") for m in _TICKET.finditer(text)
                     if re.match(r"-\d", text[m.end("prefix"):])})
    return [Effort(p, (), (p,)) for p, n in uses.items()
            if n >= at_least and p not in taken and p not in _GENERIC_PREFIXES]


# A system's next version named as a piece of work: "Ledger v2", "Search v3", "Billing 2.0".
_VERSIONED = re.compile(r"\b(?P<name>[A-Z][\w-]{1,30}) (?P<version>v\d{1,2}|\d{1,2}\.0)\b")


def versioned_efforts(texts: Sequence[str], known: Sequence[Effort] = ()) -> list[Effort]:
    """Efforts the record names as a system's next version ("Kickoff for Ledger v2 cutover",
    later "Disputes fully on v2"): the name, and the bare version where the record gives that
    version to no other name. How many entries name it is the reader's to judge."""
    names: dict[str, set[str]] = {}
    for text in texts:
        for m in _VERSIONED.finditer(text):
            names.setdefault(m.group("version"), set()).add(m.group("name"))
    taken = {w for e in known for w in e.words}
    found: list[Effort] = []
    for version, owners in names.items():
        for owner in sorted(owners):
            full = f"{owner} {version}"
            if full in taken or owner in taken:
                continue
            words = (full, version) if len(owners) == 1 and version.startswith("v") else (full,)
            found.append(Effort(full, words))
    return found
