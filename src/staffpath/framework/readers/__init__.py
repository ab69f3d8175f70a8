"""Record readers: models the package ships that read a record's level from its words.

A reader is trained on labelled records (`scripts/train_reader.py`, on the corpus's tuning half
only) and kept here as plain numbers, one JSON file per reader: for each word it knows, how rare
the word is across items and what it says for each level, and a constant per level. A framework
names the reader it reads with (`overall.reader`); the reader's levels must be the framework's.

An item is read as its words: each known word weighs one plus the log of how often it occurs,
times its rarity; the item's vector is scaled to length one; its score for a level is the sum of
its words' weights for that level. A record's score is the mean of its items' scores plus the
constant, and the level it reads at is the highest-scoring one. Words are what scikit-learn's
`TfidfVectorizer` reads by default (runs of two or more word characters, lower-cased), which a
test checks against it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

__all__ = ["ReaderModel", "known_readers", "reader_digest", "reader_model"]

_WORD = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class ReaderModel:
    """One shipped reader."""

    name: str
    levels: tuple[str, ...]
    trained_on: str
    intercept: npt.NDArray[np.float64]  # [levels]
    index: dict[str, int]  # word -> row
    rarity: npt.NDArray[np.float64]  # [words]
    weights: npt.NDArray[np.float64]  # [words, levels]

    def item_scores(self, texts: list[str]
                    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int16]]:
        """Each item's score per level (the constant not included), [items, levels], and how
        many of its words the reader knows, [items]."""
        out = np.zeros((len(texts), len(self.levels)), dtype=np.float32)
        known = np.zeros(len(texts), dtype=np.int16)
        for row, text in enumerate(texts):
            words = [w for w in _WORD.findall(text.lower()) if w in self.index]
            known[row] = min(len(words), 32767)
            counts = Counter(words)
            if not counts:
                continue
            rows = np.fromiter((self.index[w] for w in counts), dtype=np.int64,
                               count=len(counts))
            x = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64,
                            count=len(counts)) * self.rarity[rows]
            out[row] = (x / float(np.sqrt(x @ x))) @ self.weights[rows]
        return out, known


def known_readers() -> tuple[str, ...]:
    """The names of the readers the package ships."""
    folder = resources.files(__name__)
    return tuple(sorted(p.name.removesuffix(".json") for p in folder.iterdir()
                        if p.name.endswith(".json")))


@functools.cache
def reader_digest(name: str) -> str:
    """sha256 of the shipped reader's file ("" when there is none): part of the fingerprint
    of a framework that names it, so retrained numbers never pass for the old ones."""
    if name not in known_readers():
        return ""
    return hashlib.sha256(resources.files(__name__).joinpath(f"{name}.json").read_bytes()
                          ).hexdigest()


@functools.cache
def reader_model(name: str) -> ReaderModel:
    """The shipped reader of this name (`known_readers`); KeyError when there is none."""
    if name not in known_readers():
        raise KeyError(name)
    data = json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text("utf-8"))
    words = sorted(data["words"])
    table = np.array([data["words"][w] for w in words], dtype=np.float64)
    return ReaderModel(
        name=data["name"], levels=tuple(data["levels"]), trained_on=data["trained_on"],
        intercept=np.array(data["intercept"], dtype=np.float64),
        index={w: n for n, w in enumerate(words)}, rarity=table[:, 0].copy(),
        weights=np.ascontiguousarray(table[:, 1:]))
