"""The plan's 19 indicators (表1 安全生产 4, 表2 防灾减灾 8, 表3 应急能力 7) as data (docs/indicators.md).

Each row says how its figure is obtained: `computed` by the provider another app registers in
core.extensions.INDICATORS under the same code (none registered: "暂无数据来源"), or `entered` yearly with
evidence and approved (services.py). `Target` is the machine-checkable form of the target text."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

COMPUTED, ENTERED = "computed", "entered"
BINDING, EXPECTED = _("约束性"), _("预期性")
BASELINE_YEAR = 2020
TABLES = {"1": _("表1 安全生产"), "2": _("表2 防灾减灾"), "3": _("表3 应急能力")}


@dataclass(frozen=True)
class Target:
    """`op` is one of < <= > >= or "decrease" (value ≤ baseline × (1 − value/100))."""

    op: str
    value: Decimal
    unit: str

    def meets(self, value, baseline=None) -> bool | None:
        if value is None:
            return None
        value = Decimal(str(value))
        if self.op == "decrease":
            if baseline is None:
                return None  # no 2020 baseline yet: the decrease cannot be judged
            return value <= Decimal(str(baseline)) * (1 - self.value / 100)
        return {"<": value < self.value, "<=": value <= self.value,
                ">": value > self.value, ">=": value >= self.value}[self.op]


@dataclass(frozen=True)
class Entry:
    code: str
    name: object
    target_text: object
    target: Target
    attribute: object
    unit: str
    formula: object
    source: str
    baseline: Decimal | None = None  # 2020; None: not given in the plan (an approved 2020 entry stands in)

    @property
    def table(self) -> str:
        return self.code.split(".")[0]


def _t(op, value, unit) -> Target:
    return Target(op, Decimal(value), unit)


CATALOGUE: tuple[Entry, ...] = (
    Entry("1.1", _("生产安全事故死亡人数"), _("下降10%"), _t("decrease", "10", "%"), BINDING, _("人"),
          _("全区年度生产安全事故死亡人数（应急、公安、交通、住建等部门统计）"), ENTERED),
    Entry("1.2", _("亿元地区生产总值生产安全事故死亡率"), _("下降33%"), _t("decrease", "33", "%"), BINDING,
          _("人/亿元"), _("生产安全事故死亡人数 ÷ 地区生产总值（亿元）"), ENTERED),
    Entry("1.3", _("工矿商贸就业人员十万人生产安全事故死亡率"), _("下降10%"), _t("decrease", "10", "%"), BINDING,
          _("人/十万人"), _("工矿商贸生产安全事故死亡人数 ÷ 工矿商贸就业人员数 × 100000"), ENTERED),
    Entry("1.4", _("重点行业领域企业安全标准化建设率"), "100%", _t(">=", "100", "%"), BINDING, "%",
          _("安全生产标准化证书在有效期内的重点行业领域企业 ÷ 重点行业领域企业总数"), COMPUTED),
    Entry("2.1", _("年均每百万人口因灾死亡率"), "<1", _t("<", "1", _("人/百万人")), EXPECTED, _("人/百万人"),
          _("因自然灾害死亡失踪人数 ÷ 常住人口 × 1000000"), COMPUTED),
    Entry("2.2", _("年均每十万人受灾人次"), "<15000", _t("<", "15000", _("人次/十万人")), EXPECTED,
          _("人次/十万人"), _("受灾人次 ÷ 常住人口 × 100000"), COMPUTED),
    Entry("2.3", _("年均因灾直接经济损失占地区生产总值比例"), "<1%", _t("<", "1", "%"), EXPECTED, "%",
          _("因灾直接经济损失 ÷ 地区生产总值 × 100%"), ENTERED),
    Entry("2.4", _("重点隐患点智能化监测覆盖率"), "≥90%", _t(">=", "90", "%"), EXPECTED, "%",
          _("有在线监测站点的重点地质灾害隐患点 ÷ 重点隐患点总数"), COMPUTED),
    Entry("2.5", _("预警信息公众覆盖率"), "＞98%", _t(">", "98", "%"), EXPECTED, "%",
          _("近 30 天已发布预警中，送达的公众订阅者 ÷ 应送公众订阅者"), COMPUTED),
    Entry("2.6", _("中心村应急物资储备点达标率"), "100%", _t(">=", "100", "%"), BINDING, "%",
          _("储备点中每项最低储备均满足的个数 ÷ 中心村储备点总数"), COMPUTED),
    Entry("2.7", _("人均应急避难场所面积"), "＞1.5 m²/人", _t(">", "1.5", "m²/人"), EXPECTED, "m²/人",
          _("各乡镇有效避难面积 ÷ 常住人口，逐乡镇对照目标"), COMPUTED),
    Entry("2.8", _("受灾群众基本生活得到有效救助"), _("8小时之内"), _t(">=", "100", "%"), BINDING, "%",
          _("最近一次有登记的事件中，自事件发生起8小时内首次得到物资发放的登记群众 ÷ 登记群众总数"), COMPUTED),
    Entry("3.1", _("乡镇（街道）应急管理专职人员"), _("≥2名"), _t(">=", "2", _("人")), BINDING, _("人"),
          _("专职人员最少的乡镇（街道）的专职人数（人员库）"), COMPUTED),
    Entry("3.2", _("应急管理部门专业人才占比"), "＞60%", _t(">", "60", "%"), EXPECTED, "%",
          _("具有相关专业学历或职业资格的人员 ÷ 应急管理部门在编人员"), COMPUTED),
    Entry("3.3", _("应急救援人员受专业培训率"), "100%", _t(">=", "100", "%"), BINDING, "%",
          _("有有效期内培训记录的救援队伍队员 ÷ 救援队伍队员总数"), COMPUTED),
    Entry("3.4", _("乡镇、村（社区）救援队伍装备配备率"), "100%", _t(">=", "100", "%"), BINDING, "%",
          _("配齐基本装备的乡镇队伍和村级小分队 ÷ 队伍总数"), COMPUTED),
    Entry("3.5", _("应急预案编制率和演练率"), "100%", _t(">=", "100", "%"), BINDING, "%",
          _("已编制且年内演练的应急预案 ÷ 应编制的应急预案"), COMPUTED),
    Entry("3.6", _("公众应急知识普及率"), _("≥80%（学生100%）"), _t(">=", "80", "%"), EXPECTED, "%",
          _("应急知识问卷中得分达到掌握标准的受访公众 ÷ 受访公众（学生另计，须达100%）"), COMPUTED),
    Entry("3.7", _("“互联网+执法”检查事项网上办理率"), "100%", _t(">=", "100", "%"), BINDING, "%",
          _("在执法系统中网上办理的检查事项 ÷ 检查事项总数"), COMPUTED),
)
BY_CODE = {entry.code: entry for entry in CATALOGUE}
