"""A straightforward re-implementation of the truck-factor tool of Avelino et al. (ICPC 2016,
aserg-ufmg/Truck-Factor), to compare staffpath's truck factors with.

    python benchmarks/truck_reference.py REPO [REPO ...] [--before 2015-07-01] [--tip REV]
                                          [--no-merges] [--all-commits] [--json]

As the reference does it: `git log --name-status --find-renames` (here on the first-parent
line up to the snapshot, where git diffs a merge against its first parent, so the merger is
credited with the whole merged branch), identity = lower-cased e-mail, a file's history
gathered by name through renames (every commit ever made to an old name counts), degree of
authorship DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC) with authors at DOA ≥ 3.293
and above 0.75 of the file's best, every file at the tip, and greedy removal of the author of
most files until fewer than half the files have an author.

`--no-merges` leaves merge diffs out, `--all-commits` walks every commit (not only the
first-parent line): with both, the history is read as staffpath reads it.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

Entry = tuple[int, str, str, str | None]  # order, author, status (A/M/R), old name


def doa(first: bool, deliveries: int, acceptances: int) -> float:
    return 3.293 + 1.098 * first + 0.164 * deliveries - 0.321 * math.log1p(acceptances)


def snapshot(repo: Path, before: str | None, tip: str | None) -> str:
    if tip:
        rev = tip
    else:
        rev = subprocess.run(["git", "-C", str(repo), "rev-list", "--first-parent", "-1",
                              *([f"--before={before}"] if before else []), "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
    return subprocess.run(["git", "-C", str(repo), "rev-parse", rev], capture_output=True,
                          text=True, check=True).stdout.strip()


def file_authors(repo: Path, tip: str, *, merges: bool = True, first_parent: bool = True
                 ) -> dict[str, set[str]]:
    args = ["git", "-C", str(repo), "-c", "diff.renameLimit=999999", "log", "--reverse",
            "--name-status", "--find-renames", "--format=%x00%H%x09%ae"]
    if first_parent:
        args.append("--first-parent")
    if not merges:
        args.append("--no-merges")
    out = subprocess.run([*args, tip], capture_output=True, check=True).stdout.decode(
        "utf-8", "replace")
    by_name: dict[str, list[Entry]] = defaultdict(list)
    order = 0
    for block in out.split("\0")[1:]:
        lines = block.strip("\n").split("\n")
        _sha, email = lines[0].split("\t")
        who = email.lower()
        for line in lines[1:]:
            if not line.strip():
                continue
            parts = line.split("\t")
            status = parts[0][0]
            if status == "R":
                by_name[parts[2]].append((order, who, "R", parts[1]))
            elif status in "AC":
                by_name[parts[-1]].append((order, who, "A", None))
            elif status in "MT":
                by_name[parts[1]].append((order, who, "M", None))
            order += 1
    files = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "-z", tip],
                           capture_output=True, check=True).stdout.decode().split("\0")
    authors: dict[str, set[str]] = {}
    for path in (f for f in files if f):
        entries = {(e[0], path): e for e in by_name.get(path, [])}
        names = {path}
        grew = True
        while grew:  # follow renames by name, as the reference does
            grew = False
            for entry in list(entries.values()):
                old = entry[3]
                if entry[2] == "R" and old is not None and old not in names:
                    names.add(old)
                    grew = True
                    for e in by_name.get(old, []):
                        entries.setdefault((e[0], old), e)
        first: str | None = None
        deliveries: Counter[str] = Counter()
        for _order, who, status, _old in sorted(entries.values()):
            if status == "A" and first is None:
                first = who
            deliveries[who] += 1
        total = sum(deliveries.values())
        values = {w: doa(w == first, n, total - n) for w, n in deliveries.items()}
        top = max(values.values(), default=0.0)
        authors[path] = {w for w, v in values.items() if v >= 3.293 and v / top > 0.75}
    return authors


def truck_factor(authors: dict[str, set[str]]) -> tuple[int, list[tuple[str, int]]]:
    """Greedy removal, as GreedyTruckFactor: the author of most files first."""
    owned: Counter[str] = Counter()
    for who in authors.values():
        owned.update(who)
    remaining = {path: set(who) for path, who in authors.items()}
    removed: list[tuple[str, int]] = []
    while owned:
        covered = sum(1 for who in remaining.values() if who)
        if covered / max(len(remaining), 1) < 0.5:
            break
        top = min(owned, key=lambda a: (-owned[a], a))
        removed.append((top, owned.pop(top)))
        for who in remaining.values():
            who.discard(top)
    return len(removed), removed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--before", default=None, help="snapshot: last first-parent commit "
                        "before this date")
    parser.add_argument("--tip", default=None)
    parser.add_argument("--no-merges", action="store_true")
    parser.add_argument("--all-commits", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: list[dict[str, Any]] = []
    for repo in args.repos:
        tip = snapshot(repo, args.before, args.tip)
        authors = file_authors(repo, tip, merges=not args.no_merges,
                               first_parent=not args.all_commits)
        value, removed = truck_factor(authors)
        results.append({"repository": repo.name, "tip": tip, "files": len(authors),
                        "truck_factor": value,
                        "key_people": [{"email": e, "files": n} for e, n in removed]})
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        people = ", ".join(f"{p['email']} ({p['files']})" for p in r["key_people"])
        print(f"{r['repository']} {r['tip'][:12]}: {r['files']} files, truck factor "
              f"{r['truck_factor']}: {people}")


if __name__ == "__main__":
    main()
