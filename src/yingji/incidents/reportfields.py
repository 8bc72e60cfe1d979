"""What a situation report contains, as tables (shared/STANDARDS.md §2).

Natural disasters: the statistical figures of 自然灾害情况统计调查制度（应急〔2020〕19号）[S].
Safety accidents: the required content of 生产安全事故报告和调查处理条例 第十二条 [V].
Each figure is (key, label, unit, decimals). Figures are cumulative for the disaster process.
"""

from dataclasses import dataclass

from yingji.standards import is_natural_disaster, is_safety_accident


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    decimals: int = 0


ND_FIGURES = (
    Figure("affected", "受灾人口", "人"),
    Figure("dead", "因灾死亡", "人"),
    Figure("missing", "失踪", "人"),
    Figure("relocated", "紧急转移安置", "人"),
    Figure("need_relief", "需紧急生活救助", "人"),
    Figure("collapsed_households", "倒塌房屋", "户"),
    Figure("collapsed_rooms", "倒塌房屋", "间"),
    Figure("damaged_severe_rooms", "严重损坏房屋", "间"),
    Figure("damaged_general_rooms", "一般损坏房屋", "间"),
    Figure("crop_affected_ha", "农作物受灾面积", "公顷", 1),
    Figure("crop_disaster_ha", "农作物成灾面积", "公顷", 1),
    Figure("crop_failed_ha", "农作物绝收面积", "公顷", 1),
    Figure("direct_loss_wan", "直接经济损失", "万元", 2),
)

SA_FIGURES = (
    Figure("dead", "死亡", "人"),
    Figure("missing", "失踪", "人"),
    Figure("injured", "受伤", "人"),
    Figure("serious_injured", "其中重伤", "人"),
    Figure("direct_loss_wan", "初步估计直接经济损失", "万元", 2),
)

GENERAL_FIGURES = (
    Figure("dead", "死亡", "人"),
    Figure("missing", "失踪", "人"),
    Figure("injured", "受伤", "人"),
    Figure("affected", "影响人口", "人"),
    Figure("relocated", "紧急转移", "人"),
    Figure("direct_loss_wan", "直接经济损失", "万元", 2),
)

# 条例 第十二条: (一)事故发生单位概况 (二)时间、地点以及现场情况 (三)简要经过 (四)伤亡人数和初步估计的直接
# 经济损失 (五)已经采取的措施 (六)其他应当报告的情况. Item (四) is the figures table.
SA_TEXTS = (
    ("unit_profile", "事故发生单位概况"),
    ("scene", "事故发生的时间、地点以及事故现场情况"),
    ("course", "事故的简要经过"),
    ("measures", "已经采取的措施"),
    ("other", "其他应当报告的情况"),
)
ND_TEXTS = (
    ("course", "灾害过程及灾情概况"),
    ("measures", "已采取的救灾措施"),
    ("other", "其他需要报告的情况"),
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
