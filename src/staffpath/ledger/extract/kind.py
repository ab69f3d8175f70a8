"""The kind of work an item is: from its keywords and from category headings ("Mentoring")."""

from __future__ import annotations

import re

from staffpath.ledger.extract.stance import attended
from staffpath.vocab import EvidenceKind

__all__ = ["category_kind", "infer_kind"]

_KIND_RULES: list[tuple[EvidenceKind, re.Pattern[str]]] = [
    # Being mentored is the author learning, not mentoring: "buddy: Sam", "my mentor Ines",
    # "mentored by the staff engineer", "Ana coached me through my first design review".
    (EvidenceKind.LEARNING, re.compile(
        # A passage labelled as the author's weak spots, whatever work it names: "Where I'm
        # weak: I'm more comfortable in design docs than in meetings".
        r"^\W*(?:where i'?m (?:weak(?:est)?|not (?:good|strong|there) yet)|weak(?:ness(?:es)?)?"
        r"|(?:my )?(?:gaps|weak (?:spots?|points?)|blind spots?)|what i'?m (?:still )?"
        r"(?:not good at|bad at|weak at))\s*[:—–-]"
        r"|\b(?:my|our) (?:own )?(?:onboarding )?(?:mentors?|buddy|coach)\b"
        r"|\b(?:mentored|coached|onboarded) by\b"
        r"|\b(?:buddy|mentor|coach)\s*:\s*(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?\s*(?:$|[.,;(])"
        r"|\b(?:mentored|coached|mentors|coaches|mentoring|coaching) me\b"
        r"|\b(?:was|is|became) my (?:mentor|buddy|coach)\b", re.I)),
    (EvidenceKind.DECISION_RECORD, re.compile(
        r"\badrs?\b|decision records?|architecture decisions?", re.I)),
    # Reading a design someone named wrote and saying what one thinks is a review of their
    # work: "Reviewed Jonah's design doc for Nova", "reviewed Billing's proposal". Reviewing
    # the designs of many teams ("reviewed 23 design docs from 9 teams") stays design work: it
    # is how a reviewer shapes the designs of a group.
    (EvidenceKind.REVIEW, re.compile(
        r"^\W*(?:i\s+)?(?:reviewed|commented on|left comments on) (?-i:[A-Z])[\w-]+(?:'s|’s) "
        r"(?:[\w-]+ ){0,3}?(?:rfcs?|design[- ]docs?|design documents?|designs?|proposals?"
        r"|(?:tech(?:nical)? )?specs?)\b", re.I)),
    (EvidenceKind.DESIGN_DOC, re.compile(
        r"\brfcs?\b|design[- ]docs?\b|design documents?|tech(?:nical)? specs?\b"
        # A written case for a choice is design work: "wrote a 3-page brief… with a
        # recommendation", "drafted the proposal", "Proposed contract-first APIs…".
        r"|\b(?:wrote|writing|drafted|authored|co-?wrote)\b[^.;]{0,40}\b(?:proposals?|briefs?"
        r"|recommendations?|options papers?|one-pagers?)\b"
        # So is a written comparison of the options: "Wrote the comparison doc for presigned
        # uploads vs our proxy", "a trade-offs doc", "wrote up the options".
        r"|\b(?:comparison|options|trade-?offs?|decision)\s+(?:doc|document|write-?up|memo|note)s?\b"
        r"|\bwrote up the (?:options|trade-?offs|alternatives)\b"
        r"|^\W*(?:i\s+)?proposed\b", re.I)),
    # Changing course in the open when the evidence changes is a decision, and the record of
    # one: "Changed my mind publicly: retired my own 2024 recommendation".
    (EvidenceKind.DECISION_RECORD, re.compile(
        r"\bchanged (?:my|our) mind\b|\bchanged course\b|\breversed (?:my|our) (?:own )?"
        r"(?:[\w-]+ ){0,2}?(?:decision|recommendation|call)|\bretired my own\b"
        r"|\bmy call,? and it was wrong|\b(?:i was|i'd been|i had been) wrong\b|\bwrong call\b",
        re.I)),
    (EvidenceKind.MENTORSHIP, re.compile(
        r"\bmentor|\bmentee|\bcoach(?:ed|ing)?\b"
        r"|\bgrew (?:\w+ ){0,2}?(?:engineers|people|seniors|leads|developers)\b"
        # Helping a named person do something for the first time is coaching them: "Helped
        # Eszter write her first cross-team proposal".
        r"|\bhelped (?-i:[A-Z])[a-z]+ (?:to )?(?:write|prepare|design|lead|run|get|become|grow"
        r"|learn|present|through|with (?:her|his|their) first)\b"
        r"|\b(?:onboarding )?buddy\b|\bapprentice"
        # Pairing with one named person week after week is coaching them: "Paired with Bea
        # most weeks since February".
        r"|\bpaired with (?-i:[A-Z])[a-z]+ (?:most|every|each|once a|twice a) (?:weeks?|days?"
        r"|sprints?)\b|\bpaired (?:weekly|regularly) with (?-i:[A-Z])", re.I)),
    # Sponsorship is handing someone an opportunity: one's own stage, lead or area, or one's
    # name behind theirs ("pushed for Jonas to present instead of me", "Jonas took over the
    # sync library from me", "put Mia forward for the chair").
    (EvidenceKind.SPONSORSHIP, re.compile(
        r"\bsponsor|\bnominated\b|recommended \S+ for (?:promotion|the)"
        r"|\b(?:pushed|argued|advocated|lobbied|vouched) for (?-i:[A-Z])[a-z]+(?:'s)? "
        r"(?:to (?:present|lead|own|run|chair|take|speak)|promotion|nomination)\b"
        r"|\bput (?-i:[A-Z])[a-z]+ forward\b|\bput forward (?-i:[A-Z])[a-z]+\b"
        r"|\b(?-i:[A-Z])[a-z]+ took over (?:[\w-]+ ){1,5}?from me\b"
        r"|\bhanded (?-i:[A-Z])[a-z]+ (?:the|my|our) (?:[\w-]+ )?(?:lead|project|area|ownership"
        r"|chair|talk|slot|stage)\b"
        r"|\bstepped back (?:so (?:that )?|to let )(?-i:[A-Z])[a-z]+\b"
        r"|\bgave (?-i:[A-Z])[a-z]+ (?:the|my) (?:lead|stage|slot|talk|project)\b", re.I)),
    (EvidenceKind.HIRING, re.compile(
        r"\binterview|\bhiring\b|\bhired\b|\brecruit|bar[- ]raiser", re.I)),
    # A plan for more than one team's work is strategy: "the company's 2027 plan", "a
    # three-year plan", "the org's technical plan".
    # So is a direction written for an area, and it stays strategy when it was presented: what
    # the work was decides, not how it was shared ("Co-wrote the engineering direction for the
    # company, presented to the board").
    (EvidenceKind.STRATEGY, re.compile(
        r"\bstrateg|\broadmap|\bvision\b|north[- ]star"
        r"|\b(?:technical|technology|company'?s?|strategic|long-term|platform|architectural|our)"
        r" bets?\b|\b(?:wrote|made|placed|proposed|set) (?:the |a |our |this )?(?:[\w-]+ )?bet\b"
        r"|\b(?:technical|engineering|technology|architecture|architectural|platform|product)"
        r" direction\b|\bdirection (?:for|of) (?:the |our |its )?(?:company|org|organi[sz]ation"
        r"|engineering|group|platform)\b"
        r"|\b(?:company|org|organi[sz]ation|group|engineering|technology|technical|multi-year"
        r"|\d+-year|three-year|two-year|five-year|annual|\d{4})(?:'s)? plan\b"
        r"|\b(?:quarterly|annual|yearly|h[12]|q[1-4]|org|group|headcount) planning\b", re.I)),
    (EvidenceKind.TALK, re.compile(
        r"\btalks?\b|presented (?:at|to)|\bpresentation|spoke at|keynote|brown[- ]bag|webinar"
        r"|\bmeetup\b|\bpresented\b"
        # A demo given at an event is a talk to its audience: "lightning demo of the bot to
        # ~300 engineers at the all-hands", "demoed the export at the all-hands".
        r"|\blightning (?:talk|demo)|\bdemo(?:ed|'d|s)?\b[^.;]{0,60}?\b(?:at|to)\s+(?:the\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:all-hands|town ?hall|guild|summit|meetup|conference|offsite"
        r"|engineering|company|org)\b", re.I)),
    (EvidenceKind.INCIDENT, re.compile(
        r"\bincidents?\b|post[- ]?mortems?|\boutages?\b|\bsev[- ]?[0-4]\b|root[- ]cause", re.I)),
    (EvidenceKind.ONCALL, re.compile(r"\bon[- ]?call\b|\bpager", re.I)),
    (EvidenceKind.WRITING, re.compile(
        r"blog post|\barticles?\b|\bnewsletter|\bpublished\b|\bwhite ?paper", re.I)),
    # Moving a system off one platform onto another is a migration, whatever it is called:
    # "led the move of card payments from the monolith", "cut over", "decommissioned".
    (EvidenceKind.MIGRATION, re.compile(
        r"\bmigrat|\b(?:mov(?:e|ed|ing)|port(?:ed|ing)?)\b(?: of)? (?!to\b|from\b)(?:[\w-]+ ){1,6}?"
        r"(?:off|from|onto)\b|\bcut ?over\b|\bre-?platform|\bdecommission|\bsunset(?:ted|ting)?\b"
        # the end of one: "deleted the old booking tables", "turned off the legacy cluster"
        r"|\b(?:deleted|dropped|retired|turned off|switched off|shut down|removed) the (?:last of "
        r"the )?(?:old|legacy)\b",
        re.I)),
    # Owning an architecture (its design, data model or system design) is design work, unless
    # a kind above says what the person did with it ("sponsored X onto the architecture review").
    (EvidenceKind.DESIGN_DOC, re.compile(
        r"\barchitecture\b|\bdata models?\b|\bschema design|\bsystem design", re.I)),
    (EvidenceKind.REVIEW, re.compile(
        r"code reviews?|\bpr reviews?|pull[- ]request reviews?|\breviewing\b"
        r"|\breviewed\b.{0,40}\b(?:prs?|pull requests?|diffs?|changes|code|patches)\b"
        r"|\b(?:prs?|pull requests?) reviewed", re.I)),
    (EvidenceKind.PROCESS, re.compile(
        r"\bprocess(?:es)?\b|\bretro(?:spective)?s?\b|\brituals?\b|\bworking agreements?", re.I)),
    (EvidenceKind.GLUE_WORK, re.compile(
        r"\bci\b|\bci/cd\b|\btooling\b|\brunbooks?\b|\bdocs\b|\bdocumentation\b|\bflak(?:y|es)"
        r"|\blint(?:er|ing)?\b|build times?|dev(?:eloper)? (?:environment|experience)"
        r"|\bdev ?ex\b", re.I)),
    (EvidenceKind.FEEDBACK, re.compile(r"\bfeedback\b|\bkudos\b|shout[- ]?outs?|\bpraise", re.I)),
    (EvidenceKind.LEARNING, re.compile(
        # Owning a mistake is learning from it: "Mistake: the cleanup broke chat…".
        r"^\W*(?:my )?mistakes?\b|\bowned my (?:own )?(?:miss|mistake)|\bi got (?:it|this) wrong\b"
        # Naming one's own weak spot: "Weak: public speaking", "I should have involved …".
        r"|\bi should have\b|\bin hindsight\b"
        r"|\bmy (?:biggest |main )?(?:weakness|blind spot)\b|\bi'?m not good at\b"
        r"|\bcertifi(?:ed|cation)|\bcompleted (?:a |the )?training|\blearned\b"
        r"|reading group|\bstudied\b", re.I)),
    # Spreading what one knows so the work no longer depends on one person: "paired with Eszter
    # and Paulo on it so knowledge isn't only in DevEx", "handover: monitoring → Netcode",
    # "ran a workshop for 40 engineers". What an item is about only when nothing more
    # substantive names it: a migration handed over is a migration.
    (EvidenceKind.KNOWLEDGE_SPREAD, re.compile(
        r"\bso (?:that )?(?:the )?(?:knowledge|know-how) (?:isn'?t|is not|wasn'?t|was not"
        r"|doesn'?t|does not|no longer)\b|\bso (?:that )?(?:others|they|people|the teams?"
        r"|anyone) (?:can|could|no longer)\b|\bknowledge (?:sharing|transfer)"
        r"|\bworkshops?\b|\bhand-?over\b|\bhanded (?:it |this |them )?(?:over|off)\b"
        r"|\bbus factor\b|\btaking over\b|\btook over (?:from me|my)\b", re.I)),
    (EvidenceKind.SHIPPED_PROJECT, re.compile(
        r"\blaunch(?:ed|es)?\b|\bshipped\b|\breleased\b|\bdelivered\b|went live|rolled out", re.I)),
]

# Words that name a kind only where an item opens with them: "Wrote the all-engineering memo"
# is writing, while a memo mentioned among a programme's details is not what the work was.
_OPENING_RULES: list[tuple[EvidenceKind, re.Pattern[str]]] = [
    (EvidenceKind.WRITING, re.compile(r"\bmemos?\b|\bwrite-?ups?\b", re.I)),
]
# A label naming the author's own weak spot decides before anything the sentence mentions:
# "Weak: public speaking … did two all-hands talks" is self-reflection, not a talk.
_SELF_LABEL = (EvidenceKind.LEARNING, re.compile(
    r"^\W*(?:weak(?:ness(?:es)?)?|gaps?|blind spots?|shortfalls?|mistakes?|to improve)\s*:",
    re.I))
# The rules a paragraph's opening is read by.
_OPENING_KIND_RULES = [_SELF_LABEL, *_KIND_RULES, *_OPENING_RULES]

# Words that make a heading a category of work rather than a project ("## Mentoring").
_CATEGORY_WORDS: dict[str, EvidenceKind] = {}
for _kind, _words in {
    EvidenceKind.MENTORSHIP: "mentoring mentorship mentorships mentees mentee coaching",
    EvidenceKind.SPONSORSHIP: "sponsorship sponsoring sponsorships",
    EvidenceKind.INCIDENT: "incidents incident postmortems post-mortems outages firefighting",
    EvidenceKind.ONCALL: "on-call oncall on call",
    EvidenceKind.DESIGN_DOC: "design docs design-docs design documents rfcs designs specs",
    EvidenceKind.DECISION_RECORD: "adrs decisions decision records architecture decisions",
    EvidenceKind.TALK: "talks presentations speaking conference talks tech talks",
    EvidenceKind.WRITING: "writing blog posts articles publications",
    EvidenceKind.REVIEW: "reviews code reviews code review reviewing",
    EvidenceKind.GLUE_WORK: "glue work glue tooling ci developer experience dx documentation docs"
                            " internal tools",
    EvidenceKind.PROCESS: "process process improvements processes",
    EvidenceKind.HIRING: "hiring interviews interviewing recruiting",
    EvidenceKind.FEEDBACK: "feedback kudos praise shoutouts shout-outs recognition",
    # A section on the author's own misses and weak spots is self-reflection, the framework's
    # self-awareness ("knowing your weaknesses, owning mistakes openly").
    EvidenceKind.LEARNING: "learning courses certifications training mistakes lessons"
                           " weaknesses shortcomings reflections retrospective misses gaps",
    EvidenceKind.MIGRATION: "migrations",
    EvidenceKind.STRATEGY: "strategy technical strategy vision",
    EvidenceKind.SHIPPED_PROJECT: "launches shipped releases delivery",
}.items():
    _CATEGORY_WORDS.update(dict.fromkeys(_words.split(), _kind))
# Splitting the phrases above into words leaves halves that mean nothing alone: "Work" is not
# glue work, "Tech" is not a talk. Those only count inside their phrases.
for _half in ("work", "code", "blog", "posts", "records", "architecture", "internal", "tools",
              "developer", "experience", "conference", "tech", "technical", "on", "call"):
    _CATEGORY_WORDS.pop(_half, None)
_CATEGORY_PHRASES: dict[str, EvidenceKind] = {
    "design docs": EvidenceKind.DESIGN_DOC, "design documents": EvidenceKind.DESIGN_DOC,
    "decision records": EvidenceKind.DECISION_RECORD, "on call": EvidenceKind.ONCALL,
    "architecture decisions": EvidenceKind.DECISION_RECORD, "blog posts": EvidenceKind.WRITING,
    "code reviews": EvidenceKind.REVIEW, "code review": EvidenceKind.REVIEW,
    "glue work": EvidenceKind.GLUE_WORK, "developer experience": EvidenceKind.GLUE_WORK,
    "internal tools": EvidenceKind.GLUE_WORK, "process improvements": EvidenceKind.PROCESS,
    "technical strategy": EvidenceKind.STRATEGY, "conference talks": EvidenceKind.TALK,
    "tech talks": EvidenceKind.TALK, "incident response": EvidenceKind.INCIDENT,
    "where i fell short": EvidenceKind.LEARNING, "what i got wrong": EvidenceKind.LEARNING,
    "gaps i m aware of": EvidenceKind.LEARNING, "gaps i am aware of": EvidenceKind.LEARNING,
    "what i d do differently": EvidenceKind.LEARNING, "lessons learned": EvidenceKind.LEARNING,
    "areas to improve": EvidenceKind.LEARNING, "where i m weak": EvidenceKind.LEARNING,
    "blind spots": EvidenceKind.LEARNING,
    # A form asks it: "What are your gaps?"
    "what are your gaps": EvidenceKind.LEARNING, "what are your weaknesses": EvidenceKind.LEARNING,
}
_CATEGORY_FILLER = {"my", "our", "the", "and", "&", "other", "misc", "work", "stuff", "given",
                    "written", "led", "done", "a", "of", "some", "more", "team", "i", "gave"}


def category_kind(heading: str) -> EvidenceKind | None:
    """The kind a heading names when it is a category of work ("Mentoring", "Design docs")."""
    norm = re.sub(r"[^\w\s&/-]", " ", heading.lower()).replace("/", " and ")
    norm = re.sub(r"\s+", " ", norm).strip()
    # A form's label is no part of its question: "Q: What are your gaps?", "Q3. Mentoring".
    norm = re.sub(r"^q(?:uestion)?\s*\d{0,2}\s+", "", norm)
    if not norm:
        return None
    # The first part decides: "Mentoring & sponsorship" is mentoring.
    parts = [p.strip() for p in re.split(r"\s(?:and|&)\s|,", norm) if p.strip()]
    kinds: list[EvidenceKind] = []
    for part in parts:
        words = part.split()
        kind: EvidenceKind | None = None
        for phrase, phrase_kind in _CATEGORY_PHRASES.items():
            if phrase in part:
                kind = phrase_kind
                words = part.replace(phrase, " ").split()
                break
        for w in words:
            if w in _CATEGORY_WORDS:
                kind = kind or _CATEGORY_WORDS[w]
            elif w not in _CATEGORY_FILLER:
                return None
        if kind is not None:
            kinds.append(kind)
    return kinds[0] if kinds else None


# A sentence ends at . ! ? and any closing quote, bracket or emphasis right after it
# ('…a central bottleneck." Recruiting…', '**The platform bet.** Wrote…').
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]*_]*\s+")


def _keyword_kind(text: str) -> EvidenceKind | None:
    """The kind the text's words name; in a paragraph, its opening (where people say what the
    work was) decides before the details that follow. An opening of a few words is a label
    ("**The platform bet.** Wrote the three-year vision…"), so the sentence after it belongs
    to the opening too."""
    sentences = _SENTENCE_END.split(text.strip())
    parts = [(sentences[0], _OPENING_KIND_RULES)]
    if len(sentences[0].split()) <= 5 and len(sentences) > 1:
        parts.append((sentences[1], _OPENING_KIND_RULES))
    parts.append((text, _KIND_RULES))
    for part, rules in parts:
        for kind, regex in rules:
            if any(not _NONE_OF.search(part, max(0, m.start() - 20), m.start())
                   and not (kind in _WRITTEN_KINDS and _someone_elses(part, m.start()))
                   for m in regex.finditer(part)):
                return kind
    return None


# A design or decision someone named wrote is theirs, not the author's design work: "Marta did
# the planning and the tech design doc, and I implemented it", "built it from Lena's RFC".
_WRITTEN_KINDS = frozenset({EvidenceKind.DESIGN_DOC, EvidenceKind.DECISION_RECORD})
_SOMEONE_ELSES = re.compile(
    r"\b(?-i:[A-Z])[a-z]+(?:'s|’s) (?:[\w-]+ ){0,2}$"
    r"|\b(?-i:(?!I\b)[A-Z])[a-z]+ (?:\([^)]*\) )?(?:did|wrote|owned|authored|drafted|had written)"
    r"\b[^.;]{0,40}$")
# "Wrote Billing's design doc": the author wrote it for someone else, and it is theirs to tell.
_AUTHOR_WROTE = re.compile(r"\b(?:wrote|drafted|authored|co-?wrote|co-?authored|put together)\b",
                          re.I)


def _someone_elses(text: str, at: int) -> bool:
    """Whether the design or decision named at `at` is someone else's, by the words before it
    in its clause."""
    before = re.split(r"[.;]\s|,\s+(?:and\s+)?I\b", text[max(0, at - 60):at])[-1]
    return _SOMEONE_ELSES.search(before) is not None and not _AUTHOR_WROTE.search(before)


# A kind of work the words say did not happen does not name the work: "Rolled across 14
# clusters, no incidents", "shipped without an outage".
_NONE_OF = re.compile(r"\b(?:no|zero|without(?: an?| any)?|never an?|not an?)\s+$", re.I)


def infer_kind(text: str, section_titles: tuple[str, ...]) -> EvidenceKind:
    """The evidence kind of an item from its words and its headings (outermost first).
    An event the author went to or a course they took is learning, whatever it was about."""
    if attended(text):
        return EvidenceKind.LEARNING
    # A category heading is the author's own classification, so it outranks item keywords;
    # a project heading ("Payments migration") only fills in when the item says nothing.
    for title in reversed(section_titles):
        kind = category_kind(title)
        if kind is not None:
            return kind
    kind = _keyword_kind(text)
    if kind is not None:
        return kind
    for title in reversed(section_titles):
        kind = _keyword_kind(title)
        if kind is not None:
            return kind
    return EvidenceKind.OTHER
