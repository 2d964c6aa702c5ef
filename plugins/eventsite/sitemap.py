"""sitemap.xml and robots.txt: what search engines may read, with absolute URLs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree

_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"  # <xhtml:link rel="alternate" hreflang>: the page in other languages


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # absolute
    lastmod: datetime | None  # from the content (modified, else date); never the clock
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, absolute URL) of its cluster, itself included


def sitemap_xml(entries: Iterable[SitemapEntry]) -> bytes:
    entries = sorted(entries, key=lambda e: e.url)
    root = ElementTree.Element("urlset", xmlns=_NAMESPACE)
    if any(entry.alternates for entry in entries):
        root.set("xmlns:xhtml", _XHTML)
    for entry in entries:
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = entry.url
        if entry.lastmod is not None:
            ElementTree.SubElement(url, "lastmod").text = entry.lastmod.isoformat(timespec="seconds")
        for hreflang, href in entry.alternates:
            ElementTree.SubElement(url, "xhtml:link", rel="alternate", hreflang=hreflang, href=href)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(site_url: str, sitemap_url: str) -> str:
    """`sitemap_url`: the sitemap's address relative to the site's (site_files.py)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/{sitemap_url}\n"
