"""Theme assets with a content hash in their names, so hosts may cache them forever."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

ASSET_FOLDER = "theme"  # where they go in the output


def fingerprinted_assets(theme: str) -> dict[str, str]:
    """{'css/site.css': 'theme/css/site.3f2a9c1b0d.css', …} for every file in theme/static."""
    static = Path(theme) / "static"
    names: dict[str, str] = {}
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        relative = path.relative_to(static).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        stem, extension = os.path.splitext(relative)
        names[relative] = f"{ASSET_FOLDER}/{stem}.{digest}{extension}"
    return names


def copy_assets(theme: str, output: str, names: dict[str, str]) -> None:
    static = Path(theme) / "static"
    for relative, hashed in names.items():
        target = Path(output) / hashed
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(static / relative, target)
