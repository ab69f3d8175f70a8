"""A small, hand-checkable organisation for the org tests: roster, teams, spans, evidence.

    Dana (director)
    ├─ Mo (manager, Alpha) ── Ann (senior), Bob (engineer)
    └─ Ola (manager, Beta) ── Cat (staff), Dan (engineer, has left)

Team Alpha owns `a/**`; Beta owns `b/**` and `c/**`. The repository "app" has these authors
now (each file's degree-of-authorship authors, as spans that are still open):

    a/x.py  Ann, Bob        b/p.py  Bob, Cat        c/r.py  Dan (left)
    a/y.py  Ann             b/q.py  Cat
    a/z.py  Ann

Ann's spans (and Dan's) start 2024-01-01, Bob's and Cat's 2025-07-01; Ann also wrote
a/old.py from 2024-01-01 until 2025-03-01.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from staffpath.framework.loader import default_framework
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import add_evidence
from staffpath.mining.tables import AuthorshipSpan, MinedRepo
from staffpath.people.service import find_person, import_roster, import_teams
from staffpath.store.engine import Store

AS_OF = dt.date(2026, 1, 15)

ROSTER = textwrap.dedent("""\
    name,email,team,manager,level,target_level,role
    Dana Director,dana.director@corp.example,,,,,director
    Mo Manager,mo.manager@corp.example,Alpha,Dana Director,,,manager
    Ola Owner,ola.owner@corp.example,Beta,Dana Director,,,manager
    Ann Author,ann.author@corp.example,Alpha,Mo Manager,senior,staff,engineer
    Bob Builder,bob.builder@corp.example;bb@home.example,Alpha,Mo Manager,engineer,,engineer
    Cat Coder,cat.coder@corp.example,Beta,Ola Owner,staff,,engineer
    Dan Departed,dan.departed@corp.example,Beta,Ola Owner,engineer,,engineer
    """)

TEAMS = textwrap.dedent("""\
    - name: Alpha
      org_unit: Products
      owns: ["a/**"]
    - name: Beta
      org_unit: Platform
      owns: ["b/**", "c/**"]
    """)

# Handles long enough that an anonymous page can be searched for them word by word.
HANDLES = {"dana": "dana.director", "mo": "mo.manager", "ola": "ola.owner",
           "ann": "ann.author", "bob": "bob.builder", "cat": "cat.coder", "dan": "dan.departed"}
OLD = dt.date(2024, 1, 1)
NEW = dt.date(2025, 7, 1)


def build_org(store: Store, tmp_path: Path) -> dict[str, int]:
    """The roster, the teams and the repository's spans; returns ids by handle."""
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "teams.yaml").write_text(TEAMS, encoding="utf-8")
    with store.session() as session:
        import_teams(session, tmp_path / "teams.yaml")
        import_roster(session, tmp_path / "roster.csv",
                      level_ids=default_framework().level_ids)
    with store.session() as session:
        ids = {h: find_person(session, HANDLES[h]).id for h in HANDLES}
        find_person(session, HANDLES["dan"]).active = False
        repo = MinedRepo(path=str(tmp_path / "gone"), branch="", name="app", tip=None)
        session.add(repo)
        session.flush()
        spans = [("a/x.py", "ann", OLD, None), ("a/y.py", "ann", OLD, None),
                 ("a/z.py", "ann", OLD, None), ("a/old.py", "ann", OLD, dt.date(2025, 3, 1)),
                 ("a/x.py", "bob", NEW, None), ("b/p.py", "bob", NEW, None),
                 ("b/p.py", "cat", NEW, None), ("b/q.py", "cat", NEW, None),
                 ("c/r.py", "dan", OLD, None)]
        session.execute(insert(AuthorshipSpan), [
            {"repo_id": repo.id, "path": path, "author_key": f"p:{ids[who]}",
             "person_id": ids[who], "since": since, "until": until}
            for path, who, since, until in spans])
    return ids


def log(session: Session, handle: str, title: str, *, kind: str = "mentorship",
        people: list[str] | None = None, day: dt.date = dt.date(2025, 6, 1),
        **fields: object) -> int:
    """Add one evidence item for a person; returns its id."""
    person = find_person(session, HANDLES.get(handle, handle))
    data = EvidenceInput.model_validate({
        "title": title, "kind": kind, "people": people or [], "date_start": day,
        "source_type": fields.pop("source_type", "typed"), **fields})
    return add_evidence(session, person, data).id
