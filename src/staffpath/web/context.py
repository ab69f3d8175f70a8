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
from typing import Annotated, Any

from fastapi import Path as PathParam
from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased, joinedload

from staffpath.accounts import audit
from staffpath.accounts.auth import SessionLookup, lookup_session, settle_session
from staffpath.accounts.principal import Principal
from staffpath.accounts.settings import WebSettings, load_settings
from staffpath.assess.cache import AssessmentCache
from staffpath.errors import NotFoundError, StaffpathError
from staffpath.framework.current import current_framework
from staffpath.framework.model import Framework
from staffpath.people.access import READS, Action, Subject, Target, can, load_principal
from staffpath.store.engine import Reader, Store
from staffpath.store.tables import Evidence, Person, Team
from staffpath.web.access import Rule, rule_of
from staffpath.web.groupcommit import GroupCommit
from staffpath.web.rendered import RenderedBodies

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_ID = 2**62
# An id in a URL: a positive integer the databases can hold (larger ones answer 422).
RowId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


# Statements every person page runs, built once.
_SUBJECT = (select(Person).options(joinedload(Person.team), joinedload(Person.manager))
            .where(Person.id == bindparam("id")))
_MANAGER = aliased(Person)
_BY_HANDLE = (
    select(Person.id, Person.name, Person.handle, Team.name, Person.role, Person.level,
           Person.target_level, _MANAGER.handle, Person.active)
    .outerjoin(Team, Team.id == Person.team_id)
    .outerjoin(_MANAGER, _MANAGER.id == Person.manager_id)
    .where(Person.handle == bindparam("handle")))
_ENTRY = select(Evidence.id, Evidence.person_id, Evidence.deleted_at).where(
    Evidence.id == bindparam("id"))


@dataclass(frozen=True)
class SubjectRow:
    """The person a URL names, as the guard read them: enough for pages that only show and
    assess them (`Ctx.person` loads the ORM object for anything more)."""

    id: int
    name: str
    handle: str
    team: str | None
    role: str
    level: str | None
    target_level: str | None
    manager: str | None
    active: bool

    def view(self) -> dict[str, Any]:
        """The same values as `views.render.person_view` gives for the ORM object."""
        return dataclasses.asdict(self)


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
    subject: SubjectRow | None = None
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
    def origin(self) -> audit.Origin:
        """This request, as the services that change something record it."""
        return audit.Origin(actor_user_id=self.actor_user_id, route=self.route,
                            request_id=self.request_id)

    @contextmanager
    def read(self) -> Iterator[Session]:
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
    def transaction(self) -> Iterator[Session]:
        """A transaction for a service that records its own audit entry (from `origin`); a
        refused write is audited as such."""
        try:
            with self.web.store.session() as session:
                yield session
        except StaffpathError:
            self.audit_refusal()
            raise

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that is audited as it commits; a refused write is audited as such."""
        with self.transaction() as session:
            yield session
            audit.record(session, self.event(audit.OK))

    def event(self, outcome: str) -> audit.AuditEvent:
        target_type, target_id = self.audit_target
        return audit.AuditEvent(
            action=self.audit_action or self.rule.audit_action, outcome=outcome,
            actor_user_id=self.actor_user_id, target_type=target_type, target_id=target_id,
            route=self.route, request_id=self.request_id)

    def audit_refusal(self) -> None:
        """Audit this request as refused, once however many paths report it."""
        if self.refusal_audited:
            return
        self.refusal_audited = True
        with self.web.store.session() as session:
            audit.record(session, self.event(audit.REFUSED))

    def audit_ok(self, session: Session, action: str | None = None,
                 target: tuple[str | None, int | None] | None = None) -> None:
        """Audit something that is not a write (an export, a list of others' assessments)."""
        event = self.event(audit.OK)
        if action:
            event = dataclasses.replace(event, action=action)
        if target:
            event = dataclasses.replace(event, target_type=target[0], target_id=target[1])
        audit.record(session, event)

    def audit_reads(self, session: Session, action: str, target_type: str,
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

        def write(session: Session) -> None:
            audit.record_many(session, [self.event(audit.OK)])
            self.audit_reads(session, action, target_type, target_ids)

        await self.web.writes.write(write)

    def person(self, session: Session) -> Person:
        """The person the URL names (the guard has already checked access to them)."""
        if self.subject_id is None:
            raise NotFoundError("no person in this request")
        person = session.scalars(_SUBJECT, {"id": self.subject_id}).unique().one_or_none()
        if person is None:
            raise NotFoundError("no such person")
        return person


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

    def write(self, session: Session) -> None:
        settle_session(session, self.lookup)
        audit.record_many(session, self.events)


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
    found = session.execute(_BY_HANDLE, {"handle": str(params.get("handle", ""))}).first()
    if found is None or rule.area is None:
        return None
    ctx.subject = SubjectRow(*found)
    person_id, target_level = ctx.subject.id, ctx.subject.target_level
    ctx.subject_id = person_id
    ctx.target("person", person_id)
    raw_entry = params.get("entry_id")
    if raw_entry is not None:
        digits = str(raw_entry)
        entry = session.execute(_ENTRY, {"id": int(digits)}).first() if (
            digits.isdigit() and 0 < int(digits) <= MAX_ID) else None
        if entry is None or entry.person_id != person_id or entry.deleted_at is not None:
            return None
        ctx.entry_id = entry.id
        ctx.target("entry", entry.id)
    return Subject(person_id=person_id, candidate=target_level is not None, area=rule.area)
