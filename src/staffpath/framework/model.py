"""The career framework as typed, frozen data: levels, dimensions, expectations and archetypes."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from staffpath.errors import NotFoundError
from staffpath.framework.checks import normalise_tag, parse_scope, semantic_problems
from staffpath.framework.readers import reader_digest
from staffpath.vocab import EvidenceKind, Scope

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Aliases are brag-doc tags: one lowercase word, hyphens and underscores allowed.
Alias = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]


ScopeField = Annotated[
    Scope,
    BeforeValidator(parse_scope),
    PlainSerializer(lambda s: s.name.lower(), return_type=str),
]

SEMANTIC_ERROR = "framework_semantics"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Model):
    """One rung of the ladder."""

    id: Slug
    title: Text
    summary: Text


class EvidenceRule(_Model):
    """The machine rule an assessment applies to decide a dimension is met at a level."""

    # Numbers are strict throughout: YAML reads `yes` as a boolean, which lax mode would take as 1.

    # How much qualifying evidence together must weigh. An item of the rule's own reach and
    # role, recent and self-reported, weighs 1; wider reach, a stronger role, a longer effort,
    # a measured impact and confirmation by others make it weigh more. Frameworks written
    # before weights existed give `min_items`, read as the same number.
    min_strength: float | None = Field(default=None, gt=0)
    min_items: int = Field(default=1, strict=True, ge=1)
    min_scope: ScopeField = Scope.SELF
    min_span_months: int = Field(default=0, strict=True, ge=0)
    # The kinds of work the level's behaviours name. They steer which dimensions an item counts
    # toward (`assess.columns`) and what a gap suggests doing; the rule itself weighs every item
    # that counts toward the dimension, whatever its kind.
    kinds: tuple[EvidenceKind, ...] | None = None
    # How the person must have taken part for an item to count.
    min_role: Literal["contributed", "did", "led", "led_leaders", "set_direction"] = "did"

    @model_validator(mode="after")
    def _strength(self) -> EvidenceRule:
        if self.min_strength is None:
            object.__setattr__(self, "min_strength", float(self.min_items))
        return self

    @property
    def strength(self) -> float:
        return float(self.min_strength if self.min_strength is not None else self.min_items)


class Expectation(_Model):
    """What a dimension asks of someone at one level, in words and as a rule."""

    behaviours: tuple[Text, ...] = Field(min_length=1)
    evidence: EvidenceRule = EvidenceRule()
    closes_gap: Text

    @field_validator("closes_gap")
    @classmethod
    def _one_line(cls, value: str) -> str:
        # Gap advice is printed in tables and one-line summaries.
        if "\n" in value:
            raise ValueError("closes_gap must be one line")
        return value


class Dimension(_Model):
    """One axis staff candidates are judged on, with its expectations per level."""

    id: Slug
    title: Text
    summary: Text
    aliases: tuple[Alias, ...] = ()
    kinds: tuple[EvidenceKind, ...] = ()
    expectations: dict[str, Expectation] = Field(default_factory=dict)

    def rule_kinds(self, level_id: str) -> tuple[EvidenceKind, ...]:
        """The kinds of work that show this dimension at a level: the rule's own, else the
        dimension's. They rank where an item counts and say what work would close a gap; they
        do not filter what the rule weighs."""
        exp = self.expectations.get(level_id)
        if exp is not None and exp.evidence.kinds is not None:
            return exp.evidence.kinds
        return self.kinds


class Archetype(_Model):
    """A shape of staff work (tech lead, architect, ...) and the org size it needs."""

    id: Slug
    title: Text
    summary: Text
    emphasises: tuple[str, ...] = ()
    # Kinds of work typical of this shape; the share of a record in them sharpens the fit.
    signature_kinds: tuple[EvidenceKind, ...] = ()
    min_org_engineers: int = Field(default=0, strict=True, ge=0)
    note: str = ""


class OverallRule(_Model):
    """How per-dimension levels combine into one overall level."""

    # The evidence supports a level when this share of the dimensions with any evidence reach
    # it, and never fewer than `min_dimensions` of them.
    min_share: float = Field(default=0.5, strict=True, gt=0, le=1)
    min_dimensions: int = Field(default=3, strict=True, ge=1)
    # Only evidence on this many dimensions, none at the person's current level, shows them
    # below it; less than that is "not recorded yet", not evidence against.
    against_dimensions: int = Field(default=5, strict=True, ge=1)
    max_below: int = Field(default=1, strict=True, ge=0)  # kept for frameworks that set it
    # With this set, a dimension counts for or against a level only when it holds enough work
    # to judge it there: as much as that level's rule asks for, over as long, at any reach or
    # role. A dimension with less is "not recorded enough" at that level and is left out of
    # the share, as a dimension with no evidence is.
    judged_only: bool = Field(default=False, strict=True)
    # At a level whose rules mostly ask for reach beyond one team, separate pieces of work are
    # the repeated evidence: one dimension fewer than the share asks for, and never fewer than
    # two, is enough when at least this many different items meet the level's rules on the
    # dimensions that reach it, in a record with evidence on `min_dimensions` or more.
    # Cross-team work is rarer and larger than a team's, and each item counts toward two
    # dimensions at most, so a concise staff record shows its level on fewer dimensions.
    # Unset: the share alone decides.
    min_pieces_of_work: int | None = Field(default=None, strict=True, ge=1)
    # With `min_pieces_of_work` set: at a level beyond one team, a record covering at least as
    # long as the level's rules mostly ask work to be sustained, in which fewer than that many
    # items reach as far as those rules mostly ask and those are under half of its items, is
    # evidence against the level (a staff title on a record of one team's work). Unset: only
    # `against_dimensions` speaks against the current level. Off in the default framework: on
    # the corpus's held-out half it put more people who work at their title below it than it
    # placed right, because it rests on every item's reach being read, and reach the words do
    # not state is read as one team's. Turn it on where records state their reach.
    against_by_reach: bool = Field(default=False, strict=True)
    # The same, at these levels only (ids of levels beyond one team): where a level's reach is
    # one records state plainly enough to read. In the default framework, senior staff: an
    # organisation of many teams is named when work reaches it. Ignored when
    # `against_by_reach` is on (then every level beyond one team).
    against_by_reach_at: tuple[str, ...] = ()
    # The part the author must have taken in an item for its reach to count there: with
    # "did", help given to other teams' work ("answered questions from two other teams") is
    # not the author's work reaching them. "contributed": every item counts.
    against_by_reach_min_role: Literal["contributed", "did", "led", "led_leaders",
                                       "set_direction"] = "contributed"
    # Within one team (the levels below those `min_pieces_of_work` counts for), a level is shown
    # by sustained work of the team's kind, and a record with plenty of it says which level it
    # shows: a record of at least this many items people told, covering as long as the level
    # asks work to be sustained, whose evidence supports a lower level, is evidence against
    # the level as someone's title. Unset: only `against_dimensions` speaks against it. Unset in
    # the default framework: at 12 it gained on the corpus's tuning half and on the everyone-
    # titled-senior trial, but on the held-out half, read twice (122 documents, then 170), it
    # cost two documents each time and put a staff engineer titled senior at engineer, two
    # levels below the committee, because the evidence alone still reads strong records low
    # as often as it reads busy ones high.
    against_record_items: int | None = Field(default=None, strict=True, ge=1)
    # How far below their title the record can put someone: a committee calibrates a title one
    # level at a time, and a record that speaks against two levels of it says the title is
    # wrong, which is the manager's question, not a reading of the record. The evidence level
    # is still shown as it is. Unset: as far as the evidence against each level goes.
    max_levels_below: int | None = Field(default=None, strict=True, ge=1)
    # Within one team, a level whose rules ask the author to lead (senior: "runs a project for
    # a few engineers", "leads the team on a piece of work") is not shown by a record in which
    # they led nothing: a record of at least this many items people told, covering as long as
    # the level asks work to be sustained, with fewer than two items in which the author took
    # the strongest part the level's rules ask, is evidence against that level as someone's
    # title. Unset: it is not.
    against_unled_items: int | None = Field(default=None, strict=True, ge=1)
    # A record in which the author took that part in nothing at all (no lead, no design or
    # decision of the team's) says so from fewer items: at least this many, over as long.
    # Unset: only `against_unled_items` speaks.
    against_no_lead_items: int | None = Field(default=None, strict=True, ge=1)
    # The share of the time the level asks work to be sustained that such a record must cover
    # (1: as long). Leading nothing at all over part of that time is already plain.
    against_no_lead_span: float = Field(default=1.0, gt=0, le=1)
    # Nor does the evidence show such a level from a record that size in which the author led
    # nothing and wrote none of the work of these kinds (the team's designs and decisions:
    # "shapes its technical choices" is part of how senior's summary says a senior leads).
    # Empty: any leading at all, told as such, is needed.
    shapes_choices_kinds: tuple[EvidenceKind, ...] = ()
    # How many such designs or decisions of the author's shape the team's choices ("shapes its
    # technical choices": choices, over the period). One design doc for the author's own
    # feature is doing that feature well. 1: any one is enough.
    shapes_choices_items: int = Field(default=1, strict=True, ge=1)
    # The record reader that reads the overall level from the record as a whole (a model the
    # package ships under `framework/readers/`, trained on labelled records; see
    # `staffpath.framework.readers`). Unset: the overall level is the per-dimension rules' alone.
    reader: str | None = None
    # The reader reads a record of at least this many items people told, in the window.
    reader_min_items: int = Field(default=3, strict=True, ge=1)
    # And puts someone below their title only from a record of at least this many: a thinner
    # record is not recorded yet, not evidence against the title.
    reader_against_items: int = Field(default=5, strict=True, ge=1)
    # And reads only a record that tells its work in words: its items hold, on average, at
    # least this many words the reader knows. A log of terse titles ("size guide component")
    # gives it too little to read, and the rules decide. 0: every record.
    reader_min_words: float = Field(default=0.0, ge=0)
    # What the level the dimension rules' evidence supports adds to the reader's share for it
    # (shares sum to one): the rules' reading of the cited evidence has a say. 0: none.
    reader_rules_weight: float = Field(default=0.0, ge=0)

    @property
    def reads_the_record(self) -> bool:
        """Whether a rule that speaks against a title from the record as a whole is on: only
        then are the record-wide counts (its items, their reach and part) worth computing."""
        return bool(self.against_by_reach or self.against_by_reach_at
                    or self.against_record_items or self.against_unled_items
                    or self.against_no_lead_items)


class AssessmentSettings(_Model):
    """Knobs the assessment uses when weighing evidence over time."""

    window_months: int = Field(default=18, strict=True, ge=1)
    # Evidence newer than this counts in full; older evidence inside the window counts less.
    recent_months: int = Field(default=12, strict=True, ge=1)
    min_items_for_confidence: int = Field(default=2, strict=True, ge=1)
    # Below this confidence a dimension says "not enough evidence" instead of a level.
    confidence_floor: float = Field(default=0.3, ge=0, le=1)
    # An organisation of many teams has at least this many. In a smaller one (its size as the
    # record states it, never fewer teams than one per eight engineers) there is no organisation
    # between the teams and the company: work that reached all of it, "the whole company",
    # reached several teams and is read so. 0 reads every reach as stated.
    org_min_teams: int = Field(default=0, strict=True, ge=0)
    # With fewer teams than this, an organisation has no "several teams" to reach: work that
    # reached past the author's own team reached all of a place of one or two teams, and is
    # read as one team's. 0 reads every reach beyond a team as stated.
    org_several_teams: int = Field(default=0, strict=True, ge=0)
    # Titles travel badly: in an organisation of fewer teams than `org_min_teams` (as the record
    # states its size, or as declared), a title is the company's own word, not calibrated
    # across an organisation of many teams, and it holds the level only this many levels below
    # itself; above that, the record decides. 0: a title holds its own level wherever it is.
    small_org_title_below: int = Field(default=0, strict=True, ge=0)
    # Work of these kinds happens at a moment (a talk, an incident, a document, a review). An
    # item of one of them dated only by the period its record files it under ("## 2025", the
    # review period) happened within that period, not all through it: it is not a long effort,
    # and it is not sustained on its own. Empty: such items run through their period.
    moment_kinds: tuple[EvidenceKind, ...] = ()
    # A record that dates fewer than this share of the items people told in it is, as a whole,
    # about the period under review: its undated items ran within the last `recent_months`
    # months, as items filed under that period do (efforts through it, moments once in it).
    # What the record says it covers, which can speak against a title, still counts only the
    # dates written. 0: undated items are undated.
    undated_record_share: float = Field(default=0.0, ge=0, le=1)


class Framework(_Model):
    """A versioned career framework."""

    id: Slug
    name: Text
    version: Text
    description: str = ""
    levels: tuple[Level, ...] = Field(min_length=1)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    archetypes: tuple[Archetype, ...] = ()
    overall: OverallRule = OverallRule()
    assessment: AssessmentSettings = AssessmentSettings()

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        # The loader reports these with line numbers before we get here; this guard keeps
        # frameworks built in code to the same rules.
        problems = semantic_problems(self.model_dump(mode="json"))
        if problems:
            raise PydanticCustomError(
                SEMANTIC_ERROR, "{summary}", {"summary": "; ".join(m for _, m in problems)}
            )
        return self

    @property
    def level_ids(self) -> tuple[str, ...]:
        """Level ids, lowest first."""
        return tuple(level.id for level in self.levels)

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        """Dimension ids in framework order."""
        return tuple(d.id for d in self.dimensions)

    def level_index(self, level_id: str) -> int:
        """Position of a level on the ladder (0 = lowest)."""
        try:
            return self.level_ids.index(level_id)
        except ValueError:
            raise NotFoundError(
                f"no level {level_id!r} in framework {self.id}; levels: "
                + ", ".join(self.level_ids)
            ) from None

    def level(self, level_id: str) -> Level:
        """The level with this id."""
        return self.levels[self.level_index(level_id)]

    def level_title(self, level_id: str) -> str:
        """The level's title; for a level this framework does not have (a roster level from
        the ladder used before `framework use`), the id as it is."""
        return next((lv.title for lv in self.levels if lv.id == level_id), level_id)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id."""
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise NotFoundError(
            f"no dimension {dimension_id!r} in framework {self.id}; dimensions: "
            + ", ".join(self.dimension_ids)
        )

    def archetype(self, archetype_id: str) -> Archetype:
        """The archetype with this id."""
        for a in self.archetypes:
            if a.id == archetype_id:
                return a
        raise NotFoundError(
            f"no archetype {archetype_id!r} in framework {self.id}; archetypes: "
            + (", ".join(a.id for a in self.archetypes) or "(none)")
        )

    def dimension_for_tag(self, tag: str) -> Dimension | None:
        """The dimension a brag-doc tag names, by id or alias, or None."""
        key = normalise_tag(tag)
        if not key:
            return None
        for d in self.dimensions:
            if key == normalise_tag(d.id) or any(key == normalise_tag(a) for a in d.aliases):
                return d
        return None

    def dimensions_for_kind(self, kind: EvidenceKind | str) -> list[Dimension]:
        """Dimensions for which evidence of this kind counts at some level."""
        k = EvidenceKind(kind)
        return [
            d for d in self.dimensions
            if k in d.kinds or any(
                e.evidence.kinds is not None and k in e.evidence.kinds
                for e in d.expectations.values()
            )
        ]

    def expectation(self, dimension_id: str, level_id: str) -> Expectation | None:
        """What the dimension expects at the level, or None when nothing is expected yet."""
        self.level_index(level_id)  # unknown level ids are a caller error, not "nothing expected"
        return self.dimension(dimension_id).expectations.get(level_id)

    def model_copy(self, *, update: Mapping[str, Any] | None = None,
                   deep: bool = False) -> Framework:
        """A copy; the fingerprint cached on this one does not carry over to it."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("fingerprint", None)
        return copy

    @functools.cached_property
    def fingerprint(self) -> str:
        """sha256 of the canonical JSON form: the identity of this framework version (the
        model is frozen, so it is computed once)."""
        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"),
            ensure_ascii=False,
        )
        h = hashlib.sha256(canonical.encode("utf-8"))
        if self.overall.reader:  # the reader's numbers are part of the rule it names
            h.update(reader_digest(self.overall.reader).encode())
        return h.hexdigest()
