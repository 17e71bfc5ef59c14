"""A throwaway X server (Xvfb) for the few tests that need real X11 behaviour."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

needs_xvfb = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("Xvfb") is None,
                                reason="needs Linux and Xvfb")


@contextmanager
def virtual_display() -> Iterator[str]:
    """Yields the DISPLAY value of a fresh Xvfb, stopped afterwards."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp",
                               "-screen", "0", "1280x800x24"], pass_fds=(write_end,),
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        assert number, "Xvfb did not report its display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
