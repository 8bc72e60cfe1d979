"""The drill evaluation report (应急演练评估报告) as DOCX, in the core's official-document layout, with the headings
of AQ/T 9009-2015's report: 演练基本情况, 演练评估过程, 演练情况分析 (timeliness measured and the scores of each
element), 评估结论, 存在的问题, 改进建议; the timeline of the drill as the annex."""

from django.utils import timezone

from yingji.core.documents import DOCX_TYPE, Annex, Heading, OfficialDocument, Table, render_docx
from yingji.core.timefmt import MINUTE, local_text
from yingji.standards import drills as rules

from . import clock
from .choices import INJECT_KIND

__all__ = ["DOCX_TYPE", "evaluation_report"]

TASK_STATES = {"on_time": "按时完成", "late": "超时完成", "open": "未完成"}


def _minutes(value) -> str:
    return "未发生" if value is None else f"{value:g}分钟"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def evaluation_report(drill, evaluation) -> bytes:
    figures = evaluation.measured
    day = timezone.localtime(evaluation.evaluated_at).date()
    participants = "、".join(str(p.organization or p.team) for p in drill.participants.all()
                             if p.role == "player") or "—"
    blocks = [
        Heading("一、演练基本情况"),
        f"{local_text(drill.started_at, MINUTE) if drill.started_at else '—'}，{drill.region.name}组织开展"
        f"“{drill.name}”{drill.get_drill_type_display()}"
        f"{'（双盲）' if drill.double_blind else ''}，检验《{drill.plan.name if drill.plan else '—'}》。"
        f"演练情景：{drill.scenario}",
        f"参演单位：{participants}。演练目标：{drill.objectives or '—'}。",
        Heading("二、演练评估过程"),
        f"演练按导调时钟进行，演练时长{_minutes(figures.get('drill_minutes'))}，共注入情景"
        f"{figures.get('injects_fired', 0)}条。评估组（{evaluation.evaluator_name or '—'}）依据AQ/T 9009-2015"
        "对照评估表逐项评估，各评估人分别评分，综合得分取其平均；接报、响应启动、"
        "任务完成和信息报送时效由平台根据演练事件的记录实测。",
        Heading("三、演练情况分析"),
        Heading("（一）时效实测", level=2),
        Table(["项目", "实测", "目标"], [
            ["接报到核实（或启动处置）", _minutes(figures.get("acknowledge_min")),
             f"{rules.ACKNOWLEDGE_TARGET_MIN}分钟内"],
            ["接报到启动预案响应", _minutes(figures.get("activate_min")), f"{rules.ACTIVATE_TARGET_MIN}分钟内"],
            ["响应任务按时完成", f"{figures.get('tasks_on_time', 0)}/{figures.get('tasks_total', 0)}（超时"
                                f"{figures.get('tasks_late', 0)}，未完成{figures.get('tasks_open', 0)}）", "全部按时"],
            ["信息报送时限", f"{figures.get('clocks_met', 0)}/{figures.get('clocks_total', 0)}", "全部按时"],
            ["启动响应级别", _level(figures.get("level_activated")), _level(figures.get("level_planned"))],
            ["资源调派达到预案需要", f"{figures.get('resources_met', 0)}/{figures.get('resources_total', 0)}",
             "全部达到"],
        ]),
    ]
    if figures.get("resources"):
        blocks.append(Table(["资源", "预案需要", "已调派"], [
            [r["name"], f"{r['need']:g}{r['unit']}", f"{r['sent']:g}{r['unit']}"] for r in figures["resources"]],
            caption="资源调派与预案需要对照"))
    if figures.get("tasks"):
        blocks.append(Table(["任务", "责任单位", "时限", "用时", "结果"], [
            [t["title"], t["organization"], _minutes(t["allowed_min"]), _minutes(t["taken_min"]),
             TASK_STATES.get(t["state"], t["state"])] for t in figures["tasks"]], caption="响应任务完成情况"))
    blocks += [
        Heading("（二）各评估要素得分", level=2),
        _element_table(evaluation, list(drill.sheets.order_by("scored_at", "id"))),
        Heading("四、评估结论"),
        f"本次演练总分{evaluation.total}分（满分{rules.TOTAL_POINTS}分），评定等级为“{evaluation.grade}”。",
        Heading("五、存在的问题"),
        *(_numbered(_lines(evaluation.findings)) or ["未发现需要整改的问题。"]),
        Heading("六、改进建议"),
        *(_numbered(_lines(evaluation.improvements)) or ["无。"]),
    ]
    return render_docx(OfficialDocument(
        title=f"关于“{drill.name}”的评估报告", issuer=_issuer(drill.region), date=day,
        number=f"演练评估〔{day.year}〕{drill.pk}号",
        recipient="", blocks=blocks, note=f"（评估组：{evaluation.evaluator_name or '—'}）",
        annexes=[Annex("演练时间轴", [_timeline_table(drill)])]))


def _level(value) -> str:
    from django.utils import translation

    from yingji.plans.choices import level_label

    if not value:
        return "—"
    with translation.override("zh-hans"):  # the report is a Chinese 公文 whatever the reader's language
        return level_label(value)


def _points(value) -> str:
    return "—" if value is None else f"{float(value):g}"


def _element_table(evaluation, sheets) -> Table:
    """Each element: its points, what each evaluator gave (measured elements: 实测), the combined score, notes."""
    names = [s.evaluator_name for s in sheets]
    rows = [[e.name + ("（实测）" if e.measured else ""), e.points,
             *(["实测"] * len(sheets) if e.measured else [_points(s.scores.get(e.key)) for s in sheets]),
             _points(evaluation.scores.get(e.key, 0)), evaluation.notes.get(e.key, "")] for e in rules.ELEMENTS]
    return Table(["评估要素", "分值", *names, "综合得分" if names else "得分", "评估记录"], rows)


def _issuer(region) -> str:
    return f"{region.name}应急管理局" if region.parent_id is None else f"{region.name}人民政府"


def _numbered(lines):
    return [f"{n}. {line}" for n, line in enumerate(lines, start=1)]


def _timeline_table(drill) -> Table:
    rows = []
    if drill.incident is not None:
        for entry in drill.incident.timeline.order_by("at", "id"):
            rows.append([clock.text(clock.drill_seconds(drill.clock_log, entry.at)), local_text(entry.at, MINUTE),
                         ("【注入】" if entry.kind == INJECT_KIND else "") + entry.title, entry.actor_name])
    return Table(["演练时间", "实际时间", "事项", "记录人"], rows or [["—", "—", "—", "—"]])
