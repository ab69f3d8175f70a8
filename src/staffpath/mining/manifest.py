"""A manifest of repositories to mine: a text file of paths or `file://` URLs, one a line
(blank lines and `#` comments skipped, relative paths from the file's folder), or a folder
whose sub-folders are the repositories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from staffpath.errors import InputError, ProblemList, StaffpathError


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    where: str  # manifest:line, or the folder, for messages


def _is_repository(folder: Path) -> bool:
    return (folder / ".git").exists() or (
        (folder / "HEAD").is_file() and (folder / "objects").is_dir())


def read_manifest(source: Path) -> list[ManifestEntry]:
    """The repositories a manifest names, each once, in order. Every missing path is a
    problem; all of them are reported together and nothing is mined."""
    if source.is_dir():
        found = [ManifestEntry(p, str(p)) for p in sorted(source.iterdir())
                 if p.is_dir() and _is_repository(p)]
        if not found:
            raise InputError("no git repositories in this folder", path=source)
        return found
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such manifest file or folder", path=source) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the manifest: {exc}", path=source) from None
    entries: list[ManifestEntry] = []
    problems: list[StaffpathError] = []
    seen: set[Path] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "://" in line:
            url = urlparse(line)
            if url.scheme != "file" or url.netloc not in ("", "localhost"):
                problems.append(InputError(
                    f"{line}: only local paths and file:// URLs (a path every worker sees)",
                    path=source, line=number))
                continue
            line = unquote(url.path)
        path = Path(line).expanduser()
        if not path.is_absolute():
            path = source.parent / path
        if not path.is_dir():
            problems.append(InputError(f"{line}: no such folder", path=source, line=number))
            continue
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        entries.append(ManifestEntry(path, f"{source}:{number}"))
    if problems:
        raise problems[0] if len(problems) == 1 else ProblemList(problems)
    if not entries:
        raise InputError("the manifest names no repositories", path=source)
    return entries
