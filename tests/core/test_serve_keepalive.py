"""`yingji serve` keeps an idle connection longer than a client or proxy does (nginx: 60 s). With uvicorn's default
of 5 s the server closed connections that clients were about to reuse, and a request sent at that moment got no
answer (the intake surge bench counted one such lost request in a run)."""

import http.client
import time

import pytest

from peers import free_port
from process_db import own_database, serve

pytestmark = pytest.mark.slow  # a server process on a database of its own (tests/selection.py)


def test_a_connection_idle_for_longer_than_five_seconds_still_answers(tmp_path):
    with own_database(tmp_path) as env, open(tmp_path / "server.log", "w") as log:
        port = free_port()
        server = serve(env, port, log, "--workers", "1")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/healthz")
            assert connection.getresponse().read() is not None
            time.sleep(6.5)  # past uvicorn's default keep-alive of 5 s
            connection.request("GET", "/healthz")  # the same connection: refused if the server had closed it
            assert connection.getresponse().status == 200
            connection.close()
        finally:
            server.terminate()
            server.wait(30)
