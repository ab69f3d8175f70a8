"""How the author took part in a piece of work, as prose says it.

Five roles, from the least to the most: contributed (helped with someone else's work), did (the
default: did the work), led (ran it, owned it, made the call), led the leaders (got it done
through other teams' leads, managers or directors), set the direction (wrote or set the strategy
or direction others then followed). Each role has its own cues below; the strongest role a text
states wins, except that a text that only says the author *helped* stays at contributed even when
it mentions who led (the lead was somebody else).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from staffpath.ledger.extract.credit import credits_another, lead_elsewhere
from staffpath.ledger.extract.efforts import TICKET_KEY
from staffpath.ledger.extract.stance import negated, others_subject
from staffpath.vocab import Role

__all__ = ["credits_another", "extract_role", "role_and_words"]

# Coaching leads is growing the leaders one works through: "Coached two newer tech leads through
# their first quarterly planning".
_VERB_LEAD = (r"(?:led|lead|leading|guided|mentored|coached|coaching|mentoring|coordinated"
              r"|aligned|organi[sz]ed|brought together|ran|drove|driving"
              r"|kept|keeping"
              r"|running|chaired|steered|convened|facilitated|worked with|working with"
              r"|partnered with|got|persuaded|convinced|brought)")
_LEADERS = (r"(?:tech(?:nical)? leads|TLs|team leads|leads of|leaders of|(?:the|their) leads"
            r"|engineering managers|EMs\b|directors|staff engineers of|staff engs of"
            r"|working group|guild|steering (?:group|committee)"
            r"|(?:\w+ of )?(?:the|both|all) (?:[\w/&-]+,? ){0,8}?(?:leads|TLs|directors"
            r"|(?<!product )(?<!project )(?<!program )(?<!programme )"
            # (the customer's people are no leads of the author's: "utility account managers")
            r"(?<!account )(?<!customer )(?<!success )(?<!sales )(?<!hiring )(?<!office )"
            r"(?<!community )(?<!case )(?<!relationship )managers|EMs|heads)\b|TLs\b"
            r"|architecture (?:review board|council|review)|leads from|leads in"
            # the leads' own meeting: "Ran the weekly TL sync for all 11 teams"
            r"|(?:TL|tech lead|leads'?|EM) (?:sync|meeting|forum|huddle|council)s?\b"
            # "the other leads", "the architects of Retail, Logistics and Finance"
            r"|(?:the )?other (?:[\w-]+ )?leads|architects of|(?:the|their) (?:\w+ )?architects)")

_SET_DIRECTION = re.compile(
    r"\b(?:(?:set|defined|shaped|(?:co-?)?wrote|(?:co-?)?authored|drafted|proposed|published"
    r"|owned(?! by)"
    r"|own(?! by)|write|set out)\s+(?:with (?:the )?[\w-]+(?: [A-Z][\w-]+)?,? )?"
    r"(?:the |our |a |an |its |their )?(?:[\w'’–-]+\s+){0,4}"
    r"(?:strategy|direction|vision|roadmap|north star|(?:technical )?bets?|principles|tech radar"
    r"|priorities)"
    r"|(?:my|our) (?:recommendation|proposal|strategy|direction) (?:was |were )?"
    r"(?:adopted|accepted|approved|became)"
    r"|adopted (?:it|them|this|the \w+|by [^.;]{1,60}?) as (?:the |our |their |a )?"
    r"(?:[\w'-]+\s+){0,2}(?:strategy|standard|direction|plan|default)"
    # A direction told as adopted, as brag documents write a follow-up line: "Jul: direction
    # adopted as base for all 34 teams' plans".
    r"|(?:strategy|direction|vision|roadmap|principles)"
    r" (?:was |were |got |been )?(?:adopted|approved|accepted|ratified)\b"
    r"|(?:became|is now|now (?:used|serves) as) (?:the |our |their )?(?:[\w-]+\s+){0,3}"
    r"(?:planning doc|strategy|standard|direction|default))",
    re.I)
# A multi-year plan named by its years ("the 2026–28 plan", "priorities for 2025–2028"); a
# date ("2025-11-28") or a tenure ("2019–2022: CTO") is not one.
_PLAN_YEARS = re.compile(r"(?<![\d-])(20\d\d)\s*[–-]\s*(\d\d|20\d\d)\b(?![-/.]\d)")
_PLAN_WORD = re.compile(r"\b(?:plan|strateg|roadmap|vision|bet|priorit|north star|direction)",
                        re.I)


def _plan_years(text: str) -> str | None:
    for m in _PLAN_YEARS.finditer(text):
        near = text[max(0, m.start() - 30):m.end() + 30]
        if not _PLAN_WORD.search(near):
            continue
        first, last = int(m.group(1)), int(m.group(2))
        last = last if last >= 100 else first // 100 * 100 + last
        if first < last <= first + 10:
            return m.group(0)
    return None
_LED_LEADERS = re.compile(
    rf"\b(?:{_VERB_LEAD}\b[^.;]{{0,80}}\b{_LEADERS}"
    rf"|\bwith (?:the |their |other teams' )?{_LEADERS}"
    r"|through (?:the |their |other teams' )?(?:tech |team )?(?:leads|managers|TLs)"
    r"|through (?:each|every) (?:team's|squad's) (?:tech )?(?:lead|manager|TL)"
    # A programme organised through a number of leads: "4 workstream leads (2 iOS, 2 Android)".
    r"|\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:workstream|stream"
    r"|team|tech|squad|track) leads\b"
    r"|led by (?:their|its|the teams'|each team's) (?:own )?(?:staff|tech|team)"
    r" (?:eng|engineer|lead)"
    r"|(?:TLs|tech leads|directors|leads) (?:co-?signed|signed|agreed|adopted|committed)"
    # Each team's own lead did their part of a programme the author ran: "each team's lead
    # owned their own cut-over while I kept the plan".
    r"|each (?:team's|squad's|org's|group's) (?:own )?(?:tech |team )?(?:lead|TL|architect)s?\b"
    # "their TLs each ran their own step", "the three EMs involved each ran their own migrations"
    r"|\b(?:TLs|tech leads|EMs|leads|managers)\b[^.;]{0,60}?\beach (?:ran|run|owned|owning|own"
    r"|did|took|led) (?:their|its) own\b"
    # The work split among teams that each own a part of it: "broke the migration into 6
    # slices each owned by one team".
    r"|\b(?:slices|pieces|parts|workstreams|streams|phases|chunks|milestones) each owned by "
    r"(?:one|a|its own|a different) (?:team|squad)\b"
    r"|(?:design|architecture) reviews? for the (?:\w+ ){0,2}teams\b"
    r"|(?:set|defined) (?:the )?(?:technical )?direction for"
    r"|(?:co-?)?chair(?:ed|s|ing)?(?: of)?\b[^.;]{0,60}\b(?:working group|council|guild|board"
    r"|committee|forum)"
    # Chairing a meeting of other teams' leads: "Chaired the monthly Payments/Risk TL sync".
    r"|(?:co-?)?chair(?:ed|s|ing)?\b[^.;]{0,50}?\b(?:TLs?|tech leads?|EMs|engineering managers)\b)",
    re.I)
# Things one makes rather than people one leads: "I created the Grafana dashboard", "Set up a
# bundle-size check in CI", "Created the migration guide". Making them is doing the work.
_ARTEFACT = (r"(?:dashboards?|docs?|documents?|guides?|pages?|readmes?|scripts?|tools?|tests?"
             r"|checks?|alerts?|templates?|runbooks?|spreadsheets?|diagrams?|charts?|notebooks?"
             r"|wiki|ci|linters?|lint rules?|bots?|jobs?"
             # one meeting or call is arranged, not led: "I set up the meeting, brought examples"
             r"|meeting|call)\b"
             # unless it only names what a group of people is about: "the CI working group"
             r"(?!\s+(?:guild|group|working|team|squad|forum|council|rotation|programm?e?"
             r"|community|club|chapter|office))")
# Running a team's meeting is keeping a routine going, not leading the work: "Ran standup for
# two weeks", "running the sprint demo". A retro is run after something went wrong, and its
# follow-ups chased: that is leading it.
_MEETING = re.compile(r"\s*(?:[\w'’-]+\s+){0,2}?(?:stand-?ups?|demos?|meetings?"
                      r"|ceremonies|sprint planning)\b", re.I)
# A piece of code one looks after: owning it is one's own work, not leading anyone's ("I own
# the CSV/XLSX formatter module", "Owned the avatar upload button").
_CODE_PIECE = (r"(?!(?:\s+[\w/.'’&\"“”-]+){0,6}?\s+(?:modules?|librar(?:y|ies)|components?"
               r"|files?|class(?:es)?|packages?|endpoints?|formatters?|widgets?|buttons?"
               r"|screens?|forms?|scripts?|templates?|configs?|dashboards?|exports?|tickets?"
               r"|stories|bugs?|copy|pages?"
               # What one hands to someone else's work: "Owned Q4 planning input for checkout".
               r"|inputs?|notes|slides|decks?)\b)")
_LED = re.compile(
    # "led to a 35% drop" is a cause, "led the industry in adoption" a ranking: neither leads
    # anyone.
    r"\b(?:led(?! by| to\b| the (?:industry|market|company|league|field|pack) in\b)"
    r"|lead the|leading the|drove|driving|owned(?! by)" + _CODE_PIECE
    + r"|own the" + _CODE_PIECE
    # Running people's work is leading it; running a script or the tests is not.
    + r"|(?<!re-)ran(?! (?:it|them|tests|a (?:script|query|test|benchmark|job|check)\b|the "
    r"(?:tests?|scripts?|jobs?|quer(?:y|ies)|benchmarks?|numbers|build|pipeline|analysis"
    r"|checks?|report)\b))|(?<!how to )(?<!how we )run the"
    # Running software is not leading anyone: "the section for running the editor locally".
    r"|(?<!for )(?<!on )(?<!about )(?<!with )running the(?! [\w-]+(?: [\w-]+)? locally\b)"
    r"|coordinated|organi[sz]ed|spearheaded|championed|headed|chaired|facilitated|mediated"
    r"|orchestrated|pioneered|directed|kicked off|started and ran|proposed and drove"
    # (someone else's tech lead is not the author's lead: "coached the new tech lead of Growth")
    r"|(?<!new )(?<!other )(?<!their )(?<!his )(?<!her )tech[- ]lead(?:ed|ing)?"
    r"|i chair|as (?:the )?chair"
    # Taking something to other teams is leading its adoption: "Rolled test selection to all
    # 14 teams", "rolled it out across the org".
    r"|rolled (?:[\w-]+ ){0,4}?(?:out )?(?:to|across) (?:all|every|the other|other|\d+|both)\b"
    r"|incident command(?:er)?|as (?:the )?commander|i decided|made the call|my call"
    r"|\b(?:was|as) (?:the )?(?-i:IC)\b"
    r"|my (?:recommendation|proposal|plan)|i proposed|i pushed"
    r"|i set up(?!(?:\s+[\w'’-]+){0,3}?\s+" + _ARTEFACT + r")"
    # Dividing the work among others is leading it: "split the rest so they each owned a piece",
    # "divided the work between Lea and Sam".
    r"|(?:split|divided|carved up) (?:up )?(?:the (?:rest|work|project|tickets|remaining work)"
    r"|it|the rest of (?:it|the work)) (?:up )?(?:so (?:that )?(?:they|each|everyone)"
    r"|between|among|across)\b"
    # ... or into pieces that each have an owner: "Split the Temporal migration into 4 pieces
    # with one owner each: Anil (retries), Sofía (test harness)".
    r"|\b(?:split|divided|broke|carved)\b[^.;:]{0,60}?\binto\b[^.;:]{0,40}?\b(?:with (?:one|an"
    r"|a single) owner (?:each|per (?:piece|part|stream|workstream))|each with (?:its|their) own"
    r" (?:owner|lead))\b"
    # "I started the guild" leads it; "when I started" is joining, "I started to" beginning.
    r"|(?<!when )(?<!since )(?<!after )(?<!before )(?<!until )(?<!till )i started"
    r"(?!\s*(?:$|[.,;:)]|to\b|working\b|on\b|at\b|in\b|here\b|there\b|out\b|as\b|with\b"
    r"|my\b|the job\b|looking\b"
    # Taking up a habit is one's own work ("I started using the PR template"); starting to
    # run something for others is leading it ("I started running the weekly sync").
    r"|(?!running|leading|organi[sz]ing|hosting|chairing|coordinating|facilitating)[a-z]+ing\b))"
    r"|i broke (?:it|the \w+) (?:down |up )?into|i rewrote how|i planned|i scoped|i sequenced"
    # Bringing others to one mind, or getting teams to move, is leading them: "Brought Payments
    # and Risk to agreement", "Got four teams to adopt the library"; so is setting the order
    # the work goes in ("set the sequencing for the five teams").
    r"|brought [^.;]{1,60}? (?:to|into) (?:an? )?(?:agreement|consensus|alignment)"
    r"|got (?:the |all |both )?(?:[\w-]+ ){0,3}?(?:teams|squads|leads|orgs|groups) to"
    r"|set the (?:sequenc\w*|order|milestones|plan)\b"
    r"|i was (?:the )?(?:owner|dri|lead)|as (?:the )?(?:owner|dri|lead)|point person"
    r"|i own\b(?! by)" + _CODE_PIECE
    + r"|^owner of\b|i'?m (?:the )?owner of\b|i am (?:the )?owner of\b"
    r"|i'?m the (?:accountable \w+|owner|dri|lead)|accountable (?:engineer|owner|lead|for)"
    r"|made me (?:the )?(?:tech(?:nical)? )?(?:lead|owner|dri)"
    r"|(?:asked|picked|chose|tapped|named|appointed) me (?:to be |to become |to act as |as )?"
    r"(?:the )?(?:tech(?:nical)? lead|TL|owner|DRI|lead engineer)\b"
    # Given a problem or project to own: "Tomás asked me to take the duplicate-events problem".
    r"|(?:asked|picked|chose|tapped|trusted) me to (?:take|own|lead|drive|run) (?:on )?(?:the|a|an"
    r"|our) (?:[\w-]+ ){0,3}?(?:problem|project|effort|migration|rewrite|programme|program"
    r"|initiative|rollout)"
    r"|as (?:the )?tech(?:nical)? lead)\b"
    r"|\((?:tech |project )?(?:lead|led|owner|dri)\)"
    # A tracker's or a form's role field: "Role: Lead", "Role: Incident lead", "Role: Owner".
    r"|\brole:\s*(?:the\s+)?(?:tech(?:nical)?\s+|project\s+|incident\s+)?(?:lead|owner|dri"
    r"|driver|commander)\b"
    # Starting something that others then join is leading it ("Started an org-wide reading
    # group", "I set up the guild"); brag documents often drop the "I".
    r"|(?:^|[.;:]\s+|\bi\s+)(?:started|set up|founded|created|launched|introduced|established"
    r"|instituted)\s+(?:a|an|the|our)\b(?!(?:\s+[\w'’-]+){0,3}?\s+" + _ARTEFACT + r")",
    re.I)
_CONTRIBUTED = re.compile(
    r"\b(?:helped|helping|assisted|contributed|contributing|contributor|supported|participated"
    # (a "supporting record" or "supporting evidence" backs a case; nobody is supported)
    r"|supporting(?! (?:record|document|doc|docs|evidence|materials?|notes|packet|information"
    r"|details|data|links?)\b)"
    # "I contribute the product-side requirements to it"
    r"|i contribute\b"
    r"|took part|was part of|as part of|joined|shadowed|under the lead|attending"
    # Work somebody named led: "on the review rotation for the auth flow, which Sofia led".
    r"|(?:which|that) (?-i:[A-Z])[a-z]+ (?:led|ran|drove)"
    r"|i was one of|was one of (?:the |~?\w+ )?(?:people|engineers|members|reviewers)"
    r"|chipped in|pitched in|lent a hand"
    # Input on someone else's work: "gave feedback on the Security team's plan", "attended the
    # review and asked about idempotency keys", "sat on the review panel".
    r"|gave (?:\w+ )?feedback on|provided (?:input|feedback) (?:on|to)|attended|sat on (?:the|a)"
    # Reviewing a design someone named wrote: "Reviewed Jonah's design doc for Nova".
    r"|(?:reviewed|commented on|left comments on) (?-i:[A-Z])[\w-]+(?:'s|’s) (?:[\w-]+ ){0,2}?"
    r"(?:design|rfc|proposal|spec|plan|doc)"
    r"|role:\s*(?:a\s+)?(?:helper|contributor|support(?:er)?|participant|member|shadow)"
    r"|worked on (?:a|one|some|part) (?:part|piece|bit)s? of"
    # One piece of an effort: "Ravi started and ran it. I owned one piece: the remote cache".
    r"|(?:owned|did|built|handled|took) (?:a|one|some) (?:small )?(?:part|piece|bit|slice)s?\b"
    # Supporting someone else's work: notes, the tracker, a second review, answers.
    r"|took (?:the )?notes|note[- ]?taker|kept (?:the |a )?(?:tracker|notes|minutes|action items"
    r"|timeline)"
    r"|tracked (?:the )?action items|second reviewer|(?:stayed on|acted|served) as (?:his|her"
    r"|their|the) (?:second )?reviewer|answered questions"
    # Taking one part of an effort someone else designed: "I took the identity mapping part".
    r"|took (?:on )?(?:the|a|one) (?:[\w\"'“”-]+ ){1,4}(?:part|piece|slice|workstream|bit))\b",
    re.I)


def extract_role(text: str) -> Role | None:
    """The role `text` states the author took, or None when it says nothing about it."""
    return role_and_words(text)[0]


# A case the author made that others then adopted set the direction they followed: "I wrote
# that up as a short paper with a recommendation … they adopted it".
_AUTHORED = re.compile(
    r"\b(?:wrote|authored|co-?authored|drafted|co-?wrote|proposed|put forward|made|make)\b"
    r"[^.;]{0,60}?\b"
    r"(?:recommendation|proposal|paper|business case|case for|rfc|options? (?:paper|doc))s?\b"
    # "the lint config I put together", "the format I proposed"
    r"|\b(?:config|standard|format|template|library|module|guide|guidelines|checklist|rules?"
    r"|conventions?|polic(?:y|ies)|rubrics?) I (?:put together|wrote|drafted|proposed|designed"
    r"|made|set up)\b"
    # A course argued for in the author's own voice: "recommended to the CTO that we stop
    # licensing …", "argued for a fixed 20% of capacity on reliability".
    r"|\b(?:recommended|argued for|made the case for)\b[^.;]{0,40}?(?:\bthat we\b|\ba\b|\ban\b)"
    # "they went with the hybrid plan I recommended"
    r"|\b(?:plan|option|approach|design|proposal|architecture)s? (?:that )?I (?:had )?"
    r"(?:recommended|proposed|argued for|designed|drafted|wrote)\b"
    # "they picked option B, which I had recommended"; "three of my five recommendations"
    r"|\bwhich I (?:had )?(?:recommended|proposed|argued for|suggested)\b"
    # (a talk or a paper proposed to a conference sets no one's direction)
    r"|\bmy (?:[\w-]+ ){0,2}?(?<!talk )(?<!conference )(?<!paper )(?<!session )"
    r"(?:recommendations?|proposals?)\b"
    # Getting others' leads to sign a rule off: "Got Chidi (Disputes) and Arvo (Payouts) to
    # sign off on the shared retry policy"
    r"|\bgot\b[^.;]{0,60}?\bto (?:sign off on|approve|adopt)\b"
    # A strategy, plan or decision the author wrote, and a case they argued ("spoke at the exec
    # offsite on why we should buy", "wrote up why the company should stay on one cloud").
    r"|\b(?:wrote|drafted|authored|presented)\b[^.;]{0,60}?\b(?:strateg(?:y|ies)|plan"
    r"|decision record|adr)\b|\b(?:wrote up|spoke|argued)\b[^.;]{0,40}?\bwhy\b"
    # A written case for where something should go: "wrote a short note on where the data
    # layer should go".
    r"|\b(?:wrote|drafted|authored|published)\b[^.;]{0,30}?\b(?:note|memo|doc|document|paper"
    r"|write-?up|proposal) (?:on|about|for|setting out) (?:where|how|what|why)\b"
    # A rule for others set or proposed in the author's own voice: "Set the API versioning
    # policy for all 9 product teams; every team had adopted it", "Proposed the event bus that
    # every team has since standardised on".
    r"|\b(?:set|defined|established|wrote)\b[^.;]{0,40}?\b(?:polic(?:y|ies)|standards?|guidance"
    r"|conventions?|guidelines?|principles?|norms|measures|metrics|rules|rubrics?|targets"
    r"|SLOs?)\b"
    r"|\b(?:proposed|put forward|made the case)\b"
    # The design others built to: "decided the architecture for the rewrite; the other
    # engineers built to it".
    r"|\b(?:decided|chose|set)\b[^.;]{0,20}?\b(?:architecture|design|approach)\b",
    re.I)
_ADOPTED = re.compile(r"\b(?:adopted|approved|accepted|endorsed|signed off on|agreed to|became"
                      r"|went with"
                      r"|standardi[sz]ed on|(?:has|have|had) since (?:moved|switched) to"
                      r"|funded|built on it|plan of record|as the plan|picked\b|built against"
                      # what others now do by it: "measures the directors now review"
                      r"|now (?:review|use|follow|track|report|plan)s?"
                      r"|won (?:the )?(?:funding|approval|agreement|budget)|built to it"
                      # what others then took up: "got copied by pretty much every team",
                      # "after that all squads of the Cards tribe use it"
                      r"|copied by|(?:every|all)\b[^.;]{0,50}?\b(?:teams?|squads?|orgs?|groups?"
                      r"|lines?)\b[^.;]{0,30}?\b(?:use|uses|adopted|follow|follows|ran|run"
                      r"|runs) (?:it|them)"
                      # what is now the rule: "three of my five recommendations are policy
                      # now", "both now enforce it in CI"
                      r"|(?:is|are) (?:now )?polic(?:y|ies)|polic(?:y|ies) now"
                      r"|(?:now )?enforces? (?:it|them)"
                      # "is now required for every public endpoint", "now applied for every
                      # customer", "its directors signed it off"
                      r"|(?:is|are) (?:now )?(?:required|mandatory)|made (?:it )?mandatory"
                      r"|now applied|signed (?:it |them )?off"
                      # "3 squads use it", "the policy all of Consumer follows"
                      r"|(?:all|every|both|\d+|two|three|four|five|six)\b[^.;]{0,40}?\b(?:teams?"
                      r"|squads?|orgs?|groups?|of (?-i:[A-Z])\w+)\b[^.;]{0,20}?\b(?:use|uses"
                      r"|follow|follows|apply|applies)\b"
                      r"|(?:a |an )?[\w-]+[- ]year commitment"
                      # "The iOS, Android and API leads have put the attachments work into
                      # their plans for next half"
                      r"|(?:put|took|built|wrote) (?:it|them|this|that|the [\w -]{1,30}?) into "
                      r"(?:their|its|our) (?:own )?(?:plans?|roadmaps?|planning|okrs?))\b", re.I)


def _authored(text: str) -> str | None:
    """The words of a proposal the author wrote and others then adopted, if the text has one."""
    made = _cue(_AUTHORED, text)
    if made is None:
        return None
    for m in _ADOPTED.finditer(text, made.end()):
        if not negated(text, m.start()):
            return f"{made.group(0)} … {m.group(0)}"
    # Told the other way round: "they went with the hybrid plan I recommended".
    went = _WENT_WITH.search(text, 0, made.start())
    if went is not None and not negated(text, went.start()):
        return f"{went.group(0)} … {made.group(0)}"
    return None


_WENT_WITH = re.compile(r"\b(?:went with|picked|chose|adopted|approved|accepted|funded)\b"
                        r"(?=[^.;]*$)", re.I)


# Speaking for the company to the world outside it: regulators, standards bodies,
# conferences ("Outside the company, I represented Hallbrook with the consumer authority").
_REPRESENTED = re.compile(r"\brepresent(?:ed|s|ing)? (?:the company|our company|us"
                          r"|(?-i:[A-Z])[\w-]+)\b"
                          # "Arvena's representative on a cloud provider's advisory board"
                          r"|\b(?:(?-i:[A-Z])[\w-]+'s|the company's|our) representative"
                          r" (?:on|to|at|in)\b", re.I)
_OUTSIDE = re.compile(r"\b(?:outside the company|externally|regulators?|authorit(?:y|ies)"
                      r"|(?:customer |industry )?advisory boards?"
                      r"|government|ministry|industry|standards?|working groups?|consortium"
                      r"|foundation|conferences?)\b", re.I)


# "Helped Eszter write her first proposal" is coaching a person, not a part in their work.
_COACHED = re.compile(r"\s+(?-i:[A-Z])[a-z]+ (?:to )?(?:write|prepare|design|lead|run|get|become"
                      r"|grow|learn|present|through|with (?:her|his|their) first)\b")

# "helped" with nobody helped is said of a thing: "having a clear writeup they could forward
# helped, which I hadn't thought about", "the new dashboards helped a lot".
_SAID_OF_A_THING = re.compile(r"(?:\s+(?:a lot|a bit|a little|enormously))?"
                              r"(?:\s*[,.;:!)]|\s+(?:which|but|so)\b|\s*$)")
_BY_US = re.compile(r"\b(?:I|we|also)\s+$")


def _said_of_a_thing(text: str, helped: re.Match[str]) -> bool:
    """Whether a "helped" or "supported" helps nobody and has no "I" or "we" before it: said of
    a thing ("the writeup helped"), not the author's part ("I helped")."""
    return (helped.group(0).lower() in ("helped", "supported")
            and _SAID_OF_A_THING.match(text, helped.end()) is not None
            and _BY_US.search(text, 0, helped.start()) is None)


def _cue(regex: re.Pattern[str], text: str, author: Sequence[str] = ()
         ) -> re.Match[str] | None:
    """The first match of `regex` that is the author's own: not negated ("did not lead") and
    not somebody else's ("my manager led")."""
    for m in regex.finditer(text):
        if negated(text, m.start()):
            continue
        if others_subject(text, m.start(), m.group(0), author) is not None:
            continue
        return m
    return None


# Verbs of leading that records reach for on work of any size ("Spearheaded an update to the
# README", "Orchestrated the realignment of our Slack channels", "Drove a 12% improvement in
# LCP by lazy-loading the payment widget"): leading is of people, so they say the author led
# only when the text names others whose work it was ("Drove the migration across three teams").
_GRAND = re.compile(r"\b(?:spearhead(?:ed|ing)?|champion(?:ed|ing)|orchestrat(?:ed|ing)"
                    r"|pioneer(?:ed|ing)|drove|driving)\b", re.I)
_OTHERS = re.compile(
    r"\b(?:team\b(?!'s|’s)|teams|squads?|engineers|developers|people|folks|colleagues|group"
    r"|everyone|cross[- ]team|across|(?:two|three|four|five|six|\d+) (?:of us|others)"
    r"|with (?-i:[A-Z])[a-z]+|(?-i:[A-Z])[a-z]+ and (?-i:[A-Z])[a-z]+)", re.I)


# The leads each doing their part while the author keeps the whole: "the two teams' leads each
# delivered their half", "the leads of Matchmaking, Store and Social each moved their own
# services on the dates I set".
_EACH_LEAD = re.compile(r"\bleads\b[^.]{0,60}?\beach\b(?! (?:week|day|month|quarter|sprint"
                        r"|time|other)\b)", re.I)
_AUTHOR_KEEPS = re.compile(r"\bI (?:set|ran|run|kept|keep|own|owned|planned|sequenced"
                           r"|coordinated|chaired|tracked)\b|\bmy (?:plan|schedule|dates|sequence"
                           r"|timeline)\b"
                           r"|\bthe (?:plan|schedule|dates|sequence|timeline) I (?:wrote|set|made"
                           r"|kept|drew up|tracked)\b")


_ON_CALL = re.compile(r"\b(?:while|when|as) (?:i was |i'?m )?(?:the )?on[- ]?call\b"
                      r"|\bi was on[- ]?call\b|\bgot the page\b", re.I)
_HANDED_ON = re.compile(r"\bescalated (?:it )?to\b|\bpaged (?-i:[A-Z])[a-z]+\b"
                        r"|\b(?-i:[A-Z])[a-z]+ (?:\([^)]*\) )?(?:found|fixed|diagnosed) the"
                        r"|\bwho (?:found|fixed|diagnosed)\b", re.I)
_COMMANDED = re.compile(r"\bbridge\b|\bIC\b|\bcommander\b|\bteams\b|\bcoordinat", re.I)


# A ticket of a tracker: "STF-2287", "#4312".
_TICKET = re.compile(rf"(?<![\w/-])(?:{TICKET_KEY}|#\d{{3,}})\b")


def _led_alone(text: str, led: re.Match[str]) -> bool:
    """Whether the lead `led` states is only a grand verb on the author's own work, or a lead
    of one ticket ("Led the fix for the double-click bug (STF-2287)"): a ticket is one
    person's piece of work, so leading it names nobody led."""
    if _OTHERS.search(text):
        return False
    return (_GRAND.fullmatch(led.group(0).strip()) is not None
            or len(set(_TICKET.findall(text))) == 1)


def _on_call_response(text: str) -> bool:
    """Whether the lead is answering a page on one's own on-call shift, handed on to someone
    else who found the cause ("Led incident response … while on-call: acknowledged the page,
    escalated to Hana, who found the bad config"): the rota's duty, not leading anyone."""
    return (_ON_CALL.search(text) is not None and _HANDED_ON.search(text) is not None
            and _COMMANDED.search(text) is None)


# A slot in a recurring meeting: "Led deep-dive on checkout latency in Arch Sync (weekly)".
_SLOT = re.compile(r"\s*(?:a |the |our )?(?:deep[- ]?dive|discussion|session|walk-?through"
                   r"|topic|q&a)\b[^.;]{0,60}?\b(?:in|at|during)\s+(?:the |our )?"
                   r"(?:[\w-]+\s+){0,2}?(?:sync|stand-?up|meeting|guild|forum|demo|review"
                   r"|all-hands|lunch)\b", re.I)


def _ran_a_meeting(text: str, led: re.Match[str]) -> bool:
    """Whether the lead `led` states is running one of the team's meetings, or a slot in one
    ("Led deep-dive on checkout latency in Arch Sync")."""
    verb = led.group(0).strip().lower()
    return ((verb in ("ran", "run the", "running the")
             and _MEETING.match(text, led.end()) is not None)
            or (verb in ("led", "ran") and _SLOT.match(text, led.end()) is not None))


def role_and_words(text: str, author: Sequence[str] = ()) -> tuple[Role | None, str | None]:
    """The role `text` states and the words that state it ("through the tech leads").

    A cue somebody else is the subject of ("My manager led the migration; I updated two
    charts") or that is negated ("did not lead it") says nothing of the author's role.
    `author` names the person a third-person record is about ("she", "ana"): their cues are
    the author's."""
    m = _cue(_SET_DIRECTION, text, author)
    if m:
        return Role.SET_DIRECTION, m.group(0).strip(" .;:")
    adopted = _authored(text)
    if adopted:
        return Role.SET_DIRECTION, adopted
    years = _plan_years(text)
    if years:
        return Role.SET_DIRECTION, years
    m = _cue(_LED_LEADERS, text, author)
    if m:
        return Role.LED_LEADERS, m.group(0).strip(" .;:")
    each = _EACH_LEAD.search(text)
    if each and _AUTHOR_KEEPS.search(text) and not negated(text, each.start()):
        return Role.LED_LEADERS, each.group(0)
    represented = _REPRESENTED.search(text)
    if represented and _OUTSIDE.search(text) and not negated(text, represented.start()):
        return Role.LED, represented.group(0)
    helped = next((m for m in _CONTRIBUTED.finditer(text)
                   if not _COACHED.match(text, m.end())
                   and not _said_of_a_thing(text, m)
                   and others_subject(text, m.start(), m.group(0), author) is None), None)
    led = _cue(_LED, text, author)
    if led is not None and (_led_alone(text, led) or _ran_a_meeting(text, led)
                            or _on_call_response(text)):
        led = None
    if led and not helped and not credits_another(text):
        return Role.LED, led.group(0).strip(" .;:")
    if helped:
        return Role.CONTRIBUTED, helped.group(0)
    elsewhere = lead_elsewhere(text)
    if elsewhere:
        # The lead, the plan or the technical design was someone else's: the author did their
        # part of it.
        return Role.CONTRIBUTED, elsewhere
    return None, None

