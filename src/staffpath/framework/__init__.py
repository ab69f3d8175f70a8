"""The career framework: levels, dimensions, expectations and archetypes, loaded from YAML."""

from staffpath.framework.ft import load_any_framework, load_ft_framework
from staffpath.framework.loader import (
    default_framework,
    dump_framework_yaml,
    load_framework,
    load_framework_text,
    validate_framework_file,
)
from staffpath.framework.model import (
    Archetype,
    AssessmentSettings,
    Dimension,
    EvidenceRule,
    Expectation,
    Framework,
    Level,
    OverallRule,
)
from staffpath.framework.render import framework_to_dict, render_framework

__all__ = [
    "Archetype",
    "AssessmentSettings",
    "Dimension",
    "EvidenceRule",
    "Expectation",
    "Framework",
    "Level",
    "OverallRule",
    "default_framework",
    "dump_framework_yaml",
    "framework_to_dict",
    "load_any_framework",
    "load_framework",
    "load_framework_text",
    "load_ft_framework",
    "render_framework",
    "validate_framework_file",
]
