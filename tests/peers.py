"""Real local peers for channel tests: an HTTP sink (SMS gateway, robots, webhooks, broadcast), an SMTP
server, and a subscriber on the machine's Mosquitto. No mocks of our own code."""

import json
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HttpSink:
    """Records every POST (HTTP/1.1, so clients keep their connections). `fail_next(n)` answers HTTP 500 to the
    next n requests, `slow(seconds)` delays answers, `robot_error(code)` answers 200 with a robot-style errcode.

    Batching mode: a request whose JSON carries a "messages" list (the SMS and broadcast batch format of
    docs/alerts.md) is answered per recipient, {"results": [{"id", "status": "accepted"|"rejected",
    "provider_id", "error"}]}; `reject(address, …)` makes the sink refuse those numbers or devices. Other
    requests are answered as before. `record=False` keeps only the counts (for a million recipients)."""

    def __init__(self, record: bool = True):
        self.requests: list[dict] = []
        self.in_flight = 0  # requests received and not answered yet
        self._record = record
        self._received: Counter = Counter()  # idempotency key → times it arrived (per recipient in a batch)
        self._per_path: Counter = Counter()  # path → recipients that arrived there
        self._lock = threading.Lock()
        self._fail, self._delay, self._errcode, self._rejected = 0, 0.0, 0, {}
        sink = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms wait on a kept-alive connection)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with sink._lock:
                    fail = sink._fail > 0
                    sink._fail -= fail
                    delay, errcode = sink._delay, sink._errcode
                    sink.in_flight += 1
                try:
                    time.sleep(delay)
                    if fail:
                        self._answer(500, {"error": "gateway failure"})
                        return
                    try:
                        payload = json.loads(body or b"{}")
                    except ValueError:
                        payload = {"raw": body.decode(errors="replace")}
                    self._answer(200, sink._receive(self.path, dict(self.headers), payload, errcode))
                finally:
                    with sink._lock:
                        sink.in_flight -= 1

            def _answer(self, status, data):
                raw = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except OSError:  # the client is gone (a worker killed mid-request)
                    self.close_connection = True

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def _receive(self, path: str, headers: dict, payload, errcode: int) -> dict:
        batch = payload.get("messages") if isinstance(payload, dict) else None
        with self._lock:
            if isinstance(batch, list):
                self._received.update(m.get("key") for m in batch)
            else:
                self._received[headers.get("Idempotency-Key")] += 1
            self._per_path[path.split("?")[0]] += len(batch) if isinstance(batch, list) else 1
            self.requests.append({"path": path, "headers": headers, "json": payload} if self._record
                                 else {"path": path, "recipients": len(batch) if isinstance(batch, list) else 1})
            number = len(self.requests)
            rejected = dict(self._rejected)
        if isinstance(batch, list):
            return {"results": [self._result(m, number, index, rejected) for index, m in enumerate(batch)]}
        return {"errcode": errcode, "errmsg": "robot error" if errcode else "ok", "id": f"sink-{number}"}

    @staticmethod
    def _result(message: dict, number: int, index: int, rejected: dict) -> dict:
        address = message.get("phone") or message.get("device")
        if address in rejected:
            return {"id": message.get("id"), "status": "rejected", "error": rejected[address]}
        return {"id": message.get("id"), "status": "accepted", "provider_id": f"sink-{number}-{index}"}

    def fail_next(self, count: int) -> None:
        with self._lock:
            self._fail = count

    def slow(self, seconds: float) -> None:
        self._delay = seconds

    def robot_error(self, errcode: int) -> None:
        self._errcode = errcode

    def reject(self, *addresses: str, error: str = "空号") -> None:
        with self._lock:
            self._rejected = dict.fromkeys(addresses, error)

    def keys(self) -> Counter:
        """How many times each idempotency key arrived (each recipient of a batch counts on its own)."""
        with self._lock:
            return Counter(self._received)

    def recipients(self, path: str | None = None) -> int:
        """How many recipients arrived (at that path, e.g. "/sms"), over all requests."""
        with self._lock:
            return self._per_path[path] if path else sum(self._per_path.values())

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SmtpSink:
    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append({"to": envelope.rcpt_tos, "data": envelope.content.decode("utf8", "replace")})
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


class MqttListener:
    """Subscribes to a topic filter on the local Mosquitto and records what arrives."""

    def __init__(self, topic: str, host: str = "127.0.0.1", port: int = 1883):
        import paho.mqtt.client as mqtt

        self.received: list[tuple[str, dict]] = []
        self._subscribed = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_connect = lambda c, u, f, rc, p: c.subscribe(topic, qos=1)
        self.client.on_subscribe = lambda *args: self._subscribed.set()
        self.client.on_message = lambda c, u, m: self.received.append((m.topic, json.loads(m.payload)))
        self.client.connect(host, port)
        self.client.loop_start()
        if not self._subscribed.wait(10):
            raise RuntimeError("could not subscribe to Mosquitto")

    def wait_for(self, count: int, timeout: float = 10.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.received

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


class SignedWebhookReceiver:
    """A partner's webhook endpoint as docs/exchange.md tells partners to write it: it checks the HMAC-SHA256
    signature over "<timestamp>.<raw body>" and the timestamp window with `verify(secret, …)` and refuses a
    signature it has seen (replay): 401 {"error": code} or 409 replayed, else 200. Also serves GET `routes`
    (path → (status, body, content type)), e.g. a 水文 JSON/CSV feed."""

    def __init__(self, secret: str, verify):
        self.secret, self.verify = secret, verify
        self.accepted: list[dict] = []
        self.refused: list[tuple[int, str]] = []
        self.routes: dict[str, tuple[int, bytes, str]] = {}
        self.fail = 0
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body, kind = receiver.routes.get(self.path, (404, b"not found", "text/plain"))
                self._answer(status, body, kind)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, answer = receiver._receive(dict(self.headers), body)
                self._answer(status, json.dumps(answer).encode(), "application/json")

            def _answer(self, status, body, kind):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _receive(self, headers: dict, body: bytes) -> tuple[int, dict]:
        headers = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            if self.fail > 0:
                self.fail -= 1
                return 503, {"error": "unavailable"}
            signature = headers.get("x-yingji-signature")
            try:
                self.verify(self.secret, headers.get("x-yingji-timestamp"), signature, body)
            except ValueError as exc:
                code = getattr(exc, "code", "bad_signature")
                self.refused.append((401, code))
                return 401, {"error": code}
            if signature in self._seen:
                self.refused.append((409, "replayed"))
                return 409, {"error": "replayed"}
            self._seen.add(signature)
            self.accepted.append({"headers": headers, "body": body, "json": json.loads(body)})
            return 200, {"ok": True}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
