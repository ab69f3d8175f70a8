"""Export cells a spreadsheet would run as formulas, look-alikes included, are neutralised;
ordinary text is left alone. Checked on the journal's CSV export as served."""

from __future__ import annotations

import csv
import io

import pytest

from staffpath.ledger.cells import spreadsheet_safe
from web_helpers import SQLITE_ONLY, World

WORLD_BACKENDS = SQLITE_ONLY


@pytest.mark.parametrize("cell", [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1",
    "\uff1dHYPERLINK(\"http://x\")",  # full-width equals sign
    "\uff0b1", "\uff0d1", "\uff20SUM(A1)",  # full-width plus, minus, at
    "\u2212 1", "\u2013cmd", "\ufe66 1", "\u207a1",  # minus sign, en dash, small =, superscript +
    " =1", "\u00a0=1", "\u3000\uff1d1", "\u200b=1", "\ufeff=1",  # behind blanks and invisibles
])
def test_formula_starts_and_their_look_alikes_are_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "Led the cart split", "1,000 users", "#design",
                                  "'quoted", "(note)", "Ünïcode", "日本語", "★ star"])
def test_ordinary_text_is_left_alone(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


def test_the_journal_export_neutralises_a_full_width_equals(world: World) -> None:
    client = world.client("self")
    title = "\uff1dHYPERLINK(\"http://evil.example\",\"x\")"
    made = client.post("/api/people/ada/entries", json={"title": title},
                       headers={"X-CSRF-Token": world.csrf("self")})
    assert made.status_code == 201
    exported = client.get("/api/people/ada/journal/export", params={"format": "csv"})
    assert exported.status_code == 200
    titles = [row["title"] for row in csv.DictReader(io.StringIO(exported.text))]
    assert "'" + title in titles
    assert title not in titles
