"""Precision and recall of the facts read from brag-document sentences: reach and role.

Reads the labelled sentences in `tests/data/extraction/sentences.yaml` and prints, per fact and
per half (tuning / held out), precision (of the facts read, how many are right) and recall (of
the facts the sentences state, how many are read right). A sentence that states no reach or role
is labelled null; reading nothing there is right. A role labelled `did` counts as null: doing the
work oneself is what a sentence that states no other part means.

    python benchmarks/extraction_accuracy.py [--show] [--batch NAME]

`--batch blind-2026-12` measures only the sentences added together under that name (written
blind, measured before any rule changed for them). To see how an earlier revision read them,
import that revision's package and keep this file's sentences:

    git worktree add /tmp/old REV
    PYTHONPATH=/tmp/old/src python benchmarks/extraction_accuracy.py --batch blind-2026-12
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from staffpath.ledger.facts import extract_facts

SENTENCES = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction" / \
    "sentences.yaml"
FACTS = ("reach", "role")


def read_facts(text: str) -> dict[str, str | None]:
    facts = extract_facts(text)
    return {"reach": facts.scope.name.lower() if facts.scope is not None else None,
            # "did" is what a sentence that states no role means
            "role": (facts.role.name.lower() if facts.role is not None
                     and facts.role.name != "DID" else None)}


def measure(path: Path = SENTENCES, batch: str | None = None
            ) -> dict[str, dict[str, dict[str, float]]]:
    """{split: {fact: {precision, recall, read, stated, right}}}, over the sentences of one
    `batch` when given."""
    rows: list[dict[str, Any]] = [
        r for r in yaml.safe_load(path.read_text(encoding="utf-8"))
        if batch is None or r.get("batch") == batch]
    out: dict[str, dict[str, dict[str, float]]] = {}
    for split in ("tuning", "held_out"):
        mine = [r for r in rows if r["split"] == split]
        out[split] = {}
        for fact in FACTS:
            read = stated = right = 0
            for r in mine:
                got, want = read_facts(r["text"])[fact], r[fact]
                if fact == "role" and want == "did":
                    want = None  # doing the work is what a sentence with no role says
                read += got is not None
                stated += want is not None
                right += got is not None and got == want
            out[split][fact] = {
                "precision": right / read if read else 1.0,
                "recall": right / stated if stated else 1.0,
                "read": read, "stated": stated, "right": right, "sentences": len(mine)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="one line per sentence")
    ap.add_argument("--batch", help="only the sentences added under this name")
    args = ap.parse_args()
    result = measure(batch=args.batch)
    print(f"{'':22}{'precision':>10}{'recall':>10}{'read':>7}{'stated':>8}")
    for split, facts in result.items():
        for fact, m in facts.items():
            print(f"{split + ' ' + fact:22}{100 * m['precision']:9.1f}%{100 * m['recall']:9.1f}%"
                  f"{m['read']:7.0f}{m['stated']:8.0f}")
    if args.show:
        for r in yaml.safe_load(SENTENCES.read_text(encoding="utf-8")):
            if args.batch is not None and r.get("batch") != args.batch:
                continue
            got = read_facts(r["text"])
            marks = " ".join(f"{f}={got[f]}" + ("" if got[f] == r[f] else f"(want {r[f]})")
                             for f in FACTS)
            print(f"{r['split']:9} {marks:60} {r['text'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
