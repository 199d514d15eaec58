"""Scraped text stays text; only http(s)/mailto/tel links survive."""

from __future__ import annotations

import pytest

from dashboard.safe_text import escape_markdown, safe_url


@pytest.mark.parametrize("text", ["[x](javascript:alert(1))", "<script>alert(1)</script>",
                                  "**bold** _it_", ":red[colour]", "$x^2$", "# heading"])
def test_markdown_specials_are_all_escaped(text):
    escaped = escape_markdown(text)
    for ch in "[]()<>*_:$#":
        assert escaped.count(ch) == escaped.count("\\" + ch)


def test_escape_handles_none_and_control_characters():
    assert escape_markdown(None) == ""
    assert escape_markdown("a\x00b\x1bc") == "a b c"


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://x.org", "mailto:a@b.org",
                                 "tel:+15551234567"])
def test_allowed_urls_pass(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                                 "vbscript:x", "https://", "//example.org",
                                 "java\nscript:alert(1)", None, 42, ""])
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None


def test_whitespace_and_quotes_in_urls_are_percent_encoded():
    # One check for the whole product (spiders.common.text.safe_url): normalised, not dropped.
    assert safe_url('https://a.org/ b"<x>') == "https://a.org/%20b%22%3Cx%3E"


def test_missing_cells_never_show_as_nan():
    from dashboard.safe_text import few_lines, one_line

    assert one_line(float("nan")) == "" and few_lines(float("nan")) == ""
