"""How far work reached, as prose says it: counts of teams, lists of teams, the leaders and
audiences involved, and scope words.

The reading follows how a promotion committee reads reach. Work reaches *several teams* when the
text counts or lists two or more teams, names other teams, or was done with the leads of other
teams. It reaches the *organisation* when it names the organisation itself (the org, the
department, every team), its leaders (directors, a VP), two or more groups (a group is several
teams), or enough teams or engineers to be an organisation's worth (ten teams, sixty
engineers). It reaches the *company* only when the text says so (company-wide, the whole
company, every business unit or org, all the orgs) or when the company's executives (CTO, CEO,
the board) are its audience: a company-level audience is the clearest sign of company-level
reach a brag document gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from staffpath.ledger.extract.dates import MONTH_WORD
from staffpath.ledger.extract.numbers import NUMBER_WORDS, number_value
from staffpath.ledger.extract.stance import denied
from staffpath.vocab import Scope

__all__ = ["extract_scope_words", "extract_teams_count", "reach_and_words"]

# The count and its noun share a line: "#: 2" above "Teams: …" counts nothing.
_COUNT = r"(?P<n>\d{1,4}|" + "|".join(NUMBER_WORDS) + r"|a dozen)\+?[^\S\n]+"
_ADJECTIVES = (r"(?:(?:other|different|product|engineering|eng|platform|feature|partner|backend"
               r"|frontend|mobile|infra|infrastructure|separate|downstream|upstream|dependent"
               r"|client|consuming|internal|more|[a-z]+-facing|[a-z]+)\s+){0,2}")
_TEAMS_RE = re.compile(r"\b" + _COUNT + _ADJECTIVES + r"(?:teams|squads)\b", re.I)
_GROUPS_RE = re.compile(r"\b" + _COUNT + _ADJECTIVES + r"(?:groups|orgs|organi[sz]ations"
                        r"|departments|business units|divisions)\b", re.I)
# "the booking, payments and inventory groups", "the Search and Data teams"
# A capitalised name of one or two words ("Data", "Product Analytics"), case kept under re.I;
# a team's name may also start like "iOS".
_NAME_REST = r"[\w&-]*(?: (?-i:[A-Z])[\w&-]*)?"
NAME = r"(?-i:[A-Z])" + _NAME_REST
_NAMED = r"(?-i:[A-Z]|i[A-Z])" + _NAME_REST
_LISTED_RE = re.compile(
    r"\b(?P<list>(?:[\w-]+,\s+){1,8}[\w-]+,?\s+(?:and|&)\s+[\w-]+(?:\s+(?-i:[A-Z])[\w-]*)?"
    r"|[\w-]+\s+(?:and|&)\s+[\w-]+(?:\s+(?-i:[A-Z])[\w-]*)?)"
    r"\s+(?P<noun>teams|squads|groups|orgs)\b", re.I)
_ENGINEERS_RE = re.compile(
    r"\b(?P<n>\d{2,5}|" + "|".join(NUMBER_WORDS) + r")\+?\s+(?:other\s+)?"
    r"(?:engineers|developers|devs)\b", re.I)


# A table's or a field's list of the teams the work touched: "Teams: Payments Core, Payouts,
# Risk, Finance Eng".
_TEAMS_FIELD = re.compile(r"^\s*(?:teams?|squads?)(?: involved| affected| touched| across"
                          r"|\(s\))?\s*:\s*(?P<list>[^\n]+)$", re.I | re.M)


def listed_teams(text: str) -> tuple[int, str] | None:
    """The longest list of teams `text` names ("the Cart, Payments and Tax & Invoicing
    teams", "Teams: Payments Core, Payouts, Risk"), as its count and its words."""
    found = [(len(re.split(r",\s+|\s+(?:and|&)\s+", m.group("list"))), m.group(0))
             for m in _LISTED_RE.finditer(text) if m.group("noun").lower() in ("teams", "squads")]
    for m in _TEAMS_FIELD.finditer(text):
        names = [n for n in re.split(r"\s*[,;/+]\s*|\s+(?:and|&)\s+", m.group("list").strip())
                 if n.strip(" .")]
        if len(names) >= 2 and all(len(n.split()) <= 4 for n in names):
            found.append((len(names), m.group(0).strip()))
    return max(found, default=None)


# Teams counted for someone else are not the author's reach: "(EM is stretched across 2 teams,
# so I cover ours)", "my manager, who runs three teams".
_SOMEONE_ELSES = re.compile(
    r"\b(?:EMs?|manager|director|VP|head of \w+|(?:he|she|they|who))\s+(?:is|was|are|were|runs"
    r"|ran|manages|managed|leads|led|covers|covered|owns|owned)\b(?![^(,;]*\b(?:I|me|my)\b)"
    r"[^.;()]*$", re.I)


def _own_team_counts(text: str) -> Iterator[re.Match[str]]:
    """Each count of teams in `text` ("across 7 teams") that is not someone else's."""
    for m in _TEAMS_RE.finditer(text):
        if _SOMEONE_ELSES.search(text[max(0, m.start() - 40):m.start()]) is None:
            yield m


def extract_teams_count(text: str) -> int | None:
    """The largest count of teams `text` states ("across 7 teams", "three teams", "the Search,
    Data and Checkout teams"); groups and organisations are not teams and are read apart."""
    counts = [number_value(m.group("n")) for m in _own_team_counts(text)]
    listed = listed_teams(text)
    if listed is not None:
        counts.append(listed[0])
    return max(counts) if counts else None


# A team is about eight engineers; a stated number of engineers affected reads as the teams it
# takes to hold them (people counts for *grown* engineers are read in `ledger.facts`).
ENGINEERS_FOR_TEAMS = 16
ENGINEERS_FOR_ORG = 60
# The same line counted in teams: two or more groups make an organisation, and a group is about
# five teams, so ten teams counted are an organisation's worth ("the plans of all 34 teams"),
# while "all 9 product teams" is still several teams.
TEAMS_FOR_ORG = 10

_SCOPE_RULES: list[tuple[Scope, re.Pattern[str]]] = [
    (Scope.COMPANY, re.compile(
        r"\b(?:company[- ]?wide|company[- ]level|across the (?:whole |entire )?company"
        r"|(?:whole|entire) company"
        r"|all of the company|every (?:department|business unit|division|org|organi[sz]ation)\b"
        r"|each (?:org|organi[sz]ation)\b(?!'s)"
        # What the company as a whole chose to do: "approved as a company bet for FY25–FY27",
        # "one of the three company priorities", "a company OKR".
        r"|(?<!our )(?<!my )company (?:bets?|priorit(?:y|ies)|OKRs?|objectives?|initiatives?"
        r"|programmes?|programs?)\b"
        r"|all (?:the |our |of (?:the|our) )?(?:\d+ |two |three |four |five |six |seven "
        r"|eight |nine |ten )?(?:orgs|organi[sz]ations|departments"
        r"|business units|divisions)\b"
        # The company's all-hands, not a named unit's ("the P&R all-hands", "Payments
        # all-hands" are an organisation's).
        r"|company[- ]hands|(?:^|(?<=\bthe )|(?<=\ban )|(?<=\bat )|(?<=\bour )|(?<=\bcompany )"
        r"|(?<=\bmonthly )|(?<=\bquarterly )|(?<=\bweekly )|(?<=\bannual )|(?<=\byearly )"
        r"|(?<=\bin )|(?<=\bto ))all[- ]hands|industry[- ]wide"
        # A fix given back to an outside project: "upstreamed my fix into Zephyr".
        r"|upstream(?:ed|ing)\b"
        r"|(?:outside|beyond) (?:the|our) company|on behalf of (?:the|our) company"
        # Everything the company runs or sells: "every service in the company", "every
        # customer's invoices", "every customer-facing product".
        r"|(?:every|all) (?:of )?(?:the |our )?(?:[\w-]+ ){0,2}?(?:in|across|at) the company\b"
        r"|every customer(?:'s|-facing)?\b|all (?:of )?our customers\b"
        # "Every product we sell", "customers in every region", "across every office".
        r"|every product (?:we|the company) (?:sell|ship|make|build|offer)s?\b"
        r"|(?:every |all (?:of )?(?:the |our )?)product (?:lines?|groups?|areas?)\b"
        r"|(?:customers|users) in every (?:region|market|country)\b"
        # Outside the company: its regulators, and what it gives the world ("open-sourced
        # the linter", "2k outside users").
        r"|regulators?(?:'s)?\b|(?<!internal )auditors?\b|open[- ]sourc(?:ed|ing)\b"
        r"|outside (?:users|contributors|developers)\b"
        r"|(?:across|in) (?:every|all (?:of )?our) offices\b|across every office\b"
        # The company's own bodies: "the company pricing committee", "the company's
        # architecture council".
        r"|(?<!our )(?<!my )company(?:'s)? (?:[\w-]+ ){0,2}(?:committee|council|steering group)\b"
        # Work others outside the company take part in: "merged 40 external PRs".
        r"|\bexternal (?:prs|pull requests|contributors|contributions)\b"
        # Beyond it: work other companies now use.
        r"|(?:other|external|outside) companies\b|external (?:projects|users|developers)\b"
        # A talk at an outside conference: "presented our approach at KubeCon Europe".
        r"|(?:presented|spoke|talk|keynote|paper)\b[^.;]{0,60}?\bat (?:the )?(?:(?-i:[A-Z])\w*"
        r"(?-i:Con|Conf)\b|(?:[\w-]+ ){0,3}(?:conference|summit)\b)"
        # Speaking for the company in an outside body: "Represented Amberline on the
        # technical board of the OpenFare working group".
        r"|represent(?:ed|s|ing)? (?:the company|our company|(?-i:[A-Z])[\w-]+) (?:in|on) "
        r"(?:the |an? )?[\w -]{0,40}?(?:working group|standards? (?:body|committee)|consortium"
        r"|foundation)\b"
        # A direction set for the company as a whole: "the engineering direction for the
        # company", "the company's availability model".
        r"|(?:strategy|direction|vision|roadmap|plan|principles|standards?|model|architecture)"
        r" for the (?:whole |entire )?company\b"
        r"|the company'?s (?:[\w-]+ ){0,2}?(?:strategy|direction|vision|roadmap|plan|principles"
        r"|standards?|model|architecture)\b"
        # What the company as a whole has, spends or does: "took $40k a month off the
        # company's AWS bill", "drove the company's move to SLO alerting", "the company's staff
        # engineers' forum", "on the company's behalf".
        r"|(?:the|our) (?:whole |entire )?company'?s (?:[\w-]+ ){0,2}?(?:bill|costs?|spend"
        r"|revenue|margin|move|migration|shift|switch|forum|engineers|behalf|customers"
        r"|infrastructure|platform|security|reliability|uptime|availability)\b"
        # Beyond the company: standards bodies and open-source standards reach further still.
        # Maintaining an open-source project is work for people outside the company.
        r"|maintainers? (?:of|for) (?:the |an? )?open[- ]source\b"
        r"|(?:open[- ]source|public|industry|national|international) (?:[\w-]+ ){0,3}?"
        r"(?:standards?|specs?|specifications?|working groups?|consortium|foundation)\b"
        r"|standards bod(?:y|ies))",
        re.I)),
    (Scope.ORG, re.compile(
        r"\b(?:org[- ]?wide|organi[sz]ation[- ]?wide|engineering[- ]?wide|department[- ]?wide"
        r"|across (?:all of |the (?:whole |entire )?)?(?:engineering|eng|the org|org\b"
        r"|organi[sz]ation)"
        # Work taken outside the author's own organisation reached other organisations.
        r"|(?:outside|beyond) (?:the |my |our )?(?:[\w-]+ )?(?:org|organi[sz]ation)\b"
        r"|(?:whole|entire) (?:org|organi[sz]ation|engineering(?: org)?|department)"
        # "the whole Marketplace division", "for whole Infra org"
        r"|(?:whole|entire) (?-i:[A-Z])[\w&-]*(?: (?-i:[A-Z])[\w&-]*)? (?:org|organi[sz]ation"
        r"|division|department)\b|(?:engineering|division|org|department|tribe) all[- ]hands"
        r"|(?<![\w&])(?-i:[A-Z][\w&]*) all[- ]hands|(?<=\bthe )(?-i:[a-z]+) all[- ]hands"
        r"|all of engineering|every (?:engineering |product )?team"
        r"|(?:to|for|with) (?:all|every) (?:the |our )?(?:new |newly hired |backend |frontend "
        r"|mobile )?(?:engineers?|developers?)\b"
        r"(?! (?:on|in) (?:my|our|the) (?:team|squad))"
        r"|all (?:the |our )?(?:(?!\d|two\b|three\b|four\b|five\b|six\b|seven\b)[\w-]+ )?"
        r"teams|(?:the|our|my) (?:org|organi[sz]ation|department|division)(?:'s)?\b(?! chart)"
        # A unit named whole: "the policy all of Consumer follows", "all 12 of Infra's teams"
        rf"|all (?:\d+ )?of (?!(?:Q[1-4]|H[12]|FY\d*|{MONTH_WORD})\b){NAME}"
        r"(?:'s (?:[\w-]+ )?teams)?\b(?!'s)"
        # A unit named as an organisation: "the Platform org", "the Commerce division".
        rf"|\bthe (?:{NAME}|[a-z]+) (?:org|organi[sz]ation"
        r"|division|department)\b"
        r"|directors|(?:the|our|my) director\b|(?:S?VP|vice president)s?\b"
        r"|head of (?:engineering|(?-i:[A-Z])[\w&-]*|data|product|platform|infrastructure"
        r"|security)\b"
        r"|engineering leadership|(?:the )?leadership team|platform (?:for|used by) every"
        # The leads of several organisations: "Nine org leads named", "with the org leads".
        r"|org(?:ani[sz]ation)? leads\b)", re.I)),
    (Scope.TEAMS, re.compile(
        r"\b(?:cross[- ]?team|multi[- ]?team|across (?:several |multiple |many |the )?teams"
        r"|(?:several|multiple|many|both|two|other|partner|neighbou?ring|sister|adjacent|dependent"
        r"|consuming|each|every) teams?|another team|inter[- ]?team"
        # Teams counted by a word, with what kind they are between: "other engineering teams",
        # "both squads", "several product teams", "the mobile teams" (but "one of the teams"
        # is one).
        r"|(?:several|multiple|many|both|various|numerous|a few|a couple of|a handful of"
        # (lower case: "the Partner API teams" names a team)
        r"|(?-i:other|partner|neighbou?ring|sister|adjacent|dependent|consuming))\s+"
        r"(?:[\w-]+\s+){0,2}?"
        r"(?:teams|squads)\b|(?:each|every|another)\s+(?:[\w-]+\s+){0,2}?squad\b"
        r"|(?<!one of )(?<!none of )(?<!any of )(?:the|their) (?:[\w-]+ ){0,2}?(?:teams|squads)\b"
        r"|(?:tech(?:nical)? leads|TLs|staff engineers|staff engs|team leads|EMs"
        r"|workstream leads|stream leads)\b"
        r"|(?:their|its) (?:staff|tech(?:nical)?|team) (?:eng|engineer|lead)\b"
        r"|other groups?\b|a group\b"
        r"|(?:\w+ of )?(?:the|both|all) (?:\w+ )?leads\b|TLs\b"
        # Leads counted: "accepted by the 3 client leads", "with four squad leads".
        r"|\b(?:[2-9]|1\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r" (?!(?:of|on|in|for|and|or)\b)[\w-]+ (?:tech )?leads\b"
        # "the data and platform leads": the leads of teams named by their kind
        r"|(?:the|both|all) (?-i:[a-z][\w-]*) (?:and|&) (?-i:[a-z][\w-]*) leads\b"
        # "the Android, iOS and backend leads' plans": three teams' leads listed
        r"|(?:the|all) (?:[\w-]+, ){1,6}[\w-]+,? (?:and|&) [\w-]+ leads\b"
        # "with teams from Payments, Orders and Fraud"
        rf"|teams (?:from|in|at|across) (?:the )?{_NAMED}(?:,\s+{_NAMED})*,?\s+(?:and|&)\s+"
        rf"{_NAMED}\b"
        # The leads of teams named in a list: "the ML, Data and Product Analytics leads".
        rf"|{_NAMED}(?:,\s+{_NAMED})*,?\s+(?:and|&)\s+{_NAMED}\s+(?:tech\s+)?leads\b"
        # One's own team and others named beside it: "my team, Mobile and Web all use it",
        # "paging both my team and the Maps team"; teams named and then counted: "Billing and
        # Payouts both took it up"; "engineers from Storage and Networking".
        # A month is no team: "with three engineers from our team, Nov to April".
        # People on it are not teams beside it: "two engineers on my team, Chidi and Freya".
        rf"|(?<!\bon )(?<!\bin )(?<!\bfrom )(?:my|our) (?:own )?team,? (?:and |& |, )?(?:the )?"
        rf"(?!{MONTH_WORD}\b){_NAMED}\b"
        rf"|\bthe {_NAMED} team (?:and|&) (?:my|our) (?:own )?team\b"
        # (people named so do other things: "Chidi and Anna both joined last year")
        rf"|{_NAMED} (?:and|&) {_NAMED} both (?:now )?(?:took|take|adopted|adopt|use|used"
        r"|moved|switched|migrated|picked|built|run|ran|rely|relied|depend|depended|signed"
        r"|agreed|followed|follow|shipped|cut over|claimed|wanted|needed|asked|requested)\b"
        rf"|(?:engineers?|people|folks) (?:from|in|on) (?:the )?{_NAMED} (?:and|&) {_NAMED}\b)",
        re.I)),
    # "my team's", "the team's CI": the author's own team, named by no other name.
    (Scope.TEAM, re.compile(
        r"\b(?:(?:my|our) (?:own )?(?:team|squad)(?:'s)?|the team(?:'s)?"
        # What the author's team owns: "our claims intake form", "our level editor's upgrade"
        r"|our (?:[\w-]+ ){0,3}?(?:app|apps|service|services|api|form|pipeline|repo|codebase"
        r"|backlog|sprint|on-?call|rotation|product|dashboard|editor|build|builds|tests?|suite"
        r"|feature|frontend|backend|website|site|database|db)(?:'s)?)\b", re.I)),
    # Work for the author alone: their own setup, their learning.
    (Scope.SELF, re.compile(
        r"\b(?:for myself|my own (?:[\w-]+ )?(?:sandbox|setup|machine|laptop|environment"
        r"|learning|productivity)|my open (?:PRs|pull requests)|learning budget"
        r"|(?:a|an|the) (?:[\w-]+ ){0,2}(?:course|certification|bootcamp)\b|personal goal"
        # One's own tools and study: "set up my dotfiles", "passed the AWS exam", "the Rust
        # book"
        r"|dotfiles|(?:my|the) (?:[\w-]+ ){0,4}?exam\b|the (?-i:[A-Z])[\w+#-]* book\b)",
        re.I)),
]


# The company's executives as the work's audience ("took it to the CTO", "approved by the
# exec team"): the clearest sign of company reach. Meeting them socially or being praised by
# them ("coffee with the CTO", "the CTO called it a great catch") is not reach.
# "the board" is the company's board of directors, not the team's board ("a WIP limit on the
# board", "the Jira board", "take tickets off the board").
_EXECUTIVES = re.compile(r"\b(?:(?:the |our )?(?:CTO|CEO|CFO|COO|CPO|CISO|CIO)(?:'s)?\b"
                         # the executive (or senior) leadership team: "made the case to the ELT"
                         r"|(?-i:ELT|SLT)\b|C-suite\b"
                         r"|(?<!\bon )(?<!\boff )(?<!\bfrom )the board\b"
                         r"(?! (?:columns?|lanes?|cards?|view)\b)|^board\b"
                         r"|exec(?:utive)? (?:team|staff|committee|leadership))", re.I)
_SOCIAL = re.compile(r"\b(?:coffee|lunch|dinner|drinks|skip-level|praised|thanked|called it"
                     r"|shout-?out|kudos|knows my|congratulated|complimented"
                     # who the author reports to, or a meeting they sat in on, is no audience
                     r"|report(?:s|ed|ing)? (?:in)?to|listened|sat in|invited to)\b", re.I)


# Someone named took the work to the executives: the audience was theirs ("Lena presented it
# at the board meeting", "Omar (our director) briefed the CTO").
_OTHER_PRESENTED = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|then|so|but|when|after)\s+)(?!(?:I|We|My|Our|The|A|An|This|It|That"
    r"|Then|Also|Later|Finally|Together|Both)\b)(?-i:[A-Z])[a-z]+(?:\s\([^)]*\))?\s+"
    r"(?:presented|briefed|pitched|took (?:it|this|them|that)|showed|walked|demoed)\b")


def _executives(text: str) -> str | None:
    """The first executive mention whose sentence is not social or praise, nor someone else's
    presenting."""
    for m in _EXECUTIVES.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("; ", 0, m.start()), -1) + 1
        ends = [e for e in (text.find(". ", m.end()), text.find("; ", m.end())) if e >= 0]
        end = min(ends) if ends else len(text)
        sentence = text[start:end].strip()
        if not _SOCIAL.search(sentence) and not _OTHER_PRESENTED.search(sentence):
            return m.group(0)
    return None


def extract_scope_words(text: str) -> Scope | None:
    """The widest reach `text` states: in words ("org-wide", "the CTO", "other teams"), in
    counts of teams, groups and engineers, or in lists of teams."""
    return reach_and_words(text)[0]


def reach_and_words(text: str) -> tuple[Scope | None, str | None]:
    """The widest reach `text` states and the words that state it ("the whole company")."""
    found: list[tuple[Scope, str]] = []
    for scope, regex in _SCOPE_RULES:
        m = next((m for m in regex.finditer(text) if not denied(text, m.start())), None)
        if m:
            found.append((scope, m.group(0)))
            break
    for m in _own_team_counts(text):
        n = number_value(m.group("n"))
        if n >= TEAMS_FOR_ORG:
            found.append((Scope.ORG, m.group(0)))
        elif n >= 2:
            found.append((Scope.TEAMS, m.group(0)))
    for m in _LISTED_RE.finditer(text):
        noun = m.group("noun").lower()
        found.append((Scope.ORG if noun in ("groups", "orgs") else Scope.TEAMS, m.group(0)))
    for m in _GROUPS_RE.finditer(text):
        n = number_value(m.group("n"))
        found.append((Scope.ORG if n >= 2 else Scope.TEAMS, m.group(0)))
    for m in _ENGINEERS_RE.finditer(text):
        n = number_value(m.group("n"))
        if n >= ENGINEERS_FOR_ORG:
            found.append((Scope.ORG, m.group(0)))
        elif n >= ENGINEERS_FOR_TEAMS:
            found.append((Scope.TEAMS, m.group(0)))
    if not any(s is Scope.COMPANY for s, _ in found):
        executives = _executives(text)
        if executives is not None:
            found.append((Scope.COMPANY, executives))
    if not found:
        return None, None
    scope, words = max(found, key=lambda f: f[0])  # the first of the widest
    share = _OWN_SHARE.search(text)
    if share is not None and scope > Scope.TEAM:
        # The author's team's share of something wider reaches as far as their team.
        return Scope.TEAM, share.group(0)
    return scope, words


# "Did my team's slice of the company-wide SSO migration", "so far only my team runs jobs on
# it", "nobody outside my team calls it".
_OWN_SHARE = re.compile(r"\b(?:my|our) (?:own )?team's (?:slice|part|share|piece|portion|bit"
                        r"|chunk|section|cut-?over) of\b|\bonly (?:my|our) (?:own )?team\b"
                        r"(?!\s+(?:and|&|,))|\bnobody outside (?:my|our) team\b", re.I)
