"""Work a fresh server process does before its first visitor, rather than during one.

Compiling every template and loading the chart library take most of a second between them;
without this the first person to open each page after a restart pays for it. Startup waits
for this part. Longer preparation (views over the whole organisation) runs in a background
thread after startup, so the server answers at once; a request that arrives before it is
done computes what it needs itself, as it would without a warm-up.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from staffpath.web.context import WebState

log = logging.getLogger("staffpath.web")
GC_YOUNG_THRESHOLD = 10_000


def compile_templates(web: WebState) -> int:
    """Compile every template the application renders; the number compiled."""
    env = web.templates.env
    names = [n for n in env.list_templates() if n.endswith(".html")]
    for name in names:
        env.get_template(name)
    return len(names)


def load_chart_library() -> None:
    # Importing matplotlib and building its font cache is the slow part of a first chart.
    from staffpath.packet import chart  # noqa: F401


def settle_memory() -> None:
    """Move everything loaded so far (modules, templates, the framework) out of the garbage
    collector's sight: it stays for the life of the process, and scanning it again on every
    full collection would pause requests for tens of milliseconds."""
    gc.collect()
    gc.freeze()
    # A request allocates thousands of short-lived objects (rows, template output): collect
    # the youngest generation less often than the default 700 allocations.
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def warm_up(web: WebState) -> None:
    """What startup waits for."""
    t0 = time.perf_counter()
    templates = compile_templates(web)
    load_chart_library()
    settle_memory()
    log.info("warm-up: %d templates compiled, charts loaded in %.2f s", templates,
             time.perf_counter() - t0)


def prepare_in_background(web: WebState) -> threading.Thread:
    """Slower preparation after startup, in a daemon thread; returns the thread."""
    thread = threading.Thread(target=_prepare, args=(web,), name="staffpath-warm-up",
                              daemon=True)
    thread.start()
    return thread


def _prepare(web: WebState) -> None:
    from staffpath.mining.rules import load_rules
    from staffpath.org.warm import warm_organisation
    from staffpath.workspace import open_workspace

    t0 = time.perf_counter()
    try:
        # The workspace's own mining rules and quality settings, as the org pages use them.
        config = open_workspace(web.workspace, create=False).config.quality
        warm_organisation(web.store, rules=load_rules(web.workspace), configs=[config])
    except Exception:  # a failed warm-up must not take the server down; requests recompute
        log.exception("warm-up of the organisation views failed")
        return
    log.info("warm-up: organisation views prepared in %.2f s", time.perf_counter() - t0)
