"""How the record reader does on documents it was not trained on, without the held-out half.

    python benchmarks/reader_cv.py

Cross-validates the reader `scripts/train_reader.py` trains on the corpus's tuning half, by
author: ten folds, each holding out whole authors, so no voice is read that its model was
trained on. Prints exact and within-one accuracy. Writes nothing.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "--check"]
    runpy.run_path(str(Path(__file__).resolve().parent.parent / "scripts" / "train_reader.py"),
                   run_name="__main__")
