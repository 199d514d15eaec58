"""The one address policy for every fetch (crawl, preview, discovery, robots.txt).

A target is refused when its host is, or resolves to, a loopback, private, link-local (cloud
metadata 169.254.169.254), IPv6 loopback/ULA, multicast, reserved or unspecified address,
unless the source is marked `allow_private = true`. The crawler applies it to every request
and every redirect hop (spiders.middlewares.AddressPolicyMiddleware) and checks the address it
actually connected to as well, which defeats DNS rebinding (public for the check, loopback for
the connection).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(ValueError):
    """The target is not allowed by the address policy; the message says which and why."""


def is_private(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (address.is_private or address.is_loopback or address.is_link_local
            or address.is_reserved or address.is_multicast or address.is_unspecified
            or not address.is_global)


def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (a literal IP is returned as is); [] when it does not."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    out: list[Address] = []
    for info in infos:
        try:
            out.append(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
        except ValueError:
            continue
    return out


def literal_address(url: str) -> Address | None:
    """The URL's host when it is an IP literal (no DNS lookup), else None."""
    host = urlsplit(url.strip()).hostname or ""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def check_url(url: str, allow_private: bool,
              remedy: str = "set allow_private = true for this source") -> None:
    """Raise AddressRefused unless `url` is an http(s) URL whose host is public everywhere it
    resolves (or the source allows private addresses). An unresolvable name passes: the fetch
    itself reports it, and the connected-address check still applies."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddressRefused(f"refused {url[:80]!r}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise AddressRefused(f"refused {url[:80]!r}: no host name")
    if allow_private:
        return
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused(f"refused {url[:80]!r}: bad port") from exc
    for address in resolve(host, port):
        if is_private(address):
            raise AddressRefused(
                f"refused address: {host} is a private/loopback/link-local address "
                f"({address}); {remedy} to fetch it")


def check_connected(url: str, address: Address | None, allow_private: bool) -> None:
    """Raise AddressRefused when the peer actually connected to is not allowed."""
    if allow_private or address is None:
        return
    if is_private(address):
        raise AddressRefused(
            f"refused address: {urlsplit(url).hostname} connected to {address}, a private/"
            "loopback/link-local address (DNS rebinding?); its answer is not used")
