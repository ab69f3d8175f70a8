"""`staffpath demo` builds the organisation through the real pipeline and tells people apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from staffpath.demo.build import MARKER, build_demo, prepare_demo_dir
from staffpath.errors import StoreError

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def demo(demo_build):  # type: ignore[no-untyped-def]
    return demo_build


def test_ready_and_not_ready_people_come_out_as_the_story_says(demo) -> None:  # type: ignore[no-untyped-def]
    judged = [o for o in demo.outcomes if o.expect_ready is not None]
    assert len(judged) >= 10
    wrong = [(o.handle, o.expect_ready, o.overall_level) for o in judged
             if o.ready != o.expect_ready]
    assert wrong == []
    assert {o.handle for o in judged if o.ready and o.target_level == "staff"} >= {
        "priya.nair", "daniel.okafor", "meilin.zhao"}


def test_packets_differ_between_ready_and_not_ready(demo) -> None:  # type: ignore[no-untyped-def]
    by = {o.handle: o for o in demo.outcomes}
    ready = by["priya.nair"].packet.read_text(encoding="utf-8")
    not_ready = by["grace.adeyemi"].packet.read_text(encoding="utf-8")
    assert ready.count("> **Not yet answered.**") < not_ready.count("> **Not yet answered.**")
    assert "## Gaps and the plan" in not_ready
    assert by["priya.nair"].gaps < by["grace.adeyemi"].gaps


def test_rebuild_replaces_a_demo_but_never_a_foreign_folder(tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(StoreError, match="not made by `staffpath demo`"):
        build_demo(foreign, today=TODAY)
    assert (foreign / "thesis.tex").read_text(encoding="utf-8") == "precious"
    assert not (foreign / MARKER).exists()
    earlier = tmp_path / "earlier-demo"
    prepare_demo_dir(earlier)
    (earlier / "staffpath.db").write_text("old demo", encoding="utf-8")
    prepare_demo_dir(earlier)  # a demo folder is rebuilt from nothing
    assert sorted(p.name for p in earlier.iterdir()) == [MARKER]

# `staffpath demo --json` end to end (its summary, the two PDFs, a ready person assessed at
# their target) is checked where the command is run for real: `test_demo_db` on PostgreSQL,
# and the README's quick start (`test_cli_start`) on the embedded SQLite.
