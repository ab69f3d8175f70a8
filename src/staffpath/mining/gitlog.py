"""Parsing the output of one `git log -z --raw` into each commit's file changes, and, when
`--numstat` was asked for too, each change's added and deleted lines.

The parser reads a stream of chunks cut anywhere, so a long history never sits in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from staffpath.errors import InputError
from staffpath.mining.git import decode_path


class FileChange(NamedTuple):
    """One file changed by a commit against its first parent."""

    status: str  # A, M, D, R, C or T
    path: str
    old_path: str | None
    gitlink: bool  # a submodule pointer, not a file


class LineCount(NamedTuple):
    """The lines one change added and deleted (0 and 0 for a binary file)."""

    path: str  # as in the change: a rename's new path
    added: int
    deleted: int
    binary: bool


Parsed = tuple[str, list[FileChange], list[LineCount]]


class _Incomplete(Exception):
    """The buffer ends inside a commit; wait for more bytes."""


def _parse_commit(tokens: list[bytes], i: int, n: int, final: bool, numstat: bool
                  ) -> tuple[Parsed, int]:
    """Parse the commit whose header is tokens[i]; return it and the next header's index."""
    head = tokens[i]
    if not head.startswith(b"\x01"):
        raise InputError(f"unexpected git log output near {head[:40]!r}")
    sha = head[1:].decode("ascii")
    i += 1
    if i >= n:
        if final:
            return (sha, [], []), i
        raise _Incomplete
    tok = tokens[i]
    if not tok.startswith(b"\n:"):
        return (sha, [], []), i  # a merge or an empty commit: no diff
    raw: list[tuple[str, bytes, bytes | None, bool]] = []
    tok = tok[1:]
    while True:
        # ":100644 100644 abc1234 def5678 M" then one path, or two for a rename or copy.
        status = tok[tok.rfind(b" ") + 1:tok.rfind(b" ") + 2].decode("ascii")
        gitlink = tok[8:14] == b"160000" or tok[1:7] == b"160000"
        if status in ("R", "C"):
            raw.append((status, tokens[i + 2], tokens[i + 1], gitlink))
            i += 3
        else:
            raw.append((status, tokens[i + 1], None, gitlink))
            i += 2
        if i >= n:
            if final and not numstat:
                break
            raise _Incomplete
        tok = tokens[i]
        if not tok.startswith(b":"):
            break
    changes = [FileChange(status, decode_path(path),
                          decode_path(old) if old is not None else None, gitlink)
               for status, path, old, gitlink in raw]
    if not numstat:
        return (sha, changes, []), i
    counts: list[tuple[bytes, bytes, bytes]] = []
    for _ in range(len(raw)):
        if i >= n:
            raise _Incomplete
        tok = tokens[i]
        if tok.startswith(b"\x01"):
            break
        added, deleted, path = tok.split(b"\t", 2)
        if path:
            i += 1
        else:
            path = tokens[i + 2]
            i += 3
        counts.append((added, deleted, path))
    if i >= n and not final:
        raise _Incomplete
    if len(counts) == len(raw):
        matched = counts
    else:  # never seen in practice; fall back to matching by path
        by_path = {c[2]: c for c in counts}
        matched = [by_path.get(r[1], (b"0", b"0", r[1])) for r in raw]
    lines = [LineCount(ch.path, 0, 0, True) if added == b"-"
             else LineCount(ch.path, int(added), int(deleted), False)
             for ch, (added, deleted, _p) in zip(changes, matched, strict=True)]
    return (sha, changes, lines), i


def parse_log_stream(chunks: Iterator[bytes], *, numstat: bool = False) -> Iterator[Parsed]:
    """Commits, their file changes and (with `numstat`) each change's line counts, from
    `git log -z --raw [--numstat] --format=%x01%H`; without `numstat` the counts are empty."""
    carry = b""
    final = False
    while not final:
        chunk = next(chunks, None)
        if chunk is None:
            final = True
            data = carry
        else:
            data = carry + chunk if carry else chunk
        tokens = data.split(b"\0")
        tail = b"" if final else tokens.pop()
        if final and tokens and tokens[-1] in (b"", b"\n"):
            tokens.pop()
        n = len(tokens)
        i = 0
        while i < n:
            try:
                parsed, nxt = _parse_commit(tokens, i, n, final, numstat)
            except (_Incomplete, IndexError, ValueError) as exc:
                if final:
                    raise InputError(f"cannot read git log output ({exc!r})") from None
                break
            yield parsed
            i = nxt
        rest = tokens[i:]
        carry = b"\0".join([*rest, tail]) if rest else tail
