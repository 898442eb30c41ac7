"""canonical_url: one spelling per article URL, tracking tags and fragments removed."""

from __future__ import annotations

import pytest

from feeds.canonical import canonical_url, is_tracking_parameter, story_identity


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://vnexpress.net/a.html", "https://vnexpress.net/a.html"),
        ("  https://vnexpress.net/a.html\n", "https://vnexpress.net/a.html"),
        ("HTTPS://VnExpress.NET/Path/A.html", "https://vnexpress.net/Path/A.html"),
        ("https://x.example:443/a", "https://x.example/a"),
        ("http://x.example:80/a", "http://x.example/a"),
        ("http://x.example:443/a", "http://x.example:443/a"),
        ("https://x.example:8443/a", "https://x.example:8443/a"),
        ("https://x.example", "https://x.example/"),
        ("https://x.example/a#comments", "https://x.example/a"),
        ("https://x.example/a?utm_source=rss&utm_medium=feed", "https://x.example/a"),
        ("https://x.example/a?id=7&utm_campaign=x&page=2", "https://x.example/a?id=7&page=2"),
        ("https://x.example/a?UTM_Source=rss&id=7", "https://x.example/a?id=7"),
        ("https://x.example/a?fbclid=IwAR0&gclid=abc&id=7", "https://x.example/a?id=7"),
        ("https://x.example/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4", "https://x.example/a"),
        ("https://x.example/a?_ga=2.1&ref=rss&ref_src=twsrc", "https://x.example/a"),
        ("https://x.example/a?msclkid=1&_hsenc=2&_hsmi=3&mkt_tok=4", "https://x.example/a"),
        ("https://tuoitre.vn/a.htm?gidzl=AbC&zarsrc=30", "https://tuoitre.vn/a.htm"),
        ("https://x.example/a?b=2&a=1", "https://x.example/a?b=2&a=1"),
        ("https://x.example/a?q=a%2Fb&x=y+z", "https://x.example/a?q=a%2Fb&x=y+z"),
        ("https://x.example/a?flag&utm_source=x", "https://x.example/a?flag"),
        ("https://x.example/a?&&id=1&", "https://x.example/a?id=1"),
        ("https://x.example/a?referrer=home", "https://x.example/a?referrer=home"),
        ("https://x.example/a/?", "https://x.example/a/"),
        ("https://user:pw@X.example:443/a", "https://user:pw@x.example/a"),
        ("http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"),
        ("https://Bao.example/tin-tức?utm_source=zalo", "https://bao.example/tin-tức"),
        ("https://x.example:99999/a#frag", "https://x.example:99999/a"),
        ("tag:atom.example,2024:budget", "tag:atom.example,2024:budget"),
        ("", ""),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    ("url",),
    [("https://x.example/a?id=1&utm_source=x#top",), ("HTTP://X.example:80",)],
)
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize(
    ("name", "tracking"),
    [
        ("utm_source", True),
        ("utm_whatever", True),
        ("UTM_TERM", True),
        ("utm%5Fsource", True),
        ("fbclid", True),
        ("ref", True),
        ("id", False),
        ("page", False),
        ("utm", False),
        ("reference", False),
    ],
)
def test_is_tracking_parameter(name: str, tracking: bool) -> None:
    assert is_tracking_parameter(name) is tracking


@pytest.mark.parametrize(
    ("url", "entry_key", "identity"),
    [
        # The link decides, whatever the guid: two category feeds of one site agree.
        ("https://x.example/a?utm_source=rss", "42", "https://x.example/a"),
        ("HTTPS://X.example/a#top", "https://x.example/a", "https://x.example/a"),
        # No link: a URI guid names the article everywhere.
        (None, "tag:x.example,2024:a", "tag:x.example,2024:a"),
        (None, "Tin A|2024-05-10T09:30:00+07:00", "Tin A|2024-05-10T09:30:00+07:00"),
        # A bare number is unique only inside its feed.
        (None, "12345", None),
    ],
)
def test_story_identity(url: str | None, entry_key: str, identity: str | None) -> None:
    assert story_identity(url, entry_key) == identity
