"""Promotion cycles through the real application: who may call each cycle route, and the
blindness proof — before calibration a member's every view (pages, API, exports, audit
views, the CLI's JSON) holds no trace of another member's scores; after calibration the views
that show scores do."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from typer.testing import CliRunner

from cycle_helpers import CY_SCORES, RELEASED_RATIONALE, CycleIds, add_cycles, cy_score_rows
from staffpath.cli.main import app as cli_app
from staffpath.cycles import lifecycle, lookup
from staffpath.cycles.tables import Decision, Nomination
from staffpath.store.engine import Store
from web_helpers import (
    SIGNED_IN,
    SQLITE_ONLY,
    GridCase,
    World,
    Worlds,
    audit_count,
    routes_outside_the_grid,
    snapshot,
)

COMMITTEE = frozenset({"committee"})
ADMIN = frozenset({"admin"})
CYCLE_PATHS = ("/committee/cycles", "/admin/cycles", "/account/cycles", "/account/nominations",
               "/account/outcomes", "/api/committee/cycles", "/api/admin/cycles",
               "/api/account/outcomes")


Case = GridCase


C = "/committee/cycles/{cycle_id}"
N = "/nominations/{nomination_id}"
SCORE_FORM = {"level:execution": "staff", "comment:execution": "led the split across teams"}
DECISION = {"outcome": "not_yet", "rationale": "still one team's worth of scope"}
CASES = (
    Case("GET", "/committee/cycles", "/committee/cycles", COMMITTEE),
    Case("GET", C, "/committee/cycles/{open}", COMMITTEE),
    Case("GET", C + N, "/committee/cycles/{open}/nominations/{ada}", COMMITTEE),
    Case("GET", C + N + "/packet.{fmt}", "/committee/cycles/{open}/nominations/{ada}/packet.md",
         COMMITTEE),
    Case("POST", C + N + "/scores", "/committee/cycles/{open}/nominations/{ada}/scores",
         COMMITTEE, form=SCORE_FORM),
    Case("POST", C + N + "/decision",
         "/committee/cycles/{released}/nominations/{bo_released}/decision", COMMITTEE,
         form=DECISION),
    Case("GET", C + "/report.{fmt}", "/committee/cycles/{released}/report.csv", COMMITTEE),
    Case("GET", "/admin/cycles", "/admin/cycles", ADMIN),
    Case("POST", "/admin/cycles", "/admin/cycles", ADMIN,
         form={"name": "2027 H1", "opens_on": "2027-01-01", "closes_on": "2027-06-30"}),
    Case("GET", "/admin/cycles/{cycle_id}", "/admin/cycles/{open}", ADMIN),
    Case("POST", "/admin/cycles/{cycle_id}/state", "/admin/cycles/{draft}/state", ADMIN,
         form={"to": "open"}),
    Case("POST", "/admin/cycles/{cycle_id}/nominations", "/admin/cycles/{open}/nominations",
         ADMIN, form={"person": "mo"}),
    Case("POST", "/admin/cycles/{cycle_id}" + N + "/assign",
         "/admin/cycles/{open}/nominations/{ada}/assign", ADMIN, form={"member": "olga"}),
    Case("POST", "/admin/cycles/{cycle_id}" + N + "/submit",
         "/admin/cycles/{open}/nominations/{dana}/submit", ADMIN),
    Case("POST", "/admin/cycles/{cycle_id}" + N + "/decision",
         "/admin/cycles/{released}/nominations/{bo_released}/decision", ADMIN, form=DECISION),
    Case("POST", "/admin/cycles/{cycle_id}" + N + "/withdraw",
         "/admin/cycles/{open}/nominations/{dana}/withdraw", ADMIN),
    Case("GET", "/admin/cycles/{cycle_id}/report.{fmt}", "/admin/cycles/{released}/report.html",
         ADMIN),
    Case("GET", "/account/cycles", "/account/cycles", SIGNED_IN),
    Case("POST", "/account/cycles/{cycle_id}/nominate", "/account/cycles/{draft}/nominate",
         frozenset({"self", "peer", "manager", "other_manager", "committee"}),
         refusals={"skip_manager": 422}),  # Dana has no manager to agree
    Case("POST", "/account/nominations/{nomination_id}/agree",
         "/account/nominations/{bo_self}/agree", frozenset({"manager"}),
         form={"rating:strategy": "senior"}),
    # Only the nominee withdraws a self-nomination (Bo's); an admin does it from the cycle.
    Case("POST", "/account/nominations/{nomination_id}/withdraw",
         "/account/nominations/{bo_self}/withdraw", frozenset({"peer"})),
    # Mo rates Ada's nomination (an administrator's, already submitted): he is her manager.
    Case("POST", "/account/nominations/{nomination_id}/ratings",
         "/account/nominations/{ada}/ratings", frozenset({"manager"}),
         form={"rating:strategy": "staff", "rating:execution": "senior"}),
    # Mo writes and signs off his statement on Bo's self-nomination (not submitted yet).
    Case("POST", "/account/nominations/{nomination_id}/statement",
         "/account/nominations/{bo_self}/statement", frozenset({"manager"}),
         form={"text": "Bo carried the on-call rework", "sign_off": "on"}),
    Case("POST", "/account/nominations/{nomination_id}/submit",
         "/account/nominations/{dana}/submit", frozenset({"skip_manager"})),
    Case("GET", "/account/outcomes/{nomination_id}", "/account/outcomes/{bo_released}",
         frozenset({"peer"})),
    Case("GET", "/api/committee/cycles", "/api/committee/cycles", COMMITTEE),
    Case("GET", "/api/committee/cycles/{cycle_id}", "/api/committee/cycles/{open}", COMMITTEE),
    Case("PUT", "/api/committee/cycles/{cycle_id}" + N + "/scores",
         "/api/committee/cycles/{open}/nominations/{ada}/scores", COMMITTEE,
         json={"scores": {"execution": {"level": "staff", "comment": "led the split"}}}),
    Case("GET", "/api/admin/cycles/{cycle_id}", "/api/admin/cycles/{open}", ADMIN),
    Case("GET", "/api/account/outcomes", "/api/account/outcomes", SIGNED_IN),
)


WORLD_BACKENDS = SQLITE_ONLY


@pytest.fixture(scope="module")
def world_setup() -> Callable[[World], CycleIds]:
    """The cycles, added to the seeded world before it is copied."""
    return add_cycles


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_cycle_route_answers_each_caller_as_its_rule_says(worlds: Worlds, case: Case) -> None:
    problems = case.problems(worlds)
    assert problems == [], f"{case.key}:\n  " + "\n  ".join(problems)


def test_every_cycle_route_is_in_the_grid(worlds: Worlds) -> None:
    assert routes_outside_the_grid(worlds.shared_app, CYCLE_PATHS, CASES) == []


# --- blindness ---------------------------------------------------------------------------

MARKERS = [comment.split()[0] for _dim, _level, comment in CY_SCORES]


def text_of(response: httpx.Response) -> str:
    """What a person could read in a response: PDF text extracted, everything else as is."""
    if response.headers.get("content-type", "").startswith("application/pdf"):
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        # Table cells wrap long words across lines: search the text with its breaks removed.
        return text + "\n" + "".join(text.split())
    return response.text


def score_shapes(data: Any) -> list[dict[str, Any]]:
    """Every dict in a JSON answer that describes one member's score."""
    found = []
    if isinstance(data, dict):
        if "member" in data and "level" in data:
            found.append(data)
        for value in data.values():
            found += score_shapes(value)
    elif isinstance(data, list):
        for value in data:
            found += score_shapes(value)
    return found


def traces(body: str, ids: CycleIds) -> list[str]:
    """Traces of Cy's scores in a response: his comments' markers, his score ids in the
    places pages and JSON put them, and his levels where a score would carry them."""
    found = [m for m in MARKERS if m in body]
    found += [f"score id {i}" for i in ids.cy_score_ids if f'data-score-id="{i}"' in body]
    try:
        data = json.loads(body)
    except ValueError:
        return found
    for shape in score_shapes(data):
        if shape.get("member") == "cy" or shape.get("id") in ids.cy_score_ids:
            found.append(f"score {shape}")
    return found


def member_views(world: World, app: Any, ids: CycleIds, role: str = "committee",
                 handle: str = "cora") -> dict[str, str]:
    """Everything a member of Ada's panel (Cora unless named) can read about the cycle in
    progress, administrator's views included."""
    cora = world.client(role, app)
    base = f"/committee/cycles/{ids.open}"
    nom = f"{base}/nominations/{ids.ada}"
    got: dict[str, str] = {}
    for path in ("/committee/cycles", base, nom, f"{nom}/packet.html", f"{nom}/packet.md",
                 f"{base}/report.csv", f"{base}/report.html", f"{base}/report.pdf",
                 "/api/committee/cycles", f"/api/committee/cycles/{ids.open}",
                 "/account/cycles", "/api/account/outcomes", "/admin/audit",
                 "/api/admin/audit", f"/admin/cycles/{ids.open}",
                 f"/api/admin/cycles/{ids.open}"):
        got[f"GET {path}"] = text_of(cora.get(path))
    # Cora's own scoring post answers with her form: nothing of Cy's in it either.
    response = cora.post(f"{nom}/scores", headers={
        "X-CSRF-Token": world.csrf(role), "HX-Request": "true"}, data={
        "level:execution": "staff", "comment:execution": "CORA executes across teams"})
    got["POST scores (htmx)"] = response.text
    got["GET packet.pdf"] = text_of(cora.get(f"{nom}/packet.pdf"))
    result = CliRunner().invoke(cli_app, ["--db", world.url, "cycle", "show", "2026 H1",
                                          "--as", handle, "--json"])
    got["CLI cycle show --as cora --json"] = result.stdout
    result = CliRunner().invoke(cli_app, ["--db", world.url, "cycle", "report", "2026 H1",
                                          "--as", handle, "--format", "csv"])
    got["CLI cycle report --as cora"] = result.stdout + result.stderr
    return got


# Views that show scores once calibration opens; the rest never show any score.
SHOWS_SCORES = ("GET /committee/cycles/{open}", "GET /api/committee/cycles/{open}",
                "GET /committee/cycles/{open}/report.csv",
                "GET /committee/cycles/{open}/report.html",
                "GET /committee/cycles/{open}/report.pdf",
                "CLI cycle show --as cora --json", "CLI cycle report --as cora")


def test_a_member_sees_no_trace_of_another_members_scores_until_calibration(
        worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    # Cy scores one more dimension through the web, as a member would.
    cy = world.client("committee2", app)
    response = cy.put(f"/api/committee/cycles/{ids.open}/nominations/{ids.ada}/scores",
                      headers={"X-CSRF-Token": world.csrf("committee2")},
                      json={"scores": {"glue_work": {"level": "principal",
                                                     "comment": "CYSECRET-glue-0ff1"}}})
    assert response.status_code == 200, response.text
    markers = [*MARKERS, "CYSECRET-glue-0ff1"]
    before = member_views(world, app, ids)
    leaks = {view: found for view, body in before.items()
             if (found := traces(body, ids) + [m for m in markers[3:] if m in body])}
    assert leaks == {}
    # The views did answer (this is not blindness by everything failing).
    assert "CORAOWN-strategy-55aa" in before[f"GET /api/committee/cycles/{ids.open}"]
    assert "Ada Lovelace" in before[f"GET /committee/cycles/{ids.open}/nominations/{ids.ada}"]
    # The administrator's audit views never carry a score's value, before or after.
    admin = world.client("admin", app)
    for path in ("/admin/audit", "/api/admin/audit?limit=1000"):
        body = admin.get(path).text
        assert "score" in body  # the scoring is audited...
        assert not [m for m in markers if m in body]  # ...by ids only
    # Calibration opens (the two nominations without a packet are withdrawn first).
    store = Store(world.url)
    try:
        with store.session() as session:
            c = lookup.get_cycle(session, "2026 H1")
            for nid in (ids.dana, ids.bo_self):
                lifecycle.withdraw(session, lookup.get_nomination(session, c, nid))
    finally:
        store.close()
    response = admin.post(f"/admin/cycles/{ids.open}/state", data={"to": "calibration"},
                          headers={"X-CSRF-Token": world.csrf("admin")})
    assert response.status_code == 303, response.text
    after = member_views(world, app, ids)
    named = ("GET /committee/cycles/", "GET /api/committee/cycles/")
    after = {k.replace(str(ids.open), "{open}", 1) if k.startswith(named) else k: v
             for k, v in after.items()}
    for view in SHOWS_SCORES:
        body = after[view]
        assert all(m in body for m in markers), (view, body[:300])
    for view in ("GET /committee/cycles/{open}",):
        assert all(f'data-score-id="{i}"' in after[view] for i in ids.cy_score_ids)
    api = json.loads(after["GET /api/committee/cycles/{open}"])
    assert {s["id"] for s in score_shapes(api) if s["member"] == "cy"} >= set(
        ids.cy_score_ids)
    world.close()


def test_an_admin_on_the_panel_is_blind_like_any_member_until_calibration(
        worlds: Worlds) -> None:
    """Olga is made an administrator and a committee member, and sits on Ada's panel: every
    view she has, the administrator's included, holds no trace of Cy's scores and no member's
    progress until calibration; an administrator off the panel sees progress, never values."""
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    root = world.client("admin", app)
    write = {"X-CSRF-Token": world.csrf("admin")}
    olga = next(u for u in root.get("/api/admin/users").json()
                if u["login"] == "olga@corp.example")
    made = root.patch(f"/api/admin/users/{olga['id']}", headers=write,
                      json={"is_admin": True, "is_committee": True})
    assert made.status_code == 200, made.text
    seated = root.post(f"/admin/cycles/{ids.open}/nominations/{ids.ada}/assign", headers=write,
                       data={"member": "olga"})
    assert seated.status_code == 303, seated.text
    # The control: the administrator off the panel sees who has scored (Cy complete on one
    # dimension or more), so the checks below would see progress if Olga were shown it.
    off_panel = root.get(f"/admin/cycles/{ids.open}").text
    assert "cy: " in off_panel
    assert any("progress" in n for n in root.get(f"/api/admin/cycles/{ids.open}")
               .json()["nominations"])
    base = f"/admin/cycles/{ids.open}"
    views = member_views(world, app, ids, role="other_manager", handle="olga")
    me = world.client("other_manager", app)
    for path in (f"{base}/report.html", f"{base}/report.csv", f"{base}/report.pdf"):
        views[f"GET {path}"] = text_of(me.get(path))
    leaks = {view: found for view, body in views.items() if (found := traces(body, ids))}
    assert leaks == {}
    # Her pages answered as an administrator and a member (not blind by being refused).
    assert views[f"GET /api/admin/cycles/{ids.open}"].startswith("{")
    admin_view = json.loads(views[f"GET /api/admin/cycles/{ids.open}"])
    assert admin_view["viewer"] == {"admin": True, "member": True}
    assert not [n for n in admin_view["nominations"] if "progress" in n]
    assert "cy: " not in views[f"GET {base}"]
    assert "cora: " not in views[f"GET {base}"]
    assert "Ada Lovelace" in views[f"GET /committee/cycles/{ids.open}/nominations/{ids.ada}"]
    # Calibration opens: she reads every member's scores like the others.
    store = Store(world.url)
    try:
        with store.session() as session:
            c = lookup.get_cycle(session, "2026 H1")
            for nid in (ids.dana, ids.bo_self):
                lifecycle.withdraw(session, lookup.get_nomination(session, c, nid))
    finally:
        store.close()
    opened = root.post(f"{base}/state", data={"to": "calibration"}, headers=write)
    assert opened.status_code == 303, opened.text
    after = me.get(f"/api/committee/cycles/{ids.open}").text
    assert all(m in after for m in MARKERS)
    world.close()


def test_a_decision_changed_on_the_web_is_a_new_audited_version(worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    admin = world.client("admin", app)
    url = f"/admin/cycles/{ids.released}/nominations/{ids.bo_released}/decision"
    decides_before = audit_count(world.url, "ok")
    response = admin.post(url, headers={"X-CSRF-Token": world.csrf("admin")},
                          data={"outcome": "promote", "rationale": "re-read at appeal"})
    assert response.status_code == 303
    assert audit_count(world.url, "ok") == decides_before + 1
    store = Store(world.url)
    try:
        with store.session(read_only=True) as session:
            from sqlalchemy import select, text

            versions = [(d.version, d.outcome, d.rationale) for d in session.scalars(
                select(Decision).where(Decision.nomination_id == ids.bo_released)
                .order_by(Decision.version))]
            entry = session.execute(text(
                "SELECT action, target_type, target_id FROM audit_log ORDER BY id DESC LIMIT 1"
            )).one()
            latest = session.scalar(select(Decision.id).order_by(Decision.id.desc()))
    finally:
        store.close()
    assert versions == [(1, "not_yet", RELEASED_RATIONALE), (2, "promote", "re-read at appeal")]
    assert tuple(entry) == ("decide", "decision", latest)
    # Bo reads the newest version, marked as revised.
    page = world.client("peer", app).get(f"/account/outcomes/{ids.bo_released}")
    assert "re-read at appeal" in page.text
    assert "version 2" in page.text
    world.close()


def test_scoring_a_closed_cycle_is_refused_and_changes_nothing(worlds: Worlds) -> None:
    world = worlds.shared
    before = snapshot(world.url)
    response = world.client("committee", worlds.shared_app).post(
        f"/committee/cycles/{worlds.ids.released}/nominations/{worlds.ids.bo_released}/scores",
        headers={"X-CSRF-Token": world.csrf("committee")}, data=SCORE_FORM)
    assert response.status_code == 409
    assert "released" in response.text
    assert snapshot(world.url) == before


def test_the_frozen_packet_is_what_the_committee_reads(worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    url = f"/committee/cycles/{ids.open}/nominations/{ids.ada}/packet.md"
    frozen = world.client("committee", app).get(url).text
    ada = world.client("self", app)
    response = ada.post("/api/people/ada/entries", headers={"X-CSRF-Token": world.csrf("self")},
                        json={"title": "Wrote the payments strategy AFTER SUBMISSION"})
    assert response.status_code == 201
    assert "AFTER SUBMISSION" in ada.get("/people/ada/packet.md").text  # the live packet
    assert world.client("committee", app).get(url).text == frozen
    world.close()


def test_the_cli_refuses_in_one_line(run_cli: Any, tmp_path: Path) -> None:
    """The state machine's refusals as a terminal user meets them (one real process)."""
    roster = tmp_path / "r.csv"
    roster.write_text("name,email,team,manager,level,target_level,role\n"
                      "Ada Lovelace,ada@corp.example,,,senior,staff,engineer\n"
                      "Cy Panel,cy@corp.example,,,principal,,engineer\n", encoding="utf-8")
    script = (f"people import {roster}\n"
              "cycle open 2026H1 --opens 2026-01-01 --closes 2026-06-30\n")
    for line in script.splitlines():
        assert run_cli(*line.split()).code == 0
    result = run_cli("cycle", "decide", "2026H1", "ada", "promote", "--rationale", "early")
    assert result.code == 3  # Ada is not nominated
    assert result.err.count("\n") == 1
    assert "error:" in result.err


# --- withdrawing, a manager's ratings, folded calibration --------------------------------


def nomination_ids(url: str) -> set[int]:
    store = Store(url)
    try:
        with store.session(read_only=True) as session:
            return set(session.scalars(sa.select(Nomination.id)))
    finally:
        store.close()


def last_audit(url: str) -> tuple[str, str, str | None, int | None]:
    store = Store(url)
    try:
        with store.session(read_only=True) as session:
            row = session.execute(sa.text(
                "SELECT action, outcome, target_type, target_id FROM audit_log "
                "ORDER BY id DESC LIMIT 1")).one()
    finally:
        store.close()
    return (row[0], row[1], row[2], row[3])


def form_action_posts(page: str, action: str) -> bool:
    """Whether a page holds a form posting to `action` that carries a CSRF token field."""
    forms = re.findall(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>(.*?)</form>',
                       page, flags=re.S)
    return any('name="csrf_token"' in f for f in forms)


def test_an_admin_withdraws_a_nomination_from_the_cycle_page(worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    admin = world.client("admin", app)
    page = admin.get(f"/admin/cycles/{ids.open}").text
    url = f"/admin/cycles/{ids.open}/nominations/{ids.dana}/withdraw"
    assert form_action_posts(page, url)
    # Without the CSRF token, nothing happens.
    before = snapshot(world.url)
    assert admin.post(url).status_code == 403
    assert snapshot(world.url) == before
    # With it (as the page's form sends it), the nomination goes, audited by id.
    response = admin.post(url, data={"csrf_token": world.csrf("admin")})
    assert response.status_code == 303, response.text
    assert ids.dana not in nomination_ids(world.url)
    assert last_audit(world.url) == ("withdraw_nomination", "ok", "nomination", ids.dana)
    assert "Dana Director" not in admin.get(f"/admin/cycles/{ids.open}").text
    # Ada's nomination, scored by her panel: withdrawing it takes the scores with it.
    response = admin.post(f"/admin/cycles/{ids.open}/nominations/{ids.ada}/withdraw",
                          data={"csrf_token": world.csrf("admin")})
    assert response.status_code == 303
    assert cy_score_rows(world.url) == []
    # A finished cycle's nominations stay: the page says why, and nothing changes.
    before = snapshot(world.url)
    response = admin.post(
        f"/admin/cycles/{ids.released}/nominations/{ids.bo_released}/withdraw",
        data={"csrf_token": world.csrf("admin")})
    assert response.status_code == 409
    assert "withdrawing a nomination is possible only while it is draft or open" in (
        response.text)
    assert snapshot(world.url) == before
    assert last_audit(world.url)[:2] == ("withdraw_nomination", "refused")
    # A nomination of another cycle, under this cycle's address: not found.
    response = admin.post(f"/admin/cycles/{ids.open}/nominations/{ids.bo_released}/withdraw",
                          data={"csrf_token": world.csrf("admin")})
    assert response.status_code == 404
    world.close()


def test_a_nominee_withdraws_their_own_self_nomination_only(worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    bo = world.client("peer", app)
    url = f"/account/nominations/{ids.bo_self}/withdraw"
    assert form_action_posts(bo.get("/account/cycles").text, url)
    # Ada sees no withdraw button for the nomination an administrator made for her, and
    # posting one anyway finds nothing.
    ada = world.client("self", app)
    assert not form_action_posts(ada.get("/account/cycles").text,
                                 f"/account/nominations/{ids.ada}/withdraw")
    before = snapshot(world.url)
    response = ada.post(f"/account/nominations/{ids.ada}/withdraw",
                        data={"csrf_token": world.csrf("self")})
    assert response.status_code == 404
    assert snapshot(world.url) == before
    # Bo takes his back; the cycle is open to him again.
    response = bo.post(url, data={"csrf_token": world.csrf("peer")})
    assert response.status_code == 303
    assert ids.bo_self not in nomination_ids(world.url)
    assert last_audit(world.url) == ("withdraw_nomination", "ok", "nomination", ids.bo_self)
    page = bo.get("/account/cycles").text
    assert f'action="/account/cycles/{ids.open}/nominate"' in page
    # Mo no longer has it waiting for his agreement.
    assert "awaiting-agreement" not in world.client("manager", app).get("/account/cycles").text
    world.close()


def test_a_manager_rates_any_nomination_of_a_report_and_the_panel_reads_it(
        worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    mo = world.client("manager", app)
    page = mo.get("/account/cycles").text
    # Ada's nomination was an administrator's, so there was nothing for Mo to agree to.
    url = f"/account/nominations/{ids.ada}/ratings"
    assert form_action_posts(page, url)
    assert "Ada Lovelace · 2026 H1" in page
    response = mo.post(url, data={"csrf_token": world.csrf("manager"),
                                  "rating:strategy": "staff", "rating:execution": "senior"})
    assert response.status_code == 303, response.text
    assert last_audit(world.url) == ("rate_nomination", "ok", "nomination", ids.ada)
    # An unknown level is refused and changes nothing.
    before = snapshot(world.url)
    response = mo.post(url, data={"csrf_token": world.csrf("manager"),
                                  "rating:strategy": "wizard"})
    assert response.status_code >= 400
    assert snapshot(world.url) == before
    # Olga manages none of the nominees: nothing to find.
    response = world.client("other_manager", app).post(
        url, data={"csrf_token": world.csrf("other_manager"), "rating:strategy": "principal"})
    assert response.status_code == 404
    # Calibration opens (the other two withdrawn): the panel reads Mo's levels beside theirs.
    admin = world.client("admin", app)
    for nid in (ids.dana, ids.bo_self):
        assert admin.post(f"/admin/cycles/{ids.open}/nominations/{nid}/withdraw",
                          data={"csrf_token": world.csrf("admin")}).status_code == 303
    assert admin.post(f"/admin/cycles/{ids.open}/state", data={"to": "calibration"},
                      headers={"X-CSRF-Token": world.csrf("admin")}).status_code == 303
    view = world.client("committee", app).get(f"/api/committee/cycles/{ids.open}").json()
    rows = {r["dimension"]: r for r in view["nominations"][0]["calibration"]}
    assert (rows["strategy"]["manager"], rows["execution"]["manager"]) == ("staff", "senior")
    # Once calibration is open the manager's levels are settled.
    before = snapshot(world.url)
    response = mo.post(url, data={"csrf_token": world.csrf("manager"),
                                  "rating:strategy": "principal"})
    assert response.status_code == 409
    assert snapshot(world.url) == before
    assert "reports-nominations" not in mo.get("/account/cycles").text
    world.close()


def folded(page: str) -> dict[int, bool]:
    """Each packet on a calibration page: True when it starts open."""
    return {int(m.group(1)): " open" in m.group(2) for m in re.finditer(
        r'<details class="card packet-fold" id="nomination-(\d+)"([^>]*)>', page)}


def test_calibration_folds_decided_packets_and_opens_those_to_decide(worlds: Worlds) -> None:
    world = worlds.fresh()
    app = world.app()
    ids = worlds.ids
    admin = world.client("admin", app)
    # The released cycle: every packet decided, so folded, its decision on the summary line.
    page = admin.get(f"/admin/cycles/{ids.released}").text
    assert folded(page) == {ids.bo_released: False}
    assert 'data-testid="packet-spread"' in page
    assert "spread up to 1 level<" in page
    assert world.client("committee", app).get(
        f"/committee/cycles/{ids.released}").text.count('class="card packet-fold"') == 1
    # The open cycle goes to calibration with Ada's packet undecided: it starts open.
    store = Store(world.url)
    try:
        with store.session() as session:
            c = lookup.get_cycle(session, "2026 H1")
            for nid in (ids.dana, ids.bo_self):
                lifecycle.withdraw(session, lookup.get_nomination(session, c, nid))
    finally:
        store.close()
    admin.post(f"/admin/cycles/{ids.open}/state", data={"to": "calibration"},
               headers={"X-CSRF-Token": world.csrf("admin")})
    page = admin.get(f"/admin/cycles/{ids.open}").text
    assert folded(page) == {ids.ada: True}
    assert 'data-testid="undecided"' in page
    # Decided (the last packet, so the cycle is decided): folded again.
    admin.post(f"/admin/cycles/{ids.open}/nominations/{ids.ada}/decision",
               data={"csrf_token": world.csrf("admin"), **DECISION})
    assert folded(admin.get(f"/admin/cycles/{ids.open}").text) == {ids.ada: False}
    world.close()


def test_the_cli_rates_for_a_manager_as_the_web_does(worlds: Worlds) -> None:
    world = worlds.fresh()
    rate = ["--db", world.url, "cycle", "rate", "2026 H1", "ada"]
    result = CliRunner().invoke(cli_app, [*rate, "--as", "mo", "--rating", "strategy=staff",
                                          "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["manager_ratings"] == {"strategy": "staff"}
    assert last_audit(world.url) == ("rate_nomination", "ok", "nomination", worlds.ids.ada)
    before = snapshot(world.url)
    result = CliRunner().invoke(cli_app, [*rate, "--as", "olga", "--rating", "strategy=staff"])
    assert result.exit_code != 0
    assert snapshot(world.url) == before
    world.close()
