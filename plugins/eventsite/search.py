"""The site's search (issue 17): Pagefind indexes the written output, in the visitor's browser.

At the end of every build (Pelican's `finalized`, inside the staged folder, before the swap
of output.py), Pagefind reads the pages and writes pagefind/ at the output's root: an index
per `<html lang>`. Only pages whose <main> carries data-pagefind-body are indexed: base.html
puts it on listed items alone (published; not drafts, not hidden pages). The preview skips
it (its /search/ page says search works on the built site), to stay fast.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

INDEX_FOLDER = "pagefind"


def pagefind_binary() -> Path:
    """The binary that the pinned pagefind-bin wheel ships (requirements.txt)."""
    from pagefind_bin import get_executable

    return Path(get_executable())


def index_site(output: str | Path) -> None:
    """Pagefind over the written site; its output says nothing unless it fails. A site with
    no listed page gets no index: without one data-pagefind-body, Pagefind would index every page."""
    output = Path(output)
    if not any(_has_search_body(page) for page in output.rglob("index.html")):
        return
    done = subprocess.run(
        [str(pagefind_binary()), "--site", str(output), "--output-subdir", INDEX_FOLDER, "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind could not index the site: {done.stderr.strip() or done.stdout.strip()}")


def _has_search_body(page: Path) -> bool:
    with open(page, "rb") as html:
        return b"data-pagefind-body" in html.read()


def index_after_writing(pelican) -> None:
    """Pelican's `finalized`: the output is written (into the staging folder of output.py)."""
    settings = pelican.settings
    if settings.get("EVENTSITE_PREVIEW") or settings.get("EVENTSITE_CHECK_ONLY"):
        return
    index_site(settings["OUTPUT_PATH"])
