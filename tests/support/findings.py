"""Which test covers which numbered finding of issue 19, recorded from the run itself.

A test (or module) says what it checks with `@pytest.mark.issue19(1, 8)`; `make chaos` runs
`-m "chaos or issue19"`. After each such test this plugin records its outcome under
var/reliability/findings/ (one row per test, a rerun overwrites it), and
tests/support/chaos_report.py turns the rows into the coverage table of docs/reliability.md.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from tests.support.outcomes import record

FINDINGS = {
    1: "one event stops every refresh (unbounded RRULE / parse on the crawler's loop)",
    2: "SSRF in the crawler (redirects, meta refresh, private registry entries)",
    3: "`sources add` bypass (redirect hops, DNS rebinding, robots User-Agent)",
    4: "`sources add` can hang (robots without timeout, drip feed)",
    5: "settings accepted, then misbehave (types, ranges, cron, empty registry)",
    6: "storage faults (read-only, full, corrupt store or snapshot; dashboard traceback)",
    7: "live HTML in the dataset (entities decoded after tags stripped; raw URLs)",
    8: "leftovers (temp files, export staging, orphaned Prefect server)",
    9: "the browser calls an outside map-style host",
    10: "`serve` under load (a second ephemeral Prefect server; Scrapy in threads)",
}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]):  # noqa: ANN201
    outcome = yield
    report = outcome.get_result()
    marks = list(item.iter_markers("issue19"))
    if not marks:
        return
    final = report.when == "call" or (report.when == "setup" and not report.passed)
    if not final:
        return
    findings = sorted({int(n) for mark in marks for n in mark.args})
    # File names are cut at 80 characters: a digest keeps parametrized variants apart.
    key = hashlib.blake2b(item.nodeid.encode(), digest_size=8).hexdigest()
    record("findings", key, {"test": item.nodeid, "findings": findings,
                             "outcome": report.outcome, "duration_s": round(report.duration, 2),
                             "chaos": item.get_closest_marker("chaos") is not None})
