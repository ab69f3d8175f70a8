"""Many writers on one evidence item: every write lands or conflicts, none is lost or locked out."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from staffpath.errors import ConflictError
from staffpath.ledger.record import EvidenceInput
from staffpath.ledger.service import (
    add_evidence,
    delete_evidence,
    edit_evidence,
    get_evidence,
)
from staffpath.store.engine import Store
from staffpath.store.tables import EvidenceRevision, Person

WRITERS = 20
SECONDS = 2.0
MAX_ATTEMPTS = 400  # per writer, so a fast machine still finishes quickly


@dataclass
class Tally:
    """What the writers saw, summed over all of them."""

    attempts: int = 0
    written: int = 0
    conflicts: Counter[str] = field(default_factory=Counter)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def one_item(store: Store) -> int:
    with store.session() as s:
        person = Person(name="Ada", handle="ada")
        s.add(person)
        s.flush()
        return add_evidence(s, person, EvidenceInput(title="counter", body="0")).id


def writer(store: Store, ev_id: int, n: int, start: threading.Barrier, tally: Tally) -> None:
    """Read the counter, then write it plus one, the way a user edits a form."""
    start.wait()
    deadline = time.monotonic() + SECONDS
    for attempt in range(MAX_ATTEMPTS):
        if time.monotonic() > deadline:
            break
        outcome = "written"
        try:
            if (n + attempt) % 2:
                # A form: read in one request, write in the next with the version it showed.
                with store.session() as s:
                    ev = get_evidence(s, ev_id)
                    count, version = int(ev.body), ev.version
                with store.session() as s:
                    edit_evidence(s, ev_id, {"body": str(count + 1)}, expected_version=version)
            else:
                # One transaction that reads and writes: the stored version guards the UPDATE.
                with store.session() as s:
                    ev = get_evidence(s, ev_id)
                    edit_evidence(s, ev_id, {"body": str(int(ev.body) + 1)})
        except ConflictError as exc:
            outcome = "stale read" if "since you read it" in exc.message else "lost the race"
        except BaseException as exc:  # anything else is the failure under test
            with tally.lock:
                tally.errors.append(exc)
            return
        with tally.lock:
            tally.attempts += 1
            if outcome == "written":
                tally.written += 1
            else:
                tally.conflicts[outcome] += 1


def test_concurrent_writers_lose_no_update(db_store: Store, db_url: str) -> None:
    ev_id = one_item(db_store)
    tally = Tally()
    start = threading.Barrier(WRITERS)
    threads = [threading.Thread(target=writer, args=(db_store, ev_id, n, start, tally))
               for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 60)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    assert tally.errors == [], f"{len(tally.errors)} writer(s) failed: {tally.errors[0]!r}"

    with db_store.session() as s:
        ev = get_evidence(s, ev_id)
        revisions = s.scalar(select(func.count(EvidenceRevision.id))
                             .where(EvidenceRevision.evidence_id == ev_id))
    backend = db_url.split(":", 1)[0]
    print(f"\n{backend}: {WRITERS} writers, {tally.attempts} attempts, {tally.written} written, "
          f"conflicts {dict(tally.conflicts)}")
    assert tally.written > 0
    assert int(ev.body) == tally.written == ev.version - 1
    assert revisions == tally.written + 1  # "created" and one per edit
    assert tally.attempts == tally.written + sum(tally.conflicts.values())


def write_over_newer_commit(store: Store, ev_id: int, change: str) -> None:
    """Read version 1, let another transaction commit version 2, then write from version 1."""
    with store.session() as late:
        # Held so the session keeps this state: the identity map forgets unreferenced objects.
        held = get_evidence(late, ev_id)
        with store.session() as early:
            edit_evidence(early, ev_id, {"body": "early"})
        assert held.version == 1
        if change == "edit":
            edit_evidence(late, ev_id, {"body": "late"})
        else:
            delete_evidence(late, ev_id)


@pytest.mark.postgresql
@pytest.mark.parametrize("change", ["edit", "delete"])
def test_write_over_a_newer_commit_is_a_conflict(pg_url: str, change: str) -> None:
    # Only PostgreSQL lets two write transactions interleave like this; on SQLite the second
    # waits for the first to end (see the next test). The late UPDATE says WHERE version = 1,
    # so it must match nothing rather than overwrite.
    store = Store(pg_url)
    ev_id = one_item(store)
    with pytest.raises(ConflictError, match="changed by someone else"):
        write_over_newer_commit(store, ev_id, change)
    with store.session() as s:
        ev = get_evidence(s, ev_id)
        assert (ev.body, ev.version, ev.deleted_at) == ("early", 2, None)
    store.close()


def test_sqlite_unit_of_work_holds_the_write_lock_from_its_first_read(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    store = Store(f"sqlite:///{path}")
    ev_id = one_item(store)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with store.session() as s:
        get_evidence(s, ev_id)
        # A writer that read first and wrote later could be refused without waiting; this
        # one already owns the lock, so the others wait their turn instead.
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
        assert other.execute("select body from evidence").fetchone() == ("0",)
    with store.session(read_only=True) as s:
        get_evidence(s, ev_id)
        other.execute("BEGIN IMMEDIATE")  # a reader leaves the lock free
        other.execute("UPDATE evidence SET body = '1'")
        other.execute("COMMIT")
        assert get_evidence(s, ev_id).body == "0"  # its snapshot, taken at its first read
    other.close()
    store.close()


def test_read_only_unit_of_work_refuses_writes(db_store: Store) -> None:
    ev_id = one_item(db_store)
    with pytest.raises(DBAPIError, match=r"(?i)read.?only"), \
            db_store.session(read_only=True) as s:
        edit_evidence(s, ev_id, {"body": "nope"})
    with db_store.session() as s:
        assert get_evidence(s, ev_id).body == "0"
        # The pooled connection that was read-only writes again in an ordinary unit of work.
        assert edit_evidence(s, ev_id, {"body": "1"}).version == 2
