"""The evidence ledger: add, edit with history, delete, list, import brag docs, export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from staffpath.errors import ConflictError, InputError, NotFoundError
from staffpath.framework.model import Framework
from staffpath.ledger.cells import spreadsheet_safe
from staffpath.ledger.extract.units import Unit
from staffpath.ledger.facts import extract_facts
from staffpath.ledger.matching import StoredRef, entry_text, match_entries
from staffpath.ledger.record import (
    EDITABLE_FIELDS,
    EvidenceInput,
    evidence_to_dict,
    snapshot,
)
from staffpath.store.tables import (
    Evidence,
    EvidenceRevision,
    JournalNote,
    Person,
    Team,
    utcnow,
)
from staffpath.vocab import EvidenceKind, Scope

if TYPE_CHECKING:  # the brag-document reader loads on import, not for mined evidence
    from staffpath.ledger.bragdoc.document import ParsedEntry


def validation_message(exc: ValidationError) -> str:
    """One line from a pydantic error: the first field at fault and why."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def team_names(session: Session) -> list[str]:
    """The roster's team names, for finding teams named in prose."""
    return list(session.scalars(select(Team.name).order_by(Team.name)))


def _record(session: Session, ev: Evidence, change: str) -> None:
    session.add(EvidenceRevision(
        evidence_id=ev.id, version=ev.version, change=change, snapshot=snapshot(ev)))


def add_evidence(session: Session, person: Person, data: EvidenceInput) -> Evidence:
    """Store a new piece of evidence for a person, with what its text says extracted."""
    return add_evidence_many(session, [(person, data)])[0]


def add_evidence_many(session: Session, items: Sequence[tuple[Person, EvidenceInput]]
                      ) -> list[Evidence]:
    """Store many new pieces of evidence with one flush (a first mining run writes hundreds)."""
    teams: list[str] | None = None
    made = []
    for person, data in items:
        values = data.model_dump()
        values["scope"] = int(data.scope) if data.scope is not None else None
        values["role"] = int(data.role) if data.role is not None else None
        if "extracted" not in values["extra"]:
            teams = team_names(session) if teams is None else teams
            values["extra"] = {**values["extra"], "extracted": extract_facts(
                data.title, data.body, teams, data.tags).as_dict()}
        ev = Evidence(person_id=person.id, **values)
        ev.person = person
        made.append(ev)
    session.add_all(made)
    session.flush()
    for ev in made:
        _record(session, ev, "created")
    return made


def get_evidence(session: Session, evidence_id: int, *, include_deleted: bool = False) -> Evidence:
    ev = session.scalar(
        select(Evidence).options(selectinload(Evidence.person)).where(Evidence.id == evidence_id)
    )
    if ev is None or (ev.deleted_at is not None and not include_deleted):
        raise NotFoundError(f"no evidence with id {evidence_id}")
    return ev


def list_evidence(
    session: Session,
    *,
    person: Person | None = None,
    kind: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    dimension: str | None = None,
    include_deleted: bool = False,
) -> list[Evidence]:
    query = select(Evidence).options(selectinload(Evidence.person))
    if person is not None:
        query = query.where(Evidence.person_id == person.id)
    if kind:
        query = query.where(Evidence.kind == kind)
    if since:
        query = query.where(Evidence.date_start >= since)
    if until:
        query = query.where(Evidence.date_start <= until)
    if not include_deleted:
        query = query.where(Evidence.deleted_at.is_(None))
    query = query.order_by(Evidence.date_start.desc().nulls_last(), Evidence.id)
    items = list(session.scalars(query))
    if dimension:
        items = [e for e in items if dimension in e.dimensions]
    return items


def _remit(extra: Mapping[str, Any]) -> tuple[Scope, str] | None:
    """The document remit an imported item was read with (see `extract.remit`), if any."""
    found = extra.get("remit")
    if isinstance(found, list) and len(found) == 2 and str(found[0]).upper() in Scope.__members__:
        return Scope[str(found[0]).upper()], str(found[1])
    return None


def _units(extra: Mapping[str, Any]) -> tuple[Unit, ...]:
    """The sized units of the document an imported item was read with (see `extract.units`)."""
    found = extra.get("units")
    if not isinstance(found, list):
        return ()
    return tuple(Unit(str(u[0]), Scope[str(u[1]).upper()], str(u[2])) for u in found
                 if isinstance(u, list) and len(u) == 3
                 and str(u[1]).upper() in Scope.__members__)


def _check_version(ev: Evidence, expected: int | None) -> None:
    if expected is not None and ev.version != expected:
        raise ConflictError(
            f"evidence {ev.id} changed since you read it (you have version {expected}, "
            f"it is now at {ev.version}); reload and apply your change again"
        )


def edit_evidence(
    session: Session,
    evidence_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    change: str = "edited",
) -> Evidence:
    """Apply changes to editable fields, keeping the previous state in the item's history."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise InputError(
            f"cannot set {', '.join(unknown)} (editable: {', '.join(EDITABLE_FIELDS)})")
    ev = get_evidence(session, evidence_id)
    _check_version(ev, expected_version)
    current = {name: getattr(ev, name) for name in EDITABLE_FIELDS}
    try:
        merged = EvidenceInput.model_validate({**current, **changes})
    except ValidationError as exc:
        raise InputError(validation_message(exc)) from None
    new = merged.model_dump(include=set(EDITABLE_FIELDS))
    new["scope"] = int(merged.scope) if merged.scope is not None else None
    new["role"] = int(merged.role) if merged.role is not None else None
    if all(new[k] == current[k] for k in EDITABLE_FIELDS):
        return ev
    extra = ev.extra
    if any(new[k] != current[k] for k in ("title", "body", "tags")):
        # Query before changing the item: a query would autoflush half an edit.
        extra = {**extra, "extracted": extract_facts(
            new["title"], new["body"], team_names(session), new["tags"],
            headings=extra.get("section") or (), remit=_remit(extra),
            shape_cues=[str(c) for c in extra.get("shape_cues") or ()], units=_units(extra),
            subject=[str(w) for w in extra.get("subject") or ()]).as_dict()}
    for key, value in new.items():
        setattr(ev, key, value)
    ev.extra = extra
    ev.updated_at = utcnow()
    try:
        session.flush()
    except StaleDataError:
        # The failed flush rolled the transaction back and expired `ev`: even ev.id would
        # need a query now, so the message uses the id we were given.
        raise ConflictError(
            f"evidence {evidence_id} was changed by someone else; reload") from None
    _record(session, ev, change)
    return ev


def delete_evidence(
    session: Session, evidence_id: int, *, expected_version: int | None = None
) -> Evidence:
    """Mark an item deleted; it leaves lists and assessments but its history stays."""
    ev = get_evidence(session, evidence_id)
    _check_version(ev, expected_version)
    ev.deleted_at = utcnow()
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(
            f"evidence {evidence_id} was changed by someone else; reload") from None
    _record(session, ev, "deleted")
    return ev


def evidence_history(session: Session, evidence_id: int) -> list[EvidenceRevision]:
    get_evidence(session, evidence_id, include_deleted=True)
    return list(session.scalars(
        select(EvidenceRevision).where(EvidenceRevision.evidence_id == evidence_id)
        .order_by(EvidenceRevision.id)))


# --- brag documents ---------------------------------------------------------------------


@dataclass
class BragImportReport:
    document: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0
    notes: int = 0
    warnings: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.document, "added": self.added, "updated": self.updated,
            "unchanged": self.unchanged, "missing": self.missing, "notes": self.notes,
            "warnings": self.warnings, "ids": self.ids,
        }


TRAILING_TAGS = re.compile(r"(?:\s+#[\w-]+)+\s*$")


# What an item's document says around it rather than in it: kept in `extra`, and followed on a
# re-import even when the item itself is unchanged.
CONTEXT_KEYS = ("org_size", "dated_by")


def document_context(entry: ParsedEntry) -> dict[str, Any]:
    """The organisation's size the document states, and "period" when the item is dated only
    by the period it is filed under (see `ParsedEntry.filed`)."""
    return {**({"org_size": entry.org_size.as_dict()} if entry.org_size else {}),
            **({"dated_by": "period"} if entry.filed else {})}


def entry_to_input(
    entry: ParsedEntry, *, document: str, framework: Framework, team_names: Sequence[str] = ()
) -> EvidenceInput:
    """Turn one parsed brag-doc item into an evidence record, keeping where it came from.

    Reach, role and teams found in the text go to `extra.extracted`, not to the item's own
    fields: those hold the person's corrections, which win over extraction.
    """
    dimensions: list[str] = []
    for tag in entry.tags:
        dim = framework.dimension_for_tag(tag)
        if dim is not None and dim.id not in dimensions:
            dimensions.append(dim.id)
    money = next((i for i in entry.impacts if i.money is not None), None)
    metric = next((i for i in entry.impacts if i.metric_value is not None), None)
    impact_text = "; ".join(i.text for i in entry.impacts) or None
    # Tags stay in `tags`; a run of them closing the line is noise in a packet's headings.
    title = TRAILING_TAGS.sub("", entry.title).strip() or entry.title
    body = "\n".join(entry.details)
    # The document's remit frames the author's own work, not what they learned or were told.
    own = entry.kind not in (EvidenceKind.LEARNING, EvidenceKind.FEEDBACK)
    remit = entry.remit if own else None
    shape = entry.shape_cues if own else ()
    units = entry.units if own else ()
    return EvidenceInput(
        title=title[:2000],
        body=body,
        date_start=entry.date.start if entry.date else None,
        date_end=entry.date.end if entry.date else None,
        kind=entry.kind,
        project=entry.project,
        people=list(entry.mentions),
        impact_money=money.money if money else None,
        impact_currency=money.currency if money else None,
        impact_period=money.period if money else None,
        impact_metric=metric.metric_value if metric else None,
        impact_unit=metric.metric_unit if metric else None,
        impact_text=impact_text,
        dimensions=dimensions,
        tags=list(entry.tags),
        source_type="file",
        source_ref=document,
        source_line=entry.line,
        source_key=entry.key,
        extra={
            "section": list(entry.section),
            "source_text": entry_text(entry),
            "extracted": extract_facts(title, body, team_names, entry.tags,
                                       headings=entry.section, remit=remit,
                                       shape_cues=shape, subject=entry.subject,
                                       units=units).as_dict(),
            **({"subject": list(entry.subject)} if entry.subject else {}),
            **document_context(entry),
            **({"remit": [remit[0].name.lower(), remit[1]]} if remit else {}),
            **({"shape_cues": list(shape)} if shape else {}),
            **({"units": [[u.name, u.reach.name.lower(), u.words] for u in units]}
               if units else {}),
        },
    )


def import_brag_doc(
    session: Session,
    person: Person,
    path: Path,
    *,
    framework: Framework,
    document: str | None = None,
    today: dt.date | None = None,
    team_names: Sequence[str] = (),
) -> BragImportReport:
    """Import a Markdown brag document; re-importing adds nothing, an edited line updates."""
    from staffpath.ledger.bragdoc.document import read_brag_file

    text = read_brag_file(path)
    return import_brag_text(session, person, text, document=document or str(path.resolve()),
                            framework=framework, today=today, team_names=team_names)


def import_brag_text(
    session: Session,
    person: Person,
    text: str,
    *,
    document: str,
    framework: Framework,
    today: dt.date | None = None,
    team_names: Sequence[str] = (),
) -> BragImportReport:
    from staffpath.ledger.bragdoc.parser import parse_brag_doc

    doc = parse_brag_doc(text, source=document, today=today)
    report = BragImportReport(document=document, warnings=list(doc.warnings))
    # Deleted items take part in matching so that re-importing does not bring them back.
    stored = list(session.scalars(select(Evidence).where(
        Evidence.person_id == person.id, Evidence.source_type == "file",
        Evidence.source_ref == document)))
    refs = [StoredRef(id=e.id, key=e.source_key or "", section=tuple(e.extra.get("section", [])),
                      line=e.source_line or 0, text=str(e.extra.get("source_text", e.title)))
            for e in stored]
    result = match_entries(refs, doc.entries)
    by_id = {e.id: e for e in stored}
    for stored_id, entry in result.unchanged:
        # The item is as it was, but what the document says around it (the organisation's
        # size, the period it is filed under) may have changed.
        ev = by_id[stored_id]
        context = document_context(entry)
        if {k: ev.extra.get(k) for k in CONTEXT_KEYS} != {k: context.get(k)
                                                         for k in CONTEXT_KEYS}:
            ev.extra = {**{k: v for k, v in ev.extra.items() if k not in CONTEXT_KEYS},
                        **context}
        report.unchanged += 1
        report.ids.append(stored_id)
    for stored_id, entry in result.updated:
        data = entry_to_input(entry, document=document, framework=framework,
                              team_names=team_names)
        ev = by_id[stored_id]
        changes = data.model_dump(include=set(EDITABLE_FIELDS))
        ev.source_line, ev.source_key, ev.extra = data.source_line, data.source_key, data.extra
        if ev.deleted_at is None:
            # Keep the person's corrections: only what the document itself says is refreshed.
            for key in ("scope", "role", "teams", "stakeholders", "attested_by"):
                changes.pop(key, None)
            edit_evidence(session, ev.id, changes, change="reimported")
        report.updated += 1
        report.ids.append(stored_id)
    for entry in result.added:
        ev = add_evidence(session, person, entry_to_input(
            entry, document=document, framework=framework, team_names=team_names))
        report.added += 1
        report.ids.append(ev.id)
    report.missing = len(result.missing)
    for old in session.scalars(select(JournalNote).where(
            JournalNote.person_id == person.id, JournalNote.source_ref == document)):
        session.delete(old)
    for note in doc.notes:
        session.add(JournalNote(
            person_id=person.id, category=note.category, section=" / ".join(note.section),
            text=note.text, source_ref=document, source_line=note.line, source_key=note.key))
    report.notes = len(doc.notes)
    session.flush()
    return report


def list_notes(session: Session, person: Person) -> list[JournalNote]:
    return list(session.scalars(select(JournalNote).where(JournalNote.person_id == person.id)
                                .order_by(JournalNote.source_ref, JournalNote.source_line)))


# --- export ------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "person", "date_start", "date_end", "title", "body", "kind", "project", "teams",
    "stakeholders", "people", "scope", "impact_money", "impact_currency", "impact_period",
    "impact_metric", "impact_unit", "impact_text", "dimensions", "tags", "source_type",
    "source_ref", "source_line", "version",
)


def export_evidence(items: Sequence[Evidence], fmt: str) -> str:
    """Evidence as JSON (a list of records) or CSV that is safe to open in a spreadsheet."""
    rows = [evidence_to_dict(e) for e in items]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt != "csv":
        raise InputError(f"unknown export format {fmt!r}; use json or csv")
    out = io.StringIO()
    # RFC 4180 line ends: with them, a cell holding a carriage return is quoted, not split.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        flat = {**row, **{f"impact_{k}": v for k, v in row["impact"].items()},
                "source_type": row["provenance"]["type"], "source_ref": row["provenance"]["ref"],
                "source_line": row["provenance"]["line"]}
        cells = []
        for col in CSV_COLUMNS:
            value = flat.get(col)
            if isinstance(value, list):
                value = "; ".join(value)
            cells.append(spreadsheet_safe("" if value is None else str(value)))
        writer.writerow(cells)
    return out.getvalue()
