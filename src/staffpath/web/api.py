"""The JSON API for what the pages do: sign-in, journals, assessments, packets, overviews.

Same rules as the pages (the same guard runs). Writes need the session's CSRF token in the
X-CSRF-Token header; entry edits and deletions need the version they were based on in
If-Match (from the entry's ETag), and a stale one gets 409 instead of overwriting.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Request, Security
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyCookie, APIKeyHeader

from staffpath.accounts.ratelimit import LoginVerdict
from staffpath.assess.selfratings import save_self_ratings
from staffpath.assess.service import assess_person, assessment_to_dict, self_ratings
from staffpath.errors import InputError
from staffpath.ledger.record import evidence_to_dict
from staffpath.ledger.service import (
    add_evidence,
    delete_evidence,
    edit_evidence,
    export_evidence,
    get_evidence,
    import_brag_text,
    list_evidence,
    list_notes,
)
from staffpath.org.overview import committee_candidates, org_summary, team_overview
from staffpath.packet.files import MEDIA_TYPES, filename, packet_file
from staffpath.people.access import Action, Area, Place
from staffpath.people.lookup import person_of
from staffpath.people.service import list_teams, people_by_ids, person_to_dict
from staffpath.privacy.personal_data import export_person_data
from staffpath.web.access import PUBLIC, person, place, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.downloads import download
from staffpath.web.errors import error_response
from staffpath.web.ids import RowId
from staffpath.web.schemas import (
    BragDocument,
    EntryCreate,
    EntryUpdate,
    Login,
    SelfRatings,
    entry_input,
)
from staffpath.web.sessions import (
    clear_session_cookie,
    set_session_cookie,
    sign_in_request,
    sign_out_request,
)

# Declared for the OpenAPI document (clients and test tools learn how to authenticate);
# the guard, not these, decides every request.
SESSION_COOKIE = APIKeyCookie(
    name="staffpath_session", scheme_name="session", auto_error=False,
    description="The session cookie set by POST /api/session (named __Host-staffpath when "
                "the server marks cookies Secure).")
CSRF_HEADER = APIKeyHeader(
    name="X-CSRF-Token", scheme_name="csrf", auto_error=False,
    description="The csrf_token returned by POST /api/session and GET /api/me; required on "
                "every write.")
SECURITY = [Security(SESSION_COOKIE), Security(CSRF_HEADER)]
router = APIRouter(prefix="/api", dependencies=SECURITY)
CtxDep = Annotated[Ctx, Depends(guard)]
IfMatch = Annotated[str | None, Header(
    description='The entry version the change is based on, as in its ETag ("3").')]
Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"description": "Not found, or not yours to see"}}


def file_responses(*media_types: str) -> Responses:
    """A download's answer in the OpenAPI document: the file, in each type it may come as."""
    return {**NOT_FOUND, 200: {"description": "The file", "content": {
        m.split(";")[0]: {"schema": {} if m.endswith("json") else {"type": "string"}}
        for m in media_types}}}


WRITE_ERRORS: Responses = {
    **NOT_FOUND,
    403: {"description": "Missing or wrong X-CSRF-Token"},
    409: {"description": "The entry changed since that version"},
    422: {"description": "Invalid input, or a field that may not be set"},
    428: {"description": "If-Match header missing"},
}


def entry_response(entry: dict[str, Any], status: int = 200) -> JSONResponse:
    """An entry (`evidence_to_dict`), with its version as the ETag."""
    return JSONResponse(entry, status_code=status, headers={"ETag": f'"{entry["version"]}"'})


def expected_version(if_match: str | None) -> int:
    """The version named in If-Match; without one a write could silently overwrite."""
    if if_match is None:
        raise PreconditionRequired()
    found = re.fullmatch(r'\s*(?:W/)?"?(\d+)"?\s*', if_match)
    if found is None:
        raise InputError('If-Match must name the entry version, e.g. "3"')
    return int(found.group(1))


class PreconditionRequired(InputError):
    def __init__(self) -> None:
        super().__init__('send the entry version in If-Match (from its ETag), e.g. If-Match: "3"')


# --- session -----------------------------------------------------------------------------


@router.post("/session", responses={401: {"description": "Wrong login or password"},
                                    429: {"description": "Too many failed attempts"}})
@rule(PUBLIC)
def sign_in(request: Request, ctx: CtxDep, body: Login) -> Response:
    """Sign in; the session cookie is set and the CSRF token for writes returned."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        # A cross-site form cannot send JSON, so this also keeps sign-in from being forged.
        return error_response(request, 415, "send the credentials as application/json")
    outcome = sign_in_request(ctx, body.login, body.password)
    if outcome.verdict in (LoginVerdict.ACCOUNT_LOCKED, LoginVerdict.ADDRESS_LOCKED):
        return error_response(request, 429, "too many failed sign-ins; try again later")
    if not outcome.token:
        return error_response(request, 401, "that login and password do not match an "
                                            "active account")
    response = JSONResponse({"user_id": outcome.user_id, "login": outcome.login,
                             "csrf_token": outcome.csrf_token})
    set_session_cookie(response, ctx.web, outcome.token)
    return response


@router.delete("/session", status_code=204, responses=WRITE_ERRORS)
@rule(place(Place.ACCOUNT, Action.UPDATE, "logout"))
def sign_out(ctx: CtxDep) -> Response:
    """End this session."""
    sign_out_request(ctx)
    response = Response(status_code=204)
    clear_session_cookie(response, ctx.web)
    return response


@router.get("/me")
@rule(place(Place.ACCOUNT, Action.READ))
def me(ctx: CtxDep) -> dict[str, Any]:
    """Who is signed in, what they may see, and the CSRF token for writes."""
    actor = ctx.actor
    assert actor is not None
    return {"user_id": actor.user_id, "login": actor.login, "person": actor.handle,
            "name": actor.name, "is_admin": actor.is_admin, "is_committee": actor.is_committee,
            "is_manager": actor.is_manager, "is_leader": actor.is_leader,
            "csrf_token": ctx.csrf_token}


@router.get("/people")
@rule(place(Place.ACCOUNT, Action.LIST, "list_people"))
def people(ctx: CtxDep) -> list[dict[str, Any]]:
    """The caller and the people whose data they may read (reports and their reports)."""
    actor = ctx.actor
    assert actor is not None
    ids = set(actor.chain) | ({actor.person_id} if actor.person_id else set())
    with ctx.read() as session:
        return [person_to_dict(p) for p in people_by_ids(session, ids)]


# --- one person's data -------------------------------------------------------------------


@router.get("/people/{handle}", responses=NOT_FOUND)
@rule(person(Area.JOURNAL, Action.READ, "read_person"))
def person_detail(ctx: CtxDep, handle: str) -> dict[str, Any]:
    with ctx.read() as session:
        return person_to_dict(person_of(session, ctx.subject))


@router.get("/people/{handle}/entries", responses=NOT_FOUND)
@rule(person(Area.JOURNAL, Action.LIST))
def entries(ctx: CtxDep, handle: str) -> list[dict[str, Any]]:
    with ctx.read() as session:
        subject = person_of(session, ctx.subject)
        return [evidence_to_dict(e) for e in list_evidence(session, person=subject)]


@router.post("/people/{handle}/entries", status_code=201, responses=WRITE_ERRORS)
@rule(person(Area.JOURNAL, Action.UPDATE, "create_entry"))
def create_entry(ctx: CtxDep, handle: str, body: EntryCreate) -> Response:
    with ctx.write() as session:
        ev = add_evidence(session, person_of(session, ctx.subject), entry_input(body))
        ctx.target("entry", ev.id)
        # The answer is built before the transaction commits: if it cannot be, nothing is
        # saved and a retrying client makes no duplicate.
        response = entry_response(evidence_to_dict(ev), 201)
    return response


@router.get("/people/{handle}/entries/{entry_id}", responses=NOT_FOUND)
@rule(person(Area.JOURNAL, Action.READ))
def entry(ctx: CtxDep, handle: str, entry_id: RowId) -> Response:
    with ctx.read() as session:
        return entry_response(evidence_to_dict(get_evidence(session, entry_id)))


@router.patch("/people/{handle}/entries/{entry_id}", responses=WRITE_ERRORS)
@rule(person(Area.JOURNAL, Action.UPDATE, "update_entry"))
def update_entry(ctx: CtxDep, handle: str, entry_id: RowId, body: EntryUpdate,
                 if_match: IfMatch = None) -> Response:
    """Change the fields sent; If-Match must carry the version the change is based on."""
    version = expected_version(if_match)
    with ctx.write() as session:
        ev = edit_evidence(session, entry_id, body.model_dump(exclude_unset=True),
                           expected_version=version)
        response = entry_response(evidence_to_dict(ev))
    return response


@router.delete("/people/{handle}/entries/{entry_id}", status_code=204, responses=WRITE_ERRORS)
@rule(person(Area.JOURNAL, Action.DELETE, "delete_entry"))
def remove_entry(ctx: CtxDep, handle: str, entry_id: RowId, if_match: IfMatch = None) -> Response:
    version = expected_version(if_match)
    with ctx.write() as session:
        delete_evidence(session, entry_id, expected_version=version)
    return Response(status_code=204)


@router.get("/people/{handle}/notes", responses=NOT_FOUND)
@rule(person(Area.JOURNAL, Action.LIST, "list_notes"))
def notes(ctx: CtxDep, handle: str) -> list[dict[str, Any]]:
    """Goals, things to learn and open tasks from imported brag documents."""
    with ctx.read() as session:
        return [{"id": n.id, "category": n.category, "section": n.section, "text": n.text,
                 "source": n.source_ref, "line": n.source_line}
                for n in list_notes(session, person_of(session, ctx.subject))]


@router.post("/people/{handle}/brag-docs", responses=WRITE_ERRORS)
@rule(person(Area.JOURNAL, Action.UPDATE, "import_brag_doc"))
def import_brag(ctx: CtxDep, handle: str, body: BragDocument) -> dict[str, Any]:
    """Import a brag document; importing the same name again updates rather than adds."""
    with ctx.write() as session:
        teams = [t.name for t in list_teams(session)]
        report = import_brag_text(session, person_of(session, ctx.subject), body.text,
                                  document=f"upload:{body.name}", framework=ctx.framework,
                                  team_names=teams)
    return report.as_dict()


@router.get("/people/{handle}/journal/export",
            responses=file_responses("text/csv", "application/json"))
@rule(person(Area.JOURNAL, Action.EXPORT, "export_journal"))
def export_journal(ctx: CtxDep, handle: str, format: Literal["csv", "json"] = "csv"
                   ) -> Response:
    """The journal as CSV (formula-like cells neutralised) or JSON."""
    with ctx.write() as session:
        subject = person_of(session, ctx.subject)
        text = export_evidence(list_evidence(session, person=subject), format)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    return download(text, media, f"journal-{handle}.{format}")


@router.get("/people/{handle}/assessment", responses=NOT_FOUND)
@rule(person(Area.ASSESSMENT, Action.READ))
async def assessment(ctx: CtxDep, handle: str) -> dict[str, Any]:
    # Reads only, in a few milliseconds: on the event loop (see context.py).
    with ctx.read() as session:
        subject = person_of(session, ctx.subject)
        data = assessment_to_dict(subject, assess_person(
            session, subject, ctx.framework, cache=ctx.assessments))
        data["self_ratings"] = self_ratings(session, subject)
        return data


@router.put("/people/{handle}/self-ratings", responses=WRITE_ERRORS)
@rule(person(Area.ASSESSMENT, Action.UPDATE, "set_self_ratings"))
def put_self_ratings(ctx: CtxDep, handle: str, body: SelfRatings) -> dict[str, str]:
    with ctx.write() as session:
        subject = person_of(session, ctx.subject)
        return save_self_ratings(session, subject, ctx.framework, body.ratings)


@router.get("/people/{handle}/packet",
            responses=file_responses(*sorted(set(MEDIA_TYPES.values()))))
@rule(person(Area.PACKET, Action.READ, "download_packet"))
def packet(ctx: CtxDep, handle: str, format: Literal["md", "html", "pdf"] = "md"
           ) -> Response:
    """The promotion packet as Markdown, HTML or PDF."""
    with ctx.read() as session:
        subject = person_of(session, ctx.subject)
        body = packet_file(session, subject, ctx.framework, format,
                           cache=ctx.assessments)
        name = filename(subject, format)
    return download(body, MEDIA_TYPES[format], name)


@router.get("/people/{handle}/export", responses=NOT_FOUND)
@rule(person(Area.DATA, Action.EXPORT, "export_data"))
def export_data(ctx: CtxDep, handle: str) -> dict[str, Any]:
    """Everything staffpath holds about you (your own data only)."""
    with ctx.transaction() as session:
        return export_person_data(session, person_of(session, ctx.subject), origin=ctx.origin)


# --- across people -----------------------------------------------------------------------


@router.get("/team")
@rule(place(Place.TEAM, Action.LIST))
async def team(ctx: CtxDep) -> list[dict[str, Any]]:
    """Your reports and their reports, with where the evidence puts each of them."""
    actor = ctx.actor
    assert actor is not None
    with ctx.read() as session:  # reads on the event loop, the audit write in a thread
        rows = team_overview(session, actor.chain, actor.reports, ctx.framework,
                             cache=ctx.assessments)
    await ctx.audit_summaries_committed([r.id for r in rows])
    return [r.as_dict() for r in rows]


@router.get("/committee")
@rule(place(Place.COMMITTEE, Action.LIST))
def committee(ctx: CtxDep) -> list[dict[str, Any]]:
    """Promotion candidates (people with a target level)."""
    with ctx.read() as session:
        rows = committee_candidates(session, ctx.framework, cache=ctx.assessments)
    ctx.audit_summaries([r.id for r in rows])
    return [r.as_dict() for r in rows]


@router.get("/org")
@rule(place(Place.ORG, Action.READ))
def org(ctx: CtxDep) -> dict[str, Any]:
    """Level mix, the staff bench and key people in mined repositories."""
    with ctx.read() as session:
        return org_summary(session, ctx.framework).as_dict()

