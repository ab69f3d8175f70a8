"""What `staffpath assess` says on the demo, kept as files a reviewer can read: the verdict and
the gaps first, gap sentences with units, the work that would close most of it; the same as
JSON. A change to the rules or the wording shows up here as a diff.

Regenerate after a deliberate change:
    STAFFPATH_UPDATE_SNAPSHOTS=1 pytest tests/test_assess_snapshots.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).parent / "data" / "snapshots"
AS_OF = "2026-11-21"  # the day the demo is built for
# A ready candidate, a not-ready one, and a senior working toward staff with gaps.
PEOPLE = ("priya.nair", "jake.morrison", "aisha.bello")


def _assess(root: Path, handle: str, *extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    env["COLUMNS"] = "110"
    done = subprocess.run(
        [sys.executable, "-m", "staffpath", "--workspace", str(root), "assess", handle,
         "--as-of", AS_OF, *extra], capture_output=True, text=True, env=env, check=False,
        timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _check(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("STAFFPATH_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with STAFFPATH_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see the diff"


@pytest.mark.parametrize("handle", PEOPLE)
def test_assess_text_on_the_demo_reads_as_recorded(demo_build, handle: str) -> None:  # type: ignore[no-untyped-def]
    text = _assess(demo_build.root, handle)
    # What a reader relies on, whatever the snapshot says.
    assert "item(s)" not in text
    assert "Traceback" not in text
    _check(f"assess-{handle}.txt", text)


@pytest.mark.parametrize("handle", PEOPLE)
def test_assess_json_on_the_demo_reads_as_recorded(demo_build, handle: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(_assess(demo_build.root, handle, "--json"))
    # Keep what the judgement decides and the sentences a person reads; leave out confidence
    # arithmetic and evidence ids, which a new demo item would shift without meaning.
    kept = {
        "overall_level": data["overall_level"], "evidence_level": data.get("evidence_level"),
        "target_level": data["target_level"], "below_current": data.get("below_current"),
        "unrecorded": data.get("unrecorded"),
        "dimensions": {dim: d["level"] for dim, d in data["dimensions"].items()},
        "gaps": [{"dimension": g["dimension"], "outcome": g.get("outcome"),
                  "missing": g["missing"]} for g in data["gaps"]],
    }
    _check(f"assess-{handle}.json", json.dumps(kept, indent=2, sort_keys=True) + "\n")
