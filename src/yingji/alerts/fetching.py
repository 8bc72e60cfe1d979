"""Fetching external CAP feeds and documents without becoming a proxy into the bureau's network (SSRF).

A feed is added by an administrator, but its entries are written by whoever runs the feed: an entry (or a redirect)
could point at 127.0.0.1, the database host or a cloud metadata address. So every URL fetched, and every redirect
hop, must be http(s), on the feed's own host or a host in config.cap_fetch_hosts(), and must resolve only to public
addresses unless its host is listed there explicitly. (A name could still resolve differently between our check and
httpx's connection; listing hosts closes that for the ones that matter.)
"""

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from . import config

TIMEOUT = 10.0
MAX_REDIRECTS = 5
ACCEPT = "application/atom+xml, application/rss+xml, application/cap+xml, application/xml;q=0.9, */*;q=0.1"


def fetch(url: str, limit: int, *, feed_url: str) -> bytes:
    """The body of `url` (at most `limit` bytes), following redirects that pass the same checks."""
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url, feed_url=feed_url)
        with httpx.stream("GET", url, timeout=TIMEOUT, follow_redirects=False, headers={"Accept": ACCEPT}) as response:
            if response.is_redirect:
                url = urljoin(url, response.headers.get("location", ""))
                continue
            response.raise_for_status()
            return _read(response, limit)
    raise DomainError("too_many_redirects", _("重定向次数过多（超过 %(n)d 次）") % {"n": MAX_REDIRECTS})


def check_url(url: str, *, feed_url: str, field: str = "url") -> None:
    """Refuse a URL we must not fetch (DomainError naming `field`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise DomainError("invalid_url", _("只能访问 http:// 或 https:// 地址：%(u)s") % {"u": url[:200]}, field=field)
    listed = config.cap_fetch_hosts()
    if host != (urlsplit(feed_url).hostname or "").lower() and host not in listed:
        raise DomainError("host_not_allowed", _("订阅源条目指向其他主机 %(h)s，该主机不在允许列表中") % {"h": host},
                          field=field)
    if host not in listed and not all(address.is_global for address in _addresses(host, parts.port)):
        raise DomainError("address_not_allowed",
                          _("%(h)s 指向内网、回环或保留地址；如确需订阅，请由管理员将其加入 YINGJI_CAP_FETCH_HOSTS")
                          % {"h": host}, field=field)


def _addresses(host: str, port: int | None) -> list:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        return []  # unresolvable: the fetch itself fails with a clear network error
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def _read(response, limit: int) -> bytes:
    body = b""
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise DomainError("feed_too_large", _("超过 %(n)d 字节") % {"n": limit})
    return body
