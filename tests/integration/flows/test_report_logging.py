"""Operator output: structured quiet logs, one clean line per failed source, a crawl progress bar."""

import io
import json
import logging

from rich.console import Console

from pipelines.cli.run import crawl_progress
from pipelines.core.logging_setup import (
    CleanFailedTaskFilter,
    JsonLinesFormatter,
    KeyValueFormatter,
    level_for,
)
from pipelines.flows import refresh as flows

FAILED_STATE = ("Failed(message='HTTP 500 from http://127.0.0.1:9/x.ics', type=FAILED, "
                "result=CrawlResult('x', failed: HTTP 500, documents=0, items=0, errors=1))")


def record(msg: str, *args, level=logging.ERROR, exc_info=None, **extra) -> logging.LogRecord:
    rec = logging.LogRecord("prefect.task_runs", level, __file__, 1, msg, args or None, exc_info)
    rec.__dict__.update(extra)
    return rec


def test_quiet_by_default_and_verbose_on_request():
    assert (level_for(0), level_for(1), level_for(2)) == (logging.WARNING, logging.INFO,
                                                        logging.DEBUG)


def test_key_value_lines_quote_values_with_spaces():
    line = KeyValueFormatter().format(record("crawl done", source="a b", items=3))
    assert 'msg="crawl done"' in line and 'source="a b"' in line and "items=3" in line


def test_json_lines_carry_extra_fields():
    data = json.loads(JsonLinesFormatter().format(record("crawl done", source="alpha")))
    assert (data["level"], data["msg"], data["source"]) == ("error", "crawl done", "alpha")


def test_exhausted_failed_state_line_is_dropped():
    rec = record(f"Task run failed with state: {FAILED_STATE}", exc_info=(None, None, None))
    assert CleanFailedTaskFilter().filter(rec) is False


def test_retry_notice_is_one_line_with_the_reason():
    rec = record("Task run failed with %s: %r - Retry %s/%s will start %s", "state",
                 _Repr(FAILED_STATE), 1, 2, "immediately", level=logging.INFO)
    assert CleanFailedTaskFilter().filter(rec)
    assert rec.getMessage() == ("source failed: HTTP 500 from http://127.0.0.1:9/x.ics"
                                " - Retry 1/2 will start immediately")


def test_empty_traceback_is_never_printed():
    rec = record("Finished in state Failed('HTTP 500')", exc_info=(None, None, None))
    assert CleanFailedTaskFilter().filter(rec) and rec.exc_info is None
    assert "NoneType" not in logging.Formatter().format(rec)


def test_progress_bar_counts_sources_crawled():
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with crawl_progress(enabled=True, console=console) as bar:
        flows._report_progress("alpha", True, 1, 3)
        flows._report_progress("beta", False, 2, 3)
        task = bar.tasks[0]
        assert (task.completed, task.total, task.description) == (2, 3, "beta failed")
    assert flows.progress_hooks == []


def test_no_progress_bar_when_disabled():
    with crawl_progress(enabled=False) as bar:
        assert bar is None and flows.progress_hooks == []


class _Repr:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text
