"""A ladder kept in a spreadsheet (CSV, or XLSX read with openpyxl): a row per competency or
behaviour, a column per level (lowest first), and optional `dimension` and `theme` columns.

Rows are grouped into dimensions by the dimension column, else the theme column, else each
competency is its own dimension; a cell is what that row expects at that column's level."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from staffpath.errors import InputError
from staffpath.framework.importers.common import (
    DEFAULTS_NOTE,
    build,
    digest,
    dimension,
    dimension_id,
    kinds_for,
    one_line,
    ranks,
    slug,
)
from staffpath.framework.model import Framework

SUFFIXES = (".csv", ".xlsx")
NAME_COLUMNS = ("competency", "behaviour", "behavior", "skill", "name")
DIMENSION_COLUMNS = ("dimension", "area", "pillar", "category")
THEME_COLUMNS = ("theme", "group")
IGNORED_COLUMNS = ("id", "description", "summary", "notes", "note", "examples")
Cell = str


def _rows_csv(path: Path) -> list[list[Cell]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text; save the sheet as CSV UTF-8", path=path,
                         line=line) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _rows_xlsx(path: Path) -> list[list[Cell]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"cannot read as an XLSX workbook: {exc}", path=path) from None
    try:
        sheet = book.worksheets[0]
        return [["" if v is None else one_line(str(v)) for v in row]
                for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_rows(path: Path) -> list[list[Cell]]:
    if not path.is_file():
        raise InputError("no such file", path=path)
    rows = _rows_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_csv(path)
    return [r for r in rows if any(c for c in r)]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [h.strip().lower() for h in header]
    return next((i for i, h in enumerate(keys) if h in names), None)


def load_matrix(path: Path) -> Framework:
    """A Framework from a competency × level sheet; one clear line when it is not one."""
    rows = read_rows(path)
    if len(rows) < 2:
        raise InputError("expected a header row and at least one competency row", path=path)
    header = rows[0]
    name_col = _column(header, NAME_COLUMNS)
    if name_col is None:
        raise InputError(f"no competency column: name one of {', '.join(NAME_COLUMNS)} in the "
                         "header row", path=path, line=1)
    dim_col = _column(header, DIMENSION_COLUMNS)
    theme_col = _column(header, THEME_COLUMNS)
    meta = {name_col, dim_col, theme_col} | {
        i for i, h in enumerate(header) if h.strip().lower() in IGNORED_COLUMNS}
    level_cols = [i for i, h in enumerate(header) if i not in meta and h.strip()]
    if not level_cols:
        raise InputError("no level columns: after the competency column, give one column per "
                         "level, lowest first", path=path, line=1)
    levels = {i: slug(header[i]) for i in level_cols}
    if len(set(levels.values())) != len(levels):
        raise InputError("two level columns have the same name", path=path, line=1)
    groups: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(rows[1:], start=2):
        cell = row + [""] * (len(header) - len(row))
        competency = cell[name_col]
        if not competency:
            raise InputError("row has no competency name", path=path, line=n)
        group = (cell[dim_col] if dim_col is not None and cell[dim_col] else
                 cell[theme_col] if theme_col is not None and cell[theme_col] else competency)
        entry = groups.setdefault(group, {"by_level": {}, "names": [], "themes": set()})
        entry["names"].append(competency)
        if theme_col is not None and cell[theme_col]:
            entry["themes"].add(cell[theme_col])
        for i in level_cols:
            if cell[i]:
                said = cell[i] if group == competency else f"{competency}: {cell[i]}"
                entry["by_level"].setdefault(levels[i], []).append(said)
    order = ranks({lv: header[i] for i, lv in levels.items()})
    dims = []
    for group, entry in groups.items():
        summary = ("Covers " + ", ".join(entry["names"]) + "." if group not in entry["names"]
                   or len(entry["names"]) > 1 else f"{group}, as the sheet describes it.")
        dims.append(dimension(dimension_id(group), group, summary,
                              kinds_for(group, *entry["names"], *entry["themes"]),
                              entry["by_level"], order))
    title = path.stem.replace("_", " ").replace("-", " ").strip() or "Imported ladder"
    data = {
        "id": f"sheet-{slug(path.stem)}",
        "name": f"{title} (spreadsheet)",
        "version": f"sheet-{digest(path.read_bytes())}",
        "description": f"Imported from the spreadsheet {path.name}. {DEFAULTS_NOTE}",
        "levels": [{"id": lv, "title": one_line(header[i]), "summary": one_line(header[i])}
                   for i, lv in levels.items()],
        "dimensions": dims,
    }
    return build(data, str(path))
