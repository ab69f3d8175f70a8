"""After `staffpath mine` commits, the organisation views prepare themselves from what it wrote
(`org.warm`) in a process of their own, so the command returns as soon as its data is
written. A view asked for before that is done computes what it needs itself.

    python -m staffpath.cli.views_after_mine WORKSPACE [DB_URL]

`STAFFPATH_PREPARE_VIEWS=0` leaves it out (batch imports, benchmarks that time it apart).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from staffpath.cli.state import State


def prepare_views_later(st: State) -> None:
    """Start the preparation, detached: it outlives the command and ends by itself."""
    if os.environ.get("STAFFPATH_PREPARE_VIEWS", "1") == "0":
        return
    args = [sys.executable, "-m", "staffpath.cli.views_after_mine", str(st.workspace.root)]
    if st.db:
        args.append(st.db)
    subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


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
