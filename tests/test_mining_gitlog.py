"""Reading git history: the streaming parser on real repositories with awkward content."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mining_helpers import PEOPLE, HistoryBuilder, Person, git, init_repo, lines, random_history
from staffpath.errors import InputError
from staffpath.mining import change_stream
from staffpath.mining import git as plumbing
from staffpath.mining.git import shown
from staffpath.mining.gitlog import FileChange, LineCount, parse_log_stream

A, B = PEOPLE[0], PEOPLE[1]


def _changes(repo: Path, jobs: int = 1) -> list[tuple[plumbing.CommitMeta, list[FileChange]]]:
    tip = plumbing.resolve_tip(repo, None)
    assert tip is not None
    commits = plumbing.list_commits(repo, tip)
    streamed = list(change_stream.stream_changes(repo, [c.sha for c in commits], jobs=jobs))
    assert [s for s, _ in streamed] == [c.sha for c in commits]
    return [(c, ch) for c, (_s, ch) in zip(commits, streamed, strict=True)]


def test_adds_edits_renames_deletes_and_binary_files(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    b.commit(A, {"src/a.py": lines(10), "img.bin": b"\x00\x01\x02" * 10, "gone.txt": "x\n"})
    b.commit(B, {"src/a.py": lines(10) + "more\n", "gone.txt": None})
    b.commit(A, {}, renames={"src/a.py": "lib/a.py"})
    b.commit(B, {"img.bin": b"\x00\x09" * 20})
    b.write()
    history = _changes(repo)
    first, second, third, fourth = (ch for _c, ch in history)
    assert sorted(first) == sorted([
        FileChange("A", "gone.txt", None, False),
        FileChange("A", "img.bin", None, False),
        FileChange("A", "src/a.py", None, False),
    ])
    assert sorted(second) == sorted([
        FileChange("D", "gone.txt", None, False),
        FileChange("M", "src/a.py", None, False),
    ])
    assert third == [FileChange("R", "lib/a.py", "src/a.py", False)]
    assert fourth == [FileChange("M", "img.bin", None, False)]
    assert [c.name for c, _ch in history] == [A.name, B.name, A.name, B.name]
    # With line counts asked for: the same changes, each with its lines, in the same order.
    shas = [c.sha for c, _ch in history]
    counted = list(change_stream.ChangeStream(repo, shas, jobs=2, numstat=True))
    assert [(s, ch) for s, ch, _l in counted] == list(zip(shas, [ch for _c, ch in history],
                                                           strict=True))
    by_path = [{lc.path: lc for lc in lines_} for _s, _ch, lines_ in counted]
    assert by_path[0] == {"gone.txt": LineCount("gone.txt", 1, 0, False),
                          "img.bin": LineCount("img.bin", 0, 0, True),
                          "src/a.py": LineCount("src/a.py", 10, 0, False)}
    assert by_path[1] == {"gone.txt": LineCount("gone.txt", 0, 1, False),
                          "src/a.py": LineCount("src/a.py", 1, 0, False)}
    assert by_path[2] == {"lib/a.py": LineCount("lib/a.py", 0, 0, False)}
    assert by_path[3] == {"img.bin": LineCount("img.bin", 0, 0, True)}


def test_merges_have_no_diff_and_two_parents(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    b.commit(A, {"a.txt": "1\n"})
    b.branch("topic")
    b.commit(B, {"b.txt": "2\n"}, branch="topic")
    b.commit(A, {"a.txt": "1\n2\n"})
    b.commit(A, {}, merge_from="topic", message="merge")
    b.write()
    history = _changes(repo)
    merge = history[-1]
    assert len(merge[0].parents) == 2
    assert merge[1] == []
    assert sum(len(ch) for _c, ch in history) == 3


def test_awkward_paths_and_identities_round_trip(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    odd = [b"caf\xe9 latin1.txt", b"sp ace\ttab.txt", b'quo"te.txt',
           b"new\nline.txt", "ünïcødé/文件.md".encode()]
    b.commit(Person("No Mail", ""), dict.fromkeys(odd, "x\n"))
    b.commit(Person("Zoë Ünicode", "zoe@example.com"), dict.fromkeys(odd, "x\ny\n"))
    b.write()
    history = _changes(repo)
    expected = {raw.decode("utf-8", "surrogateescape") for raw in odd}
    assert {ch.path for ch in history[0][1]} == expected
    assert {ch.path for ch in history[1][1]} == expected
    assert history[0][0].email == ""
    assert history[0][0].name == "No Mail"
    assert history[1][0].name == "Zoë Ünicode"
    assert shown("caf\udce9 latin1.txt") == "caf\\xe9 latin1.txt"


def test_submodule_pointer_is_marked(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    b.commit(A, {"a.txt": "1\n"}, gitlinks={"vendor/lib": "1" * 40})
    b.commit(A, {}, gitlinks={"vendor/lib": "2" * 40})
    b.write()
    history = _changes(repo)
    link = next(ch for ch in history[0][1] if ch.path == "vendor/lib")
    assert link.gitlink
    assert history[1][1][0].gitlink
    assert plumbing.files_at(repo, plumbing.resolve_tip(repo, None) or "")["vendor/lib"] is True


def test_parallel_ranges_give_the_same_stream_as_one(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    random_history(repo, seed=7, commits=120)
    tip = plumbing.resolve_tip(repo, None)
    assert tip is not None
    shas = [c.sha for c in plumbing.list_commits(repo, tip)]
    one = list(change_stream.stream_changes(repo, shas, jobs=1))
    ranges = change_stream.split_ranges(shas, 3, min_size=10, per_job=2)
    assert len(ranges) > 3
    assert [s for r in ranges for s in r] == shas
    pool = change_stream._Pool(repo, ranges, 2)
    try:
        many = [(sha, changes) for k in range(len(ranges))
                for sha, changes, _l in parse_log_stream(pool.get(k).chunks())]
    finally:
        pool.close()
    assert many == one


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_parser_is_independent_of_chunk_boundaries(data: st.DataObject) -> None:
    numstat = data.draw(st.booleans())
    raw = _SAMPLE_NUMSTAT if numstat else _SAMPLE_OUTPUT
    cuts = sorted(data.draw(st.lists(st.integers(0, len(raw)), max_size=12)))
    chunks = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    expected = _SAMPLE_PARSED_NUMSTAT if numstat else _SAMPLE_PARSED
    assert list(parse_log_stream(iter(chunks), numstat=numstat)) == expected


def _sample(args: tuple[str, ...]) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        repo = init_repo(Path(tmp) / "r")
        b = HistoryBuilder(repo)
        b.commit(A, {"a b.txt": "1\n", b"x\xff.bin": b"\0\1", "c.txt": "c\n"})
        b.commit(B, {"a b.txt": "1\n2\n"}, renames={"c.txt": "d/c.txt"})
        b.branch("t")
        b.commit(A, {"t.txt": "t\n"}, branch="t")
        b.commit(B, {}, merge_from="t")
        b.commit(A, {"a b.txt": None})
        b.write()
        shas = git(repo, "rev-list", "--reverse", "HEAD").split()
        proc = subprocess.run(
            ["git", *plumbing.GIT_OPTIONS, "-C", str(repo), *args],
            input="\n".join(shas).encode() + b"\n", capture_output=True, check=True)
        return proc.stdout


_SAMPLE_OUTPUT = _sample(change_stream.LOG_ARGS)
_SAMPLE_PARSED = list(parse_log_stream(iter([_SAMPLE_OUTPUT])))
_SAMPLE_NUMSTAT = _sample(change_stream.NUMSTAT_ARGS)
_SAMPLE_PARSED_NUMSTAT = list(parse_log_stream(iter([_SAMPLE_NUMSTAT]), numstat=True))


def test_sample_output_parses_completely() -> None:
    assert len(_SAMPLE_PARSED) == 5
    assert [len(ch) for _s, ch, _l in _SAMPLE_PARSED] == [3, 2, 1, 0, 1]
    assert all(lines_ == [] for _s, _ch, lines_ in _SAMPLE_PARSED)
    # The same commits and changes with line counts, one per change.
    assert [(s, ch) for s, ch, _l in _SAMPLE_PARSED_NUMSTAT] == [
        (s, ch) for s, ch, _l in _SAMPLE_PARSED]
    assert [[lc.path for lc in lines_] for _s, _ch, lines_ in _SAMPLE_PARSED_NUMSTAT] == [
        [c.path for c in ch] for _s, ch, _l in _SAMPLE_PARSED]
    assert "--numstat" not in change_stream.LOG_ARGS


def test_garbage_output_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="git log output"):
        list(parse_log_stream(iter([b"\x01abc\0\n:100644 broken\0"])))


def test_missing_folder_and_non_repository(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        plumbing.open_repo(tmp_path / "nope")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(InputError, match="not a git repository"):
        plumbing.open_repo(plain)
    repo = init_repo(tmp_path / "r")
    (repo / "sub").mkdir()
    with pytest.raises(InputError, match="give its top folder"):
        plumbing.open_repo(repo / "sub")


def test_empty_and_bare_repositories(tmp_path: Path) -> None:
    empty = init_repo(tmp_path / "empty")
    assert plumbing.resolve_tip(empty, None) is None
    with pytest.raises(InputError, match="no branch or commit 'dev'"):
        plumbing.resolve_tip(empty, "dev")
    bare = init_repo(tmp_path / "bare.git", bare=True)
    b = HistoryBuilder(bare)
    b.commit(A, {"a.txt": "1\n"})
    b.write()
    info = plumbing.open_repo(bare)
    assert info.bare
    assert len(_changes(bare)) == 1


def test_shallow_clone_marks_its_boundary(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r")
    random_history(repo, seed=3, commits=20, merges=False)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "3", f"file://{repo}", str(clone))
    info = plumbing.open_repo(clone)
    assert info.shallow
    boundary = plumbing.shallow_boundary(info)
    assert len(boundary) == 1
    history = _changes(clone)
    assert len(history) == 3
    assert history[0][0].sha in boundary


def _tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_mining_never_writes_into_the_repository(tmp_path: Path) -> None:
    from staffpath.mining.service import mine_repository
    from staffpath.store.engine import Store

    repo = init_repo(tmp_path / "r")
    random_history(repo, seed=11, commits=40)
    before = _tree_digest(repo)
    mtime = (repo / ".git").stat().st_mtime_ns
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with store.session() as session:
        mine_repository(session, repo)
    store.close()
    assert _tree_digest(repo) == before
    assert (repo / ".git").stat().st_mtime_ns == mtime


def test_damaged_object_midway_fails_cleanly(tmp_path: Path) -> None:
    from staffpath.mining.service import mine_repository
    from staffpath.store.engine import Store

    repo = init_repo(tmp_path / "r")
    b = HistoryBuilder(repo)
    b.commit(A, {"a.txt": lines(5)})
    b.commit(B, {"a.txt": lines(7)})
    b.write()
    # A tree: reading which files each commit touched opens every commit's tree (a blob it
    # would not need: line counts are read only for the commits evidence quotes).
    tree = git(repo, "rev-parse", "HEAD~1^{tree}").strip()
    loose = repo / ".git" / "objects" / tree[:2] / tree[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"garbage")
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        with pytest.raises(InputError, match=r"r: git log: "), store.session() as session:
            mine_repository(session, repo)
        with store.session() as session:
            from sqlalchemy import func, select

            from staffpath.mining.tables import MinedRepo
            assert session.scalar(select(func.count()).select_from(MinedRepo)) == 0
    finally:
        store.close()


def test_workspace_rules_override_and_bad_rules_are_one_line(tmp_path: Path) -> None:
    from staffpath.mining.rules import load_rules

    (tmp_path / "mining.toml").write_text(
        'design_docs = ["proposals/**"]\n[cross_team]\nmin_commits = 5\n', encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.design_matcher.matches("proposals/x.md")
    assert not rules.design_matcher.matches("docs/rfcs/x.md")
    assert rules.cross_team.min_commits == 5
    assert rules.glue_work.min_commits == 3
    (tmp_path / "mining.toml").write_text('design_docs = ["!nope"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"mining.toml: design_docs: '!nope': negated"):
        load_rules(tmp_path)
    (tmp_path / "mining.toml").write_text("[glue\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mining.toml:1: invalid TOML"):
        load_rules(tmp_path)
