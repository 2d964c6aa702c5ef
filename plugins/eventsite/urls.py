"""The site's absolute address, for what must not be relative: calendars, feeds, sitemap,
canonical links and structured data."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A host name in ASCII (an international one in its xn-- form), or an IP address.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", re.I)
_IPV6 = re.compile(r"[0-9a-f:.]*:[0-9a-f:.]*", re.I)  # urlsplit gives it without its brackets
# What an address cannot hold as it is, and that would break an attribute, a header or a feed.
_NOT_IN_AN_ADDRESS = set("\"'<>\\`^{}|")
_SPACES = {" ": "a space", "\t": "a tab"}


def absolute_site_url(settings: dict) -> str:
    """SITEURL when it is absolute (publishing), else https:// and the site's domain."""
    url = settings.get("SITEURL", "")
    if urlsplit(url).scheme in ("http", "https"):
        return url.rstrip("/")
    return f"https://{settings['SITE_DOMAIN']}"


def site_url_problem(url, required: bool = False) -> str | None:
    """What is wrong with a SITEURL setting, in words, or None. Empty is right for a build
    with relative URLs, unless `required` (publishing)."""
    if not isinstance(url, str):
        return "it must be text"
    if not url:
        return "it is empty" if required else None
    for character in url:
        if character in "\r\n":
            return "it has a line break in it"
        if character.isspace() or not character.isprintable():
            return f"it has {_SPACES.get(character, repr(character))} in it"
        if character in _NOT_IN_AN_ADDRESS:
            return f"it has {character!r} in it, which an address cannot have"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:
        return "it is not a web address"
    if parts.scheme not in ("http", "https"):
        return "it must start with https:// (or http://)"
    if not parts.hostname:
        return f"it has no host name after {parts.scheme}://"
    if "@" in parts.netloc:
        return "it has a user name or password in it"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "it has a '?' or '#' part"
    if not (_HOST.fullmatch(parts.hostname) or _IPV6.fullmatch(parts.hostname)):
        return f'"{parts.hostname}" is not a host name (write an international name in its xn-- form)'
    return None


def site_domain_problem(domain) -> str | None:
    if not isinstance(domain, str) or not _HOST.fullmatch(domain):
        return "it must be a host name such as events.example.org"
    return None


def site_url_line(url, problem: str) -> str:
    """The one line that says a SITEURL is wrong, in the build and in `invoke publish`."""
    shown = repr(url) if len(repr(url)) <= 80 else f"{repr(url)[:70]}…"
    return f"SITEURL is {shown}: {problem} (give the site's full address, e.g. https://events.example.org)"
