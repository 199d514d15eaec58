"""Measure the RRULE bomb: time and peak memory of expanding hostile rules, one child process
per case, killed at a time limit. Runs against whatever `pipelines` is first on PYTHONPATH, so
the same command measures the old and the new code:

    PYTHONPATH=<checkout> python bench/rrule_bomb.py --limit-s 120 --limit-mb 1500

Prints one line per case: wall s, CPU s, peak RSS MB, outcome (occurrences or "killed").
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import time

H = ",".join(str(h) for h in range(24))
M = ",".join(str(m) for m in range(60))
CASES = {
    "expand secondly-in-all-but-name (DAILY;BYHOUR x BYMINUTE x BYSECOND) from 1900":
        f"FREQ=DAILY;BYHOUR={H};BYMINUTE={M};BYSECOND={M}",
    "expand FREQ=HOURLY from 1900": "FREQ=HOURLY",
}
EXPAND = """
from datetime import datetime, timezone
from pipelines.normalize.recurrence import expand
out = expand(datetime(1900, 1, 1, tzinfo=timezone.utc), None, {rule!r}, [], [],
             datetime(2026, 11, 2, 12, tzinfo=timezone.utc), 90)
print(len(out))
"""
ICS = """
from datetime import datetime, timezone
from spiders.formats import ics
from spiders.items import ParseContext
from pipelines.ingest.listing import raw_items_to_listings
body = ("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:b\\r\\nSUMMARY:x\\r\\n"
        "DTSTART:19000101T000000Z\\r\\nRRULE:{rule}\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n").encode()
as_of = datetime(2026, 11, 2, 12, tzinfo=timezone.utc)
parsed = ics.parse(body, ParseContext(source_id="b", url="https://example.org/b.ics", as_of=as_of))
listings, errors = raw_items_to_listings(parsed.items, as_of=as_of)
print(sum(len(x.occurrences) for x in listings))
"""


def measure(code: str, limit_s: float, limit_mb: int) -> tuple[float, float, float, str]:
    def cap_memory() -> None:  # the old code grew past 5.9 GB: keep a shared machine usable
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024,) * 2)

    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=cap_memory)
    outcome = "killed at the limit"
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > limit_s:
            proc.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    wall = time.monotonic() - started
    if os.WIFEXITED(status) and proc.stdout is not None and proc.stderr is not None:
        out, err = proc.stdout.read().strip(), proc.stderr.read()
        outcome = f"{out} occurrences" if out else (
            f"MemoryError at the {limit_mb} MB cap" if "MemoryError" in err else "failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-s", type=float, default=120.0)
    parser.add_argument("--limit-mb", type=int, default=1500, help="address-space cap per case")
    args = parser.parse_args()
    for name, rule in CASES.items():
        for kind, template in (("normalize.expand", EXPAND), ("ics parse + ingest", ICS)):
            wall, cpu, rss, outcome = measure(template.format(rule=rule), args.limit_s,
                                             args.limit_mb)
            print(f"{kind:<19} {name}: wall {wall:7.1f} s, CPU {cpu:7.1f} s, "
                  f"peak RSS {rss:7.0f} MB, {outcome}", flush=True)


if __name__ == "__main__":
    main()
