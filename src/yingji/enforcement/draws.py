"""Running and replaying a 双随机 draw on the directories (the algorithm itself is enforcement.algorithm).

A draw freezes its inputs: the candidate targets (in code order, with their township, sector, enterprise and the
inspectors of their last inspection) and the qualified candidate inspectors (in code order, with township,
fields and declared conflicts). Replaying runs the algorithm again on exactly those inputs.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.core.sequences import next_code

from . import algorithm, config
from .choices import DrawState, Sector, SupervisionClass, TaskSource, TaskState
from .models import Draw, InspectionTask, Inspector, Target


@dataclass
class DrawRequest:
    name: str
    region: object
    target_count: object
    seed: str
    seed_source: str
    sector: str = ""
    supervision_class: str = ""
    inspectors_per_target: object = None
    own_township_recusal: bool | None = None
    redraw_of: Draw | None = None
    redraw_reason: str = ""


def township_of(region) -> str:
    """The township (second level of the path) a region lies in; the region's own code above that level."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    return codes[1] if len(codes) > 1 else region.code


def candidate_targets(region, sector: str = "", supervision_class: str = "") -> list[dict]:
    targets = (Target.objects.filter(region__path__startswith=region.path, status="active",
                                     enterprise__status="active")
               .select_related("region", "enterprise").order_by("code"))
    if sector:
        targets = targets.filter(sector=sector)
    if supervision_class:
        targets = targets.filter(supervision_class=supervision_class)
    targets = list(targets)
    last = last_inspectors([t.pk for t in targets])
    return [{"code": t.code, "enterprise": t.enterprise.code, "township": township_of(t.region),
             "sector": t.sector, "last": last.get(t.pk, [])} for t in targets]


def last_inspectors(target_ids: list[int]) -> dict[int, list[str]]:
    """target id → the codes of the inspectors of its most recent inspection task (not a cancelled one)."""
    latest: dict[int, InspectionTask] = {}
    tasks = (InspectionTask.objects.filter(target_id__in=target_ids).exclude(status="cancelled")
             .select_related("lead_inspector", "second_inspector").order_by("target_id", "-created", "-id"))
    for task in tasks:
        latest.setdefault(task.target_id, task)
    return {tid: sorted({task.lead_inspector.code, task.second_inspector.code,
                         *task.more_inspectors.values_list("code", flat=True)}) for tid, task in latest.items()}


def candidate_inspectors(today=None) -> tuple[list[dict], list[dict]]:
    """(qualified candidates, the unqualified left out with the reason), both in code order."""
    chosen, excluded = [], []
    for inspector in Inspector.objects.filter(status="active").select_related("region").order_by("code"):
        reason = inspector.unqualified_reason(today)
        if reason:
            excluded.append({"code": inspector.code, "reason": reason})
        else:
            chosen.append({"code": inspector.code, "township": township_of(inspector.region),
                           "fields": inspector.field_list, "conflicts": inspector.conflict_list})
    return chosen, excluded


def qualification_alerts(user, today=None) -> dict:
    """Inspectors in reach whose certificate expires within config.certificate_warning_days, and the unqualified."""
    from yingji.core.scoping import scope_to_user

    today = today or timezone.localdate()
    soon = today + timezone.timedelta(days=config.current().certificate_warning_days)
    inspectors = scope_to_user(Inspector.objects.filter(status="active"), user).order_by("certificate_expiry", "code")
    expiring = list(inspectors.filter(certificate_expiry__gte=today, certificate_expiry__lte=soon))
    unqualified = [(i, i.unqualified_reason(today)) for i in inspectors if i.unqualified_reason(today)]
    return {"expiring": expiring, "unqualified": unqualified}


def _whole_number(value, field, minimum):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise DomainError("invalid_number", _("请填写整数"), field=field) from None
    if number < minimum:
        raise DomainError("number_too_small", _("不能小于%(m)d") % {"m": minimum}, field=field)
    return number


def _check(request: DrawRequest, cfg) -> tuple[int, int]:
    for field, value in (("seed", request.seed), ("seed_source", request.seed_source), ("name", request.name)):
        if not str(value or "").strip():
            raise DomainError(f"{field}_required", _("此项必填"), field=field)
    if request.sector and request.sector not in Sector.values:
        raise DomainError("invalid_choice", _("未知的行业领域"), field="sector")
    if request.supervision_class and request.supervision_class not in SupervisionClass.values:
        raise DomainError("invalid_choice", _("未知的监管类别"), field="supervision_class")
    if request.redraw_of is not None:
        if request.redraw_of.state != DrawState.VALID:
            raise DomainError("already_redrawn", _("该抽查已被重抽，不能再次重抽"), field="redraw_of")
        if not str(request.redraw_reason or "").strip():
            raise DomainError("reason_required", _("重抽须填写理由"), field="redraw_reason")
    n = _whole_number(request.target_count, "target_count", 1)
    k = _whole_number(request.inspectors_per_target or cfg.min_inspectors, "inspectors_per_target",
                      cfg.min_inspectors)
    return n, k


def run_draw(request: DrawRequest, *, actor, is_demo: bool = False, now=None) -> Draw:
    """Validate, draw, save the draw and one inspection task per drawn target — all or nothing."""
    cfg = config.current()
    ensure_in_jurisdiction(actor, request.region)
    n, k = _check(request, cfg)
    own = cfg.own_township_recusal if request.own_township_recusal is None else bool(request.own_township_recusal)
    now = now or timezone.now()
    targets = candidate_targets(request.region, request.sector, request.supervision_class)
    if n > len(targets):
        message = _("抽取对象数（%(n)d）多于候选对象数（%(c)d）") % {"n": n, "c": len(targets)}
        raise DomainError("too_many_targets", message, field="target_count")
    inspectors, excluded = candidate_inspectors(timezone.localdate(now))
    seed = request.seed.strip()
    try:
        result = algorithm.run(seed, targets, inspectors, n, k, own)
    except algorithm.NotEnoughInspectors as exc:
        message = (_("检查对象 %(t)s 可抽取的执法人员只有 %(e)d 名（回避后），不足 %(k)d 名")
                   % {"t": exc.target, "e": exc.eligible, "k": k})
        raise DomainError("not_enough_inspectors", message, field="inspectors_per_target") from None
    with transaction.atomic():
        draw = Draw(code=next_code("SSJ", now, digits=3), name=request.name.strip(), region=request.region,
                    sector=request.sector, supervision_class=request.supervision_class, target_count=n,
                    inspectors_per_target=k, own_township_recusal=own, seed=seed,
                    seed_source=request.seed_source.strip(), algorithm=algorithm.VERSION, candidate_targets=targets,
                    candidate_inspectors=inspectors, excluded_inspectors=excluded, result=result,
                    redraw_of=request.redraw_of, redraw_reason=(request.redraw_reason or "").strip(),
                    drawn_at=now, drawn_by=actor if getattr(actor, "pk", None) else None, is_demo=is_demo)
        draw.inputs_sha256 = algorithm.digest(draw.inputs())
        draw.result_sha256 = algorithm.digest(result)
        draw.save()
        if request.redraw_of is not None:
            _supersede(request.redraw_of)
        _create_tasks(draw, actor, is_demo)
    return draw


def _supersede(old: Draw) -> None:
    old.state = DrawState.SUPERSEDED
    old.save(update_fields=["state"])
    for task in old.tasks.filter(state=TaskState.ASSIGNED):
        task.status = "cancelled"
        task.save()


def _create_tasks(draw: Draw, actor, is_demo: bool) -> None:
    targets = {t.code: t for t in Target.objects.filter(code__in=[row["target"] for row in draw.result])}
    codes = {code for row in draw.result for code in row["inspectors"]}
    inspectors = {i.code: i for i in Inspector.objects.filter(code__in=codes)}
    user = actor if getattr(actor, "pk", None) else None
    for number, row in enumerate(draw.result, 1):
        target, drawn = targets[row["target"]], [inspectors[c] for c in row["inspectors"]]
        task = InspectionTask.objects.create(
            code=f"{draw.code}-{number:03d}", name=f"{draw.name}：{target.name}", target=target,
            source=TaskSource.DRAW, draw=draw, lead_inspector=drawn[0], second_inspector=drawn[1],
            region_id=target.region_id, created_by=user, updated_by=user, is_demo=is_demo)
        if len(drawn) > 2:
            task.more_inspectors.set(drawn[2:])


@dataclass(frozen=True)
class Replay:
    draw: Draw
    result: list
    identical: bool
    inputs_intact: bool

    def as_dict(self) -> dict:
        return {"code": self.draw.code, "algorithm": self.draw.algorithm, "identical": self.identical,
                "inputs_intact": self.inputs_intact, "inputs_sha256": self.draw.inputs_sha256,
                "result_sha256": algorithm.digest(self.result), "result": self.result}


def replay(draw: Draw) -> Replay:
    """Run the recorded algorithm again on the recorded inputs; compare with the recorded result."""
    if draw.algorithm != algorithm.VERSION:
        raise DomainError("unknown_algorithm", _("未知的算法版本：%(v)s") % {"v": draw.algorithm}, field="algorithm")
    try:
        result = algorithm.run(draw.seed, draw.candidate_targets, draw.candidate_inspectors, draw.target_count,
                               draw.inspectors_per_target, draw.own_township_recusal)
    except algorithm.NotEnoughInspectors:
        result = []
    return Replay(draw, result, result == draw.result, algorithm.digest(draw.inputs()) == draw.inputs_sha256)


def visible_draws(user):
    from yingji.core.scoping import scope_to_user

    return scope_to_user(Draw.objects.select_related("region"), user)


def published_tasks():
    """Tasks of valid draws, for the public page (一公开)."""
    return (InspectionTask.objects.filter(draw__isnull=False, draw__state=DrawState.VALID)
            .exclude(status="cancelled").select_related("target", "draw", "region")
            .order_by("-draw__drawn_at", "code"))

