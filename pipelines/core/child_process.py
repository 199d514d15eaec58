"""Child processes that die with PeerMap: a Prefect server it starts must not outlive it.

On Linux the child asks the kernel for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG,
through ctypes), so even a SIGKILLed `peermap run/serve` takes its server down; the child also
gets its own process group, which the parent terminates as a whole on a normal exit.
Elsewhere only the process group applies.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from typing import Any

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """preexec_fn: SIGTERM this process when the parent that forked it dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")


def spawn_bound(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """Popen whose process (group) ends when this process ends, however it ends."""
    return subprocess.Popen(args, preexec_fn=die_with_parent,  # noqa: PLW1509 - no threads yet
                            start_new_session=True, **kwargs)


def stop_group(process: subprocess.Popen[bytes], timeout_s: float = 20.0) -> None:
    """SIGTERM the child's whole process group, then SIGKILL what is left after `timeout_s`."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
        process.wait(timeout=timeout_s)
