"""Every FeedError reason the feed code writes has a kind members can be told in words."""

from __future__ import annotations

import pytest

from feeds.errors import reason_kind


@pytest.mark.parametrize(
    ("reason", "kind", "detail"),
    [
        ("timed out after 30 s", "timeout", "30 s"),
        ("could not connect within 2.5 s", "timeout", "2.5 s"),
        ("could not connect (ConnectError: [Errno 111] Connection refused)", "connect", ""),
        ("could not resolve host example.invalid", "dns", ""),
        ("refused: address 10.0.0.1 is private", "private", ""),
        ("refused: only http and https are allowed, not 'ftp'", "bad_url", ""),
        ("refused: not a valid URL", "bad_url", ""),
        ("too many redirects (more than 5)", "redirects", ""),
        ("the server answered 404", "status", "404"),
        ("larger than 5 MB", "too_big", "5 MB"),
        ("could not decode the gzip body", "decode", ""),
        ("not a feed (HTML page)", "html_page", ""),
        ("not a feed (empty response)", "empty", ""),
        ("not a feed (binary data)", "not_feed", ""),
        ("not a feed (invalid JSON)", "not_feed", ""),
        ("internal error: KeyError('x')", "other", "internal error: KeyError('x')"),
    ],
)
def test_reasons_have_kinds(reason: str, kind: str, detail: str) -> None:
    assert reason_kind(reason) == (kind, detail)
