"""Atom feeds of news and events, written with feedgenerator (as Pelican does).

Pelican's own feed writer dates an empty feed with the clock; ours uses the build's
"now", so that the same content and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from feedgenerator import Atom1Feed


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str  # absolute
    published: datetime
    updated: datetime | None
    summary: str  # plain text
    content: str  # HTML


class _BuildAtomFeed(Atom1Feed):
    def __init__(self, *args, now: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._now = now

    def latest_post_date(self) -> datetime:
        dates = [item["updateddate"] or item["pubdate"] for item in self.items]
        return max(dates, default=self._now)


def atom_feed(title: str, site_url: str, feed_url: str, entries: Iterable[FeedEntry], now: datetime) -> str:
    feed = _BuildAtomFeed(title=title, link=f"{site_url}/", feed_url=feed_url, description="", now=now)
    for entry in sorted(entries, key=lambda e: (e.published, e.url), reverse=True):
        feed.add_item(
            title=entry.title,
            link=entry.url,
            unique_id=entry.url,  # the URL is a promise: it never changes
            description=entry.summary,
            content=entry.content,
            pubdate=entry.published,
            updateddate=entry.updated,
        )
    return feed.writeString("utf-8")
