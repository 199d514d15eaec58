"""Shared AppTest helpers for the dashboard tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.support.paths import DASHBOARD

APP = DASHBOARD / "app.py"
PAGES = APP.parent / "pages"


def run_app(params: dict[str, str] | None = None, script: Path = APP) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def card_titles(at: AppTest) -> list[str]:
    """Card headings in page order, as rendered (Markdown-escaped) text without the bold marks."""
    out = []
    for md in at.markdown:
        value = md.value
        if value.startswith(":") and "[●] **" in value:
            out.append(value.split(" **", 1)[1].removesuffix("**"))
    return out


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def section_titles(at: AppTest, heading_prefix: str) -> list[str]:
    """Card titles under the subheader starting with heading_prefix ("Near you", "Online")."""
    titles = card_titles(at)
    near = next((s for s in subheaders(at) if s.startswith("Near you") or
                 s.startswith("In person")), None)
    count = int(near.split("(")[1].rstrip(")")) if near else 0
    local, online = titles[:min(count, 50)], titles[min(count, 50):]
    return local if heading_prefix != "Online" else online
