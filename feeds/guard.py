"""Refuse URLs that would make the bot fetch from private networks (SSRF guard).

Rule order: the scheme must be http or https → the URL must name a host → with
`allow_private` nothing more is checked → a literal IP is judged as is, a name is
resolved (getaddrinfo) → every address must be global and not multicast, IPv4-mapped
IPv6 addresses being judged as the IPv4 address they carry.

This runs before connecting, for a fast, plain error on every redirect hop. On its own it
cannot stop DNS rebinding (a name may resolve differently when the connection is made);
`feeds.transport` closes that gap by checking the address each connection really dials,
with the same `is_public` rule and the same wording.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from feeds.errors import FeedError

_SCHEMES = frozenset({"http", "https"})
# getaddrinfo rows: (family, type, proto, canonname, sockaddr)
_AddrInfo = tuple[object, object, object, object, tuple[object, ...]]


def check_url(url: str, *, allow_private: bool) -> None:
    """Raise FeedError unless `url` is http(s) and (when required) resolves only to public IPs."""
    host = _host_to_resolve(url, allow_private=allow_private)
    if host is None:
        return
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FeedError(url, f"could not resolve host {host}") from exc
    _check_addresses(url, _addresses(infos))


async def check_url_async(url: str, *, allow_private: bool) -> None:
    """Do what `check_url` does, resolving the host without blocking the event loop."""
    host = _host_to_resolve(url, allow_private=allow_private)
    if host is None:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FeedError(url, f"could not resolve host {host}") from exc
    _check_addresses(url, _addresses(infos))


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Return True when `ip` is globally routable unicast (IPv4-mapped IPv6 unwrapped)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # `is_global` alone is not enough: 100.64.0.0/10 is neither private nor global, and
    # some multicast ranges count as global.
    return ip.is_global and not ip.is_multicast


def _host(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FeedError(url, "refused: not a valid URL") from exc
    if parts.scheme.lower() not in _SCHEMES:
        raise FeedError(url, f"refused: only http and https are allowed, not {parts.scheme!r}")
    if not host:
        raise FeedError(url, "refused: the URL has no host")
    return host


def _host_to_resolve(url: str, *, allow_private: bool) -> str | None:
    """Check everything but DNS; return the host name still to resolve, if any."""
    host = _host(url)
    if allow_private:
        return None
    literal = _literal_ip(host)
    if literal is None:
        return host
    _check_addresses(url, [literal])
    return None


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _addresses(
    infos: Iterable[_AddrInfo],
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    # sockaddr[0] is the address text; IPv6 link-local ones may carry a "%zone" suffix.
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _check_addresses(
    url: str, addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address]
) -> None:
    if not addresses:
        raise FeedError(url, "could not resolve host")
    for ip in addresses:
        if not is_public(ip):
            raise FeedError(url, f"refused: address {ip} is private")
