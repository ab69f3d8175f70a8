"""Time the commands people run most, as whole processes: the first command in a new workspace
(`staffpath --workspace W people import roster.csv`, which creates the database) and a growth
listing on a workspace that exists (`staffpath opportunity list --json`), and an org command
that draws nothing (`staffpath org size`, which must not pay for loading the chart library).
Each runs side by
side with the same command on a baseline revision's code (a git worktree on PYTHONPATH), in
alternation, and the median of each and the ratio are printed.

    python benchmarks/cli_start.py [--baseline 49d6267] [--runs 7]
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
BASELINE = "49d6267"  # before the SQLite schema file and the lazy gap chart
ROSTER = """name,email,team,manager,level,target_level,role
Ada Lovelace,ada@example.com,Payments,,senior,staff,engineer
Grace Hopper,grace@example.com,Payments,,staff,,engineer
Alan Turing,alan@example.com,Checkout,,engineer,senior,engineer
"""


def _run(src: Path, args: list[str], cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
    env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "staffpath", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[-300:]}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = tmp / "base"
        made = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base),
                               args.baseline], capture_output=True, text=True)
        if made.returncode != 0:
            print(f"baseline {args.baseline}: {made.stderr.strip()}", file=sys.stderr)
            return 2
        try:
            roster = tmp / "roster.csv"
            roster.write_text(ROSTER, encoding="utf-8")
            sources = {"this checkout": ROOT / "src", f"baseline {args.baseline}": base / "src"}
            times: dict[tuple[str, str], list[float]] = {}
            for n in range(args.runs):
                for name, src in sources.items():
                    ws = tmp / f"ws-{n}-{name.split()[0]}"
                    first = _run(src, ["--workspace", str(ws), "people", "import", str(roster)],
                                 tmp)
                    listing = _run(src, ["--workspace", str(ws), "opportunity", "list",
                                         "--json"], tmp)
                    size = _run(src, ["--workspace", str(ws), "org", "size"], tmp)
                    times.setdefault(("new workspace: people import", name), []).append(first)
                    times.setdefault(("opportunity list --json", name), []).append(listing)
                    times.setdefault(("org size", name), []).append(size)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                           capture_output=True)
    print(f"median of {args.runs} runs each, whole process, alternating with the baseline:\n")
    for command in ("new workspace: people import", "opportunity list --json", "org size"):
        now = statistics.median(times[(command, "this checkout")])
        then = statistics.median(times[(command, f"baseline {args.baseline}")])
        print(f"  {command:32} {now:6.2f} s   baseline {then:6.2f} s   ratio {now / then:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
