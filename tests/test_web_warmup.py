"""Startup compiles every template, so no visitor pays for it; a failed background warm-up
leaves the server answering."""

from __future__ import annotations

from pathlib import Path

import pytest

from staffpath.web import warmup
from staffpath.web.app import create_app
from web_helpers import TestClient


def test_startup_compiles_every_template(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'db.sqlite'}", workspace=tmp_path)
    env = app.state.web.templates.env
    pages = {n for n in env.list_templates() if n.endswith(".html")}
    assert {"assessment.html", "team.html", "base.html"} <= pages
    with TestClient(app):
        compiled = {t.name for t in env.cache.values()} if env.cache is not None else set()
    assert pages <= compiled


def test_a_failing_background_warm_up_is_logged_and_the_server_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import staffpath.org.warm as org_warm

    def broken(_store: object) -> None:
        raise RuntimeError("no snapshots today")

    monkeypatch.setattr(org_warm, "warm_organisation", broken)
    app = create_app(f"sqlite:///{tmp_path / 'db.sqlite'}", workspace=tmp_path,
                     warm_in_background=True)
    with TestClient(app) as client:
        thread = warmup.prepare_in_background(app.state.web)
        thread.join(timeout=30)
        assert client.get("/healthz").status_code == 200
    assert "warm-up of the organisation views failed" in caplog.text
