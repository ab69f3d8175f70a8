"""Small bookkeeping writes from many requests, committed together.

Reading someone's page writes an audit entry, and a live session notes its activity now and
then. Each alone is a tiny transaction, but on SQLite every transaction takes the one write
lock, and requests that find it taken back off and sleep (1, 2, 5, 10 ms and up): under load
those sleeps, not the work, set the slowest response times.

`GroupCommit` queues such writes and commits everything queued in one transaction; while it
commits, new writes queue for the next one. A request still answers only after its own
writes are committed, so nothing is audited later than it used to be. If a shared
transaction fails, each write is retried alone, so one bad write fails only its own request.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from staffpath.store.engine import Store, UnitOfWork

Write = Callable[[UnitOfWork], None]


@dataclass
class _Pending:
    write: Write
    done: asyncio.Future[None]


@dataclass
class _Queue:
    """One event loop's queued writes (futures belong to the loop that made them)."""

    pending: list[_Pending] = field(default_factory=list)
    flushing: asyncio.Task[None] | None = None


class GroupCommit:
    """Queues per event loop: a server has one; test clients may run several at once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.transactions = 0  # how many commits so far (tests read it)
        self._queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Queue] = (
            weakref.WeakKeyDictionary())
        self._lock = threading.Lock()

    async def write(self, write: Write) -> None:
        """Run `write` in a transaction shared with other requests'; return once committed."""
        loop = asyncio.get_running_loop()
        with self._lock:
            queue = self._queues.setdefault(loop, _Queue())
        done: asyncio.Future[None] = loop.create_future()
        queue.pending.append(_Pending(write, done))
        if queue.flushing is None or queue.flushing.done():
            queue.flushing = loop.create_task(self._flush(queue))
        await done

    async def _flush(self, queue: _Queue) -> None:
        while queue.pending:
            batch, queue.pending = queue.pending, []
            try:
                outcomes = await run_in_threadpool(self._commit, batch)
            except BaseException as exc:  # cancelled, or the threadpool itself failed
                outcomes = [exc] * len(batch)
            for pending, error in zip(batch, outcomes, strict=True):
                if pending.done.done():
                    continue
                if error is None:
                    pending.done.set_result(None)
                else:
                    pending.done.set_exception(error)

    def _commit(self, batch: list[_Pending]) -> list[BaseException | None]:
        try:
            self._run([p.write for p in batch])
            return [None] * len(batch)
        except Exception as exc:
            if len(batch) == 1:
                return [exc]
        results: list[BaseException | None] = []
        for pending in batch:
            try:
                self._run([pending.write])
                results.append(None)
            except Exception as exc:
                results.append(exc)
        return results

    def _run(self, writes: list[Write]) -> None:
        with self.store.session() as session:
            for write in writes:
                write(session)
        with self._lock:
            self.transactions += 1
