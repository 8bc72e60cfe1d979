"""The audit chain's HMAC keys, held outside the database and named by a key id so they can be rotated.

The current key (settings.AUDIT_KEY_ID) signs new entries, anchors and archives: it is YINGJI_AUDIT_KEY, or
the file `<id>.key` in YINGJI_AUDIT_KEY_DIR. Every `*.key` file there still verifies what it signed, so a
rotation is: add the new file, point YINGJI_AUDIT_KEY_ID at it, keep the old file. Demo mode without a
configured key derives one from SECRET_KEY (id "demo"); production refuses to start without a key
(settings.py) and never trusts the demo key.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEMO_KEY_ID = "demo"
MINIMUM_KEY_BYTES = 32


def keyring() -> dict[str, bytes]:
    """Every key that may verify: {key id: key}."""
    keys = {}
    if settings.AUDIT_KEY_DIR and settings.AUDIT_KEY_DIR.is_dir():
        for path in sorted(settings.AUDIT_KEY_DIR.glob("*.key")):
            keys[path.stem] = path.read_text().strip().encode()
    if settings.AUDIT_KEY:
        configured = settings.AUDIT_KEY.strip().encode()
        if keys.get(settings.AUDIT_KEY_ID, configured) != configured:
            raise ImproperlyConfigured(f"audit key {settings.AUDIT_KEY_ID}: YINGJI_AUDIT_KEY differs from its key file")
        keys[settings.AUDIT_KEY_ID] = configured
    for key_id, key in keys.items():
        if len(key) < MINIMUM_KEY_BYTES:
            raise ImproperlyConfigured(f"audit key {key_id} is shorter than {MINIMUM_KEY_BYTES} bytes")
    if settings.DEMO_MODE:
        keys[DEMO_KEY_ID] = hmac.new(settings.SECRET_KEY.encode(), b"yingji audit demo key", hashlib.sha256).digest()
    return keys


def current_key_id(keys: dict[str, bytes] | None = None) -> str:
    keys = keyring() if keys is None else keys
    if settings.AUDIT_KEY_ID in keys:
        return settings.AUDIT_KEY_ID
    if settings.DEMO_MODE:
        return DEMO_KEY_ID
    raise ImproperlyConfigured(f"the audit key {settings.AUDIT_KEY_ID} is not configured")


def sign(message: str | bytes, key_id: str, keys: dict[str, bytes]) -> str:
    """The HMAC-SHA256 of `message` under key `key_id` (KeyError if that key is not available)."""
    data = message.encode() if isinstance(message, str) else message
    return hmac.new(keys[key_id], data, hashlib.sha256).hexdigest()


def signed_by(message: str | bytes, key_id: str, mac: str, keys: dict[str, bytes]) -> bool:
    return key_id in keys and hmac.compare_digest(sign(message, key_id, keys), mac or "")
