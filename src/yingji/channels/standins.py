"""Local stand-ins for the message gateways, for `yingji demo` only: the demo works with no network at all.

- one HTTP server answers like an SMS gateway (one message, or a batch: one result per recipient, "delivered" so the
  receipts show), a broadcast platform, the 企业微信/钉钉 robots (errcode 0) and a webhook;
- an SMTP server accepts every mail;
- an MQTT server acknowledges every publish (APP push).

They run in this process on free ports of 127.0.0.1 and keep nothing but counts. `point_demo_channels` sends every
channel whose config carries `"demo_standin": true` (the demo loaders create them so) to them, and enables it.
docs/alerts.md, "Demo stand-ins".
"""

import asyncio
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .models import Channel

HOST = "127.0.0.1"
MARK = "demo_standin"
HTTP_KINDS = {"sms_http", "broadcast_http", "wecom_robot", "dingtalk_robot", "webhook"}


def reply(payload) -> dict:
    """What the far end answers: a batch (SMS, broadcast) gets one delivered result per recipient; anything else
    gets an answer every adapter reads as success (a robot's errcode 0, an SMS gateway's delivery receipt)."""
    batch = payload.get("messages") if isinstance(payload, dict) else None
    if isinstance(batch, list):
        return {"results": [{"id": m.get("id"), "status": "delivered", "provider_id": f"standin-{m.get('id')}"}
                            for m in batch if isinstance(m, dict)]}
    number = payload.get("id", "") if isinstance(payload, dict) else ""
    return {"errcode": 0, "errmsg": "ok", "status": "delivered", "id": f"standin-{number}"}


class StandIns:
    """The running stand-ins: `http_url`, `smtp_port`, `mqtt_port`; `received` counts recipients per HTTP path,
    "email" and "mqtt"."""

    def __init__(self):
        self.received: Counter = Counter()
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer((HOST, 0), _handler(self))
        self._http.daemon_threads = True
        self.http_url = f"http://{HOST}:{self._http.server_address[1]}"
        threading.Thread(target=self._http.serve_forever, name="yingji-standin-http", daemon=True).start()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="yingji-standin-smtp-mqtt", daemon=True).start()
        self._servers = asyncio.run_coroutine_threadsafe(self._start_streams(), self._loop).result(timeout=10)
        self.smtp_port, self.mqtt_port = (s.sockets[0].getsockname()[1] for s in self._servers)

    def count(self, what: str, n: int = 1) -> None:
        with self._lock:
            self.received[what] += n

    async def _start_streams(self):
        return (await asyncio.start_server(self._smtp, HOST, 0), await asyncio.start_server(self._mqtt, HOST, 0))

    async def _smtp(self, reader, writer):
        """Enough SMTP for smtplib: greet, accept every command, read DATA up to the lone dot."""
        writer.write(b"220 yingji-standin ESMTP\r\n")
        try:
            while line := await reader.readline():
                verb = line[:4].upper()
                if verb == b"EHLO":
                    writer.write(b"250-yingji-standin\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 end with <CR><LF>.<CR><LF>\r\n")
                    await writer.drain()
                    while await reader.readline() not in (b".\r\n", b".\n", b""):
                        pass
                    self.count("email")
                    writer.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 bye\r\n")
                    break
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    writer.write(b"250 ok\r\n")
                await writer.drain()
        finally:
            writer.close()

    async def _mqtt(self, reader, writer):
        """Enough MQTT 3.1.1 for one publisher: CONNACK, PUBACK/PUBREC/PUBCOMP, PINGRESP; nothing is forwarded."""
        try:
            while True:
                first = (await reader.readexactly(1))[0]
                body = await reader.readexactly(await _remaining_length(reader))
                kind, qos = first >> 4, (first >> 1) & 3
                if kind == 1:  # CONNECT
                    writer.write(b"\x20\x02\x00\x00")
                elif kind == 3:  # PUBLISH
                    self.count("mqtt")
                    if qos:
                        at = 2 + int.from_bytes(body[:2], "big")
                        writer.write((b"\x40\x02" if qos == 1 else b"\x50\x02") + body[at:at + 2])
                elif kind == 6:  # PUBREL
                    writer.write(b"\x70\x02" + body[:2])
                elif kind == 12:  # PINGREQ
                    writer.write(b"\xd0\x00")
                elif kind == 14:  # DISCONNECT
                    break
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        for server in self._servers:
            self._loop.call_soon_threadsafe(server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)


async def _remaining_length(reader) -> int:
    value, shift = 0, 0
    for _ in range(4):
        byte = (await reader.readexactly(1))[0]
        value += (byte & 0x7F) << shift
        if not byte & 0x80:
            return value
        shift += 7
    raise ConnectionError("malformed MQTT length")


def _handler(standins: StandIns):
    class Gateway(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # clients keep their connections

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                payload = json.loads(body or b"{}")
            except ValueError:
                payload = {}
            batch = payload.get("messages") if isinstance(payload, dict) else None
            standins.count(self.path.split("?")[0], len(batch) if isinstance(batch, list) else 1)
            raw = json.dumps(reply(payload)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            pass

    return Gateway


def start() -> StandIns:
    return StandIns()


def point_demo_channels(standins: StandIns) -> list[str]:
    """Send every channel marked `demo_standin` to the stand-ins and enable it; returns their codes."""
    pointed = []
    for channel in Channel.objects.all():
        config = dict(channel.config or {})
        if not config.get(MARK):
            continue
        if channel.kind in HTTP_KINDS:
            config["url"] = f"{standins.http_url}/{channel.code.lower()}"
        elif channel.kind == "email":
            config.update(host=HOST, port=standins.smtp_port)
        elif channel.kind == "mqtt":
            config.update(host=HOST, port=standins.mqtt_port)
        channel.config, channel.enabled = config, True
        channel.save()
        pointed.append(channel.code)
    return pointed
