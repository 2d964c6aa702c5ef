"""The built sites, byte for byte, against the digests committed in tests/expected/.

A refactoring must not change what visitors get: this test fails on any byte that moves
in the shipped site or the test sites. When a change of output is meant, write the
digests again and commit them with the change, so the diff shows which files it touched:

    UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_expected_output.py
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sitebuild import REPO, SHIPPED_CONTENT, build, epoch

EXPECTED = Path(__file__).parent / "expected"

SITES = {
    # name: (content folder, the build's moment, settings given on the command line)
    "shipped": (SHIPPED_CONTENT, epoch("2026-11-23T12:00+00:00"), {}),  # pelicanconf.py's four languages
    # Sites of one language (LANGUAGES unset): what they were before the site had languages, byte for byte
    "upcoming": (REPO / "tests/sites/upcoming", epoch("2027-02-01T12:00+00:00"), {"LANGUAGES": None}),
    "speakers": (REPO / "tests/sites/speakers", epoch("2027-02-01T12:00+00:00"), {"LANGUAGES": None}),
}


# Pagefind's index (search.py) is left out: its files' bytes and names vary from one build of
# the same pages to the next (the order it writes filters in); tests/test_search.py reads it.
UNCOMPARED = ("pagefind/",)


def digests(folder: Path) -> str:
    lines = []
    files = (p for p in folder.rglob("*") if p.is_file())
    for path in sorted(p for p in files if not p.relative_to(folder).as_posix().startswith(UNCOMPARED)):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("site", sorted(SITES))
def test_the_built_site_is_the_expected_one_byte_for_byte(site: str, tmp_path: Path):
    content, now, overrides = SITES[site]
    result = build(content, tmp_path / "output", now=now, overrides=overrides)
    assert result.ok, result
    found, manifest = digests(tmp_path / "output"), EXPECTED / f"{site}.sha256"
    if os.environ.get("UPDATE_EXPECTED"):
        manifest.write_text(found, encoding="utf-8")
    expected = manifest.read_text(encoding="utf-8")
    changed = sorted(set(found.splitlines()) ^ set(expected.splitlines()))
    assert found == expected, (
        f"{len(changed)} lines differ from {manifest.name} (if the change is meant, see this file's docstring):\n"
        + "\n".join(changed[:40])
    )
