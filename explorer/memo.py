"""Remember values derived from a shared read-only object (a catalog's frame) for as long as it lives."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class IdentityMemo(Generic[T]):
    """fn(obj) computed once per object identity; entries vanish with their object."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self._fn = fn
        self._lock = threading.Lock()
        self._values: dict[int, tuple[weakref.ref[Any], T]] = {}

    def __call__(self, obj: Any) -> T:
        key = id(obj)
        with self._lock:
            hit = self._values.get(key)
            if hit is not None and hit[0]() is obj:
                return hit[1]
        value = self._fn(obj)
        with self._lock:
            self._values[key] = (weakref.ref(obj, lambda _ref, key=key: self._forget(key)), value)
        return value

    def _forget(self, key: int) -> None:
        with self._lock:
            self._values.pop(key, None)
