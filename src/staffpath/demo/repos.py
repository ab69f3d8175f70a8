"""The demo organisation's git repositories, written with `git fast-import`, and its review data.

Three repositories (shop, platform, data) carry the stories the journals tell: work in other
teams' code (with CODEOWNERS naming the teams), design documents and decision records, glue
work, and mentoring that shows as mentees becoming authors of files their mentors created.
Every date is relative to `today`, so the history lines up with the journals whenever the demo
is built. A review export in GitHub's REST shape goes with the shop repository.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from staffpath.demo.content import DOMAIN, demo_people
from staffpath.errors import StoreError
from staffpath.mining.report import MineReport
from staffpath.mining.reviews import mine_reviews
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.org.warm import prepare_after_commit
from staffpath.store.engine import Store

# Second addresses some engineers commit with; the roster lists them too.
ALT_EMAILS = {"daniel.okafor": "dokafor@okafor-home.example",
              "meilin.zhao": "mlzhao@pinelabs.example",
              "tomas.reyes": "tomas@laptop.local"}  # not on the roster: .mailmap maps it
GITHUB_ORG = "harborpine"


@dataclass(frozen=True)
class DemoRepos:
    """Where the demo's repositories and review export were written."""

    repos: tuple[Path, ...]
    reviews: Path


@dataclass
class _Commit:
    when: int
    who: str
    message: str
    # path -> ("add", lines) | ("edit", new lines) | ("text", content) | ("del", 0)
    ops: dict[str, tuple[str, Any]]
    alt_email: bool = False


@dataclass
class _Repo:
    """A repository's commits, collected in any order and written in date order."""

    name: str
    today: dt.date
    commits: list[_Commit] = field(default_factory=list)

    def at(self, months_ago: int, day: int, minute: int = 0) -> int:
        index = self.today.year * 12 + (self.today.month - 1) - months_ago
        year, month = index // 12, index % 12 + 1
        date = min(dt.date(year, month, max(1, min(day, 28))), self.today)
        start = dt.datetime(date.year, date.month, date.day, 9, 30, tzinfo=dt.UTC)
        return int(start.timestamp()) + 60 * minute

    def commit(self, months_ago: int, day: int, who: str, message: str,
               ops: dict[str, tuple[str, Any]], *, minute: int = 0,
               alt_email: bool = False) -> None:
        self.commits.append(_Commit(self.at(months_ago, day, minute), who, message, ops,
                                    alt_email))

    def add(self, months_ago: int, day: int, who: str, paths: Iterable[str], *,
            lines: int = 40, message: str | None = None) -> None:
        paths = list(paths)
        self.commit(months_ago, day, who, message or f"Add {', '.join(paths)}",
                    dict.fromkeys(paths, ("add", lines)))

    def series(self, who: str, paths: Sequence[str], months: Iterable[int], *,
               per_month: int = 2, lines: int = 6, message: str = "Improve {name}",
               alt_email_every: int = 0) -> None:
        """Steady work: `per_month` commits a month, each editing one of the paths."""
        n = 0
        for m in months:
            for k in range(per_month):
                path = paths[n % len(paths)]
                day = 3 + (k * 11 + n * 5) % 24
                name = path.rsplit("/", 1)[-1]
                self.commit(m, day, who, message.format(name=name), {path: ("edit", lines)},
                            minute=n % 50,
                            alt_email=bool(alt_email_every) and n % alt_email_every == 1)
                n += 1

    def doc(self, months_ago: int, day: int, who: str, path: str, title: str,
            summary: str) -> None:
        text = (f"# {title}\n\n## Context\n\n{summary}\n\n## Decision\n\n"
                "See the options below and the trade-offs we accepted.\n\n## Options\n\n"
                "1. Keep things as they are.\n2. The change described here.\n")
        self.commit(months_ago, day, who, f"Add {path.rsplit('/', 1)[-1]}",
                    {path: ("text", text)})


def _people() -> dict[str, tuple[str, str]]:
    return {p.handle: (p.name, p.email) for p in demo_people()}


# Typing arrived in steps: Payments and Checkout annotate new Python from a year ago, every
# team from four months ago, so the quality scorecard has a trend to show.
TYPED_EARLY = ("services/payments/", "services/refunds/", "services/cart/",
               "services/checkout/")


def _typed(repo: _Repo, when: int, path: str) -> bool:
    return when >= repo.at(4, 1) or (path.startswith(TYPED_EARLY) and when >= repo.at(12, 1))


def _code_line(rng: random.Random, path: str, n: int, typed: bool = False) -> str:
    ext = path.rsplit(".", 1)[-1]
    word = rng.choice(["total", "cart", "order", "price", "token", "event", "batch", "quota",
                       "region", "retry", "budget", "refund", "session", "schema"])
    if ext in ("py",):
        k = rng.randint(2, 97)
        if path.rsplit("/", 1)[-1].startswith("test_"):
            return f"def test_{word}_{n}() -> None:  assert {k} > 1"
        private = "_" if n % 3 == 0 else ""  # helpers, not the module's interface
        signature = "(value: int) -> int" if typed else "(value)"
        return f"def {private}{word}_{n}{signature}:  return value * {k}"
    if ext in ("swift", "kt", "ts", "go"):
        return f"let {word}{n} = compute({rng.randint(2, 97)}) // {word}"
    if ext in ("tf",):
        return f'variable "{word}_{n}" {{ default = {rng.randint(2, 97)} }}'
    if ext in ("sql",):
        return f"select {word}, count(*) from t_{n} group by {word};"
    if ext in ("yml", "yaml"):
        return f"  {word}_{n}: {rng.randint(2, 97)}"
    return f"{word.capitalize()} note {n}: {rng.randint(2, 97)} steps."


def _fast_import_stream(repo: _Repo, people: dict[str, tuple[str, str]]) -> bytes:
    rng = random.Random(f"demo-{repo.name}")
    files: dict[str, list[str]] = {}
    out: list[bytes] = []
    counter = 0
    for mark, c in enumerate(sorted(repo.commits, key=lambda c: (c.when, c.who, c.message)),
                             start=1):
        name, email = people[c.who]
        if c.alt_email:
            email = ALT_EMAILS.get(c.who, email)
        ident = f"{name} <{email}> {c.when} +0000".encode()
        ops: list[bytes] = []
        for path, (kind, arg) in c.ops.items():
            if kind == "del":
                files.pop(path, None)
                ops.append(b"D " + path.encode() + b"\n")
                continue
            if kind == "text":
                files[path] = str(arg).splitlines()
            elif kind == "add" or path not in files:
                counter += 1
                typed = _typed(repo, c.when, path)
                files[path] = [_code_line(rng, path, counter + i, typed)
                               for i in range(int(arg))]
            else:
                body = files[path]
                typed = _typed(repo, c.when, path)
                for _ in range(int(arg)):
                    counter += 1
                    body.insert(rng.randint(0, len(body)), _code_line(rng, path, counter, typed))
                if len(body) > 4:
                    body[rng.randrange(len(body))] = _code_line(rng, path, counter + 1, typed)
            data = ("\n".join(files[path]) + "\n").encode()
            ops.append(b"M 100644 inline " + path.encode() + b"\n"
                       + b"data " + str(len(data)).encode() + b"\n" + data + b"\n")
        message = c.message.encode()
        out.append(b"commit refs/heads/main\nmark :" + str(mark).encode() + b"\n"
                   + b"author " + ident + b"\ncommitter " + ident + b"\n"
                   + b"data " + str(len(message)).encode() + b"\n" + message + b"\n"
                   + (b"from :" + str(mark - 1).encode() + b"\n" if mark > 1 else b"")
                   + b"".join(ops) + b"\n")
    out.append(b"done\n")
    return b"".join(out)


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # The demo must not depend on (or be changed by) the user's own git configuration.
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Harbor & Pine", "GIT_AUTHOR_EMAIL": f"demo@{DOMAIN}",
                "GIT_COMMITTER_NAME": "Harbor & Pine", "GIT_COMMITTER_EMAIL": f"demo@{DOMAIN}"})
    return env


def _git(cwd: Path, *args: str, data: bytes | None = None) -> None:
    try:
        proc = subprocess.run(["git", "-C", str(cwd), *args], input=data,
                              capture_output=True, env=_git_env(), check=False)
    except FileNotFoundError:
        raise StoreError("the demo needs the git program, which is not on PATH") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"git {args[0]} failed: {message[-1] if message else 'no output'}",
                         path=cwd)


def _write_repo(root: Path, repo: _Repo, people: dict[str, tuple[str, str]]) -> Path:
    path = root / repo.name
    path.mkdir(parents=True)
    _git(path, "init", "-q", "-b", "main")
    _git(path, "fast-import", "--quiet", "--done", data=_fast_import_stream(repo, people))
    _git(path, "checkout", "-q", "-f", "main")
    return path


# --- the stories ----------------------------------------------------------------------------

SHOP_CODEOWNERS = f"""\
# Harbor & Pine shop: every service has an owning team (GitHub team slugs).
/services/cart/             @{GITHUB_ORG}/checkout
/services/checkout/         @{GITHUB_ORG}/checkout
/web/checkout/              @{GITHUB_ORG}/checkout
/services/catalog/          @{GITHUB_ORG}/catalog
/services/pricing/          @{GITHUB_ORG}/catalog
/web/product/               @{GITHUB_ORG}/catalog
/services/search/           @{GITHUB_ORG}/search-discovery
/services/recommendations/  @{GITHUB_ORG}/search-discovery
/web/search/                @{GITHUB_ORG}/search-discovery
/mobile/                    @{GITHUB_ORG}/mobile
/services/mobile-bff/       @{GITHUB_ORG}/mobile
/services/payments/         @{GITHUB_ORG}/payments
/services/refunds/          @{GITHUB_ORG}/payments
/services/fraud/            @{GITHUB_ORG}/payments
/services/inventory/        @{GITHUB_ORG}/fulfilment
/services/fulfilment/       @{GITHUB_ORG}/fulfilment
/services/returns/          @{GITHUB_ORG}/fulfilment
/services/identity/         @{GITHUB_ORG}/identity
/services/sessions/         @{GITHUB_ORG}/identity
/web/account/               @{GITHUB_ORG}/identity
/services/events/           @{GITHUB_ORG}/data
/.github/                   @{GITHUB_ORG}/developer-experience
/tools/                     @{GITHUB_ORG}/developer-experience
# Design documents and decision records belong to everyone.
/docs/
"""


def _shop(today: dt.date) -> _Repo:
    r = _Repo("shop", today)
    r.commit(26, 2, "ngozi.eze", "Set up the shop repository", {
        ".github/CODEOWNERS": ("text", SHOP_CODEOWNERS),
        ".github/workflows/ci.yml": ("add", 30), "tools/ci/run_tests.sh": ("add", 20),
        "README.md": ("text", "# Harbor & Pine shop\n\nServices, web and mobile apps.\n")})
    r.commit(26, 3, "tomas.reyes", "Add .mailmap", {".mailmap": ("text",
             f"Tomas Reyes <tomas.reyes@{DOMAIN}> <tomas@laptop.local>\n")})
    # Checkout: Priya builds the cart service; Tomas learns it from her, then Aisha from him.
    r.add(20, 4, "priya.nair", ["services/cart/cart.py", "services/cart/models.py",
                                "services/cart/api.py"], lines=60)
    r.add(20, 9, "oliver.grant", ["services/checkout/tax.py", "services/checkout/promotions.py"])
    r.series("oliver.grant", ["services/checkout/tax.py", "services/checkout/promotions.py"],
             range(19, 0, -3), per_month=1)
    r.series("priya.nair", ["services/cart/cart.py", "services/cart/api.py"], range(19, 14, -1),
             per_month=1)
    r.doc(16, 8, "priya.nair", "docs/rfcs/0007-cart-out-of-checkout.md",
          "Taking the cart out of the checkout monolith",
          "The cart shares a database and a deploy with checkout; five teams wait on it.")
    r.series("priya.nair", ["services/payments/client.py", "services/fulfilment/reservations.py",
                            "services/inventory/holds.py"], range(15, 2, -1), per_month=2)
    r.series("tomas.reyes", ["services/cart/models.py", "services/cart/cart.py"],
             range(15, 6, -1), per_month=2)
    r.commit(15, 1, "tomas.reyes", "Cart schema migration", {
        "services/cart/schema.sql": ("add", 20)})
    r.commit(14, 2, "tomas.reyes", "Fix cart migration from the laptop", {
        "services/cart/schema.sql": ("edit", 4)}, alt_email=True)
    r.add(8, 3, "tomas.reyes", ["services/cart/saved_carts.py"], lines=50)
    r.series("aisha.bello", ["services/cart/saved_carts.py"], range(6, 0, -1), per_month=2)
    r.doc(1, 11, "priya.nair", "docs/adr/0019-promotions-out-of-request-path.md",
          "Move promotions evaluation out of the request path",
          "Promotions add 80 ms to every cart call; Checkout and Catalog agreed to precompute.")
    r.doc(3, 6, "oliver.grant", "docs/rfcs/0021-tax-engine.md",
          "Tax engine: one tax service for Checkout and Fulfilment",
          "Returns compute tax again, differently; one service removes the drift.")
    # Catalog: Jake ships a lot, all of it inside Catalog.
    r.add(22, 5, "jake.morrison", ["services/catalog/products.py", "services/pricing/rules.py",
                                   "web/product/page.ts"])
    r.series("jake.morrison", ["services/catalog/products.py", "services/pricing/rules.py",
                               "web/product/page.ts"], range(20, 0, -1), per_month=3)
    r.add(18, 6, "elena.marquez", ["services/pricing/regional.py"])
    r.series("elena.marquez", ["services/pricing/regional.py"], range(17, 0, -3))
    r.series("connor.walsh", ["web/product/page.ts"], range(10, 0, -2))
    r.add(12, 7, "yuki.tanaka", ["services/catalog/images.py"])
    r.series("yuki.tanaka", ["services/catalog/images.py"], range(11, 0, -3))
    # Search & Discovery.
    r.add(24, 4, "anika.sharma", ["services/search/ranking.py", "services/search/index.py",
                                  "services/recommendations/serve.py"])
    r.series("anika.sharma", ["services/search/ranking.py", "services/recommendations/serve.py"],
             range(20, 0, -2))
    r.doc(14, 12, "anika.sharma", "docs/design/recommendations-from-search.md",
          "Recommendations served from the search cluster",
          "A separate store doubles the cost and the staleness of recommendations.")
    r.doc(9, 14, "anika.sharma", "docs/adr/0012-one-feature-store.md",
          "One feature store for search and recommendations",
          "Two feature stores drift; Search and Data agreed to share one.")
    r.series("sofia.brandt", ["services/catalog/taxonomy.py", "services/recommendations/cold.py",
                              "mobile/ios/Search.swift"], range(40, 34, -1), per_month=2)
    r.series("sofia.brandt", ["services/search/index.py"], [5, 2], per_month=1)
    r.add(16, 11, "meilin.zhao", ["services/search/batching.py"], lines=40)
    r.series("meilin.zhao", ["services/search/batching.py", "services/search/index.py"],
             range(16, 12, -1), per_month=2, alt_email_every=2)
    r.series("marcus.lee", ["services/search/batching.py"], range(12, 0, -1), per_month=2)
    r.add(9, 8, "pedro.alves", ["web/search/autocomplete.ts"])
    r.series("pedro.alves", ["web/search/autocomplete.ts"], range(8, 0, -2))
    # Mobile: Grace writes the iOS app's core, Chloe grows into it.
    r.add(18, 3, "grace.adeyemi", ["mobile/ios/App.swift", "mobile/ios/Cart.swift",
                                   "mobile/ios/Checkout.swift"], lines=50)
    r.series("grace.adeyemi", ["mobile/ios/App.swift", "mobile/ios/Cart.swift"],
             range(17, 13, -1), per_month=1)
    r.series("chloe.dubois", ["mobile/ios/App.swift", "mobile/ios/Cart.swift",
                              "mobile/ios/Checkout.swift"], range(15, 0, -1), per_month=2)
    r.add(16, 9, "luca.bianchi", ["mobile/android/App.kt", "services/mobile-bff/api.ts"])
    r.series("luca.bianchi", ["mobile/android/App.kt", "services/mobile-bff/api.ts"],
             range(15, 0, -2))
    r.series("emma.johansson", ["mobile/ios/Search.swift"], range(9, 0, -2))
    # Payments: Daniel's gateway across five teams; Lena learns refunds from him, Sam from her.
    r.add(19, 6, "daniel.okafor", ["services/payments/gateway.py",
                                   "services/payments/processors.py",
                                   "services/refunds/api.py"], lines=60)
    r.doc(17, 6, "daniel.okafor", "docs/rfcs/0003-one-gateway-interface.md",
          "One gateway interface in front of both card processors",
          "Each processor has its own client in five services; fees and outages follow.")
    r.doc(17, 9, "daniel.okafor", "docs/adr/0014-idempotency-keys.md",
          "Callers make idempotency keys and we keep them for 30 days",
          "Retries across processors charged customers twice.")
    r.series("daniel.okafor", ["services/payments/gateway.py", "services/payments/processors.py"],
             range(18, 8, -1), per_month=2, alt_email_every=3)
    r.series("daniel.okafor", ["services/checkout/payment_step.py",
                               "services/mobile-bff/payments.ts",
                               "services/fulfilment/refund_hooks.py",
                               "services/identity/payment_tokens.py",
                               "services/catalog/price_lock.py"], range(15, 7, -1), per_month=2)
    r.series("lena.kowalski", ["services/refunds/api.py"], range(14, 9, -1), per_month=2)
    r.add(11, 18, "lena.kowalski", ["services/refunds/partial.py"], lines=40)
    r.doc(11, 18, "lena.kowalski", "docs/design/partial-refunds.md", "Partial refunds",
          "Refunds are all-or-nothing; customer care refunds by hand for split shipments.")
    r.series("lena.kowalski", ["services/returns/refund_timing.py", "services/returns/api.py"],
             range(10, 7, -1), per_month=2)
    r.doc(5, 2, "daniel.okafor", "docs/adr/0031-refund-timing.md",
          "Who decides refund timing for returns",
          "Payments and Fulfilment both scheduled refunds; now Fulfilment decides, Payments pays.")
    r.series("sam.whitaker", ["services/refunds/partial.py"], range(7, 0, -1), per_month=2)
    r.add(20, 10, "kwame.asante", ["services/fraud/rules.py", "services/fraud/scores.py"])
    r.series("kwame.asante", ["services/fraud/rules.py"], range(18, 0, -4))
    r.series("farah.haddad", ["services/fraud/scores.py", "services/fraud/rules.py"],
             range(16, 0, -2))
    # Fulfilment: Ben ships and ships, all inside Fulfilment.
    r.add(21, 7, "ben.castillo", ["services/fulfilment/orders.py", "services/inventory/stock.py",
                                  "services/fulfilment/shipping.py"])
    r.series("ben.castillo", ["services/fulfilment/orders.py", "services/inventory/stock.py",
                              "services/fulfilment/shipping.py"], range(20, 0, -1), per_month=3)
    r.series("hannah.schultz", ["services/fulfilment/picking.py"], range(16, 0, -2))
    r.series("kofi.mensah", ["services/fulfilment/shipping.py"], range(9, 0, -2))
    r.add(14, 5, "isabel.romero", ["services/returns/api.py"])
    r.series("isabel.romero", ["services/returns/api.py"], range(13, 0, -3))
    # Identity: Nadia's right kind of work, only five months of it.
    r.add(22, 3, "zoe.fischer", ["services/sessions/store.py", "services/identity/accounts.py",
                                 "web/account/login.ts"])
    r.series("zoe.fischer", ["services/sessions/store.py", "web/account/login.ts"],
             range(20, 0, -2))
    r.series("arjun.patel", ["services/identity/privacy.py"], range(10, 0, -2))
    r.series("nadia.petrova", ["services/identity/accounts.py"], range(12, 5, -2))
    r.doc(4, 4, "nadia.petrova", "docs/rfcs/0030-passkeys.md",
          "Passkeys and one login service for web and mobile",
          "Web and the apps log in three different ways; passkeys need one service.")
    r.series("nadia.petrova", ["mobile/ios/Login.swift", "web/checkout/login.ts",
                               "services/mobile-bff/auth.ts"], range(4, 0, -1), per_month=2)
    # Data: Rafael's event contracts land in nine teams' services.
    teams_events = ["cart", "checkout", "catalog", "search", "payments", "fulfilment",
                    "identity", "mobile-bff", "inventory"]
    r.series("rafael.costa", [f"services/{t}/events.py" for t in teams_events],
             range(15, 8, -1), per_month=2, lines=12)
    # Developer Experience: glue in CI and tooling.
    r.series("ngozi.eze", [".github/workflows/ci.yml", "tools/ci/run_tests.sh"],
             range(18, 0, -1), per_month=1, message="CI: {name}")
    _quality_stories(r)
    return r


def _client(lib: str, name: str, url: str) -> str:
    return (f"import {lib}\n\n\ndef {name}(key: str) -> dict[str, object]:\n"
            f"    return {lib}.get(f\"{url}/{{key}}\", timeout=5).json()\n")


def _quality_stories(r: _Repo) -> None:
    """What the quality scorecard reads: tests written next to the code, the HTTP client the
    organisation prefers (httpx, moving off requests), TypeScript replacing JavaScript."""
    r.add(7, 12, "tomas.reyes", ["services/cart/test_cart.py",
                                 "services/cart/test_saved_carts.py"], lines=12,
          message="Tests for the cart and saved carts")
    r.add(5, 15, "lena.kowalski", ["services/payments/test_gateway.py",
                                   "services/refunds/test_partial.py"], lines=12,
          message="Tests for the gateway and partial refunds")
    r.add(2, 8, "oliver.grant", ["services/checkout/test_tax.py"], lines=10,
          message="Tests for tax")
    r.commit(16, 5, "zoe.fischer", "OIDC discovery client", {
        "services/identity/oidc_client.py": ("text", _client(
            "requests", "discover", "https://login.example/.well-known"))})
    r.commit(13, 4, "farah.haddad", "Call the scoring vendor", {
        "services/fraud/vendor_client.py": ("text", _client(
            "requests", "score", "https://vendor.example/score"))})
    r.commit(11, 9, "hannah.schultz", "Carrier tracking client", {
        "services/fulfilment/carrier_api.py": ("text", _client(
            "requests", "track", "https://carrier.example/track"))})
    r.commit(8, 6, "lena.kowalski", "One HTTP client for the processors", {
        "services/payments/http.py": ("text", _client(
            "httpx", "fetch", "https://processor.example"))})
    r.commit(5, 10, "marcus.lee", "Remote index client", {
        "services/search/remote_index.py": ("text", _client(
            "httpx", "lookup", "https://index.example"))})
    r.commit(3, 14, "zoe.fischer", "OIDC client on httpx", {
        "services/identity/oidc_client.py": ("text", _client(
            "httpx", "discover", "https://login.example/.well-known"))})
    r.add(10, 4, "connor.walsh", ["web/product/zoom.js"], lines=20)
    r.add(9, 6, "pedro.alves", ["web/search/suggest.js"], lines=20)
    r.commit(2, 12, "pedro.alves", "Suggestions in TypeScript", {
        "web/search/suggest.js": ("del", 0), "web/search/suggest.ts": ("add", 20)})


def _platform(today: dt.date) -> _Repo:
    r = _Repo("platform", today)
    r.commit(24, 2, "ngozi.eze", "Set up the platform repository", {
        ".github/CODEOWNERS": ("text", f"""\
/platform/          @{GITHUB_ORG}/platform-infrastructure
/infra/             @{GITHUB_ORG}/platform-infrastructure
/deploy/            @{GITHUB_ORG}/platform-infrastructure
/runbooks/          @{GITHUB_ORG}/platform-infrastructure
/tools/             @{GITHUB_ORG}/developer-experience
/templates/         @{GITHUB_ORG}/developer-experience
/.github/           @{GITHUB_ORG}/developer-experience
"""), ".github/workflows/ci.yml": ("add", 20)})
    # Mei Lin builds observability and the incident runbooks; Ravi learns them, Jonas from him.
    r.add(17, 4, "meilin.zhao", ["platform/observability/alerts.tf",
                                 "platform/observability/dashboards.tf",
                                 "platform/observability/slo.tf"], lines=50)
    r.series("meilin.zhao", ["platform/observability/alerts.tf", "platform/observability/slo.tf"],
             range(17, 13, -1), per_month=1)
    r.series("meilin.zhao", ["runbooks/incident-command.md", "runbooks/search-latency.md"],
             range(13, 6, -1), per_month=2, message="Runbook: {name}")
    r.series("ravi.menon", ["platform/observability/alerts.tf",
                            "platform/observability/dashboards.tf",
                            "platform/observability/slo.tf"], range(12, 3, -1), per_month=2)
    r.add(4, 16, "ravi.menon", ["runbooks/ic-course.md", "platform/observability/paging.tf"])
    r.series("jonas.berg", ["runbooks/ic-course.md", "platform/observability/paging.tf"],
             range(4, 0, -1), per_month=3)
    r.add(20, 8, "diego.fernandez", ["platform/databases/postgres.tf",
                                     "platform/databases/backups.tf"])
    r.series("diego.fernandez", ["platform/databases/postgres.tf",
                                 "platform/databases/backups.tf"], range(19, 0, -2))
    r.doc(15, 6, "helen.achterberg", "docs/adr/0001-eu-data-residency.md",
          "Data residency for EU customers",
          "Legal and Customer Care need EU data to stay in the EU; here is how.")
    r.add(14, 9, "helen.achterberg", ["infra/terraform/regions.tf"])
    r.doc(0, 4, "helen.achterberg", "docs/adr/0002-one-cloud-provider.md",
          "We keep one cloud provider for three more years",
          "A second provider doubles the platform work for a risk we can cover otherwise.")
    r.series("ngozi.eze", [".github/workflows/ci.yml", "tools/ci/cache.sh"], range(20, 0, -1),
             per_month=2, message="CI: {name}")
    r.add(18, 12, "ingrid.larsen", ["templates/service/main.py", "docs/guides/new-service.md"])
    r.series("ingrid.larsen", ["templates/service/main.py", "docs/guides/new-service.md"],
             range(17, 0, -2), per_month=2)
    r.add(11, 5, "tariq.rahman", ["tools/dev/up.sh"])
    r.series("tariq.rahman", ["tools/dev/up.sh"], range(10, 0, -2))
    return r


def _data(today: dt.date) -> _Repo:
    r = _Repo("data", today)
    r.commit(22, 2, "rafael.costa", "Set up the data repository", {
        ".github/CODEOWNERS": ("text", f"* @{GITHUB_ORG}/data\n/docs/\n"),
        "data/README.md": ("text", "# Data\n\nPipelines, warehouse and experiments.\n")})
    r.doc(17, 9, "rafael.costa", "docs/rfcs/0001-typed-event-contracts.md",
          "Typed event contracts",
          "Every event gets an owner, a schema and a compatibility rule.")
    r.add(16, 4, "rafael.costa", ["services/events/contracts.py", "services/events/registry.py"])
    r.series("rafael.costa", ["services/events/contracts.py"], range(15, 10, -1))
    # Rafael starts the experimentation platform; Wei takes it over, then Noah and Fatima.
    r.add(14, 6, "rafael.costa", ["services/experiments/assign.py",
                                  "services/experiments/exposure.py"], lines=50)
    r.series("wei.chen", ["services/experiments/assign.py", "services/experiments/exposure.py"],
             range(12, 5, -1), per_month=2)
    r.add(8, 10, "wei.chen", ["services/experiments/metrics.py",
                              "services/experiments/report.py"], lines=40)
    r.series("noah.kim", ["services/experiments/metrics.py"], range(5, 0, -1), per_month=2)
    r.series("fatima.diallo", ["services/experiments/report.py", "data/warehouse/orders.sql"],
             range(5, 0, -1), per_month=2)
    r.series("noah.kim", ["data/dashboards/funnel.sql"], range(10, 5, -1))
    return r


# --- review data ----------------------------------------------------------------------------


def _login(handle: str) -> str:
    return handle.replace(".", "-")


_REVIEWS = (
    # (author, reviewer, months ago, repeat): who reviewed whose pull requests
    ("lena.kowalski", "daniel.okafor", 12, 4), ("tomas.reyes", "daniel.okafor", 11, 2),
    ("ben.castillo", "daniel.okafor", 10, 2), ("zoe.fischer", "daniel.okafor", 9, 2),
    ("farah.haddad", "priya.nair", 14, 2), ("hannah.schultz", "priya.nair", 12, 2),
    ("tomas.reyes", "priya.nair", 13, 3), ("aisha.bello", "tomas.reyes", 4, 3),
    ("chloe.dubois", "grace.adeyemi", 10, 4), ("chloe.dubois", "grace.adeyemi", 4, 3),
    ("sam.whitaker", "lena.kowalski", 5, 3), ("marcus.lee", "meilin.zhao", 13, 3),
    ("connor.walsh", "jake.morrison", 8, 3), ("yuki.tanaka", "jake.morrison", 5, 2),
)


def _review_export(root: Path, today: dt.date) -> Path:
    """Pulls and reviews for harborpine/shop, as `gh api ... --paginate` writes them."""
    folder = root / "reviews" / "shop"
    (folder / "reviews").mkdir(parents=True)
    repo = _Repo("shop", today)
    pulls: list[dict[str, Any]] = []
    number = 100
    for author, reviewer, months_ago, repeat in _REVIEWS:
        for k in range(repeat):
            number += 1
            opened = dt.datetime.fromtimestamp(repo.at(months_ago, 3 + 6 * k), dt.UTC)
            pulls.append({
                "number": number, "title": f"Change {number}", "state": "closed",
                "user": {"login": _login(author)},
                "url": f"https://api.github.com/repos/{GITHUB_ORG}/shop/pulls/{number}",
                "html_url": f"https://github.com/{GITHUB_ORG}/shop/pull/{number}",
                "created_at": opened.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "head": {"ref": f"change-{number}"},
                "base": {"ref": "main", "repo": {"full_name": f"{GITHUB_ORG}/shop"}}})
            submitted = (opened + dt.timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
            reviews = [{
                "id": number * 10, "user": {"login": _login(reviewer)},
                "state": "CHANGES_REQUESTED" if k == 0 else "APPROVED",
                "body": "Let's walk through the failure cases together." if k == 0 else "",
                "submitted_at": submitted,
                "pull_request_url":
                    f"https://api.github.com/repos/{GITHUB_ORG}/shop/pulls/{number}"}]
            (folder / "reviews" / f"{number}.json").write_text(
                json.dumps(reviews, indent=1) + "\n", encoding="utf-8")
    half = len(pulls) // 2
    (folder / "pulls.json").write_text(
        json.dumps(pulls[:half], indent=1) + json.dumps(pulls[half:], indent=1) + "\n",
        encoding="utf-8")
    return folder


def write_demo_repos(root: Path, today: dt.date) -> DemoRepos:
    """Create the demo's repositories and review export under root (which must be new)."""
    people = _people()
    root.mkdir(parents=True, exist_ok=True)
    repos = tuple(_write_repo(root, repo, people)
                  for repo in (_shop(today), _platform(today), _data(today)))
    return DemoRepos(repos=repos, reviews=_review_export(root, today))


def mine_demo_repos(store: Store, root: Path, today: dt.date) -> list[MineReport]:
    """Write the demo repositories under root and mine them (and their reviews) into store."""
    written = write_demo_repos(root, today)
    reports = []
    for repo in written.repos:
        with store.session() as session:
            reports.append(mine_repository(session, repo, MineOptions(jobs=1),
                                           after_run=prepare_after_commit))
    with store.session() as session:
        mine_reviews(session, [written.reviews])
    return reports
