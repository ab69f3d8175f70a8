"""Panel statistics against values worked out by hand for small panels."""

from __future__ import annotations

import pytest

from staffpath.cycles.stats import Rating, alpha_ordinal, outliers, severity, spread

LEVELS = 5  # engineer, senior, staff, senior-staff, principal: ranks 0..4


def panel(*members: list[int | None]) -> list[Rating]:
    """Rows are members, columns are items (one dimension of one packet each)."""
    return [Rating(item, member, rank) for member, row in enumerate(members)
            for item, rank in enumerate(row) if rank is not None]


def test_alpha_ordinal_for_a_three_by_four_panel_matches_the_hand_computation() -> None:
    """Three members, four items:

        A: 1 2 3 3
        B: 1 2 3 4
        C: 2 2 3 4

    Coincidences (each ordered pair in an item weighs 1/(m-1) = 1/2):
        item 1 {1,1,2}: o11 += 1, o12 += 1, o21 += 1
        item 2 {2,2,2}: o22 += 3;  item 3 {3,3,3}: o33 += 3
        item 4 {3,4,4}: o44 += 1, o34 += 1, o43 += 1
    Marginals n1=2, n2=4, n3=4, n4=2; n=12.
    Ordinal distance d(c,k) = (sum of n_g for g in c..k - (n_c+n_k)/2)^2:
        d12 = 9, d34 = 9, d23 = 16, d13 = 49, d24 = 49, d14 = 100.
    Observed  Do = (1/12)(o12 d12 + o21 d12 + o34 d34 + o43 d34) = 36/12 = 3.
    Expected  De = (2/(12*11)) * sum_{c<k} n_c n_k d_ck
                 = (2/132)(72 + 392 + 400 + 256 + 392 + 72) = 3168/132 = 24.
    alpha = 1 - Do/De = 1 - 3/24 = 0.875.
    """
    ratings = panel([1, 2, 3, 3], [1, 2, 3, 4], [2, 2, 3, 4])
    assert alpha_ordinal(ratings, LEVELS) == pytest.approx(0.875)


def test_perfect_agreement_is_one() -> None:
    ratings = panel([0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3])
    assert alpha_ordinal(ratings, LEVELS) == pytest.approx(1.0)


def test_systematic_disagreement_is_worse_than_chance() -> None:
    """Two members who always reverse each other on two items:

        A: 1 2
        B: 2 1

    o12 = o21 = 2 (weight 1/(2-1) = 1); n1 = n2 = 2, n = 4; d12 = ((2+2)/2)^2 = 4.
    Do = (1/4)(2*4 + 2*4) = 4;  De = (1/(4*3)) * 2 * (2*2*4) = 32/12 = 8/3.
    alpha = 1 - 4/(8/3) = -0.5.
    """
    assert alpha_ordinal(panel([1, 2], [2, 1]), LEVELS) == pytest.approx(-0.5)


def test_alpha_is_undefined_without_pairs_or_variation() -> None:
    assert alpha_ordinal(panel([1, 2, 3]), LEVELS) is None  # one member: nothing to compare
    assert alpha_ordinal(panel([2, 2], [2, 2]), LEVELS) is None  # no variation at all
    assert alpha_ordinal([], LEVELS) is None


def test_missing_scores_leave_the_item_out_of_the_pairs() -> None:
    """An item only one member scored cannot be compared; the rest are as before."""
    full = panel([1, 2, 3, 3], [1, 2, 3, 4], [2, 2, 3, 4])
    lonely = [*full, Rating(99, 0, 0)]
    assert alpha_ordinal(lonely, LEVELS) == pytest.approx(0.875)


def test_a_lenient_member_shows_as_severity_and_outliers() -> None:
    """C is two levels above A and B everywhere: each item's median is A's and B's rank,
    so C's mean offset is +2, A's and B's 0, and all four of C's scores are outliers."""
    ratings = panel([1, 2, 1, 2], [1, 2, 1, 2], [3, 4, 3, 4])
    offsets = {s.member: (s.offset, s.items) for s in severity(ratings)}
    assert offsets == {0: (0.0, 4), 1: (0.0, 4), 2: (2.0, 4)}
    assert sorted((r.item, r.member) for r in outliers(ratings)) == [
        (0, 2), (1, 2), (2, 2), (3, 2)]


def test_severity_with_two_members_splits_the_difference() -> None:
    """With two members the median is their midpoint: each is half the gap from it."""
    offsets = {s.member: s.offset for s in severity(panel([1, 3], [2, 2]))}
    assert offsets == {0: 0.0, 1: 0.0}
    offsets = {s.member: s.offset for s in severity(panel([1, 1], [2, 2]))}
    assert offsets == {0: -0.5, 1: 0.5}


def test_spread_of_one_item() -> None:
    """Ranks 1, 1, 3: median 1; quartiles (linear) 1 and 2, so the IQR is 1."""
    s = spread([1, 1, 3])
    assert (s.low, s.high, s.median, s.iqr, s.range) == (1, 3, 1.0, 1.0, 2)
