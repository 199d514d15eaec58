"""The hostile payloads in a real browser: the dashboard over a snapshot whose listings carry
them (through the pipeline, and raw in every text and URL column) runs no script, opens no
dialog and creates no javascript:/data: link or event-handler element."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.core.config import Paths
from tests.support.browser import offline_page, streamlit_server
from tests.support.chaos_sources import AS_OF
from tests.support.hostile_payloads import MARKER, PAYLOADS, PWNED, URL_PAYLOADS
from tests.support.hostile_snapshot import add_raw_payload_rows, run_hostile_pipeline
from tests.support.outcomes import record

pytestmark = [pytest.mark.reliability, pytest.mark.browser, pytest.mark.timeout(240)]

DOM_PROBE = """() => {
  const payloadWords = ['pm-xss', 'PWNED', '__pwned'];
  const unsafe = /^\\s*(javascript|data|vbscript)\\s*:/i;
  const links = [...document.querySelectorAll('a[href], area[href], [formaction], [src]')]
    .map(e => e.getAttribute('href') || e.getAttribute('formaction') || e.getAttribute('src'))
    .filter(v => v && unsafe.test(v.replace(/[\\t\\n\\r]/g, '')) && !v.startsWith('data:image/')
                 && !v.startsWith('data:font/') && !v.startsWith('data:application/font'));
  const handlers = [...document.querySelectorAll('*')].filter(
    e => [...e.attributes].some(a => a.name.startsWith('on') && payloadWords.some(
      w => a.value.includes(w) || a.value.includes('alert('))));
  const scripts = [...document.querySelectorAll('script')].filter(
    s => payloadWords.some(w => s.textContent.includes(w)));
  return {
    pwned: window.__pwned !== undefined,
    unsafe_links: links,
    handler_elements: handlers.map(e => e.outerHTML.slice(0, 120)),
    payload_scripts: scripts.length,
    data_iframes: [...document.querySelectorAll('iframe[srcdoc]')].filter(
      f => f.getAttribute('srcdoc').includes('__pwned')).length,
    marker_text_shown: document.body.innerText.split('pm-xss').length - 1,
  };
}"""


@pytest.fixture(scope="module")
def hostile_data_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("hostile-browser")
    run_hostile_pipeline(data_dir)
    add_raw_payload_rows(Paths(data_dir).published)
    return data_dir


def _hover_map(page) -> None:
    """Move over the map so deck.gl renders its (text) tooltip for the stacked Austin points."""
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    box = canvas.bounding_box()
    if box:
        for dx, dy in ((0.5, 0.5), (0.45, 0.5), (0.55, 0.5), (0.5, 0.45), (0.5, 0.55)):
            page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
            page.wait_for_timeout(150)


def test_payloads_never_run_in_chromium(hostile_data_dir, chromium):
    from playwright.sync_api import expect

    dialogs: list[str] = []
    console_hits: list[str] = []
    page_errors: list[str] = []
    with streamlit_server(hostile_data_dir, AS_OF.isoformat()) as url, \
            offline_page(chromium) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: console_hits.append(m.text)
                if PWNED in m.text or MARKER in m.text else None)
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.goto(url + "/?where=78701")
        # The raw rows' titles are on the page as text: the payloads really were rendered.
        expect(page.get_by_text("<script>alert('pm-xss-1')</script>").first).to_be_visible(
            timeout=90_000)
        expect(page.locator("[data-testid='stDeckGlJsonChart'] canvas").first).to_be_visible(
            timeout=60_000)
        page.mouse.wheel(0, 20_000)  # every card, the online list and the download bar
        page.wait_for_timeout(500)
        _hover_map(page)
        page.wait_for_timeout(1000)  # room for any onerror/onload handler to fire
        probe = page.evaluate(DOM_PROBE)
        frame_pwned = [f.url for f in page.frames[1:]
                       if f.evaluate("() => window.__pwned !== undefined")]
    outcome = {"listings": 2 * len(PAYLOADS), "payloads": len(PAYLOADS),
               "url_payloads": len(URL_PAYLOADS), "dialogs": len(dialogs),
               "console_markers": len(console_hits), "window_pwned": probe["pwned"] or bool(
                   frame_pwned), "unsafe_links": len(probe["unsafe_links"]),
               "handler_elements": len(probe["handler_elements"]),
               "payload_scripts": probe["payload_scripts"], "srcdoc_iframes": probe["data_iframes"],
               "payload_text_shown": probe["marker_text_shown"], "page_errors": len(page_errors)}
    record("browser", "dashboard", outcome)
    assert dialogs == [] and console_hits == [], (dialogs, console_hits)
    assert not probe["pwned"] and not frame_pwned
    assert probe["unsafe_links"] == [] and probe["handler_elements"] == []
    assert probe["payload_scripts"] == 0 and probe["data_iframes"] == 0
    assert probe["marker_text_shown"] > 0  # shown as text, so the checks above saw the payloads
