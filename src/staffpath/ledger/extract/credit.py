"""Work whose lead the text gives to someone else: "Led the effort to add dark mode (design came
from Lina, I implemented it)", "Followed Jakub's design", "Marta did the planning and the design
doc; I built the screens", "Wei was the tech lead". The author did their part of it: no heading
or remit makes the lead theirs, and their role is a contribution to someone else's work.
Building to a designer's mocks or a PM's spec is still the author's own work."""

from __future__ import annotations

import re

__all__ = ["credits_another", "lead_elsewhere"]

# A lead the text itself hands to someone else: "Led the effort to add dark mode (design came
# from Lina, I implemented it)", "Followed Jakub's design". The author did their part.
# A capitalised word that names someone else: not a sentence's opening adverb, the author's
# own group ("Then", "Together", "We") or a month ("In March led the rollout").
_SOMEONE = (r"(?!(?:then|also|and|later|first|finally|next|together|jointly|personally|solo"
            r"|once|again|quickly|eventually|we|our|my|january|february|march|april|may|june"
            r"|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?"
            # nobody is someone else: "Nobody owned it because it sat between teams"
            r"|oct|nov|dec|nobody|everybody|everyone|anybody|anyone|somebody|someone)\b)"
            r"(?-i:[A-Z])[a-z]+")
_CREDITED = re.compile(
    r"\b(?:design|plan|spec|architecture|approach|sequencing)(?: and [\w-]+)? (?:came|was) from "
    r"(?-i:[A-Z])|\b(?:followed|used|implemented|built on) (?-i:[A-Z])[a-z]+'s (?:design|plan"
    r"|spec|approach)|\b(?:designed|planned|specified) by (?-i:[A-Z])"
    # "working from the job list and approach in Hannah's migration doc", "per Ana's plan"
    r"|\bwhile (?-i:[A-Z])[a-z]+ (?:ran|led|owned|drove|ran)\b"
    r"|\b(?:working|worked|going) (?:from|off|to)\b[^.;]{0,50}?\b(?-i:[A-Z])[a-z]+'s "
    r"(?:[\w-]+ )?(?:doc|design|plan|spec|approach|rfc)\b"
    # The design was the lead's: "from the tech lead's design", "tickets my lead broke down",
    # "the design was our TL's".
    r"|\b(?:from|per|following|based on|off|to) (?:the |my |our )?(?:tech(?:nical)? lead|TL"
    r"|lead|manager|EM|architect|staff engineer)'s (?:[\w-]+ )?(?:design|plan|spec|breakdown"
    r"|approach|rfc|doc)\b"
    r"|\btickets (?:my|our|the) (?:tech )?(?:lead|TL|manager|EM) (?:broke down|wrote|scoped"
    r"|planned|split)\b"
    # "Migration followed the plan Hana wrote for the three Growth apps"
    # "… and the spec Jules (PM) wrote"
    rf"|\bthe (?:[\w-]+ )?(?:design|plan|spec|approach|breakdown) {_SOMEONE} (?:\([^)]{{1,30}}\) )?"
    r"(?:wrote|drew up|made|designed|laid out|put together)\b"
    # "Built all 7 screens from Lena's Figma designs"
    r"|\b(?:from|per|following|based on) (?-i:[A-Z])[a-z]+'s (?:[\w-]+ )?(?:designs|mocks"
    r"|mockups|specs|plans)\b"
    r"|\b(?:design|plan|spec|approach) (?:was|came from) (?:my |our |the )?(?:tech )?(?:lead|TL"
    r"|manager|architect)(?:'s)?\b|\b(?:design|plan|spec) was (?-i:[A-Z])[a-z]+'s\b"
    # "Migration plan was by Sofia (our tech lead)"
    r"|\b(?:design|plan|spec|approach) (?:was|came) (?:(?:written|drawn up|done|made) )?by "
    r"(?-i:[A-Z])[a-z]+\b"
    # "Marguerite wrote the design, I took …", "Ana owned the plan; I built the importer"
    # "Our tech lead, Hamid, wrote the design and split it into tickets"
    rf"|\b{_SOMEONE},? (?:wrote|owned|drew up|made|did) the (?:[\w-]+ )?(?:design|plan"
    r"|planning|spec|approach|architecture)\b"
    # "Anika ran the weekly project meeting", "Omar led the programme": the effort was theirs.
    rf"|\b{_SOMEONE} (?:ran|led|drove) the "
    r"(?:[\w-]+ )?(?:project|programme|program|migration|rollout|effort|initiative)"
    r"(?: (?:meetings?|syncs?|stand-?ups?|reviews?))?\b"
    # "My manager ran the project", "Wei was the tech lead", "Luca owned it end to end".
    r"|\b(?:my|our) (?:manager|lead|tech lead|TL|EM|PM) (?:ran|led|drove|owned) (?:the|it)\b"
    rf"|\b{_SOMEONE} was (?:the |our )?(?:tech(?:nical)? lead|TL|lead|DRI|owner)\b"
    rf"|\b{_SOMEONE} owned (?:it|the (?:[\w-]+ )?(?:project|effort|design|work))\b"
    # "Led by Priya, the ledger migration landed", "the OKR was owned by our EM", "the Kafka
    # decision was made by the Storage and Streaming leads", "Security owns the SOC 2
    # programme; I fixed the findings", "the rollout he was leading".
    # (a participle that opens the sentence: "2 sessions now run by Lina" is a mentee's growth)
    rf"|(?:^|[.;:]\s+)(?:led|run|driven) by {_SOMEONE}\b"
    r"|\b(?:project|programme|program|initiative|okr|roadmap|migration|rollout|effort"
    r"|workstream|decision)s? (?:was |is |were )?(?:owned|led|run|driven|made) by\b"
    r"(?! me\b| myself\b)"
    rf"|\b{_SOMEONE} owns the (?:[\w-]+ ){{0,3}}(?:programme|program|project|initiative|okr"
    r"|roadmap|migration|rollout|effort)\b"
    r"|\bI\b[^.;]{0,80}?\b(?:he|she) (?:was|is) (?:leading|running|driving)\b", re.I)


# A designer's mocks and a PM's spec give the product's shape, not the engineering's lead.
_PRODUCT_SPEC = re.compile(r"\b(?:designs|mocks|mockups|specs?|figma)\b", re.I)


def credits_another(text: str) -> bool:
    """Whether `text` hands the lead of its work to someone else ("followed the plan Hana
    wrote", "from the tech lead's design"): no heading or remit makes it the author's."""
    return _CREDITED.search(text) is not None


def lead_elsewhere(text: str) -> str | None:
    """The words giving the lead, the plan or the technical design of the work to someone else
    ("Marta did the planning", "Wei was the tech lead"); None when they give none, or give only
    the product's design ("from Lena's Figma designs")."""
    for m in _CREDITED.finditer(text):
        if not _PRODUCT_SPEC.search(m.group(0)):
            return m.group(0)
    return None
