"""Item pipeline: check each document's raw items, then hand the document to the runner.

Raw items without a title cannot become listings: they are moved to the document's errors (so
they are counted, not lost silently). The runner (pipelines/crawl) reads documents through the
spider's `on_item` hook; `scrapy crawl feed -O …` reads them through the feed exporter.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from spiders.crawl_items import DocumentItem
from spiders.items import ParseResult


class CheckRawItemsPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CheckRawItemsPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        check_raw_items(item)
        hook = getattr(self.crawler.spider, "on_item", None)
        if callable(hook):
            hook(item)
        return item


def check_raw_items(item: Any) -> None:
    """Move a document's raw items without a title to its errors (counted, not lost)."""
    if isinstance(item, DocumentItem):
        result: ParseResult = item["result"]
        kept = [raw for raw in result.items if (raw.title or "").strip()]
        dropped = len(result.items) - len(kept)
        if dropped:
            result.errors.append(f"{dropped} item(s) without a title skipped")
            result.items = kept
