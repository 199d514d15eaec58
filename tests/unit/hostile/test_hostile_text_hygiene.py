"""Live HTML never reaches the dataset: entities are decoded before tags are stripped, and
URLs come out normalised. Property test over every text field of GeoJSON and JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.export.geojson import render_geojson
from pipelines.export.jsonld import render_jsonld
from pipelines.ingest.listing import raw_items_to_listings
from pipelines.normalize.text import html_to_text
from spiders.common.text import safe_url
from spiders.items import RawItem

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
TAG = re.compile(r"</?[a-zA-Z]|<[!?]")  # where a browser's tokenizer opens a tag
PAYLOADS = ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&amp;lt;img src=x onerror=alert(1)&amp;gt;", "<p>&lt;b&gt;bold&lt;/b&gt;</p>",
            "&#60;svg onload=alert(1)&#62;", "<<script>script>x<</script>/script>",
            "&lt;!-- c --&gt;", "< not a tag", "a &lt; b", "<p>ok</p>"]


@pytest.mark.issue19(7)
def test_escaped_script_inside_a_paragraph_is_not_a_live_tag() -> None:
    # Decoded first, the escaped script is a script: dropped with its content.
    assert html_to_text("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == ""
    assert html_to_text("<p>&lt;b&gt;bold&lt;/b&gt;</p>") == "bold"


@pytest.mark.issue19(7)
def test_entity_escaped_html_is_decoded_then_stripped() -> None:
    assert html_to_text("&lt;p&gt;Peer group&lt;/p&gt;") == "Peer group"


@pytest.mark.issue19(7)
def test_plain_comparisons_survive() -> None:
    assert html_to_text("a &lt; b") == "a < b"


@pytest.mark.issue19(7)
def test_urls_are_percent_encoded_or_refused() -> None:
    assert safe_url('https://x.org/a"><script>') == "https://x.org/a%22%3E%3Cscript%3E"
    assert safe_url("https://x.org/&quot;onmouseover=&quot;") == "https://x.org/%22onmouseover=%22"
    assert safe_url("javascript&colon;alert(1)") is None
    assert safe_url("https://user@evil.org") is None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


hostile = st.lists(st.sampled_from(PAYLOADS) | st.text(max_size=12), min_size=1,
                   max_size=4).map("".join)


@pytest.mark.issue19(7)
@given(title=hostile, description=hostile, organizer=hostile, street=hostile, venue=hostile,
       url=hostile)
def test_no_tag_survives_in_any_exported_text_field(title: str, description: str,
                                                     organizer: str, street: str, venue: str,
                                                     url: str) -> None:
    raw = RawItem(source_id="s", format="ics", source_url="https://example.org/feed.ics",
                  title="Peer consultation group " + title, uid="u1",
                  description=description, organizer=organizer, street=street,
                  venue_name=venue, city="Austin", region="TX", url="https://x.org/" + url,
                  start="2026-11-10T18:00:00-06:00", lat=30.27, lon=-97.74)
    listings, _ = raw_items_to_listings([raw], as_of=AS_OF)
    rows = [listing.to_dict() for listing in listings]
    for document in (render_geojson(rows), render_jsonld(rows)):
        for text in _strings(json.loads(document)):
            assert not TAG.search(text), text
            if text.startswith(("http://", "https://")):
                assert not re.search(r'[\s"<>]', text), text
