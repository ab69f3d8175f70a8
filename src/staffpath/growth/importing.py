"""Reading opportunities from an issue tracker's export: GitHub issues' REST shape (a JSON list
of issues with labels) or a CSV. Labels carry the fields: `team:Payments`, `reach:teams`,
`weeks:8`, `kind:migration`, `goal:<title>`, `owner:<handle>`, and a dimension's id or alias
(`strategy`, `dimension:judgment`). Bad input is reported by file and line (JSON: the issue's
position in the list) and nothing is returned for a file with any bad row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.growth.opportunities import OpportunityInput, input_error

Row = tuple[OpportunityInput, str, int]
CSV_FIELDS = ("title", "description", "kind", "teams", "reach", "duration_weeks", "dimensions",
              "owner", "goal")
FIELD_LABELS = {"team": "teams", "reach": "reach", "weeks": "duration_weeks",
                "duration": "duration_weeks", "kind": "kind", "goal": "goal", "owner": "owner",
                "dimension": "dimensions"}


def _labels(issue: dict[str, Any]) -> list[str]:
    out = []
    for label in issue.get("labels") or []:
        name = label.get("name") if isinstance(label, dict) else label
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    return out


def _from_labels(labels: Sequence[str], framework: Framework) -> dict[str, Any]:
    values: dict[str, Any] = {"teams": [], "dimensions": []}
    for label in labels:
        key, sep, value = label.partition(":")
        key = key.strip().lower()
        if sep and key in FIELD_LABELS:
            name = FIELD_LABELS[key]
            value = value.strip()
            if name in ("teams", "dimensions"):
                values[name].append(value)
            elif name == "duration_weeks":
                values[name] = value.lower().removesuffix("w").removesuffix("weeks").strip()
            else:
                values[name] = value
        elif framework.dimension_for_tag(label) is not None:
            values["dimensions"].append(label)
    return values


def parse_github_issues(text: str, path: str, framework: Framework) -> list[Row]:
    """Open issues from a GitHub REST export (`GET /repos/{o}/{r}/issues`); pull requests and
    closed issues are left out."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", path=path, line=exc.lineno) from None
    if not isinstance(data, list):
        raise InputError("expected a JSON list of issues", path=path)
    rows: list[Row] = []
    for n, issue in enumerate(data, start=1):
        where = f"{path} (issue #{n} in the list)"
        if not isinstance(issue, dict):
            raise InputError("an issue must be a JSON object", path=where)
        if "pull_request" in issue or issue.get("state", "open") != "open":
            continue
        values = _from_labels(_labels(issue), framework)
        ref = issue.get("html_url") or issue.get("url")
        values.update(title=issue.get("title") or "", description=issue.get("body") or "",
                      source_ref=str(ref) if ref else None)
        try:
            rows.append((OpportunityInput.model_validate(values), where, n))
        except ValidationError as exc:
            raise input_error(exc, path=where) from None
    return rows


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").replace(",", ";").split(";") if p.strip()]


def parse_csv(text: str, path: str) -> list[Row]:
    """Rows of `title, description, kind, teams, reach, duration_weeks, dimensions, owner,
    goal` (lists separated by `;`); the file and line become each record's source."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "title" not in [f.strip() for f in reader.fieldnames]:
        raise InputError("CSV needs a header row with at least a 'title' column", path=path,
                         line=1)
    unknown = [f for f in reader.fieldnames if f.strip() not in CSV_FIELDS]
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r}; columns: {', '.join(CSV_FIELDS)}",
                         path=path, line=1)
    rows: list[Row] = []
    for raw in reader:
        line = reader.line_num
        cells = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        values: dict[str, Any] = {k: v for k, v in cells.items() if v and k not in (
            "teams", "dimensions")}
        values["teams"], values["dimensions"] = _split(cells.get("teams")), _split(
            cells.get("dimensions"))
        values["source_ref"] = f"{Path(path).name}:{cells.get('title', '')}"[:500]
        try:
            rows.append((OpportunityInput.model_validate(values), path, line))
        except ValidationError as exc:
            raise input_error(exc, path=path, line=line) from None
    return rows


def parse_file(path: Path, framework: Framework) -> list[Row]:
    """A `.json` GitHub issues export or a `.csv` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=path) from None
    if path.suffix.lower() == ".json":
        return parse_github_issues(text, str(path), framework)
    if path.suffix.lower() == ".csv":
        return parse_csv(text, str(path))
    raise InputError("expected a .json (GitHub issues) or .csv file", path=path)
