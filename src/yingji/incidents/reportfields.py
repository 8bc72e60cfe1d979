"""What a situation report contains, as tables (shared/STANDARDS.md §2).

Natural disasters: the statistical figures of 自然灾害情况统计调查制度（应急〔2020〕19号）[S].
Safety accidents: the required content of 生产安全事故报告和调查处理条例 第十二条 [V].
Each figure is (key, label, unit, decimals). Figures are cumulative for the disaster process. Labels stay Chinese
(the DOCX is an official document); forms show them translated (marked here with gettext_noop for the catalogue).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_

from yingji.standards import is_natural_disaster, is_safety_accident


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    decimals: int = 0


ND_FIGURES = (
    Figure("affected", N_("受灾人口"), N_("人")),
    Figure("dead", N_("因灾死亡"), N_("人")),
    Figure("missing", N_("失踪"), N_("人")),
    Figure("relocated", N_("紧急转移安置"), N_("人")),
    Figure("need_relief", N_("需紧急生活救助"), N_("人")),
    Figure("collapsed_households", N_("倒塌房屋"), N_("户")),
    Figure("collapsed_rooms", N_("倒塌房屋"), N_("间")),
    Figure("damaged_severe_rooms", N_("严重损坏房屋"), N_("间")),
    Figure("damaged_general_rooms", N_("一般损坏房屋"), N_("间")),
    Figure("crop_affected_ha", N_("农作物受灾面积"), N_("公顷"), 1),
    Figure("crop_disaster_ha", N_("农作物成灾面积"), N_("公顷"), 1),
    Figure("crop_failed_ha", N_("农作物绝收面积"), N_("公顷"), 1),
    Figure("direct_loss_wan", N_("直接经济损失"), N_("万元"), 2),
)

SA_FIGURES = (
    Figure("dead", N_("死亡"), N_("人")),
    Figure("missing", N_("失踪"), N_("人")),
    Figure("injured", N_("受伤"), N_("人")),
    Figure("serious_injured", N_("其中重伤"), N_("人")),
    Figure("direct_loss_wan", N_("初步估计直接经济损失"), N_("万元"), 2),
)

GENERAL_FIGURES = (
    Figure("dead", N_("死亡"), N_("人")),
    Figure("missing", N_("失踪"), N_("人")),
    Figure("injured", N_("受伤"), N_("人")),
    Figure("affected", N_("影响人口"), N_("人")),
    Figure("relocated", N_("紧急转移"), N_("人")),
    Figure("direct_loss_wan", N_("直接经济损失"), N_("万元"), 2),
)

# 条例 第十二条: (一)事故发生单位概况 (二)时间、地点以及现场情况 (三)简要经过 (四)伤亡人数和初步估计的直接
# 经济损失 (五)已经采取的措施 (六)其他应当报告的情况. Item (四) is the figures table.
SA_TEXTS = (
    ("unit_profile", N_("事故发生单位概况")),
    ("scene", N_("事故发生的时间、地点以及事故现场情况")),
    ("course", N_("事故的简要经过")),
    ("measures", N_("已经采取的措施")),
    ("other", N_("其他应当报告的情况")),
)
ND_TEXTS = (
    ("course", N_("灾害过程及灾情概况")),
    ("measures", N_("已采取的救灾措施")),
    ("other", N_("其他需要报告的情况")),
)


def figures_for(type_code: str) -> tuple[Figure, ...]:
    if is_natural_disaster(type_code):
        return ND_FIGURES
    if is_safety_accident(type_code):
        return SA_FIGURES
    return GENERAL_FIGURES


def texts_for(type_code: str) -> tuple[tuple[str, str], ...]:
    return SA_TEXTS if is_safety_accident(type_code) else ND_TEXTS


def figure_label(figure: Figure) -> str:
    return f"{figure.label}（{figure.unit}）"


def format_figure(figure: Figure, value) -> str:
    if value in (None, ""):
        return "—"
    return f"{float(value):,.{figure.decimals}f}"
