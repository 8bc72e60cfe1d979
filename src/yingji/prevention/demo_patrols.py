"""Demonstration patrol tasks (网格员巡查) for every demo grid worker: last month's (done, with its visits), this
month's (under way) and next month's (waiting), in the worker's own grid area. Deterministic, flagged is_demo; a
second load keeps what the first wrote. Called from prevention/demo.py."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from yingji.core.models import User

from .models.patrols import GRID_WORKER_ROLE, PatrolResult, PatrolState, PatrolTask, PatrolVisit

NOTES = "重点查看自建房经营场所、加油站、农贸市场和在建工地的消防通道、燃气和用电安全"
VISITS = (("上午巡查村主街沿线商铺，未见异常", 9), ("巡查村委会周边自建房经营场所，消防器材齐全", 15))


def load_patrols(progress=print) -> None:
    progress("载入网格员巡查任务……")
    today = timezone.localdate()
    for worker in User.objects.filter(role=GRID_WORKER_ROLE, is_demo=True).select_related("region").order_by("pk"):
        for index, (start, state) in enumerate(_months(today)):
            _task(worker, index, start, state, today)


def _months(today: date):
    this = today.replace(day=1)
    last = (this - timedelta(days=1)).replace(day=1)
    following = (this + timedelta(days=32)).replace(day=1)
    return ((last, PatrolState.DONE), (this, PatrolState.ACTIVE), (following, PatrolState.PENDING))


def _task(worker, index: int, start: date, state: str, today: date) -> None:
    code = f"XC-DEMO-{worker.pk:03d}-{index + 1}"
    if PatrolTask.objects.filter(code=code).exists():
        return
    end = ((start + timedelta(days=32)).replace(day=1)) - timedelta(days=1)
    task = PatrolTask.objects.create(
        code=code, name=f"{worker.region.name}{start.month}月网格巡查", region=worker.region, worker=worker,
        worker_username=worker.username, starts_on=start, ends_on=end, state=state, notes=NOTES, is_demo=True)
    if state == PatrolState.PENDING:
        return
    for day, (note, hour) in enumerate(VISITS if state == PatrolState.DONE else VISITS[:1], start=3):
        at = timezone.make_aware(datetime.combine(min(start + timedelta(days=day), today), time(hour)))
        PatrolVisit.objects.create(task=task, at=at, result=PatrolResult.NORMAL, note=note,
                                   recorded_by=worker)
