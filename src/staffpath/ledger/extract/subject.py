"""Whose work a record tells when it is written in the third person.

Most records are the author's own ("Led the migration", "I wrote the design"), and a role cue
whose subject is somebody else ("Priya led the rollout; I reviewed it") is not the author's.
A manager's nomination or a peer's write-up tells one person's work in the third person
instead ("She took over the ledger migration", "Ana led the incident review change"): there,
the person the items are about is the one being assessed, and "she" and "Ana" are the author
of the work. The record is read so only when its items mostly open with that person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["prose_subject", "record_subject"]

# An item's opening subject, after an optional time ("In February she took over …").
_OPENING = re.compile(
    r"^\W*(?:(?:in|by|since|from|during|over|after|before|this|last|early|late|mid|at|on"
    r"|when)\b[^,.;:]{0,30}?,?\s+)?(?P<who>she|he|(?-i:[A-Z][a-z]{1,20}))(?:'s)?\s+"
    r"(?P<verb>[a-z]{2,})\b", re.I)
_PRONOUNS = frozenset(["she", "he"])
# Capitalised words that open sentences without naming anyone.
_NOT_NAME_WORDS = """
    i we you they it this that these those there here the a an our my their his her its
    in on at by for from to with after before during since until when while once then also
    both each every all most some many few several no not one two three four five first
    second third last next new old team teams engineering product platform company org
    what why how who which where q1 q2 q3 q4 h1 h2 fy jan feb mar apr may jun jul aug sep
    oct nov dec january february march april june july august september october november
    december monday tuesday wednesday thursday friday led built wrote shipped ran drove
    """
_NOT_NAMES = frozenset(re.findall(r"\w+", _NOT_NAME_WORDS))
_VERBISH = re.compile(r"(?:ed|s|es)$|^(?:led|ran|built|wrote|drove|took|made|set|is|was|has"
                      r"|had|can|will|did|got|gave|grew|kept|met|won|cut|sat|spoke|taught"
                      r"|brought|held|became|now|also|then|still|always|often|personally)$")


def _opening(text: str) -> str | None:
    m = _OPENING.match(text)
    if m is None:
        return None
    who, verb = m.group("who"), m.group("verb").lower()
    if not _VERBISH.search(verb):
        return None
    if who.lower() in _PRONOUNS:
        return who.lower()
    if who.lower() in _NOT_NAMES or not who[0].isupper():
        return None
    return who.lower()


def record_subject(items: Sequence[str]) -> tuple[str, ...]:
    """The words naming the person a third-person record is about ("she", "ana"), or () when
    the record is the author's own. Two items or more, and at least two in five, must open
    with that person, and more of them than open with "I" or "we"."""
    openings = [_opening(t) for t in items]
    first_person = sum(1 for t in items if re.match(r"^\W*(?:i|we)\b", t, re.I))
    counts = Counter(o for o in openings if o is not None)
    if not counts:
        return ()
    pronoun = max((p for p in counts if p in _PRONOUNS), key=lambda p: counts[p], default=None)
    # The person's name opens items too ("Ana led …"): twice or more, or, beside the pronoun,
    # once when no other name does.
    names = [n for n in counts if n not in _PRONOUNS]
    least = 1 if pronoun is not None else 2
    top = sorted(names, key=lambda n: -counts[n])
    name = top[0] if top and counts[top[0]] >= least and (
        len(top) == 1 or counts[top[0]] > counts[top[1]]) else None
    about = sum(counts[w] for w in (pronoun, name) if w is not None)
    if about < 2 or 5 * about < 2 * len(items) or about <= first_person:
        return ()
    return tuple(w for w in (pronoun, name) if w is not None)


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


def prose_subject(text: str) -> tuple[str, ...]:
    """The person a record written as prose in the third person is about ("Ifeoma asked the
    three leads …", "She did not write the fix"), read from its sentences rather than its
    items: a manager's write-up tells its subject's work in paragraphs, where no item opens
    yet. Only sentences that open with a person count, and at least four must."""
    sentences = [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]
    opening = [s for s in sentences
               if _opening(s) is not None or re.match(r"^\W*(?:i|we)\b", s, re.I)]
    return record_subject(opening) if len(opening) >= 4 else ()
