"""The product's shared vocabulary: evidence kinds, scope steps and provenance classes."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class EvidenceKind(StrEnum):
    """What a piece of evidence is. Frameworks name these in their rules."""

    SHIPPED_PROJECT = "shipped_project"
    DESIGN_DOC = "design_doc"
    DECISION_RECORD = "decision_record"
    STRATEGY = "strategy"
    INCIDENT = "incident"
    MIGRATION = "migration"
    MENTORSHIP = "mentorship"
    SPONSORSHIP = "sponsorship"
    TALK = "talk"
    WRITING = "writing"
    REVIEW = "review"
    GLUE_WORK = "glue_work"
    PROCESS = "process"
    HIRING = "hiring"
    ONCALL = "oncall"
    FEEDBACK = "feedback"
    LEARNING = "learning"
    CROSS_TEAM_CODE = "cross_team_code"
    KNOWLEDGE_SPREAD = "knowledge_spread"
    OTHER = "other"


class Scope(IntEnum):
    """How far a piece of work reached. Ordered: a wider scope compares greater."""

    SELF = 0
    TEAM = 1
    TEAMS = 2
    ORG = 3
    COMPANY = 4

    @property
    def label(self) -> str:
        return {
            Scope.SELF: "individual",
            Scope.TEAM: "one team",
            Scope.TEAMS: "several teams",
            Scope.ORG: "the organisation",
            Scope.COMPANY: "the company",
        }[self]

    @classmethod
    def parse(cls, text: str) -> Scope:
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {
            "self": cls.SELF, "individual": cls.SELF,
            "team": cls.TEAM, "one_team": cls.TEAM,
            "teams": cls.TEAMS, "several_teams": cls.TEAMS, "multi_team": cls.TEAMS,
            "org": cls.ORG, "organisation": cls.ORG, "organization": cls.ORG,
            "company": cls.COMPANY,
        }
        if key not in aliases:
            raise ValueError(f"unknown scope {text!r}; use one of: " + ", ".join(
                ["self", "team", "teams", "org", "company"]))
        return aliases[key]


class Role(IntEnum):
    """How the person took part in a piece of work. Ordered: setting direction compares greater
    than leading the leaders, than leading, than doing it, than contributing to someone else's."""

    CONTRIBUTED = -1  # part of someone else's effort ("participated in", "helped with")
    DID = 0  # did it themselves, end to end ("built", "drove", "shipped")
    LED = 1  # led the people doing it ("led", "ran", "tech lead for")
    LED_LEADERS = 2  # led through other leaders ("with the four team leads", "ran the TL sync")
    SET_DIRECTION = 3  # set the direction others followed ("wrote the strategy", "set the bet")

    @property
    def label(self) -> str:
        return {Role.CONTRIBUTED: "contributed to it", Role.DID: "did it",
                Role.LED: "led it", Role.LED_LEADERS: "led the leaders who did it",
                Role.SET_DIRECTION: "set its direction"}[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {"contributed": cls.CONTRIBUTED, "contributor": cls.CONTRIBUTED,
                   "did": cls.DID, "did_it": cls.DID, "drove": cls.DID,
                   "led": cls.LED, "led_it": cls.LED, "lead": cls.LED,
                   "led_leaders": cls.LED_LEADERS, "leaders": cls.LED_LEADERS,
                   "led_the_leaders": cls.LED_LEADERS, "set_direction": cls.SET_DIRECTION,
                   "direction": cls.SET_DIRECTION}
        if key not in aliases:
            raise ValueError(f"unknown role {text!r}; use contributed, did, led, led_leaders "
                             "or set_direction")
        return aliases[key]


class SourceClass(StrEnum):
    """Where a piece of evidence came from, in the terms the assessment weighs."""

    SELF_REPORTED = "self_reported"
    # Self-reported, and mined data from the same time and teams backs it up.
    CORROBORATED = "corroborated"
    MINED = "mined"
    ATTESTED = "attested"
    MODEL = "model"
