"""Real Celery workers (`celery -A yingji.tasks worker -B`) on the machine's Redis and RabbitMQ: a published warning
reaches every recipient exactly once at the local HTTP sink. Skipped only when the broker's port is closed."""

import json
import socket
import subprocess
import sys
import uuid

import pytest

from yingji.demo.townships import township

# A real worker process on a database of its own: make test-slow and .ci/run, not make test (tests/selection.py).
pytestmark = pytest.mark.slow

pytest.importorskip("celery", reason="Celery is not installed (pip install '.[celery]')")

BROKERS = {"redis": ("127.0.0.1", 6379), "rabbitmq": ("127.0.0.1", 5672)}


def _port_open(host, port) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def _free_redis_db():
    import redis

    for db in range(15, 0, -1):
        client = redis.Redis(host="127.0.0.1", port=6379, db=db)
        if client.dbsize() == 0:
            return db, client
    pytest.skip("no empty Redis database (1–15) to use")


@pytest.fixture
def broker(request):
    """(broker URL, queue name); the queue is the test's own and is removed afterwards."""
    host, port = BROKERS[request.param]
    if not _port_open(host, port):
        pytest.skip(f"{request.param} is not running on {host}:{port}")
    queue = f"yingji-test-{uuid.uuid4().hex[:8]}"
    if request.param == "redis":
        db, client = _free_redis_db()
        yield f"redis://{host}:{port}/{db}", queue
        client.flushdb()
        return
    url = f"amqp://guest:guest@{host}:{port}//"
    yield url, queue
    from kombu import Connection

    with Connection(url) as connection:
        connection.default_channel.queue_delete(queue)


@pytest.mark.parametrize("broker", ["redis", "rabbitmq"], indirect=True)
def test_a_celery_worker_delivers_a_warning_once_to_everyone(broker, worker_env, worker_helper, tmp_path, http_sink):
    url, queue = broker
    env = {**worker_env, "YINGJI_CELERY_BROKER": url, "YINGJI_CELERY_QUEUE": queue}
    log = open(tmp_path / "celery.log", "w")  # noqa: SIM115  (closed with the process)
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "yingji.tasks", "worker", "-B", "-c", "2",
                               "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
                              env=env, stdout=log, stderr=log)
    try:  # published while the worker starts, as in production: the outbox keeps the fan-out until it is up
        warning = worker_helper(env, "publish", township("桂花镇").code, township("龙凤镇").code).strip()
        state = json.loads(worker_helper(env, "wait", "45", warning))
    finally:
        worker.terminate()
        try:
            worker.wait(60)
        except subprocess.TimeoutExpired:  # a busy machine: the result is in, the worker need not shut down cleanly
            worker.kill()
            worker.wait()
    assert state["keys"] and state["pending"] == 0, (tmp_path / "celery.log").read_text()[-3000:]
    keys = state["keys"]
    at_sink = http_sink.keys()
    assert {key: at_sink[key] for key in keys} == dict.fromkeys(keys, 1)  # everyone, exactly once
    assert set(at_sink) == set(keys)  # and nobody else
