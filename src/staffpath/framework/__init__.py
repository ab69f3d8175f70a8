"""The career framework: levels, dimensions, expectations and archetypes, loaded from YAML.

The names below load on first use: importing `staffpath.framework.model` (as nearly every
command does) does not pay for the importers of other layouts or the renderer.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
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

_WHERE = {
    "load_any_framework": "ft", "load_ft_framework": "ft",
    "default_framework": "loader", "dump_framework_yaml": "loader",
    "load_framework": "loader", "load_framework_text": "loader",
    "validate_framework_file": "loader",
    "Archetype": "model", "AssessmentSettings": "model", "Dimension": "model",
    "EvidenceRule": "model", "Expectation": "model", "Framework": "model", "Level": "model",
    "OverallRule": "model",
    "framework_to_dict": "render", "render_framework": "render",
}

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


def __getattr__(name: str) -> _typing.Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
