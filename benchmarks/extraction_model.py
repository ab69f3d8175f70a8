"""A small trained reader beside the rules: does it read reach and role better on sentences
nobody tuned it on?

Trains a TF-IDF (words and character n-grams) + logistic regression classifier per fact on the
tuning half of `tests/data/extraction/sentences.yaml`, and prints, on the held-out half (and on
the sentences of one `--batch`, which can be left out of the training with `--exclude-batch`),
the precision and recall of:

- the rules (`staffpath.ledger.facts.extract_facts`, what the product reads);
- the model alone;
- the rules, with the model filling in where the rules read nothing and the model is at least
  `--threshold` sure.

    python benchmarks/extraction_model.py [--threshold 0.6] [--batch NAME --exclude-batch]

Nothing here is shipped: it is the measurement behind the decision not to ship the model yet
(the fill raised held-out sentence recall, but not the level of any held-out document; see
the closing note of the stop that added this script).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from staffpath.ledger.facts import extract_facts

SENTENCES = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction" / \
    "sentences.yaml"
FACTS = ("reach", "role")
NONE = "none"


def label(row: dict[str, Any], fact: str) -> str:
    """The sentence's label as a class; "did" is what a sentence with no role says."""
    value = row[fact]
    return NONE if value is None or (fact == "role" and value == "did") else str(value)


def rules(text: str, fact: str) -> str:
    facts = extract_facts(text)
    if fact == "reach":
        return facts.scope.name.lower() if facts.scope is not None else NONE
    role = facts.role
    return role.name.lower() if role is not None and role.name != "DID" else NONE


def train(rows: list[dict[str, Any]], fact: str) -> Pipeline:
    model = make_pipeline(
        make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                   sublinear_tf=True)),
        LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))
    model.fit([r["text"] for r in rows], [label(r, fact) for r in rows])
    return model


def scores(got: list[str], want: list[str]) -> tuple[float, float]:
    read = sum(g != NONE for g in got)
    stated = sum(w != NONE for w in want)
    right = sum(g == w != NONE for g, w in zip(got, want, strict=True))
    return 100 * right / max(read, 1), 100 * right / max(stated, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--batch", help="also measure the sentences of this batch")
    ap.add_argument("--exclude-batch", action="store_true",
                    help="train without the batch's tuning sentences, so both of its halves "
                         "are unseen")
    args = ap.parse_args()
    rows: list[dict[str, Any]] = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    training = [r for r in rows if r["split"] == "tuning"
                and not (args.exclude_batch and r.get("batch") == args.batch)]
    sets = {"held_out": [r for r in rows if r["split"] == "held_out"]}
    if args.batch:
        for split in ("tuning", "held_out"):
            sets[f"{args.batch} {split}"] = [r for r in rows if r.get("batch") == args.batch
                                             and r["split"] == split]
    print(f"trained on {len(training)} tuning sentences; fill threshold {args.threshold}")
    print(f"{'sentences':32} {'fact':6} {'rules P/R':>13} {'model P/R':>13} {'fill P/R':>13}")
    for fact in FACTS:
        model = train(training, fact)
        classes = list(model.classes_)
        for name, subset in sets.items():
            if not subset:
                continue
            texts = [r["text"] for r in subset]
            want = [label(r, fact) for r in subset]
            ruled = [rules(t, fact) for t in texts]
            probs = model.predict_proba(texts)
            alone = [classes[int(p.argmax())] for p in probs]
            filled = [r if r != NONE or p.max() < args.threshold else classes[int(p.argmax())]
                      for r, p in zip(ruled, probs, strict=True)]
            cells = [f"{p:5.1f}/{r:5.1f}" for p, r in
                     (scores(ruled, want), scores(alone, want), scores(filled, want))]
            print(f"{name + f' ({len(subset)})':32} {fact:6} " + " ".join(f"{c:>13}"
                                                                      for c in cells))


if __name__ == "__main__":
    main()
