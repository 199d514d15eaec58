"""`peermap run` names each source that needed more than one crawl in this run."""

import io

from rich.console import Console

from pipelines.cli.run import print_report


def row(source: str, attempts: int) -> dict:
    return {"source": source, "health": "ok", "fetched": 1, "parsed": 2, "new": 2, "updated": 0,
            "unchanged": 0, "linked": 0, "missing": 0, "errors": 0, "seconds": 0.1,
            "reason": "", "first_errors": [], "attempts": attempts}


def printed(*rows: dict) -> str:
    out = io.StringIO()
    print_report({"run_id": "r1", "status": "ok", "sources": list(rows)},
                 Console(file=out, width=160))
    return out.getvalue()


def test_retried_source_is_named_with_its_crawl_count():
    assert "flaky: crawled 2 times (retried in this run), ok" in printed(row("flaky", 2))


def test_source_crawled_once_gets_no_retry_line():
    assert "crawled" not in printed(row("alpha", 1))
