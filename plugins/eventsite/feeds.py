"""Atom feeds of news and events, written with feedgenerator (as Pelican does).

What RFC 4287 and the W3C feed validator ask of them, beyond feedgenerator's defaults:
- each feed has its own id (its own address) and an author (the site), which every
  entry inherits;
- a summary is plain text, written as `type="text"`: a reader shows "<img …>" in a
  summary as those characters, never as markup (only `content`, our sanitised HTML,
  is `type="html"`);
- dates say when an entry was published and last changed, never a future moment:
  each is clamped to the build's "now". Pelican's own feed writer dates an empty
  feed with the clock; ours uses the build's "now", so that the same content and
  SOURCE_DATE_EPOCH give the same bytes.
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
    published: datetime | None  # None: not known (Atom's <published> is optional)
    updated: datetime  # when it last changed, as far as the site knows
    summary: str  # plain text
    content: str  # HTML
    lang: str | None = None  # its words' language when not the feed's (a translation not written yet)


class _BuildAtomFeed(Atom1Feed):
    def __init__(self, *args, now: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._now = now

    def latest_post_date(self) -> datetime:
        return max((item["updateddate"] for item in self.items), default=self._now)

    def item_attributes(self, item) -> dict:
        # An entry whose words are in another language than the feed's says so (xml:lang).
        return {"xml:lang": item["words_lang"]} if item.get("words_lang") else {}

    def add_item_elements(self, handler, item) -> None:
        # feedgenerator writes a description as <summary type="html">: a reader would
        # run the markup of a plain-text summary. Ours is text, and says so.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def atom_feed(
    title: str,
    site_url: str,
    feed_url: str,
    author: str,
    entries: Iterable[FeedEntry],
    now: datetime,
    language: str | None = None,
    home_url: str | None = None,
) -> str:
    """`language`: the feed's xml:lang (a site of several languages: each feed its own);
    `home_url`: its rel="alternate" link, the home page in its language (else the site's)."""
    feed = _BuildAtomFeed(
        title=title,
        link=home_url or f"{site_url}/",
        feed_url=feed_url,
        feed_guid=feed_url,  # each feed its own id; the site's address would be shared by both
        author_name=author,
        description="",
        language=language,
        now=now,
    )

    def order(entry: FeedEntry) -> tuple:
        return (min(entry.published or entry.updated, now), entry.url)

    for entry in sorted(entries, key=order, reverse=True):
        feed.add_item(
            title=entry.title,
            link=entry.url,
            unique_id=entry.url,  # the URL is a promise: it never changes
            description=entry.summary,
            content=entry.content,
            pubdate=None if entry.published is None else min(entry.published, now),
            updateddate=min(entry.updated, now),
            words_lang=entry.lang if entry.lang and entry.lang != language else None,
        )
    return feed.writeString("utf-8")
