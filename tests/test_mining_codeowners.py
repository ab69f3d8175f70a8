"""Path patterns and CODEOWNERS: GitHub's matching rules, errors with lines, team mapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from staffpath.mining.codeowners import OwnerDirectory, parse_codeowners, team_slug
from staffpath.mining.ownership import Ownership, TeamArea
from staffpath.mining.pathmatch import PatternError, PatternList, compile_patterns


@pytest.mark.parametrize(("pattern", "path", "github", "matches"), [
    ("*", "a/b/c.txt", True, True),
    ("*.js", "web/app/main.js", True, True),
    ("*.js", "web/app/main.jsx", True, False),
    ("/docs/", "docs/guide/intro.md", True, True),
    ("/docs/", "docs", True, False),
    ("/docs/", "src/docs/x.md", True, False),
    ("docs/", "src/docs/x.md", True, True),
    ("apps/", "deep/in/apps/x.py", True, True),
    ("docs/*", "docs/getting-started.md", True, True),
    ("docs/*", "docs/build-app/troubleshooting.md", True, False),
    ("docs/*", "docs/build-app/troubleshooting.md", False, True),  # gitignore: folder matched
    ("/build/logs/", "build/logs/a/b.log", True, True),
    ("/apps/github", "apps/github/x.rb", True, True),
    ("/apps/github", "apps/github2/x.rb", True, False),
    ("**/logs", "a/b/logs/x", True, True),
    ("**/logs", "logs", True, True),
    ("a/**/b", "a/b", True, True),
    ("a/**/b", "a/x/y/b", True, True),
    ("a/**", "a/x/y", True, True),
    ("a/**", "a", True, False),
    ("services/cart/**", "services/cart/api/x.go", False, True),
    ("src/*.py", "src/a.py", False, True),
    ("src/*.py", "lib/src/a.py", False, False),  # a slash anchors the pattern to the root
    ("f?o.txt", "foo.txt", False, True),
    ("[ab].txt", "b.txt", False, True),
    ("[!ab].txt", "c.txt", False, True),
    ("\\#hash", "#hash", True, True),
    ("with\\ space", "with space/x", True, True),
])
def test_pattern_matching(pattern: str, path: str, github: bool, matches: bool) -> None:
    assert PatternList((pattern,), github=github).matches(path) is matches


def test_last_matching_pattern_wins() -> None:
    patterns = PatternList(("*", "/docs/", "*.md", "/docs/api/"), github=True)
    assert patterns.last_match("src/x.py") == 0
    assert patterns.last_match("docs/x.txt") == 1
    assert patterns.last_match("docs/x.md") == 2
    assert patterns.last_match("docs/api/x.md") == 3
    assert PatternList(()).last_match("x") is None


@pytest.mark.parametrize(("pattern", "message"), [
    ("!keep.txt", "negated"),
    ("[ab].txt", "character ranges"),
    ("trailing\\", "backslash"),
])
def test_patterns_github_refuses(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        compile_patterns([pattern], github=True)


@given(st.text(alphabet="ab/*?.", min_size=1, max_size=12), st.text(alphabet="ab/.", max_size=12))
def test_any_pattern_compiles_and_matching_never_crashes(pattern: str, path: str) -> None:
    try:
        patterns = compile_patterns([pattern])
    except PatternError:
        return
    assert patterns.last_match(path) in (None, 0)


def test_codeowners_parsing_and_problems_with_lines() -> None:
    text = "\n".join([
        "# comment",
        "",
        "*       @org/everyone",
        "/docs/  @org/docs docs@example.com  # trailing comment",
        "/vendor/",
        "[Section]",
        "/src/   not-an-owner",
        "!neg    @org/x",
        "/api/   @octocat",
    ])
    owners = parse_codeowners(text, source="CODEOWNERS")
    assert [str(p) for p in owners.problems] == [
        "CODEOWNERS:7: owner 'not-an-owner' is neither @user, @org/team nor an e-mail address",
        "CODEOWNERS:8: bad pattern '!neg': negated patterns (!) are not supported",
    ]
    assert owners.owners_of("README.md") == ("@org/everyone",)
    assert owners.owners_of("docs/a.md") == ("@org/docs", "docs@example.com")
    assert owners.owners_of("vendor/lib.c") == ()  # a rule without owners: nobody
    assert owners.owners_of("api/x.go") == ("@octocat",)
    assert owners.owners_of("src/x.py") == ("@org/everyone",)  # the bad line is not a rule


def test_owners_map_to_roster_teams() -> None:
    directory = OwnerDirectory(("Search & Discovery", "Payments"),
                               {"ana@corp.example": "Payments", "octocat": "Payments"})
    assert directory.team_for("@acme/search-discovery") == "Search & Discovery"
    assert directory.team_for("@acme/search-and-discovery") == "Search & Discovery"
    assert directory.team_for("@acme/PAYMENTS") == "Payments"
    assert directory.team_for("ana@corp.example") == "Payments"
    assert directory.team_for("@octocat") == "Payments"
    assert directory.team_for("@acme/unknown") is None
    assert team_slug("Search & Discovery") == "searchanddiscovery"


def test_ownership_prefers_codeowners_then_team_areas() -> None:
    directory = OwnerDirectory(("Payments", "Checkout"), {})
    own = Ownership(directory=directory, repo_label="shop",
                    areas=[TeamArea("Checkout", ("services/checkout/**",)),
                           TeamArea("Payments", ("services/payments/**",))])
    assert own.owners("services/checkout/a.py") == ("Checkout",)
    own.set_file(".github/CODEOWNERS", "/services/ @org/payments\n/services/legacy/\n",
                 strict=True)
    assert own.owners("services/checkout/a.py") == ("Payments",)
    assert own.owners("services/legacy/x.py") == ()
    assert own.owners("web/x.js") == ()
    own.set_file("docs/CODEOWNERS", "* @org/checkout\n", strict=True)
    assert own.owners("services/checkout/a.py") == ("Payments",)  # .github/ comes first
    own.set_file(".github/CODEOWNERS", None, strict=True)
    assert own.owners("services/checkout/a.py") == ("Checkout",)
    own.set_file("CODEOWNERS", "x.py bad-owner\n", strict=False)
    assert own.warnings == ["shop:CODEOWNERS:1: owner 'bad-owner' is neither @user, "
                            "@org/team nor an e-mail address (ignored)"]
