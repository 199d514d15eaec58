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
for item in files:
    cols = st.columns([5, 2, 2])
    cols[0].text(f"{item.label}\n{item.name}")
    cols[1].text(human_size(item.size))
    if item.size <= MAX_INLINE:
        cols[2].download_button("Download", item.path.read_bytes(), file_name=item.name.replace(
            "/", "-"), mime=item.mime, key=f"dl-{item.name}", on_click="ignore")
    else:
        cols[2].text(f"on the server: {item.path}")
