"""Browser tests: a real uvicorn server on its own SQLite database with the demo data, and Debian's
Chromium driven by Playwright. Run with `make test-browser` (pytest -m browser).

The database starts as a copy of a demo template (tests/dbtemplate.py) built with the server's own settings,
full-strength password hashing included, so a second run within the hour does not load the demo again.

To wait on an async check (Cache Storage, IndexedDB), poll `page.evaluate`, which awaits its promise: Playwright's
`wait_for_function` does not, and an async predicate's promise counts as true at once."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import dbtemplate
from peers import free_port

CHROMIUM = os.environ.get("YINGJI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "Chuanshan@2025"
CLI = [sys.executable, "-m", "yingji.cli"]


@pytest.fixture(scope="session")
def live_env(tmp_path_factory) -> dict:
    """The environment of the live server: its own var dir (SQLite database, uploads) in demo mode."""
    var_dir = tmp_path_factory.mktemp("browser-var")
    env = {**os.environ, "YINGJI_MODE": "demo", "YINGJI_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)  # the browser suite always runs on its own SQLite file
    # Every journey posts from 127.0.0.1: the per-IP public-report limit (5 an hour) would stop the sixth.
    env["YINGJI_INCIDENTS"] = '{"public_reports_per_hour": 100}'
    env["YINGJI_MQTT_PREFIX"] = "yingji-browser-tests/monitoring"  # the demo's sensor feed apart from a developer's
    # Forty-odd journeys sign in as the commander within minutes: the login page's 10 a minute per username (a 429,
    # and a journey timing out on the login page) is tested in tests/core, not here.
    env["YINGJI_LOGIN_RATE_PER_USERNAME"] = "600/min"
    env["YINGJI_LOGIN_RATE_PER_ADDRESS"] = "600/min"
    return env


@pytest.fixture(scope="session")
def live_manage(live_env, live_url):
    """Run a management command against the live server's database: `live_manage("run_escalations", "--now", t)`."""

    def manage(*args: str) -> str:
        result = subprocess.run([*CLI, "manage", *args], env=live_env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return manage


@pytest.fixture(scope="session")
def live_url(live_env):
    """`yingji demo` exactly as `make demo` runs it (migrate, load the demo: already there in the copy, serve, with
    the embedded worker)."""
    var_dir = live_env["YINGJI_VAR_DIR"]
    dbtemplate.copy_sqlite_file(Path(var_dir) / "yingji.sqlite3", live_env)
    port = free_port()
    log = open(Path(var_dir) / "server.log", "w")  # noqa: SIM115  (closed at teardown)
    server = subprocess.Popen([*CLI, "demo", "--port", str(port)], env=live_env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the server did not start: " + (Path(var_dir) / "server.log").read_text())
    yield url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1400, "height": 900})
    # Every journey runs under the Content-Security-Policy: a violation (Chromium reports it on the console) fails it.
    violations = []
    context.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{m.page}: {m.text}"))
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def login(page, live_url):
    def as_user(username: str):
        page.goto(f"{live_url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_url}/")
        return page

    return as_user
