"""The service a person's link leads to, named from its address: "Mastodon", "GitHub"…

A pure function of the address, so the site names a link without fetching anything. The
hosts of the known services come first (youtube.com/@channel is YouTube, not Mastodon);
then any host with a /@user path is a Mastodon server (there are thousands); anything
else is a personal site, "Website".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A host, or any of its subdomains (www., m., mobile.…), and the service's name.
_HOSTS = {
    "bsky.app": "Bluesky",
    "linkedin.com": "LinkedIn",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "x.com": "X (Twitter)",
    "twitter.com": "X (Twitter)",
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "fb.com": "Facebook",
    "orcid.org": "ORCID",
}
_MASTODON_PATH = re.compile(r"^/@[A-Za-z0-9_.-]+/?$")
WEBSITE = "Website"


def service_of(url: str) -> str:
    """The name of the service at `url`, or "Website"."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = _HOSTS.get(".".join(labels[start:]))
        if name is not None:
            return name
    if _MASTODON_PATH.match(parts.path):
        return "Mastodon"
    return WEBSITE
