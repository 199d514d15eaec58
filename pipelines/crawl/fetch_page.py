"""One page fetched through the crawler's own Scrapy path, for `peermap sources add`.

Same User-Agent, robots.txt handling (ROBOTSTXT_OBEY, robots fetched by Scrapy with our
agent), address policy on every hop and the connected address (AddressPolicyMiddleware),
size cap and per-request timeout (a drip feed is cut off by DOWNLOAD_TIMEOUT, which bounds
the whole download), plus an overall deadline. Reactorless, one asyncio loop, no threads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import AsyncCrawlerRunner, Crawler
from scrapy.http import Response
from scrapy.settings import Settings as ScrapySettings
from scrapy.utils.project import get_project_settings
from twisted.python.failure import Failure

from spiders.spiders.feed import describe_failure

MAX_BYTES = 5 * 1024 * 1024


class FetchError(ValueError):
    """The page could not be fetched; the message says why."""


class PageSpider(scrapy.Spider):
    """Fetches exactly one URL and records the answer (or the reason there is none)."""

    name = "peermap-page"

    def __init__(self, url: str, box: dict[str, Any], spec: Any, **kwargs: Any):
        super().__init__(**kwargs)
        self.url, self.box, self.spec = url, box, spec

    async def start(self) -> Any:
        yield scrapy.Request(self.url, callback=self.got, errback=self.failed,
                             dont_filter=True)

    def got(self, response: Response) -> Iterator[Any]:
        ctype = response.headers.get(b"Content-Type")
        self.box["page"] = (response.body, ctype.decode("latin-1") if ctype else None)
        return iter(())

    def failed(self, failure: Failure) -> None:
        self.box["error"] = describe_failure(failure)


class _Policy:
    def __init__(self, allow_private: bool):
        self.allow_private = allow_private


def page_settings(user_agent: str, timeout_s: float) -> ScrapySettings:
    settings = get_project_settings()
    if not settings.get("SPIDER_MODULES"):
        settings.setmodule("spiders.settings", priority="project")
    for key, value in {"USER_AGENT": user_agent, "HTTPCACHE_ENABLED": False,
                       "DOWNLOAD_TIMEOUT": timeout_s, "DOWNLOAD_MAXSIZE": MAX_BYTES,
                       "DOWNLOAD_DELAY": 0.0, "AUTOTHROTTLE_ENABLED": False,
                       "RETRY_ENABLED": False, "ITEM_PIPELINES": {}}.items():
        settings.set(key, value, priority="cmdline")
    return settings


async def fetch_page_async(url: str, user_agent: str, *, allow_private: bool = False,
                           timeout_s: float = 20.0) -> tuple[bytes, str | None]:
    box: dict[str, Any] = {}
    runner = AsyncCrawlerRunner(page_settings(user_agent, timeout_s))
    crawler = Crawler(PageSpider, runner.settings.copy())
    task = runner.crawl(crawler, url=url, box=box, spec=_Policy(allow_private))
    deadline = timeout_s * 2 + 5  # robots.txt and the page, each bounded by DOWNLOAD_TIMEOUT
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=deadline)
    except TimeoutError:
        await crawler.stop_async()
        await asyncio.gather(task, return_exceptions=True)
        raise FetchError(f"fetching {url} took longer than {deadline:.0f} s") from None
    if "page" in box:
        return box["page"]
    stats = crawler.stats.get_stats() if crawler.stats else {}
    if stats.get("robotstxt/forbidden"):
        raise FetchError(f"robots.txt disallows {url}")
    raise FetchError(f"cannot fetch {url}: {box.get('error', 'no answer')}")


def fetch_page(url: str, user_agent: str, *, allow_private: bool = False,
               timeout_s: float = 20.0) -> tuple[bytes, str | None]:
    """The page's (body, Content-Type); FetchError with a one-line reason otherwise.
    Called from the CLI edge, where no event loop is running."""
    return asyncio.run(fetch_page_async(url, user_agent, allow_private=allow_private,
                                        timeout_s=timeout_s))
