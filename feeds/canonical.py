"""One spelling per article or feed URL, so the same link with other tracking tags is one.

Feed URLs follow the same rule as entry links (`HTTP://host/feed.xml?utm_source=x#top` is
`http://host/feed.xml`), at every place a feed URL is stored or looked up.

Rule order: trim → lowercase the scheme and host → drop the default port (80 for http, 443
for https) → an empty path becomes "/" → drop tracking parameters (utm_*, click ids,
newsletter and share tags; names compared case-insensitively) and empty ones, keeping the
others in order and spelled as given → drop the fragment. Anything that does not parse as a
URL comes back trimmed, without its fragment.
"""

from __future__ import annotations

from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PREFIXES = ("utm_",)
_TRACKING = frozenset(
    {
        # Ad and social click ids.
        *("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid"),
        *("ttclid", "igshid", "li_fat_id"),
        # Analytics and newsletter tags (Google, Mailchimp, HubSpot, Marketo).
        *("_ga", "_gl", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok"),
        # Referrer tags; Zalo, Vietnam's main messenger, adds gidzl and zarsrc to shared links.
        *("ref", "ref_src", "gidzl", "zarsrc"),
    }
)


def canonical_url(url: str) -> str:
    """Return `url` with tracking parameters, default port and fragment removed."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        netloc = _netloc(parts)
    except ValueError:
        # A bad port or bracket: keep the text, which still identifies the item.
        return text.partition("#")[0]
    scheme = parts.scheme.lower()
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, _without_tracking(parts.query), ""))


def story_identity(url: str | None, entry_key: str) -> str | None:
    """Return what names an article across feeds: its canonical link, else a URI guid.

    A guid without a colon (`12345`) is only unique inside its feed, so it names nothing
    across feeds (None); URIs (`tag:`, `urn:`, `https:`) and the title + date or text-hash
    keys of link-less entries do.
    """
    if url:
        return canonical_url(url)
    return entry_key if ":" in entry_key else None


def is_tracking_parameter(name: str) -> bool:
    """Return whether the query parameter `name` only tracks the reader."""
    lowered = unquote_plus(name).lower()
    return lowered in _TRACKING or lowered.startswith(_TRACKING_PREFIXES)


def _netloc(parts: SplitResult) -> str:
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal: hostname lost its brackets.
    port = parts.port  # Raises ValueError for a port that is not a number in range.
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    return f"{userinfo}{at}{host}"


def _without_tracking(query: str) -> str:
    # Split by hand rather than parse_qsl + urlencode: re-encoding would change how the
    # remaining values are spelled, and some servers treat "%2F" and "/" differently.
    kept = (
        pair
        for pair in query.split("&")
        if pair and not is_tracking_parameter(pair.partition("=")[0])
    )
    return "&".join(kept)
