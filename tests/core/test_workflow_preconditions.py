"""The workflow engine offers a step only when it would pass its preconditions (issue 14 §9): guards marked
@precondition (they read only the record and the actor) are checked by available(); guards that need the
submitted data are not, so the page still offers the step and explains what is missing."""

from types import SimpleNamespace

from yingji.core.errors import DomainError
from yingji.core.workflow import WORKFLOWS, Transition, Workflow, by_name, precondition


@precondition
def not_author(record, actor, data):
    if record.author == actor.name:
        raise DomainError("approver_is_author", "不能审核自己制作的记录")


def needs_reason(record, actor, data):
    if not data.get("reason"):
        raise DomainError("reason_required", "请填写理由", field="reason")


FLOW = Workflow("test-preconditions", transitions=[
    Transition(("pending",), "approve", "approved", "审核通过", guards=(not_author,)),
    Transition(("pending",), "return", "draft", "退回", guards=(needs_reason,)),
])


def _actor(name):
    return SimpleNamespace(name=name, has_perm=lambda perm: True)


def test_the_author_is_not_offered_a_step_their_precondition_refuses():
    record = SimpleNamespace(status="pending", author="甲")
    assert [t.event for t in FLOW.available(record, _actor("甲"))] == ["return"]
    assert [t.event for t in FLOW.available(record, _actor("乙"))] == ["approve", "return"]


def test_a_guard_needing_data_still_offers_the_step():
    record = SimpleNamespace(status="pending", author="甲")
    assert FLOW.may(record, _actor("乙"), FLOW.find("pending", "return"))


def test_workflows_are_found_by_name():
    assert WORKFLOWS["test-preconditions"] is FLOW
    for name in ("report", "warning", "handover", "swap", "response", "task"):
        assert by_name(name).name == name  # apps' workflows.py imported when first asked for
