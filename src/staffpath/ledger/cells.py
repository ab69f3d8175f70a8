"""Text cells made safe to open in a spreadsheet.

A spreadsheet runs a cell as a formula when its first character is `=`, `+`, `-` or `@`, and
several also accept look-alikes: full-width forms (`＝`, `＋`, `－`, `＠`, which NFKC folds to the
ASCII ones), other minus and dash signs, and any of these behind leading blanks, tabs or
invisible format characters. A cell is neutralised (an apostrophe put first, which shows as
nothing and makes the cell text) when its first visible character, folded by NFKC, is one of
those or is a mathematical symbol (Unicode category Sm) or a dash (Pd), or when it starts with
a control character (a tab or carriage return that would shift or split it).
"""

from __future__ import annotations

import unicodedata

FORMULA_STARTS = frozenset("=+-@")
FORMULA_CATEGORIES = frozenset({"Sm", "Pd"})
# Skipped to find the first visible character: spaces and invisible format characters.
INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf"})


def starts_like_a_formula(value: str) -> bool:
    if not value:
        return False
    if unicodedata.category(value[0]) == "Cc":
        return True
    for char in value:
        category = unicodedata.category(char)
        if category == "Cc":
            return True
        if category in INVISIBLE_CATEGORIES:
            continue
        folded = unicodedata.normalize("NFKC", char)
        return bool(folded) and (folded[0] in FORMULA_STARTS or category in FORMULA_CATEGORIES
                                 or unicodedata.category(folded[0]) in FORMULA_CATEGORIES)
    return False


def spreadsheet_safe(value: str) -> str:
    """The cell as text a spreadsheet shows, never runs."""
    return "'" + value if starts_like_a_formula(value) else value
