"""RSS 2.0 and Atom 1.0 documents for the fake news site.

An entry's guid is written only when the item has one (RSS); Atom always needs an id, so it
falls back to the article URL. With `image_in_description` the RSS description is what many
Vietnamese sites publish: CDATA holding a linked thumbnail, a `</br>` and the escaped sapo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape


@dataclass(frozen=True)
class Entry:
    """What a feed says about one article."""

    title: str
    link: str
    description: str
    published: datetime
    guid: str | None
    author: str | None
    image: str


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself."""

    title: str
    link: str
    self_url: str
    language: str
    updated: datetime


def _cdata(text: str) -> str:
    # "]]>" cannot appear inside CDATA: split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rss_item(entry: Entry, image_in_description: bool) -> str:
    if image_in_description:
        description = _cdata(
            f'<a href="{escape(entry.link)}"><img src="{escape(entry.image)}" width="180" />'
            f"</a></br>{escape(entry.description)}"
        )
    else:
        description = escape(entry.description)
    guid = f'<guid isPermaLink="false">{escape(entry.guid)}</guid>' if entry.guid else ""
    author = f"<dc:creator>{escape(entry.author)}</dc:creator>" if entry.author else ""
    return (
        f"<item><title>{escape(entry.title)}</title><link>{escape(entry.link)}</link>{guid}"
        f"<description>{description}</description>"
        f"<pubDate>{format_datetime(entry.published)}</pubDate>{author}</item>"
    )


def rss(channel: Channel, entries: list[Entry], *, image_in_description: bool) -> bytes:
    """Return an RSS 2.0 document."""
    items = "\n".join(_rss_item(entry, image_in_description) for entry in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(channel.title)}</title><link>{escape(channel.link)}</link>"
        f"<description>{escape(channel.title)}</description>"
        f"<language>{channel.language}</language>"
        f'<atom:link href="{escape(channel.self_url)}" rel="self" type="application/rss+xml"/>'
        f"<lastBuildDate>{format_datetime(channel.updated)}</lastBuildDate>\n"
        f"{items}\n</channel></rss>\n"
    ).encode()


def _atom_entry(entry: Entry) -> str:
    author = f"<author><name>{escape(entry.author)}</name></author>" if entry.author else ""
    return (
        f"<entry><title>{escape(entry.title)}</title><id>{escape(entry.guid or entry.link)}</id>"
        f'<link rel="alternate" type="text/html" href="{escape(entry.link)}"/>'
        f"<published>{entry.published.isoformat()}</published>"
        f"<updated>{entry.published.isoformat()}</updated>{author}"
        f'<summary type="text">{escape(entry.description)}</summary></entry>'
    )


def atom(channel: Channel, entries: list[Entry]) -> bytes:
    """Return an Atom 1.0 document."""
    body = "\n".join(_atom_entry(entry) for entry in entries)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{channel.language}">'
        f"<title>{escape(channel.title)}</title><id>{escape(channel.self_url)}</id>"
        f'<link rel="self" href="{escape(channel.self_url)}"/>'
        f'<link rel="alternate" href="{escape(channel.link)}"/>'
        f"<updated>{channel.updated.isoformat()}</updated>\n{body}\n</feed>\n"
    ).encode()
