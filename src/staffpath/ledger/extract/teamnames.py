"""Teams named by what they do, without the word "team": "Billing, Ledger and Risk all moved
onto it", "responders from Payments, Ledger and Edge", "Priya (Checkout) and Tomasz (Payments)".

Cross-team work told plainly names the other teams the way their members do: by their area.
Two kinds of naming are read here:

- a person tagged with their team in brackets, "Anil (Growth TL)", "Camille (Data Platform
  lead)": the brackets say which team the person speaks for;
- a list of two or more areas joined by commas, "and", "&" or "/", each a capitalised word a
  team is commonly named after (`AREAS`: Billing, Payments, Search, Infra …), with nothing but
  the list's joins between them. Platforms one engineer may build for alone ("Android and
  iOS") are not among them.

A person's name is never an area, so "with Ana and Bo" names nobody's team; a list of one area
("the Billing rebuild") is one team, the author's or another's, and is read elsewhere.
"""

from __future__ import annotations

import re

__all__ = ["AREAS", "teams_by_area"]

# The areas teams are commonly named after, as one word (a second capitalised word may follow:
# "Data Platform", "Seller Tools").
AREAS = frozenset([
    "accounting", "accounts", "ads", "analytics", "api", "apps", "auth", "backend", "billing",
    "build", "cart", "catalog", "catalogue", "checkout", "cms", "collections", "compliance",
    "compute", "content", "core", "crm", "data", "database", "delivery", "design", "devex",
    "devops", "discovery", "disputes", "edge", "email", "experimentation", "exports",
    "finance", "fraud", "frontend", "fulfillment", "fulfilment", "gateway", "growth",
    "identity", "infra", "infrastructure", "insights", "integrations", "inventory",
    "invoicing", "kafka", "ledger", "legal", "lending", "logistics", "maps", "marketing",
    "media", "messaging", "ml", "mobile", "monitoring", "network", "networking",
    "notifications", "observability", "onboarding", "ops", "orders", "partners", "payments",
    "payouts", "performance", "platform", "player", "pricing", "privacy", "procurement",
    "promotions", "qa", "recommendations", "reconciliation", "release", "reporting", "returns",
    "risk", "safety", "sales", "search", "security", "shipping", "sre", "storage", "streaming",
    "subscriptions", "support", "tax", "treasury", "trust", "video", "web"
])

_WORD = r"(?-i:[A-Z])[\w&-]*"
_ELEMENT = rf"{_WORD}(?: (?-i:[A-Z])[\w&-]*)?"
# What joins a list's areas: ", ", ", and ", " and ", " & ", "/".
_JOIN = r"\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+(?:with\s+)?|\s*&\s*|/)"
_LIST = re.compile(rf"(?<![\w-])(?P<list>{_ELEMENT}(?:{_JOIN}{_ELEMENT}){{1,8}})(?![\w-])")
_JOINS = re.compile(_JOIN + r"\s*")
# The role a bracket may add after the team: "Anil (Growth TL)", "Camille (Data Platform lead)".
_ROLE = r" (?:lead|TL|EM|PM|tech lead|manager|team)"
# "Anil (Growth TL)", "Lena's (Fraud)", "Camille (Data Platform lead)".
_TAGGED = re.compile(r"(?-i:[A-Z])[a-z]+(?:'s|’s)? \((?P<team>(?-i:[A-Z])[\w&-]*(?: (?-i:[A-Z])"
                     rf"[\w&-]*)?)(?:{_ROLE})?\)")
# A capitalised role the team's name took in ("Growth TL"), taken off it.
_ROLE_SUFFIX = re.compile(_ROLE + "$")


def _is_area(element: str) -> bool:
    return element.split()[0].lower() in AREAS


def teams_by_area(text: str) -> list[str]:
    """The distinct teams `text` names by their area: a list of two or more areas, or people
    tagged with their teams. Empty when it names fewer than two."""
    found: list[str] = []
    for m in _LIST.finditer(text):
        elements = [e for e in _JOINS.split(m.group("list")) if e]
        first = elements[0].split()
        if len(first) == 2 and not _is_area(first[0]):
            # A capitalised word before the list opens the sentence: "Noticed Checkout, Cart
            # and Promotions each …".
            elements[0] = first[1]
        if len(elements) >= 2 and all(_is_area(e) for e in elements):
            found.extend(elements)
    tagged = [_ROLE_SUFFIX.sub("", m.group("team")) for m in _TAGGED.finditer(text)]
    if len({t.lower() for t in tagged}) >= 2:
        found.extend(tagged)
    seen: dict[str, str] = {}
    for name in found:
        seen.setdefault(name.lower(), name)
    return list(seen.values()) if len(seen) >= 2 else []
