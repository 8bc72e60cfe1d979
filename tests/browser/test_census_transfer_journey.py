"""The evacuation journey (docs/census.md): a township officer starts a transfer for a village of the live 桂花镇 flood
threat, opens the marking page on a phone-wide screen, marks a household 已转移 while the network is down (kept in
the browser), and when the network is back the mark is recorded once, the household's people are counted into
its shelter and the commander's page shows the village's percentage moved, and redraws itself when another
household is marked."""

import json
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
LIVE = "桂花镇郪江漆家桥段洪水险情"


def _facts(live_manage, name) -> dict:
    out = live_manage("shell", "-c", (
        "import json; from yingji.census.models import Household, Transfer, TransferMark; "
        "from yingji.census.registrations import TRANSFERS; from yingji.incidents.models import Incident; "
        "from yingji.demo.townships import township; "
        f"t = Transfer.objects.filter(name={name!r}).first(); "
        "h = Household.objects.filter(region__path__contains='/' + township('桂花镇').code + '/', "
        "shelter__isnull=False).select_related('region', 'shelter').order_by('region__code', 'code').first(); "
        "print(json.dumps({'list': TRANSFERS.list_url, 'village': h.region.name, 'village_code': h.region.code, "
        f"'incident': Incident.objects.get(name={LIVE!r}).code, "
        "'shelter': h.shelter.name, 'occupancy': h.shelter.occupancy, 'members': h.members, 'household': h.code, "
        "'marks': TransferMark.objects.filter(transfer=t).count() if t else None}, ensure_ascii=False))"))
    return json.loads(out.strip().splitlines()[-1])


def test_a_transfer_marked_offline_on_a_phone_updates_the_shelter_and_the_percentage(page, login, live_url,
                                                                                     live_manage):
    name = f"漆家桥村避险转移 {uuid.uuid4().hex[:6]}"
    before = _facts(live_manage, name)
    login("township-guihua")
    page.goto(f"{live_url}{before['list']}new/")
    page.fill("#id_name", name)
    incident = page.locator("#id_incident option", has_text=LIVE).first.get_attribute("value")
    page.select_option("#id_incident", incident)
    region = page.locator("#id_region option", has_text=before["village"]).first.get_attribute("value")
    page.select_option("#id_region", region)
    page.locator("form button[type=submit]").last.click()
    page.locator("#census-transfer-page").click()
    expect(page.locator("#transfer-total")).to_contain_text("已转移 0 /")
    progress_url = page.url

    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#transfer-mark-link")
    page.locator(f"[data-village='{before['village_code']}']").click()
    card = page.locator(f"#hh-{before['household']}")
    expect(card).to_be_visible()
    page.context.set_offline(True)
    card.locator("input[value=transferred]").check()
    card.locator("button[type=submit]").click()
    expect(page.locator("#offline-banner")).to_contain_text("网络不通")
    assert _facts(live_manage, name)["marks"] == 0
    page.context.set_offline(False)  # sent by itself on the `online` event
    expect(page.locator(f"#hh-{before['household']} .household-mark")).to_have_text("已转移", timeout=15000)
    after = _facts(live_manage, name)
    assert after["marks"] == 1
    assert after["occupancy"] == before["occupancy"] + before["members"], "counted into the shelter once"

    page.set_viewport_size({"width": 1280, "height": 900})
    login("commander")
    page.goto(progress_url)  # the commander's view of the same transfer
    expect(page.locator("#transfer-total")).not_to_contain_text("（0.0%）")
    expect(page.locator("#transfer-total")).to_contain_text(f"已转移 {before['members']} /")
    expect(page.locator("#transfer-shelters")).to_contain_text(str(after["occupancy"]))

    # The commander keeps the page open: a household marked meanwhile shows without a reload (the page polls).
    members = live_manage("shell", "-c", (
        "from yingji.census.evacuation import households_for, mark_household; "
        "from yingji.census.models import Transfer; from yingji.core.models import User; "
        f"t = Transfer.objects.get(name={name!r}); u = User.objects.get(username='township-guihua'); "
        f"h = households_for(t, u).exclude(code={before['household']!r}).order_by('code').first(); "
        "mark_household(actor=u, transfer=t, household=h, mark='transferred'); print(h.members)"))
    moved = before["members"] + int(members.strip().splitlines()[-1])
    expect(page.locator("#transfer-total")).to_contain_text(f"已转移 {moved} /", timeout=15000)
