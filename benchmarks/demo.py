"""How long the quick start's main job takes: `staffpath demo --no-serve`, as a whole process.

    python benchmarks/demo.py [--baseline REV] [--runs 3]

Runs the command a user runs (`python -m staffpath --workspace DIR demo --no-serve`: start-up,
mining the demo repositories, importing every brag document, assessing everyone, scoring the
promotion cycles, writing every packet and two PDFs) on this tree and on an earlier revision
checked out into a temporary folder, alternating the two so that both see the same machine,
and prints each run, the medians and the ratio. The default baseline is 234c327, the revision
before stored framework versions were parsed once per process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "234c327"


def _run(src: Path, workspace: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "staffpath", "--workspace", str(workspace),
                           "demo", "--no-serve"], env=env, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"demo failed in {src}: {done.stderr.strip()[-400:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="revision to compare with")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, alternating")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        made = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base),
                               args.baseline], capture_output=True, text=True, check=False)
        if made.returncode != 0:
            print(f"baseline {args.baseline}: {made.stderr.strip()}", file=sys.stderr)
            return 1
        try:
            times: dict[str, list[float]] = {"this tree": [], args.baseline: []}
            for n in range(args.runs):
                for name, src in (("this tree", ROOT / "src"), (args.baseline, base / "src")):
                    seconds = _run(src, Path(tmp) / f"ws-{n}-{name.replace(' ', '-')}")
                    times[name].append(seconds)
                    print(f"run {n + 1} {name:>10}: {seconds:6.1f} s", flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                           capture_output=True, check=False)
    now, then = (statistics.median(times[k]) for k in ("this tree", args.baseline))
    print(f"\nstaffpath demo --no-serve, median of {args.runs}: {now:.1f} s "
          f"(baseline {args.baseline}: {then:.1f} s, {then / now:.2f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
