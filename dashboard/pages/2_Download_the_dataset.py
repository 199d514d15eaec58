"""The dataset associations download: the latest versioned export, file by file."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.dataset_files import (  # noqa: E402
    exports_dir,
    human_size,
    latest_files,
    package_summary,
    row_count,
    zip_all,
)

MAX_INLINE = 64 * 1024 * 1024  # larger files are named, not loaded into the page

st.set_page_config(page_title="PeerMap · Download the dataset")
st.title("Download the dataset")
folder, files = latest_files(exports_dir())
if folder is None:
    st.info("No dataset export yet. Operators: run `peermap run` (it exports after publishing) "
            "or `peermap export --out var/exports`.")
    st.stop()

summary = package_summary(folder)
st.write(f"Snapshot **{folder.name}** · created {summary.get('created') or 'unknown'} · "
         f"licence {summary.get('licence') or 'see datapackage.json'}.")
st.caption("Cite as: PeerMap dataset, snapshot " + folder.name + ". Each source's terms and "
           "attribution are in datapackage.json and on the Sources page. Details: docs/dataset.md.")
st.download_button("Download all (zip)", zip_all(folder), file_name=f"peermap-{folder.name}.zip",
                   mime="application/zip", key="dl-all-zip", on_click="ignore")
for item in files:
    cols = st.columns([5, 2, 2])
    cols[0].text(f"{item.label}\n{item.name}")
    count = row_count(item.path)
    unit = "events" if item.name.endswith(".ics") else "rows"
    cols[1].text(human_size(item.size) + (f" · {count:,} {unit}" if count is not None else ""))
    if item.size <= MAX_INLINE:
        cols[2].download_button("Download", item.path.read_bytes(), file_name=item.name.replace(
            "/", "-"), mime=item.mime, key=f"dl-{item.name}", on_click="ignore")
    else:
        cols[2].text(f"on the server: {item.path}")
