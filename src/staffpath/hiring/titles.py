"""A candidate's earlier titles read by what the work was, not by the name of the title.

The same title means different scope at a 40-engineer start-up and at a 5,000-engineer
company. Each earlier job is read from three facts the candidate gives and the interviewers
can probe: how big the engineering organisation was, how many teams they led (and whether
they led other leaders), and how far their projects reached. The level each job reads as,
and why, is kept on the loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from staffpath.assess.org_size import org_teams, reach_limit
from staffpath.assess.wording import plural
from staffpath.errors import InputError
from staffpath.framework.model import Framework
from staffpath.vocab import Scope

REACHES = ("team", "teams", "org", "company")
REACH_WORDS = {"team": "one team", "teams": "several teams", "org": "an organisation of many "
               "teams", "company": "the whole company"}
# An organisation this small has only a few teams (about one per eight engineers): work that
# reached all of it reached several teams, not an organisation of many. A framework that sets
# `assessment.org_min_teams` decides it instead (see `effective_reach`).
FEW_TEAMS_UP_TO = 50
# Up to this size there is no organisation between the teams and the company.
ONE_ORG_UP_TO = 300


@dataclass(frozen=True)
class EarlierTitle:
    """One earlier job as the candidate describes it."""

    title: str
    company: str
    org_engineers: int
    teams_led: int = 0
    led_leaders: bool = False
    reach: str = "team"
    years: int = 1

    def checked(self) -> EarlierTitle:
        if not self.title.strip() or not self.company.strip():
            raise InputError("an earlier title needs its title and company")
        if self.org_engineers < 1:
            raise InputError(f"{self.title} at {self.company}: the organisation needs at least "
                             "one engineer")
        if self.teams_led < 0 or self.years < 0:
            raise InputError(f"{self.title} at {self.company}: teams led and years cannot be "
                             "negative")
        if self.reach not in REACHES:
            raise InputError(f"{self.title} at {self.company}: reach must be one of "
                             f"{', '.join(REACHES)} (not {self.reach!r})")
        return self


@dataclass(frozen=True)
class TitleReading:
    """The level one earlier job reads as, with the reasons."""

    title: str
    company: str
    level: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"title": self.title, "company": self.company, "level": self.level,
                "reasons": list(self.reasons)}


def effective_reach(fw: Framework, reach: str, org_engineers: int) -> tuple[str, str | None]:
    """The reach counted for an organisation of this size, and why it was lowered if it was.
    A framework that sets `assessment.org_min_teams` reads the size as it reads an engineer's
    record here (`assess.org_size.reach_limit`: in a place of one or two teams, work past one's
    own team is one team's worth); otherwise up to `FEW_TEAMS_UP_TO` engineers are a few
    teams."""
    rank = REACHES.index(reach)
    teams = org_teams(org_engineers) or 1  # the size the candidate states, however small
    limit = reach_limit(fw, teams)
    if limit is Scope.TEAM and rank > 0:
        return "team", (f"at {org_engineers} engineers (about {plural(teams, 'team')}), "
                        f"reaching {REACH_WORDS[reach]} is reaching one team's worth")
    few = (limit is not None if fw.assessment.org_min_teams
           else org_engineers <= FEW_TEAMS_UP_TO)
    if few and rank > 1:
        return "teams", (f"at {org_engineers} engineers (about {max(1, teams)} "
                         f"teams), reaching {REACH_WORDS[reach]} is reaching several teams")
    if org_engineers <= ONE_ORG_UP_TO and rank > 2:
        return "org", (f"at {org_engineers} engineers the company is one organisation of "
                       "teams")
    return reach, None


def read_title(fw: Framework, job: EarlierTitle) -> TitleReading:
    """The framework level one job's work reads as."""
    job = job.checked()
    reach, lowered = effective_reach(fw, job.reach, job.org_engineers)
    rank = REACHES.index(reach) + 1  # team → the second level (senior), and so on
    reasons = [f"{job.title} at {job.company}: {job.org_engineers} engineers, projects reached "
               f"{REACH_WORDS[job.reach]}"]
    if lowered:
        reasons.append(lowered)
    if job.led_leaders:
        reasons.append("led other leaders")
    elif rank >= 2 and job.teams_led < 2:
        rank -= 1
        led = "no team" if job.teams_led == 0 else "one team"
        reasons.append(f"led {led}: reach across teams without leading across them reads a "
                       "level lower")
    else:
        reasons.append(f"led {job.teams_led} team(s)")
    level = fw.levels[max(0, min(rank, len(fw.levels) - 1))].id
    reasons.append(f"reads as {fw.level(level).title.lower()}, whatever the title said")
    return TitleReading(job.title, job.company, level, tuple(reasons))


def map_titles(fw: Framework, jobs: Sequence[EarlierTitle]) -> tuple[str | None,
                                                                      list[TitleReading]]:
    """Each job's reading, and the level the loop should target: the highest level the
    candidate held for at least two years, else the highest of all (None with no jobs)."""
    readings = [read_title(fw, j) for j in jobs]
    if not readings:
        return None, []
    sustained = [r for r, j in zip(readings, jobs, strict=True) if j.years >= 2] or readings
    top = max(sustained, key=lambda r: fw.level_index(r.level))
    return top.level, readings


TITLE_FORMAT = "TITLE@COMPANY;engineers=N;teams=N;reach=team|teams|org|company;years=N[;leaders]"


def parse_title(text: str) -> EarlierTitle:
    """One earlier job written as `TITLE_FORMAT`, e.g.
    'Staff engineer@Tiny Co;engineers=40;teams=1;reach=company;years=3'."""
    head, *parts = [p.strip() for p in text.split(";")]
    title, at, company = head.partition("@")
    if not at:
        raise InputError(f"earlier title {text!r}: write it as {TITLE_FORMAT}")
    fields: dict[str, str] = {}
    leaders = False
    for part in parts:
        key, eq, value = part.partition("=")
        key = key.strip().lower()
        if key == "leaders" and not eq:
            leaders = True
        elif eq and key in ("engineers", "teams", "reach", "years"):
            fields[key] = value.strip()
        elif part:
            raise InputError(f"earlier title {text!r}: unknown part {part!r}; write it as "
                             f"{TITLE_FORMAT}")
    if "engineers" not in fields:
        raise InputError(f"earlier title {text!r}: say how many engineers the organisation "
                         "had (engineers=N)")
    try:
        numbers = {k: int(fields[k]) for k in ("engineers", "teams", "years") if k in fields}
    except ValueError:
        raise InputError(f"earlier title {text!r}: engineers, teams and years are whole "
                         "numbers") from None
    return EarlierTitle(title=title.strip(), company=company.strip(),
                        org_engineers=numbers["engineers"], teams_led=numbers.get("teams", 0),
                        led_leaders=leaders, reach=fields.get("reach", "team"),
                        years=numbers.get("years", 1)).checked()
