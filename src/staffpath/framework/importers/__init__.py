"""Bringing a company's own ladder in: which layout a file or folder is, and the importer for
it. Known layouts: staffpath's framework YAML, the Financial Times job-family YAML (current),
the FT competencies.yml + levels.yml folder (2020–2024), and a spreadsheet matrix (CSV/XLSX).

Evidence rules are not in anyone's ladder: imports set marked defaults to review."""

from __future__ import annotations

from pathlib import Path

from staffpath.errors import InputError
from staffpath.framework.ft import load_ft_framework
from staffpath.framework.importers.job_family import KEYS as JOB_FAMILY_KEYS
from staffpath.framework.importers.job_family import is_job_family, load_job_family
from staffpath.framework.importers.matrix import SUFFIXES as SHEET_SUFFIXES
from staffpath.framework.importers.matrix import load_matrix
from staffpath.framework.loader import (
    decode_source,
    load_framework,
    load_framework_text,
    parse_yaml,
    read_source,
)
from staffpath.framework.model import Framework

# (name, the top-level keys that identify it) — for naming the nearest match.
LAYOUTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("staffpath framework YAML (id, name, version, levels, dimensions)",
     frozenset({"id", "name", "version", "levels", "dimensions"})),
    ("FT job-family YAML, data/job-families/*.yml (levels, themes, competencies)",
     JOB_FAMILY_KEYS | {"name"}),
    ("FT 2020–2024 folder (competencies.yml + levels.yml)",
     frozenset({"summary", "level", "area", "examples"})),
    ("spreadsheet matrix, .csv or .xlsx (a competency column, a column per level)",
     frozenset()),
)
_OLD_FT = ("competencies.yml", "competencies.yaml")


def known_layouts() -> str:
    return "; ".join(name for name, _ in LAYOUTS)


def _nearest(keys: set[str]) -> str:
    def score(item: tuple[str, frozenset[str]]) -> float:
        wanted = item[1]
        return len(keys & wanted) / len(keys | wanted) if wanted else 0.0
    best = max(LAYOUTS, key=score)
    if score(best) == 0:
        return "none close"
    missing = sorted(best[1] - keys)
    return best[0].split(" (")[0] + (f" (missing: {', '.join(missing)})" if missing else "")


def unknown_layout(path: Path, keys: set[str]) -> InputError:
    return InputError(f"not a ladder layout staffpath knows; known: {known_layouts()}; "
                      f"nearest: {_nearest(keys)}", path=path)


def _folder(path: Path) -> Path:
    """The ladder file in a folder: FT's current engineering job family first."""
    for family in (path / "data" / "job-families", path / "job-families", path):
        for name in ("engineering.yml", "engineering.yaml"):
            if (family / name).is_file():
                return family / name
    for folder in (path, path / "data"):
        for name in _OLD_FT:
            if (folder / name).is_file():
                return folder / name
    raise InputError("no ladder found in this folder (looked for data/job-families/"
                     f"engineering.yml and competencies.yml); known: {known_layouts()}",
                     path=path)


def load_any_framework(path: str | Path) -> Framework:
    """Load a ladder of any known layout; a file of another layout is one clear line."""
    p = Path(path)
    if p.is_dir():
        p = _folder(p)
    if p.suffix.lower() in SHEET_SUFFIXES:
        return load_matrix(p)
    if p.name in _OLD_FT:
        return load_ft_framework(p)
    raw, source = read_source(p)
    text = decode_source(raw, source)
    doc = parse_yaml(text, source, what="framework")
    if is_job_family(doc.data):
        return load_job_family(doc, raw)
    if isinstance(doc.data, dict) and {"levels", "dimensions"} <= set(doc.data):
        return load_framework_text(text, source)
    if isinstance(doc.data, list) and all(isinstance(i, dict) for i in doc.data):
        keys = {str(k) for item in doc.data for k in item}
        if {"area", "level"} <= keys:
            return load_ft_framework(p)
        raise unknown_layout(p, keys)
    if isinstance(doc.data, dict):
        raise unknown_layout(p, {str(k) for k in doc.data})
    raise unknown_layout(p, set())


__all__ = ["known_layouts", "load_any_framework", "load_framework"]
