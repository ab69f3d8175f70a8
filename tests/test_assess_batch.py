"""The organisation-wide batch assessment gives exactly the per-person engine's levels."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import assess
from staffpath.assess.signals import Item
from staffpath.framework.loader import default_framework
from staffpath.vocab import EvidenceKind, Role, Scope, SourceClass

TODAY = dt.date(2026, 11, 1)
FW = default_framework()


@st.composite
def items(draw: st.DrawFn, person: int) -> list[Item]:
    out = []
    for n in range(draw(st.integers(min_value=0, max_value=30))):
        start = TODAY - dt.timedelta(days=draw(st.integers(min_value=-30, max_value=900)))
        undated = draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans())
        length = draw(st.sampled_from([0, 0, 0, 20, 120]))
        out.append(Item(
            id=person * 1000 + n, title="x", kind=draw(st.sampled_from(list(EvidenceKind))),
            date_start=None if undated else start,
            date_end=None if undated or not length else start + dt.timedelta(days=length),
            scope=draw(st.sampled_from(list(Scope))),
            dimensions=frozenset(draw(st.lists(st.sampled_from(FW.dimension_ids), max_size=2))),
            role=draw(st.sampled_from(list(Role))),
            source=draw(st.sampled_from(list(SourceClass))),
            impact=draw(st.sampled_from([0.0, 0.2, 0.6, 1.0])),
        ))
    return out


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_batch_matches_the_engine(data: st.DataObject) -> None:
    people = [data.draw(items(p)) for p in range(data.draw(st.integers(1, 12)))]
    as_of = TODAY - dt.timedelta(days=data.draw(st.integers(0, 400)))
    batch = assess_batch(FW, columns_from_items(FW, people), len(people), as_of)
    for p, record in enumerate(people):
        one = assess(FW, record, as_of=as_of)
        want = [FW.level_ids.index(d.level) if d.level else -1 for d in one.dimensions]
        assert batch.levels[p].tolist() == want
        assert batch.confidence[p].tolist() == pytest.approx(
            [d.confidence for d in one.dimensions], abs=0.011)
        assert batch.overall[p] == (FW.level_ids.index(one.overall_level)
                                    if one.overall_level else -1)


def test_empty_organisation() -> None:
    batch = assess_batch(FW, columns_from_items(FW, [[], []]), 2, TODAY)
    assert batch.levels.tolist() == [[-1] * len(FW.dimensions)] * 2
    assert batch.overall.tolist() == [-1, -1]
