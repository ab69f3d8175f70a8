"""Harbor & Pine, the demo organisation: its roster, teams and engineers' brag documents."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

DOMAIN = "harborpine.example"
LEVELS = ("engineer", "senior", "staff", "senior-staff", "principal")
ROLES = ("engineer", "manager", "director")
ROSTER_COLUMNS = ("name", "email", "team", "manager", "level", "target_level", "role")


@dataclass(frozen=True)
class DemoTeam:
    """One team of the demo organisation and the code it owns."""

    name: str
    org_unit: str
    description: str
    owns: tuple[str, ...]


@dataclass(frozen=True)
class DemoPersonSpec:
    """One person of the demo organisation and the story the demo expects their evidence to tell."""

    name: str
    handle: str
    email: str  # the primary address; the roster may list more (see `emails`)
    team: str
    role: str  # "engineer" | "manager" | "director"
    level: str | None
    target_level: str | None
    story: str
    expect_ready: bool | None


@dataclass(frozen=True)
class DemoManifest:
    """What `write_demo_files` wrote, and the cast the demo expects to see."""

    root: Path
    roster_csv: Path
    teams_yaml: Path
    journals: dict[str, Path]  # handle -> brag document
    people: tuple[DemoPersonSpec, ...]


# Org units, in the order the demo presents them.
SHOPPING = "Shopping"
COMMERCE = "Commerce Platform"
FOUNDATIONS = "Engineering Foundations"

TEAMS: tuple[DemoTeam, ...] = (
    DemoTeam(
        "Checkout", SHOPPING,
        "Cart, checkout flow, tax and promotions at the till.",
        ("services/cart/**", "services/checkout/**", "web/checkout/**"),
    ),
    DemoTeam(
        "Catalog", SHOPPING,
        "Product data, pricing, images and the product detail page.",
        ("services/catalog/**", "services/pricing/**", "web/product/**"),
    ),
    DemoTeam(
        "Search & Discovery", SHOPPING,
        "Search, ranking, recommendations and category browse.",
        ("services/search/**", "services/recommendations/**", "web/search/**"),
    ),
    DemoTeam(
        "Mobile", SHOPPING,
        "The iOS and Android shopping apps and their backend-for-frontend.",
        ("mobile/**", "services/mobile-bff/**"),
    ),
    DemoTeam(
        "Payments", COMMERCE,
        "Payment gateway, processor routing, refunds, fraud checks and reconciliation.",
        ("services/payments/**", "services/refunds/**", "services/fraud/**"),
    ),
    DemoTeam(
        "Fulfilment", COMMERCE,
        "Inventory reservations, warehouse picking, shipping and returns.",
        ("services/inventory/**", "services/fulfilment/**", "services/returns/**"),
    ),
    DemoTeam(
        "Identity", COMMERCE,
        "Accounts, login, sessions, permissions and customer privacy requests.",
        ("services/identity/**", "services/sessions/**", "web/account/**"),
    ),
    DemoTeam(
        "Platform Infrastructure", FOUNDATIONS,
        "Kubernetes clusters, networking, databases, queues and observability.",
        ("platform/**", "infra/terraform/**", "deploy/**"),
    ),
    DemoTeam(
        "Developer Experience", FOUNDATIONS,
        "CI, build tooling, service templates, local development and internal docs.",
        ("tools/ci/**", "tools/build/**", "templates/**", ".github/**"),
    ),
    DemoTeam(
        "Data", FOUNDATIONS,
        "Event pipeline, warehouse, experimentation platform and reporting.",
        ("data/**", "services/events/**", "services/experiments/**"),
    ),
)


@dataclass(frozen=True)
class _Person:
    name: str
    emails: tuple[str, ...]
    team: str
    role: str
    level: str | None
    target: str | None
    story: str
    ready: bool | None
    manager: str | None  # handle

    @property
    def handle(self) -> str:
        return self.emails[0].split("@", 1)[0]


def _mail(name: str) -> str:
    parts = name.lower().replace("'", "").split()
    return f"{''.join(parts[:-1])}.{parts[-1]}@{DOMAIN}"


def _eng(
    name: str, team: str, level: str, target: str | None, ready: bool | None, story: str,
    *, manager: str, extra_emails: tuple[str, ...] = (),
) -> _Person:
    return _Person(name, (_mail(name), *extra_emails), team, "engineer", level, target, story,
                   ready, manager)


def _mgr(name: str, team: str, *, manager: str | None, role: str = "manager") -> _Person:
    return _Person(name, (_mail(name),), team, role, None, None,
                   "engineering manager" if role == "manager" else "VP of Engineering", None,
                   manager)


_VP = "margaret.ellison"

_PEOPLE: tuple[_Person, ...] = (
    # Leadership: the director has no team of her own and no manager.
    _mgr("Margaret Ellison", "", manager=None, role="director"),
    _mgr("Rachel Goldberg", "Checkout", manager=_VP),
    _mgr("Linda Park", "Catalog", manager=_VP),
    _mgr("Mateo Silva", "Search & Discovery", manager=_VP),
    _mgr("Julia Novak", "Mobile", manager=_VP),
    _mgr("Samuel Osei", "Payments", manager=_VP),
    _mgr("Karen O'Neill", "Fulfilment", manager=_VP),
    _mgr("Victor Nguyen", "Identity", manager=_VP),
    _mgr("Thomas Becker", "Platform Infrastructure", manager=_VP),
    _mgr("Amara Nwosu", "Developer Experience", manager=_VP),
    _mgr("Peter Lindqvist", "Data", manager=_VP),
    # Checkout
    _eng("Priya Nair", "Checkout", "senior", "staff", True,
         "ready for staff (tech lead): 16 months leading the cart split with Payments and "
         "Fulfilment, $1.2M/yr, grew a mentor who now mentors",
         manager="rachel.goldberg"),
    _eng("Tomas Reyes", "Checkout", "engineer", "senior", True,
         "ready for senior: owns the cart schema, runs Checkout on-call, now mentors Aisha",
         manager="rachel.goldberg"),
    _eng("Aisha Bello", "Checkout", "engineer", "senior", False,
         "not yet senior: first year, solid tickets, no project led end to end",
         manager="rachel.goldberg"),
    _eng("Oliver Grant", "Checkout", "senior", None, None,
         "steady senior on promotions and tax", manager="rachel.goldberg"),
    # Catalog
    _eng("Jake Morrison", "Catalog", "senior", "staff", False,
         "not yet staff: lots of good work, all of it inside Catalog",
         manager="linda.park"),
    _eng("Elena Marquez", "Catalog", "senior", None, None,
         "senior on pricing; quiet, reliable", manager="linda.park"),
    _eng("Connor Walsh", "Catalog", "engineer", "senior", False,
         "not yet senior: ships features, has not led anything", manager="linda.park"),
    _eng("Yuki Tanaka", "Catalog", "engineer", None, None,
         "engineer on product images", manager="linda.park"),
    # Search & Discovery
    _eng("Sofia Brandt", "Search & Discovery", "senior", "staff", False,
         "not yet staff: an old peak; strong cross-team work three years ago, little since",
         manager="mateo.silva"),
    _eng("Anika Sharma", "Search & Discovery", "staff", "senior-staff", False,
         "not yet senior staff: strong staff tech lead, but scope stops at a few teams",
         manager="mateo.silva"),
    _eng("Marcus Lee", "Search & Discovery", "engineer", "senior", False,
         "not yet senior: promising ranking work, under a year of it", manager="mateo.silva"),
    _eng("Pedro Alves", "Search & Discovery", "engineer", None, None,
         "engineer on autocomplete", manager="mateo.silva"),
    # Mobile
    _eng("Grace Adeyemi", "Mobile", "senior", "staff", False,
         "not yet staff: an outstanding mentor, little else at staff scope",
         manager="julia.novak"),
    _eng("Luca Bianchi", "Mobile", "senior", None, None,
         "senior on the Android app", manager="julia.novak"),
    _eng("Chloe Dubois", "Mobile", "engineer", "senior", False,
         "not yet senior: growing fast under Grace, still needs a project of her own",
         manager="julia.novak"),
    _eng("Emma Johansson", "Mobile", "engineer", None, None,
         "engineer on the iOS app", manager="julia.novak"),
    # Payments
    _eng("Daniel Okafor", "Payments", "senior", "staff", True,
         "ready for staff (architect): multi-processor payment gateway across 5 teams, "
         "$2.1M/yr in fees, payments strategy, mentor chain",
         manager="samuel.osei", extra_emails=("dokafor@okafor-home.example",)),
    _eng("Kwame Asante", "Payments", "senior-staff", None, None,
         "senior staff: payments and fraud direction", manager="samuel.osei"),
    _eng("Lena Kowalski", "Payments", "engineer", "senior", True,
         "ready for senior: led the partial-refunds project with Fulfilment, mentors Sam",
         manager="samuel.osei"),
    _eng("Sam Whitaker", "Payments", "engineer", "senior", False,
         "not yet senior: eight months in, learning the payments domain",
         manager="samuel.osei"),
    _eng("Farah Haddad", "Payments", "senior", None, None,
         "senior on fraud checks", manager="samuel.osei"),
    # Fulfilment
    _eng("Ben Castillo", "Fulfilment", "senior", "staff", False,
         "not yet staff: a prolific shipper, with no glue work, mentoring or writing",
         manager="karen.oneill"),
    _eng("Hannah Schultz", "Fulfilment", "senior", None, None,
         "senior on warehouse picking", manager="karen.oneill"),
    _eng("Kofi Mensah", "Fulfilment", "engineer", "senior", False,
         "not yet senior: good on-call instincts, no project led yet", manager="karen.oneill"),
    _eng("Isabel Romero", "Fulfilment", "engineer", None, None,
         "engineer on returns", manager="karen.oneill"),
    # Identity
    _eng("Nadia Petrova", "Identity", "senior", "staff", False,
         "not yet staff: the right kind of work, but only five months of it",
         manager="victor.nguyen"),
    _eng("Zoe Fischer", "Identity", "senior", None, None,
         "senior on sessions and login", manager="victor.nguyen"),
    _eng("Arjun Patel", "Identity", "engineer", None, None,
         "engineer on privacy requests", manager="victor.nguyen"),
    # Platform Infrastructure
    _eng("Mei Lin Zhao", "Platform Infrastructure", "senior", "staff", True,
         "ready for staff (solver): goes where the fire is, search p99 900ms to 140ms, "
         "leads incidents, grew a mentor who now mentors",
         manager="thomas.becker", extra_emails=("mlzhao@pinelabs.example",)),
    _eng("Helen Achterberg", "Platform Infrastructure", "principal", None, None,
         "principal: company-wide multi-region and architecture review", manager=_VP),
    _eng("Diego Fernandez", "Platform Infrastructure", "staff", None, None,
         "staff engineer on databases", manager="thomas.becker"),
    _eng("Ravi Menon", "Platform Infrastructure", "senior", None, None,
         "senior, promoted last year after Mei Lin's mentoring; now mentors Jonas",
         manager="thomas.becker"),
    _eng("Jonas Berg", "Platform Infrastructure", "engineer", "senior", False,
         "not yet senior: careful and curious, still scoped by others",
         manager="thomas.becker"),
    # Developer Experience
    _eng("Ngozi Eze", "Developer Experience", "senior", None, None,
         "senior on CI speed", manager="amara.nwosu"),
    _eng("Ingrid Larsen", "Developer Experience", "senior", None, None,
         "senior on service templates and docs", manager="amara.nwosu"),
    _eng("Tariq Rahman", "Developer Experience", "engineer", None, None,
         "engineer on local development", manager="amara.nwosu"),
    # Data
    _eng("Rafael Costa", "Data", "staff", "senior-staff", True,
         "ready for senior staff: org-wide event contracts adopted by 9 teams, data strategy, "
         "grows staff engineers",
         manager="peter.lindqvist"),
    _eng("Wei Chen", "Data", "senior", None, None,
         "senior on the experimentation platform", manager="peter.lindqvist"),
    _eng("Fatima Diallo", "Data", "engineer", None, None,
         "engineer on the warehouse", manager="peter.lindqvist"),
    _eng("Noah Kim", "Data", "engineer", "senior", False,
         "not yet senior: good dashboards, narrow scope so far", manager="peter.lindqvist"),
)


def demo_people() -> tuple[DemoPersonSpec, ...]:
    """Everyone in the demo organisation, director and managers first."""
    return tuple(
        DemoPersonSpec(
            name=p.name, handle=p.handle, email=p.emails[0], team=p.team, role=p.role,
            level=p.level, target_level=p.target, story=p.story, expect_ready=p.ready,
        )
        for p in _PEOPLE
    )


# ---------------------------------------------------------------------------------------------
# Dates. Journal templates never hold a calendar date: they say "the 9th, fourteen months ago",
# so the demo stays inside the assessment's recency window whenever it runs.

_TOKEN = re.compile(r"\{\{(d|ym|mon|q|qd):([0-9]+(?:\.[0-9]+)*)\}\}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _shift(today: date, months_ago: int) -> tuple[int, int]:
    index = today.year * 12 + (today.month - 1) - months_ago
    return index // 12, index % 12 + 1


def _day(today: date, months_ago: int, day: int) -> date:
    year, month = _shift(today, months_ago)
    return min(date(year, month, max(1, min(day, 28))), today)


def _quarter(today: date, quarters_ago: int) -> tuple[int, int]:
    index = today.year * 4 + (today.month - 1) // 3 - quarters_ago
    return index // 4, index % 4 + 1


def _render_token(today: date, kind: str, args: list[int]) -> str:
    if kind == "d":  # d:MONTHS_AGO.DAY -> ISO date
        return _day(today, args[0], args[1] if len(args) > 1 else 15).isoformat()
    if kind == "ym":  # ym:MONTHS_AGO -> 2025-03
        year, month = _shift(today, args[0])
        return f"{year:04d}-{month:02d}"
    if kind == "mon":  # mon:MONTHS_AGO -> March 2025
        year, month = _shift(today, args[0])
        return f"{_MONTHS[month - 1]} {year}"
    year, quarter = _quarter(today, args[0])
    if kind == "q":  # q:QUARTERS_AGO -> 2025 Q3
        return f"{year} Q{quarter}"
    # qd:QUARTERS_AGO.MONTH_IN_QUARTER.DAY -> ISO date inside that quarter
    month = (quarter - 1) * 3 + 1 + min(args[1], 2)
    return min(date(year, month, max(1, min(args[2], 28))), today).isoformat()


def render_template(text: str, today: date) -> str:
    """Replace every relative-date token in a journal template with a date computed from today."""
    return _TOKEN.sub(
        lambda m: _render_token(today, m.group(1), [int(x) for x in m.group(2).split(".")]),
        text,
    )


def _journal_template(handle: str) -> str:
    source = resources.files("staffpath.demo").joinpath("data", "journals", f"{handle}.md")
    return source.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Files


def _roster_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROSTER_COLUMNS)
    by_handle = {p.handle: p for p in _PEOPLE}
    for p in _PEOPLE:
        manager = by_handle[p.manager].emails[0] if p.manager else ""
        writer.writerow([p.name, ";".join(p.emails), p.team, manager, p.level or "",
                         p.target or "", p.role])
    return out.getvalue()


def _teams_yaml() -> str:
    teams = [
        {"name": t.name, "org_unit": t.org_unit, "description": t.description,
         "owns": list(t.owns)}
        for t in TEAMS
    ]
    header = "# Harbor & Pine engineering teams and the code each one owns (demo data).\n"
    return header + yaml.safe_dump(teams, sort_keys=False, allow_unicode=True, width=100)


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def write_demo_files(root: Path, today: date) -> DemoManifest:
    """Write the demo roster, teams file and one brag document per engineer under root."""
    root.mkdir(parents=True, exist_ok=True)
    roster = root / "roster.csv"
    teams = root / "teams.yaml"
    _write(roster, _roster_csv())
    _write(teams, _teams_yaml())
    journal_dir = root / "journals"
    journal_dir.mkdir(exist_ok=True)
    journals: dict[str, Path] = {}
    for person in _PEOPLE:
        if person.role != "engineer":
            continue
        path = journal_dir / f"{person.handle}.md"
        _write(path, render_template(_journal_template(person.handle), today))
        journals[person.handle] = path
    return DemoManifest(root=root, roster_csv=roster, teams_yaml=teams, journals=journals,
                        people=demo_people())
