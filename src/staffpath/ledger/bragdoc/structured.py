"""A record exported from a tool as data (JSON from a tracker or a goals tool, JSON Lines, a
YAML file kept by hand) read as the Markdown the parser knows.

The export's fields say what they hold, as a table's headers do, so a list of records becomes a
table whose columns are their fields (read by `tables.read_table`: a `title` or `summary` is what
was done, `start_date` and `end_date` when, `impact` the result, `role` the author's part); a
record that holds such lists is a section, headed by its name and dates; the export's own fields
at the top (`employee`, `title`, `review_period`) are its opening, as a header's lines are. Keys
are written as words ("review_period" → "Review period"). A list of plain strings under a key is
a list of items under that key's heading."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

__all__ = ["data_to_markdown", "looks_like_data"]

# Fields that name a record (what was done, or the section's name), in the order preferred.
_NAMES = ("title", "summary", "name", "what", "accomplishment", "achievement", "objective",
          "goal", "project", "epic", "initiative", "headline", "description", "text", "content")
_DATES = re.compile(r"(?:start|end|from|to|until|date|when|period|quarter|month|year|week"
                    r"|started|ended|completed|shipped|resolved|closed|created|due)(?:_?at|_?on"
                    r"|_?date)?", re.I)


def _load(text: str) -> Any:
    stripped = text.strip()
    if stripped[:1] in "[{":
        try:
            return json.loads(stripped)
        except ValueError:
            pass
    lines = [ln for ln in stripped.split("\n") if ln.strip()]
    if len(lines) >= 2 and all(ln.lstrip().startswith("{") for ln in lines):
        try:  # JSON Lines: one record a line
            return [json.loads(ln) for ln in lines]
        except ValueError:
            pass
    if re.search(r"^\s*[*+]\s|^\s*\|", stripped, re.M):
        return None  # Markdown bullets or tables: not a YAML file
    try:
        return yaml.safe_load(stripped)
    except yaml.YAMLError:
        return None


def _records(value: Any) -> bool:
    """A list of two records or more: mappings of several fields, one naming what they are."""
    return (isinstance(value, list) and len(value) >= 2
            and all(isinstance(v, dict) for v in value)
            and sum(1 for v in value if len(v) >= 2 and _name_key(v) is not None)
            * 2 >= len(value))


def _name_key(record: dict[Any, Any]) -> str | None:
    """The field naming what a record is: one of the usual names ("title", "summary",
    "objective"), else the first field written as words (three or more), not a date."""
    keys = {_words(k).lower(): k for k in record if isinstance(k, str)}
    for name in _NAMES:
        for norm, key in keys.items():
            if (norm == name or norm.split()[-1:] == [name]) and isinstance(record[key], str):
                return str(key)
    for key in keys.values():
        value = record[key]
        if isinstance(value, str) and len(value.split()) >= 3 and not _dated(key):
            return str(key)
    return None


def _dated(key: Any) -> bool:
    """Whether a field's name says it holds a date ("start_date", "resolvedAt", "quarter")."""
    return _DATES.fullmatch(_words(key).replace(" ", "_")) is not None


def _holds_records(value: Any) -> bool:
    if _records(value):
        return True
    if isinstance(value, dict):
        return any(_holds_records(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_records(v) for v in value)
    return False


def _text_block(value: Any) -> bool:
    """A field written as text, not a value: several lines, or a paragraph."""
    return isinstance(value, str) and ("\n" in value.strip() or len(value.split()) >= 25)


def _holds_text(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_text_block(v) or _holds_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_text(v) for v in value)
    return False


_QUESTION = ("question", "q", "prompt")
_ANSWER = ("answer", "a", "response", "reply")


def _form(records: list[Any]) -> list[tuple[str, str]] | None:
    """A form's questions and answers ("- question: …  answer: …"), or None."""
    out = []
    for record in records:
        if not isinstance(record, dict):
            return None
        keys = {_words(k).lower(): v for k, v in record.items()}
        q = next((keys[k] for k in _QUESTION if k in keys), None)
        a = next((keys[k] for k in _ANSWER if k in keys), None)
        if q is None or a is None:
            return None
        out.append((_scalar(q), a if isinstance(a, str) else _scalar(a)))
    return out


def _export(text: str) -> Any:
    """The data `text` holds when it is an export (JSON, JSON Lines or YAML) of records of
    work, or of a form or review with fields written as text; None when it is not one."""
    stripped = re.sub(r"\A(?:\s*#[^\n]*\n)*\s*", "", text)  # a YAML file's comments above
    if not stripped:
        return None
    if stripped[0] not in "[{" and not re.match(r"^[\w\"'-]+\s*:", stripped):
        return None
    data = _load(text)
    # a form or a review kept as data: several fields, some of them written as text
    if _holds_records(data) or (isinstance(data, dict) and len(data) >= 2
                                and _holds_text(data)):
        return data
    return None


def looks_like_data(text: str) -> bool:
    """Whether `text` is a data export (JSON, JSON Lines or YAML) holding records of work."""
    return _export(text) is not None


def _words(key: Any) -> str:
    out = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(key))
    return re.sub(r"[_\-.]+", " ", out).strip()


def _label(key: Any) -> str:
    words = _words(key)
    return words[:1].upper() + words[1:]


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_scalar(v) for v in value if v not in (None, "", []))
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_scalar(v)}" for k, v in value.items()
                         if v not in (None, "", []))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


def _cell(value: Any) -> str:
    return _scalar(value).replace("|", "/")


def _table(records: list[dict[Any, Any]]) -> list[str]:
    columns: list[Any] = []
    for record in records:
        for key in record:
            if key not in columns and not (isinstance(record[key], list)
                                           and _records(record[key])):
                columns.append(key)
    out = ["| " + " | ".join(_label(c) for c in columns) + " |",
           "|" + "---|" * len(columns)]
    for record in records:
        out.append("| " + " | ".join(_cell(record.get(c)) for c in columns) + " |")
    return out


def _heading(record: dict[Any, Any]) -> str:
    """A section's heading: its name and, beside it, its dates."""
    name_key = _name_key(record)
    name = _scalar(record[name_key]) if name_key else ""
    dates = [_scalar(v) for k, v in record.items()
             if k != name_key and _dated(k) and not isinstance(v, (list, dict))]
    dated = " – ".join(d for d in dates if d)
    if name and dated:
        return f"{name} ({dated})"
    return name or dated


def _section(depth: int, title: str) -> list[str]:
    """A heading at `depth` (Markdown's six at most), set apart by blank lines."""
    return ["", f"{'#' * min(depth, 6)} {title}", ""]


def _labelled(depth: int, label: str) -> list[str]:
    """The heading a value's key gives it, when it has one."""
    return _section(depth, label) if label else []


def _render(value: Any, depth: int, label: str, out: list[str]) -> None:
    form = _form(value) if isinstance(value, list) and value else None
    if form is not None:
        out += _labelled(depth, label)
        for question, answer in form:
            out += [*_section(depth + 1, question), answer.strip(), ""]
        return
    if _records(value):
        nested = [r for r in value if any(_holds_records(v) for v in r.values())]
        if nested:  # sections: each record heads the records it holds, under its own name
            for record in value:
                out += _section(depth + 1, _heading(record))
                _fields(record, depth + 1, out)
        else:
            out += [*_labelled(depth, label), *_table(value)]
        return
    if isinstance(value, dict):
        out += _labelled(depth, label)
        _fields(value, depth, out)
        return
    if isinstance(value, list):
        out += _labelled(depth, label)
        for v in value:
            if isinstance(v, (dict, list)):
                _render(v, depth + 1, "", out)
            elif _scalar(v):
                out.append(f"- {_scalar(v)}")


def _fields(record: dict[Any, Any], depth: int, out: list[str]) -> None:
    """A record's own fields as its opening lines, then what it holds under their headings."""
    for key, v in record.items():
        if not isinstance(v, (dict, list)) and not _text_block(v) and _scalar(v):
            out.append(f"{_label(key)}: {_scalar(v)}  ")
    for key, v in record.items():
        if _text_block(v):  # a field written as text is a section of the record
            out += [*_section(depth + 1, _label(key)), str(v).strip(), ""]
        elif isinstance(v, (dict, list)) and v:
            _render(v, depth + 1, _label(key), out)


def data_to_markdown(text: str) -> str | None:
    """The export as Markdown: its opening fields, then a heading and a table (or a list) for
    each list it holds; None when `text` is no export (`looks_like_data`), read once. Line
    numbers are the Markdown's: an export's lines say little about where a piece of work is
    told."""
    data = _export(text)
    if data is None:
        return None
    out: list[str] = []
    _render(data, 1, "", out)
    return "\n".join(out) + "\n"


# A fenced block in a record's prose: "```json … ```".
_FENCED = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.M | re.S)


def fenced_exports(text: str) -> tuple[str, list[int]] | None:
    """A record whose prose holds an export pasted in a fenced block ("Pasted from the JSON
    export of my impact tracker", then ```json … ```): the text with each such block read as
    the export it is (`data_to_markdown`), and for each of its lines the file's line it came
    from (a block's lines all from the block's first). None when no block holds an export."""
    lines: list[tuple[str, int]] = []
    pos, found = 0, False
    for m in _FENCED.finditer(text):
        rendered = data_to_markdown(m.group(2))
        if rendered is None:
            continue
        found = True
        first = text.count("\n", 0, pos) + 1
        lines += [(t, first + n) for n, t in enumerate(text[pos:m.start()].split("\n")[:-1])]
        at = text.count("\n", 0, m.start()) + 1
        lines += [(t, at) for t in rendered.split("\n")]
        pos = m.end() + 1
    if not found:
        return None
    first = text.count("\n", 0, pos) + 1
    lines += [(t, first + n) for n, t in enumerate(text[pos:].split("\n"))]
    return "\n".join(t for t, _ in lines), [n for _, n in lines]
