"""Counts as prose writes them: in digits or in words ("7", "seven", "a dozen")."""

from __future__ import annotations

__all__ = ["NUMBER_WORDS", "number_value"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}


def number_value(text: str) -> int:
    """The value of a count a pattern matched: digits, a word of NUMBER_WORDS or "a dozen"."""
    text = text.lower()
    if text.isdigit():
        return int(text)
    return 12 if text == "a dozen" else NUMBER_WORDS[text]
