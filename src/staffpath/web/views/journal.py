"""The journal: entries listed, added, edited and deleted inline; brag docs imported; CSV."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from staffpath.errors import ConflictError, InputError, StaffpathError
from staffpath.ledger.endorsements import by_item, request_view
from staffpath.ledger.record import evidence_view
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
from staffpath.people.access import Action, Area
from staffpath.people.lookup import person_of, person_view
from staffpath.people.service import list_teams
from staffpath.privacy.personal_data import export_person_data
from staffpath.vocab import EvidenceKind, Scope
from staffpath.web.access import person, rule
from staffpath.web.context import Ctx, guard
from staffpath.web.downloads import download
from staffpath.web.errors import status_for
from staffpath.web.ids import RowId
from staffpath.web.schemas import EntryCreate, EntryUpdate, entry_input
from staffpath.web.views.forms import FormDep, form_version, parse_form
from staffpath.web.views.render import page, person_section, see_other

router = APIRouter(include_in_schema=False)
CtxDep = Annotated[Ctx, Depends(guard)]
MAX_UPLOAD = 1_000_000
SCOPES = [(s.name.lower(), s.label) for s in Scope]


def _options(ctx: Ctx) -> dict[str, Any]:
    return {"kinds": [(k.value, k.value.replace("_", " ")) for k in EvidenceKind],
            "scopes": SCOPES, "can_edit": ctx.is_self,
            "levels": {lv.id: lv.title for lv in ctx.framework.levels}}


def _base(ctx: Ctx, handle: str) -> str:
    return f"/people/{handle}/journal"


def journal_context(ctx: Ctx) -> dict[str, Any]:
    with ctx.read() as session:
        subject = person_of(session, ctx.subject)
        entries = [evidence_view(e) for e in list_evidence(session, person=subject)]
        notes = list_notes(session, subject)
        asked = {item: [request_view(e, with_item=False) for e in rows] for item, rows in
                 by_item(session, ctx.viewer, subject).items()}
        return {"subject": person_view(subject), "entries": entries, "notes": notes,
                "base": _base(ctx, subject.handle), "endorsements": asked,
                "can_ask": ctx.is_self or (ctx.actor is not None
                                           and subject.id in ctx.actor.chain),
                **_options(ctx)}


@router.get("/people/{handle}/journal", response_model=None)
@rule(person(Area.JOURNAL, Action.LIST))
def journal(ctx: CtxDep, handle: str) -> Response:
    return page(ctx, "journal.html", section=person_section(ctx, "journal"), report=None,
                editing=None,
                conflict=None, error=None, **journal_context(ctx))


@router.post("/people/{handle}/journal/entries", response_model=None)
@rule(person(Area.JOURNAL, Action.UPDATE, "create_entry"))
def create_entry(form: FormDep, ctx: CtxDep, handle: str) -> Response:
    try:
        data = parse_form(form, EntryCreate)
        with ctx.write() as session:
            ev = add_evidence(session, person_of(session, ctx.subject), entry_input(data))
            ctx.target("entry", ev.id)
            view = evidence_view(ev)
    except StaffpathError as exc:
        if not ctx.is_htmx:
            raise
        ctx.audit_refusal()
        return page(ctx, "_form_error.html", status=status_for(exc), error=str(exc),
                    headers={"HX-Retarget": "#add-entry-error", "HX-Reswap": "innerHTML"})
    if not ctx.is_htmx:
        return see_other(f"{_base(ctx, handle)}#entry-{view['id']}")
    return page(ctx, "_entry.html", entry=view, base=_base(ctx, handle), **_options(ctx),
                headers={"HX-Trigger": "entry-added"})


@router.get("/people/{handle}/journal/entries/{entry_id}", response_model=None)
@rule(person(Area.JOURNAL, Action.READ))
def show_entry(ctx: CtxDep, handle: str, entry_id: RowId) -> Response:
    if not ctx.is_htmx:
        return see_other(f"{_base(ctx, handle)}#entry-{entry_id}")
    with ctx.read() as session:
        view = evidence_view(get_evidence(session, entry_id))
    return page(ctx, "_entry.html", entry=view, base=_base(ctx, handle), **_options(ctx))


@router.get("/people/{handle}/journal/entries/{entry_id}/edit", response_model=None)
@rule(person(Area.JOURNAL, Action.UPDATE, "edit_entry_form"))
def edit_entry_form(ctx: CtxDep, handle: str, entry_id: RowId) -> Response:
    with ctx.read() as session:
        view = evidence_view(get_evidence(session, entry_id))
    if ctx.is_htmx:
        return page(ctx, "_entry_edit.html", entry=view, base=_base(ctx, handle),
                    conflict=None, error=None, attempted=None, **_options(ctx))
    context = journal_context(ctx)
    return page(ctx, "journal.html", section=person_section(ctx, "journal"), report=None,
                editing=entry_id,
                conflict=None, error=None, **context)


def _attempted(form: FormData) -> dict[str, str]:
    """What the person typed, shown back after a conflict so nothing they wrote is lost."""
    return {k: v for k in ("title", "body", "impact_text")
            if isinstance(v := form.get(k), str) and v}


@router.post("/people/{handle}/journal/entries/{entry_id}", response_model=None)
@rule(person(Area.JOURNAL, Action.UPDATE, "update_entry"))
def update_entry(form: FormDep, ctx: CtxDep, handle: str, entry_id: RowId) -> Response:
    try:
        version = form_version(form)
        if version is None:
            raise InputError("the form has no version; reload the page and edit again")
        changes = parse_form(form, EntryUpdate, blank_is_unset=False).model_dump(
            exclude_unset=True)
        with ctx.write() as session:
            ev = edit_evidence(session, entry_id, changes, expected_version=version)
            view = evidence_view(ev)
    except StaffpathError as exc:
        return _edit_failed(ctx, handle, entry_id, exc, form)
    if not ctx.is_htmx:
        return see_other(f"{_base(ctx, handle)}#entry-{entry_id}")
    return page(ctx, "_entry.html", entry=view, base=_base(ctx, handle), **_options(ctx))


def _edit_failed(ctx: Ctx, handle: str, entry_id: RowId, exc: StaffpathError,
                 form: FormData) -> Response:
    """Show the form again with the reason; on a conflict, with the entry as it now is."""
    ctx.audit_refusal()
    conflict = isinstance(exc, ConflictError)
    message = ("Someone changed this entry after you opened it, so your edit was not saved. "
               "Below is the entry as it is now; your text is kept underneath.") if conflict \
        else str(exc)
    with ctx.read() as session:
        view = evidence_view(get_evidence(session, entry_id))
    if not conflict:
        view.update({k: v for k, v in form.items() if k in view and isinstance(v, str)})
    status = status_for(exc)
    # Only what differs from the entry as it now is: that is the part that would be lost.
    attempted = {k: v for k, v in _attempted(form).items()
                 if v.strip() != str(view.get(k) or "").strip()} if conflict else None
    if ctx.is_htmx:
        return page(ctx, "_entry_edit.html", status=status, entry=view,
                    base=_base(ctx, handle), conflict=conflict, error=message,
                    attempted=attempted, **_options(ctx))
    context = journal_context(ctx)
    return page(ctx, "journal.html", status=status, section=person_section(ctx, "journal"),
                report=None,
                editing=entry_id, conflict=conflict, error=message,
                **{**context, "entries": [view if e["id"] == entry_id else e
                                          for e in context["entries"]]})


@router.post("/people/{handle}/journal/entries/{entry_id}/delete", response_model=None)
@rule(person(Area.JOURNAL, Action.DELETE, "delete_entry"))
def delete_entry(form: FormDep, ctx: CtxDep, handle: str, entry_id: RowId) -> Response:
    try:
        with ctx.write() as session:
            delete_evidence(session, entry_id, expected_version=form_version(form))
    except ConflictError as exc:
        if not ctx.is_htmx:
            raise
        ctx.audit_refusal()
        with ctx.read() as session:
            view = evidence_view(get_evidence(session, entry_id))
        return page(ctx, "_entry.html", status=409, entry=view, base=_base(ctx, handle),
                    notice=f"Not deleted: {exc}", **_options(ctx))
    if ctx.is_htmx:
        return Response(status_code=200)  # the swap removes the entry
    return see_other(_base(ctx, handle))


def _upload_text(form: FormData) -> tuple[str, str]:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        raw = upload.file.read(MAX_UPLOAD + 1)
        name = PurePath(upload.filename.replace("\\", "/")).name[:200] or "upload.md"
    else:
        text = form.get("text")
        raw = text.encode("utf-8") if isinstance(text, str) else b""
        name = "pasted.md"
    if not raw.strip():
        raise InputError("choose a brag document (a Markdown file) to import")
    if len(raw) > MAX_UPLOAD:
        raise InputError(f"the file is larger than {MAX_UPLOAD // 1000} kB")
    try:
        return raw.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text") from None


@router.post("/people/{handle}/journal/import", response_model=None)
@rule(person(Area.JOURNAL, Action.UPDATE, "import_brag_doc"))
def import_doc(form: FormDep, ctx: CtxDep, handle: str) -> Response:
    text, name = _upload_text(form)
    with ctx.write() as session:
        subject = person_of(session, ctx.subject)
        teams = [t.name for t in list_teams(session)]
        report = import_brag_text(session, subject, text, document=f"upload:{name}",
                                  framework=ctx.framework, team_names=teams)
    template = "_journal_body.html" if ctx.is_htmx else "journal.html"
    return page(ctx, template, section=person_section(ctx, "journal"), report=report, editing=None,
                conflict=None, error=None, **journal_context(ctx))


@router.get("/people/{handle}/journal/export.csv", response_model=None)
@rule(person(Area.JOURNAL, Action.EXPORT, "export_journal"))
def export_csv(ctx: CtxDep, handle: str) -> Response:
    with ctx.write() as session:  # a write only in that the export is audited
        items = list_evidence(session, person=person_of(session, ctx.subject))
        text = export_evidence(items, "csv")
    return download(text, "text/csv; charset=utf-8", f"journal-{handle}.csv")


@router.get("/people/{handle}/export.json", response_model=None)
@rule(person(Area.DATA, Action.EXPORT, "export_data"))
def export_json(ctx: CtxDep, handle: str) -> Response:
    with ctx.transaction() as session:
        data = export_person_data(session, person_of(session, ctx.subject), origin=ctx.origin)
    return download(json.dumps(data, indent=2, ensure_ascii=False, default=str),
                    "application/json", f"staffpath-{handle}.json")
