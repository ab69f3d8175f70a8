"""Strategy synthesis on public repositories that keep decision records, as a user runs it.

    python benchmarks/synthesis_public.py REPO [REPO ...] [--last 12] [--out DIR]

For each repository (a clone on disk): a fresh workspace whose people are the authors of the
repository's Markdown documents (`staffpath init` for the first, `people add` for the rest),
`staffpath mine REPO`, then `staffpath strategy synthesise REPO --json`. It prints the
documents found, each theme with the documents behind it, and checks what the draft promises:
every theme backed by at least two documents, every quote from a document of the theme, every
citation from the set. It exits non-zero when a check fails. With `--out`, each draft is kept
as Markdown. Whole processes throughout, timed with the wall clock.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

STAFFPATH = [sys.executable, "-m", "staffpath"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, check=False)


def doc_authors(repo: Path) -> list[tuple[str, str]]:
    """Authors of the repository's Markdown files, most commits first."""
    out = subprocess.run(["git", "-C", str(repo), "log", "--format=%an\t%ae", "--", "*.md"],
                         capture_output=True, text=True, check=True).stdout
    counts = Counter(tuple(line.split("\t", 1)) for line in out.splitlines() if "\t" in line)
    seen: set[str] = set()
    authors = []
    for (name, email), _n in counts.most_common():
        if email.lower() not in seen and "@" in email:
            seen.add(email.lower())
            authors.append((name, email))
    return authors


def check(data: dict[str, object]) -> list[str]:
    docs = {d["key"] for d in data["documents"]}  # type: ignore[index, union-attr]
    problems = []
    for t in data["themes"]:  # type: ignore[union-attr]
        if len(t["documents"]) < 2:  # type: ignore[index]
            problems.append(f"theme {t['title']!r} has one document")  # type: ignore[index]
        if not set(t["documents"]) <= docs:  # type: ignore[index]
            problems.append(f"theme {t['title']!r} cites outside the set")  # type: ignore[index]
        if not {q["document"] for q in t["quotes"]} <= set(t["documents"]):  # type: ignore[index]
            problems.append(f"theme {t['title']!r} quotes a document it is not backed by")  # type: ignore[index]
    for part in ("decisions", "tradeoffs", "open_questions"):
        if not {r["document"] for r in data[part]} <= docs:  # type: ignore[union-attr, index]
            problems.append(f"{part} cite outside the set")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--last", type=int, default=12)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    failed = 0
    for repo in args.repos:
        repo = repo.resolve()
        with tempfile.TemporaryDirectory(prefix="synth-") as tmp:
            env = {k: v for k, v in os.environ.items() if not k.startswith("STAFFPATH_")}
            env["STAFFPATH_WORKSPACE"] = tmp
            authors = doc_authors(repo)
            if not authors:
                print(f"{repo.name}: no Markdown documents with an author")
                failed += 1
                continue
            (name, email), rest = authors[0], authors[1:]
            run([*STAFFPATH, "init", "--name", name, "--email", email], env)
            for n, e in rest[:30]:
                run([*STAFFPATH, "people", "add", "--name", n, "--email", e], env)
            start = time.perf_counter()
            mined = run([*STAFFPATH, "mine", str(repo)], env)
            mine_s = time.perf_counter() - start
            if mined.returncode:
                print(f"{repo.name}: mine failed: {mined.stderr.strip()[:300]}")
                failed += 1
                continue
            start = time.perf_counter()
            out = run([*STAFFPATH, "strategy", "synthesise", str(repo), "--last",
                       str(args.last), "--json"], env)
            synth_s = time.perf_counter() - start
            if out.returncode:
                print(f"{repo.name}: synthesise failed: {out.stderr.strip()[:300]}")
                failed += 1
                continue
            data = json.loads(out.stdout)
            problems = check(data)
            print(f"{repo.name}: {len(data['documents'])} documents, {len(data['themes'])} "
                  f"themes, {len(data['decisions'])} decisions, "
                  f"{len(data['open_questions'])} open questions; mine {mine_s:.1f} s, "
                  f"synthesise {synth_s:.1f} s; checks: "
                  + ("ok" if not problems else "; ".join(problems)))
            for t in data["themes"]:
                print(f"  {t['title']}: {', '.join(t['documents'])} — "
                      f"{', '.join(t['terms'])}")
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{repo.name}.md").write_text(data["markdown"], encoding="utf-8")
            failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
