"""sitemap.xml and robots.txt: what search engines may read, with absolute URLs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree

_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # absolute
    lastmod: datetime | None  # from the content (modified, else date); never the clock


def sitemap_xml(entries: Iterable[SitemapEntry]) -> bytes:
    root = ElementTree.Element("urlset", xmlns=_NAMESPACE)
    for entry in sorted(entries, key=lambda e: e.url):
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = entry.url
        if entry.lastmod is not None:
            ElementTree.SubElement(url, "lastmod").text = entry.lastmod.isoformat(timespec="seconds")
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(site_url: str, sitemap_url: str) -> str:
    """`sitemap_url`: the sitemap's address relative to the site's (site_files.py)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/{sitemap_url}\n"
