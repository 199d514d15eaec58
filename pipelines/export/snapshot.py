"""Versioned snapshot folders: atomic replace, SHA256SUMS, and the `latest` pointer."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

LATEST_LINK = "latest"
LATEST_FILE = "LATEST"
SUMS_FILE = "SHA256SUMS"
_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def new_staging_dir(out_dir: Path, name: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=out_dir))


def write_sha256sums(folder: Path) -> None:
    """`sha256sum -c` compatible list of every file in `folder` except the list itself."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel == SUMS_FILE:
            continue
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    (folder / SUMS_FILE).write_text("".join(lines), encoding="utf-8", newline="\n")


def promote(staging: Path, out_dir: Path, name: str) -> Path:
    """Move a finished staging folder to out_dir/<name>, replacing an earlier one of that name.

    A directory cannot be os.replace()d over a non-empty one, so the old folder is first renamed
    aside; readers see either the old or the new complete folder, never a half-written one (only
    a brief moment where the name is absent, covered by `latest` still resolving)."""
    target = out_dir / name
    os.chmod(staging, 0o755)
    if target.exists():
        aside = Path(tempfile.mkdtemp(prefix=f".old-{name}-", dir=out_dir))
        os.replace(target, aside / name)
        os.replace(staging, target)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(staging, target)
    return target


def point_latest(out_dir: Path, name: str) -> None:
    """Update `latest` (relative symlink, where supported) and the `LATEST` text file atomically."""
    tmp_file = out_dir / f".{LATEST_FILE}.tmp"
    tmp_file.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp_file, out_dir / LATEST_FILE)
    tmp_link = out_dir / f".{LATEST_LINK}.tmp"
    try:
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        os.symlink(name, tmp_link, target_is_directory=True)
        os.replace(tmp_link, out_dir / LATEST_LINK)
    except (OSError, NotImplementedError):
        pass  # no symlinks here (e.g. Windows without privilege): LATEST is the pointer


def dashboard_latest(out_dir: Path) -> Path | None:
    """The newest complete snapshot folder under `out_dir`, or None when there is none."""
    out_dir = Path(out_dir)
    pointer = out_dir / LATEST_FILE
    if pointer.is_file():
        name = pointer.read_text(encoding="utf-8").strip()
        if _FOLDER.match(name) and (out_dir / name / SUMS_FILE).is_file():
            return out_dir / name
    link = out_dir / LATEST_LINK
    if link.is_symlink():
        name = os.readlink(link)
        if _FOLDER.match(name) and (out_dir / name / SUMS_FILE).is_file():
            return out_dir / name
    if not out_dir.is_dir():
        return None
    dated = sorted(p for p in out_dir.iterdir()
                   if p.is_dir() and _FOLDER.match(p.name) and (p / SUMS_FILE).is_file())
    return dated[-1] if dated else None
