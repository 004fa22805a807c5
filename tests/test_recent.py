"""The recent-values memo: once per owner and key, bounded, forgotten with its owner, safe across threads."""

from __future__ import annotations

import gc
import threading

import pandas as pd

from explorer.recent import RecentMemo


class Owner:
    """A stand-in for a shared frame: any object that can be weakly referenced."""


def test_a_value_is_computed_once_per_owner_and_key() -> None:
    memo: RecentMemo[int] = RecentMemo(size=8)
    calls: list[str] = []
    frame = pd.DataFrame({"a": [1, 2]})

    def compute(label: str, value: int):
        return lambda: calls.append(label) or value

    assert memo.get(frame, ("bars", False), compute("linear", 1)) == 1
    assert memo.get(frame, ("bars", False), compute("again", 99)) == 1
    assert memo.get(frame, ("bars", True), compute("log", 2)) == 2
    assert memo.get(frame.copy(), ("bars", False), compute("equal copy", 3)) == 3  # identity, not equality
    assert calls == ["linear", "log", "equal copy"]


def test_only_the_most_recently_used_entries_are_kept() -> None:
    memo: RecentMemo[str] = RecentMemo(size=2)
    owner = Owner()
    memo.get(owner, "a", lambda: "A")
    memo.get(owner, "b", lambda: "B")
    memo.get(owner, "a", lambda: "A again")  # a is now the most recent
    memo.get(owner, "c", lambda: "C")  # evicts b
    assert len(memo) == 2
    assert memo.get(owner, "a", lambda: "recomputed") == "A"
    assert memo.get(owner, "b", lambda: "B recomputed") == "B recomputed"


def test_entries_go_with_their_owner() -> None:
    memo: RecentMemo[int] = RecentMemo(size=8)
    kept, dropped = Owner(), Owner()
    memo.get(kept, "k", lambda: 1)
    memo.get(dropped, "k", lambda: 2)
    memo.get(dropped, "other", lambda: 3)
    del dropped
    gc.collect()
    assert len(memo) == 1
    assert memo.get(kept, "k", lambda: 0) == 1


def test_evicting_a_value_that_owns_other_entries_drops_them_without_deadlock() -> None:
    memo: RecentMemo[object] = RecentMemo(size=2)
    root = Owner()
    child = memo.get(root, "child", Owner)  # once the test lets go, held only by the memo, as a cached frame is
    memo.get(child, "caption", lambda: "names")
    del child
    memo.get(root, "other", lambda: "x")  # evicts the child; its own entry must go too
    assert len(memo) == 1


def test_concurrent_sessions_get_one_value_and_the_bound_holds() -> None:
    memo: RecentMemo[tuple[int, int]] = RecentMemo(size=16)
    owners = [Owner() for _ in range(4)]
    errors: list[BaseException] = []
    seen: dict[tuple[int, int], set[tuple[int, int]]] = {}
    lock = threading.Lock()

    def session(worker: int) -> None:
        try:
            for round_ in range(300):
                owner_index, key = round_ % 4, round_ % 7
                value = memo.get(owners[owner_index], key, lambda o=owner_index, k=key: (o, k))
                with lock:
                    seen.setdefault((owner_index, key), set()).add(value)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(values == {slot} for slot, values in seen.items())
    assert len(memo) <= 16
