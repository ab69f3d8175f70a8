"""What source files say: test naming conventions, and the interfaces and imports of
TypeScript and JavaScript modules."""

from __future__ import annotations

import pytest

from staffpath.mining import source_code


@pytest.mark.parametrize(("path", "test", "source"), [
    ("pkg/test_api.py", True, False), ("pkg/api_test.py", True, False),
    ("web/app.spec.tsx", True, False), ("web/__tests__/app.ts", True, False),
    ("go/thing_test.go", True, False), ("App/CartTests.swift", True, False),
    ("pkg/api.py", False, True), ("tests/helpers.py", False, False),
    ("types/index.d.ts", False, False), ("pkg/__init__.py", False, False),
    ("docs/readme.md", False, False), ("src/Main.kt", False, True),
])
def test_naming_conventions(path: str, test: bool, source: bool) -> None:
    assert (source_code.is_test_file(path), source_code.is_source_file(path)) == (test, source)


def test_js_interfaces_and_imports() -> None:
    text = ('export default class Cart {}\nexport { a, b as c }\nexport type T = 1\n'
            'import x from "@scope/pkg/sub";\nconst y = require("left-pad");\n'
            'import "./local";\n')
    assert source_code.js_public_names(text) == ["Cart", "T", "a", "c"]
    assert source_code.js_public_names("export default {a: 1}\n") == ["default"]
    assert source_code.js_imports(text) == {"@scope/pkg", "left-pad"}
