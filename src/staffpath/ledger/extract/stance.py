"""Whether a line tells work the author did: not a plan, not an event they went to, and not
the part somebody else played.

A committee reads a brag document for what its author did. Three kinds of line look like work
to a keyword reader and are not:

- a plan or an intention ("I plan to lead the org-wide observability strategy next year",
  "Will own the roadmap from Q1", "Next: one external conference talk"): nothing has happened
  yet, so it is a goal, not evidence;
- an event the author attended, watched or read ("Attended the company-wide architecture
  summit run by our CTO"): the event's reach is its organisers', and what the author did there
  was learn;
- a lead somebody else took ("My manager led the migration of all 12 services; I updated two
  Helm charts", "Priya ran the incident; I took notes"): the author was part of another
  person's effort, and a role cue whose subject is someone else is not the author's role.

A role cue that is negated ("did not lead the review", "never owned it") is no cue at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from staffpath.ledger.extract.dates import MONTH_WORD

__all__ = ["NOT_PAST", "attended", "denied", "intended", "negated", "others_subject",
           "states_done"]

_INTENT = re.compile(
    # An optional label first, before a first-person intention: "Ready for staff: I want to
    # own the frontend architecture" (not "Impact: will save $2M", which tells a result).
    r"^\W*(?:[A-Z][^:.;]{1,60}:\s*(?=(?:i|we)(?:'d|'m|'re| am| are| would)?\s+(?:really\s+)?"
    r"(?:want|plan|hope|intend|would|like|aim|am going|are going)))?"
    # A time the intention is for may open it: "In August I will write the design doc".
    r"(?:(?:in|by|from|during|over|after|before|this|next|starting|early|late|mid)[\s-]+"
    r"[\w-]+(?:\s+[\w-]+)?,?\s+(?=(?:i|we)\b))?"
    r"(?:(?:i|we)(?:'m|'re| am| are|'d| would)?\s+)?(?:(?:still|also|now|really)\s+)?"
    r"(?:plan(?:ning)?\s+to|intend(?:ing)?\s+to|hop(?:e|ing)\s+to|want(?:ing)?\s+to"
    r"|expect(?:ing)?\s+(?:to|it|this|that|them)\b"
    r"|would\s+(?:like|love)\s+to|(?:ready|looking|keen|eager|excited)\s+to"
    r"|like\s+to|aim(?:ing)?\s+to|going\s+to|will\s+(?!and\b)[a-z]|'ll\s+[a-z]"
    r"|(?:next|upcoming|future|planned|plan|goal|goals|todo|to do|aspiration)"
    r"(?:\s+(?:year|quarter|half|step|steps|up|h[12]|q[1-4]))?\s*:)",
    re.I)
_WISH = re.compile(r"^\W*to(?=\s+(?:be\s+)?[a-z]+\b)", re.I)
_PAST_WORD = re.compile(r"\b(?:wrote|built|ran|led|shipped|drove|made|took|cut|set up|got|gave"
                        r"|grew|won|did|brought|kept|held|met|taught|spoke|moved|fixed"
                        r"|migrated|launched|delivered|created|reduced|added|removed|started)\b",
                        re.I)
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|\s+(?:—|–|-{1,2})\s+")
_FIRST_PERSON_PAST = re.compile(
    r"\b(?:i|we)\s+(?:(?:also|then|first|later|already|finally)\s+)?"
    r"(?:[a-z]{3,}ed|built|ran|wrote|led|gave|made|took|drove|won|taught|spoke|grew|did"
    r"|shipped|set|cut|got|held|kept|met|brought)\b", re.I)
_PAST_OPENING = re.compile(
    r"^\W*(?:[A-Za-z]{3,}ed|built|ran|wrote|led|gave|made|took|drove|won|taught|spoke|grew"
    r"|did|shipped|cut|got|held|kept|met|brought|set up)\b", re.I)
# Words that end like a past tense and are none: "need", "speed", "hundred".
NOT_PAST = frozenset(["need", "indeed", "speed", "feed", "seed", "embed", "proceed",
                       "exceed", "succeed", "hundred"])


def _done(sentence: str) -> bool:
    if _FIRST_PERSON_PAST.search(sentence):
        return True
    m = _PAST_OPENING.match(sentence)
    return m is not None and m.group(0).strip(" \t*-").lower() not in NOT_PAST


def states_done(text: str) -> bool:
    """Whether any sentence of `text` tells finished work ("Shipped …", "I wrote …")."""
    return any(_done(s) for s in _SENTENCES.split(text) if s.strip())


def intended(text: str) -> str | None:
    """The words that make `text` a plan ("I plan to", "Will", "Next quarter:"), when it opens
    with an intention and no later sentence tells work already done; else None. "Will and I
    migrated …" names a person, not a plan."""
    m = _INTENT.match(text)
    if m is None:
        # A wish in the infinitive, as under "To get there I would like:" — "To own a larger
        # initiative end to end." — tells nothing done, unless a sentence of it does ("To cut
        # toil, wrote a bot").
        wish = _WISH.match(text)
        if wish is None or any(_done(c) for c in _CLAUSES.split(re.sub(r",\s*", ", then ", text))
                               if c.strip()) or _PAST_WORD.search(text):
            return None
        return wish.group(0).strip(" *-")
    if re.match(r"\W*Will\s+(?:[A-Z]|and\b)", text):
        return None
    if any(_done(s) for s in _SENTENCES.split(text)[1:] if s.strip()):
        return None
    words = re.sub(r"\s+[a-z]$", "", m.group(0).strip(), flags=re.I)
    return words.strip(" :-*")


_ATTENDED = re.compile(
    r"^\W*(?:i\s+)?(?:attended|went to|watched|listened to|sat in on|was invited to"
    r"|was in the audience|joined the audience"
    # Taking part in a recurring forum as a member: "I was participating to the Architecture
    # Guild every two weeks", "took part in the staff forum".
    r"|(?:(?:was|have been|i'?ve been|am)\s+)?(?:participating|participated|participate"
    r"|taking part|took part)\s+(?:in|to|at)\s+(?:the |a |an |our )?(?:[\w'-]+\s+){0,3}?"
    r"(?:guild|forum|community of practice|chapter|reading group|meetup|summit|conference"
    r"|all-hands|town ?hall)s?"
    # Reading a book or a paper, not reading logs or postmortems to find a cause.
    r"|read\s+(?:[\"'“‘]|(?:the |a |an )?(?:book|books|article|articles|paper|papers|blog"
    r"|chapter)\b)"
    r"|(?:completed|finished|took|passed|enrolled in|signed up for|registered for)\s+"
    r"(?:a |an |the |my |our )?(?:[\w'-]+\s+){0,3}?(?:course|class|training|certification"
    r"|certificate|bootcamp))\b",
    re.I)


# An event marked as attended after its name: "Architecture Review Board — attend (recurring)",
# "Staff summit: attended".
_ATTENDED_MARK = re.compile(r"^[^.;]{3,80}?(?:\s[—–-]|\s?:|\.)\s*(?:attend(?:ed|ing)?|attendee"
                            r"|in the audience|present|member)\b(?!\s+(?:to|and|at)\b)", re.I)


_CLAUSES = re.compile(r"(?:,\s*|\s+and\s+)(?:then\s+)?|\s+then\s+")


def attended(text: str) -> str | None:
    """The words that make `text` an event the author attended or a course they took, when
    nothing after it tells work the author did there; else None."""
    m = _ATTENDED.match(text)
    if m is not None:
        first, *rest = _SENTENCES.split(text)
        after = [first[m.end():], *rest]
    else:
        m = _ATTENDED_MARK.search(text.split("\n")[0])
        if m is None:
            return None
        after = _SENTENCES.split(text[m.end():])
    clauses = [c for part in after for c in _CLAUSES.split(part)]
    if any(_done(c) for c in clauses if c.strip()):
        return None
    return m.group(0).strip(" '\"")


_NEGATION = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer|\bwithout)\s+(?:(?:the|a|an|really|formally|officially"
    r"|directly|actually|yet)\s+)?$", re.I)


# What would, could or will be done is not done: "I don't think either would say I led
# something for them", "I will lead the split next year", "I could have owned it".
_UNREAL = re.compile(
    r"\b(?:would|could|might|should|will|shall)\s+(?:(?:not|never|also|then|probably|likely"
    r"|rather|still)\s+)?(?:(?:say|think|argue|claim|agree|tell you)\s+(?:that\s+)?(?:i|we|she"
    r"|he|they)\s+|have\s+|be\s+)?$", re.I)


def negated(text: str, start: int) -> bool:
    """Whether the cue at `start` is negated ("did not lead") or told as what would or will be
    ("would say I led") by the words just before it."""
    before = text[max(0, start - 40):start]
    return bool(_NEGATION.search(before[-30:]) or _UNREAL.search(before))


# What the clause before a cue denies or only supposes is not the work's: "I haven't set
# anything company-wide", "asked whether I'd take the company-wide initiative next year".
# "Not just my team but …" widens it. ("No" is left out: "no downtime across the whole
# company" denies the downtime, not the reach.)
_DENIED = re.compile(r"(?:\b(?:not|never)\b|n't\b)(?!\s+(?:just|only|merely)\b)"
                     r"|\bwhether\b|\bif I'?d\b|\bwould\b|\bI'd\b", re.I)


def denied(text: str, start: int) -> bool:
    """Whether the clause before `start` denies or only supposes what follows it."""
    clause = re.split(r"[.;:!?,()]|\bbut\b", text[max(0, start - 60):start])[-1]
    return _DENIED.search(clause) is not None


# Someone other than the author, as the subject of a verb: "my manager", "our CTO", "the
# team lead", "she", "who" (a relative clause about someone just named).
_OTHER_NOUNS = (r"manager|managers|director|directors|vp|cto|ceo|boss|lead|leads|tl|tls|em"
                r"|colleague|colleagues|teammate|teammates|peer|peers|mentor|skip-level"
                r"|architect|principal|pm|pms|someone|somebody|engineer|engineers|designer"
                r"|designers|analyst|analysts|data scientist|data scientists")
# Capitalised words that open a clause without naming anyone: "Then", "During", "Both".
_NOT_NAMES = (r"I|We|Then|Also|Later|First|Together"
              r"|Jointly|Personally|Recently|Finally|Initially|Eventually|Co|Re|When|After|Before"
              r"|While|Since|Once|In|On|At|By|For|During|With|This|That|These|Those|It|There|Here"
              r"|Both|Each|Every|All|Most|Some|So|But|And|Or|Now|Soon|Today|Yesterday|Last|Next"
              r"|Afterwards|Meanwhile|Again|Still|Thus|Hence|Second|Third|Always|Often|Sometimes"
              r"|Never|Twice|Instead|Otherwise|Overall|Earlier|Alone|Solo")
_OTHER_SUBJECT = re.compile(
    # (also with an owner between: "the Supply squad's PM ran one experiment")
    rf"(?:(?i:\b(?:my|our|the|their|his|her|a|an|another|other)\s+(?:[\w'’-]+\s+){{0,2}}?"
    rf"(?:{_OTHER_NOUNS})|\b(?:he|she|they|who|which|whoever))"
    # "the Kubernetes upgrade, which Raj led": a relative clause naming its own subject.
    r"|(?i:\b(?:which|that|whom))\s+[A-Z][a-z]+"
    # (also after "the": "the Payments team was leading it")
    rf"|(?:^|[.;:!?]\s*|,\s*|\(\s*|\band\s+|\b[Tt]he\s+)(?!(?:{_NOT_NAMES}"
    # A verb that opens the line is the author's, their "I" dropped: "Was second reviewer".
    r"|Was|Were|Am|Is|Been|Became|Had|Have|Got|Stayed|Served|Acted|Kept|Took)\b)"
    r"[A-Z][a-z]+(?<!ly))"
    # A team named as the subject: "Payments team was leading it".
    r"(?:\s+(?i:team|squad))?"
    # "they each owned a piece": a word between the subject and its verb
    r"(?:'s)?\s+(?i:(?:had|has|then|also|actually|personally|was|were|is|who|each|both|all)"
    r"\s+)?$")
_MONTHS = re.compile(MONTH_WORD + r"\s*$", re.I)
# A post, as a person's title names it: "Tech Lead", "Staff Engineer", "EM".
_A_TITLE = re.compile(r"(?:(?:the |our )?(?:tech(?:nical)?[- ]lead|lead|owner|dri|tl|em|manager"
                      r"|staff engineer|principal engineer|architect)\b)", re.I)
_NAME_COMMA = re.compile(r"(?:^|[\s(\"“])([A-Z][a-z]+(?: [A-Z][a-z'’-]+)?),\s*$")


# Cues that are the author's whoever their subject is: they name the author, have no verb of
# their own, or tell others adopting the author's work ("Astrid adopted it as the strategy").
_AUTHOR_IN_CUE = re.compile(r"^(?:(?:with|through|as|by|under)\b|role:)|\b(?:i|me|my|we|us|our)\b"
                            r"|^\(|\b(?:adopted|accepted|approved|became|is now|now used"
                            r"|now serves)\b", re.I)


_OUR_POST = re.compile(rf"(?:our|my) (?:[\w-]+ )?(?:{_OTHER_NOUNS})", re.I)
_ASIDE = re.compile(r"\s*\([^()]*\)")  # a bracketed aside: "(staff, Engine Tools)"
_ASIDE_BEFORE = re.compile(_ASIDE.pattern + r"(?=\s*$)")
_NAMED_BEFORE = re.compile(r"(?:^|\s)[a-z][a-z']*,?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*$")
_FIRST_PERSON_WORD = re.compile(r"\b(?:i|me|my|myself|we|us|our)\b", re.I)


def _is_author(words: str, author: Sequence[str]) -> bool:
    """Whether the subject `words` name the person a third-person record is about."""
    found = re.findall(r"[a-z]+", words.lower().replace("'s", ""))
    return bool(author) and bool(found) and found[-1] in author


def _aside_about(text: str, start: int) -> str | None:
    """The person a bracketed aside describes, when the cue at `start` sits inside one that
    follows a name in running prose and says nothing of the author: "I mentor Mei (engineer,
    joined last year)" — Mei joined."""
    opening = text.rfind("(", 0, start)
    if opening < 0 or ")" in text[opening:start]:
        return None
    named = _NAMED_BEFORE.search(text[max(0, opening - 60):opening])
    if named is None:
        return None
    close = text.find(")", start)
    inside = text[opening + 1:close if close >= 0 else len(text)]
    # "(our tech lead)" names the person's post, not the author's part.
    if _FIRST_PERSON_WORD.search(inside) and not _OUR_POST.fullmatch(inside.strip()):
        return None
    return named.group(1)


def others_subject(text: str, start: int, cue: str = "", author: Sequence[str] = ()
                   ) -> str | None:
    """The words naming somebody else as the subject of the cue at `start` ("My manager" in
    "My manager led the migration"), or None when the subject is the author or unsaid. A cue
    that names the author ("made me the tech lead"), has no verb of its own ("with the EMs",
    "(lead)") or tells others adopting the author's work is the author's whoever comes before
    it."""
    before = text[max(0, start - 60):start]
    if cue.startswith("("):
        # "(tech lead)" after a name is that person's title: "design from Aisha (tech lead)".
        # A name follows running prose; a Title Case project name ("Checkout Revamp (lead)")
        # opens the line.
        named = re.search(r"(?:^|\s)[a-z][a-z']*,?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*$",
                          before)
        return named.group(1) if named and not _is_author(named.group(1), author) else None
    if _AUTHOR_IN_CUE.search(cue):
        return None
    if _A_TITLE.match(cue):
        # A title after a name and a comma is that person's: "Owen Castellanos, Tech Lead,
        # Ledger squad: 'The design was mine'".
        titled = _NAME_COMMA.search(before)
        if titled is not None and not _is_author(titled.group(1), author):
            return titled.group(1)
    aside = _aside_about(text, start)
    if aside is not None and not _is_author(aside, author):
        return aside
    # A bracketed aside between a name and its verb is no part of the subject: "Ravi (staff,
    # Engine Tools) started and ran it" — Ravi did.
    m = _OTHER_SUBJECT.search(_ASIDE_BEFORE.sub("", before))
    if m is None:
        return _shared_subject(text, start, author)
    if _MONTHS.search(m.group(0)) or _is_author(m.group(0), author):
        return None
    return m.group(0).strip(" ,;.(")


# A second verb shares its sentence's subject: "Ibrahim designed the migration and ran the
# waves" — Ibrahim ran them.
_CLAUSE_SUBJECT = re.compile(r"([A-Z][a-z]+)(?: [A-Z][a-z]+)?\s+(?:[a-z]+ed|ran|wrote|led|did|took"
                             r"|made|drew|built|set|kept|drove|owned|chose)\b")
_AND_BEFORE = re.compile(r"\band\s+(?:then\s+|also\s+)?$")


def _shared_subject(text: str, start: int, author: Sequence[str]) -> str | None:
    """The named person whose sentence the cue at `start` continues after "and", if any."""
    if _AND_BEFORE.search(text[max(0, start - 15):start]) is None:
        return None
    opening = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start),
                  text.rfind("\n", 0, start), text.rfind(": ", 0, start)) + 1
    clause = _ASIDE.sub("", text[opening:start]).lstrip(" *")
    m = _CLAUSE_SUBJECT.match(clause)
    if (m is None or _FIRST_PERSON_WORD.search(clause) or _is_author(m.group(1), author)
            or _NOT_A_NAME.fullmatch(m.group(1))):
        return None
    return m.group(1)


_NOT_A_NAME = re.compile(rf"{_NOT_NAMES}|(?i:{MONTH_WORD})")
