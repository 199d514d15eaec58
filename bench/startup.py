"""Start-up cost of the operator's commands, each in a fresh child process (imports included):
CPU-s of `peermap --help` and of `peermap preview` of a 10-event ICS (median of a few tries,
from the children's rusage), and the wall time of `peermap demo --no-serve` (the demo's sources)."""

from __future__ import annotations

import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

DEMO_AS_OF = "2026-11-26T15:00:00Z"


@dataclass
class StartupResult:
    help_cpu_s: float
    preview_cpu_s: float
    demo_wall_s: float
    demo_ok: bool


def peermap_command() -> list[str]:
    """The installed console script beside this interpreter, else the same entry point by -c."""
    script = Path(sys.executable).with_name("peermap")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from pipelines.cli.main import app; app()"]


def ten_event_ics(as_of: datetime) -> bytes:
    """A fictional 10-event calendar in one zone: what an operator previews first."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap bench//EN"]
    for n in range(10):
        start = (as_of + timedelta(days=3 + 7 * n)).replace(hour=18, minute=0, second=0)
        lines += ["BEGIN:VEVENT", f"UID:bench-{n}@peermap.invalid",
                  f"DTSTAMP:{as_of:%Y%m%dT%H%M%SZ}",
                  f"DTSTART;TZID=America/Chicago:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=America/Chicago:{start + timedelta(hours=1, minutes=30):%Y%m%dT%H%M%S}",
                  f"SUMMARY:Peer consultation group for counselors {n}",
                  "LOCATION:Springfield Library\\, 1 Main St\\, Springfield\\, IL 62701",
                  "DESCRIPTION:Free monthly case consultation for licensed counselors.",
                  "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def child_cpu_s(command: list[str], *, env: dict[str, str] | None = None,
                timeout: float = 120) -> tuple[float, int]:
    """User+system CPU of one child run (its own children included) and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, timeout=timeout, check=False).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def startup_bench(tries: int = 3, *, demo: bool = True) -> StartupResult:
    peermap = peermap_command()
    with tempfile.TemporaryDirectory(prefix="peermap-startup-") as tmp:
        env = {**os.environ, "PEERMAP_DATA_DIR": str(Path(tmp) / "var")}
        ics = Path(tmp) / "ten.ics"
        ics.write_bytes(ten_event_ics(datetime(2026, 11, 26, 15, tzinfo=UTC)))
        helps = [child_cpu_s([*peermap, "--help"], env=env)[0] for _ in range(tries)]
        previews = [child_cpu_s([*peermap, "preview", str(ics), "--as-of", DEMO_AS_OF],
                                env=env)[0] for _ in range(tries)]
        wall, ok = float("nan"), False
        if demo:
            started = time.perf_counter()
            code = subprocess.run(
                [*peermap, "demo", "--no-serve", "--as-of", DEMO_AS_OF, "--port",
                 str(_free_port()), "--data-dir", str(Path(tmp) / "demo")],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                check=False).returncode
            wall, ok = time.perf_counter() - started, code == 0
    return StartupResult(round(statistics.median(helps), 2), round(statistics.median(previews), 2),
                         round(wall, 1), ok)
