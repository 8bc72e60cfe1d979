"""Browser tests: a real uvicorn server on its own SQLite database with the demo data, and Debian's
Chromium driven by Playwright. Run with `make test-browser` (pytest -m browser)."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def live_url(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("browser-var")
    env = {**os.environ, "YINGJI_MODE": "demo", "YINGJI_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)  # the browser suite always runs on its own SQLite file
    cli = [sys.executable, "-m", "yingji.cli"]
    subprocess.run([*cli, "load-demo"], env=env, check=True, capture_output=True)
    port = free_port()
    log = open(Path(var_dir) / "server.log", "w")  # noqa: SIM115  (closed at teardown)
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
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
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


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
