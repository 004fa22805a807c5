"""glibc's allocator, tuned for a long-lived server holding one large shared catalog."""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import threading

_M_MMAP_THRESHOLD = -3  # mallopt parameter number, from glibc's malloc.h
LARGE_BUFFER = 128 * 1024  # glibc's own starting threshold


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (e.g. musl): nothing to tune
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


_LIBC = _glibc()


def keep_large_buffers_mapped() -> bool:
    """Serve every allocation of 128 KiB or more from its own mapping, returned to the system on free.

    glibc starts with that rule but raises the threshold each time such a buffer is freed, after
    which large transient buffers (a response body, the table each visit sends: 2.4 MB at 10,000
    models) come from the heap, where the small objects allocated between them pin the pages.
    That grew the server by 15 to 40 MiB over five visits at 10,000 models; with the threshold
    fixed it stays flat. An operator's MALLOC_MMAP_THRESHOLD_ still wins.
    """
    if _LIBC is None or os.environ.get("MALLOC_MMAP_THRESHOLD_"):
        return False
    return bool(_LIBC.mallopt(_M_MMAP_THRESHOLD, LARGE_BUFFER))


def release_freed_memory() -> bool:
    """Return free heap pages to the system; False where the C library cannot.

    Building and recording a large catalog frees far more than it keeps (response text, record
    dicts, row texts), and glibc otherwise holds those pages for the life of the server.
    """
    if _LIBC is None:
        return False
    _LIBC.malloc_trim(0)
    return True


_freeze_lock = threading.Lock()
_frozen = False


def freeze_long_lived() -> bool:
    """Once per process: take every object alive now out of the cyclic collector's scans (gc.freeze).

    Once the first page has its catalog, nearly everything the server holds lives as long as the
    process: modules, Streamlit's runtime, the catalog itself (150,000 tracked objects at 10,000
    models: 100,000 in the parsed models, 50,000 in the raw records). A full collection visits
    every tracked object, and Python starts one whenever a quarter as many again have piled up,
    so at 10,000 models the server stopped for 17 to 481 ms four times in six browser visits.
    Frozen objects are still freed by reference counting once let go; the catalog holds no
    reference cycles, so a replaced catalog is freed as before. Only a cycle among the objects
    alive now (the first session's, once) would never be collected. Returns False after the first call.
    """
    global _frozen
    with _freeze_lock:
        if _frozen:
            return False
        _frozen = True
    gc.freeze()
    return True
