"""Checks a career framework's raw data must pass beyond its types: ids unique, tags claimed
once, expectations and rules naming levels, scopes and kinds that exist. They work on plain
data, not models, so the loader can report them with the line each points at, alongside type
errors; the model runs the same checks on a framework built in code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from staffpath.framework.readers import known_readers, reader_model
from staffpath.vocab import Scope

__all__ = ["Loc", "normalise_tag", "parse_scope", "semantic_problems"]


def parse_scope(value: object) -> Scope:
    """A reach as a framework writes it ("teams"), or already a Scope."""
    if isinstance(value, Scope):
        return value
    if isinstance(value, str):
        return Scope.parse(value)
    raise ValueError("scope must be one of: self, team, teams, org, company")


def normalise_tag(tag: str) -> str:
    """The form tags and ids are compared in: `#Cross-Team` → `crossteam`."""
    return "".join(c for c in tag.strip().lstrip("#").lower() if c not in "-_ ")


Loc = tuple[str | int, ...]


def _items(value: object) -> list[tuple[int, Mapping[str, Any]]]:
    """The mapping entries of a list, with their indexes; tolerant of malformed input."""
    if not isinstance(value, list | tuple):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, Mapping)]


def _duplicates(entries: Iterable[tuple[Loc, str]], what: str) -> list[tuple[Loc, str]]:
    seen: set[str] = set()
    problems: list[tuple[Loc, str]] = []
    for loc, value in entries:
        if value in seen:
            problems.append((loc, f"duplicate {what} id {value!r}"))
        seen.add(value)
    return problems


def semantic_problems(data: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Cross-reference problems in raw framework data, each with the location it points at.

    Works on plain data (not models) so the loader can report these alongside type errors.
    """
    problems: list[tuple[Loc, str]] = []
    levels = _items(data.get("levels"))
    level_ids = [
        (("levels", i, "id"), lv["id"]) for i, lv in levels if isinstance(lv.get("id"), str)
    ]
    problems += _duplicates(level_ids, "level")
    order: dict[str, int] = {}  # level id → rung, first occurrence wins
    for _, lid in level_ids:
        order.setdefault(lid, len(order))

    dims = _items(data.get("dimensions"))
    dim_ids = [
        (("dimensions", i, "id"), d["id"]) for i, d in dims if isinstance(d.get("id"), str)
    ]
    problems += _duplicates(dim_ids, "dimension")
    known_dims = {d for _, d in dim_ids}

    # A tag must name exactly one dimension, whether through an id or an alias. Ids claim
    # their tag first so a clash is reported at the alias, where the fix usually is.
    claimed: dict[str, str] = {}
    for loc, dim_id in dim_ids:
        holder = claimed.setdefault(normalise_tag(dim_id), dim_id)
        if holder != dim_id:
            problems.append((loc, f"dimension id {dim_id!r} reads as the same tag as {holder!r}"))
    for i, d in dims:
        aliases = d.get("aliases")
        if not isinstance(aliases, list | tuple):
            continue
        for j, alias in enumerate(aliases):
            if not isinstance(alias, str):
                continue
            tag = normalise_tag(alias)
            holder = claimed.setdefault(tag, d.get("id", f"#{i + 1}"))
            if holder != d.get("id", f"#{i + 1}"):
                problems.append((("dimensions", i, "aliases", j),
                                 f"alias {alias!r} already maps to dimension {holder!r}"))

    for i, d in dims:
        exps = d.get("expectations")
        if not isinstance(exps, Mapping):
            continue
        # Compare each level with the nearest lower level that states the same bound.
        last_items: tuple[str, int] | None = None
        last_scope: tuple[str, Scope] | None = None
        for key in sorted(
            (k for k in exps if isinstance(k, str) and k in order), key=lambda k: order[k]
        ):
            rule = exps[key].get("evidence") if isinstance(exps[key], Mapping) else None
            rule = rule if isinstance(rule, Mapping) else {}
            here: Loc = ("dimensions", i, "expectations", key, "evidence")
            items = rule.get("min_items", 1)
            if isinstance(items, int) and not isinstance(items, bool):
                if last_items is not None and items < last_items[1]:
                    problems.append(((*here, "min_items"), (
                        f"min_items at {key} ({items}) is lower than at {last_items[0]} "
                        f"({last_items[1]}); rules must not get easier up the ladder")))
                last_items = (key, items)
            try:
                scope = parse_scope(rule.get("min_scope", "self"))
            except ValueError:
                continue
            if last_scope is not None and scope < last_scope[1]:
                problems.append(((*here, "min_scope"), (
                    f"min_scope at {key} ({scope.name.lower()}) is narrower than at "
                    f"{last_scope[0]} ({last_scope[1].name.lower()}); rules must not get "
                    "easier up the ladder")))
            last_scope = (key, scope)
        for key in exps:
            if key not in order:
                problems.append((("dimensions", i, "expectations", key), (
                    f"expectation for unknown level {key!r}; levels: " + ", ".join(order))))

    overall = data.get("overall")
    at = overall.get("against_by_reach_at") if isinstance(overall, Mapping) else None
    if isinstance(at, list | tuple):
        for j, lid in enumerate(at):
            if isinstance(lid, str) and lid not in order:
                problems.append((("overall", "against_by_reach_at", j), (
                    f"against_by_reach_at names unknown level {lid!r}; levels: "
                    + ", ".join(order))))

    reader = overall.get("reader") if isinstance(overall, Mapping) else None
    if isinstance(reader, str):
        problems += _reader_problems(reader, tuple(order))

    for i, a in _items(data.get("archetypes")):
        emphasises = a.get("emphasises")
        if not isinstance(emphasises, list | tuple):
            continue
        for j, dim in enumerate(emphasises):
            if isinstance(dim, str) and dim not in known_dims:
                problems.append((("archetypes", i, "emphasises", j), (
                    f"archetype emphasises unknown dimension {dim!r}; dimensions: "
                    + ", ".join(sorted(known_dims)))))
    problems += _duplicates(
        [(("archetypes", i, "id"), a["id"]) for i, a in _items(data.get("archetypes"))
         if isinstance(a.get("id"), str)],
        "archetype",
    )
    return problems


def _reader_problems(name: str, levels: tuple[str, ...]) -> list[tuple[Loc, str]]:
    """A framework's reader must be one the package ships, reading the framework's levels."""
    where: Loc = ("overall", "reader")
    if name not in known_readers():
        return [(where, f"unknown reader {name!r}; readers: " + ", ".join(known_readers()))]
    theirs = reader_model(name).levels
    if theirs != levels:
        return [(where, f"reader {name!r} reads the levels {', '.join(theirs)}, not this "
                        f"framework's ({', '.join(levels)}); set no reader, or one for them")]
    return []
