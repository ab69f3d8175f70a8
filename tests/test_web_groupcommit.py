"""The group commit: bookkeeping writes of concurrent requests share transactions, each
request goes on only once its own writes are stored, and one bad write fails only itself."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from staffpath.accounts import audit
from staffpath.accounts.tables import AuditEntry
from staffpath.store.engine import Store
from staffpath.web.groupcommit import GroupCommit


def entry(n: int) -> audit.AuditEvent:
    return audit.AuditEvent(action="read_assessment", target_type="person", target_id=n)


def count(store: Store) -> int:
    with store.session(read_only=True) as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()


def test_concurrent_writes_share_transactions_and_are_stored_before_they_return(
        store: Store) -> None:
    commits = GroupCommit(store)
    seen_after_return: list[int] = []

    async def request(n: int) -> None:
        await commits.write(lambda s: audit.record_many(s, [entry(n)]))
        seen_after_return.append(count(store))  # stored by the time the request goes on

    async def main() -> None:
        await asyncio.gather(*(request(n) for n in range(40)))

    asyncio.run(main())
    assert count(store) == 40
    assert min(seen_after_return) >= 1
    assert all(seen >= rank + 1 for rank, seen in enumerate(sorted(seen_after_return)))
    assert 1 <= commits.transactions < 40
    with store.session(read_only=True) as session:
        assert sorted(session.scalars(select(AuditEntry.target_id))) == list(range(40))


def test_a_failing_write_fails_only_its_own_request(store: Store) -> None:
    commits = GroupCommit(store)

    def broken(session: Session) -> None:
        audit.record_many(session, [entry(999)])
        raise RuntimeError("this write is broken")

    async def main() -> list[BaseException | None]:
        calls = [commits.write(lambda s, n=n: audit.record_many(s, [entry(n)]))
                 for n in range(5)]
        calls.insert(2, commits.write(broken))
        return list(await asyncio.gather(*calls, return_exceptions=True))

    outcomes = asyncio.run(main())
    assert [type(o).__name__ for o in outcomes] == [
        "NoneType", "NoneType", "RuntimeError", "NoneType", "NoneType", "NoneType"]
    with store.session(read_only=True) as session:
        # The broken write's entry was rolled back with it; everyone else's is stored.
        assert sorted(session.scalars(select(AuditEntry.target_id))) == list(range(5))


def test_writes_after_a_quiet_spell_start_a_new_flush(store: Store) -> None:
    commits = GroupCommit(store)

    async def main() -> None:
        await commits.write(lambda s: audit.record_many(s, [entry(1)]))
        await asyncio.sleep(0)
        await commits.write(lambda s: audit.record_many(s, [entry(2)]))

    asyncio.run(main())
    assert count(store) == 2
    assert commits.transactions == 2


def test_event_loops_in_several_threads_each_get_their_own_queue(store: Store) -> None:
    """Test clients run the application on event loops of their own, several at once."""
    import threading

    commits = GroupCommit(store)
    errors: list[BaseException] = []

    def loop_thread(base: int) -> None:
        async def main() -> None:
            await asyncio.gather(*(
                commits.write(lambda s, n=n: audit.record_many(s, [entry(base + n)]))
                for n in range(10)))
        try:
            asyncio.run(asyncio.wait_for(main(), timeout=60))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=loop_thread, args=(100 * t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count(store) == 40
