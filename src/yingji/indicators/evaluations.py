"""Annual monitoring reports and the plan's mid-term (2023) and final (2025) evaluations (年度监测报告、中期评估、
终期评估) as versions: each version takes the year's figures when it is drafted (again on 重新取数 while it is a
draft), carries the sections the bureau writes, goes 起草中 → 已提交审批 → 已批准 (workflows.EVALUATION_FLOW, the
director role) and is rendered as DOCX in the 公文 layout from what it holds, so an approved version reads the
same for ever. A new version starts from the latest one's text; all versions are kept (docs/indicators.md)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yingji.core.documents import Annex, Heading, OfficialDocument, Picture, Table, chinese_date, render_docx
from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.models import Region, RegionLevel

from . import departments, exports, snapshots, status
from .catalogue import BASELINE_YEAR, CATALOGUE, TABLES
from .chart import attainment_png
from .models import KIND_YEARS, Evaluation, EvaluationKind, EvaluationState

ADD, CHANGE = "indicators.add_evaluation", "indicators.change_evaluation"
SECTIONS = ("summary", "achievements", "problems", "measures")
MAX_TEXT = 20000
ISSUER = "船山区应急管理局"
NUMERALS = "一二三四五六七八九十"
TITLES = {EvaluationKind.ANNUAL: "船山区应急体系规划{year}年度指标监测报告",
          EvaluationKind.MIDTERM: "船山区应急体系规划中期评估报告（{year}年）",
          EvaluationKind.FINAL: "船山区应急体系规划终期评估报告（{year}年）"}


def _kind(value) -> str:
    if value not in EvaluationKind.values:
        raise DomainError("invalid_kind", _("请选择报告类别（年度监测报告、中期评估报告或终期评估报告）"), field="kind")
    return value


def _year(kind: str, value) -> int:
    fixed = KIND_YEARS.get(kind)
    if fixed is not None and value in (None, ""):
        return fixed
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if fixed is not None and year != fixed:
        raise DomainError("invalid_year", _("%(k)s的评估年度为 %(y)s 年") % {
            "k": EvaluationKind(kind).label, "y": fixed}, field="year")
    if not BASELINE_YEAR < year <= timezone.localdate().year:
        raise DomainError("invalid_year", _("年度应在 %(a)s 至今年之间") % {"a": BASELINE_YEAR + 1}, field="year")
    return year


def _district_of(actor):
    """Evaluations are the district's: only a user at the district level drafts one."""
    region = getattr(actor, "region", None)
    if region is not None and region.level != RegionLevel.DISTRICT:
        raise PermissionDeniedError("permission_denied", _("规划评估报告由区级起草"))
    return region or Region.objects.get(level=RegionLevel.DISTRICT)


def take_figures(user, year: int) -> dict:
    """The 19 rows as they stood in `year`, the township ranking of that year and each indicator's yearly
    values since 2020, as plain JSON (kept with the version), in Chinese whatever the drafter's language (the
    document is the bureau's)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _figures(user, year)


def _figures(user, year: int) -> dict:
    rows = [status.for_year(entry, year, user) for entry in CATALOGUE]
    trend = {}
    for entry, row in zip(CATALOGUE, rows, strict=True):
        values = {str(y): status.for_year(entry, y, user)["value"] for y in range(BASELINE_YEAR, year)
                  if y < timezone.localdate().year}
        values[str(year)] = row["value"]
        if row["baseline"] is not None:  # the trend starts at the baseline, wherever it comes from
            values[str(BASELINE_YEAR)] = row["baseline"]
        trend[entry.code] = values
    ranking = snapshots.townships(user, year)
    places = [{"rank": r["rank"], "code": r["region"].code, "name": r["region"].name, "met": r["met"],
               "not_met": r["not_met"], "no_data": r["no_data"]} for r in ranking["rows"]
              if r["met"] or r["not_met"] or r["no_data"]]
    for row in rows:  # plain JSON: a provider may count in Decimal
        row["of"] = None if row.get("of") is None else float(row["of"])
        row["attainment"] = None if row["value"] is None else round(status.attainment(row), 1)
    owners = departments.ranking(user, year)
    headers, table = exports.department_table(owners)
    return {"year": year, "rows": rows, "trend": trend, "ranking": places,
            "departments": {"due": owners["due"].isoformat(), "headers": headers, "rows": table,
                            "unassigned": [e.code for e in owners["unassigned"]]}}


def _none_open(latest) -> None:
    if latest is not None and latest.status != EvaluationState.APPROVED:
        raise ConflictError("open_version", _("该报告的第%(v)s版尚未批准，请在该版上修改或提交") % {
            "v": latest.version}, field="kind")


def start(*, actor, data) -> Evaluation:
    """A new version of the report of `kind` and `year`: the latest version's text, today's take of the figures.
    Refused while a version is still open (起草中 or 已提交审批): that one is to be finished first."""
    if not actor.has_perm(ADD):
        raise PermissionDeniedError("permission_denied", _("没有起草规划评估报告的权限"))
    kind = _kind(str(data.get("kind") or ""))
    year = _year(kind, data.get("year"))
    region = _district_of(actor)
    _none_open(Evaluation.objects.filter(kind=kind, year=year).order_by("-version").first())
    figures = take_figures(actor, year)  # seconds of providers: outside the lock
    with transaction.atomic():
        latest = Evaluation.objects.select_for_update().filter(kind=kind, year=year).order_by("-version").first()
        _none_open(latest)
        text = {name: getattr(latest, name) for name in SECTIONS} if latest else {}
        return Evaluation.objects.create(kind=kind, year=year, version=(latest.version + 1) if latest else 1,
                                         region=region, figures=figures, figures_at=timezone.now(),
                                         created_by=actor, **text)


def _draft(actor, evaluation) -> None:
    if not actor.has_perm(CHANGE):
        raise PermissionDeniedError("permission_denied", _("没有修改规划评估报告的权限"))
    if evaluation.status != EvaluationState.DRAFTED:
        raise ConflictError("not_a_draft", _("已提交或已批准的版本不能修改；如需修改请新建版本"), field="status")


def edit(*, actor, evaluation, data) -> Evaluation:
    """The sections the bureau writes, in a draft."""
    _draft(actor, evaluation)
    for name in SECTIONS:
        if name in data:
            text = str(data.get(name) or "").replace("\r\n", "\n").strip()
            if len(text) > MAX_TEXT:
                raise DomainError("too_long", _("内容不能超过 %(n)s 字") % {"n": MAX_TEXT}, field=name)
            setattr(evaluation, name, text)
    evaluation.save()
    return evaluation


def refresh(*, actor, evaluation) -> Evaluation:
    """Take the figures again (a draft only): values approved or back-filled since are in."""
    _draft(actor, evaluation)
    evaluation.figures, evaluation.figures_at = take_figures(actor, evaluation.year), timezone.now()
    evaluation.save(update_fields=["figures", "figures_at"])
    return evaluation


# ---- the DOCX --------------------------------------------------------------------------------------------

def _figure(value, unit="") -> str:
    return "—" if value is None else f"{value:g}{unit}"


def _cells(row) -> list[str]:
    value = (row["note"] or "—") if row["value"] is None else _figure(row["value"], row["unit"])
    return [row["code"], row["name"], row["target"], row["attribute"], status.baseline_cell(row), value,
            row["status_label"]]


def _state_line(evaluation) -> str:
    line = f"（第{evaluation.version}版 · {evaluation.get_status_display()}"
    if evaluation.status == EvaluationState.APPROVED and evaluation.decided_by is not None:
        approver = evaluation.decided_by.get_full_name() or evaluation.decided_by.username
        line += f"：{approver}，{chinese_date(timezone.localtime(evaluation.decided_at).date())}"
    taken = timezone.localtime(evaluation.figures_at)
    return line + f"；数据截至{chinese_date(taken.date())}{taken:%H:%M}）"


def _written(text: str) -> str:
    return text or "（由规划科填写。）"


def render(evaluation) -> bytes:
    figures, year = evaluation.figures, evaluation.year
    rows = figures.get("rows", [])
    counts = {key: sum(1 for r in rows if r["status"] == key) for key in status.LABELS}
    blocks = [Heading("一、总体情况"),
              f"规划共设{len(rows)}项指标。{year}年，达标{counts['met']}项，未达标{counts['not_met']}项，"
              f"无数据{counts['no_data']}项。系统计算的指标取该年度的年度快照（当年为取数时的数值，过去年度可补录），"
              f"部门填报的指标取该年度经审核通过的数值。",
              _written(evaluation.summary), Heading("二、指标完成情况")]
    headers = ["序号", "指标", "目标", "属性", "2020年基准", f"{year}年值", "状态"]
    for index, (key, title) in enumerate(TABLES.items(), start=1):
        group = [r for r in rows if r["table"] == key]
        bars = [(r["code"], r.get("attainment"), r["status"]) for r in group]
        blocks += [Heading(f"（{NUMERALS[index - 1]}）{title}", level=2),
                   Table(headers, [_cells(r) for r in group]),
                   Picture(attainment_png(bars), width_mm=150, figure=True,
                           caption=f"图{index}　{title}指标目标达成度（%）："
                                   "绿色达标，红色未达标，灰色无数据，虚线为100%")]
    blocks.append(Heading("三、乡镇（街道）指标排名"))
    ranking = figures.get("ranking", [])
    if ranking:
        blocks += [f"按{year}年各乡镇（街道）系统计算指标的年度快照，以达标项数排名（相同时未达标项数少者在前）。",
                   Table(["排名", "乡镇（街道）", "达标", "未达标", "无数据"],
                         [[r["rank"], r["name"], r["met"], r["not_met"], r["no_data"]] for r in ranking])]
    else:
        blocks.append(f"{year}年尚无乡镇（街道）的指标快照。")
    blocks.append(Heading("四、责任部门督查排名"))
    owners = figures.get("departments")
    if owners and owners["rows"]:
        blocks += [f"各责任部门负责的指标中，{year}年数值于{owners['due'][:4]}年{int(owners['due'][5:7])}月"
                   f"{int(owners['due'][8:])}日前提交的为按时填报；按达标、审核通过、按时填报项数排名。",
                   Table(owners["headers"], owners["rows"])]
        if owners["unassigned"]:
            blocks.append("未指定责任部门的指标：" + "、".join(owners["unassigned"]) + "。")
    else:
        blocks.append("尚未指定指标的责任部门。")
    blocks += [Heading("五、主要成效"), _written(evaluation.achievements),
               Heading("六、存在问题"), _written(evaluation.problems),
               Heading("七、下一步措施"), _written(evaluation.measures)]
    years = [str(y) for y in range(BASELINE_YEAR, year + 1)]
    trend = figures.get("trend", {})
    annex = Annex(f"规划指标逐年数值（{BASELINE_YEAR}—{year}年）", [Table(
        ["序号", "指标", *[f"{y}年" for y in years]],
        [[r["code"], r["name"], *[_figure(trend.get(r["code"], {}).get(y)) for y in years]] for r in rows])])
    title = TITLES[evaluation.kind].format(year=year)
    approved = evaluation.status == EvaluationState.APPROVED and evaluation.decided_at is not None
    dated = timezone.localtime(evaluation.decided_at).date() if approved else timezone.localdate()
    return render_docx(OfficialDocument(title=title, issuer=ISSUER, date=dated, blocks=blocks,
                                        note=_state_line(evaluation), annexes=[annex]))


def filename(evaluation) -> str:
    return f"{TITLES[evaluation.kind].format(year=evaluation.year)}-第{evaluation.version}版.docx"
