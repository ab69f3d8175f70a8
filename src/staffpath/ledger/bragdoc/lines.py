"""Lines of a record that are not work done, and what each is instead.

A record holds more than its work: its own summary ("TL;DR: 2025 was a huge year"), a meeting
doc's agenda and asks, time away ("PTO"), plans ("I plan to lead …"), and lines whose label
says what they are ("Plan for 2026: …", "Next: …", "Things to learn: …"). Each is kept as the
note it is, except time away, which is nothing to keep; none of them is another item of work.
"""

from __future__ import annotations

import re

from staffpath.ledger.bragdoc.headings import note_category, without_dates
from staffpath.ledger.extract.stance import intended, states_done

__all__ = ["label_category", "set_aside"]

# A record's own summary of itself ("TL;DR: 2025 was a huge year…", "Overall I closed 147
# tickets…", "Why staff: …") restates or argues from the work told in its items; it is not
# another piece of work, and a committee weighs the items, not the claim over them.
_SUMMARY = re.compile(
    r"\W*(?:tl;?\s?dr\b|in (?:summary|short|sum|a nutshell)\b|to (?:summari[sz]e|sum up)\b"
    r"|overall,?\s+(?:i|we|my|this|the year|it)\b"
    r"|all in all\b|why (?:i'?m ready for |i am ready for )?(?:staff|senior|principal"
    r"|(?:the |a )?promotion)\b|(?:this|20\d\d|the (?:last|past) (?:year|twelve months))\b"
    r"[^.]{0,25}\b(?:was|has been) (?:a|an|my) [^.]{0,30}\byear\b)", re.I)
# A meeting doc's own business is no work done: its agenda, the asks and concerns brought to
# it, absences announced ("agenda: what's next for me", "my ask: intros to the 4 TLs",
# "concern: I'm in 31 recurring meetings", "FYI out 11–29 Aug"), and actions for somebody else
# ("→ Imogen to share the numbers with Finance").
_MEETING_BUSINESS = re.compile(
    r"\W*(?:(?:(?:my|their|her|his|our) )?(?:agenda(?: item)?|asks?|concerns?|questions?"
    r"|q(?: from (?:me|\w+))?|fyi|to discuss|discuss|topics?|parking lot)\s*[:—–-]"
    r"|fyi\b|(?:→|->|=>)\s*(?-i:[A-Z])[a-z]+(?: and (?-i:[A-Z])[a-z]+)? to\b)", re.I)
_AWAY = re.compile(r"\W*(?:on\s+|out\s+on\s+)?(?:holidays?|vacation|pto|annual\s+leave"
                   r"|sick(?:\s+leave)?|parental\s+leave|leave|off|out\s+of\s+office|ooo)"
                   r"[\s\W]*(?:\([^)]*\))?[\s.!]*$", re.I)
# "Things to learn: tracing", "Areas to grow (self): …": a label and what follows it.
_LABEL = re.compile(r"([^:]{2,40}):\s+\S")


def label_category(line: str) -> str | None:
    """The note category the label opening `line` names ("Plan for 2026:" is a goal), if any;
    a parenthesis closing the label ("Areas to grow (self):") is the author's aside."""
    label = _LABEL.match(line)
    if label is None:
        return None
    return note_category(without_dates(re.sub(r"\s*\([^)]*\)\s*$", "", label.group(1)),
                                       None)[0])


def set_aside(title: str, details: tuple[str, ...]) -> str | None:
    """None when the line is work; else the note category it is kept under, or "" for time
    away ("holiday", "PTO", "parental leave"), which is not kept."""
    if _AWAY.match(title) and not details:
        return ""
    if _SUMMARY.match(title) or _MEETING_BUSINESS.match(title):
        return "other"
    labelled = label_category(title)
    if labelled in ("goal", "todo", "learning") and not states_done(title):
        # "Plan for 2026: propose to lead the checkout split", "Next: images pipeline": the
        # label says what the line is, as it does for a paragraph.
        return labelled
    if intended(title) and not any(states_done(d) for d in details):
        return "goal"  # "I plan to lead …", "Will own the roadmap": a goal, not work done
    return None
