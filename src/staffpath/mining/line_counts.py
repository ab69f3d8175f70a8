"""Line counts for the commits mined evidence quotes, and for no others.

Reading history needs only which files each commit touched (`git log --raw`); the lines each
change added and deleted cost git a content diff of every changed file, about ten times the
rest of `git log` on a large history. Only cross-team facts show lines ("+12/-3 lines" in
their evidence; glue work is told in commits and days), so the replay records which facts each
change adds its lines to (`History.line_claims`) and this module reads the counts of those
commits alone, in one batched `git log --numstat` (one per range when the stream runs parallel
ranges), with the same options as the history read: the sums are those a full `--numstat`
would give.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from staffpath.errors import InputError
from staffpath.mining.change_stream import ChangeStream
from staffpath.mining.history import History


def count_fact_lines(repo: Path, history: History, *, jobs: int = 1,
                     step: Callable[[str, int, int], None] | None = None) -> int:
    """Add the lines of every claimed change to the facts that claimed them; returns how many
    commits were read. A claim's change is found by its place among the commit's changes,
    as the history read listed them (the same `git log` options list them the same way)."""
    claims = history.line_claims
    if not claims:
        return 0
    total = len(claims)
    if step is not None:
        step("counting lines", 0, total)
    stream = ChangeStream(repo, list(claims), jobs=jobs, numstat=True)
    try:
        for n, (sha, changes, lines) in enumerate(stream):
            for k, path, facts in claims[sha]:
                if k >= len(lines) or changes[k].path != path:
                    raise InputError(f"git log listed the changes of {sha} differently "
                                     "when asked for line counts", path=repo)
                count = lines[k]
                for fact in facts:
                    fact.added += count.added
                    fact.deleted += count.deleted
            if step is not None and n % 256 == 0:
                step("counting lines", n, total)
    finally:
        stream.close()
    claims.clear()
    if step is not None:
        step("counting lines", total, total)
    return total
