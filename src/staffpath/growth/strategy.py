"""Strategy synthesis: for an area (a repository, a team, an org unit or a tag), the last N
design documents and decision records — mined from history and recorded in the ledger — and
what they share. Terms and phrases come from TF-IDF (scikit-learn); documents are clustered by
them, and a theme is a cluster of at least two documents with the phrases they share. Every
theme cites only documents of the set. The output is a Markdown draft the staff engineer edits;
adopting it records a strategy evidence item whose provenance lists its sources."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from staffpath.accounts.audit import Origin, record_change
from staffpath.accounts.principal import Principal
from staffpath.errors import InputError, NotFoundError
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence
from staffpath.mining.git import BlobReader, read_text
from staffpath.store.tables import Evidence, Person
from staffpath.vocab import EvidenceKind, Scope

DOC_KINDS = (EvidenceKind.DESIGN_DOC.value, EvidenceKind.DECISION_RECORD.value)
MINED = frozenset({"git", "commit", "review"})
MIN_DOCS = 3
MIN_BACKING = 2
TERMS_PER_THEME = 6
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A paragraph ends at a blank line; a list item, quote or table row starts a new one. Lines
# inside a paragraph are one text: decision records are usually wrapped at 72-80 columns.
_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+>|]|\d+[.)])\s)")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|resp)\.$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|www\.\S+")
_DECISION = re.compile(r"\b(we (?:will|decided|chose|choose|picked|adopt)|decision:|"
                       r"we are going to|is accepted)\b", re.IGNORECASE)
_TRADEOFF = re.compile(r"\b(trade-?off|instead of|at the cost of|rejected|downside)\b",
                       re.IGNORECASE)
_QUESTION_HEAD = re.compile(r"^#+\s*(open questions?|unresolved|questions)\s*$",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Doc:
    key: str  # "D1", ...
    evidence_id: int
    title: str
    date: dt.date | None
    source: str  # repository path@commit, or the ledger item
    author: str
    text: str


@dataclass(frozen=True)
class Theme:
    title: str
    terms: tuple[str, ...]
    docs: tuple[str, ...]  # Doc keys, at least two
    quotes: tuple[tuple[str, str], ...]  # (doc key, sentence)


@dataclass(frozen=True)
class Synthesis:
    area: str
    docs: tuple[Doc, ...]
    themes: tuple[Theme, ...]
    decisions: tuple[tuple[str, str], ...]
    tradeoffs: tuple[tuple[str, str], ...]
    questions: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"area": self.area,
                "documents": [{"key": d.key, "evidence_id": d.evidence_id, "title": d.title,
                               "date": d.date.isoformat() if d.date else None,
                               "source": d.source, "author": d.author} for d in self.docs],
                "themes": [{"title": t.title, "terms": list(t.terms), "documents": list(t.docs),
                            "quotes": [{"document": k, "text": q} for k, q in t.quotes]}
                           for t in self.themes],
                "decisions": [{"document": k, "text": q} for k, q in self.decisions],
                "tradeoffs": [{"document": k, "text": q} for k, q in self.tradeoffs],
                "open_questions": [{"document": k, "text": q} for k, q in self.questions],
                "notes": list(self.notes)}


@dataclass(frozen=True)
class Area:
    """Which documents count: any of repository name, team, org unit, tag (None: any)."""

    repository: str | None = None
    team: str | None = None
    org_unit: str | None = None
    tag: str | None = None

    def label(self) -> str:
        parts = [f"{k} {v}" for k, v in (("repository", self.repository), ("team", self.team),
                                          ("org unit", self.org_unit), ("tag", self.tag)) if v]
        return ", ".join(parts) or "the organisation"

    def admits(self, e: Evidence) -> bool:
        person = e.person
        team = person.team
        where = str((e.extra or {}).get("repository") or "")
        return ((self.repository is None or self.repository in (where, Path(where).name))
                and (self.team is None or self.team in e.teams
                     or (team is not None and team.name == self.team))
                and (self.org_unit is None or (team is not None
                                               and team.org_unit == self.org_unit))
                and (self.tag is None or self.tag.lstrip("#").lower() in
                     [t.lower() for t in e.tags]))


class _Readers:
    """Blob readers for the mined repositories, opened as documents need them: the ones named
    (when any are), else wherever mining found each repository."""

    def __init__(self, repos: Sequence[Path]):
        self.allowed = {str(p.resolve()) for p in repos}
        self.open: dict[str, BlobReader] = {}

    def text(self, e: Evidence) -> str | None:
        extra = e.extra or {}
        if e.source_type not in MINED:
            return f"{e.title}\n\n{e.body}" if e.body.strip() else None
        where = str(extra.get("repository") or "")
        if not where or not extra.get("commit") or not extra.get("path") or not Path(
                where).is_dir() or (self.allowed and str(Path(where).resolve()) not in
                                    self.allowed):
            return None
        if where not in self.open:
            self.open[where] = BlobReader(Path(where))
        return read_text(self.open[where], str(extra["commit"]), str(extra["path"]))

    def close(self) -> None:
        for r in self.open.values():
            r.close()


def gather(session: Session, area: Area, repos: Sequence[Path], last: int) -> list[Doc]:
    """The newest `last` documents in the area whose text can be read."""
    readers = _Readers(repos)
    try:
        rows = session.scalars(select(Evidence).options(
            selectinload(Evidence.person).selectinload(Person.team)).where(
            Evidence.kind.in_(DOC_KINDS), Evidence.deleted_at.is_(None))
            .order_by(Evidence.date_start.desc(), Evidence.id.desc()))
        docs: list[Doc] = []
        for e in rows:
            if len(docs) >= last or not area.admits(e):
                continue
            text = readers.text(e)
            if not text or not text.strip():
                continue
            extra = e.extra or {}
            source = (f"{Path(str(extra.get('repository'))).name}:{extra.get('path')}@"
                      f"{str(extra.get('commit'))[:12]}" if e.source_type in MINED
                      else f"ledger E{e.id}")
            docs.append(Doc(f"D{len(docs) + 1}", e.id, e.title, e.date_start, source,
                            e.person.handle, text))
        return docs
    finally:
        readers.close()


def _sentences(text: str) -> list[str]:
    """The prose of a document, sentence by sentence (headings and front matter left out),
    a wrapped paragraph read as one text."""
    prose = "\n".join(ln for ln in text.splitlines()
                      if not ln.lstrip().startswith(("#", "---", "title:")))
    out = []
    for para in _BREAK.split(prose):
        joined = " ".join(ln.strip() for ln in para.splitlines() if ln.strip())
        pieces: list[str] = []
        for piece in _SENTENCE.split(joined):
            if pieces and _ABBREVIATION.search(pieces[-1]):  # "(e.g. Homebrew)" goes on
                pieces[-1] += " " + piece
            else:
                pieces.append(piece)
        out += [s.strip(" -*>\t") for s in pieces if len(s.strip()) > 12]
    return out


def _terms_text(doc: Doc) -> str:
    """What the term extraction reads: the text without links, and without the name of the
    repository it lives in (a project's own name is not something its designs share)."""
    text = _URL.sub(" ", doc.text)
    repo = doc.source.split(":", 1)[0] if ":" in doc.source else ""
    return re.sub(re.escape(repo), " ", text, flags=re.IGNORECASE) if repo else text


def _questions(doc: Doc) -> list[str]:
    out, under = [], False
    for line in doc.text.splitlines():
        if line.lstrip().startswith("#"):
            under = bool(_QUESTION_HEAD.match(line.strip()))
            continue
        text = line.strip(" -*\t")
        if text and (under or text.endswith("?")):
            out.append(text)
    return out


def _themes(docs: Sequence[Doc]) -> list[Theme]:
    vectorizer = TfidfVectorizer(ngram_range=(1, 3), stop_words="english", min_df=MIN_BACKING,
                                 sublinear_tf=True, token_pattern=r"(?u)\b[a-zA-Z][\w-]{2,}\b")
    try:
        matrix = vectorizer.fit_transform([_terms_text(d) for d in docs])
    except ValueError:  # no term in two documents: nothing is shared
        return []
    terms = vectorizer.get_feature_names_out()
    # A document sharing no term with any other stands alone: it can back no theme.
    shared_rows = [i for i in range(len(docs)) if matrix[i].nnz]
    labels = [-1 - i for i in range(len(docs))]
    clusters = max(1, min(len(shared_rows) // MIN_BACKING, round(len(shared_rows) ** 0.5)))
    if len(shared_rows) >= MIN_BACKING:
        # Complete linkage: a theme's documents are all alike, rather than a chain of
        # neighbours; average linkage let one theme swallow ten of twelve decision records.
        found = (AgglomerativeClustering(n_clusters=clusters, metric="cosine",
                                         linkage="complete")
                 .fit_predict(matrix[shared_rows].toarray()) if clusters > 1
                 else [0] * len(shared_rows))
        for i, label in zip(shared_rows, found, strict=True):
            labels[i] = int(label)
    themes = []
    for label in sorted(set(labels)):
        members = [i for i, lab in enumerate(labels) if lab == label]
        if len(members) < MIN_BACKING:
            continue
        sub = matrix[members]
        present = (sub > 0).sum(axis=0).A1
        weight = sub.mean(axis=0).A1
        shared = [j for j in weight.argsort()[::-1] if present[j] >= MIN_BACKING]
        chosen: list[str] = []
        for j in shared:
            term = str(terms[j])
            if any(term in c or c in term for c in chosen):
                continue
            chosen.append(term)
            if len(chosen) == TERMS_PER_THEME:
                break
        if not chosen:
            continue
        quotes = []
        for i in members:
            hit = next((s for s in _sentences(docs[i].text) if chosen[0] in s.lower()), None)
            if hit:
                quotes.append((docs[i].key, hit[:300]))
        themes.append(Theme(chosen[0].capitalize(), tuple(chosen),
                            tuple(docs[i].key for i in members), tuple(quotes[:3])))
    return sorted(themes, key=lambda t: (-len(t.docs), t.title))


def synthesise(session: Session, viewer: Principal, area: Area, repos: Sequence[Path], *,
               last: int = 10) -> Synthesis:
    """What the area's last `last` design documents share (leaders and the operator: it reads
    several people's documents)."""
    if not (viewer.operator or viewer.is_leader or viewer.is_admin):
        raise NotFoundError("not found")
    if last < MIN_DOCS:
        raise InputError(f"--last: at least {MIN_DOCS} documents")
    docs = gather(session, area, repos, last)
    notes = []
    if len(docs) < MIN_DOCS:
        notes.append(f"Only {len(docs)} document(s) in {area.label()}: a strategy needs "
                     f"several designs to draw on.")
        themes: list[Theme] = []
    else:
        themes = _themes(docs)
    pick = _pick(docs)
    return Synthesis(area.label(), tuple(docs), tuple(themes), pick(_DECISION),
                     pick(_TRADEOFF), tuple((d.key, q) for d in docs for q in _questions(d))[:12],
                     tuple(notes))


def _pick(docs: Sequence[Doc]) -> Any:
    def pick(pattern: re.Pattern[str]) -> tuple[tuple[str, str], ...]:
        return tuple((d.key, s[:300]) for d in docs for s in _sentences(d.text)
                     if pattern.search(s))[:12]
    return pick


def to_markdown(s: Synthesis) -> str:
    """The draft: front matter naming its sources (kept when adopting), then the themes."""
    front = yaml.safe_dump({"area": s.area, "sources": [
        {"key": d.key, "evidence_id": d.evidence_id, "source": d.source} for d in s.docs]},
        sort_keys=False, allow_unicode=True)
    lines = [f"---\n{front}---", f"# Strategy draft: {s.area}", "",
             f"Drawn from {len(s.docs)} design document(s) and decision record(s). Edit freely;"
             " every theme names the documents behind it.", ""]
    lines += [f"> {n}" for n in s.notes]
    if s.themes:
        lines += ["## Themes", ""]
        for t in s.themes:
            lines += [f"### {t.title}", "",
                      f"Backed by {', '.join(t.docs)}. Shared terms: "
                      f"{', '.join(t.terms)}.", ""]
            lines += [f"- {q} [{k}]" for k, q in t.quotes] + [""]
    for heading, rows in (("Decisions so far", s.decisions), ("Trade-offs named", s.tradeoffs),
                          ("Open questions", s.questions)):
        if rows:
            lines += [f"## {heading}", ""] + [f"- {q} [{k}]" for k, q in rows] + [""]
    lines += ["## Sources", ""] + [
        f"- [{d.key}] {d.title} — {d.author}, {d.date or 'undated'} ({d.source})"
        for d in s.docs]
    return "\n".join(lines) + "\n"


def adopt(session: Session, origin: Origin, viewer: Principal, person: Person, draft: str, *,
          path: str = "draft") -> Evidence:
    """Record an edited draft as the person's strategy item; its sources (front matter) become
    its provenance and must all be evidence in the store."""
    if not (viewer.operator or viewer.person_id == person.id):
        raise NotFoundError("no such person")
    match = re.match(r"^---\n(.*?)\n---\n", draft, re.DOTALL)
    if match is None:
        raise InputError("the draft lost its front matter (area and sources)", path=path, line=1)
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"front matter is not YAML: {exc}", path=path, line=1) from None
    sources = meta.get("sources") if isinstance(meta, dict) else None
    if not isinstance(sources, list) or len(sources) < MIN_BACKING:
        raise InputError("front matter names fewer than two sources", path=path, line=1)
    ids = [s.get("evidence_id") for s in sources if isinstance(s, dict)]
    rows = {e.id: e for e in session.scalars(select(Evidence).options(
        selectinload(Evidence.person).selectinload(Person.team)).where(Evidence.id.in_(
            [i for i in ids if isinstance(i, int)])))}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise InputError(f"source {missing[0]!r} is not an evidence item", path=path, line=1)
    teams = sorted({t for e in rows.values() for t in ([e.person.team.name] if e.person.team
                                                        else []) + list(e.teams)})
    body = draft[match.end():]
    title = next((ln[2:].strip() for ln in body.splitlines() if ln.startswith("# ")),
                 f"Strategy: {meta.get('area', '')}")
    item = add_evidence(session, person, EvidenceInput(
        title=title[:2000], body=body, date_start=dt.date.today(), kind=EvidenceKind.STRATEGY,
        teams=teams, scope=Scope.TEAMS if len(teams) > 1 else Scope.TEAM,
        dimensions=["strategy"], tags=["strategy", "synthesis"], source_type="typed",
        source_ref=f"synthesis of {len(rows)} documents",
        extra={"synthesis": {"area": meta.get("area"), "sources": sources}}))
    record_change(session, origin, "strategy.adopt", "entry", item.id)
    return item
