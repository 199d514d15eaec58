"""HTML -> text, URL safety, email and phone normalization."""

from __future__ import annotations

import pytest

from pipelines.normalize.text import html_to_text, normalize_email, normalize_phone, safe_url


def test_html_entities_are_decoded():
    assert html_to_text("Tom &amp; Jerry&#39;s &quot;group&quot;") == 'Tom & Jerry\'s "group"'


def test_script_and_style_are_dropped():
    text = html_to_text("<p>Hello</p><script>alert('x')</script><style>p{color:red}</style>")
    assert text == "Hello"


def test_br_p_and_li_become_line_breaks():
    text = html_to_text("<p>Intro<br>Second</p><ul><li>One</li><li>Two</li></ul>")
    assert text == "Intro\nSecond\n- One\n- Two"


def test_http_link_keeps_label_and_url():
    assert html_to_text('<a href="https://ex.org/a">Register</a>') == "Register (https://ex.org/a)"


def test_javascript_link_keeps_only_label():
    assert html_to_text('<a href="javascript:alert(1)">Click</a>') == "Click"


def test_escaped_html_is_unescaped_then_stripped():
    assert html_to_text("&lt;p&gt;Monthly group&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;") == (
        "Monthly group"
    )


def test_plain_text_passes_through_trimmed():
    assert html_to_text("  Meets monthly.\r\n\r\n\r\n\r\nBring a case.  ") == (
        "Meets monthly.\n\nBring a case."
    )


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "file:///etc/passwd",
    "/relative/path", "www.example.org", "http:///nohost", "", "mailto:", "ftp://ex.org/f",
])
def test_unsafe_urls_are_rejected(url):
    assert safe_url(url) is None


@pytest.mark.parametrize(("url", "expected"), [
    ("  https://example.org/group  ", "https://example.org/group"),
    ("HTTP://Example.org", "http://Example.org"),
    ("mailto:lead@example.org", "mailto:lead@example.org"),
    ("tel:+15125550142", "tel:+15125550142"),
    ("https://ex.org/\u200ba", "https://ex.org/a"),
])
def test_safe_urls_survive_cleaned(url, expected):
    assert safe_url(url) == expected


def test_non_string_url_is_none():
    assert safe_url(None) is None and safe_url(42) is None


def test_email_is_normalized_and_mailto_removed():
    assert normalize_email(" MAILTO:Jo.Smith@Example.ORG ") == "Jo.Smith@example.org"


@pytest.mark.parametrize("value", ["not an email", "a@b", "@example.org", "", None])
def test_invalid_email_is_none(value):
    assert normalize_email(value) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("(512) 555-0142", "+15125550142"),
    ("512.555.0142", "+15125550142"),
    ("+1 512 555 0142", "+15125550142"),
    ("tel:+44 20 7946 0958", "+442079460958"),
])
def test_phone_to_e164(value, expected):
    assert normalize_phone(value) == expected


@pytest.mark.parametrize("value", ["12", "call us", "", None, "555-0142"])
def test_invalid_phone_is_none(value):
    assert normalize_phone(value) is None
