"""HMAC-SHA256 signatures over "<timestamp>.<body>", both ways: the platform signs its webhooks with the partner's
signing secret, and a partner with `require_signature` signs its pushes the same way. Pure Python, so a partner's
developer can copy `verify` (docs/exchange.md).

Headers: X-Yingji-Timestamp (Unix seconds), X-Yingji-Signature ("sha256=<hex>"). A request older or newer than
WINDOW seconds is refused (stale); within the window a signature already seen is a replay."""

import hashlib
import hmac
import time

from yingji.coded_error import CodedError

WINDOW = 300  # seconds
TIMESTAMP, SIGNATURE = "X-Yingji-Timestamp", "X-Yingji-Signature"


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    message = str(timestamp).encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def headers(secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {TIMESTAMP: str(timestamp), SIGNATURE: sign(secret, timestamp, body)}


def verify(secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float | None = None,
           window: int = WINDOW) -> None:
    """Raise CodedError (signature_missing, stale_timestamp, bad_signature) unless the signature is good and fresh.
    Replays within the window are the caller's to refuse (remember the signatures seen for WINDOW seconds)."""
    if not timestamp or not signature:
        raise CodedError("signature_missing", "缺少签名或时间戳（X-Yingji-Timestamp、X-Yingji-Signature）", SIGNATURE)
    try:
        moment = int(timestamp)
    except ValueError:
        raise CodedError("stale_timestamp", "时间戳应为 Unix 秒", TIMESTAMP) from None
    now = time.time() if now is None else now
    if abs(now - moment) > window:
        raise CodedError("stale_timestamp", f"时间戳与服务器时间相差超过 {window} 秒", TIMESTAMP)
    if not hmac.compare_digest(sign(secret, moment, body), signature.strip()):
        raise CodedError("bad_signature", "签名不正确", SIGNATURE)
