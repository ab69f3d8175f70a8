"""The request guard: who is calling, whether the route's rule lets them, CSRF, auditing.

Every route runs behind `guard`, an application-wide dependency. It reads the route's rule,
resolves the caller's session and the person the URL names, asks `access.can`, checks the
CSRF token on anything that writes, and audits refusals and reads of other people's data.
The route then works through `Ctx.read()`, `Ctx.write()` (the write is audited as it
commits) or `Ctx.transaction()` (for services that audit their own changes, from
`Ctx.origin`); a refused write (conflict, bad input) is audited as refused.

Where work runs: routes are plain functions, which FastAPI runs in its threadpool, so a slow
one (a PDF, an import) or one waiting for SQLite's write lock holds up no other request. The
guard's reads, and the busiest pages that only read and render (the assessment page, the team
overview), run on the event loop instead: they take a few milliseconds of CPU and never wait
for a lock, and on a busy server handing them to threads costs more than the work (thread
hand-offs and contention for the interpreter lock roughly halved throughput in
benchmarks/web.py). Serve with `--workers N` to use N cores.
"""

from __future__ import annotations

import dataclasses
import hmac
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from staffpath.accounts import audit
from staffpath.accounts.auth import SessionLookup, lookup_session, settle_session
from staffpath.accounts.principal import Principal
from staffpath.accounts.settings import WebSettings, load_settings
from staffpath.assess.cache import AssessmentCache
from staffpath.errors import StaffpathError
from staffpath.framework.current import current_framework
from staffpath.framework.model import Framework
from staffpath.people.access import READS, Action, Subject, Target, can, load_principal
from staffpath.people.lookup import PersonCard, card_by_handle, is_their_entry
from staffpath.store.engine import Reader, Store, UnitOfWork
from staffpath.web.access import Rule, rule_of
from staffpath.web.edge import check_request
from staffpath.web.groupcommit import GroupCommit
from staffpath.web.ids import MAX_ID, RowId, is_row_id  # noqa: F401 (routes import them from here too)
from staffpath.web.rendered import RenderedBodies

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Each row of an overview says where a person's assessment puts them: a read of it, audited.
SUMMARY_READ = "read_assessment_summary"


class NotSignedIn(Exception):
    """No live session: pages send the browser to sign in, the API answers 401."""


class Hidden(Exception):
    """The caller may not see this, or it does not exist: both answer 404, alike."""


class CsrfRefused(Exception):
    """A write without the session's CSRF token."""


@dataclass
class WebState:
    """What every request shares: the store, templates and cookie settings."""

    store: Store
    workspace: Path
    secure_cookies: bool
    templates: Jinja2Templates
    # Assessments by their inputs (`assess.cache`): pages showing the same person's
    # assessment again, or a manager's whole team, assess only what changed.
    assessments: AssessmentCache = dataclasses.field(default_factory=AssessmentCache)
    # Rendered bodies of the assessment page, kept while their assessment is unchanged.
    bodies: RenderedBodies = dataclasses.field(default_factory=RenderedBodies)
    # Audit entries and session bookkeeping of concurrent requests, committed together.
    writes: GroupCommit = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        self.writes = GroupCommit(self.store)

    @property
    def session_cookie(self) -> str:
        # __Host- cookies are only accepted when Secure, host-only and for the whole site.
        return "__Host-staffpath" if self.secure_cookies else "staffpath_session"

    @property
    def login_cookie(self) -> str:
        return "__Host-staffpath-login" if self.secure_cookies else "staffpath_login"


@dataclass
class Ctx:
    """One request as the routes see it, after the guard let it through."""

    request: Request
    web: WebState
    rule: Rule
    actor: Principal | None
    csrf_token: str | None
    request_id: str
    route: str
    framework: Framework
    settings: WebSettings
    subject_id: int | None = None
    subject: PersonCard | None = None  # the person the URL names
    entry_id: int | None = None
    audit_target: tuple[str | None, int | None] = (None, None)
    audit_action: str | None = None
    refusal_audited: bool = False

    @property
    def assessments(self) -> AssessmentCache:
        return self.web.assessments

    @property
    def is_htmx(self) -> bool:
        return self.request.headers.get("hx-request") == "true"

    @property
    def is_self(self) -> bool:
        return self.actor is not None and self.subject_id is not None and (
            self.actor.person_id == self.subject_id)

    @property
    def actor_user_id(self) -> int | None:
        return self.actor.user_id if self.actor else None

    @property
    def viewer(self) -> Principal:
        """The caller as the services see them (nobody in particular before signing in); the
        services check them again, so a page never shows more than its rule allows."""
        return self.actor or Principal()

    @property
    def origin(self) -> audit.Origin:
        """This request, as the services that change something record it."""
        return audit.Origin(actor_user_id=self.actor_user_id, route=self.route,
                            request_id=self.request_id)

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A read-only snapshot: it neither waits for nor blocks writers."""
        with self.web.store.session(read_only=True) as session:
            yield session

    def target(self, target_type: str | None, target_id: int | None,
               action: str | None = None) -> None:
        """Name what a write touched, for its audit entry."""
        self.audit_target = (target_type, target_id)
        if action:
            self.audit_action = action

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A transaction for a service that records its own audit entry (from `origin`); a
        refused write is audited as such."""
        try:
            with self.web.store.session() as session:
                yield session
        except StaffpathError:
            self.audit_refusal()
            raise

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A transaction that is audited as it commits; a refused write is audited as such."""
        with self.transaction() as session:
            yield session
            audit.record(session, self.event(audit.OK))

    def event(self, outcome: str) -> audit.AuditEvent:
        target_type, target_id = self.audit_target
        return self.origin.event(self.audit_action or self.rule.audit_action, target_type,
                                 target_id, outcome=outcome)

    def audit_refusal(self) -> None:
        """Audit this request as refused, once however many paths report it."""
        if self.refusal_audited:
            return
        self.refusal_audited = True
        with self.web.store.session() as session:
            audit.record(session, self.event(audit.REFUSED))

    def audit_reads(self, session: UnitOfWork, action: str, target_type: str,
                    target_ids: Sequence[int]) -> None:
        """Audit reads of several people's data at once, an entry each."""
        event = dataclasses.replace(self.event(audit.OK), action=action,
                                    target_type=target_type)
        audit.record_many(session, [dataclasses.replace(event, target_id=i)
                                    for i in target_ids])

    async def audit_reads_committed(self, action: str, target_type: str,
                                    target_ids: Sequence[int]) -> None:
        """This request and its reads of several people's data, audited through the group
        commit (for pages that run on the event loop); returns once the entries are stored."""

        def write(session: UnitOfWork) -> None:
            audit.record_many(session, [self.event(audit.OK)])
            self.audit_reads(session, action, target_type, target_ids)

        await self.web.writes.write(write)

    def audit_summaries(self, person_ids: Sequence[int]) -> None:
        """This request and the assessment summaries it shows (an overview's rows), audited."""
        with self.write() as session:
            self.audit_reads(session, SUMMARY_READ, "person", person_ids)

    async def audit_summaries_committed(self, person_ids: Sequence[int]) -> None:
        """`audit_summaries` through the group commit, for pages on the event loop."""
        await self.audit_reads_committed(SUMMARY_READ, "person", person_ids)


def route_label(request: Request) -> str:
    route = request.scope.get("route")
    return f"{request.method} {getattr(route, 'path', request.url.path)}"


async def guard(request: Request) -> AsyncIterator[Ctx]:
    """Decide whether this request may run; refusals are audited and raised."""
    web: WebState = request.app.state.web
    rule = rule_of(request.scope.get("endpoint"))
    if rule is None:  # create_app refuses to start with such a route; this is a backstop
        raise Hidden()
    try:
        await check_request(request)  # NUL text and non-finite numbers: 422 before any lookup
        token = request.headers.get(CSRF_HEADER)
        if request.method not in SAFE_METHODS and token is None and request.headers.get(
                "content-type", "").startswith(FORM_TYPES):
            value = (await request.form()).get(CSRF_FIELD)
            token = value if isinstance(value, str) else None
        # Deciding is a handful of indexed reads that never wait for a lock (SQLite readers
        # see a snapshot): done here on the event loop, where handing it to a thread would
        # cost more than the work. The writes it may lead to (audit entries, session
        # bookkeeping) are committed with other requests' in the threadpool (groupcommit.py).
        decision = _decide(request, web, rule, token)
        if decision.needs_writing:
            await web.writes.write(decision.write)
        if decision.refusal is not None:
            raise decision.refusal
        request.state.ctx = decision.ctx  # for error pages, which show who is signed in
        yield decision.ctx
    finally:
        # A parsed form may hold uploaded files in temporary files; they end with the request.
        await request.close()


@dataclass
class Decision:
    """What the guard decided, and the bookkeeping it left to write."""

    ctx: Ctx
    refusal: Exception | None
    lookup: SessionLookup
    events: list[audit.AuditEvent]

    @property
    def needs_writing(self) -> bool:
        return bool(self.events) or self.lookup.dead_id is not None or (
            self.lookup.touch_id is not None)

    def write(self, session: UnitOfWork) -> None:
        settle_session(session, self.lookup)
        audit.record_many(session, self.events)


def caller_of(request: Request, web: WebState) -> tuple[Principal | None, str | None, str]:
    """Who is signed in (their principal, CSRF token and organisation name), for pages drawn
    outside a route's rule: a 404 for a path no route matches still shows their navigation.
    Reads only: the session is not touched."""
    with web.store.reading() as session:
        settings = load_settings(session)
        live = lookup_session(session, request.cookies.get(web.session_cookie),
                              settings=settings).live
        if live is None:
            return None, None, settings.org_name
        actor = load_principal(session, live.account, current_framework(session))
        return actor, live.csrf_token, settings.org_name


def _decide(request: Request, web: WebState, rule: Rule, token: str | None) -> Decision:
    # Deciding only reads; the few writes it leads to (session bookkeeping, audit entries)
    # go in one short transaction afterwards, so most requests never take SQLite's write lock.
    refusal: Exception | None = None
    events: list[audit.AuditEvent] = []
    with web.store.reading() as session:
        framework = current_framework(session)
        settings = load_settings(session)
        lookup = lookup_session(session, request.cookies.get(web.session_cookie),
                                settings=settings)
        live = lookup.live
        actor = load_principal(session, live.account, framework) if live else None
        ctx = Ctx(request=request, web=web, rule=rule, actor=actor,
                  csrf_token=live.csrf_token if live else None,
                  request_id=getattr(request.state, "request_id", ""),
                  route=route_label(request), framework=framework, settings=settings)
        if (rule.audit_action or "").startswith("download_") and \
                request.query_params.get("inline", "").lower() in ("1", "true"):
            # A file shown in the page's frame is viewed, not a copy taken away.
            ctx.audit_action = "view_" + (rule.audit_action or "").removeprefix("download_")
        if rule.kind != "public":
            target = _target(session, rule, request.path_params, ctx)
            assert rule.action is not None
            if actor is None:
                refusal = NotSignedIn()
            elif target is None or not can(actor, rule.action, target):
                refusal = Hidden()
            elif request.method not in SAFE_METHODS and not (
                    token and ctx.csrf_token and hmac.compare_digest(token, ctx.csrf_token)):
                refusal = CsrfRefused()
            if refusal is not None:
                events.append(ctx.event(audit.REFUSED))
            elif ctx.subject_id is not None and not ctx.is_self and rule.action in (
                    READS | {Action.EXPORT}):
                # Someone reading another person's journal, assessment or packet.
                events.append(ctx.event(audit.OK))
    return Decision(ctx=ctx, refusal=refusal, lookup=lookup, events=events)


def _target(session: Reader, rule: Rule, params: dict[str, Any], ctx: Ctx) -> Target | None:
    if rule.kind == "place":
        ctx.target(rule.place.value if rule.place else None, None)
        return rule.place
    card = card_by_handle(session, str(params.get("handle", "")))
    if card is None or rule.area is None:
        return None
    ctx.subject = card
    ctx.subject_id = card.id
    ctx.target("person", card.id)
    raw_entry = params.get("entry_id")
    if raw_entry is not None:
        digits = str(raw_entry)
        if not (is_row_id(digits) and is_their_entry(session, card.id, int(digits))):
            return None
        ctx.entry_id = int(digits)
        ctx.target("entry", ctx.entry_id)
    return Subject(person_id=card.id, candidate=card.target_level is not None, area=rule.area)
