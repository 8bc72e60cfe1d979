"""Per-device API keys for the HTTP bulk endpoint: shown once when issued, kept only as a SHA-256 digest (the key
is 256 random bits, so a plain digest is as strong as a slow hash and lets a request find its station by index)."""

import hashlib
import secrets

from .models import Station


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue_key(station: Station) -> str:
    """A new key for the station; the previous one stops working."""
    key = f"yjd_{secrets.token_urlsafe(32)}"
    Station.objects.filter(pk=station.pk).update(key_hash=digest(key))
    station.key_hash = digest(key)
    return key


def station_for_key(key: str) -> Station | None:
    if not key or len(key) > 200:
        return None
    return Station.objects.filter(key_hash=digest(key)).first()
