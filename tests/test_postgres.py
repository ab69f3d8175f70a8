"""PostgreSQL: the same schema and the same answers as SQLite, and the CLI against a server."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import staffpath
from mining_helpers import init_repo, random_history
from pg import PgServer, free_port
from staffpath.assess.service import assess_person, assessment_to_dict
from staffpath.errors import NotFoundError, StoreError
from staffpath.framework.model import Framework
from staffpath.framework.registry import active_framework
from staffpath.ledger.record import EvidenceInput, evidence_to_dict
from staffpath.ledger.service import (
    add_evidence,
    edit_evidence,
    evidence_history,
    import_brag_doc,
    list_evidence,
)
from staffpath.mining.service import MineOptions, mine_repository
from staffpath.people.service import (
    find_person,
    import_roster,
    import_teams,
    list_people,
    list_teams,
    person_to_dict,
)
from staffpath.store.engine import Store, head_revisions
from staffpath.store.tables import Base

pytestmark = pytest.mark.postgresql

BRAGDOCS = Path(__file__).parent / "data" / "bragdocs"
TEAMS = """\
- name: Checkout
  org_unit: Commerce
  owns: ["services/checkout/**"]
- name: Payments
  owns: ["services/payments/**", "libs/money/**"]
"""


def import_all_models() -> None:
    """Import every `models` module in the package so the metadata is complete."""
    for info in pkgutil.walk_packages(staffpath.__path__, "staffpath."):
        if info.name.endswith(".models"):
            importlib.import_module(info.name)


def test_migrations_build_the_models_schema_on_postgresql(pg_url: str) -> None:
    import_all_models()
    store = Store(pg_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert set(context.get_current_heads()) == head_revisions()
        diff = compare_metadata(context, Base.metadata)
    store.close()
    assert diff == []


def test_foreign_postgresql_database_is_refused_untouched(pg_url: str) -> None:
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(text("create table invoices (id integer)"))
    with pytest.raises(StoreError, match="not a staffpath database"):
        Store(pg_url)
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"invoices"}
    engine.dispose()


def test_missing_database_and_unreachable_server_are_one_line_errors(pg_server: PgServer
                                                                      ) -> None:
    with pytest.raises(StoreError, match=r"cannot open database: .*no_such_db.* does not exist"):
        Store(pg_server.url("no_such_db"))
    with pytest.raises(StoreError, match=r"cannot open database: .*(refused|connect)") as info:
        Store(f"postgresql://someone:secret@127.0.0.1:{free_port()}/staffpath")
    assert "secret" not in str(info.value)


def a_record(url: str, roster: Path, teams: Path, repo: Path, framework: Framework
             ) -> dict[str, Any]:
    """Everything a user could read back after the same imports, as plain data."""
    store = Store(url)
    today = dt.date(2026, 11, 1)
    with store.session() as s:
        import_teams(s, teams)
        import_roster(s, roster, level_ids=framework.level_ids)
    with store.session() as s:
        ada = find_person(s, "ada")
        for doc in sorted(BRAGDOCS.glob("*.md")):
            import_brag_doc(s, ada, doc, framework=framework, document=doc.name, today=today,
                            team_names=["Checkout", "Payments"])
        # Undated items sort after dated ones; money keeps its cents.
        undated = add_evidence(s, ada, EvidenceInput(
            title="Ran the on-call handbook rewrite", impact_money=Decimal("1234567.89"),
            impact_currency="USD", tags=["oncall"], teams=["Checkout", "Payments"]))
        undated_id = undated.id
    with store.session() as s:
        edit_evidence(s, undated_id, {"impact_money": Decimal("0.10"), "teams": []},
                      expected_version=1)
    with store.session() as s:
        mined = mine_repository(s, repo, MineOptions(jobs=1)).as_dict()
    with store.session(read_only=True) as s:
        ada = find_person(s, "ADA LOVELACE")  # names match whatever the case
        try:
            find_person(s, "LOVEL")
        except NotFoundError as exc:
            hint = str(exc)
        record = {
            "evidence": [evidence_to_dict(e) for e in list_evidence(s)],
            "history": [(h.version, h.change, h.snapshot)
                        for h in evidence_history(s, undated_id)],
            "checkout": [person_to_dict(p) for p in list_people(s, team="checkout")],
            "teams": [(t.name, t.org_unit, t.owns, sorted(p.handle for p in t.members))
                      for t in list_teams(s)],
            "by_email": find_person(s, "ada.l@old.example").handle,
            "hint": hint,
            "assessment": assessment_to_dict(ada, assess_person(
                s, ada, active_framework(s), as_of=today)),
            "mined": {k: v for k, v in mined.items() if k not in ("seconds", "repository")},
        }
    store.close()
    for item in record["evidence"]:
        del item["created_at"], item["updated_at"]
    return record


def test_postgresql_gives_the_same_answers_as_sqlite(
    pg_url: str, tmp_path: Path, roster_file: Path, framework: Framework
) -> None:
    teams = tmp_path / "teams.yaml"
    teams.write_text(TEAMS, encoding="utf-8")
    repo = init_repo(tmp_path / "repo")
    random_history(repo, seed=5, commits=40)
    on_sqlite = a_record(f"sqlite:///{tmp_path / 'a.db'}", roster_file, teams, repo, framework)
    on_postgresql = a_record(pg_url, roster_file, teams, repo, framework)
    assert on_postgresql == on_sqlite
    # The comparison is only worth something if the record has the tricky cases in it.
    evidence = on_sqlite["evidence"]
    assert evidence[-1]["date_start"] is None
    assert evidence[0]["date_start"] is not None
    assert evidence[-1]["impact"]["money"] == "0.10"
    assert on_sqlite["history"][0][2]["impact_money"] == "1234567.89"
    assert "ada" in on_sqlite["hint"]
    assert on_sqlite["mined"]["commits"] > 0


def test_cli_on_postgresql(run_cli, pg_url: str, roster_file: Path, tmp_path: Path
                           ) -> None:  # type: ignore[no-untyped-def]
    brag = tmp_path / "brag.md"
    shutil.copy(BRAGDOCS / "projects.md", brag)
    db = ("--db", pg_url)
    imported = run_cli(*db, "people", "import", str(roster_file), "--json")
    assert imported.code == 0, imported.err
    assert json.loads(imported.out)["added"] == 5
    logged = run_cli(*db, "evidence", "import", str(brag), "--person", "ada", "--json")
    assert logged.code == 0, logged.err

    assessed = run_cli(*db, "assess", "ada", "--json")
    assert assessed.code == 0, assessed.err
    cited = {i for d in json.loads(assessed.out)["dimensions"].values() for i in d["evidence"]}
    assert cited
    assert cited <= set(json.loads(logged.out)["ids"])
    # Nothing went to the workspace's own SQLite file.
    assert not (tmp_path / "ws" / "staffpath.db").exists()
