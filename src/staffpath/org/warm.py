"""Preparing the organisation views ahead of the first visitor (see staffpath.web.warmup)."""

from __future__ import annotations

from staffpath.store.engine import Store


def warm_organisation(store: Store) -> None:
    """Bring the stored snapshots of the organisation views up to date with their inputs."""
    # Filled in by the org views' precompute; until then there is nothing to prepare.
    del store
