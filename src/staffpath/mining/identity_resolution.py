"""Who wrote a commit: git identities grouped into people, with rules a user can correct.

A git identity is one (name, e-mail) pair as git prints it after applying `.mailmap`. Identities
are grouped automatically when they share an e-mail address, a GitHub no-reply login, or a full
name of two words or more; an identity whose e-mail is on the roster belongs to that person.
Stored rules override the automatic grouping: `merge` joins two identities, `split` keeps one
apart from automatic grouping, `link` assigns one to a person (`mining.identities` stores them).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from staffpath.mining.tables import GitIdentity, IdentityRule
from staffpath.store.tables import Person, PersonEmail, Team

# Addresses that many unrelated people share; they never group identities on their own.
SHARED_EMAILS = frozenset({
    "", "none", "none@none", "(none)", "unknown", "unknown@unknown", "noreply@github.com",
    "nobody@nowhere", "root@localhost", "user@example.com", "you@example.com",
    "devnull@localhost", "invalid@invalid",
})
_NOREPLY = re.compile(r"^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com$")


def normalise_email(email: str) -> str:
    return email.strip().strip("<>").lower()


def pair_of(name: str, email: str) -> tuple[str, str]:
    """The stored form of an identity: the name as given, the e-mail lower-cased; both cut
    to the columns' sizes."""
    return name.strip()[:300], normalise_email(email)[:320]


def normalise_name(name: str) -> str:
    """A name without accents, case or punctuation, for matching the same person's spellings."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def github_login(email: str) -> str | None:
    """The login in a GitHub no-reply address (`123+octocat@users.noreply.github.com`)."""
    m = _NOREPLY.match(normalise_email(email))
    return m.group(1) if m else None


def login_email(login: str) -> str:
    """The no-reply address standing for a GitHub login seen only in review data."""
    return f"{login.lower()}@users.noreply.github.com"


@dataclass(frozen=True)
class Author:
    """A resolved author: a roster person, or a group of identities nobody has linked yet."""

    key: str  # "p:<person id>" or "x:<smallest e-mail or name in the group>"
    name: str
    person_id: int | None
    handle: str | None
    team: str | None


@dataclass
class _Group:
    members: set[tuple[str, str]] = field(default_factory=set)
    person_id: int | None = None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.person: dict[tuple[str, str], int] = {}

    def find(self, x: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: tuple[str, str], b: tuple[str, str], *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.person.get(ra), self.person.get(rb)
        if pa is not None and pb is not None and pa != pb and not force:
            return False  # two roster people never become one by a heuristic
        self.parent[rb] = ra
        if pa is None and pb is not None:
            self.person[ra] = pb
        return True


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    handle: str
    team: str | None


@dataclass
class Directory:
    """Everything identity resolution reads from the store, loaded once per run."""

    identities: dict[tuple[str, str], int]  # (name, email) -> stored id
    rules: list[tuple[str, int, int | None, int | None]]  # kind, identity, other, person
    emails: dict[str, int]  # roster e-mail -> person id
    people: dict[int, PersonInfo]

    @classmethod
    def load(cls, session: Session) -> Directory:
        # Plain rows, not ORM objects: a big history has thousands of identities.
        identities = {(name, email): ident for ident, name, email in session.execute(
            select(GitIdentity.id, GitIdentity.name, GitIdentity.email))}
        rules = [(kind, ident, other, person) for kind, ident, other, person in session.execute(
            select(IdentityRule.kind, IdentityRule.identity_id, IdentityRule.other_id,
                   IdentityRule.person_id).order_by(IdentityRule.id))]
        emails = {email.lower(): person for email, person in session.execute(
            select(PersonEmail.email, PersonEmail.person_id))}
        people = {
            pid: PersonInfo(pid, name, handle, team)
            for pid, name, handle, team in session.execute(
                select(Person.id, Person.name, Person.handle, Team.name)
                .outerjoin(Team, Team.id == Person.team_id))
        }
        return cls(identities=identities, rules=rules, emails=emails, people=people)

    def handle_person(self, login: str) -> int | None:
        """A roster person whose handle is this GitHub login (dots and dashes alike)."""
        wanted = login.lower().replace("-", ".").replace("_", ".")
        for person in self.people.values():
            if person.handle.lower().replace("-", ".").replace("_", ".") == wanted:
                return person.id
        return None


@dataclass(frozen=True)
class Resolution:
    """The author of each identity, and why identities were grouped."""

    authors: Mapping[tuple[str, str], Author]

    def author(self, name: str, email: str) -> Author:
        return self.authors[pair_of(name, email)]

    def digest(self, pairs: Iterable[tuple[str, str]]) -> str:
        """A fingerprint of how these identities are grouped, to notice when that changes."""
        h = hashlib.sha1(usedforsecurity=False)
        for pair in sorted(pairs):
            h.update(f"{pair[0]}\0{pair[1]}\0{self.authors[pair].key}\n".encode(
                "utf-8", "surrogatepass"))
        return h.hexdigest()


def resolve(directory: Directory, pairs: Iterable[tuple[str, str]]
            | Mapping[tuple[str, str], int]) -> Resolution:
    """Group identities (the stored ones and `pairs`) into authors; when pairs come with
    commit counts, a group is named after its most used name."""
    weights = {pair_of(*p): n for p, n in pairs.items()} if isinstance(pairs, Mapping) else {}
    seen = {pair_of(name, email) for name, email in pairs}
    everyone = set(directory.identities) | seen
    by_id = {v: k for k, v in directory.identities.items()}
    uf = _UnionFind()
    split = {ident for kind, ident, _o, _p in directory.rules if kind == "split"}
    split_pairs = {by_id[i] for i in split if i in by_id}
    for pair in everyone:
        uf.find(pair)
    # Manual links, then roster e-mails and logins, decide which person a group is.
    linked: dict[tuple[str, str], int] = {}
    for kind, ident, _other, person in directory.rules:
        if kind == "link" and ident in by_id and person in directory.people:
            linked[by_id[ident]] = person
        elif kind == "split" and ident in by_id:
            linked.pop(by_id[ident], None)
    for pair in everyone:
        person = linked.get(pair)
        if person is None:
            person = directory.emails.get(pair[1])
            login = github_login(pair[1])
            if person is None and login is not None:
                person = directory.handle_person(login)
        if person is not None:
            uf.person[uf.find(pair)] = person
    for kind, ident, other, _person in directory.rules:
        if kind == "merge" and ident in by_id and other in by_id:
            uf.union(by_id[ident], by_id[other], force=True)
    # Automatic grouping, in a fixed order so the result does not depend on set order.
    by_key: dict[str, tuple[str, str]] = {}
    for pair in sorted(everyone):
        if pair in split_pairs:
            continue
        name, email = pair
        keys = []
        if email not in SHARED_EMAILS and "@" in email:
            keys.append("e:" + email)
        login = github_login(email)
        if login:
            keys.append("g:" + login)
        norm = normalise_name(name)
        if len(norm.split()) >= 2:
            keys.append("n:" + norm)
        for key in keys:
            first = by_key.setdefault(key, pair)
            if first != pair:
                uf.union(first, pair)
    groups: dict[tuple[str, str], _Group] = {}
    for pair in everyone:
        root = uf.find(pair)
        groups.setdefault(root, _Group(person_id=uf.person.get(root))).members.add(pair)
    authors: dict[tuple[str, str], Author] = {}
    taken: set[str] = set()
    for root in sorted(groups):
        group = groups[root]
        author = _author_for(group, directory, taken, weights)
        taken.add(author.key)
        for pair in group.members:
            authors[pair] = author
    return Resolution(authors=authors)


def _author_for(group: _Group, directory: Directory, taken: set[str],
                weights: Mapping[tuple[str, str], int]) -> Author:
    if group.person_id is not None and group.person_id in directory.people:
        info = directory.people[group.person_id]
        return Author(key=f"p:{info.id}", name=info.name, person_id=info.id,
                      handle=info.handle, team=info.team)
    # The group's key is its smallest e-mail (or name), so it stays stable between runs;
    # a shared address, or one the user split, also needs the name to tell groups apart.
    members = sorted(group.members, key=lambda p: (p[1] == "", p[1], p[0]))
    name, email = members[0]
    key = "x:" + (email or "name:" + name)
    if key in taken or email in SHARED_EMAILS:
        key = f"x:{email}/{name}" if email else key
    best = max(group.members, key=lambda p: (
        weights.get(p, 0), len(p[0].split()) > 1, p[0] != p[0].lower(), -len(p[0]), p[0]))
    return Author(key=key, name=best[0] or email or "(unknown)", person_id=None, handle=None,
                  team=None)
