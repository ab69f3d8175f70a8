"""What a viewer sees of a cycle, as plain frozen values: pages lay them out, and the API and
the CLI's `--json` serialise them with `to_dict()`.

Fields a viewer may not see are absent, not empty: `PacketView.my_scores`, `progress` and
`calibration` are None where the viewer has none of them, and `to_dict()` leaves their keys
out, so a blind view carries no trace of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Choice:
    """A level or a dimension of the cycle's framework."""

    id: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title}


@dataclass(frozen=True)
class FrameworkVersionRef:
    """The stored framework version a cycle is held against."""

    version: str
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class CycleSummary:
    """A cycle's name, stage, dates and framework version."""

    id: int
    name: str
    state: str
    opens_on: str
    closes_on: str
    framework: FrameworkVersionRef
    calibration_at: str | None
    released_at: str | None
    # Panel members score before they see the engine's verdict and levels.
    unanchored: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "state": self.state,
                "opens_on": self.opens_on, "closes_on": self.closes_on,
                "framework": self.framework.to_dict(),
                "calibration_at": self.calibration_at, "released_at": self.released_at,
                "unanchored": self.unanchored}


@dataclass(frozen=True)
class CycleListing:
    """A cycle in the administrator's list, with how many nominations it has."""

    cycle: CycleSummary
    nominations: int

    def to_dict(self) -> dict[str, Any]:
        return self.cycle.to_dict() | {"nominations": self.nominations}


@dataclass(frozen=True)
class Nominee:
    id: int
    handle: str
    name: str
    level: str | None
    target_level: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "handle": self.handle, "name": self.name, "level": self.level,
                "target_level": self.target_level}


@dataclass(frozen=True)
class OwnScore:
    """One of the viewer's own scores on a packet."""

    level: str
    comment: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "comment": self.comment, "updated_at": self.updated_at}


@dataclass(frozen=True)
class Progress:
    """Whether a panel member has scored every dimension: never how many, never what."""

    member: str
    complete: bool

    def to_dict(self) -> dict[str, Any]:
        return {"member": self.member, "complete": self.complete}


@dataclass(frozen=True)
class ScoreView:
    """One member's score on one dimension, as the panel sees it from calibration on."""

    id: int
    member: str
    level: str
    rank: int
    comment: str
    outlier: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "member": self.member, "level": self.level, "rank": self.rank,
                "comment": self.comment, "outlier": self.outlier}


@dataclass(frozen=True)
class CalibrationRow:
    """One dimension of a packet side by side: the panel's scores and spread, beside the
    nominee's own, their manager's and the frozen assessment's levels."""

    dimension: str
    title: str
    scores: tuple[ScoreView, ...]
    low: str | None
    high: str | None
    median: float | None
    median_title: str | None
    iqr: float | None
    range: int | None
    self_rating: str | None
    manager_rating: str | None
    assessed: str | None
    target: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "title": self.title,
                "scores": [s.to_dict() for s in self.scores], "low": self.low,
                "high": self.high, "median": self.median, "median_title": self.median_title,
                "iqr": self.iqr, "range": self.range, "self": self.self_rating,
                "manager": self.manager_rating, "assessed": self.assessed,
                "target": self.target}


@dataclass(frozen=True)
class DecisionView:
    """One version of a decision."""

    version: int
    outcome: str
    rationale: str
    decided_by: str | None
    decided_via: str
    decided_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "outcome": self.outcome, "rationale": self.rationale,
                "decided_by": self.decided_by, "decided_via": self.decided_via,
                "decided_at": self.decided_at}


@dataclass(frozen=True)
class PacketView:
    """A nomination and its packet as the viewer may see them."""

    id: int
    person: Nominee
    nominated_by: str
    manager: str | None
    manager_agreed: bool
    needs_agreement: bool
    submitted_at: str | None
    panel: tuple[str, ...]
    assigned_to_me: bool
    decisions: tuple[DecisionView, ...] = ()
    my_scores: Mapping[str, OwnScore] | None = None
    progress: tuple[Progress, ...] | None = None
    calibration: tuple[CalibrationRow, ...] | None = None

    @property
    def decision(self) -> DecisionView | None:
        """The latest version."""
        return self.decisions[-1] if self.decisions else None

    @property
    def outlier_count(self) -> int:
        """Scores two or more levels from their dimension's panel median."""
        return sum(1 for r in self.calibration or () for s in r.scores if s.outlier)

    @property
    def widest_spread(self) -> int | None:
        """The widest spread of the panel's levels on one dimension, in levels."""
        return max((r.range for r in self.calibration or () if r.range is not None),
                   default=None)

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision
        out: dict[str, Any] = {
            "id": self.id, "person": self.person.to_dict(), "nominated_by": self.nominated_by,
            "manager": self.manager, "manager_agreed": self.manager_agreed,
            "needs_agreement": self.needs_agreement, "submitted_at": self.submitted_at,
            "panel": list(self.panel), "assigned_to_me": self.assigned_to_me,
            "decision": decision.to_dict() if decision else None,
            "decisions": [d.to_dict() for d in self.decisions],
        }
        if self.my_scores is not None:
            out["my_scores"] = {dim: s.to_dict() for dim, s in self.my_scores.items()}
        if self.progress is not None:
            out["progress"] = [p.to_dict() for p in self.progress]
        if self.calibration is not None:
            out["calibration"] = [r.to_dict() for r in self.calibration]
        return out


@dataclass(frozen=True)
class MemberSeverity:
    """A member's mean offset from the panel median, in levels, over the items they scored."""

    member: str
    offset: float
    scored: int

    def to_dict(self) -> dict[str, Any]:
        return {"member": self.member, "offset": self.offset, "scored": self.scored}


SEVERITY_BASIS = "mean of (member's level − the item's panel median), in levels"


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha (ordinal) per dimension and overall, each member's severity, and
    the outliers, over the scores the viewer sees."""

    alpha: Mapping[str, float | None]
    alpha_overall: float | None
    severity: tuple[MemberSeverity, ...]
    outliers: int
    scores: int

    def to_dict(self) -> dict[str, Any]:
        return {"alpha": dict(self.alpha), "alpha_overall": self.alpha_overall,
                "severity": [s.to_dict() for s in self.severity], "outliers": self.outliers,
                "scores": self.scores, "severity_basis": SEVERITY_BASIS}


@dataclass(frozen=True)
class CycleView:
    """Everything the viewer may see of a cycle, and nothing else."""

    cycle: CycleSummary
    admin: bool  # the viewer, as an administrator
    member: bool  # the viewer, as a member of a panel in this cycle
    levels: tuple[Choice, ...]
    dimensions: tuple[Choice, ...]
    nominations: tuple[PacketView, ...]
    agreement: Agreement | None  # from calibration on

    @property
    def blind(self) -> bool:
        """Before calibration: each member sees their own scores only."""
        return self.agreement is None

    @property
    def level_titles(self) -> dict[str, str]:
        return {lv.id: lv.title for lv in self.levels}

    def packet(self, nomination_id: int) -> PacketView:
        return next(n for n in self.nominations if n.id == nomination_id)

    def starts_open(self, packet: PacketView) -> bool:
        """On the calibration page each packet folds to one line. One with no decision yet
        starts open; while calibration is under way so does one with outliers to talk
        through; once the cycle is decided every packet is folded."""
        return packet.decision is None or (
            self.cycle.state == "calibration" and packet.outlier_count > 0)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "cycle": self.cycle.to_dict(),
            "viewer": {"admin": self.admin, "member": self.member},
            "levels": [lv.to_dict() for lv in self.levels],
            "dimensions": [d.to_dict() for d in self.dimensions],
            "nominations": [n.to_dict() for n in self.nominations], "blind": self.blind,
        }
        if self.agreement is not None:
            out["agreement"] = self.agreement.to_dict()
        return out


@dataclass(frozen=True)
class OutcomeView:
    """A released outcome and its rationale."""

    outcome: str
    title: str
    rationale: str
    version: int
    decided_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "title": self.title, "rationale": self.rationale,
                "version": self.version, "decided_at": self.decided_at}


@dataclass(frozen=True)
class MyNomination:
    """A nominee's own nomination; its outcome only once the cycle is released."""

    id: int
    cycle: CycleSummary
    nominated_by: str
    needs_agreement: bool
    submitted_at: str | None
    outcome: OutcomeView | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "cycle": self.cycle.to_dict(), "nominated_by": self.nominated_by,
                "needs_agreement": self.needs_agreement, "submitted_at": self.submitted_at,
                "outcome": self.outcome.to_dict() if self.outcome else None}


@dataclass(frozen=True)
class ReleasedOutcome:
    """One released outcome, as its nominee reads it."""

    id: int
    cycle: CycleSummary
    outcome: str
    title: str
    rationale: str
    version: int
    decided_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "cycle": self.cycle.to_dict(), "outcome": self.outcome,
                "title": self.title, "rationale": self.rationale, "version": self.version,
                "decided_at": self.decided_at}


@dataclass(frozen=True)
class ReportNomination:
    """A report's nomination as their manager sees it: to agree to, or to rate."""

    id: int
    person: str  # name
    handle: str
    cycle: str  # name
    ratings: Mapping[str, str]


@dataclass(frozen=True)
class AccountCycles:
    """A person's promotion page: their nominations, the cycles open to them, and what waits
    for them as a manager."""

    mine: tuple[MyNomination, ...] = ()
    open_cycles: tuple[CycleSummary, ...] = ()
    awaiting: tuple[ReportNomination, ...] = ()
    reports: tuple[ReportNomination, ...] = ()
    can_self_nominate: bool = False


@dataclass(frozen=True)
class NominationState:
    """A nomination as a change left it."""

    id: int
    cycle: str  # name
    person: str  # handle
    nominated_by: str
    needs_agreement: bool
    manager: str | None  # handle
    manager_ratings: Mapping[str, str]
    panel: tuple[str, ...]
    snapshot: int | None
    submitted_at: str | None


@dataclass(frozen=True)
class SavedScore:
    dimension: str
    level: str
    comment: str


@dataclass(frozen=True)
class SavedScores:
    """A member's scores on one packet as they were saved."""

    nomination: int
    person: str  # the nominee's handle
    member: str  # handle
    scores: tuple[SavedScore, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"nomination": self.nomination,
                "scores": {s.dimension: {"level": s.level, "comment": s.comment}
                           for s in self.scores}}


@dataclass(frozen=True)
class DecisionState:
    """A decision as it was recorded, and the stage it left its cycle at."""

    id: int
    nomination: int
    person: str  # the nominee's handle
    outcome: str
    version: int
    cycle_state: str


@dataclass(frozen=True)
class CycleFile:
    """A frozen packet or a cycle report, as a file."""

    body: bytes
    media_type: str
    filename: str
