"""Blind means unanchored: a panel member reads the evidence and the questions, not the
engine's verdict, levels or gaps, until they have scored every dimension; calibration then
shows the engine's view beside the panel's."""

from __future__ import annotations

import pytest

from cycle_helpers import CycleIds, add_cycles
from staffpath.cycles.tables import Cycle
from staffpath.framework.loader import default_framework
from staffpath.store.engine import Store
from web_helpers import SQLITE_ONLY, World, Worlds, WorldSetup

WORLD_BACKENDS = SQLITE_ONLY
# What only the engine's view shows in a packet.
ENGINE_VIEW = ("Summary by dimension", "Evidence supports", "Dimensions at target",
               "Level the evidence supports today", "Dimensions at the target level")


@pytest.fixture(scope="module")
def world_setup() -> WorldSetup:
    return add_cycles


def _packets(world: World, ids: CycleIds) -> dict[str, str]:
    cora = world.client("committee")
    nom = f"/committee/cycles/{ids.open}/nominations/{ids.ada}"
    out = {fmt: cora.get(f"{nom}/packet.{fmt}").text for fmt in ("html", "md")}
    out["page"] = cora.get(nom).text
    return out


def _score_everything(world: World, ids: CycleIds) -> None:
    cora = world.client("committee")
    fields = {}
    for dim in default_framework().dimension_ids:
        fields[f"level:{dim}"] = "staff"
        fields[f"comment:{dim}"] = f"CORA on {dim}"
    response = cora.post(f"/committee/cycles/{ids.open}/nominations/{ids.ada}/scores",
                         headers={"X-CSRF-Token": world.csrf("committee"),
                                  "HX-Request": "true"}, data=fields)
    assert response.status_code == 200, response.text[:400]
    assert response.headers.get("HX-Refresh") == "true"


def test_no_verdict_or_level_summary_before_the_member_has_scored(worlds: Worlds) -> None:
    world = worlds.fresh()
    ids: CycleIds = worlds.ids
    before = _packets(world, ids)
    for fmt in ("html", "md"):
        assert not [w for w in ENGINE_VIEW if w in before[fmt]], fmt
        assert "Score the evidence first" in before[fmt]
        # The evidence and the questions are all there.
        assert "Evidence appendix" in before[fmt]
    assert 'data-testid="unanchored-note"' in before["page"]
    _score_everything(world, ids)
    after = _packets(world, ids)
    for fmt in ("html", "md"):
        assert "Score the evidence first" not in after[fmt]
        assert "Summary by dimension" in after[fmt]
    assert 'data-testid="engine-shown"' in after["page"]


def test_a_cycle_that_shows_the_verdict_shows_it_before_scoring(worlds: Worlds) -> None:
    world = worlds.fresh()
    ids: CycleIds = worlds.ids
    store = Store(world.url)
    try:
        with store.session() as session:
            cycle = session.get(Cycle, ids.open)
            assert cycle is not None
            assert cycle.unanchored  # the default
            cycle.unanchored = False
    finally:
        store.close()
    packets = _packets(world, ids)
    assert "Summary by dimension" in packets["html"]
    assert "Score the evidence first" not in packets["html"]
    assert "unanchored-note" not in packets["page"]
