"""Feed exporter for `scrapy crawl feed -O out.jsonl`: one JSON line per raw item.

The spider yields one DocumentItem per fetched document (cheap for big feeds); a person running
the spider by hand wants the records themselves, so the exporter writes each raw item on its own
line and leaves fetch errors to the log.
"""

from __future__ import annotations

from typing import Any

from scrapy.exporters import JsonLinesItemExporter

from spiders.crawl_items import DocumentItem


class RawItemLinesExporter(JsonLinesItemExporter):
    def export_item(self, item: Any) -> None:
        if isinstance(item, DocumentItem):
            for raw in item["result"].items:
                super().export_item(raw.to_dict())
