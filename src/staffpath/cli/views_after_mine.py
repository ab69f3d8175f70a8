"""After `staffpath mine` commits, the organisation views prepare themselves from what it wrote
(`org.warm`) in a process of their own, so the command returns as soon as its data is
written. A view asked for before that is done computes what it needs itself.

    python -m staffpath.cli.views_after_mine WORKSPACE [DB_URL]

`STAFFPATH_PREPARE_VIEWS=0` leaves it out (batch imports, benchmarks that time it apart).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from staffpath.cli.state import State


def prepare_views_later(st: State) -> None:
    """Start the preparation, detached (a double fork: no child is left for this process to
    reap); it outlives the command and ends by itself."""
    if os.environ.get("STAFFPATH_PREPARE_VIEWS", "1") == "0":
        return
    args = [sys.executable, "-m", "staffpath.cli.views_after_mine", str(st.workspace.root)]
    if st.db:
        args.append(st.db)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.setsid()
            if os.fork() == 0:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.execv(sys.executable, args)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def main(argv: list[str]) -> int:
    from staffpath.mining.rules import load_rules
    from staffpath.org.warm import warm_organisation

    logging.basicConfig(level=logging.WARNING)
    st = State(workspace_dir=Path(argv[0]), db=argv[1] if len(argv) > 1 else None)
    try:
        warm_organisation(st.store, rules=load_rules(st.workspace.root))
    finally:
        st.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
