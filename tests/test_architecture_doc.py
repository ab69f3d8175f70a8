"""docs/architecture.md stays true: every module it names exists, and every package is in it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent is a module, not a package
        return False


def test_every_module_the_doc_names_exists() -> None:
    named = set(re.findall(r"`(staffpath(?:\.\w+)+)`", DOC))
    assert len(named) >= 20
    for dotted in sorted(named):
        if _is_module(dotted):
            continue
        # `staffpath.accounts.audit.record_change`: a name in a module
        module, _, attr = dotted.rpartition(".")
        assert _is_module(module), dotted
        assert hasattr(importlib.import_module(module), attr), dotted


def test_every_package_is_described() -> None:
    packages = {p.name for p in (ROOT / "src" / "staffpath").iterdir()
                if p.is_dir() and (p / "__init__.py").exists()}
    for name in packages:
        assert f"`staffpath.{name}`" in DOC, name


def test_the_layers_in_the_doc_follow_the_contract() -> None:
    contract = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    layers = re.search(r'type = "layers"\nlayers = \[(.*?)\]', contract, re.S)
    assert layers is not None
    order = [n for line in re.findall(r'"([^"]+)"', layers.group(1)) for n in line.split(" | ")]
    rows = re.findall(r"^\| (\d+) \| `([\w.]+)`", DOC, re.M)
    doc_order = [name for _n, name in sorted(rows, key=lambda r: -int(r[0]))]
    assert [n for n in order if n in doc_order] == doc_order
