"""Review data in GitHub's REST shape, and the `mine` command's handling of bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mining_helpers import (
    HistoryBuilder,
    Person,
    init_repo,
    invoke,
    lines,
    run_staffpath,
    workspace_with_roster,
)


def _pull(number: int, author: str, title: str) -> dict[str, Any]:
    return {"number": number, "title": title, "user": {"login": author},
            "html_url": f"https://github.com/corp/shop/pull/{number}",
            "url": f"https://api.github.com/repos/corp/shop/pulls/{number}",
            "head": {"ref": "x"}, "base": {"ref": "main", "repo": {"full_name": "corp/shop"}}}


def _review(number: int, reviewer: str, state: str, when: str, body: str = "") -> dict[str, Any]:
    return {"id": number * 100, "user": {"login": reviewer}, "state": state, "body": body,
            "submitted_at": when,
            "pull_request_url": f"https://api.github.com/repos/corp/shop/pulls/{number}"}


def _export(folder: Path) -> Path:
    folder.mkdir(parents=True)
    page1 = [_pull(1, "bo", "Cart totals"), _pull(2, "bo", "Cart taxes")]
    page2 = [_pull(3, "ana", "Refund flow"), _pull(4, "ghost", "Drive-by fix")]
    # `gh api --paginate` writes one array per page, back to back.
    (folder / "pulls.json").write_text(json.dumps(page1) + json.dumps(page2), encoding="utf-8")
    reviews = folder / "reviews"
    reviews.mkdir()
    (reviews / "1.json").write_text(json.dumps([
        _review(1, "ana", "CHANGES_REQUESTED", "2024-02-01T10:00:00Z", "Split this up"),
        _review(1, "ana", "APPROVED", "2024-02-02T10:00:00Z"),
        _review(1, "cy", "PENDING", "2024-02-02T10:00:00Z"),
    ]), encoding="utf-8")
    (reviews / "2.json").write_text(json.dumps(
        [_review(2, "ana", "COMMENTED", "2024-03-05T10:00:00Z", "nit")]), encoding="utf-8")
    (reviews / "3.json").write_text(json.dumps([  # --slurp shape: an array of pages
        [_review(3, "ana", "APPROVED", "2024-03-06T10:00:00Z")],  # her own pull: left out
        [_review(3, "bo", "APPROVED", "2024-03-06T11:00:00Z")]]), encoding="utf-8")
    (reviews / "4.json").write_text(json.dumps(
        [_review(4, "ana", "APPROVED", "2024-03-07T10:00:00Z")]), encoding="utf-8")
    return folder


def test_reviews_become_one_entry_per_reviewer_and_period(tmp_path: Path) -> None:
    ws = workspace_with_roster(tmp_path / "ws")
    export = _export(tmp_path / "export")
    result = invoke(ws, "mine", "--reviews", str(export), "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)["reviews"]
    assert (report["pulls"], report["reviews"], report["reviewers"]) == (4, 6, 2)
    assert report["unknown_logins"] == ["ghost"]
    assert report["evidence"]["added"] == 2
    items = json.loads(invoke(ws, "evidence", "list", "--person", "ana", "--json").out)
    assert len(items) == 1
    entry = items[0]
    assert entry["kind"] == "review"
    assert entry["title"] == "Reviewed 3 pull requests in corp/shop for Checkout (2024-Q1)"
    assert entry["teams"] == ["Checkout"]
    assert entry["people"] == ["bo", "ghost"]
    assert entry["scope"] == "teams"
    assert entry["provenance"]["type"] == "review"
    assert entry["provenance"]["ref"] == "corp/shop pulls #1, #2, #4"
    again = json.loads(invoke(ws, "mine", "--reviews", str(export), "--json").out)
    assert again["reviews"]["evidence"]["added"] == 0


def test_malformed_review_json_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    ws = workspace_with_roster(tmp_path / "ws")
    export = _export(tmp_path / "export")
    bad = export / "reviews" / "9.json"
    bad.write_text('[\n  {"user": {"login": "ana"},\n  "state": "APPROVED",,\n}]\n',
                   encoding="utf-8")
    result = invoke(ws, "mine", "--reviews", str(export))
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"error: {bad}:3: invalid JSON: Expecting property name enclosed in double quotes"]
    assert json.loads(invoke(ws, "evidence", "list", "--json").out) == []
    bad.write_text('[{"something": "else"}]', encoding="utf-8")
    result = invoke(ws, "mine", "--reviews", str(bad))
    assert result.err.strip().splitlines() == [
        f"error: {bad}: item #1 is neither a pull request nor a review"]


def test_one_bad_repository_does_not_stop_the_others(tmp_path: Path) -> None:
    ws = workspace_with_roster(tmp_path / "ws")
    good = init_repo(tmp_path / "good")
    b = HistoryBuilder(good)
    b.commit(Person("Ana Lima", "ana@corp.example"), {"services/payments/a.py": lines(3)})
    b.write()
    bad = init_repo(tmp_path / "bad")
    b = HistoryBuilder(bad)
    b.commit(Person("Ana Lima", "ana@corp.example"),
             {".github/CODEOWNERS": "* @corp/payments\n/x/ @@nope\n"})
    b.write()
    corrupt = init_repo(tmp_path / "corrupt")
    b = HistoryBuilder(corrupt)
    b.commit(Person("Ana Lima", "ana@corp.example"), {"a.txt": lines(3)})
    b.write()
    for obj in (corrupt / ".git" / "objects").rglob("*"):
        if obj.is_file() and obj.parent.name not in ("info", "pack"):
            obj.chmod(0o644)
            obj.write_bytes(b"garbage")
    result = run_staffpath(ws, "mine", str(good), str(tmp_path / "missing"), str(bad),
                           str(corrupt), "--json")
    assert result.code == 2
    assert "Traceback" not in result.err
    errors = result.err.strip().splitlines()
    assert errors[0] == f"error: {tmp_path / 'missing'}: no such folder"
    assert errors[1] == ("error: bad:.github/CODEOWNERS:2: owner '@@nope' is neither @user, "
                         "@org/team nor an e-mail address")
    assert errors[2].startswith(f"error: {corrupt}: git")
    assert len(errors) == 3
    repos = json.loads(result.out)["repositories"]
    assert repos[0]["commits"] == 1
    assert [("error" in r) for r in repos] == [False, True, True, True]
    listed = json.loads(invoke(ws, "evidence", "list", "--json").out)
    assert listed == []  # one commit is not sustained work; nothing half-written either
