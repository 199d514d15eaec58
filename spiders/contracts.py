"""Scrapy contracts for `scrapy check feed`: each format's callback runs on a saved fixture.

`@fixture PATH` points the sample request at a file in the repository (relative to the project
root, where scrapy.cfg is); `@format NAME` picks a parser for the generic `parse_site` callback;
`@raw_items N` and `@parse_errors N` assert exactly how many raw items and parse errors the
documents yielded (the fixtures hold broken records on purpose).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail

from spiders.crawl_items import DocumentItem

ROOT = Path(__file__).resolve().parents[1]


class FixtureContract(Contract):
    """@fixture tests/fixtures/ics/peer_group.ics"""

    name = "fixture"

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        path = (ROOT / self.args[0]).resolve()
        if not path.is_file():
            raise ContractFail(f"fixture {self.args[0]} not found")
        args["url"] = path.as_uri()
        return args


class FormatContract(Contract):
    """@format site:peer_groups_directory"""

    name = "format"

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        args["meta"] = {**(args.get("meta") or {}), "peermap_format": self.args[0]}
        return args


def _documents(output: list[Any]) -> list[DocumentItem]:
    return [o for o in output if isinstance(o, DocumentItem)]


class RawItemsContract(Contract):
    """@raw_items 3 — the documents yielded hold exactly 3 raw items."""

    name = "raw_items"

    def post_process(self, output: list[Any]) -> None:
        expected = int(self.args[0])
        found = sum(len(d["result"].items) for d in _documents(output))
        if found != expected:
            raise ContractFail(f"{found} raw items, expected {expected}")


class ParseErrorsContract(Contract):
    """@parse_errors 1 — the documents yielded report exactly 1 parse error."""

    name = "parse_errors"

    def post_process(self, output: list[Any]) -> None:
        expected = int(self.args[0])
        errors = [e for d in _documents(output) for e in d["result"].errors]
        if len(errors) != expected:
            raise ContractFail(f"{len(errors)} parse errors, expected {expected}: {errors[:3]}")
