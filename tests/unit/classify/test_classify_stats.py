"""The report's intervals: Wilson for proportions, a reproducible bootstrap for macros."""

from __future__ import annotations

import pytest

from tools.classify_independent import ClassScore, macro
from tools.classify_stats import bootstrap, wilson


def test_wilson_matches_the_textbook_value():
    low, high = wilson(8, 10)  # Wilson 95% for 8/10: 0.490 .. 0.943
    assert low == pytest.approx(0.4902, abs=1e-3)
    assert high == pytest.approx(0.9433, abs=1e-3)


def test_wilson_of_nothing_is_uninformative():
    assert wilson(0, 0) == (0.0, 1.0)


def test_wilson_stays_inside_zero_one():
    assert wilson(0, 5)[0] == 0.0 and wilson(5, 5)[1] == 1.0


def test_bootstrap_is_reproducible_and_brackets_the_mean():
    data = [0, 1] * 50
    first = bootstrap(data, lambda s: (sum(s) / len(s),))
    assert first == bootstrap(data, lambda s: (sum(s) / len(s),))
    low, high = first[0]
    assert low < 0.5 < high


def test_macro_counts_a_never_predicted_class_as_zero_precision():
    scores = {"a": ClassScore(tp=5, predicted=5, labelled=5),
              "b": ClassScore(tp=0, predicted=0, labelled=5)}
    assert macro(scores) == (0.5, 0.5)


def test_macro_leaves_an_unlabelled_class_out_of_recall():
    scores = {"a": ClassScore(tp=5, predicted=5, labelled=5),
              "b": ClassScore(tp=0, predicted=2, labelled=0)}
    assert macro(scores) == (0.5, 1.0)
