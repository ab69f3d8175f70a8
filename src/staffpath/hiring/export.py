"""The debrief as a spreadsheet: one row per interviewer and dimension. Only from the debrief
on (before it, a scorecard is its author's alone), and cells a spreadsheet would run as
formulas are neutralised."""

from __future__ import annotations

import csv
import io

from sqlalchemy.orm import Session

from staffpath.accounts.principal import Principal
from staffpath.hiring import lookup
from staffpath.hiring.debrief import DEBRIEFED
from staffpath.ledger.cells import spreadsheet_safe


def debrief_csv(session: Session, viewer: Principal, loop_id: int) -> str:
    """Every submitted scorecard of a debriefed loop; before the debrief, the viewer's own."""
    loop = lookup.loop_for(session, viewer, loop_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["loop", "interviewer", "interview", "dimension", "level", "evidence",
                     "lean"])
    for interview in loop.interviews:
        card = interview.scorecard
        mine = interview.interviewer_id == viewer.person_id
        if card is None or not (mine or (loop.state in DEBRIEFED
                                         and card.submitted_at is not None)):
            continue
        for dim, level in card.levels.items():
            writer.writerow([loop.id, interview.interviewer.handle, interview.kind, dim, level,
                             spreadsheet_safe(card.evidence.get(dim, "")), card.lean or ""])
    return out.getvalue()
