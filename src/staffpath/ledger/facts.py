"""What an evidence item's prose says about reach, role, people and impact.

Extraction is a suggestion shown next to each item; anything the person sets on the item
itself (scope, role, teams) wins over it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from staffpath.ledger.extract.claims import backing_act
from staffpath.ledger.extract.credit import credits_another
from staffpath.ledger.extract.impacts import annual_money, extract_impacts
from staffpath.ledger.extract.labels import heading_labels
from staffpath.ledger.extract.numbers import number_value
from staffpath.ledger.extract.role import role_and_words
from staffpath.ledger.extract.scope import (
    NAME,
    TEAMS_FOR_ORG,
    extract_teams_count,
    reach_and_words,
)
from staffpath.ledger.extract.stance import attended
from staffpath.ledger.extract.teamnames import teams_by_area
from staffpath.ledger.extract.units import Unit, unit_named
from staffpath.vocab import Role, Scope

_NUM = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)"

_PEOPLE_VERBS = {
    "mentored": r"mentor(?:ed|ing)",
    "trained": r"(?:train(?:ed|ing)|taught|onboard(?:ed|ing)|coached|grew)",
    "sponsored": r"sponsor(?:ed|ing)",
    "promoted": r"(?:promot(?:ed|ion)s?)",
}
_NOUNS = r"(?:\w+\s){0,3}?(?:engineers?|people|developers?|devs|mentees?|folks|new hires?|" \
         r"hires|interns?|seniors?|juniors?|staff engineers?|managers?|members?|leads?)"


def _people_count(verb: str, text: str) -> int | None:
    pattern = re.compile(rf"\b{verb}\s+(?:over |about |around |more than )?{_NUM}\s+{_NOUNS}",
                         re.IGNORECASE)
    counts = [number_value(m.group("n")) for m in pattern.finditer(text)]
    # "promoted": also "two of them were promoted", "3 promotions"
    if verb.startswith("(?:promot"):
        for m in re.finditer(rf"\b{_NUM}\s+(?:of them |people |engineers )?(?:were |got )?"
                             r"promot(?:ed|ions)\b", text, re.IGNORECASE):
            counts.append(number_value(m.group("n")))
    return max(counts) if counts else None


@dataclass(frozen=True)
class Facts:
    """What extraction found in an item's text."""

    teams_named: tuple[str, ...] = ()
    teams_count: int | None = None
    scope: Scope | None = None
    role: Role | None = None
    people: dict[str, int] = field(default_factory=dict)
    money_per_year: str | None = None
    currency: str | None = None
    impacts: tuple[str, ...] = ()
    # The words each fact came from, e.g. {"reach": "the whole company", "role": "through the
    # tech leads"}, so that a reader can check what was read.
    words: dict[str, str] = field(default_factory=dict)
    cues: tuple[str, ...] = ()  # archetypes the text names in their own words
    framing: tuple[str, ...] = ()  # archetypes the document's opening names for the author

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scope"] = self.scope.name.lower() if self.scope is not None else None
        data["role"] = self.role.name.lower() if self.role is not None else None
        data["teams_named"] = list(self.teams_named)
        data["impacts"] = list(self.impacts)
        data["cues"] = list(self.cues)
        data["framing"] = list(self.framing)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        scope = data.get("scope")
        role = data.get("role")
        return cls(
            teams_named=tuple(data.get("teams_named") or ()),
            teams_count=data.get("teams_count"),
            scope=Scope[scope.upper()] if isinstance(scope, str) else None,
            role=Role[role.upper()] if isinstance(role, str) else None,
            people={k: int(v) for k, v in (data.get("people") or {}).items()},
            money_per_year=data.get("money_per_year"),
            currency=data.get("currency"),
            impacts=tuple(data.get("impacts") or ()),
            words={str(k): str(v) for k, v in (data.get("words") or {}).items()},
            cues=tuple(data.get("cues") or ()),
            framing=tuple(data.get("framing") or ()),
        )


def teams_named(text: str, team_names: Sequence[str]) -> list[str]:
    """Roster teams named in a text. Case-sensitive and not sentence-initial, because team
    names are often ordinary words ("Data", "Mobile") that only name a team when capitalised."""
    found = []
    for name in team_names:
        for m in re.finditer(r"(?<![\w&])" + re.escape(name) + r"(?![\w&])", text):
            if m.start() > 0:
                found.append(name)
                break
    return found


# A team is about eight engineers; growing more people than that reaches past one team, and
# growing several teams' worth reaches the organisation.
PEOPLE_FOR_TEAMS = 8
PEOPLE_FOR_ORG = 40


def scope_from(
    teams: int, words: Scope | None, counted: int | None, people: int = 0
) -> Scope | None:
    """The reach implied by teams named or counted, scope words and people grown."""
    candidates = [s for s in (words,) if s is not None]
    if counted is not None:
        candidates.append(Scope.ORG if counted >= TEAMS_FOR_ORG
                          else Scope.TEAMS if counted >= 2 else Scope.TEAM)
    if teams >= 2:
        candidates.append(Scope.TEAMS)
    if people >= PEOPLE_FOR_ORG:
        candidates.append(Scope.ORG)
    elif people >= PEOPLE_FOR_TEAMS:
        candidates.append(Scope.TEAMS)
    return max(candidates) if candidates else None


_OTHER_TEAM = re.compile(rf"\bthe {NAME} (?:team|squad)(?:'s)?", re.I)

# Tags people use to say how far a piece of work reached.
SCOPE_TAGS = {"crossteam": Scope.TEAMS, "multiteam": Scope.TEAMS, "orgwide": Scope.ORG,
              "companywide": Scope.COMPANY}


def extract_facts(
    title: str, body: str = "", team_names: Sequence[str] = (), tags: Sequence[str] = (),
    headings: Sequence[str] = (),
    remit: tuple[Scope, str] | None = None,
    shape_cues: Sequence[str] = (),
    subject: Sequence[str] = (),
    units: Sequence[Unit] = (),
) -> Facts:
    """Extract reach, role, people and impact from an item's title, details and tags. The
    headings the item sits under frame it: "## Partial refunds (lead)" says how the author
    took part in every item below it that does not say so itself; the document's `remit`
    (see `extract.remit`) is the reach of the author's work where the item says none, and the
    author's lead of it where the item states no part of its own; and
    `shape_cues` are the staff shapes its opening names (kept as `framing`, apart from the
    item's own `cues`); `subject` names the person a third-person record is about, whose role
    cues are the author's (see `extract.subject`); `units` are the parts of the organisation the
    document names with their size, which an item naming one reaches (see `extract.units`)."""
    # A grand headline told by the author's own small act ("Owned editor performance strategy
    # — memoized the block list") is read by the act (see `extract.claims`).
    title = backing_act(title) or title
    text = f"{title}\n{body}" if body else title
    named = teams_named(text, team_names)
    # Teams named by their area, as their members name them ("Billing, Ledger and Risk").
    named += [n for n in teams_by_area(text) if n not in named]
    counted = extract_teams_count(text)
    words, reach_words = reach_and_words(text)
    for tag in tags:
        tagged = SCOPE_TAGS.get(tag.lower().lstrip("#").replace("-", "").replace("_", ""))
        if tagged is not None and (words is None or tagged > words):
            words, reach_words = tagged, f"#{tag.lstrip('#')}"
    words_found: dict[str, str] = {}
    role, role_words = role_and_words(text, subject)
    # Work whose lead the item hands to someone else ("followed the plan Hana wrote") is not
    # the author's lead whatever frames it.
    credited = credits_another(text)
    # The nearest heading first: its label says how the author took part, when the item doesn't.
    for label in (lb for heading in reversed(headings) for lb in heading_labels(heading)):
        if role is not None or credited:
            break
        if credits_another(label):
            # "### Company-wide Kubernetes migration (led by Platform)": the project's lead was
            # someone else's, so nothing under it is the author's lead; what each item says
            # the author did is still their own work, not a lesser part.
            credited = True
            break
        role, role_words = role_and_words(label, subject)
    if role_words:
        words_found["role"] = role_words
    people = {k: n for k, verb in _PEOPLE_VERBS.items()
              if (n := _people_count(verb, text)) is not None}
    impacts = extract_impacts(text)
    money = next((i for i in impacts if i.money is not None), None)
    yearly = annual_money(money) if money is not None else None
    if money is not None and yearly is None:
        yearly = money.money
    grown = max(people.values(), default=0)
    event = attended(title)
    if event is not None:
        # An event the author went to reaches as far as its organisers took it; the author's
        # part was to learn there.
        named, counted, words, reach_words = [], None, None, None
        role, words_found["role"] = Role.CONTRIBUTED, event
    scope = scope_from(len(named), words, counted, grown)
    if scope is None and role is Role.CONTRIBUTED:
        # Helping a team named as another's ("Helped the Identity team by reviewing their
        # auth library", "pitched in on the Finance team's bug hunt") reached beyond one's own.
        other = _OTHER_TEAM.search(text)
        if other is not None:
            scope, words, reach_words = Scope.TEAMS, Scope.TEAMS, other.group(0)
    unit = unit_named(text, tuple(units)) if units and event is None else None
    if unit is not None and (scope is None or unit.reach > scope):
        scope, words, reach_words = unit.reach, unit.reach, f"{unit.name}: {unit.words}"
    if scope is None and remit is not None and event is None:
        scope, words, reach_words = remit[0], remit[0], f"remit: {remit[1]}"
    if role is None and remit is not None and event is None and not credited:
        # The post the opening states frames the author's part as it frames the reach: the
        # ordinary work of someone placed across those teams ("I'm the staff engineer across
        # all four", "Office of the CTO") is work they lead there, unless the item says
        # otherwise (helped, attended, someone else led it).
        role, words_found["role"] = Role.LED, f"remit: {remit[1]}"
    if scope is not None:
        if words is not None and scope == words and reach_words:
            words_found["reach"] = reach_words
        elif len(named) >= 2 and scope == Scope.TEAMS:
            words_found["reach"] = ", ".join(named)
        elif grown:
            words_found["reach"] = f"{grown} people grown"
    return Facts(
        teams_named=tuple(named),
        teams_count=counted,
        scope=scope,
        role=role,
        people=people,
        money_per_year=f"{yearly:.2f}" if yearly is not None else None,
        currency=money.currency if money is not None else None,
        impacts=tuple(i.text for i in impacts),
        words=words_found,
        cues=archetype_cues(text),
        framing=tuple(shape_cues),
    )


# Each staff archetype in the words its own description uses: a text that says "as the tech
# lead" or "the CTO asked me to" shows the shape of the work, whatever its kind.
_ARCHETYPE_CUES = {
    "tech_lead": re.compile(r"\b(?:tech(?:nical)? lead|TL)\b(?! of)", re.I),
    "architect": re.compile(r"\b(?:architect(?:ure)?|system design|technical area|domain owner)"
                            r"\b", re.I),
    "solver": re.compile(r"\b(?:hardest|firefight\w*|parachuted|dropped into|called in|"
                         r"troubleshoot\w*|root cause|gnarl\w*|stuck (?:problem|project)|"
                         # "goes wherever the hardest problem is … then moves on"
                         r"(?:wherever|whichever) (?:[\w-]+ ){0,3}problem|(?:then )?moved? on to"
                         r"|(?:and|then) moved? on|hand(?:ed)? (?:it|them) back)\b",
                         re.I),
    "right_hand": re.compile(r"\b(?:on behalf of|chief of staff|deputy|right[- ]hand|"
                             r"(?:for|with) the (?:CTO|VP|SVP|head of engineering)|"
                             r"(?:CTO|VP|SVP)'s (?:staff|priorities|office)|"
                             r"office of the (?:CTO|CEO|S?VP|EVP))\b", re.I),
}


def archetype_cues(text: str) -> tuple[str, ...]:
    """The archetypes a text names in their own words."""
    return tuple(a for a, regex in _ARCHETYPE_CUES.items() if regex.search(text))
