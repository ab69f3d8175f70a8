"""Read, validate and write framework YAML files, reporting every problem with its file and line."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from staffpath.errors import InputError, NotFoundError, ProblemList
from staffpath.framework.checks import Loc, semantic_problems
from staffpath.framework.model import SEMANTIC_ERROR, Framework

M = TypeVar("M", bound=BaseModel)

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass
class YamlDocument:
    """Parsed YAML with a line for every node path, plus problems found while parsing."""

    source: str
    data: Any
    lines: dict[Loc, int]
    problems: list[InputError] = field(default_factory=list)

    def line_for(self, loc: Loc) -> int | None:
        """Line of the node at loc, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return None

    def problem(self, loc: Loc, message: str) -> InputError:
        """An InputError pointing at the node at loc."""
        return InputError(message, path=self.source, line=self.line_for(loc))


def read_source(path: str | Path) -> tuple[bytes, str]:
    """Read a file's bytes, turning OS failures into errors the CLI can print."""
    p = Path(path)
    if not p.exists():
        raise NotFoundError(f"no such file: {p}")
    if p.is_dir():
        raise InputError("is a directory, expected a YAML file", path=p)
    try:
        return p.read_bytes(), str(p)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=p) from None


def decode_source(raw: bytes, source: str) -> str:
    """Decode UTF-8 YAML bytes, or raise one clear error for binary and non-UTF-8 files."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ProblemList([InputError(
            "binary file (contains NUL bytes); expected UTF-8 YAML text", path=source, line=line)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProblemList([InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            path=source, line=line)]) from None


def parse_yaml(text: str, source: str, *, what: str = "YAML document") -> YamlDocument:
    """Parse one YAML document, keeping node lines and reporting duplicate keys.

    Raises ProblemList when nothing usable could be read (syntax errors, empty input).
    """
    def fail(message: str, line: int | None = None) -> ProblemList:
        return ProblemList([InputError(message, path=source, line=line)])

    if not text.strip():
        raise fail(f"file is empty; expected a {what}")
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise fail(f"file has no content (only comments?); expected a {what}")
        doc = YamlDocument(source, None, {})
        _index(node, (), doc, loader, set())
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        raise fail(f"YAML syntax error: {reason}", mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise fail(f"character {exc.character!r} is not allowed in YAML", line) from None
    except yaml.YAMLError as exc:
        raise fail(f"YAML error: {exc}") from None
    except RecursionError:
        raise fail("YAML is nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # Constructors for implicit types (timestamps, numbers) can fail outside PyYAML's
        # error hierarchy; _index usually pins these to a line first.
        raise fail(f"cannot read a value: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _index(
    node: yaml.Node, loc: Loc, doc: YamlDocument, loader: yaml.SafeLoader, seen: set[int]
) -> None:
    """Record the line of every node path and flag what PyYAML would silently accept."""
    doc.lines.setdefault(loc, node.start_mark.line + 1)
    if id(node) in seen:  # an anchor used again: its children are indexed already
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_line:
                # PyYAML keeps the last value without a word; a silent overwrite hides edits.
                doc.problems.append(InputError(
                    f"duplicate key {key!r} (first at line {first_line[key]}); "
                    "only the last would be kept",
                    path=doc.source, line=line))
            else:
                first_line[key] = line
            doc.lines[(*loc, key)] = line  # the key's line: where the entry is seen in the file
            _index(value_node, (*loc, key), doc, loader, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), doc, loader, seen)
    elif isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP_TAG:
        try:
            loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            # Keep going with a string so the remaining problems still get reported.
            doc.problems.append(InputError(
                f"invalid date {node.value!r}: {exc}", path=doc.source,
                line=node.start_mark.line + 1))
            node.tag = "tag:yaml.org,2002:str"


def format_loc(loc: Loc) -> str:
    """`('levels', 0, 'id')` → `levels[0].id`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validation_problems(
    exc: ValidationError, doc: YamlDocument, prefix: Loc = (), *, skip_semantic: bool = False
) -> list[InputError]:
    """Turn pydantic errors into InputErrors at the lines of the nodes they point at.

    prefix is where in the document the validated value sits.
    """
    problems = []
    errors = exc.errors(include_url=False)
    locs = [(*prefix, *err["loc"]) for err in errors]
    for err, loc in zip(errors, locs, strict=True):
        if skip_semantic and err["type"] == SEMANTIC_ERROR:
            continue  # already reported, with better locations, by semantic_problems
        if err["type"] == "too_short" and any(
            other[: len(loc)] == loc and other != loc for other in locs
        ):
            continue  # pydantic counts only the items that validated; the items' errors say why
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "enum":
            message = f"{err.get('input')!r} is not one of: {err['ctx']['expected']}"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "string_type" and isinstance(err.get("input"), int | float):
            message += " (put the value in quotes)"
        problems.append(doc.problem(loc, f"{format_loc(loc)}: {message}"))
    return problems


def build_model(
    model: type[M],
    doc: YamlDocument,
    what: str,
    extra_checks: Callable[[Mapping[str, Any]], list[tuple[Loc, str]]] | None = None,
) -> M:
    """Validate a parsed document into a model, raising ProblemList with every problem found."""
    problems = list(doc.problems)
    if not isinstance(doc.data, Mapping):
        found = type(doc.data).__name__ if doc.data is not None else "nothing"
        raise ProblemList([*problems, doc.problem((), f"top level must be a mapping of {what} "
                                                      f"fields, found {found}")])
    if extra_checks is not None:
        problems += [doc.problem(loc, msg) for loc, msg in extra_checks(doc.data)]
    result: M | None = None
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        located = validation_problems(exc, doc, skip_semantic=True)
        # Should the raw-data checks ever miss what the model's own guard caught, say it anyway.
        problems += located if located or problems else validation_problems(exc, doc)
    except RecursionError:
        problems.append(doc.problem((), "structure is nested too deeply"))
    if problems or result is None:
        problems.sort(key=lambda p: p.line or 0)
        raise ProblemList(list(problems))
    return result


def load_framework_text(text: str, source: str = "<string>") -> Framework:
    """Load a framework from YAML text; raises ProblemList with every problem."""
    doc = parse_yaml(text, source, what="framework (a YAML mapping)")
    return build_model(Framework, doc, "framework", semantic_problems)


def load_framework(path: str | Path) -> Framework:
    """Load a staffpath framework YAML file; raises ProblemList with every problem."""
    raw, source = read_source(path)
    return load_framework_text(decode_source(raw, source), source)


def validate_framework_file(path: str | Path) -> list[InputError]:
    """Every problem in a framework file; an empty list means it is valid."""
    try:
        load_framework(path)
    except ProblemList as exc:
        return [p if isinstance(p, InputError) else InputError(p.message, path=p.path,
                                                                line=p.line)
                for p in exc.problems]
    except InputError as exc:
        return [exc]
    return []


@functools.cache
def default_framework() -> Framework:
    """The framework shipped with staffpath (`default.yaml`), loaded once."""
    resource = resources.files("staffpath.framework").joinpath("default.yaml")
    return load_framework_text(resource.read_text(encoding="utf-8"),
                               "staffpath/framework/default.yaml")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line text as readable literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    if any(c in value for c in "\r\x85\u2028\u2029"):
        style = '"'  # line breaks YAML would normalise on reading; escaping keeps them exact
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_framework_yaml(fw: Framework) -> str:
    """The framework as staffpath YAML; loading the result gives back an equal framework."""
    data = fw.model_dump(mode="json", exclude_none=True)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# staffpath framework {fw.id} {fw.version} (fingerprint {fw.fingerprint[:12]})\n{body}"
