"""The JSON API fuzzed at length: schemathesis over the OpenAPI document against `staffpath
serve --workers 2`, signed in as every role of the test organisation (and as nobody), on
SQLite and on PostgreSQL side by side, until at least `--cases` requests per backend.

Each round seeds a fresh organisation (the admin's generated writes erase people and
deactivate accounts), serves it, and runs every operation with new generated requests (valid
ones naming real rows, and invalid ones). Prints cases, answers by status, server errors,
answers that do not match the document (by route) and time. Exits non-zero on any failure.

    python benchmarks/fuzz_api.py [--cases 10000] [--backends sqlite,postgresql] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from fuzzing import FuzzReport, fuzz, known_values, roles_of  # noqa: E402
from pg import start_server  # noqa: E402
from served import served  # noqa: E402
from web_helpers import seed  # noqa: E402


def run_backend(backend: str, target: int, examples: int, workers: int) -> FuzzReport:
    report = FuzzReport()
    pg = start_server() if backend == "postgresql" else None
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix=f"fuzz-{backend}-") as tmp:
            round_no = 0
            while report.cases < target:
                round_no += 1
                workspace = Path(tmp) / f"round{round_no}"
                workspace.mkdir()
                url = (pg.url(pg.create_database("fuzz")) if pg is not None
                       else f"sqlite:///{workspace / 'staffpath.db'}")
                world = seed(url, workspace)
                with served(url, workspace, workers=workers) as base:
                    fuzz(base, roles_of(world), examples=examples, seed=round_no,
                         report=report, known=known_values(world))
                print(f"  {backend} round {round_no}: {report.cases} cases so far, "
                      f"{report.server_errors} server errors, "
                      f"{sum(len(v) for v in report.failures.values())} failures, "
                      f"{time.monotonic() - started:.0f} s", flush=True)
    finally:
        if pg is not None:
            pg.stop()
    report.seconds = time.monotonic() - started
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--examples", type=int, default=25,
                        help="generated requests per operation and role in each round")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    reports = {b: run_backend(b, args.cases, args.examples, args.workers)
               for b in args.backends.split(",")}
    print(f"\n{'backend':<12}{'cases':>8}{'5xx':>6}{'failures':>10}{'seconds':>9}"
          f"{'cases/s':>9}  statuses")
    for backend, r in reports.items():
        failures = sum(len(v) for v in r.failures.values())
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(r.statuses.items()))
        print(f"{backend:<12}{r.cases:>8}{r.server_errors:>6}{failures:>10}{r.seconds:>9.0f}"
              f"{r.cases / max(r.seconds, 1e-9):>9.1f}  {statuses}")
    bad = False
    for backend, r in reports.items():
        if r.failures:
            bad = True
            print(f"\nfailures by route on {backend}:")
            for line in r.lines():
                print(f"  {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
