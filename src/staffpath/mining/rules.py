"""Mining settings: which paths are design docs, decision records and glue work, and thresholds.

Defaults suit most repositories; a workspace overrides them in `mining.toml`, e.g.

    design_docs = ["docs/rfcs/**", "proposals/**"]

    [[glue]]
    name = "runbooks"
    label = "runbooks"
    paths = ["ops/runbooks/**"]

    [cross_team]
    min_commits = 5
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from staffpath.errors import InputError
from staffpath.mining.pathmatch import PatternError, PatternList, compile_patterns

RULES_FILE = "mining.toml"


def _check_patterns(patterns: list[str]) -> list[str]:
    try:
        compile_patterns(patterns)
    except PatternError as exc:
        raise ValueError(str(exc)) from None
    return patterns


class GlueRule(BaseModel):
    """One kind of glue work and the paths that show it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=40)
    label: str = Field(min_length=1, max_length=80)
    paths: list[str] = Field(min_length=1)

    _check = field_validator("paths")(_check_patterns)


class Thresholds(BaseModel):
    """When mined facts add up to an evidence entry for a person and period."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_commits: int = Field(default=3, ge=1)
    min_days: int = Field(default=2, ge=1)


DEFAULT_GLUE = (
    GlueRule(name="ci", label="CI", paths=[
        ".github/workflows/**", ".github/actions/**", ".gitlab-ci.yml", ".gitlab/ci/**",
        ".circleci/**", "Jenkinsfile", "azure-pipelines.yml", ".travis.yml", "tools/ci/**",
        "ci/**", ".buildkite/**", ".pre-commit-config.yaml", "codecov.yml"]),
    GlueRule(name="build", label="build and packaging", paths=[
        "Makefile", "*.mk", "CMakeLists.txt", "BUILD", "BUILD.bazel", "WORKSPACE", "*.bzl",
        "tools/build/**", "build/**", "Dockerfile", "*.dockerfile", "docker-compose*.yml",
        "tox.ini", "noxfile.py", "setup.py", "setup.cfg", "pyproject.toml", "package.json",
        "go.mod", "Cargo.toml", "pom.xml", "build.gradle", "*.gradle.kts", "templates/**"]),
    GlueRule(name="tooling", label="developer tooling", paths=[
        "tools/**", "scripts/**", "bin/**", ".devcontainer/**", "dev/**", "hack/**"]),
    GlueRule(name="test_infra", label="test infrastructure", paths=[
        "conftest.py", "**/fixtures/**", "testing/**/*.py", "test/support/**",
        "tests/helpers/**", "**/testutil/**", "**/test_helpers/**", "pytest.ini"]),
    GlueRule(name="runbooks", label="runbooks and on-call docs", paths=[
        "runbooks/**", "docs/runbooks/**", "**/RUNBOOK*.md", "playbooks/**", "oncall/**"]),
    GlueRule(name="docs", label="documentation", paths=[
        "docs/**", "doc/**", "*.md", "*.rst", "*.adoc"]),
)


class MiningRules(BaseModel):
    """Settings for `staffpath mine`; see the module docstring for the file format."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    design_docs: list[str] = [
        "docs/rfcs/**", "docs/rfc/**", "rfcs/**", "rfc/**", "docs/design/**", "design/**",
        "docs/proposals/**", "proposals/**", "docs/design-docs/**"]
    decision_records: list[str] = [
        "docs/adr/**", "doc/adr/**", "adr/**", "docs/decisions/**", "decisions/**",
        "docs/architecture/decisions/**",
        # Wherever a repository keeps them: an adr or adrs folder at any depth, an
        # architecture-decisions folder, and files named by number ("adr-001-….md",
        # "ADR0007.md", "adr_12.md") as some projects keep them at the root.
        "**/adr/**", "**/adrs/**", "**/architecture-decisions/**",
        "**/architecture/decisions/**", "**/[Aa][Dd][Rr]-[0-9]*", "**/[Aa][Dd][Rr][0-9]*",
        "**/[Aa][Dd][Rr]_[0-9]*"]
    document_extensions: list[str] = [".md", ".markdown", ".rst", ".adoc", ".txt", ".org"]
    glue: list[GlueRule] = list(DEFAULT_GLUE)
    # Files left out of authorship and truck factor: vendored and generated code, lock files.
    truck_factor_exclude: list[str] = [
        "vendor/**", "third_party/**", "third-party/**", "node_modules/**", "*.min.js",
        "*.lock", "package-lock.json", "*.svg", "*.png", "*.jpg", "*.gif", "*.ico", "*.pdf"]
    cross_team: Thresholds = Thresholds()
    glue_work: Thresholds = Thresholds()
    knowledge_spread_min_files: int = Field(default=1, ge=1)
    period: str = Field(default="quarter", pattern="^(quarter|month)$")

    _check = field_validator("design_docs", "decision_records", "truck_factor_exclude")(
        _check_patterns)

    @cached_property
    def design_matcher(self) -> PatternList:
        return PatternList(tuple(self.design_docs))

    @cached_property
    def decision_matcher(self) -> PatternList:
        return PatternList(tuple(self.decision_records))

    @cached_property
    def glue_matchers(self) -> tuple[tuple[GlueRule, PatternList], ...]:
        return tuple((rule, PatternList(tuple(rule.paths))) for rule in self.glue)

    @cached_property
    def exclude_matcher(self) -> PatternList:
        return PatternList(tuple(self.truck_factor_exclude))

    def is_document(self, path: str) -> bool:
        return any(path.lower().endswith(ext) for ext in self.document_extensions)


def load_rules(workspace_root: Path | None) -> MiningRules:
    """The workspace's mining rules, or the defaults when it has no `mining.toml`."""
    if workspace_root is None:
        return MiningRules()
    path = workspace_root / RULES_FILE
    if not path.exists():
        return MiningRules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no line attribute; the line is at the end of its message.
        m = re.search(r"\s*\(at line (\d+), column \d+\)$", str(exc))
        message = str(exc)[:m.start()] if m else str(exc)
        raise InputError(f"invalid TOML: {message}", path=path,
                         line=int(m.group(1)) if m else None) from None
    try:
        return MiningRules.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise InputError(f"{where}: {msg}", path=path) from None
