"""A web process stopped the usual way (SIGTERM, as systemd and a deploy do) still writes the exchange-log lines it
had gathered: before core/shutdown.py they were kept for `atexit`, which never runs in a uvicorn process stopped by
a signal (uvicorn raises the signal again after its graceful shutdown), and every call of the last second was lost."""

import signal
import uuid
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from peers import free_port
from process_db import own_database, query, serve

pytestmark = pytest.mark.slow  # a server process on a database of its own (tests/selection.py)

MET = "Partner yjp_demomet_Chuanshan-demo-only-met"
GAUGE = "RG-011"


def test_a_server_stopped_by_sigterm_writes_the_exchange_log_it_had_gathered(tmp_path):
    with own_database(tmp_path) as env:
        env["YINGJI_EXCHANGE_GATHER_SECONDS"] = "120"  # nothing is written before the stop but by the stop
        port = free_port()
        with open(tmp_path / "server.log", "w") as log:
            server = serve(env, port, log, "--workers", "1")
            try:
                now = timezone.now()
                refs = [f"stop-{uuid.uuid4().hex[:8]}" for _ in range(3)]
                for minutes, ref in enumerate(refs, start=1):
                    body = {"id": ref, "readings": [{"device": GAUGE, "values": {"rain": 0.2},
                                                     "time": (now - timedelta(minutes=minutes)).isoformat()}]}
                    answer = httpx.post(f"http://127.0.0.1:{port}/api/exchange/readings/", json=body,
                                        headers={"Authorization": MET}, timeout=30)
                    assert answer.status_code == 201, answer.text
                assert query(env, "SELECT COUNT(*) FROM exchange_exchangecall")[0][0] == 0  # still gathered
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(30)
        logged = query(env, "SELECT COUNT(*) FROM exchange_exchangecall WHERE path = %s",
                       ("/api/exchange/readings/",))[0][0]
        assert logged == 3, (tmp_path / "server.log").read_text()
