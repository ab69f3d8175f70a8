"""What the cycle pages share: stage labels for the templates, and the report download."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response

from staffpath.accounts.principal import Principal
from staffpath.cycles.lifecycle import OUTCOME_TITLES
from staffpath.cycles.report import ReportFormat, report_file, report_for
from staffpath.web.context import Ctx
from staffpath.web.downloads import download

STATE_LABELS = {"draft": "Draft", "open": "Open for scoring", "calibration": "Calibration",
                "decided": "Decided", "released": "Released"}


def base_context() -> dict[str, Any]:
    return {"state_labels": STATE_LABELS, "outcome_titles": OUTCOME_TITLES}


def report_response(ctx: Ctx, cycle_id: int, fmt: ReportFormat, viewer: Principal
                    ) -> Response:
    """The cycle report as a file; its HTML is served under the sandboxing policy."""
    ctx.target("cycle", cycle_id)
    with ctx.write() as session:  # a write only in that the export is audited
        report = report_for(session, cycle_id, viewer)
    found = report_file(report, fmt)
    return download(found.body, found.media_type, found.filename, sandbox=fmt == "html")
