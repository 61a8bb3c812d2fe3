"""The checker on the evaluation sets (tests/easyja/data/): warning precision at least 95% on
public-sector sentences, and no warning at all on official-style Easy Japanese.

Run `python tests/easyja/evaluation.py` (PYTHONPATH=src:.) for the table and every sentence
where the checker and the editor differ."""

import pytest

from tests.easyja import evaluation


def test_the_sets_are_the_size_the_readme_says():
    assert len(evaluation.official()) >= 60
    assert len(evaluation.easy()) >= 20
    kinds = {source for source, _text, _expected in evaluation.official()}
    assert kinds == {"notice", "strategy"}


def test_warning_precision_per_rule_and_overall(capsys):
    per_rule, differences = evaluation.score()
    with capsys.disabled():
        print("\n" + evaluation.table(per_rule))
    total = sum((counts for counts in per_rule.values()), start=evaluation.Counter())
    assert evaluation.precision(total) >= 0.95, differences
    assert evaluation.recall(total) >= 0.80, differences
    # every rule an editor asked for is found at least once
    assert all(counts["tp"] for counts in per_rule.values()), per_rule


@pytest.mark.parametrize("text", evaluation.easy())
def test_official_easy_japanese_gets_no_warning(text):
    assert evaluation.warnings(text) == frozenset()
