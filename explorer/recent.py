"""Remember the few most recent values derived from a shared read-only object and some plain arguments."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class RecentMemo(Generic[T]):
    """compute() once per (owner identity, key); keeps the `size` most recently used, drops an owner's with it.

    Shared by every session of a server: lookups are locked, and two sessions missing the same entry
    at once may both compute it (the values are equal, the later one is kept).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[int, Hashable], tuple[weakref.ref[Any], T]] = OrderedDict()
        # Set when an owner is collected. The callback may run on any thread, even one inside this
        # memo's lock (a collection can start anywhere), so it only raises this flag.
        self._owner_gone = False

    def get(self, owner: Any, key: Hashable, compute: Callable[[], T]) -> T:
        slot = (id(owner), key)
        with self._lock:
            self._drop_dead()
            hit = self._entries.get(slot)
            if hit is not None and hit[0]() is owner:
                self._entries.move_to_end(slot)
                return hit[1]
        value = compute()
        with self._lock:
            self._entries[slot] = (weakref.ref(owner, self._on_owner_gone), value)
            self._entries.move_to_end(slot)
            evicted = [self._entries.popitem(last=False) for _ in range(len(self._entries) - self.size)]
        # Let go of evicted values outside the lock: one may be the last reference to another entry's owner.
        del evicted
        return value

    def __len__(self) -> int:
        with self._lock:
            self._drop_dead()
            return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            entries, self._entries = self._entries, OrderedDict()
        del entries

    def _on_owner_gone(self, _ref: weakref.ref[Any]) -> None:
        self._owner_gone = True

    def _drop_dead(self) -> None:
        """Forget entries whose owner was collected (called with the lock held)."""
        if not self._owner_gone:
            return
        self._owner_gone = False
        for slot in [slot for slot, (ref, _) in self._entries.items() if ref() is None]:
            del self._entries[slot]
