"""Each demo source's page for people (the registry's `homepage`): a plain page about the
organization, so a card's "Source's website" link opens a page a therapist can read rather than
the raw .ics/.csv the crawler fetches. Fictional demo data, like everything in demo/."""

from __future__ import annotations

import html

from demo.catalog import (
    BROKEN,
    GOOGLE_ICS,
    JSONLD_PAGES,
    OUTLOOK_ICS,
    PEER_GROUPS_DIRECTORY,
    ROSTER_CSV,
    ROSTER_HTML,
    TEC_API,
)
from demo.places import FICTIONAL_NOTICE

# source id -> (homepage path, organization, what it publishes)
HOMEPAGES: dict[str, tuple[str, str, str]] = {
    GOOGLE_ICS: ("/about/lonestar-peer-consult/", "Lone Star Peer Consultation Network",
                 "Peer consultation groups across Texas, in person and online."),
    OUTLOOK_ICS: ("/about/heartland-counseling/", "Heartland Counseling Association",
                  "Consultation groups and continuing-education events in the Midwest."),
    TEC_API: ("/about/northwest-guild/", "Pacific Northwest Therapists Guild",
              "Peer events for therapists in Oregon and Washington."),
    JSONLD_PAGES: ("/about/clinician-connect/", "Clinician Connect Events",
                   "Workshops and peer events on the East Coast."),
    ROSTER_CSV: ("/about/rocky-mountain-supervisors/", "Rocky Mountain Supervisor Directory",
                 "Board-approved clinical supervisors in Colorado and nearby states."),
    ROSTER_HTML: ("/about/southeast-registry/", "Southeast Clinical Supervisor Registry",
                  "Clinical supervisors in the Southeast, many with sliding-scale fees."),
    BROKEN: ("/about/gulf-coast-counselors/", "Gulf Coast Counselors",
             "Peer groups on the Gulf Coast (its calendar feed is down in the demo)."),
    PEER_GROUPS_DIRECTORY: ("/about/high-plains-northern/",
                            "High Plains & Northern Counseling Association",
                            "Peer consultation groups in WY, ND, NM, ME and KY."),
}


def homepage_path(source_id: str) -> str:
    return HOMEPAGES[source_id][0]


def homepage_page(source_id: str, feed_url: str) -> bytes:
    """The organization's page: who they are, and where the data PeerMap reads comes from."""
    _, name, about = HOMEPAGES[source_id]
    title = html.escape(f"{name} (fictional)")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>
<p><strong>{FICTIONAL_NOTICE}.</strong> This organization is invented.</p>
<h1>{title}</h1>
<p>{html.escape(about)}</p>
<p>To join a group, write to the organizer named in its listing. Our published data:
<a href="{html.escape(feed_url, quote=True)}">{html.escape(feed_url)}</a>.</p>
</body></html>
""".encode()
