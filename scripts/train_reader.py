"""Train the record reader the default framework names (`overall.reader`) from the corpus.

    python scripts/train_reader.py [--check]

Reads the tuning half of `tests/data/corpus/` (never the held-out half) through the product's
own import, so the reader sees the items a person's record becomes, and fits one linear model:
each item is its words (lower-cased, weighted by how rare they are across items, one vector of
length one per item), a record is the mean of its items, and a logistic regression says which
level the record reads at. Because the record is a mean, the model's score of a record is the
mean of its items' scores: the assessment keeps five numbers per item, the batch path adds them
up, and the items that read most like a level are the ones shown as why.

Writes `src/staffpath/framework/readers/<name>.json`. With `--check`, prints how the reader does
on the tuning half under cross-validation by author (every fold holds out whole authors, so no
voice is read that the model was trained on) and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
OUT = ROOT / "src" / "staffpath" / "framework" / "readers"
NAME = "records-2027.4"
MIN_DF = 5  # a word must appear in this many items to be read
C = 100.0  # the regression's inverse regularisation


def corpus_items(split: str = "tuning") -> list[dict[str, Any]]:
    """Each document of the split as its label, author and item texts, read by the import."""
    from staffpath.framework.loader import default_framework
    from staffpath.ledger.service import import_brag_text, list_evidence
    from staffpath.people.service import find_person, import_roster
    from staffpath.store.engine import Store

    labels = [e for e in yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
              if e["split"] == split]
    framework = default_framework()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        roster.write_text("name,email,team,manager,level,target_level,role\n" + "".join(
            f"P{n},p{n}@corpus.example,Corpus,,,,engineer\n" for n in range(len(labels))),
            encoding="utf-8")
        store = Store(f"sqlite:///{Path(tmp) / 'corpus.db'}")
        try:
            with store.session() as session:
                import_roster(session, roster, level_ids=framework.level_ids)
                for n, e in enumerate(labels):
                    person = find_person(session, f"p{n}")
                    as_of = dt.date.fromisoformat(str(e["as_of"]))
                    text = (CORPUS / "documents" / e["file"]).read_text(encoding="utf-8")
                    import_brag_text(session, person, text, document=e["file"],
                                     framework=framework, today=as_of)
                    out.append({"file": e["file"], "level": e["level"], "author": e["author"],
                                "items": [r.title for r in list_evidence(session, person=person)]})
        finally:
            store.close()
    return [d for d in out if d["items"]]


def fit(docs: list[dict[str, Any]], levels: tuple[str, ...]) -> dict[str, Any]:
    """The reader, as the JSON the package ships: per word its rarity and its weight per level."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(min_df=MIN_DF, sublinear_tf=True)
    vectorizer.fit([t for d in docs for t in d["items"]])
    x = np.vstack([record_vector(vectorizer, d["items"]) for d in docs])
    y = np.array([levels.index(d["level"]) for d in docs])
    model = LogisticRegression(C=C, max_iter=20000).fit(x, y)
    words = {w: [round(float(vectorizer.idf_[i]), 5)]
             + [round(float(v), 5) for v in model.coef_[:, i]]
             for w, i in sorted(vectorizer.vocabulary_.items())}
    return {"name": NAME, "levels": list(levels),
            "trained_on": f"the corpus's tuning half, {len(docs)} documents",
            "intercept": [round(float(v), 5) for v in model.intercept_], "words": words}


def record_vector(vectorizer: Any, items: list[str]) -> Any:
    """A record: the mean of its items' vectors, each of length one (or none)."""
    from sklearn.preprocessing import normalize

    return np.asarray(normalize(vectorizer.transform(items)).mean(axis=0)).ravel()


def check(docs: list[dict[str, Any]], levels: tuple[str, ...]) -> None:
    """Cross-validated by author on the tuning half: each fold's model never saw its authors."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.array([levels.index(d["level"]) for d in docs])
    got = np.zeros(len(docs), dtype=int)
    for train, test in GroupKFold(10).split(docs, y, [d["author"] for d in docs]):
        v = TfidfVectorizer(min_df=MIN_DF, sublinear_tf=True)
        v.fit([t for n in train for t in docs[n]["items"]])
        model = LogisticRegression(C=C, max_iter=20000).fit(
            np.vstack([record_vector(v, docs[n]["items"]) for n in train]), y[train])
        got[test] = model.predict(np.vstack([record_vector(v, docs[n]["items"]) for n in test]))
    print(f"tuning half, {len(docs)} documents, cross-validated by author (10 folds): "
          f"exact {100 * (got == y).mean():.1f} %, within one "
          f"{100 * (abs(got - y) <= 1).mean():.1f} %")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="cross-validate on the tuning half by author; write nothing")
    args = ap.parse_args()
    from staffpath.framework.loader import default_framework

    levels = default_framework().level_ids
    docs = corpus_items()
    if args.check:
        check(docs, levels)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{NAME}.json"
    path.write_text(json.dumps(fit(docs, levels), separators=(",", ":"), sort_keys=True) + "\n",
                    encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
