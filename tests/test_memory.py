"""Freed heap pages go back to the operating system after a large build."""

import subprocess
import sys
import textwrap

import pytest

from explorer.memory import release_freed_memory

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
