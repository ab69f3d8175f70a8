"""On every document of the judgement corpus, the batch assessment and the per-person engine
give the same levels: one definition of the rule, read two ways."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
import yaml

from staffpath.assess.batch import assess_batch
from staffpath.assess.columns import columns_from_items
from staffpath.assess.engine import assess
from staffpath.assess.service import to_item
from staffpath.framework.loader import default_framework
from staffpath.ledger.bragdoc.parser import parse_brag_doc
from staffpath.ledger.service import entry_to_input
from staffpath.store.tables import Evidence

CORPUS = Path(__file__).parent / "data" / "corpus"
FW = default_framework()


LABELS = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
AUTHORS = sorted({e["author"] for e in LABELS})


def test_the_corpus_is_large_and_every_author_is_checked() -> None:
    assert len(LABELS) >= 40
    assert all(e.get("author") for e in LABELS)


# One test per author, so the test workers share the corpus instead of one reading all of it.
@pytest.mark.parametrize("author", AUTHORS)
def test_batch_and_per_person_agree_on_every_corpus_document(author: str) -> None:
    labels = [e for e in LABELS if e["author"] == author]
    as_of = {dt.date.fromisoformat(str(e["as_of"])) for e in labels}
    for day in sorted(as_of):
        docs = [e for e in labels if dt.date.fromisoformat(str(e["as_of"])) == day]
        people = []
        for e in docs:
            text = (CORPUS / "documents" / e["file"]).read_text(encoding="utf-8")
            doc = parse_brag_doc(text, source=e["file"], today=day)
            people.append([to_item(Evidence(id=n, person_id=0, **entry_to_input(
                entry, document=e["file"], framework=FW, team_names=[]).model_dump()))
                for n, entry in enumerate(doc.entries)])
        rank = {lv: n for n, lv in enumerate(FW.level_ids)}
        current = np.array([rank.get(e["roster_level"], -1) for e in docs], dtype=np.int8)
        together = assess_batch(FW, columns_from_items(FW, people), len(people), day, current)
        for n, (e, items) in enumerate(zip(docs, people, strict=True)):
            alone = assess(FW, items, as_of=day, current_level=e["roster_level"])
            assert (FW.level_ids[together.overall[n]] if together.overall[n] >= 0
                    else None) == alone.overall_level, e["file"]
            assert [FW.level_ids[v] if v >= 0 else None for v in together.levels[n]] == \
                [d.level for d in alone.dimensions], e["file"]
            if len(items) >= 3:
                assert alone.overall_level is not None, e["file"]
