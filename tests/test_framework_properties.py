"""Property tests: the loader fails only with staffpath errors, and valid frameworks round-trip."""

from __future__ import annotations

import contextlib
import copy
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from staffpath.errors import InputError, ProblemList
from staffpath.framework import (
    Framework,
    default_framework,
    dump_framework_yaml,
    load_framework,
    load_framework_text,
)
from staffpath.framework.checks import normalise_tag
from staffpath.vocab import EvidenceKind, Scope

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
# Each example of these loads the whole default framework (~30 ms), so fewer of them.
HEAVY = settings(SETTINGS, max_examples=25)


def outcome(text: str) -> Framework | ProblemList:
    try:
        return load_framework_text(text)
    except ProblemList as exc:
        problems = exc
    assert problems.problems
    assert all(isinstance(p, InputError) for p in problems.problems)
    return problems


@SETTINGS
@given(st.text())
def test_arbitrary_text_fails_only_with_problem_lists(text: str) -> None:
    outcome(text)


@SETTINGS
@given(st.text(alphabet=":-[]{}#&*!|>'\"%@?,.\\ \n\tabxyz019\x85\u2028", max_size=80))
def test_yaml_shaped_text_fails_only_with_problem_lists(text: str) -> None:
    outcome("id: x\nlevels:\n" + text)
    outcome(text)


@SETTINGS
@given(st.binary())
def test_arbitrary_bytes_fail_only_with_input_errors(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fw.yaml"
    path.write_bytes(raw)
    with contextlib.suppress(InputError):
        load_framework(path)


# Values that a hand-edited file might hold where a field was expected.
junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["senior", "staff", "team", "mentorship", "impact"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8,
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*here, i))
    return out


def _mutated(seed: int, replacement: Any) -> dict[str, Any]:
    """The default framework's data with one randomly chosen subtree replaced."""
    data = default_framework().model_dump(mode="json", exclude_none=True)
    paths = [p for p in _paths(data) if p]
    target = random.Random(seed).choice(paths)
    parent = data
    for part in target[:-1]:
        parent = parent[part]
    parent[target[-1]] = replacement
    return data


@HEAVY
@given(st.integers(min_value=0), junk)
def test_damaged_frameworks_fail_only_with_located_problems(seed: int, value: Any) -> None:
    text = yaml.safe_dump(_mutated(seed, value), sort_keys=False, allow_unicode=True)
    result = outcome(text)
    if isinstance(result, ProblemList):
        assert all(p.line is not None for p in result.problems)


@HEAVY
@given(st.integers(min_value=0), junk, st.randoms())
def test_dimension_order_does_not_change_validity(seed: int, value: Any, rnd: random.Random
                                                  ) -> None:
    data = _mutated(seed, value)
    shuffled = copy.deepcopy(data)
    if isinstance(shuffled.get("dimensions"), list):
        rnd.shuffle(shuffled["dimensions"])
    first = outcome(yaml.safe_dump(data))
    second = outcome(yaml.safe_dump(shuffled))
    assert isinstance(first, Framework) == isinstance(second, Framework)


# --- generated valid frameworks ---------------------------------------------------------------

slug = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")
line = words.filter(lambda s: "\n" not in s)


@st.composite
def frameworks(draw: st.DrawFn) -> dict[str, Any]:
    level_ids = draw(st.lists(slug, min_size=1, max_size=5, unique=True))
    # dimension ids are told apart the way tags are ("a0" and "a-0" are one id to the loader)
    dim_ids = draw(st.lists(slug, min_size=1, max_size=4, unique_by=normalise_tag))
    tags = draw(st.lists(slug, max_size=8, unique=True))
    # a tag may name only one dimension, compared the way dimension_for_tag compares them
    taken = {normalise_tag(d) for d in dim_ids}
    tags = [t for t in tags if normalise_tag(t) not in taken and not taken.add(normalise_tag(t))]
    dimensions = []
    for n, dim_id in enumerate(dim_ids):
        expectations = {}
        items, scope, span = 1, 0, 0
        for level_id in level_ids:
            if draw(st.booleans()):
                continue
            # rules only get stricter up the ladder
            items += draw(st.integers(0, 2))
            scope = min(scope + draw(st.integers(0, 1)), int(Scope.COMPANY))
            span = draw(st.integers(0, 24))
            rule: dict[str, Any] = {"min_items": items, "min_scope": Scope(scope).name.lower(),
                                    "min_span_months": span}
            if draw(st.booleans()):
                rule["kinds"] = draw(st.lists(st.sampled_from([k.value for k in EvidenceKind]),
                                              min_size=1, max_size=3))
            expectations[level_id] = {
                "behaviours": draw(st.lists(words, min_size=1, max_size=3)),
                "evidence": rule,
                "closes_gap": draw(line),
            }
        dimensions.append({
            "id": dim_id, "title": draw(words), "summary": draw(words),
            "aliases": tags[n::len(dim_ids)],
            "kinds": draw(st.lists(st.sampled_from([k.value for k in EvidenceKind]),
                                   max_size=4)),
            "expectations": expectations,
        })
    return {
        "id": draw(slug), "name": draw(words), "version": draw(words),
        "description": draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)),
        "levels": [{"id": i, "title": draw(words), "summary": draw(words)} for i in level_ids],
        "dimensions": dimensions,
        "archetypes": [{
            "id": "shape", "title": draw(words), "summary": draw(words),
            "emphasises": draw(st.lists(st.sampled_from(dim_ids), max_size=2)),
            "min_org_engineers": draw(st.integers(0, 5000)),
        }],
        "overall": {"min_share": draw(st.floats(0.01, 1)), "max_below": draw(st.integers(0, 3))},
    }


@SETTINGS
@given(frameworks())
def test_generated_frameworks_round_trip(data: dict[str, Any]) -> None:
    fw = Framework.model_validate(data)
    again = load_framework_text(dump_framework_yaml(fw))
    assert again == fw
    assert again.fingerprint == fw.fingerprint


@SETTINGS
@given(frameworks(), st.randoms())
def test_shuffling_dimensions_keeps_a_valid_framework_valid(
    data: dict[str, Any], rnd: random.Random
) -> None:
    rnd.shuffle(data["dimensions"])
    assert isinstance(outcome(yaml.safe_dump(data, allow_unicode=True)), Framework)
