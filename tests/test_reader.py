"""The record reader (`overall.reader`): a model trained on the corpus's tuning half reads the
overall level from a record as a whole; the per-dimension rules still say what each dimension
shows. What it reads, when it reads, and what it may not do with a title."""

from __future__ import annotations

import datetime as dt
from itertools import count
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import Item, assess
from staffpath.framework import default_framework, validate_framework_file
from staffpath.framework.readers import known_readers, reader_digest, reader_model
from staffpath.vocab import EvidenceKind, Role, Scope, SourceClass

TODAY = dt.date(2026, 11, 1)
FW = default_framework()
MODEL = reader_model(FW.overall.reader or "")
_ids = count(1)

# A record in words, as the corpus's documents tell work; each list reads plainly at one level.
ENGINEER = [
    "Fixed the flaky checkout test that failed one run in ten and added a regression case "
    "so it stays fixed; my tech lead reviewed the PR",
    "Picked up four tickets from the sprint board for the CSV export and shipped them, with "
    "help from my buddy on the first one",
    "Shadowed the on-call rotation for two weeks and wrote down what I learned in the runbook",
    "Added unit tests to the billing module I was assigned and raised coverage from 61 % to "
    "74 %",
    "Implemented the settings screen from the design my senior teammate wrote, merged in "
    "three PRs",
    "Learned our deploy pipeline by pairing with a teammate and then fixed a typo bug in it",
]
PRINCIPAL = [
    "Set the company's five-year architecture bet and presented it to the CTO and the board; "
    "the exec team adopted it as the engineering strategy",
    "Led the company-wide migration to cells across every org, with the staff engineers of "
    "each org leading their part",
    "Wrote the memo on build versus buy for the data platform that the CFO and CTO used to "
    "decide the budget for the next two years",
    "Grew three senior staff engineers; two became principal engineers in other orgs",
    "Chaired the architecture review for all engineering orgs and reversed one bet after the "
    "first year, written up for the whole company",
    "Represented engineering in the exec staff meeting on the company's reliability targets",
]


def _items(texts: list[str], *, scope: Scope = Scope.TEAM, role: Role = Role.DID,
           source: SourceClass = SourceClass.SELF_REPORTED) -> list[Item]:
    out = []
    for n, text in enumerate(texts):
        day = TODAY - dt.timedelta(days=40 * n + 10)
        out.append(Item(id=next(_ids), title=text, kind=EvidenceKind.SHIPPED_PROJECT,
                        date_start=day, date_end=day, scope=scope, dimensions=frozenset(),
                        role=role, source=source))
    return out


def test_the_default_framework_reads_records_with_the_shipped_reader() -> None:
    assert FW.overall.reader in known_readers()
    assert MODEL.levels == FW.level_ids
    assert "tuning half" in MODEL.trained_on


def test_the_reader_reads_words_as_scikit_learn_does() -> None:
    """The package reads items by hand (no fitted object is pickled); it must be the same
    reading the model was trained on."""
    words = sorted(MODEL.index, key=MODEL.index.__getitem__)
    vectorizer = TfidfVectorizer(vocabulary=words, sublinear_tf=True)
    vectorizer.fit(["unused"])
    vectorizer.idf_ = MODEL.rarity
    texts = [*ENGINEER, *PRINCIPAL, "", "x", "Ünïcode café naïve — the the the team"]
    expected = normalize(vectorizer.transform(texts)).toarray() @ MODEL.weights
    scores, known = MODEL.item_scores(texts)
    assert np.allclose(scores, expected, atol=1e-4)
    assert known[len(ENGINEER) + len(PRINCIPAL)] == 0
    assert known[0] >= 10


def test_a_record_reads_at_the_level_its_words_tell() -> None:
    low = assess(FW, _items(ENGINEER), as_of=TODAY)
    high = assess(FW, _items(PRINCIPAL), as_of=TODAY)
    assert (low.reading_level, high.reading_level) == ("engineer", "principal")
    assert low.overall_level == "engineer"
    assert high.overall_level == "principal"
    assert high.by_reading
    assert 0.5 < high.reading_share <= 1.0
    # The items that read most like the level are cited, from the record itself.
    titles = {c.title for c in high.reading_citations}
    assert titles
    assert titles <= set(PRINCIPAL)
    assert all("reads most like Principal" in c.reason for c in high.reading_citations)


def test_the_dimension_rules_still_say_what_the_evidence_alone_shows() -> None:
    """The reader decides the overall level; the per-dimension levels are the rules'."""
    a = assess(FW, _items(PRINCIPAL, scope=Scope.TEAM, role=Role.CONTRIBUTED), as_of=TODAY)
    assert a.overall_level == "principal"
    assert a.evidence_level != "principal"
    assert all(d.level != "principal" for d in a.dimensions)


def test_a_thin_record_reading_lower_keeps_the_title() -> None:
    """Fewer than `reader_against_items` items reading lower is not recorded yet (in a
    framework that reads records of three items; the default reads five or more)."""
    assert FW.overall.reader_min_items == FW.overall.reader_against_items == 5
    fw = FW.model_copy(update={"overall": FW.overall.model_copy(
        update={"reader_min_items": 3})})
    thin = assess(fw, _items(ENGINEER[:4]), as_of=TODAY, current_level="staff")
    assert thin.reading_level == "engineer"
    assert thin.overall_level == "staff"
    assert not thin.below_current
    full = assess(fw, _items(ENGINEER), as_of=TODAY, current_level="senior")
    assert full.overall_level == "engineer"
    assert full.below_current
    assert full.by_reading


def test_a_title_is_calibrated_one_level_at_a_time_by_the_reader_too() -> None:
    a = assess(FW, _items(ENGINEER), as_of=TODAY, current_level="staff")
    assert a.reading_level == "engineer"
    assert a.overall_level == "senior"


def test_too_few_items_or_too_few_words_are_not_read() -> None:
    two = assess(FW, _items(PRINCIPAL[:4]), as_of=TODAY)
    assert two.reading_level is None
    assert not two.by_reading
    terse = assess(FW, _items(["size guide component", "catalog on-call shadow",
                               "reviews widget v2", "product Q&A section",
                               "back in stock badge", "fixed pagination"]), as_of=TODAY)
    assert FW.overall.reader_min_words > 0
    assert terse.reading_level is None
    assert not terse.by_reading


def test_mined_history_is_not_read() -> None:
    """Only what people told is read: commit titles say nothing of a level."""
    mined = _items(PRINCIPAL, source=SourceClass.MINED)
    a = assess(FW, mined + _items(ENGINEER[:2]), as_of=TODAY)
    assert a.reading_level is None


def test_the_batch_path_reads_records_as_the_per_person_engine_does() -> None:
    people = [_items(ENGINEER), _items(PRINCIPAL), _items(ENGINEER[:2]),
              _items(ENGINEER), _items(PRINCIPAL[:4] + ENGINEER[:3])]
    titles = ["senior", None, "staff", "principal", "senior"]
    index = {lv: n for n, lv in enumerate(FW.level_ids)}
    current = np.array([index.get(t or "", -1) for t in titles], dtype=np.int8)
    batch = assess_batch(FW, columns_from_items(FW, people), len(people), TODAY, current)
    one_by_one = [assess(FW, items, as_of=TODAY, current_level=t)
                  for items, t in zip(people, titles, strict=True)]
    assert [FW.level_ids[n] if n >= 0 else None for n in batch.overall] == [
        a.overall_level for a in one_by_one]


def test_the_reader_is_part_of_the_framework_fingerprint() -> None:
    without = FW.model_copy(update={"overall": FW.overall.model_copy(update={"reader": None})})
    assert without.fingerprint != FW.fingerprint
    assert len(reader_digest(FW.overall.reader or "")) == 64
    assert reader_digest("no-such-reader") == ""
    # With no reader, the overall level is the rules' alone.
    a = assess(without, _items(PRINCIPAL, role=Role.CONTRIBUTED), as_of=TODAY)
    assert a.reading_level is None
    assert a.overall_level != "principal"


BASE = """\
id: tiny
name: Tiny
version: "1"
levels:
  - id: junior
    title: Junior
    summary: Learns.
  - id: senior
    title: Senior
    summary: Leads a team.
dimensions:
  - id: impact
    title: Impact
    summary: Reach.
    kinds: [shipped_project]
    expectations:
      junior:
        behaviours: [Ships tasks.]
        evidence:
          min_items: 1
          min_scope: self
        closes_gap: A task.
overall:
  reader: {reader}
"""


@pytest.mark.parametrize(("reader", "message"), [
    ("no-such-reader", "unknown reader 'no-such-reader'; readers: records-"),
    ("records-2027.4", "reader 'records-2027.4' reads the levels engineer, senior, staff"),
])
def test_a_framework_naming_a_reader_it_cannot_use_is_refused_at_its_line(
        tmp_path: Path, reader: str, message: str) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(BASE.format(reader=reader), encoding="utf-8")
    problems = validate_framework_file(path)
    assert [(p.line, p.message[:len(message)]) for p in problems] == [(24, message)]
