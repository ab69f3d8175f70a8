"""A grand claim told by the small act that backs it: the act is what the author did.

People headline a line with the words a ladder uses and then say what they did:

- "Spearheaded company-wide TypeScript strategy. Converted the template-editor block
  components (14 files) from JS";
- "Owned editor performance strategy — memoized the block list";
- "Led org-level accessibility initiative — picked up the audit ticket, added aria-labels".

A committee reads the second half. The headline's reach ("company-wide", "org-level") and its
part ("spearheaded", "owned … strategy") are the author's words about the act; the act itself
is one person's work on their own team. So when a headline opened by a verb that claims the
lead, and claiming a reach or a strategy, is followed (after a dash, a colon or a full stop) by
an act the author did with their own hands (a verb in the past tense, no subject) that names
nobody else and no reach of its own, the facts are read from the act alone. A headline whose
act names others or a reach ("Drove the org-wide migration — moved 40 services across 12
teams") keeps its reading: the act backs the claim.
"""

from __future__ import annotations

import re

from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value
from staffpath.ledger.extract.scope import ENGINEERS_FOR_TEAMS
from staffpath.ledger.extract.stance import NOT_PAST

__all__ = ["backing_act"]

# Where a headline ends and its act begins: a dash set apart by spaces, a colon, a full stop.
_SPLIT = re.compile(r"\s+(?:—|–|--?)\s+|:\s+|\.\s+(?=[A-Z])")
# The headline is the author's claim: it opens with a verb that claims the lead.
_CLAIMS_LEAD = re.compile(
    r"^\W*(?:spearhead(?:ed)?|champion(?:ed)?|orchestrated|pioneered|drove|led|owned|headed"
    r"|architected|kicked off|established|set up|launched|defined|shaped)\b", re.I)
# A headline that claims a reach or a strategy in the ladder's words.
_CLAIM = re.compile(
    r"\b(?:company[- ]wide|org(?:anisation|anization)?[- ](?:wide|level)|cross[- ](?:org|team"
    r"|functional)|engineering[- ]wide|across the (?:org|organi[sz]ation|company)"
    r"|strateg(?:y|ies|ic)|initiative|thought leadership|vision|alignment|excellence"
    r"|transformation|north star)\b", re.I)
# The author's own act: a verb in the past tense opening the clause, with no subject.
_ACT = re.compile(
    r"^\W*(?:(?:then|also|just|mostly|basically)\s+)?(?:[a-z]{3,}ed|built|wrote|made|cut|set|put"
    r"|did|took|fixed|ran|picked up|broke|split|sped up|rewrote|kept|got)\b", re.I)
_NOT_ACT = NOT_PAST | {"shared", "related", "based", "red"}
# Others, or a reach of its own, in the act: then it backs the claim.
_OTHERS = re.compile(
    r"\b(?:teams|squads|orgs?|organi[sz]ations?|departments?|company|engineers|developers"
    r"|people|everyone|leads|tls|managers|directors|vp|cto|across|with\s+(?-i:[A-Z])[a-z]+"
    r"|(?-i:[A-Z])[a-z]+\s+and\s+(?-i:[A-Z])[a-z]+|\d+\s+(?:of us|others|services|repos))\b",
    re.I)


def backing_act(text: str) -> str | None:
    """The act a grand claim in `text`'s headline is told by, when that act is the author's
    own work and names nobody else; None when `text` is no such claim."""
    first = text.split("\n", 1)[0]
    m = _SPLIT.search(first)
    if m is None or m.start() > 100:
        return None
    headline, act = first[:m.start()], first[m.end():]
    if not (_CLAIMS_LEAD.match(headline) and _CLAIM.search(headline)) or _CLAIM.search(act):
        return None
    if len(act.split()) < 3:  # "Approved.", "parked": a status, not an act
        return None
    verb = _ACT.match(act)
    if verb is None or verb.group(0).strip(" \t*-").lower() in _NOT_ACT:
        return None
    if any(not _a_few(act, o) for o in _OTHERS.finditer(act)):
        return None
    return act


def _a_few(act: str, other: re.Match[str]) -> bool:
    """Whether `other` counts fewer people than several teams hold ("All 4 web engineers use
    it now", "8 people came"): they do not carry the act beyond the author's team."""
    if other.group(0).lower() not in ("engineers", "developers", "people"):
        return False
    counted = _COUNTED.search(act[max(0, other.start() - 24):other.start()])
    return counted is not None and 0 < number_value(counted.group("n")) < ENGINEERS_FOR_TEAMS


# A count just before the people it counts, a word between them at most: "4 web engineers".
_COUNTED = re.compile(rf"\b(?P<n>\d{{1,3}}|{'|'.join(NUMBER_WORDS)})\s+(?:[\w-]+\s+)?$", re.I)
