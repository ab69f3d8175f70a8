"""Framework helpers and the design of the default framework."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import ValidationError

from staffpath.errors import NotFoundError
from staffpath.framework import Framework, default_framework, load_framework
from staffpath.vocab import EvidenceKind, Scope

DATA = Path(__file__).parent / "data" / "framework"


@pytest.fixture(scope="module")
def tiny() -> Framework:
    return load_framework(DATA / "minimal.yaml")


def test_public_names_are_exported() -> None:
    import staffpath.framework as package

    for name in package.__all__:  # each loads on first use
        assert getattr(package, name) is not None, name
    assert sorted(package.__all__) == sorted(
        name for name, value in vars(package).items() if not name.startswith("_")
        and not isinstance(value, ModuleType)  # submodules appear once anything imports them
    )


def test_level_lookup_and_helpful_not_found(tiny: Framework) -> None:
    assert tiny.level_ids == ("junior", "senior", "staff")
    assert tiny.level_index("staff") == 2
    assert tiny.level("senior").title == "Senior"
    with pytest.raises(NotFoundError, match=r"no level 'lead'.*levels: junior, senior, staff"):
        tiny.level_index("lead")
    with pytest.raises(NotFoundError, match="dimensions: impact, mentoring"):
        tiny.dimension("reach")
    with pytest.raises(NotFoundError, match="archetypes: tech_lead"):
        tiny.archetype("solver")


@pytest.mark.parametrize(
    ("tag", "dimension"),
    [
        ("impact", "impact"),
        ("#Impact", "impact"),
        ("reach", "impact"),
        ("#cross_team", "impact"),
        ("Cross Team", "impact"),
        ("crossteam", "impact"),
        ("#MENTORSHIP", "mentoring"),
        ("#unrelated", None),
        ("#", None),
        ("", None),
    ],
)
def test_dimension_for_tag_ignores_case_and_separators(
    tiny: Framework, tag: str, dimension: str | None
) -> None:
    found = tiny.dimension_for_tag(tag)
    assert (found.id if found else None) == dimension


def test_dimensions_for_kind_include_per_level_overrides(tiny: Framework) -> None:
    assert [d.id for d in tiny.dimensions_for_kind(EvidenceKind.MIGRATION)] == ["impact"]
    # sponsorship is only named in mentoring's staff rule, which still makes it count there
    assert [d.id for d in tiny.dimensions_for_kind("sponsorship")] == ["mentoring"]
    assert tiny.dimensions_for_kind(EvidenceKind.ONCALL) == []
    assert tiny.dimension("mentoring").rule_kinds("staff") == (
        EvidenceKind.MENTORSHIP, EvidenceKind.SPONSORSHIP)
    assert tiny.dimension("mentoring").rule_kinds("senior") == (EvidenceKind.MENTORSHIP,)


def test_expectation_lookup(tiny: Framework) -> None:
    exp = tiny.expectation("impact", "staff")
    assert exp is not None
    assert exp.evidence.min_scope is Scope.TEAMS
    assert tiny.expectation("impact", "junior") is None  # nothing expected yet
    with pytest.raises(NotFoundError):
        tiny.expectation("impact", "principal")


def test_fingerprint_is_stable_and_changes_with_content(tiny: Framework) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", tiny.fingerprint)
    assert tiny.fingerprint == load_framework(DATA / "minimal.yaml").fingerprint
    bumped = tiny.model_copy(update={"version": "2"})
    assert bumped.fingerprint != tiny.fingerprint


def test_models_are_frozen(tiny: Framework) -> None:
    with pytest.raises(ValidationError):
        tiny.levels[0].title = "Changed"  # type: ignore[misc]


def test_frameworks_built_in_code_follow_the_same_rules(tiny: Framework) -> None:
    data = tiny.model_dump(mode="json")
    data["archetypes"][0]["emphasises"] = ["nothing"]
    with pytest.raises(ValidationError, match="unknown dimension 'nothing'"):
        Framework.model_validate(data)


# --- the default framework -------------------------------------------------------------------


@pytest.fixture(scope="module")
def default() -> Framework:
    return default_framework()


def test_default_levels_and_dimensions_are_the_agreed_ids(default: Framework) -> None:
    assert default.level_ids == ("engineer", "senior", "staff", "senior-staff", "principal")
    assert default.dimension_ids == (
        "scope_of_impact", "technical_judgment", "execution", "collaboration", "communication",
        "developing_others", "strategy", "glue_work", "self_awareness",
    )


def test_default_scope_widens_up_the_ladder(default: Framework) -> None:
    rule = default.dimension("scope_of_impact").expectations
    assert rule["senior"].evidence.min_scope is Scope.TEAM
    staff = rule["staff"].evidence
    assert (staff.strength, staff.min_scope, staff.min_span_months, staff.min_role) == (
        2.5, Scope.TEAMS, 6, "led")
    assert rule["senior-staff"].evidence.min_scope is Scope.ORG
    assert rule["principal"].evidence.min_scope is Scope.COMPANY


# What a rule's role asks for, and the words a level's behaviours must use to ask for it.
_ROLE_WORDS = {
    "led": re.compile(r"\blead|\bruns?\b|\bcoordinat|\bowns?\b|\bdriv|\bshap"),
    "led_leaders": re.compile(r"\bthrough (?:other )?leaders\b|\bguid\w+ [\w' ]*\bleads\b"),
    "set_direction": re.compile(r"\bsets?\b|\bbets?\b|\bvision\b|\bdirection\b"),
}


def test_default_rules_ask_only_for_the_role_their_own_words_name(default: Framework) -> None:
    # 2026.4's audit: "their work changes how a whole organisation builds software" asks for
    # no leading of other leaders. 2026.5's: nor for leading at all ("their work …",
    # "delivers …"), while "leads" and "coordinates" do ask for a lead.
    for dim in default.dimensions:
        for level, exp in dim.expectations.items():
            words = _ROLE_WORDS.get(exp.evidence.min_role)
            if words is not None:
                assert words.search(" ".join(exp.behaviours).lower()), (dim.id, level)
    role = {(d, lv): default.expectation(d, lv).evidence.min_role
            for d in ("scope_of_impact", "execution")
            for lv in ("staff", "senior-staff", "principal")}
    assert role == {("scope_of_impact", "staff"): "led", ("scope_of_impact", "senior-staff"): "did",
                    ("scope_of_impact", "principal"): "did", ("execution", "staff"): "led",
                    ("execution", "senior-staff"): "led", ("execution", "principal"): "did"}


def test_default_every_dimension_expects_something_from_staff_up(default: Framework) -> None:
    for dim in default.dimensions:
        for level in ("staff", "senior-staff", "principal"):
            assert default.expectation(dim.id, level) is not None, (dim.id, level)


def test_default_every_specific_evidence_kind_counts_somewhere(default: Framework) -> None:
    # "other" is deliberately unassigned: unclassified evidence counts only through its tags.
    uncovered = [k for k in EvidenceKind if not default.dimensions_for_kind(k)]
    assert uncovered == [EvidenceKind.OTHER]


@pytest.mark.parametrize(
    ("tag", "dimension"),
    [
        ("#mentoring", "developing_others"), ("#mentorship", "developing_others"),
        ("#hiring", "developing_others"), ("#oncall", "glue_work"), ("#incident", "glue_work"),
        ("#process", "glue_work"), ("#tooling", "glue_work"), ("#ci", "glue_work"),
        ("#reliability", "glue_work"), ("#design", "technical_judgment"),
        ("#rfc", "technical_judgment"), ("#strategy", "strategy"),
        ("#writing", "communication"), ("#talk", "communication"), ("#docs", "communication"),
        ("#leadership", "scope_of_impact"), ("#crossteam", "scope_of_impact"),
        ("#cross-team", "scope_of_impact"), ("#feedback", "self_awareness"),
        ("#learning", "self_awareness"), ("#delivery", "execution"),
        ("#collaboration", "collaboration"),
    ],
)
def test_default_common_brag_tags_map_to_a_dimension(
    default: Framework, tag: str, dimension: str
) -> None:
    found = default.dimension_for_tag(tag)
    assert found is not None
    assert found.id == dimension


def test_default_archetypes_and_org_sizes(default: Framework) -> None:
    sizes = {a.id: a.min_org_engineers for a in default.archetypes}
    assert sizes == {"tech_lead": 8, "architect": 100, "solver": 50, "right_hand": 1000}
    for a in default.archetypes:
        assert a.emphasises
        assert a.note


def test_default_settings(default: Framework) -> None:
    assert (default.overall.min_share, default.overall.min_dimensions,
            default.overall.against_dimensions) == (0.5, 3, 5)
    assert default.overall.max_below == 1
    assert default.assessment.window_months == 18
    assert default.assessment.min_items_for_confidence == 2
