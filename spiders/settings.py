"""Polite, reactorless Scrapy defaults for every PeerMap crawl.

The crawl runner (pipelines/crawl/runner.py) layers per-run values on top: User-Agent from the registry's
contact URL, the HTTP cache folder inside the data directory, and delays.
"""

BOT_NAME = "peermap"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

# Reactorless asyncio mode: crawls can run many times in one process (no ReactorNotRestartable).
TWISTED_REACTOR_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# Duplicate requests are per source: one crawler serves many sources (spiders/feed_batch.py).
DUPEFILTER_CLASS = "spiders.middlewares.SourceDupeFilter"

USER_AGENT = "PeerMap/0.1 (+https://github.com/peermap/peermap; peer consultation finder)"
ROBOTSTXT_OBEY = True

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2

DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
PEERMAP_RETRY_BACKOFF_BASE = 1.0  # seconds; doubled per attempt
PEERMAP_RETRY_AFTER_MAX = 120.0  # cap on a server's Retry-After

REDIRECT_MAX_TIMES = 5

# Conditional requests: a cached response is always revalidated (ETag / Last-Modified), so an
# unchanged source costs one 304; a 5xx is never papered over with the cached copy.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "spiders.middlewares.RevalidatingCachePolicy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_GZIP = True

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "spiders.middlewares.HonestHttpCacheMiddleware": 900,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
    "spiders.middlewares.SafeSchemeMiddleware": 50,
    # Before robots.txt (100) and the cache (900): every request and redirect hop is checked.
    "spiders.middlewares.AddressPolicyMiddleware": 60,
    # robots.txt once per host; its request carries the source that needed it (address policy).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.middlewares.SourceRobotsTxtMiddleware": 100,
    "spiders.middlewares.SourceBookkeepingMiddleware": 851,
}

ITEM_PIPELINES = {"spiders.pipelines.CheckRawItemsPipeline": 300}
SPIDER_CONTRACTS = {
    "spiders.contracts.FixtureContract": 10,
    "spiders.contracts.FormatContract": 11,
    "spiders.contracts.RawItemsContract": 12,
    "spiders.contracts.ParseErrorsContract": 13,
}
FEED_EXPORTERS = {
    "jsonlines": "spiders.exporters.RawItemLinesExporter",
    "jsonl": "spiders.exporters.RawItemLinesExporter",
}

LOG_LEVEL = "WARNING"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
