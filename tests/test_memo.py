"""Values derived from a shared frame are computed once per frame and forgotten with it."""

from __future__ import annotations

import gc

import pandas as pd

from explorer.memo import IdentityMemo


def test_a_value_is_computed_once_per_object_and_dropped_with_it() -> None:
    calls: list[int] = []
    memo = IdentityMemo(lambda frame: calls.append(1) or len(frame))
    first, second = pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1, 2, 3]})
    assert [memo(first), memo(first), memo(second)] == [2, 2, 3]
    assert len(calls) == 2
    del first
    gc.collect()
    assert len(memo._values) == 1
