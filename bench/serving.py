"""Starting the platform's own server for a benchmark: a free port, `yingji serve` with the benchmark's settings
module (which adds its bare baseline views), extra processes beside it, and a wait until it answers."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(settings_module: str, port: int, *, env=None, workers=None, worker_process=False) -> list[subprocess.Popen]:
    """`yingji serve` on `port` (and `yingji worker` if asked); returns the processes once /healthz answers."""
    env = dict(env or os.environ)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    serve = [sys.executable, "-m", "yingji.cli", "serve", "--port", str(port)]
    if workers:
        serve += ["--workers", str(workers)]
    processes = [subprocess.Popen(serve, env=env, cwd=ROOT)]
    if worker_process:
        processes.append(subprocess.Popen([sys.executable, "-m", "yingji.cli", "worker"], env=env, cwd=ROOT))
    for _ in range(120):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return processes
        except httpx.HTTPError:
            time.sleep(0.5)
    stop(processes)
    raise SystemExit("server did not start")


def stop(processes) -> None:
    for process in processes:
        process.terminate()
        process.wait(30)
