"""The Scrapy Items the feed spider yields: one per fetched document, one per failed fetch."""

from __future__ import annotations

import scrapy


class DocumentItem(scrapy.Item):
    """One fetched and parsed document: the raw items plus what the runner counts.

    One Item per document, not per event: Scrapy costs ~0.25 ms per item, so a 100-event feed is
    one item. `scrapy crawl feed -O out.jsonl` still writes one line per raw item (see
    spiders.exporters)."""

    url = scrapy.Field()
    status = scrapy.Field()
    cached = scrapy.Field()
    bytes = scrapy.Field()
    format = scrapy.Field()
    result = scrapy.Field()  # ParseResult


class FetchErrorItem(scrapy.Item):
    """A request that failed, or a page that could not be read; `fatal` when it was the feed."""

    url = scrapy.Field()
    error = scrapy.Field()
    fatal = scrapy.Field()
