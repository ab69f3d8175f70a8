"""How often the assessment gives the level a promotion committee would, on real-world records.

    python benchmarks/assess_accuracy.py [--baseline REV] [--no-baseline] [--show] [--authors A,B]

Reads the corpus in `tests/data/corpus/` (brag documents written from public accounts of
engineers' work, each labelled with a committee's level; half of them held out from any
tuning), imports each document for a person on a roster with the document's current and target
level, assesses it at the document's date (and once more as if everyone were a senior aiming
for staff, the trial that opened the issue), and prints exact and within-one accuracy on both
halves, a confusion matrix, per-dimension agreement where the corpus labels dimensions, how many
documents get no overall level at all, and the demo's ready / not-ready split. The same is run,
side by side in this one script, on the engine of an earlier revision (`--baseline`, default the
commit before the judgement rework) checked out into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
BASELINE = "36e8331"  # main before the restructuring and the judgement rework
LEVELS = ("engineer", "senior", "staff", "senior-staff", "principal")


ROSTER_ENV = "STAFFPATH_BENCH_ROSTER"
AUTHORS_ENV = "STAFFPATH_BENCH_AUTHORS"


def roster_size(entry: dict[str, Any]) -> int:
    """The roster's size the engine is given for a document: its author's organisation, or
    one size for every document (`--roster-size`, passed to a baseline's run too)."""
    forced = os.environ.get(ROSTER_ENV)
    return int(forced) if forced else int(entry.get("org_engineers") or 0)


def assess_corpus() -> list[dict[str, Any]]:
    """Assess every corpus document with the code on `sys.path`; one result per document."""
    import datetime as dt
    import tempfile as tf

    import yaml

    from staffpath.assess.engine import assess
    from staffpath.assess.service import to_items
    from staffpath.framework.loader import default_framework
    from staffpath.ledger.service import import_brag_text, list_evidence
    from staffpath.people.service import find_person, import_roster

    try:
        from staffpath.store.engine import Store
    except ImportError:  # pragma: no cover - very old layouts
        raise
    try:
        from staffpath.ledger.extract.orgsize import DECLARED, OrgSize

        def declare(engineers: int) -> Any:
            return OrgSize(engineers, 0, DECLARED)
    except ImportError:  # engines before a size could be declared
        declare = None  # type: ignore[assignment]
    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
    wanted = {a for a in os.environ.get(AUTHORS_ENV, "").split(",") if a}
    if wanted:  # `--authors`: only their documents are assessed, here and in the baseline
        labels = [e for e in labels if e.get("author") in wanted]
    framework = default_framework()
    result_items = to_items
    out: list[dict[str, Any]] = []
    with tf.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        lines = ["name,email,team,manager,level,target_level,role"]
        for n, e in enumerate(labels):
            lines.append(f"Person {n},p{n}@corpus.example,Corpus,,{e['roster_level'] or ''},"
                         f"{e.get('target_level') or ''},engineer")
        roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
        store = Store(f"sqlite:///{Path(tmp) / 'corpus.db'}")
        try:
            with store.session() as session:
                import_roster(session, roster, level_ids=framework.level_ids)
                for n, e in enumerate(labels):
                    person = find_person(session, f"p{n}")
                    as_of = e["as_of"] if isinstance(e["as_of"], dt.date) else \
                        dt.date.fromisoformat(str(e["as_of"]))
                    text = (CORPUS / "documents" / e["file"]).read_text(encoding="utf-8")
                    import_brag_text(session, person, text, document=e["file"],
                                     framework=framework, today=as_of)
                    rows = list_evidence(session, person=person)
                    result = assess(framework, result_items(rows), as_of=as_of,
                                    current_level=e["roster_level"],
                                    target_level=e.get("target_level"),
                                    org_engineers=roster_size(e))
                    # The same record for someone titled one level above the label: the
                    # judgement should show them where their work is, not keep the title.
                    up = (LEVELS[LEVELS.index(e["level"]) + 1]
                          if e["level"] in LEVELS[:-1] else None)
                    titled_up = assess(framework, result_items(rows), as_of=as_of,
                                       current_level=up, target_level=None,
                                       org_engineers=roster_size(e)
                                       ).overall_level if up else None
                    # The issue's own trial: everyone on the roster as a senior aiming for
                    # staff, whatever their work shows.
                    as_senior = assess(framework, result_items(rows), as_of=as_of,
                                       current_level="senior", target_level="staff",
                                       org_engineers=roster_size(e)
                                       ).overall_level
                    # The same record with the organisation's size declared as its author
                    # gave it (`staffpath org size`), on engines that read a declared size.
                    declared = None
                    if declare is not None:
                        declared = assess(framework, result_items(rows), as_of=as_of,
                                          current_level=e["roster_level"],
                                          target_level=e.get("target_level"),
                                          org_declared=declare(int(e["org_engineers"]))
                                          ).overall_level
                    out.append({
                        "declared": declared,
                        "titled_up": titled_up, "up": up, "as_senior": as_senior,
                        "file": e["file"], "split": e["split"], "label": e["level"],
                        "items": len(rows), "overall": result.overall_level,
                        "evidence": getattr(result, "evidence_level", result.overall_level),
                        "roster": e["roster_level"],
                        "dimensions": {d.dimension: d.level for d in result.dimensions},
                        "labelled_dimensions": e.get("dimensions") or {},
                        "archetype": result.archetypes[0].archetype if result.archetypes
                        else None, "archetype_label": e.get("archetype"),
                    })
        finally:
            store.close()
    return out


def assess_demo() -> list[dict[str, Any]]:
    """The demo's cast with a story of ready or not ready: what the assessment says of each."""
    import datetime as dt
    import importlib
    import tempfile as tf

    from staffpath.assess.engine import assess
    from staffpath.assess.service import to_item
    from staffpath.demo.content import TEAMS, write_demo_files
    from staffpath.framework.loader import default_framework
    from staffpath.ledger.service import entry_to_input

    try:  # the parser and the table models moved during the restructuring
        parser = importlib.import_module("staffpath.ledger.bragdoc.parser")
    except ImportError:
        parser = importlib.import_module("staffpath.ledger.bragdoc")
    try:
        tables = importlib.import_module("staffpath.store.tables")
    except ImportError:
        tables = importlib.import_module("staffpath.store.models")
    framework = default_framework()
    levels = list(framework.level_ids)
    today = dt.date(2026, 11, 21)
    out: list[dict[str, Any]] = []
    with tf.TemporaryDirectory() as tmp:
        written = write_demo_files(Path(tmp), today)
        for person in written.people:
            if person.expect_ready is None or person.target_level is None:
                continue
            path = written.journals[person.handle]
            doc = parser.parse_brag_doc(path.read_text(encoding="utf-8"), source=str(path),
                                        today=today)
            items = [to_item(tables.Evidence(id=n, person_id=0, **entry_to_input(
                entry, document=str(path), framework=framework,
                team_names=[t.name for t in TEAMS]).model_dump()))
                for n, entry in enumerate(doc.entries)]
            result = assess(framework, items, as_of=today, current_level=person.level,
                            target_level=person.target_level)
            reached = (result.overall_level is not None and levels.index(result.overall_level)
                       >= levels.index(person.target_level))
            out.append({"handle": person.handle, "expect_ready": person.expect_ready,
                        "ready": reached, "overall": result.overall_level})
    return out


def _index(level: str | None) -> int | None:
    return LEVELS.index(level) if level in LEVELS else None


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for split in ("tuning", "held_out"):
        rows = [r for r in results if r["split"] == split]
        exact = sum(1 for r in rows if r["overall"] == r["label"])
        within = sum(1 for r in rows if _index(r["overall"]) is not None
                     and abs(_index(r["overall"]) - _index(r["label"])) <= 1)  # type: ignore[operator]
        summary[split] = {"documents": len(rows), "exact": exact / len(rows) if rows else 0.0,
                          "within_one": within / len(rows) if rows else 0.0,
                          "no_level": sum(1 for r in rows if r["overall"] is None)}
        # The overall level never goes below the roster level without evidence against it, so
        # on a document whose roster level is its label "exact" can come from the roster alone.
        # What the evidence alone supports, and the documents where the roster is not the
        # answer (someone working above their title), show the judgement itself.
        ev = sum(1 for r in rows if r.get("evidence", r["overall"]) == r["label"])
        moved = [r for r in rows if r.get("roster") != r["label"]]
        summary[split].update({
            "evidence_exact": ev / len(rows) if rows else 0.0,
            "roster_exact": (sum(1 for r in rows if r.get("roster") == r["label"]) / len(rows)
                             if rows else 0.0),
            "above_roster": (sum(1 for r in moved if r["overall"] == r["label"]), len(moved)),
            "as_senior": (sum(1 for r in rows if r.get("as_senior") == r["label"]) / len(rows)
                          if rows else 0.0),
            "declared": (sum(1 for r in rows if r.get("declared") == r["label"]) / len(rows)
                         if rows and any(r.get("declared") for r in rows) else None),
            "titled_up": (sum(1 for r in rows if r.get("up") and r.get("titled_up")
                              == r["label"]), sum(1 for r in rows if r.get("up"))),
        })
    agree = total = 0
    for r in results:
        for dim, level in r["labelled_dimensions"].items():
            if level in (None, "none"):
                continue
            total += 1
            agree += r["dimensions"].get(dim) == level
    summary["dimension_agreement"] = agree / total if total else 0.0
    summary["dimension_labels"] = total
    arche = [r for r in results if r["archetype_label"]]
    summary["archetype_agreement"] = (sum(1 for r in arche if r["archetype"] ==
                                          r["archetype_label"]) / len(arche)) if arche else 0.0
    summary["confusion"] = Counter(f"{r['label']}→{r['overall']}" for r in results)
    return summary


def _baseline(rev: str) -> dict[str, list[dict[str, Any]]] | None:
    """Run this script's assessment on another revision's code, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        checkout = Path(tmp) / "base"
        made = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach",
                               str(checkout), rev], capture_output=True, text=True)
        if made.returncode != 0:
            print(f"baseline {rev}: {made.stderr.strip()}", file=sys.stderr)
            return None
        try:
            env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
            proc = subprocess.run([sys.executable, __file__, "--results-only"], env=env,
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"baseline {rev} failed: {proc.stderr.strip()[-400:]}", file=sys.stderr)
                return None
            return json.loads(proc.stdout)  # type: ignore[no-any-return]
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(checkout)], capture_output=True)


def _by_authors(authors: str, results: list[dict[str, Any]],
                base: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Results (and the baseline's) for the documents of the named authors only."""
    import yaml

    wanted = {a.strip() for a in authors.split(",") if a.strip()}
    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
    files = {e["file"] for e in labels if e.get("author") in wanted}
    if base:
        base = {**base, "corpus": [r for r in base["corpus"] if r["file"] in files]}
    return [r for r in results if r["file"] in files], base


def print_uncertainty(results: list[dict[str, Any]],
                      base: list[dict[str, Any]] | None) -> None:
    """How far each half's exact figure can be trusted: its 95 % (Wilson) interval, and against
    the baseline the documents that changed either way with McNemar's exact test. A change of a
    few documents in either direction is usually within what a different sample would give."""
    from scipy.stats import binomtest

    print("\nexact, 95 % interval; documents the engine now gets right / wrong against the "
          "baseline (McNemar exact p):")
    before = {r["file"]: r["overall"] == r["label"] for r in base or []}
    for split in ("held_out", "tuning"):
        rows = [r for r in results if r["split"] == split]
        if not rows:
            continue
        right = sum(1 for r in rows if r["overall"] == r["label"])
        ci = binomtest(right, len(rows)).proportion_ci(method="wilson")
        line = (f"  {split:9} {_pct(right / len(rows))} "
                f"({100 * ci.low:.1f}–{100 * ci.high:.1f})")
        if base is not None:
            now = {r["file"]: r["overall"] == r["label"] for r in rows}
            fixed = sum(1 for f, ok in now.items() if ok and before.get(f) is False)
            broke = sum(1 for f, ok in now.items() if not ok and before.get(f) is True)
            p = binomtest(min(fixed, broke), fixed + broke).pvalue if fixed + broke else 1.0
            line += f"   right now {fixed}, wrong now {broke} (p = {p:.2f})"
        print(line)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f} %"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", default=BASELINE, help="revision to compare against")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--show", action="store_true", help="one line per document")
    ap.add_argument("--tuning-only", action="store_true",
                    help="look at the tuning half only (while changing rules, so the held-out "
                         "half stays unseen)")
    ap.add_argument("--authors", help="only these authors' documents, e.g. v,w (a set added at "
                                      "once, measured on the engine before it was read)")
    ap.add_argument("--roster-size", type=int,
                    help="give the engine a roster of this many engineers for every document "
                         "(as a small workspace would), instead of each author's organisation")
    ap.add_argument("--results-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.roster_size is not None:
        os.environ[ROSTER_ENV] = str(args.roster_size)
    if args.authors:
        os.environ[AUTHORS_ENV] = ",".join(a.strip() for a in args.authors.split(","))
    results = assess_corpus()
    if args.tuning_only:
        results = [r for r in results if r["split"] == "tuning"]
    demo = assess_demo()
    if args.results_only:
        print(json.dumps({"corpus": results, "demo": demo}))
        return 0
    base = None if args.no_baseline else _baseline(args.baseline)
    if args.authors:
        results, base = _by_authors(args.authors, results, base)
        if not results:
            print(f"no corpus document is by the authors {args.authors!r}", file=sys.stderr)
            return 2
    now = summarise(results)
    before = summarise(base["corpus"]) if base else None
    print(f"corpus: {len(results)} documents ({now['tuning']['documents']} tuning, "
          f"{now['held_out']['documents']} held out)\n")
    print(f"{'':28}{'this engine':>14}{'baseline ' + args.baseline:>22}")
    for split in ("held_out", "tuning"):
        if not now[split]["documents"]:
            continue
        for key in ("exact", "within_one"):
            b = _pct(before[split][key]) if before else "—"
            print(f"{split + ' ' + key:28}{_pct(now[split][key]):>14}{b:>22}")
        b = str(before[split]["no_level"]) if before else "—"
        print(f"{split + ' no overall level':28}{now[split]['no_level']:>14}{b:>22}")
        b = _pct(before[split]["evidence_exact"]) if before else "—"
        print(f"{'  evidence alone, exact':28}{_pct(now[split]['evidence_exact']):>14}{b:>22}")
        got, of = now[split]["above_roster"]
        b = "{}/{}".format(*before[split]["above_roster"]) if before else "—"
        print(f"{'  above roster, exact':28}{f'{got}/{of}':>14}{b:>22}")
        got, of = now[split]["titled_up"]
        b = "{}/{}".format(*before[split]["titled_up"]) if before else "—"
        print(f"{'  titled one above, shown at label':28}{f'{got}/{of}':>14}{b:>22}")
        b = _pct(before[split]["as_senior"]) if before else "—"
        print(f"{'  all titled senior, exact':28}{_pct(now[split]['as_senior']):>14}{b:>22}")
        d = now[split]["declared"]
        b = (_pct(before[split]["declared"]) if before and before[split].get("declared")
             is not None else "—")
        print(f"{'  organisation size declared':28}{_pct(d) if d is not None else '—':>14}{b:>22}")
        print(f"{'  answering the roster level':28}{_pct(now[split]['roster_exact']):>14}"
              f"{'':>22}")
    from staffpath.framework.loader import default_framework

    reader = default_framework().overall.reader
    if reader and now["tuning"]["documents"]:
        print(f"  (this engine's record reader, {reader}, was trained on the tuning half: its "
              "figure there is a training figure; `python benchmarks/reader_cv.py` "
              "cross-validates it by author)")
    for key, label in (("dimension_agreement", "dimension agreement"),
                       ("archetype_agreement", "archetype agreement")):
        b = _pct(before[key]) if before else "—"
        print(f"{label:28}{_pct(now[key]):>14}{b:>22}")

    def told_apart(rows: list[dict[str, Any]]) -> str:
        right = sum(1 for r in rows if r["ready"] == r["expect_ready"])
        return f"{right}/{len(rows)}"

    b = told_apart(base["demo"]) if base else "—"
    print(f"{'demo ready / not ready':28}{told_apart(demo):>14}{b:>22}")
    print_uncertainty(results, base["corpus"] if base else None)
    for split in ("held_out", "tuning"):
        rows = [r for r in results if r["split"] == split]
        if not rows:
            continue
        print(f"\nconfusion (label → assessed), {split.replace('_', ' ')}, this engine:")
        print(f"{'label':>14} " + " ".join(f"{lv[:9]:>9}" for lv in (*LEVELS, "none")))
        for lv in LEVELS:
            row = [sum(1 for r in rows if r["label"] == lv and r["overall"] == out)
                   for out in (*LEVELS, None)]
            print(f"{lv:>14} " + " ".join(f"{n:>9}" for n in row))
    if args.authors:
        for name, rows in (("this engine", results),
                           (f"baseline {args.baseline}", base["corpus"] if base else [])):
            if rows:
                right = {key: sum(1 for r in rows if r.get(key, r["overall"]) == r["label"])
                         for key in ("overall", "evidence", "as_senior")}
                print(f"\nauthors {args.authors}, both halves, {name}: "
                      f"exact {right['overall']}/{len(rows)}, "
                      f"evidence alone {right['evidence']}/{len(rows)}, "
                      f"all titled senior {right['as_senior']}/{len(rows)}")
    if args.show:
        print()
        for r in results:
            mark = "=" if r["overall"] == r["label"] else " "
            print(f"{mark} {r['file']:10} {r['split']:9} {r['items']:3} items  "
                  f"label {r['label']:13} got {r['overall']!s:13} "
                  f"evidence {r.get('evidence')!s:13} roster {r.get('roster')!s:13}"
                  f"arch {r['archetype']!s:10} ({r['archetype_label']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
