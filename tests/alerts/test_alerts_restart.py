"""The restart test: a real worker process is killed in the middle of a fan-out and started again. Then every
recipient has exactly one message per channel at the sink (deduplicated by idempotency key), none missing.

The demo's SMS and broadcast gateways take 500 recipients per request; here they take 10, so the fan-out is many
requests and the kill lands between two of them (or inside one)."""

import json
import signal
import subprocess
import sys
import time

import pytest

from yingji.demo.townships import township

# A real worker process on a database of its own: make test-slow and .ci/run, not make test (tests/selection.py).
pytestmark = pytest.mark.slow

# Three streets: about 470 of the demo's subscribers plus their officials and loudspeakers, enough for a kill in
# the middle of the fan-out without sending the whole district's messages.
AREA = ("凯旋路街道", "嘉禾街道", "介福路街道")
PER_REQUEST = "10"


def _worker(env, tmp_path, name):
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "yingji.cli", "worker"], env=env, stdout=log, stderr=log)


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_killing_the_worker_mid_fan_out_loses_and_duplicates_nothing(worker_env, worker_helper, tmp_path, http_sink):
    env = {**worker_env, "YINGJI_CHANNEL_LEASE_SECONDS": "2"}
    worker_helper(env, "batches", PER_REQUEST)
    worker_helper(env, "publish", *(township(name).code for name in AREA))
    http_sink.slow(0.05)
    first = _worker(env, tmp_path, "worker1")
    try:
        assert _wait(lambda: http_sink.recipients() >= 100, 120), (tmp_path / "worker1.log").read_text()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    received_before = http_sink.recipients()
    http_sink.slow(0)
    second = _worker(env, tmp_path, "worker2")
    try:
        state = json.loads(worker_helper(env, "wait", "240"))
    finally:
        second.terminate()
        second.wait(10)
    assert state["pending"] == 0, (tmp_path / "worker2.log").read_text()
    expected = set(state["keys"])
    at_sink = http_sink.keys()
    assert len(expected) > received_before > 0  # the kill really came in the middle
    assert expected <= set(at_sink), "a recipient is missing at the sink"
    assert set(at_sink) - expected == set()  # and only those (one per recipient and channel, after dedupe)
