"""Prevention documents (issue 16, "一表一图一清单一报告"): the 挂牌督办通知书 of a 重大 hazard and the per-enterprise
安全风险评估报告 as DOCX in the official layout (core.documents), the 风险评估表 and 风险清单 as xlsx."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.documents import Heading, OfficialDocument, Table, chinese_date, render_docx
from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user
from yingji.core.xlsx import table_workbook
from yingji.incidents.locate import township_of

from .choices import Colour, HazardGrade, HazardState, Method, Supervision
from .models import Hazard, RiskPoint

# 督办单位 and the prefix of the notice's 文号, by level (the hazard's own 督办单位 wins when it names one).
BODIES = {Supervision.DISTRICT: ("船山区安全生产委员会办公室", "船安办督"),
          Supervision.CITY: ("遂宁市安全生产委员会办公室", "遂安办督"),
          Supervision.PROVINCE: ("四川省安全生产委员会办公室", "川安办督")}
COLOUR_SHORT = {Colour.RED: "红", Colour.ORANGE: "橙", Colour.YELLOW: "黄", Colour.BLUE: "蓝"}
COLOUR_RISK = {Colour.RED: "重大风险", Colour.ORANGE: "较大风险", Colour.YELLOW: "一般风险", Colour.BLUE: "低风险"}
CHINESE_NUMBERS = "一二三四五六七八九十"


def _text(value, empty="—") -> str:
    return empty if value in (None, "") else str(value)


def _date(value) -> str:
    return chinese_date(value) if value else "—"


def township_name(record) -> str:
    township = township_of(record.region)
    return township.name if township else record.region.name


def criterion_text(hazard) -> str:
    """判定依据: the cited 判定标准 item and any note (the criterion was free text in the first slice)."""
    parts = [str(hazard.criterion or ""), str(getattr(hazard, "criterion_note", "") or "")]
    return "；".join(p for p in parts if p) or "—"


# 挂牌督办通知书 ---------------------------------------------------------------------------------------------------

def notice_number(hazard: Hazard) -> str:
    """文号: the level's prefix, the year found and the hazard's place among that level's supervised hazards of the
    year (by date found, then code), e.g. 船安办督〔2024〕3号."""
    year = hazard.found_on.year
    earlier = Hazard.objects.filter(supervision=hazard.supervision, found_on__year=year).filter(
        found_on__lt=hazard.found_on).count()
    same_day = Hazard.objects.filter(supervision=hazard.supervision, found_on=hazard.found_on,
                                     code__lte=hazard.code).count()
    return f"{BODIES[hazard.supervision][1]}〔{year}〕{earlier + same_day}号"


def _notice_date(hazard):
    step = hazard.steps.filter(event="order").order_by("-at").first()
    return timezone.localtime(step.at).date() if step else timezone.localdate()


def supervision_notice(hazard: Hazard) -> bytes:
    """挂牌督办通知书 for a 重大 hazard under 区/市/省 挂牌督办 (400 `not_supervised` otherwise)."""
    if hazard.grade != HazardGrade.MAJOR or hazard.supervision not in BODIES:
        raise DomainError("not_supervised", _("只有挂牌督办的重大隐患才有挂牌督办通知书"), field="supervision")
    body = hazard.supervising_body or BODIES[hazard.supervision][0]
    level = hazard.get_supervision_display()
    enterprise = hazard.enterprise
    deadline = hazard.deadline or hazard.plan_deadline
    blocks = [
        _("经排查核实，你单位存在重大事故隐患“%(name)s”（隐患编号：%(code)s）。依据《安全生产法》和重大事故隐患"
          "挂牌督办的有关规定，决定对该隐患实行%(level)s。现将有关事项通知如下：")
        % {"name": hazard.name, "code": hazard.code, "level": level},
        Heading(_("一、隐患基本情况")),
        Table([_("项目"), _("内容")], [
            [_("隐患名称"), hazard.name], [_("所在单位"), enterprise.name if enterprise else "—"],
            [_("所在乡镇（街道）"), township_name(hazard)], [_("隐患等级"), hazard.get_grade_display()],
            [_("判定依据"), criterion_text(hazard)], [_("发现日期"), _date(hazard.found_on)],
            [_("隐患来源"), hazard.get_source_display()], [_("督办级别"), level], [_("督办单位"), body]]),
        Heading(_("二、治理方案“五落实”")),
        Table([_("五落实"), _("内容")], [
            [_("责任"), _text(hazard.plan_responsible)], [_("措施"), _text(hazard.plan_measures)],
            [_("资金"), _("%(n)s万元") % {"n": hazard.plan_funds} if hazard.plan_funds is not None else "—"],
            [_("时限"), _date(hazard.plan_deadline)], [_("预案"), _text(hazard.plan_contingency)]]),
        Heading(_("三、督办要求")),
        _("（一）你单位主要负责人对该隐患治理负总责，须按治理方案落实责任、措施、资金、时限和预案，于%(d)s前完成整改。")
        % {"d": _date(deadline)},
        _("（二）治理期间须采取有效的安全防范措施，落实监控和应急处置准备；不能确保安全的，应当停产停业或停止使用"
          "相关设施、设备。"),
        _("（三）整改完成后，你单位应当组织评估，向督办单位提出书面销号申请，经复查合格后予以销号。逾期未完成整改"
          "的，依法依规予以处理。"),
    ]
    document = OfficialDocument(
        title=_("重大事故隐患挂牌督办通知书"), issuer=body, date=_notice_date(hazard), blocks=blocks,
        number=notice_number(hazard), recipient=enterprise.name if enterprise else township_name(hazard))
    return render_docx(document)


# 重大事故隐患销号通知书 --------------------------------------------------------------------------------------------

def closing_number(hazard: Hazard) -> str:
    """文号 of the 销号 notice: the level's prefix with 销, the year closed and the hazard's place among that level's
    supervised hazards closed that year (by date closed, then code), e.g. 船安办销〔2024〕2号."""
    year = hazard.closed_on.year
    closed = Hazard.objects.filter(supervision=hazard.supervision, state=HazardState.CLOSED)
    earlier = closed.filter(closed_on__year=year, closed_on__lt=hazard.closed_on).count()
    same_day = closed.filter(closed_on=hazard.closed_on, code__lte=hazard.code).count()
    return f"{BODIES[hazard.supervision][1][:-1]}销〔{year}〕{earlier + same_day}号"


def _step_line(hazard, event) -> list[str]:
    step = hazard.steps.filter(event=event).select_related("actor").order_by("-at").first()
    if step is None:
        return ["—", "—"]
    who = step.actor.display_name if step.actor else "—"
    return [chinese_date(timezone.localtime(step.at).date()), who]


def closing_notice(hazard: Hazard) -> bytes:
    """重大事故隐患销号通知书 of a supervised 重大 hazard that was closed (销号): the 督办单位 tells the unit the hazard
    is struck off and the 挂牌督办 lifted (400 `not_closed` otherwise)."""
    if hazard.grade != HazardGrade.MAJOR or hazard.supervision not in BODIES:
        raise DomainError("not_supervised", _("只有挂牌督办的重大隐患才有挂牌督办通知书"), field="supervision")
    if hazard.state != HazardState.CLOSED or hazard.closed_on is None:
        raise DomainError("not_closed", _("该隐患尚未销号"), field="state")
    body = hazard.supervising_body or BODIES[hazard.supervision][0]
    enterprise = hazard.enterprise
    deadline = hazard.deadline or hazard.plan_deadline
    on_time = _("是") if deadline and hazard.closed_on <= deadline else _("否")
    applied, rechecked = _step_line(hazard, "apply"), _step_line(hazard, "recheck")
    blocks = [
        _("你单位重大事故隐患“%(name)s”（隐患编号：%(code)s，挂牌督办通知书文号：%(number)s）已按治理方案整改完毕，"
          "经复查合格，符合销号条件。现予以销号，解除%(level)s。")
        % {"name": hazard.name, "code": hazard.code, "number": notice_number(hazard),
           "level": hazard.get_supervision_display()},
        Heading(_("一、隐患基本情况")),
        Table([_("项目"), _("内容")], [
            [_("隐患名称"), hazard.name], [_("所在单位"), enterprise.name if enterprise else "—"],
            [_("所在乡镇（街道）"), township_name(hazard)], [_("判定依据"), criterion_text(hazard)],
            [_("发现日期"), _date(hazard.found_on)], [_("督办级别"), hazard.get_supervision_display()],
            [_("督办单位"), body]]),
        Heading(_("二、治理情况")),
        Table([_("项目"), _("内容")], [
            [_("治理责任人"), _text(hazard.plan_responsible)], [_("治理措施"), _text(hazard.plan_measures)],
            [_("治理资金"), _("%(n)s万元") % {"n": hazard.plan_funds} if hazard.plan_funds is not None else "—"],
            [_("整改期限"), _date(deadline)], [_("申请验收"), "　".join(applied)],
            [_("复查合格"), "　".join(rechecked)], [_("销号日期"), _date(hazard.closed_on)],
            [_("按期整改"), on_time]]),
        Heading(_("三、有关要求")),
        _("销号后，你单位应当巩固治理成果，将该隐患治理情况纳入安全风险分级管控和隐患排查治理台账，"
          "防止同类隐患反复出现。"),
    ]
    document = OfficialDocument(
        title=_("重大事故隐患销号通知书"), issuer=body, date=hazard.closed_on, blocks=blocks,
        number=closing_number(hazard), recipient=enterprise.name if enterprise else township_name(hazard))
    return render_docx(document)


# 安全风险评估报告 (一报告) --------------------------------------------------------------------------------------------

def _facts(enterprise) -> Table:
    return Table([_("项目"), _("内容")], [
        [_("单位名称"), enterprise.name], [_("统一社会信用代码"), _text(enterprise.credit_code)],
        [_("场所类型"), enterprise.get_place_type_display()], [_("监管类别"), enterprise.get_category_display()],
        [_("行业代码（GB/T 4754）"), _text(enterprise.industry_code)],
        [_("所在乡镇（街道）"), township_name(enterprise)],
        [_("地址"), _text(enterprise.address)], [_("法定代表人"), _text(enterprise.legal_representative)],
        [_("安全负责人"), _text(enterprise.safety_manager)], [_("规模"), enterprise.get_scale_display()],
        [_("从业人数"), enterprise.workers], [_("行业主管部门"), _text(enterprise.supervising_department)],
        [_("安全生产标准化等级"), enterprise.get_standard_level_display()],
        [_("标准化证书有效期至"), _date(enterprise.certificate_expiry)]])


def _sources(enterprise, user) -> list:
    sources = scope_to_user(enterprise.hazard_sources.all(), user).order_by("code")
    rows = [[s.code, s.name, "；".join(f"{x.name} {x.quantity:g}t" for x in s.parsed_substances()), s.s_value,
             s.r_value, s.grade_label, f"{s.principal}/{s.technical_lead}/{s.operations_lead}"] for s in sources]
    if not rows:
        return [_("经辨识，本单位未构成重大危险源。")]
    return [_("经辨识，本单位共有重大危险源%(n)d处，按 GB 18218-2018 计算 R 值并分级如下：") % {"n": len(rows)},
            Table([_("编码"), _("名称"), _("危险化学品及存量"), _("S值"), _("R值"), _("等级"),
                   _("主要/技术/操作负责人")], rows)]


def risk_points(enterprise, user):
    return scope_to_user(RiskPoint.objects.filter(enterprise=enterprise), user).order_by("code")


def factors(point: RiskPoint) -> str:
    if point.method == Method.LS:
        return f"L={_text(point.ls_l)} S={_text(point.ls_s)}"
    return f"L={_text(point.lec_l)} E={_text(point.lec_e)} C={_text(point.lec_c)}"


def colour_counts(points) -> dict[str, int]:
    counts = dict(points.values_list("colour").annotate(n=Count("pk")).values_list("colour", "n"))
    return {colour: counts.get(colour, 0) for colour in Colour.values}


def _risk_blocks(points, counts) -> list:
    summary = "，".join(f"{COLOUR_RISK[c]}（{COLOUR_SHORT[c]}）{counts[c]}处" for c in Colour.values)
    blocks = [_("共辨识评估风险点%(n)d处，其中%(s)s。") % {"n": sum(counts.values()), "s": summary},
              Table([_("风险等级"), _("颜色"), _("数量（处）")],
                    [[COLOUR_RISK[c], COLOUR_SHORT[c], counts[c]] for c in Colour.values]
                    + [[_("合计"), "", sum(counts.values())]], caption=_("风险点数量（按颜色）"))]
    for colour in Colour.values:
        rows = [[p.code, p.name, p.get_point_type_display(), p.get_method_display().split()[0], factors(p), p.value,
                 p.band, p.get_control_level_display(), _text(p.responsible)] for p in points if p.colour == colour]
        caption = _("%(r)s（%(c)s色）风险点") % {"r": COLOUR_RISK[colour], "c": COLOUR_SHORT[colour]}
        if rows:
            blocks.append(Table([_("编码"), _("风险点"), _("类型"), _("方法"), _("因素"), _("风险值"), _("危险程度"),
                                 _("管控层级"), _("责任人")], rows, caption=caption))
    return blocks


def _measure_rows(points) -> list[list]:
    return [[p.name, COLOUR_SHORT[p.colour], m["kind"], m["measure"], m["responsible"], m["frequency"]]
            for p in points for m in p.measures]


def risk_report(enterprise, user) -> bytes:
    """安全风险评估报告: the enterprise's facts, major hazard sources with R and grade, the risk points by colour
    with their LEC/LS factors, the control measures and the counts by colour."""
    points = list(risk_points(enterprise, user))
    counts = colour_counts(risk_points(enterprise, user))
    measures = _measure_rows(points)
    sections = [
        (_("单位基本情况"), [_facts(enterprise)]),
        (_("重大危险源辨识与分级"), _sources(enterprise, user)),
        (_("风险点辨识与评估"), _risk_blocks(points, counts)),
        (_("风险管控措施"), [Table([_("风险点"), _("颜色"), _("类别"), _("措施"), _("责任人"), _("检查频次")],
                                   measures)] if measures else [_("尚未录入管控措施。")]),
        (_("评估结论"), [_conclusion(counts)]),
    ]
    blocks = [_("依据《安全生产法》和风险分级管控的有关规定，采用作业条件危险性评价法（LEC）和风险矩阵法（LS），"
                "对本单位的作业活动、设备设施和场所区域进行了安全风险辨识评估，现将评估情况报告如下。")]
    for number, (title, section) in enumerate(sections):
        blocks += [Heading(f"{CHINESE_NUMBERS[number]}、{title}"), *section]
    document = OfficialDocument(title=_("%(name)s安全风险评估报告") % {"name": enterprise.name},
                                issuer=enterprise.name, date=timezone.localdate(), blocks=blocks)
    return render_docx(document)


def _conclusion(counts) -> str:
    red, orange = counts[Colour.RED], counts[Colour.ORANGE]
    if red:
        return _("本单位存在重大风险（红色）%(r)d处，应由主要负责人组织管控，制定专项管控方案，落实公司级管控措施，"
                 "并报属地应急管理部门备案。") % {"r": red}
    if orange:
        return (_("本单位最高风险等级为较大风险（橙色），共%(o)d处，应落实公司、车间级管控措施并定期复评。")
                % {"o": orange})
    return _("本单位风险等级为一般风险及以下，应按管控层级落实各项管控措施并定期复评。")


# 风险评估表 (一表) and 风险清单 as xlsx -----------------------------------------------------------------------------

def assessment_table(enterprise, user) -> bytes:
    """风险评估表: one row per risk point with its method, its factors, value, band and colour."""
    rows = [[n, p.code, p.name, p.get_point_type_display(), p.hazards_identified, p.get_method_display(),
             p.lec_l if p.method == Method.LEC else p.ls_l, p.lec_e if p.method == Method.LEC else None,
             p.lec_c if p.method == Method.LEC else None, p.ls_s if p.method == Method.LS else None, p.value, p.band,
             COLOUR_RISK[p.colour] + f"（{COLOUR_SHORT[p.colour]}）", p.get_control_level_display(), p.responsible,
             p.reassess_due] for n, p in enumerate(risk_points(enterprise, user), 1)]
    headers = [_("序号"), _("编码"), _("风险点"), _("类型"), _("辨识出的危险有害因素"), _("评价方法"), _("L 可能性"),
               _("E 暴露频繁程度"), _("C 后果严重程度"), _("S 严重性"), _("风险值（D 或 R）"), _("危险程度"),
               _("风险等级"), _("管控层级"), _("管控责任人"), _("下次评估日期")]
    title = _("%(name)s安全风险评估表") % {"name": enterprise.name}
    return table_workbook([(_("风险评估表"), title, headers, rows)])


def risk_list(enterprise, user) -> bytes:
    """风险清单: one row per control measure of each risk point (a point without measures has one row)."""
    rows = []
    for point in risk_points(enterprise, user):
        for measure in point.measures or [{}]:
            rows.append([len(rows) + 1, point.code, point.name, point.get_point_type_display(),
                         COLOUR_RISK[point.colour] + f"（{COLOUR_SHORT[point.colour]}）", point.hazards_identified,
                         measure.get("kind", ""), measure.get("measure", ""), measure.get("responsible", ""),
                         measure.get("frequency", ""), point.get_control_level_display(), point.responsible])
    headers = [_("序号"), _("编码"), _("风险点"), _("类型"), _("风险等级"), _("主要危险有害因素"), _("措施类别"),
               _("管控措施"), _("措施责任人"), _("检查频次"), _("管控层级"), _("管控责任人")]
    title = _("%(name)s安全风险清单") % {"name": enterprise.name}
    return table_workbook([(_("风险清单"), title, headers, rows)])
