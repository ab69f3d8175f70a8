"""The stories the demo's repositories tell: who wrote what in the shop, platform and data
repositories, and when.

Work in other teams' code (with CODEOWNERS naming the teams), design documents and decision
records, glue work, and mentoring that shows as mentees becoming authors of files their mentors
created.
"""

from __future__ import annotations

import datetime as dt

from staffpath.demo.content import DOMAIN
from staffpath.demo.git_history import RepoHistory

__all__ = ["ALT_EMAILS", "GITHUB_ORG", "data_history", "platform_history", "shop_history"]

# Second addresses some engineers commit with; the roster lists them too.
ALT_EMAILS = {"daniel.okafor": "dokafor@okafor-home.example",
              "meilin.zhao": "mlzhao@pinelabs.example",
              "tomas.reyes": "tomas@laptop.local"}  # not on the roster: .mailmap maps it
GITHUB_ORG = "harborpine"


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


def shop_history(today: dt.date) -> RepoHistory:
    r = RepoHistory("shop", today)
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


def _quality_stories(r: RepoHistory) -> None:
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


def platform_history(today: dt.date) -> RepoHistory:
    r = RepoHistory("platform", today)
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


def data_history(today: dt.date) -> RepoHistory:
    r = RepoHistory("data", today)
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
