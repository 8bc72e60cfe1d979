"""Publishing while a district-wide warning is fanned out (issue 15 §8): on a file SQLite database (or PostgreSQL with
DATABASE_URL), a real `yingji worker` fans out and sends a district-wide warning while another process publishes
three more through the HTTP API. No request may fail from lock contention, and every warning is fanned out."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

# A real worker process on a database of its own: make test-slow and .ci/run, not make test (tests/selection.py).
pytestmark = pytest.mark.slow

HELPER = str(Path(__file__).with_name("cap_publish_helper.py"))


def _worker(env, tmp_path):
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115  (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "yingji.cli", "worker"], env=env, stdout=log, stderr=log)


def test_publishing_during_a_district_wide_fan_out_never_fails(worker_env, worker_helper, tmp_path, http_sink):
    first = worker_helper(worker_env, "publish").strip()  # district-wide: every subscriber of the demo
    worker = _worker(worker_env, tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not json.loads(worker_helper(worker_env, "keys", first))["keys"] and time.monotonic() < deadline:
            time.sleep(0.2)  # the fan-out has begun writing
        run = subprocess.run([sys.executable, HELPER, "publish", "3"], env=worker_env, capture_output=True,
                             text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-3000:]
        result = json.loads(run.stdout)
        fanned = subprocess.run([sys.executable, HELPER, "fanned-out", "300", *result["identifiers"]],
                                env=worker_env, capture_output=True, text=True, timeout=600)
        later = json.loads(fanned.stdout)
    finally:
        worker.terminate()
        worker.wait(30)
    log = (tmp_path / "worker.log").read_text()
    assert set(result["statuses"]) <= {200, 201}, (result, run.stderr[-3000:])
    assert len(result["identifiers"]) == 3 and all(result["identifiers"])
    assert all(s["done"] and s["messages"] > 1000 for s in later.values()), (later, log[-3000:])
    assert "database is locked" not in log and "database is locked" not in run.stderr
