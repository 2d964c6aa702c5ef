"""The site's absolute address, for what must not be relative: calendars, feeds, sitemap,
canonical links and structured data."""

from __future__ import annotations

from urllib.parse import urlsplit


def absolute_site_url(settings: dict) -> str:
    """SITEURL when it is absolute (publishing), else https:// and the site's domain."""
    url = settings.get("SITEURL", "")
    if urlsplit(url).scheme in ("http", "https"):
        return url.rstrip("/")
    return f"https://{settings['SITE_DOMAIN']}"
