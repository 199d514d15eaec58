"""Operator logs: structured (key=value or JSON lines) on stderr, quiet by default.

`configure_logging(verbosity, fmt)` is called once at the CLI edge. `install_failed_task_filter()`
runs on import of the flows (CLI, `peermap serve`, workers, Dask workers) so a failed source is
one clean line in every log, never Prefect's "Task run failed ..." followed by "NoneType: None".
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOG_FORMATS = ("kv", "json")
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName",
}
# Prefect context fields worth keeping when a record came from a flow or task run.
_PREFECT_FIELDS = ("flow_run_name", "task_run_name")
_STATE_MESSAGE = re.compile(r"message=(?:'|\")(.*?)(?:'|\"), type=")


def level_for(verbosity: int) -> int:
    """0 → WARNING (default), 1 (-v) → INFO, 2+ (-vv) → DEBUG."""
    return {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)


def record_fields(record: logging.LogRecord) -> dict[str, Any]:
    """A log record as flat fields: time, level, logger, msg, then any `extra=` fields."""
    fields: dict[str, Any] = {
        "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
        "level": record.levelname.lower(),
        "logger": record.name,
        "msg": record.getMessage(),
    }
    for key, value in vars(record).items():
        if key in _PREFECT_FIELDS or (key not in _STANDARD_ATTRS and not key.startswith("_")):
            fields[key] = value
    if record.exc_info and record.exc_info[0] is not None:
        fields["error"] = f"{record.exc_info[0].__name__}: {record.exc_info[1]}"
    return fields


def _kv_value(value: Any) -> str:
    text = str(value)
    if text and not any(c in text for c in ' "=\n\t'):
        return text
    return json.dumps(text, ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return " ".join(f"{k}={_kv_value(v)}" for k, v in record_fields(record).items())


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(record_fields(record), ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at emit time (test runners and rich swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


class CleanFailedTaskFilter(logging.Filter):
    """A crawl task that *returns* a Failed state (a dead source is data, not an exception) makes
    Prefect log "Task run failed with state: Failed(...<whole result>...)" with `exc_info=True`
    though no exception is active, which prints a dangling "NoneType: None".

    Drop that line when retries are exhausted (the "Finished in state Failed('reason')" line that
    follows already says it once), shorten retry notices to the reason, and never print an empty
    traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is None:
            record.exc_info = None
        message = record.getMessage()
        if not message.startswith("Task run failed with state: "):
            return True
        if " - Retry " not in message:
            return False
        found = _STATE_MESSAGE.search(message)
        reason = found.group(1) if found else "source failed"
        record.msg = f"source failed: {reason} - Retry{message.rsplit(' - Retry', 1)[1]}"
        record.args = None
        return True


_FILTER = CleanFailedTaskFilter()


def install_failed_task_filter() -> None:
    """Idempotent: attach the filter to Prefect's task-run logger."""
    logger = logging.getLogger("prefect.task_runs")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def configure_logging(verbosity: int = 0, fmt: str = "kv", stream: TextIO | None = None) -> None:
    """Route PeerMap, Scrapy and Prefect console logs through one structured stderr handler.

    Prefect's API handlers (logs shown in the UI) are left in place; only console output changes.
    """
    if fmt not in LOG_FORMATS:
        raise ValueError(f"--log-format must be one of {', '.join(LOG_FORMATS)}, not {fmt!r}")
    level = level_for(verbosity)
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.setFormatter(JsonLinesFormatter() if fmt == "json" else KeyValueFormatter())
    handler.set_name("peermap-console")
    root = logging.getLogger()
    for old in [h for h in root.handlers if _is_console(h)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("prefect", "prefect.client", "prefect.extra", "prefect.flow_runs",
                 "prefect.task_runs", "scrapy", "pipelines", "spiders"):
        logging.getLogger(name).setLevel(level if name != "prefect.task_runs" else logging.NOTSET)
    # Prefect's own console handler sits on loggers that do not propagate; swap it for ours.
    for name in ("prefect", "prefect.extra"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if _is_console(h)]:
            logger.removeHandler(old)
            logger.addHandler(handler)
    install_failed_task_filter()


def _is_console(handler: logging.Handler) -> bool:
    return handler.get_name() == "peermap-console" or (
        isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler)
        and type(handler).__name__ in ("PrefectConsoleHandler", "StreamHandler",
                                      "_SafeStreamHandler")
    )
