"""Pull-request reviews from GitHub REST JSON (as `gh api` writes it) turned into evidence.

Give files or folders holding pull requests (`gh api repos/O/R/pulls?state=all --paginate`)
and reviews (`gh api repos/O/R/pulls/N/reviews --paginate`). Objects are told apart by shape:
a review has `pull_request_url`, a pull request has `number` and `head`/`base`. Paginated
output (`[...][...]`) and `--slurp` output (`[[...], [...]]`) are both read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from staffpath.errors import InputError
from staffpath.ledger.record import EvidenceInput
from staffpath.mining.evidence import UpsertCounts, source_key, upsert_all
from staffpath.mining.identities import record_identities
from staffpath.mining.identity_resolution import Directory, login_email, pair_of, resolve
from staffpath.mining.rules import MiningRules
from staffpath.store.tables import Person
from staffpath.vocab import EvidenceKind, Scope

_PULL_URL = re.compile(r"/repos/([^/]+/[^/]+)/pulls/(\d+)$")
_COUNTED_STATES = frozenset({"APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"})


@dataclass(frozen=True)
class Pull:
    """A pull request: which repository, its number and title, and who opened it."""

    repo: str
    number: int
    title: str
    author: str
    url: str


@dataclass(frozen=True)
class Review:
    """One submitted review of a pull request."""

    repo: str
    number: int
    reviewer: str
    state: str
    submitted: dt.datetime
    has_body: bool
    source: str


@dataclass
class ReviewData:
    pulls: dict[tuple[str, int], Pull] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _json_values(text: str, source: str) -> Iterator[Any]:
    """Every top-level JSON value in a file (gh's --paginate concatenates arrays)."""
    decoder = json.JSONDecoder()
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            return
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path=source, line=exc.lineno) from None
        yield value


def _objects(value: Any, source: str) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item, source)
    else:
        raise InputError(f"expected JSON objects or arrays, found {type(value).__name__}",
                         path=source)


def _login(obj: dict[str, Any], key: str, what: str, source: str, n: int) -> str:
    user = obj.get(key)
    if not isinstance(user, dict) or not isinstance(user.get("login"), str):
        raise InputError(f"{what} #{n}: missing {key}.login", path=source)
    return str(user["login"])


def _time(text: Any, what: str, source: str, n: int) -> dt.datetime:
    if not isinstance(text, str):
        raise InputError(f"{what} #{n}: missing submitted_at", path=source)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{what} #{n}: bad timestamp {text!r}", path=source) from None


def read_file(path: Path, data: ReviewData) -> None:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", path=source) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=source) from None
    data.files.append(source)
    for n, obj in enumerate((o for v in _json_values(text, source) for o in _objects(v, source)),
                            start=1):
        if "pull_request_url" in obj:
            m = _PULL_URL.search(str(obj.get("pull_request_url") or ""))
            if m is None:
                raise InputError(f"review #{n}: pull_request_url is not a GitHub pull URL",
                                 path=source)
            state = str(obj.get("state") or "")
            if state not in _COUNTED_STATES:
                continue  # pending reviews were never submitted
            data.reviews.append(Review(
                repo=m.group(1), number=int(m.group(2)),
                reviewer=_login(obj, "user", "review", source, n), state=state,
                submitted=_time(obj.get("submitted_at"), "review", source, n),
                has_body=bool(str(obj.get("body") or "").strip()), source=source))
        elif "number" in obj and ("head" in obj or "base" in obj):
            number = obj.get("number")
            if not isinstance(number, int):
                raise InputError(f"pull request #{n}: number is not an integer", path=source)
            repo = _pull_repo(obj)
            if repo is None:
                raise InputError(f"pull request #{n}: cannot tell its repository (no "
                                 "base.repo.full_name or url)", path=source)
            data.pulls[(repo, number)] = Pull(
                repo=repo, number=number, title=str(obj.get("title") or ""),
                author=_login(obj, "user", "pull request", source, n),
                url=str(obj.get("html_url") or ""))
        else:
            raise InputError(f"item #{n} is neither a pull request nor a review", path=source)


def _pull_repo(obj: dict[str, Any]) -> str | None:
    base = obj.get("base")
    if isinstance(base, dict) and isinstance(base.get("repo"), dict):
        name = base["repo"].get("full_name")
        if isinstance(name, str):
            return name
    m = re.search(r"/repos/([^/]+/[^/]+)/pulls/\d+$", str(obj.get("url") or ""))
    return m.group(1) if m else None


def load_reviews(paths: Sequence[Path]) -> ReviewData:
    """Read every JSON file given (folders are searched for *.json)."""
    data = ReviewData()
    for path in paths:
        if path.is_dir():
            files = sorted(path.rglob("*.json"))
            if not files:
                raise InputError("folder has no .json files", path=path)
            for file in files:
                read_file(file, data)
        else:
            read_file(path, data)
    return data


@dataclass(frozen=True)
class ReviewPerson:
    """How a GitHub login resolves: a roster person (with team and handle) or just a name."""

    key: str
    name: str
    person_id: int | None
    handle: str | None
    team: str | None


@dataclass
class ReviewSummary:
    """One reviewer's reviews in one period of one GitHub repository."""

    repo: str
    period: str
    reviews: int = 0
    with_feedback: int = 0
    pulls: set[int] = field(default_factory=set)
    authors: dict[str, ReviewPerson] = field(default_factory=dict)
    per_team: dict[str, int] = field(default_factory=dict)
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    sources: set[str] = field(default_factory=set)


def summarise(data: ReviewData, people: dict[str, ReviewPerson], period_kind: str
              ) -> dict[tuple[str, str, str], ReviewSummary]:
    """Reviews grouped by (reviewer key, repository, period); self-reviews are left out."""
    out: dict[tuple[str, str, str], ReviewSummary] = {}
    for review in data.reviews:
        reviewer = people[review.reviewer.lower()]
        pull = data.pulls.get((review.repo, review.number))
        author = people.get(pull.author.lower()) if pull else None
        if author is not None and author.key == reviewer.key:
            continue
        d = review.submitted
        period = (f"{d.year:04d}-{d.month:02d}" if period_kind == "month"
                  else f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}")
        summary = out.setdefault((reviewer.key, review.repo, period),
                                 ReviewSummary(repo=review.repo, period=period))
        summary.reviews += 1
        summary.with_feedback += int(review.has_body or review.state == "CHANGES_REQUESTED")
        summary.pulls.add(review.number)
        summary.sources.add(review.source)
        if author is not None:
            summary.authors[author.key] = author
            if author.team:
                summary.per_team[author.team] = summary.per_team.get(author.team, 0) + 1
        summary.first = d if summary.first is None or d < summary.first else summary.first
        summary.last = d if summary.last is None or d > summary.last else summary.last
    return out


def review_entry_fields(summary: ReviewSummary, reviewer: ReviewPerson) -> dict[str, Any]:
    """Fields of the evidence entry summarising one reviewer's period."""
    other_teams = sorted((t for t in summary.per_team if t != reviewer.team),
                         key=lambda t: (-summary.per_team[t], t))
    people = sorted(summary.authors.values(), key=lambda p: p.name)
    n = len(summary.pulls)
    where = f" for {', '.join(other_teams)}" if other_teams else ""
    title = (f"Reviewed {n} pull request{'s' if n != 1 else ''} in {summary.repo}{where} "
             f"({summary.period})")
    body_lines = [
        f"{summary.reviews} review(s) of {n} pull request(s) by {len(people)} author(s); "
        f"{summary.with_feedback} with written feedback or requested changes.",
    ]
    if summary.per_team:
        body_lines.append("By the authors' teams: " + ", ".join(
            f"{t} {c}" for t, c in sorted(summary.per_team.items(), key=lambda x: -x[1])))
    assert summary.first is not None
    assert summary.last is not None
    return {
        "title": title,
        "body": "\n".join(body_lines),
        "date_start": summary.first.date(),
        "date_end": summary.last.date(),
        "kind": EvidenceKind.REVIEW,
        "project": summary.repo,
        "teams": other_teams,
        "people": [p.handle or p.name for p in people],
        "scope": Scope.TEAMS if other_teams else Scope.TEAM,
        "tags": ["mined", "code-review"],
    }


# --- mining ------------------------------------------------------------------------------


@dataclass
class ReviewReport:
    """What mining review data found and wrote."""

    files: list[str]
    pulls: int = 0
    reviews: int = 0
    reviewers: int = 0
    unknown_logins: list[str] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"files": self.files, "pulls": self.pulls, "reviews": self.reviews,
                "reviewers": self.reviewers, "unknown_logins": self.unknown_logins,
                "evidence": self.evidence}


def mine_reviews(session: Session, paths: Sequence[Path], rules: MiningRules | None = None
                 ) -> ReviewReport:
    """Read GitHub review JSON and record, per reviewer and period, the reviews they gave."""
    rules = rules or MiningRules()
    data = load_reviews(paths)
    report = ReviewReport(files=data.files, pulls=len(data.pulls), reviews=len(data.reviews))
    logins = {r.reviewer for r in data.reviews} | {p.author for p in data.pulls.values()}
    directory = Directory.load(session)
    pairs = {pair_of(login, login_email(login)): login for login in logins}
    resolution = resolve(directory, pairs)
    people: dict[str, ReviewPerson] = {}
    for pair, login in pairs.items():
        author = resolution.authors[pair]
        people[login.lower()] = ReviewPerson(key=author.key, name=author.name,
                                             person_id=author.person_id, handle=author.handle,
                                             team=author.team)
        if author.person_id is None:
            report.unknown_logins.append(login)
    report.unknown_logins.sort(key=str.lower)
    record_identities(session, pairs, directory.identities)
    summaries = summarise(data, people, rules.period)
    report.reviewers = len({key for key, _repo, _period in summaries})
    counts = UpsertCounts()
    entries: list[tuple[Person, EvidenceInput]] = []
    for (key, repo, period), summary in sorted(summaries.items()):
        reviewer = next(p for p in people.values() if p.key == key)
        if reviewer.person_id is None:
            continue
        person = session.scalar(select(Person).options(selectinload(Person.team))
                                .where(Person.id == reviewer.person_id))
        if person is None:
            continue
        fields = review_entry_fields(summary, reviewer)
        sources = sorted(summary.sources)
        pulls = sorted(summary.pulls)
        data_in = EvidenceInput(
            **fields, source_type="review",
            source_ref=f"{repo} pulls {', '.join(f'#{n}' for n in pulls[:12])}"
                       f"{' …' if len(pulls) > 12 else ''}",
            source_key=source_key("review", f"github:{repo}", str(person.id), period),
            extra={"repository": repo, "period": period, "pulls": pulls[:200],
                   "files": sources})
        entries.append((person, data_in))
    upsert_all(session, entries, counts)
    report.evidence = counts.as_dict()
    return report
