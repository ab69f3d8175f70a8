"""What parsing a brag document yields (entries, notes, warnings), and reading one from disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from staffpath.errors import InputError
from staffpath.ledger.extract.dates import DateSpan
from staffpath.ledger.extract.impacts import Impact
from staffpath.ledger.extract.orgsize import OrgSize
from staffpath.ledger.extract.units import Unit
from staffpath.vocab import EvidenceKind, Scope

__all__ = ["BragDoc", "ParsedEntry", "ParsedNote", "read_brag_file"]


@dataclass(frozen=True)
class ParsedEntry:
    """One accomplishment found in a brag document."""

    key: str
    line: int
    section: tuple[str, ...]
    title: str
    details: tuple[str, ...]
    date: DateSpan | None
    kind: EvidenceKind
    project: str | None
    tags: tuple[str, ...]
    mentions: tuple[str, ...]
    impacts: tuple[Impact, ...]
    teams_count: int | None
    scope_hint: Scope | None
    # The reach the document's opening gives its author's work ("the group is three teams;
    # I'm the technical lead across all three"), with its words; see `extract.remit`.
    remit: tuple[Scope, str] | None = None
    # The staff shapes the opening names in its own words ("Office of the CTO", "the architect
    # for the data platform"): the shape of the author's role, which frames every item.
    shape_cues: tuple[str, ...] = ()
    # The parts of the organisation the record names with their size ("Marketplace is about
    # 310 engineers in 31 teams"); an item naming one reaches it (see `extract.units`).
    units: tuple[Unit, ...] = ()
    # The words naming the person a third-person record is about ("she", "ana"): a manager's
    # nomination tells its subject's work, and their role cues are the subject's own.
    subject: tuple[str, ...] = ()
    # The organisation's size as the document states it ("Hatchwork is 14 engineers in two
    # squads"), which tells how far its work could reach; see `extract.orgsize`.
    org_size: OrgSize | None = None
    # Dated only by the period it is filed under ("## 2025", the review period), which says
    # when the work was done but not how long it ran.
    filed: bool = False


@dataclass(frozen=True)
class ParsedNote:
    """A line that is not an accomplishment: a goal, something to learn, a todo, an idea."""

    key: str
    line: int
    section: tuple[str, ...]
    category: str  # "goal" | "learning" | "todo" | "advocates" | "other"
    text: str


@dataclass(frozen=True)
class BragDoc:
    """Everything parsed from one brag document."""

    entries: tuple[ParsedEntry, ...]
    notes: tuple[ParsedNote, ...]
    warnings: tuple[str, ...]


def read_brag_file(path: Path) -> str:
    """The text of a brag document on disk, or InputError saying why it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a Markdown file", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary file (NUL byte at offset {nul}), expected Markdown text",
                         path=path, line=data[:nul].count(b"\n") + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at line {line} "
            f"(byte offset {exc.start}); re-save the file as UTF-8",
            path=path, line=line) from exc
    if not text.strip():
        raise InputError("file is empty", path=path)
    return text
