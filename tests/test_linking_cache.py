"""Linking never changes what the reader keeps between builds, and the reader's workers
get the reader by being forked with it, not through a module global."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from sitebuild import REPO, ContentFolder

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.model import Part, Registration, Speaker  # noqa: E402
from eventsite.parallel import map_in_workers  # noqa: E402
from eventsite.preview import PreviewSite  # noqa: E402
from eventsite.reader import FrontMatterReader  # noqa: E402


def test_linking_leaves_the_kept_readings_as_they_were_read(content: ContentFolder, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.organization("cpj", title="Committee to Protect Journalists")
    event = content.event(
        "forum",
        title="The forum",
        start="2027-03-10",
        end="2027-03-11",
        summary="Soon.",
        registration={"url": "https://forms.example/forum", "opens": "2027-01-15", "closes": "2027-03-01"},
        parts=[{"id": "day-one", "title": "Day one", "start": "2027-03-10", "end": "2027-03-10"}],
    )
    session = content.session(
        "forum",
        "opening",
        title="Opening",
        start="2027-03-10 09:00",
        part="day-one",
        speakers=[{"name": "Ann", "organization": "cpj"}],
    )
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    for _ in range(2):  # the second reading comes from the cache
        site.refresh()
        assert site.errors == []
        kept_event = FrontMatterReader._cache[str(event)][1].values
        kept_session = FrontMatterReader._cache[str(session)][1].values
        assert kept_event["registration"].opens_at is None and kept_event["registration"].closes_at is None
        (part,) = kept_event["parts"]
        assert part.span is None and part.sessions == []
        assert kept_session["speakers"] == (Speaker("Ann", "cpj"),)  # the slug, not the organisation
        page = site.file_for("/events/forum/opening/").read_text(encoding="utf-8")
        assert "organizations/cpj/" in page  # linked, in every build
        programme = site.file_for("/events/forum/").read_text(encoding="utf-8")
        assert "Day one" in programme and "Opening" in programme
    site.close()


@pytest.mark.parametrize("kind", [Registration, Speaker, Part])
def test_what_the_front_matter_gives_is_frozen(kind):
    assert kind.__dataclass_params__.frozen


def test_workers_are_forked_with_the_function_never_pickled():
    lock = threading.Lock()  # nothing pickles a lock: a function holding one must be forked

    def where(item: int) -> tuple[int, int]:
        with lock:
            time.sleep(0.002)  # slow enough that the worker takes some of the items
            return item * item, os.getpid()

    results = map_in_workers(where, list(range(200)), workers=2, chunksize=8)
    assert [square for square, _ in results] == [n * n for n in range(200)]  # in order
    assert len({pid for _, pid in results}) == 2  # shared out: this process and a worker


def test_a_worker_s_failure_is_raised_in_the_build_process():
    parent = os.getpid()

    def fails_in_the_worker(item: int) -> int:
        if os.getpid() != parent:
            raise ValueError("not here")
        time.sleep(0.005)  # slow enough that the worker takes some of the items
        return item

    with pytest.raises(RuntimeError, match="a worker reading the site failed: ValueError: not here"):
        map_in_workers(fails_in_the_worker, list(range(200)), workers=2, chunksize=8)


def test_no_module_global_hands_the_reader_to_the_workers():
    import eventsite.reader

    assert not hasattr(eventsite.reader, "_prefill_reader") and not hasattr(eventsite.reader, "_fresh")
    assert not any(isinstance(value, FrontMatterReader) for value in vars(eventsite.reader).values())
