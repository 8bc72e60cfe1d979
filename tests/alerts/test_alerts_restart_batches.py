"""The restart test with batches (issue 13 §3): a real worker is killed while a batch request is at the gateway,
then started again. Every recipient has exactly one message per channel, each reached the sink (the batch that
was in flight arrives twice, recognisable by its keys), nobody is missing and nobody else was sent anything."""

import json
import signal

import pytest
from test_alerts_restart import AREA, _wait, _worker

from yingji.demo.townships import township

# A real worker process on a database of its own: make test-slow and .ci/run, not make test (tests/selection.py).
pytestmark = pytest.mark.slow

PER_REQUEST = 50


def test_killing_the_worker_mid_batch_loses_and_duplicates_nothing(worker_env, worker_helper, tmp_path, http_sink):
    env = {**worker_env, "YINGJI_CHANNEL_LEASE_SECONDS": "2"}
    worker_helper(env, "batches", str(PER_REQUEST))
    worker_helper(env, "publish", *(township(name).code for name in AREA))
    http_sink.slow(1.0)  # a request stays a second at the gateway: the kill lands inside one
    first = _worker(env, tmp_path, "worker1")
    try:
        assert _wait(lambda: http_sink.recipients("/sms") >= PER_REQUEST and http_sink.in_flight > 0, 180), (
            tmp_path / "worker1.log").read_text()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert _wait(lambda: http_sink.in_flight == 0, 10)  # the gateway took the batch the worker never saw answered
    http_sink.slow(0)
    second = _worker(env, tmp_path, "worker2")
    try:
        state = json.loads(worker_helper(env, "wait", "240"))
    finally:
        second.terminate()
        second.wait(10)
    assert state["pending"] == 0, (tmp_path / "worker2.log").read_text()
    expected, at_sink = state["keys"], http_sink.keys()
    assert len(expected) == len(set(expected))  # one message per recipient and channel
    assert set(expected) <= set(at_sink), "a recipient is missing at the sink"
    assert set(at_sink) - set(expected) == set()  # and only those
    twice = [key for key, times in at_sink.items() if times > 1]
    assert 0 < len(twice) <= PER_REQUEST, twice  # the batch in flight at the kill, sent again with the same keys
    assert max(len(r["json"].get("messages", [])) for r in http_sink.requests) == PER_REQUEST  # really batched
