"""`framework show`: the Rich layout and the JSON form."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from staffpath.errors import NotFoundError
from staffpath.framework import default_framework, framework_to_dict, render_framework
from staffpath.framework.render import describe_rule
from staffpath.vocab import Scope


def rendered(level: str | None = None) -> str:
    console = Console(record=True, width=160, color_system=None)
    console.print(render_framework(default_framework(), level))
    return console.export_text()


def test_full_view_lists_levels_dimensions_and_archetypes() -> None:
    text = rendered()
    fw = default_framework()
    for lv in fw.levels:
        assert lv.title in text
    for dim in fw.dimensions:
        assert dim.title in text
    assert "Creates mentors rather than only mentoring" in text
    assert "nothing expected at this level" in text  # strategy at engineer
    assert "Right hand" in text
    assert fw.fingerprint[:12] in text


def test_level_view_shows_only_that_level() -> None:
    text = rendered("staff")
    assert "Creates mentors rather than only mentoring" in text
    assert "Mentors a few engineers" not in text  # a senior behaviour
    assert "2.5+ pieces of work" in text
    assert "one team or wider" not in text  # the senior rule


def test_unknown_level_is_refused_with_the_real_ids() -> None:
    with pytest.raises(NotFoundError, match="senior-staff"):
        render_framework(default_framework(), "staf")
    with pytest.raises(NotFoundError):
        framework_to_dict(default_framework(), "staf")


def test_json_form_is_serialisable_and_filters_by_level() -> None:
    fw = default_framework()
    full = framework_to_dict(fw)
    assert json.loads(json.dumps(full)) == full
    assert full["fingerprint"] == fw.fingerprint
    assert set(full["dimensions"][0]["expectations"]) == set(fw.level_ids)
    only = framework_to_dict(fw, "senior")
    assert only["selected_level"] == "senior"
    assert {k for d in only["dimensions"] for k in d["expectations"]} == {"senior"}
    assert only["dimensions"][0]["expectations"]["senior"]["evidence"]["min_scope"] == "team"


def test_rule_description() -> None:
    dim = default_framework().dimension("developing_others")
    staff = dim.expectations["staff"].evidence
    assert describe_rule(staff, dim) == (
        "2.5+ pieces of work · several teams or wider · over 6+ months · "
        "only mentorship, sponsorship, knowledge_spread, hiring")
    execution = default_framework().dimension("execution")
    lead = execution.expectations["staff"].evidence
    assert "· where you led it ·" in describe_rule(lead, execution)
    engineer = dim.expectations["engineer"].evidence
    assert engineer.min_scope is Scope.SELF
    assert describe_rule(engineer, dim) == "1+ piece of work"
