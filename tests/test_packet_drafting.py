"""Optional drafting against a real local HTTP server: faithful rewrites are used, unfaithful
ones are refused with a warning, and nothing is sent unless drafting is switched on."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from staffpath.packet.document import PacketDocument
from staffpath.packet.drafting import (
    DraftSettings,
    check_rewrite,
    draft_document,
    draft_settings,
    endpoint,
)
from staffpath.packet.render import render_packet
from staffpath.workspace import DraftingConfig
from test_packet import BRAG
from test_packet_pdf import build_ada_doc


def _rewrite(mode: str, prose: dict[str, str]) -> str:
    """What the fake model answers, by the mode named in the URL path."""
    out = {k: v.replace("record holds", "record contains") for k, v in prose.items()}
    if mode == "invents":
        out["summary"] += " This saved $2.5M and 40% of on-call time."
    elif mode == "drops":
        out["summary"] = re.sub(r"\s*\[E\d+\]", "", out["summary"], count=1)
    elif mode == "adds":
        out["summary"] += " See also [E999]."
    elif mode == "fenced":
        return "```json\n" + json.dumps(out) + "\n```"
    elif mode == "garbage":
        return "Sure! Here is a better version of your packet."
    return json.dumps(out)


class FakeModel(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []  # noqa: RUF012 -- shared with the test through the class

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.requests.append({"path": self.path, "body": body,
                                   "auth": self.headers.get("Authorization")})
        mode = self.path.strip("/").split("/")[0]
        if mode == "down":
            self.send_response(503)
            self.end_headers()
            return
        prose = json.loads(body["messages"][-1]["content"])
        reply = {"choices": [{"message": {"role": "assistant",
                                          "content": _rewrite(mode, prose)}}]}
        data = json.dumps(reply).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> PacketDocument:
    return build_ada_doc(tmp_path_factory.mktemp("drafting"))


@pytest.fixture(autouse=True)
def _clear_requests() -> None:
    FakeModel.requests.clear()


def test_a_faithful_rewrite_is_used(server: str, doc: PacketDocument) -> None:
    drafted, warnings = draft_document(doc, DraftSettings(f"{server}/faithful", model="tiny"))
    assert warnings == []
    assert drafted.summary == doc.summary.replace("record holds", "record contains")
    assert "My record contains" in render_packet(drafted, "md").decode("utf-8")
    (request,) = FakeModel.requests
    assert request["path"] == "/faithful/v1/chat/completions"
    assert request["body"]["model"] == "tiny"
    sent = request["body"]["messages"][-1]["content"]
    # Only the packet's own prose goes out, never the evidence's details.
    assert set(json.loads(sent)) == set(doc.prose())
    assert "no downtime allowed" not in sent


@pytest.mark.parametrize(("mode", "reason"), [
    ("invents", "introduced number(s) not in the evidence: 2.5, 40"),
    ("drops", "dropped the citation(s) [E"),
    ("adds", "added the citation(s) [E999]"),
])
def test_an_unfaithful_rewrite_falls_back_to_the_template_text(
    server: str, doc: PacketDocument, mode: str, reason: str
) -> None:
    drafted, warnings = draft_document(doc, DraftSettings(f"{server}/{mode}"))
    assert drafted.summary == doc.summary
    assert render_packet(drafted, "md") == render_packet(
        doc.with_prose({k: v.replace("record holds", "record contains")
                        for k, v in doc.prose().items() if k != "summary"}), "md")
    (warning,) = warnings
    assert warning.startswith("drafting: kept the template text for summary: ")
    assert reason in warning


@pytest.mark.parametrize(("mode", "expect"), [
    ("fenced", None),
    ("garbage", "not the JSON object asked for"),
    ("down", "HTTP 503"),
])
def test_replies_in_a_fence_are_read_and_broken_ones_are_skipped(
    server: str, doc: PacketDocument, mode: str, expect: str | None
) -> None:
    drafted, warnings = draft_document(doc, DraftSettings(f"{server}/{mode}/v1"))
    if expect is None:
        assert warnings == []
        assert drafted.summary.startswith("My record contains")
    else:
        assert drafted == doc
        (warning,) = warnings
        assert warning.startswith("drafting skipped, the packet uses its template text")
        assert expect in warning


def test_an_endpoint_that_is_not_there_is_a_warning_not_a_failure(doc: PacketDocument) -> None:
    drafted, warnings = draft_document(doc, DraftSettings("http://127.0.0.1:9", timeout=5))
    assert drafted == doc
    assert "could not reach http://127.0.0.1:9/v1/chat/completions" in warnings[0]


def test_checks_on_a_rewrite() -> None:
    original = "6 projects reached 3 teams [E1] [E2]; $1.2M a year [E3]."
    assert check_rewrite(original, "Six projects reached three teams [E1] [E2], worth "
                                    "$1.2M a year [E3].") is None
    assert "twelve" not in original
    assert check_rewrite(original, "Twelve projects [E1] [E2] [E3].") is not None
    assert check_rewrite(original, "6 projects reached 3 teams [E1] [E2]; $1,200,000 [E3].")
    assert check_rewrite(original, "[E1] [E2] [E3]" + " very" * 200)
    assert check_rewrite("Nothing yet.", "") is not None


def test_settings_come_from_the_flag_over_the_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    assert draft_settings(None) is None
    config = DraftingConfig(url="http://models.local:8080", model="m1", api_key_env="SP_KEY")
    monkeypatch.setenv("SP_KEY", "secret")
    from_config = draft_settings(config)
    assert from_config == DraftSettings("http://models.local:8080", "m1", "secret")
    flagged = draft_settings(config, "http://other:1/v1", "m2")
    assert flagged is not None
    assert (flagged.url, flagged.model) == ("http://other:1/v1", "m2")
    assert endpoint("http://h:1") == "http://h:1/v1/chat/completions"
    assert endpoint("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert endpoint("http://h:1/x/chat/completions") == "http://h:1/x/chat/completions"


def test_the_packet_command_drafts_only_when_asked(
    run_cli, server: str, roster_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("people", "import", str(roster_file)).code == 0
    brag = tmp_path / "brag.md"
    brag.write_text(BRAG, encoding="utf-8")
    assert run_cli("evidence", "import", str(brag), "--person", "ada").code == 0

    plain = run_cli("packet", "ada")
    assert plain.code == 0, plain.err
    assert "My record holds" in plain.out
    assert FakeModel.requests == []  # off by default: nothing leaves the machine

    drafted = run_cli("packet", "ada", "--draft-url", f"{server}/invents", "--json")
    assert drafted.code == 0, drafted.err
    report = json.loads(drafted.out)
    assert report["drafted"] is True
    assert "introduced number(s)" in report["warnings"][0]
    assert "warning:" in drafted.err

    (tmp_path / "ws" / "staffpath.toml").write_text(
        f'[drafting]\nurl = "{server}/faithful"\nmodel = "m"\napi_key_env = "SP_TEST_KEY"\n',
        encoding="utf-8")
    configured = run_cli("packet", "ada")
    assert configured.code == 0, configured.err
    assert "My record contains" in configured.out
    assert FakeModel.requests[-1]["auth"] is None  # the variable is not set here
    assert run_cli("packet", "ada", "--no-draft").out == plain.out
