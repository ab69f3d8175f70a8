"""Preparing the organisation views ahead of the first visitor (see staffpath.web.warmup).

`prepare` computes what the views keep in the database (`org.snapshots`): everyone's item
columns and the level mix chart, the mined spans and file owners, today's risk report and its
trend chart, and the quality measures of every mined repository that can still be read. Each
is keyed by a digest of its inputs, so this only ever saves a visitor time: what is already
current is read, not computed, and a view asked for before it is done computes what it needs
itself.

It runs in `staffpath serve`'s background thread after startup (`warm_organisation`), and
after a mining run commits (`prepare_after_commit`), so the first visitor after new data
arrives reads what the run left instead of computing it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.errors import StaffpathError
from staffpath.framework.registry import active_framework
from staffpath.mining.rules import MiningRules
from staffpath.mining.tables import MinedRepo
from staffpath.org import charts, quality, service
from staffpath.store.engine import READ_ONLY, Store
from staffpath.workspace import QualityConfig

log = logging.getLogger(__name__)
_PENDING = "staffpath_org_prepare"  # session.info: a mining run asked for a warm-up
_LISTENING = "staffpath_org_prepare_listening"


def warm_organisation(store: Store, *, rules: MiningRules | None = None,
                      configs: Sequence[QualityConfig] = (),
                      as_of: dt.date | None = None) -> dict[str, float]:
    """Bring the stored snapshots of the organisation views up to date with their inputs, in
    a read-only unit of work (snapshots are written briefly on connections of their own, so
    writers are never held up). Returns the seconds each part took."""
    with store.session(read_only=True) as session:
        return prepare(session, rules=rules, configs=configs, as_of=as_of)


def prepare(session: Session, *, rules: MiningRules | None = None,
            configs: Sequence[QualityConfig] = (), as_of: dt.date | None = None
            ) -> dict[str, float]:
    """Compute (or find current) every kept part of the organisation views. `rules` are the
    workspace's mining rules (their exclusions key the risk report); quality is measured with
    `configs` and every configuration a scorecard was measured with before."""
    viewer = Principal.command_line()
    day = as_of or dt.date.today()
    rules = rules or MiningRules()
    timings: dict[str, float] = {}

    def step(name: str) -> _Step:
        return _Step(name, timings)

    with step("levels"):
        framework = active_framework(session)
        mix = service.levels(session, viewer, framework, as_of=day)
        charts.level_mix_svg(mix, session=session)
    with step("risk"):
        report = service.risk(session, viewer, as_of=day, rules=rules)
        charts.truck_trend_svg(report, session=session)
    with step("quality"):
        wanted = list(configs) + [c for c in quality.stored_configs(session)
                                  if c not in configs]
        for name, path in session.execute(select(MinedRepo.name, MinedRepo.path)
                                          .order_by(MinedRepo.name)):
            if not Path(path).is_dir():
                continue
            for config in wanted:
                try:
                    service.quality(session, viewer, name, config)
                except StaffpathError as exc:  # nothing to measure there (yet)
                    log.info("quality of %s not prepared: %s", name, exc)
                    break
    return timings


class _Step:
    """Times one part of the warm-up; a failure is logged and the next part still runs."""

    def __init__(self, name: str, timings: dict[str, float]):
        self.name, self.timings = name, timings

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, kind: Any, exc: BaseException | None, tb: Any) -> bool:
        self.timings[self.name] = time.perf_counter() - self.t0
        if isinstance(exc, Exception):
            log.warning("warm-up of the organisation's %s failed: %s", self.name, exc)
            return True
        return False


# --- after a mining run ------------------------------------------------------------------------


def prepare_after_commit(session: Session, *, rules: MiningRules | None = None) -> None:
    """Once this session's transaction commits (a mining run's), prepare the organisation
    views from what it wrote, in a read-only unit of work of its own; nothing happens if the
    transaction rolls back. Several runs in one transaction prepare once."""
    session.info[_PENDING] = rules or MiningRules()
    if session.info.get(_LISTENING):
        return
    session.info[_LISTENING] = True
    event.listen(session, "after_commit", _committed)
    event.listen(session, "after_rollback", _rolled_back)


def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _committed(session: Session) -> None:
    rules = session.info.pop(_PENDING, None)
    if rules is None:
        return
    bind = session.get_bind()
    assert isinstance(bind, Engine)
    reading: dict[str, Any] = {READ_ONLY: True}
    if bind.dialect.name == "postgresql":
        reading["postgresql_readonly"] = True
    t0 = time.perf_counter()
    try:
        with Session(bind.execution_options(**reading)) as fresh, fresh.begin():
            prepare(fresh, rules=rules)
    except Exception:  # the run is committed: a failed warm-up only costs a visitor time
        log.exception("preparing the organisation views after mining failed")
        return
    log.info("organisation views prepared after mining in %.2f s", time.perf_counter() - t0)
