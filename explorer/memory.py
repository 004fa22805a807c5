"""Hand memory the process has freed back to the operating system (glibc's malloc_trim)."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (e.g. musl): nothing to call
        return None
    return getattr(libc, "malloc_trim", None)


_TRIM = _malloc_trim()


def release_freed_memory() -> bool:
    """Return free heap pages to the system; False where the C library cannot.

    Building and recording a large catalog frees far more than it keeps (response text, record
    dicts, row texts), and glibc otherwise holds those pages for the life of the server.
    """
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
