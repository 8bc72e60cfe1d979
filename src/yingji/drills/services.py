"""Writes to drills: participants and the script, running the drill (start, pause, resume, speed, end), delivering
the injects as the drill clock reaches them, and the evaluation. Every function is atomic and takes `now=`."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction, scope_to_user
from yingji.standards import drills as rules

from . import clock
from .choices import INJECT_KIND, SPEEDS, InjectKind, ParticipantRole, Stage
from .models import Drill, DrillParticipant, Evaluation, EvaluatorSheet, Inject

CONTROL = "drills.control_drill"
EVALUATE = "drills.evaluate_drill"


def _check(actor, drill, permission):
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDeniedError("permission_denied", _("您没有导调或评估演练的权限"))
    if actor is not None:
        ensure_in_jurisdiction(actor, drill.region)


def _locked(drill) -> Drill:
    return Drill.objects.select_for_update().get(pk=drill.pk)


def can_see_script(user, drill) -> bool:
    """双盲: only the controllers (导调) and evaluators see the script before it is delivered."""
    return (not drill.double_blind or user.has_perm(CONTROL) or user.has_perm(EVALUATE)
            or drill.stage in (Stage.ENDED, Stage.EVALUATED))


# --- the script and the participants ---------------------------------------------------------------------------

def _minute(value) -> int:
    try:
        minute = int(str(value).strip())
    except (TypeError, ValueError):
        raise DomainError("invalid_minute", _("注入时间须为演练开始后的分钟数（整数）"), field="minute") from None
    if minute < 0:
        raise DomainError("inject_before_start", _("注入时间不能早于演练开始（T+0）"), field="minute")
    if minute > 7 * 24 * 60:
        raise DomainError("invalid_minute", _("注入时间不能超过演练开始后7天"), field="minute")
    return minute


def add_inject(drill, *, actor, minute, title, content, kind=InjectKind.REPORT, expected="", is_demo=False,
               now=None) -> Inject:
    _check(actor, drill, CONTROL)
    minute = _minute(minute)
    if not (title or "").strip():
        raise DomainError("required", _("请填写注入标题"), field="title")
    if not (content or "").strip():
        raise DomainError("required", _("请填写注入内容"), field="content")
    if kind not in InjectKind.values:
        raise DomainError("invalid_choice", _("注入类别无效"), field="kind")
    if len(title) > 150 or len(content) > 4000 or len(expected or "") > 500:
        raise DomainError("too_long", _("注入标题或内容过长"), field="content")
    with transaction.atomic():
        drill = _locked(drill)
        if drill.stage in (Stage.ENDED, Stage.EVALUATED):
            raise DomainError("drill_ended", _("演练已结束，不能再添加注入"), field="minute")
        if drill.is_live and minute * 60 < clock.drill_seconds(drill.clock_log, now or timezone.now()):
            raise DomainError("inject_in_past", _("演练时钟已过该时间，请填写之后的分钟数"), field="minute")
        return Inject.objects.create(drill=drill, minute=minute, kind=kind, title=title.strip(),
                                     content=content.strip(), expected=(expected or "").strip(), is_demo=is_demo)


# Timeline kinds of a past incident → inject kinds (the rest are 其他).
KIND_OF_ENTRY = {"intake": InjectKind.REPORT, "figures": InjectKind.ESCALATE, "grade": InjectKind.ESCALATE,
                 "dispatch": InjectKind.REQUEST}
SCRIPT_LIMIT = 40


def script_from_incident(drill, *, actor, code, now=None) -> list[Inject]:
    """Simulation (情景推演): a past incident's timeline becomes the drill's script, each entry an inject at its
    minute after the first entry (at most 40, within 7 days), so a team can train on a real event."""
    from yingji.incidents.models import Incident

    _check(actor, drill, CONTROL)
    code = (code or "").strip()
    source = scope_to_user(Incident.objects.filter(is_exercise=False), actor).filter(code__iexact=code).first() \
        if actor is not None else Incident.objects.filter(is_exercise=False, code__iexact=code).first()
    if source is None:
        raise DomainError("unknown_incident", _("找不到事件编号为 %(c)s 的突发事件") % {"c": code or "—"}, field="code")
    entries = list(source.timeline.exclude(kind=INJECT_KIND).order_by("at", "id")[:SCRIPT_LIMIT])
    if not entries:
        raise DomainError("empty_timeline", _("该事件没有可用作脚本的时间线记录"), field="code")
    first = entries[0].at
    made = []
    with transaction.atomic():
        if _locked(drill).stage != Stage.PLANNED:
            raise DomainError("drill_not_planned", _("只有计划中的演练可以生成脚本"), field="code")
        for entry in entries:
            minute = int((entry.at - first).total_seconds() // 60)
            if minute > 7 * 24 * 60:
                break
            made.append(Inject.objects.create(
                drill=drill, minute=minute, kind=KIND_OF_ENTRY.get(entry.kind, InjectKind.OTHER),
                title=entry.title[:150], content=(entry.body or entry.title)[:4000],
                expected=_("参照原事件：%(c)s") % {"c": source.code}))
    return made


def add_participant(drill, *, actor, role=ParticipantRole.PLAYER, organization=None, team=None,
                    headcount=0) -> DrillParticipant:
    _check(actor, drill, CONTROL)
    if role not in ParticipantRole.values:
        raise DomainError("invalid_choice", _("角色无效"), field="role")
    if organization is None and team is None:
        raise DomainError("required", _("请选择参演单位或队伍"), field="organization")
    try:
        headcount = int(headcount or 0)
    except (TypeError, ValueError):
        raise DomainError("invalid_number", _("人数须为整数"), field="headcount") from None
    if headcount < 0:
        raise DomainError("invalid_number", _("人数不能为负数"), field="headcount")
    return DrillParticipant.objects.create(drill=drill, role=role, organization=organization, team=team,
                                           headcount=headcount)


# --- running the drill ------------------------------------------------------------------------------------------

def start(drill, *, actor, now=None, is_demo=False) -> Drill:
    """Start the drill: its exercise incident (【演练】, flagged is_exercise) is reported now, and the clock runs."""
    from yingji.incidents.services import create_incident

    now = now or timezone.now()
    _check(actor, drill, CONTROL)
    with transaction.atomic():
        drill = _locked(drill)
        if drill.stage != Stage.PLANNED:
            raise DomainError("drill_not_planned", _("只有计划中的演练可以开始"), field="stage")
        opening = (_("演练开始：%(n)s") % {"n": drill.name} if drill.double_blind
                   else _("演练开始：%(s)s") % {"s": drill.scenario})
        data = {"type_code": drill.incident_type, "occurred_at": now, "received_at": now, "name": drill.name,
                "statement": opening, "address": drill.address, "lon": drill.lon, "lat": drill.lat,
                "reporter_org": _("演练导调组")}
        if drill.region.parent_id is not None or not drill.address:
            data["region"] = drill.region  # a district drill takes the township its address names
        incident = create_incident(actor=actor, now=now, is_demo=is_demo, is_exercise=True, data=data)
        drill.incident, drill.stage, drill.started_at = incident, Stage.RUNNING, now
        drill.clock_log = [clock.entry(now, 0, drill.speed or 1.0, True, "start")]
        drill.save()
        _fire_due(drill, now)
    return drill


def _change(drill, *, actor, now, event, allowed, running, speed=None, message) -> Drill:
    now = now or timezone.now()
    _check(actor, drill, CONTROL)
    with transaction.atomic():
        drill = _locked(drill)
        if drill.stage not in allowed:
            raise DomainError("invalid_stage", message, field="stage")
        _fire_due(drill, now)  # what came due before the change is delivered at its own time
        elapsed = clock.drill_seconds(drill.clock_log, now)
        drill.speed = speed if speed is not None else drill.speed
        drill.clock_log = [*drill.clock_log, clock.entry(now, elapsed, drill.speed, running, event)]
        drill.stage = Stage.RUNNING if running else (Stage.ENDED if event == "end" else Stage.PAUSED)
        if event == "end":
            drill.ended_at = now
            _count_towards_plan(drill, now)
            _close_exercise(drill.incident, actor, now)
        drill.save()
    return drill


def pause(drill, *, actor, now=None) -> Drill:
    return _change(drill, actor=actor, now=now, event="pause", allowed=(Stage.RUNNING,), running=False,
                   message=_("只有进行中的演练可以暂停"))


def resume(drill, *, actor, now=None) -> Drill:
    return _change(drill, actor=actor, now=now, event="resume", allowed=(Stage.PAUSED,), running=True,
                   message=_("只有已暂停的演练可以继续"))


def set_speed(drill, *, actor, speed, now=None) -> Drill:
    try:
        speed = float(speed)
    except (TypeError, ValueError):
        speed = None
    if speed not in SPEEDS:
        raise DomainError("invalid_speed", _("倍速须为以下之一：%(s)s") % {"s": "、".join(f"{s:g}" for s in SPEEDS)},
                          field="speed")
    current = Drill.objects.filter(pk=drill.pk).values_list("stage", flat=True).first()
    return _change(drill, actor=actor, now=now, event="speed", allowed=(Stage.RUNNING, Stage.PAUSED),
                   running=current == Stage.RUNNING, speed=speed, message=_("只有进行中或暂停的演练可以调整倍速"))


ADVANCE_MAX_MINUTES = 24 * 60


def advance(drill, *, actor, minutes, now=None) -> Drill:
    """快进: the director moves the drill clock forward by whole minutes (the scenario jumps ahead, e.g. "two
    hours later"); the clock keeps running or stays paused as it was. The injects the jump passes are delivered at
    the instant of the jump, and a task done after it has taken those drill minutes too (scoring reads the clock)."""
    try:
        minutes = int(str(minutes).strip())
    except (TypeError, ValueError):
        raise DomainError("invalid_minutes", _("快进的分钟数须为整数"), field="minutes") from None
    if not 1 <= minutes <= ADVANCE_MAX_MINUTES:
        raise DomainError("invalid_minutes", _("快进的分钟数须在1到%(m)s之间") % {"m": ADVANCE_MAX_MINUTES},
                          field="minutes")
    now = now or timezone.now()
    _check(actor, drill, CONTROL)
    with transaction.atomic():
        drill = _locked(drill)
        if drill.stage not in (Stage.RUNNING, Stage.PAUSED):
            raise DomainError("invalid_stage", _("只有进行中或暂停的演练可以快进"), field="stage")
        _fire_due(drill, now)
        elapsed = clock.drill_seconds(drill.clock_log, now) + minutes * 60
        drill.clock_log = [*drill.clock_log,
                           clock.entry(now, elapsed, drill.speed, drill.stage == Stage.RUNNING, "advance")]
        drill.save()
        _fire_due(drill, now)
    return drill


def end(drill, *, actor, now=None) -> Drill:
    return _change(drill, actor=actor, now=now, event="end", allowed=(Stage.RUNNING, Stage.PAUSED), running=False,
                   message=_("只有进行中或暂停的演练可以结束"))


def _close_exercise(incident, actor, now):
    """The drill is over, so is its exercise incident: its open reporting clocks are waived (演练结束) and it is
    closed, so it leaves the duty desk and the board. Written here rather than through the incident's status flow,
    whose steps (stabilize, close with every clock settled) describe a real response, not the end of an exercise."""
    from yingji.incidents import timeline
    from yingji.incidents.choices import IncidentStatus, TimelineKind
    from yingji.incidents.titles import canonical

    if incident is None or not incident.is_exercise or incident.status == IncidentStatus.CLOSED:
        return
    reason = _("演练结束")
    for row in incident.clocks.filter(met_at__isnull=True, waived_at__isnull=True):
        row.waived_at, row.waived_reason = now, reason
        row.waived_by = actor if getattr(actor, "pk", None) else None
        row.save()
    incident.status, incident.closed_at = IncidentStatus.CLOSED, now
    incident.ended_at = incident.ended_at or now
    incident.closing_summary = incident.closing_summary or reason
    incident.save()
    timeline.write(incident, kind=TimelineKind.STATUS, actor=actor, at=now, body=reason,
                   title=canonical(gettext_noop("状态：%(s)s"), s=incident.get_status_display),
                   data={"event": "drill_end", "to": IncidentStatus.CLOSED})


def _count_towards_plan(drill, now):
    """A drill held counts as the plan's latest drill (the plan's next drill due date follows)."""
    plan = drill.plan
    day = timezone.localtime(drill.started_at or now).date()
    if plan is not None and (plan.last_drill_on is None or plan.last_drill_on < day):
        plan.last_drill_on = day
        plan.compute_dates()
        plan.save()


def _fire_due(drill, now) -> int:
    """Deliver the injects whose drill time has come, each at the real instant its drill time came."""
    from yingji.incidents import timeline
    from yingji.incidents.titles import canonical

    if drill.incident_id is None or not drill.clock_log:
        return 0
    elapsed = clock.drill_seconds(drill.clock_log, now)
    fired = 0
    for inject in drill.injects.filter(fired_at__isnull=True, minute__lte=elapsed // 60).order_by("minute", "id"):
        at = clock.real_instant(drill.clock_log, inject.minute * 60, now) or now
        inject.entry = timeline.write(
            drill.incident, kind=INJECT_KIND, at=at, body=inject.content,
            title=canonical(gettext_noop("【演练注入】T+%(m)s分 %(t)s"), m=inject.minute, t=inject.title),
            data={"drill": drill.code, "inject": str(inject.uuid), "minute": inject.minute, "kind": inject.kind})
        inject.fired_at = at
        inject.save(update_fields=["entry", "fired_at"])
        fired += 1
    return fired


def tick(now=None) -> int:
    """The worker's periodic step: deliver what has come due in every running drill."""
    now = now or timezone.now()
    fired = 0
    for pk in Drill.objects.filter(stage=Stage.RUNNING).values_list("pk", flat=True):
        with transaction.atomic():
            fired += _fire_due(Drill.objects.select_for_update().get(pk=pk), now)
    return fired


def catch_up(drill, now=None) -> Drill:
    """Deliver what has come due in one drill (pages call it, so the console is right without the worker)."""
    if drill.stage != Stage.RUNNING:
        return drill
    with transaction.atomic():
        drill = _locked(drill)
        _fire_due(drill, now or timezone.now())
    return drill


# --- evaluation -------------------------------------------------------------------------------------------------

def _score(value, element) -> float:
    try:
        score = float(str(value).strip())
    except (TypeError, ValueError):
        raise DomainError("invalid_score", _("“%(e)s”的得分须为数字") % {"e": element.name},
                          field=f"score_{element.key}") from None
    if not 0 <= score <= element.points:
        raise DomainError("invalid_score", _("“%(e)s”的得分须在0到%(p)s分之间")
                          % {"e": element.name, "p": element.points}, field=f"score_{element.key}")
    return round(score, 1)


def evaluate(drill, *, actor, scores: dict, notes: dict | None = None, findings="", improvements="",
             evaluator_name="", now=None, is_demo=False) -> Evaluation:
    """The actor's checklist (评估人评分表) of the drill, kept as their own sheet (scoring again replaces it), and
    the drill's evaluation recombined from every evaluator's sheet: each element the evaluators score is the mean
    of their points, the measured elements come from the exercise incident's records, and the problems and
    improvements are the lines of every sheet."""
    now = now or timezone.now()
    _check(actor, drill, EVALUATE)
    if drill.stage not in (Stage.ENDED, Stage.EVALUATED):
        raise DomainError("drill_not_ended", _("演练结束后才能评估"), field="stage")
    observed = {}
    for element in rules.ELEMENTS:
        if element.measured:
            continue
        if scores.get(element.key) in (None, ""):
            raise DomainError("score_required", _("请填写“%(e)s”的得分") % {"e": element.name},
                              field=f"score_{element.key}")
        observed[element.key] = _score(scores[element.key], element)
    user = actor if getattr(actor, "pk", None) else None
    name = (evaluator_name or getattr(actor, "display_name", "") or "").strip()[:100] or _("评估组")
    with transaction.atomic():
        drill = _locked(drill)
        values = {"evaluator_name": name, "scores": observed,
                  "notes": {k: str(v).strip()[:500] for k, v in (notes or {}).items() if str(v).strip()},
                  "findings": (findings or "").strip()[:4000], "improvements": (improvements or "").strip()[:4000],
                  "scored_at": now, "is_demo": is_demo}
        if user is not None:
            EvaluatorSheet.objects.update_or_create(drill=drill, evaluator=user, defaults=values)
        else:
            EvaluatorSheet.objects.update_or_create(drill=drill, evaluator=None, evaluator_name=name,
                                                    defaults=values)
        evaluation = _combine(drill, actor=user, now=now, is_demo=is_demo)
        drill.stage = Stage.EVALUATED
        drill.save()
        _rectification(drill, evaluation, actor, now)
    return evaluation


def _merged_lines(texts) -> str:
    seen, lines = set(), []
    for text in texts:
        for line in (text or "").splitlines():
            line = line.strip()
            if line and line not in seen:
                seen.add(line)
                lines.append(line)
    return "\n".join(lines)[:4000]


def _combine(drill, *, actor, now, is_demo) -> Evaluation:
    """The drill's evaluation from its sheets (at least one): the mean of each scored element over the sheets."""
    from .scoring import measure, measured_points

    sheets = list(drill.sheets.order_by("scored_at", "id"))
    combined = {}
    for element in rules.ELEMENTS:
        given = [float(s.scores[element.key]) for s in sheets if element.key in s.scores]
        if not element.measured and given:
            combined[element.key] = round(sum(given) / len(given), 1)
    figures = measure(drill)
    all_scores = {**combined, **measured_points(figures)}
    total = round(sum(all_scores.values()), 1)
    several = len(sheets) > 1
    notes = {}
    for sheet in sheets:
        for key, note in sheet.notes.items():
            text = f"{sheet.evaluator_name}：{note}" if several else note
            notes[key] = f"{notes[key]}；{text}" if key in notes else text
    evaluation, _created = Evaluation.objects.update_or_create(drill=drill, defaults={
        "measured": figures, "scores": all_scores, "notes": {k: v[:1000] for k, v in notes.items()},
        "total": total, "grade": rules.grade_of(total),
        "findings": _merged_lines(s.findings for s in sheets),
        "improvements": _merged_lines(s.improvements for s in sheets),
        "evaluator": actor, "evaluator_name": "、".join(s.evaluator_name for s in sheets)[:200],
        "evaluated_at": now, "is_demo": is_demo})
    return evaluation


RECTIFY_DAYS = 30  # the due date of a rectification item found by a drill [?]: a month after the evaluation


def _rectification(drill, evaluation, actor, now):
    """The improvements (one a line) become rectification items of the exercise incident's review (应急评估), where
    they are tracked like a real incident's (and prevention can turn one into a hazard)."""
    from yingji.incidents.models import RectificationItem, Review

    if drill.incident is None:
        return
    review, _created = Review.objects.get_or_create(incident=drill.incident, defaults={
        "reviewer": actor if getattr(actor, "pk", None) else None, "is_demo": evaluation.is_demo})
    review.findings = _("演练评估：%(t)s分（%(g)s）。%(f)s") % {
        "t": evaluation.total, "g": evaluation.grade, "f": evaluation.findings.replace("\n", "；")}
    review.save()
    have = set(review.items.values_list("content", flat=True))
    due = (timezone.localtime(now) + timedelta(days=RECTIFY_DAYS)).date()
    for line in evaluation.improvements.splitlines():
        line = line.strip()[:500]
        if line and line not in have:
            RectificationItem.objects.create(review=review, content=line, owner=drill.region.name, due_date=due)
            have.add(line)


def visible(user):
    return scope_to_user(Drill.objects.all(), user)
