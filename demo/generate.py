"""Build the whole fictional demo web: path -> bytes, content type, last-modified.

`build_site(as_of)` is deterministic for a given (as_of, seed, base_url); all dates are relative
to `as_of`, so the demo never goes stale. `DemoServer` (demo/server.py) serves the result.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

from demo import directory_page, homepages, ics_feeds, jsonld_pages, rosters, tribe_api
from demo.catalog import (
    BROKEN,
    GOOGLE_ICS,
    JSONLD_PAGES,
    OUTLOOK_ICS,
    PEER_GROUPS_DIRECTORY,
    ROSTER_CSV,
    ROSTER_HTML,
    TEC_API,
    Catalog,
    build_catalog,
)
from demo.catalog_events import CONNECT, HEARTLAND_ORG, LONESTAR, NW_GUILD
from demo.places import FICTIONAL_NOTICE
from demo.submissions_seed import seed_submissions as seed_submissions  # for `peermap demo`

DEFAULT_BASE_URL = "http://127.0.0.1:8765"
SOURCE_PATHS: dict[str, str] = {
    GOOGLE_ICS: "/calendar/ical/lonestar-peer-consult/public/basic.ics",
    OUTLOOK_ICS: "/owa/calendar/heartland-counseling/calendar.ics",
    TEC_API: tribe_api.TEC_EVENTS_PATH,
    JSONLD_PAGES: jsonld_pages.ORGANIZER_PATH,
    ROSTER_CSV: rosters.CSV_PATH,
    ROSTER_HTML: rosters.HTML_PATH,
    BROKEN: "/broken/events.ics",
    PEER_GROUPS_DIRECTORY: directory_page.DIRECTORY_PATH,
}
ICS = "text/calendar; charset=utf-8"
JSON = "application/json; charset=UTF-8"
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class DemoResource:
    body: bytes
    content_type: str
    last_modified: datetime  # timezone-aware, whole seconds
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'


SiteBuilder = Callable[[str], Mapping[str, DemoResource]]


def site_builder(as_of: datetime, seed: int = 7) -> SiteBuilder:
    """What `DemoServer` takes: builds the site once the server knows its own base URL."""
    return lambda base_url: build_site(as_of, seed=seed, base_url=base_url)


def build_site(as_of: datetime, seed: int = 7,
               base_url: str = DEFAULT_BASE_URL) -> dict[str, DemoResource]:
    catalog = build_catalog(as_of, seed)
    base = base_url.rstrip("/")
    hour = as_of.astimezone(UTC).replace(minute=0, second=0, microsecond=0)

    def res(body: bytes, ctype: str, hours_ago: int = 1, status: int = 200,
            headers: tuple[tuple[str, str], ...] = ()) -> DemoResource:
        return DemoResource(body, ctype, hour - timedelta(hours=hours_ago), status, headers)

    site: dict[str, DemoResource] = {
        "/": res(_index_page(base), HTML, 24),
        "/robots.txt": res(_robots(base), TEXT, 240),
        "/private/staff-notes.html": res(
            b"<p>Fictional demo data. Robots.txt disallows this page.</p>", HTML, 240),
        SOURCE_PATHS[BROKEN]: res(b"Internal Server Error\n", TEXT, 0, status=500),
    }
    site.update(_ics(catalog, as_of, res))
    site.update(_tec(catalog, base, as_of, res))
    connect = sorted(catalog.events_for(JSONLD_PAGES), key=lambda e: (e.start, e.key))
    site[SOURCE_PATHS[JSONLD_PAGES]] = res(
        jsonld_pages.organizer_page(connect, CONNECT, base), HTML, 3)
    for path, body in jsonld_pages.event_pages(connect, base).items():
        site[path] = res(body, HTML, 5)
    site[rosters.CSV_PATH] = res(
        rosters.roster_csv(catalog.supervisors_for(ROSTER_CSV)), "text/csv; charset=utf-8", 48)
    site[rosters.HTML_PATH] = res(
        rosters.roster_html(catalog.supervisors_for(ROSTER_HTML),
                            "Southeast Clinical Supervisor Registry (fictional)"), HTML, 72)
    site[directory_page.DIRECTORY_PATH] = res(
        directory_page.directory_page(catalog.events_for(PEER_GROUPS_DIRECTORY)), HTML, 30)
    for source_id, feed_path in SOURCE_PATHS.items():
        site[homepages.homepage_path(source_id)] = res(
            homepages.homepage_page(source_id, base + feed_path), HTML, 240)
    return site


def _ics(catalog: Catalog, as_of: datetime, res: Callable[..., DemoResource]
         ) -> dict[str, DemoResource]:
    google = ics_feeds.google_calendar(catalog.events_for(GOOGLE_ICS), LONESTAR,
                                       "America/Chicago", as_of)
    outlook = ics_feeds.outlook_calendar(catalog.events_for(OUTLOOK_ICS), HEARTLAND_ORG, as_of)
    return {SOURCE_PATHS[GOOGLE_ICS]: res(google, ICS, 2),
            SOURCE_PATHS[OUTLOOK_ICS]: res(outlook, ICS, 6)}


def _tec(catalog: Catalog, base: str, as_of: datetime, res: Callable[..., DemoResource]
         ) -> dict[str, DemoResource]:
    events = catalog.events_for(TEC_API)
    out: dict[str, DemoResource] = {}
    for per_page in tribe_api.PER_PAGE_CHOICES:
        pages = tribe_api.api_pages(events, base, as_of, per_page)
        for key, body in pages.items():
            out[key] = res(body, JSON, 1, headers=(
                ("X-WP-Total", str(len(tribe_api.upcoming(events, as_of)))),
                ("X-WP-TotalPages", str(len(pages)))))
    out[tribe_api.TEC_EVENTS_PATH] = out[tribe_api.page_key(1, tribe_api.DEFAULT_PER_PAGE)]
    for path, body in tribe_api.single_events(events, base, as_of).items():
        out[path] = res(body, JSON, 1)
    upcoming = tribe_api.upcoming(events, as_of)
    out[tribe_api.TEC_HOME_PATH] = res(
        tribe_api.home_page(events, NW_GUILD, base, as_of), HTML, 1)
    out[tribe_api.TEC_ICAL_PATH] = res(
        ics_feeds.tec_ical_export(upcoming, NW_GUILD, f"{base}/events/", as_of), ICS, 1)
    return out


def resolve(site: Mapping[str, DemoResource], path: str, query: str) -> DemoResource | None:
    """The resource for a request; TEC API pages honour `page` and `per_page`."""
    if query and f"{path}?{query}" in site:
        return site[f"{path}?{query}"]
    trimmed = path.rstrip("/") or "/"
    if trimmed == tribe_api.TEC_EVENTS_PATH and query:
        params = parse_qs(query)
        try:
            page = int(params.get("page", ["1"])[0])
            per_page = int(params.get("per_page", [str(tribe_api.DEFAULT_PER_PAGE)])[0])
        except ValueError:
            return None
        return site.get(tribe_api.page_key(page, per_page))
    return site.get(path) or site.get(trimmed)


def _robots(base: str) -> bytes:
    return (f"# {FICTIONAL_NOTICE}: robots.txt of the PeerMap demo web ({base}).\n"
            "User-agent: *\nDisallow: /private/\nAllow: /\n").encode()


def _index_page(base: str) -> bytes:
    links = "\n".join(
        f'<li><a href="{base}{path}">{html.escape(source_id)}</a></li>'
        for source_id, path in SOURCE_PATHS.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>PeerMap demo web</title></head><body>
<h1>PeerMap demo web</h1>
<p><strong>{FICTIONAL_NOTICE}.</strong> Every organization, person, event and address on this
site is invented (example.org addresses, 555-01xx phone numbers); cities and ZIP codes are
real so the map has somewhere to put them.</p>
<ul>
{links}
<li><a href="{base}{tribe_api.TEC_HOME_PATH}">The Events Calendar site (discovery demo)</a></li>
</ul></body></html>
""".encode()
