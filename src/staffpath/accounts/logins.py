"""What a login may be: the name a person signs in with, usually an e-mail address.

A login is compared as normalised (Unicode NFKC, no surrounding blanks, lower case), so that
look-alike spellings (full-width letters, a different case) are one account, not two. It must
be 3 to 254 characters of letters, digits and `. _ - + @ '`, start with a letter or digit and
not be only digits: no blanks, control, format or private-use characters, nothing that looks
like a number or a program name (`0`, `__main__`).
"""

from __future__ import annotations

import unicodedata

from staffpath.errors import InputError

MIN_LENGTH = 3
MAX_LENGTH = 254
PUNCTUATION = frozenset("._-+@'")


def normalise_login(login: str) -> str:
    return unicodedata.normalize("NFKC", login).strip().lower()


def login_problem(login: str) -> str | None:
    """Why a (normalised) login cannot be an account's, or None."""
    if not MIN_LENGTH <= len(login) <= MAX_LENGTH:
        return f"a login is {MIN_LENGTH} to {MAX_LENGTH} characters long"
    for char in login:
        category = unicodedata.category(char)
        if not (category[0] in "LN" or char in PUNCTUATION):
            return (f"a login holds only letters, digits and . _ - + @ ' "
                    f"(not {unicodedata.name(char, f'U+{ord(char):04X}')})")
    if unicodedata.category(login[0])[0] not in "LN":
        return "a login starts with a letter or a digit"
    if login.isdigit():
        return "a login is not only digits"
    return None


def valid_login(login: str) -> str:
    """The login normalised, or an InputError saying what is wrong with it."""
    normal = normalise_login(login)
    problem = login_problem(normal)
    if problem is not None:
        raise InputError(problem)
    return normal
