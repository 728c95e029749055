"""core.suppression on small hand-made tables (the attack tests try generated ones)."""

import pytest

from core import suppression
from core.suppression import Model, protect


def unit_table(values: dict, total: int) -> Model:
    """Units' counts of people and their total, published."""
    model = Model()
    model.add("total", total)
    for unit, value in values.items():
        model.add(unit, value)
    model.relate("total", list(values))
    return model


def test_a_small_cell_gets_a_complement_so_the_total_does_not_give_it_away():
    hidden = protect(unit_table({"a": 3, "b": 20, "c": 30}, 53))
    assert "a" in hidden
    assert len(hidden & {"b", "c", "total"}) >= 1


@pytest.mark.parametrize("group_limit", [suppression.GROUP_LIMIT, 0], ids=["whole", "around"])
def test_hidden_ones_that_add_up_to_their_count_hide_more(group_limit, monkeypatch):
    # Three hidden cells of 1 with a published total of 3 + 40: each hidden cell is at
    # least 1, so a reader would know each is exactly 1. Something larger must go too.
    monkeypatch.setattr(suppression, "GROUP_LIMIT", group_limit)
    hidden = protect(unit_table({"a": 1, "b": 1, "c": 1, "d": 40}, 43))
    assert {"a", "b", "c"} <= hidden
    assert hidden & {"d", "total"}


def test_a_count_given_away_by_zeros_and_records_alone_ends_without_hiding_anything_else():
    # 1 of 1 staff not trained: the headcount (records) and a trained 0 give it away;
    # zeros are shown, so nothing can protect it, and the audit does not try forever.
    model = Model()
    model.add("headcount", 1, people=False)
    model.add("trained", 0)
    model.add("not_trained", 1, shown=False, lower=None)
    model.relate("headcount", ["trained", "not_trained"])
    model.add("other", 12)
    model.add("sum", 13)
    model.relate("sum", ["other", "headcount"])
    assert protect(model) == frozenset()
