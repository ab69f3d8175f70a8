"""Promotion cycle pages: a member's assigned packets, blind scoring, calibration, decisions
(`committee`); the admin's cycle management (`admin`); a nominee's own nominations and
released outcome, and a manager's agreement and ratings (`account`).

Every read and change goes through `staffpath.cycles`, which decides what the viewer may see
and may do, and audits each change; these pages only read the request and lay out the answer.
A packet or cycle the caller may not reach answers 404.
"""

from __future__ import annotations

from fastapi import APIRouter

from staffpath.web.views.cycles import account, admin, committee

router = APIRouter(include_in_schema=False)
for pages in (committee, admin, account):
    router.include_router(pages.router)
