"""The big screen's memory over many updates (issue 21: "stays smooth for hours, no memory growth").

Run against a running demo server: `python -m bench.screen_heap http://127.0.0.1:8000 [updates]` (Debian's
Chromium, as the browser tests use). It logs in as the commander, opens /screen/ at 1920×1080, waits for the live
stream, then redraws the latest snapshot, areas and indicators `updates` times (default 2,000, as many updates as
a stream sending one every 2 s brings in about 67 minutes) in rounds, and prints after each round the JS heap in
use after a forced garbage collection (Chrome DevTools Protocol) and the number of elements of the page. Figures
in bench/README.md; the browser test tests/browser/test_screen_hall.py checks the element count only."""

import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Chuanshan@2025"
REDRAW = """(n) => { const s = window.YJScreen; for (let i = 0; i < n; i++) {
    s.drawSnapshot(s.last.snapshot); s.drawAreas(s.last.areas || {});
    if (i % 50 === 0) s.drawIndicators(s.last.indicators);
} }"""


def measure(url: str, updates: int = 2000, rounds: int = 5) -> list[tuple[int, float, int]]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN").new_page()
        page.goto(f"{url}/accounts/login/")
        page.fill("#id_username", "commander")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")
        page.goto(f"{url}/screen/")
        page.wait_for_selector("#scr-live[data-state=live]")
        page.wait_for_selector("#scr-ind-bars[data-count='19']")
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")

        def sample(done):
            cdp.send("HeapProfiler.collectGarbage")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            elements = page.evaluate("document.getElementsByTagName('*').length")
            rows.append((done, metrics["JSHeapUsedSize"] / 2**20, elements))
            print(f"{done:6d} updates  heap {rows[-1][1]:7.2f} MiB  elements {rows[-1][2]}", flush=True)

        page.evaluate(REDRAW, 50)  # warm up (Plotly's and Leaflet's first draws allocate their caches)
        sample(0)
        for done in range(updates // rounds, updates + 1, updates // rounds):
            page.evaluate(REDRAW, updates // rounds)
            sample(done)
        browser.close()
    return rows


if __name__ == "__main__":
    measure(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000",
            int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
