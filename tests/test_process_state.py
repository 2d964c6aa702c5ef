"""A build changes nothing in its process that the rest of the process shares: it uses
the tzdata package we pin without touching zoneinfo's search path, and leaves no lock."""

from __future__ import annotations

import os
import shutil
import sys
import zoneinfo
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest

from sitebuild import REPO, ContentFolder

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.output import _held  # noqa: E402
from eventsite.zones import zone, zone_names  # noqa: E402


def build_here(content: ContentFolder, output: Path) -> None:
    """A whole build, in this process, as `pelican` runs it."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override = {"PATH": str(content.root), "OUTPUT_PATH": str(output), "EVENTSITE_WORKERS": 1}
    Pelican(read_settings(str(REPO / "pelicanconf.py"), override=override)).run()


@pytest.fixture
def machine_with_wrong_zones(tmp_path: Path):
    """A machine whose zone files say that Helsinki and Toronto keep Tokyo's time."""
    folder = tmp_path / "machine-zoneinfo"
    tokyo = resources.files("tzdata.zoneinfo").joinpath("Asia", "Tokyo")
    for name in ("Europe/Helsinki", "America/Toronto"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        with tokyo.open("rb") as source, open(folder / name, "wb") as target:
            shutil.copyfileobj(source, target)
    saved = zoneinfo.TZPATH
    zoneinfo.reset_tzpath(to=[str(folder)])
    zoneinfo.ZoneInfo.clear_cache()
    yield (str(folder),)
    zoneinfo.reset_tzpath(to=saved)
    zoneinfo.ZoneInfo.clear_cache()


def test_times_come_from_the_pinned_tzdata_and_zoneinfo_s_path_is_left_alone(
    content: ContentFolder, tmp_path: Path, monkeypatch, machine_with_wrong_zones
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.chdir(REPO)
    content.event("forum", title="The forum", start="2027-03-10", timezone="Europe/Helsinki", summary="Soon.")
    content.session("forum", "opening", title="Opening", start="2027-03-10 09:00", end="2027-03-10 10:00")
    content.news("announced", title="Announced", date="2027-01-05")
    winter = datetime(2027, 3, 10, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki"))
    assert winter.utcoffset() == timedelta(hours=9)  # what zoneinfo reads on this machine: Tokyo's
    locks = dict(_held)
    build_here(content, tmp_path / "output")
    machine_s_path = machine_with_wrong_zones
    assert machine_s_path == zoneinfo.TZPATH  # the rest of the process sees what it saw
    session = (tmp_path / "output/events/forum/opening/index.html").read_text(encoding="utf-8")
    assert '"startDate":"2027-03-10T09:00:00+02:00"' in session  # Helsinki's winter time, not +09:00
    calendar = (tmp_path / "output/events/forum/opening/calendar.ics").read_text(encoding="utf-8")
    assert "TZOFFSETTO:+0200" in calendar and "+0900" not in calendar
    sitemap = (tmp_path / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2027-01-05T00:00:00-05:00</lastmod>" in sitemap  # the news: the site's TIMEZONE, from tzdata
    assert _held == locks  # the output folder's lock is let go


def test_a_preview_that_is_closed_lets_go_of_its_folder(content: ContentFolder, tmp_path: Path, monkeypatch):
    from eventsite.preview import PreviewSite

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum")
    locks = dict(_held)
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    assert len(_held) == len(locks) + 1
    site.close()
    assert _held == locks and not (tmp_path / ".output.lock").exists()


def test_zones_are_tzdata_s_only():
    assert "Europe/Helsinki" in zone_names() and "localtime" not in zone_names()
    assert zone("Europe/Helsinki") is zone("Europe/Helsinki")  # one object a name, as ZoneInfo's
    with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
        zone("Mars/Olympus_Mons")
    assert os.path.isfile(str(resources.files("tzdata.zoneinfo").joinpath("Europe", "Helsinki")))
