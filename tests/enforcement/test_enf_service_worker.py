"""The site's service worker as the server renders it, run in Node against a fake network and Cache Storage
(tests/enforcement/js/service_worker_harness.js): a refresh keeps the listed pages of its scope and, once each, the
scripts and styles they load; offline, a kept on-site form is answered from the copy while a page never kept fails as
it would without the worker, and API calls are not touched; another user's refresh drops the first user's pages;
signing out drops them all. Skipped where Node is not installed (the browser journey is
tests/browser/test_enforcement_offline_first_open.py)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.slow
HARNESS = Path(__file__).parent / "js" / "service_worker_harness.js"


@pytest.fixture
def results(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    worker = tmp_path / "service-worker.js"
    worker.write_bytes(Client().get("/service-worker.js").content)
    out = subprocess.run([node, str(HARNESS), str(worker)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


@pytest.mark.django_db
def test_the_worker_keeps_the_listed_pages_and_answers_them_offline(results):
    pages, assets = "yingji-offline-pages-v1:/enforcement/", "yingji-offline-assets-v1"
    assert results["afterSync"][pages] == ["/enforcement/my/", "/enforcement/tasks/t1/onsite/", "/offline/owner"]
    assert results["afterSync"][assets] == ["/jsi18n/?l=zh-hans", "/static/enforcement/onsite.js",
                                            "/static/web/offline-forms.js", "/static/web/yingji.css"]
    assert results["served"][:8].count("/static/web/yingji.css") == 1, "each asset fetched once per refresh"
    assert "/elsewhere/page/" not in results["served"], "a page outside the scope is never fetched"
    assert "data-offline-safe" in results["offlinePage"]["body"]
    assert results["offlineOther"] == {"handled": True, "error": "TypeError: Failed to fetch"}
    assert results["offlineAsset"]["body"] == "/* /static/enforcement/onsite.js */"
    assert results["offlineApi"] == {"handled": False}
    assert results["otherUser"][pages] == ["/enforcement/my/", "/offline/owner"] and results["otherOwner"] == "8"
    assert pages not in results["forgotten"]
