"""信用监管 ↔ 执法: decided enforcement cases count in the credit record, the credit class sets the inspection
target's 监管类别 (and so the enforcement plan's yearly inspections), and the Excel exports."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from yingji.enforcement.models import PenaltyCase as Case
from yingji.enforcement.models import Target
from yingji.services import credit, supervision
from yingji.services.models import CreditEvent

pytestmark = pytest.mark.django_db


def _target_without_cases():
    """An inspection target of a quiet enterprise: no cases, no major hazards, no commitment duty."""
    return Target.objects.exclude(enterprise__category__startswith="chem").exclude(
        enterprise__hazards__grade="major").exclude(cases__isnull=False).select_related("enterprise").order_by(
        "code").first()


def test_a_decided_enforcement_case_counts_in_the_credit_record(users):
    case = Case.objects.filter(decided_on__isnull=False).select_related("target__enterprise").first()
    enterprise = case.target.enterprise
    decided = Case.objects.filter(target__enterprise=enterprise, decided_on__isnull=False).count()
    record = credit.record_of(enterprise)
    assert ("本局执法案件作出处罚决定", decided, -15 * decided) in record.lines
    Case.objects.filter(target__enterprise=enterprise).update(
        decided_on=timezone.localdate() - dt.timedelta(days=800))  # outside the two-year window
    assert not any(line[0] == "本局执法案件作出处罚决定" for line in credit.record_of(enterprise).lines)
    with pytest.raises(Exception) as by_hand:
        credit.record_event(actor=users["commander"], enterprise=enterprise, kind="enforcement_penalty",
                            happened_on=timezone.localdate().isoformat())
    assert by_hand.value.code == "invalid_event_kind"  # derived from the cases only: never counted twice


def test_the_credit_class_raises_the_target_to_key_supervision_and_gives_it_back(users):
    target = _target_without_cases()
    Target.objects.filter(pk=target.pk).update(supervision_class="general")
    enterprise = target.enterprise
    record = credit.record_of(enterprise)
    assert (record.credit_class, record.supervision_class, record.supervision_per_year) == ("A", "general", 1)
    today = timezone.localdate()
    for _ in range(2):
        credit.record_event(actor=users["commander"], enterprise=enterprise, kind="penalty", happened_on=today)
    record = credit.record_of(enterprise)
    assert (record.credit_class, record.supervision_class, record.supervision_per_year) == ("C", "key", 2)
    assert record.supervision_label == "重点监管"

    assert supervision.adjust_targets() >= 1
    target.refresh_from_db()
    assert target.supervision_class == "key" and target.yearly_frequency == 2
    assert supervision.adjust_targets() == 0 or Target.objects.get(pk=target.pk).supervision_class == "key"

    CreditEvent.objects.filter(enterprise=enterprise).delete()  # 信用修复: back to A
    supervision.adjust_targets()
    target.refresh_from_db()
    assert target.supervision_class == "general" and "credit_raised_from" not in target.extra


def test_the_adjustment_is_a_confirmed_post_for_credit_managers(users):
    page = Client()
    page.force_login(users["commander"])
    listing = page.get("/services/credit/").content.decode()
    assert 'id="adjust-supervision"' in listing and "data-confirm" in listing
    assert page.get("/services/credit/adjust/").status_code == 405
    answer = page.post("/services/credit/adjust/", follow=True)
    assert "已按信用等级调整" in answer.content.decode()
    enterprise_user = Client()
    enterprise_user.force_login(users["enterprise"])
    assert enterprise_user.post("/services/credit/adjust/").status_code == 403


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return rows[1], rows[2:]  # headers under the title row


def test_credit_records_export_to_excel(users):
    page = Client()
    page.force_login(users["commander"])
    headers, rows = _sheet(page.get("/services/credit/records.xlsx"))
    assert headers[:5] == ("企业", "统一社会信用代码", "所属区域", "信用分", "等级")
    assert len(rows) == len(credit.records(credit.enterprises_in_reach(users["commander"])))
    assert {row[4] for row in rows} <= {"A", "B", "C", "D"}


def test_an_enterprise_exports_only_its_own_cases_and_commitments(users):
    from yingji.services.enterprises import bound_enterprise

    own = bound_enterprise(users["enterprise"])
    page = Client()
    page.force_login(users["enterprise"])
    headers, rows = _sheet(page.get("/services/cases.xlsx"))
    assert headers[0] == "办件编号" and {row[3] for row in rows} <= {own.name}
    headers, rows = _sheet(page.get("/services/commitments.xlsx"))
    assert headers[:2] == ("承诺日期", "企业") and rows and {row[1] for row in rows} == {own.name}
    bureau = Client()
    bureau.force_login(users["commander"])
    _headers, all_cases = _sheet(bureau.get("/services/cases.xlsx"))
    assert len({row[3] for row in all_cases}) > 5
    _headers, all_commitments = _sheet(bureau.get("/services/commitments.xlsx"))
    assert len({row[1] for row in all_commitments}) > 5


def test_the_public_page_says_what_each_class_means_for_inspections(client):
    text = client.get("/services/public/credit/").content.decode()
    assert "重点监管（每年抽查 2 次）" in text and "按检查对象名录库确定的监管类别" in text


def test_after_loading_the_demo_the_c_and_d_enterprises_are_key_targets(users):
    """The demo loader runs supervision.adjust_targets (the worker's daily pass) at load: no pass is needed."""
    from yingji.enforcement.models import Target
    from yingji.prevention.models import Enterprise
    from yingji.services.credit import records

    targets = {t.enterprise_id: t for t in Target.objects.all()}
    low = [r for r in records(Enterprise.objects.filter(pk__in=list(targets))) if r.credit_class in ("C", "D")]
    assert low, "the demo has C and D enterprises among the inspection targets"
    for record in low:
        assert targets[record.enterprise.pk].supervision_class == "key", record.enterprise.code


def test_the_demo_loader_runs_the_credit_adjustment_at_load(monkeypatch, users):
    """In the demo every C/D enterprise's target is already 重点 from the enforcement demo; here one is not (as if the
    bureau had set it 一般), and loading the services demo raises it at once, as the worker's daily pass would."""
    from yingji.enforcement.models import Target
    from yingji.prevention.models import Enterprise
    from yingji.services import demo
    from yingji.services.credit import record_of
    from yingji.services.models import ServiceCase

    enterprise = Enterprise.objects.get(code="QY-HX-13")
    assert record_of(enterprise).credit_class == "D"
    Target.objects.filter(enterprise=enterprise).update(supervision_class="general", extra={})
    for name in ("_second_account", "_filings", "_licences", "_commitments", "_weekly_commitments", "_credit",
                 "_exam_sessions"):
        monkeypatch.setattr(demo, name, lambda *args, **kwargs: None)  # the data is there already
    ServiceCase.objects.filter(is_demo=True).delete()  # what makes a second load keep what the first wrote
    demo.load(progress=lambda *args: None)
    target = Target.objects.get(enterprise=enterprise)
    assert target.supervision_class == "key" and target.extra["credit_raised_from"] == "general"
