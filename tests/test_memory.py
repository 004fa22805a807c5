"""Freed memory goes back to the operating system: after a large build, and after large transient buffers."""

import os
import subprocess
import sys
import textwrap

import pytest

from explorer.memory import keep_large_buffers_mapped, release_freed_memory
from tests.conftest import ROOT

PROBE = textwrap.dedent(
    """
    from explorer.memory import release_freed_memory

    def rss_mib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    blocks = [bytearray(4096) for _ in range(40_000)]  # 160 MiB from malloc, not Python's small-object arenas
    keep = blocks[-1]  # pins the top of the heap, so free() alone cannot shrink it
    del blocks
    before = rss_mib()
    assert release_freed_memory()
    print(before, rss_mib())
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_freed_pages_leave_the_process():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60)
    before, after = map(float, out.stdout.split())
    assert before > 150  # the freed blocks were still resident
    assert after < before - 100


def test_release_is_safe_to_call_repeatedly():
    assert release_freed_memory() is release_freed_memory()


LARGE_BUFFERS = textwrap.dedent(
    """
    import explorer  # the data layer's import applies the allocator setting

    def rss_mib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    first = bytearray(3 << 20)
    del first  # glibc's default would now raise its threshold above 3 MiB
    buffers, pins = [], []
    for _ in range(40):  # like a table payload per visit, with small objects allocated in between
        buffers.append(bytearray(3 << 20))
        pins.append(bytearray(4096))
    held = rss_mib()
    del buffers
    print(held, rss_mib())
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_large_transient_buffers_leave_the_process_when_freed():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    out = subprocess.run(
        [sys.executable, "-c", LARGE_BUFFERS], capture_output=True, text=True, check=True, timeout=60, env=env
    )
    held, after = map(float, out.stdout.split())
    assert held > 120  # forty 3 MiB buffers were resident
    assert after < held - 100


def test_an_operator_threshold_is_left_alone(monkeypatch):
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "1048576")
    assert keep_large_buffers_mapped() is False


FROZEN = textwrap.dedent(
    """
    import datetime as dt
    import gc
    import weakref

    from bench.data_layer import synthetic_records
    from explorer.catalog import build_catalog
    from explorer.memory import freeze_long_lived

    def catalog():
        return build_catalog(synthetic_records(2000), source="live", as_of=dt.datetime.now(dt.UTC))

    first = catalog()
    scanned_before = len(gc.get_objects())
    assert freeze_long_lived() and not freeze_long_lived()
    frozen = gc.get_freeze_count()
    scanned_after = len(gc.get_objects())
    refreshed = catalog()
    frozen_after_refresh = gc.get_freeze_count()
    gone = [weakref.ref(first), weakref.ref(first.frame)]
    del first  # as when a refresh replaces the catalog: reference counting alone must free it
    alive = sum(ref() is not None for ref in gone)
    print(scanned_before, frozen, scanned_after, frozen_after_refresh, alive, gc.get_freeze_count())
    """
)


def test_long_lived_objects_leave_full_collections_and_a_replaced_catalog_is_still_freed():
    out = subprocess.run(
        [sys.executable, "-c", FROZEN], capture_output=True, text=True, check=True, timeout=120, cwd=ROOT
    )
    scanned_before, frozen, scanned_after, frozen_after_refresh, alive, frozen_at_end = map(int, out.stdout.split())
    assert scanned_before > 30_000 and frozen >= scanned_before  # the catalog (15 per model) and the modules
    assert scanned_after < 100  # what a full collection still visits
    assert frozen_after_refresh == frozen  # building another catalog did not unfreeze them
    assert alive == 0
    assert frozen - frozen_at_end > 2000 * 10  # the first catalog's objects left the frozen set as they were freed
