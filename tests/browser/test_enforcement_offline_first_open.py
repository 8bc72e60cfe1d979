"""An on-site form opened for the first time with no signal (issue 17): the inspector signs in while there is a
network — the site's service worker keeps the on-site form of each task waiting for them — then, on site without a
signal, opens the form of a task they never opened, records the inspection (the party refuses to sign: the note),
and it is sent by itself and recorded once when the network is back."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NEW_TASK = (
    "from yingji.enforcement.models import InspectionTask, Inspector, Target; "
    "me = Inspector.objects.get(user__username='inspector'); "
    "other = Inspector.objects.filter(code__in=['ZFRY-002', 'ZFRY-004']).exclude(pk=me.pk).first(); "
    "t = Target.objects.filter(status='active').order_by('-code').first(); "
    "task = InspectionTask.objects.create(name='投诉核查：离线首开', target=t, source='complaint', "
    "lead_inspector=other, second_inspector=me, region=t.region); print(task.uuid)"
)
# The form and every script and style it loads are in the worker's copy (the worker keeps the form, then what it
# loads: the form alone is not enough to work offline).
KEPT = """async (url) => {
  const kept = async (u) => {
    for (const name of await caches.keys()) {
      const found = await (await caches.open(name)).match(u);
      if (found) return found;
    }
    return null;
  };
  const form = await kept(url);
  if (!form) return false;
  const html = await form.text();
  for (const [, link] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    const asset = new URL(link.replace(/&amp;/g, "&"), url);
    const loaded = asset.origin === location.origin &&
      (asset.pathname.startsWith("/static/") || asset.pathname.startsWith("/jsi18n/"));
    if (loaded && !(await kept(asset.href))) return false;
  }
  return true;
}"""


def _wait_until_kept(page, url: str) -> None:
    """Polls the worker's copy with page.evaluate, which awaits the check's promise (wait_for_function does not: an
    async predicate returns a promise, which counts as true at once — the journey then went offline before the worker
    had kept anything, and the navigation failed)."""
    for _ in range(150):
        if page.evaluate(KEPT, url):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the service worker never kept {url} with its scripts and styles")


def _recorded(live_manage, uuid) -> str:
    out = live_manage(
        "shell",
        "-c",
        "from yingji.enforcement.models import InspectionTask; "
        f"t = InspectionTask.objects.get(uuid='{uuid}'); "
        "print(t.state, t.findings.count() > 0, t.party_refused)",
    )
    return out.strip().splitlines()[-1]


def test_an_on_site_form_never_opened_works_offline(page, login, live_url, live_manage):
    uuid = live_manage("shell", "-c", NEW_TASK).strip().splitlines()[-1]
    onsite = f"{live_url}/enforcement/tasks/{uuid}/onsite/"
    page.set_viewport_size({"width": 390, "height": 844})
    login("inspector")  # the home page, online: the worker is registered and keeps the inspector's forms
    # the inspector is told when the copy is complete (before that, a form not yet kept would not open offline)
    expect(page.get_by_role("status").filter(has_text="份现场表单")).to_contain_text("无信号时也能打开", timeout=30000)
    _wait_until_kept(page, onsite)
    page.context.set_offline(True)  # on site, no signal; this form was never opened
    page.goto(onsite)
    expect(page.locator("#onsite-form")).to_be_visible()
    expect(page.locator("#onsite-form fieldset.onsite-item").first).to_be_visible()
    page.fill("#f-signer", "李负责")
    page.check("#f-refused")
    expect(page.locator("#onsite-refusal")).to_be_visible()
    expect(page.locator("#onsite-signature-label")).to_have_text("见证人签名（在框内手写）")
    page.fill("#f-refusal-note", "负责人拒绝在检查记录上签字")
    for key in ("lead", "second"):  # the two inspectors sign
        page.locator(f"#onsite-signature-{key}").scroll_into_view_if_needed()
        box = page.locator(f"#onsite-signature-{key}").bounding_box()
        page.mouse.move(box["x"] + 30, box["y"] + 60)
        page.mouse.down()
        for step in range(1, 10):
            page.mouse.move(box["x"] + 30 + 25 * step, box["y"] + 60 - (step % 3) * 15)
        page.mouse.up()
        assert page.input_value(f"#f-signature-{key}").startswith("data:image/png;base64,")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#onsite-submit")
    expect(page.locator("#offline-banner")).to_contain_text("网络不通：报告已保存在本机")
    assert _recorded(live_manage, uuid) == "assigned False False"
    page.context.set_offline(False)  # sent by itself on the `online` event
    expect(page.locator("main")).to_contain_text("现场检查已记录")
    assert _recorded(live_manage, uuid) == "done True True"
