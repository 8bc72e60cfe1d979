"""Dual prevention rules (pure Python): the credit code check digit, LEC/LS risk assessment, major hazard
source grading.

SOURCES
-------
- GB 32100-2015 法人和其他组织统一社会信用代码编码规则: 18 characters from a 31-character set (no I, O, Z,
  S, V), check digit = 31 − (Σ cᵢ·wᵢ mod 31) with wᵢ = 3ⁱ⁻¹ mod 31 [V].
- LEC (作业条件危险性评价法): D = L×E×C with the usual factor tables and bands (shared/STANDARDS.md §4) [S];
  colour floors are configuration (config.lec_colour_floors) [?].
- LS risk matrix: R = L×S, L and S 1–5; colour floors config.ls_colour_floors [?].
- GB 18218-2018 危险化学品重大危险源辨识: S = Σ qᵢ/Qᵢ ≥ 1; R = α·Σ βᵢqᵢ/Qᵢ; grades by R; α by people
  within 500 m (shared/STANDARDS.md §10) [V]; β and Q tables are configuration [?]/[S].
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yingji.standards.config import get_config
from yingji.standards.errors import StandardsError, to_count, to_decimal

# --- 统一社会信用代码 (GB 32100-2015) -------------------------------------------------------------------

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check_char(first17: str) -> str:
    """The 18th character for the first 17 (already known to be in the charset)."""
    total = sum(CREDIT_CHARSET.index(ch) * w for ch, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: object) -> str:
    """The code in upper case, or StandardsError `invalid_credit_code` saying what is wrong."""
    code = str(value or "").strip().upper()
    if len(code) != 18:
        raise StandardsError("invalid_credit_code", f"统一社会信用代码应为18位，当前为{len(code)}位", "credit_code")
    bad = [ch for ch in code if ch not in CREDIT_CHARSET]
    if bad:
        raise StandardsError("invalid_credit_code", f"统一社会信用代码含有不允许的字符：{bad[0]}", "credit_code")
    if not code[2:8].isdigit():
        raise StandardsError("invalid_credit_code", "统一社会信用代码第3至8位应为行政区划代码（数字）", "credit_code")
    if credit_check_char(code[:17]) != code[17]:
        raise StandardsError("invalid_credit_code", "统一社会信用代码校验位不正确，请核对", "credit_code")
    return code


# --- risk assessment (LEC, LS) ------------------------------------------------------------------------------

LEC_L = (Decimal("0.1"), Decimal("0.2"), Decimal("0.5"), Decimal(1), Decimal(3), Decimal(6), Decimal(10))
LEC_E = (Decimal("0.5"), Decimal(1), Decimal(2), Decimal(3), Decimal(6), Decimal(10))
LEC_C = (Decimal(1), Decimal(3), Decimal(7), Decimal(15), Decimal(40), Decimal(100))
LS_RANGE = (1, 2, 3, 4, 5)

LEC_BANDS = ((Decimal(320), "极其危险"), (Decimal(160), "高度危险"), (Decimal(70), "显著危险"),
             (Decimal(20), "一般危险"))  # strictly above 320; the others from their floor (inclusive)
LS_BANDS = {"red": "重大风险", "orange": "较大风险", "yellow": "一般风险", "blue": "低风险"}
RISK_LEVELS = LS_BANDS  # colour -> 风险等级 (STANDARDS §4)
COLOUR_NAMES = {"red": "红", "orange": "橙", "yellow": "黄", "blue": "蓝"}


@dataclass(frozen=True)
class Assessment:
    method: str  # "lec" | "ls"
    value: Decimal
    band: str
    colour: str

    @property
    def level(self) -> str:
        return RISK_LEVELS[self.colour]


def _factor(value: object, allowed, field: str, label: str) -> Decimal:
    number = to_decimal(value, field, label) if value not in (None, "") else None
    if number is None:
        raise StandardsError("factor_required", f"请填写{label}", field)
    if number not in allowed:
        options = "、".join(f"{a.normalize():f}" for a in allowed)
        raise StandardsError("factor_out_of_range", f"{label}应取 {options} 之一，当前为{number.normalize():f}", field)
    return number


def _colour(value: Decimal, floors) -> str:
    for colour, floor in floors:
        if value >= Decimal(str(floor)):
            return colour
    return "blue"


def assess_lec(likelihood: object, exposure: object, consequence: object) -> Assessment:
    """D = L×E×C; fields named lec_l / lec_e / lec_c in errors."""
    d = (_factor(likelihood, LEC_L, "lec_l", "事故发生的可能性L") * _factor(exposure, LEC_E, "lec_e", "暴露频繁程度E")
         * _factor(consequence, LEC_C, "lec_c", "后果严重程度C"))
    band = LEC_BANDS[0][1] if d > LEC_BANDS[0][0] else next(
        (name for floor, name in LEC_BANDS[1:] if d >= floor), "稍有危险")
    return Assessment("lec", d, band, _colour(d, get_config().lec_colour_floors))


def assess_ls(likelihood: object, severity: object) -> Assessment:
    """R = L×S, each 1–5; fields ls_l / ls_s."""
    allowed = tuple(Decimal(n) for n in LS_RANGE)
    r = _factor(likelihood, allowed, "ls_l", "可能性L") * _factor(severity, allowed, "ls_s", "严重性S")
    colour = _colour(r, get_config().ls_colour_floors)
    return Assessment("ls", r, LS_BANDS[colour], colour)


# --- major hazard sources (GB 18218-2018) -------------------------------------------------------------------


@dataclass(frozen=True)
class Substance:
    name: str
    quantity: Decimal  # q, actual (t)
    critical: Decimal  # Q, critical (t)
    beta: Decimal


@dataclass(frozen=True)
class HazardGrade:
    s: Decimal  # Σ q/Q
    alpha: Decimal
    r: Decimal
    grade: int | None  # 1..4, None when S < 1 (not a major hazard source)

    @property
    def is_major(self) -> bool:
        return self.grade is not None

    @property
    def label(self) -> str:
        return f"{'一二三四'[self.grade - 1]}级" if self.grade else "未构成重大危险源"


def critical_quantity(name: str) -> Decimal | None:
    found = dict(get_config().critical_quantities).get(name)
    return None if found is None else Decimal(str(found))


def beta_for(name: str) -> Decimal:
    return Decimal(str(dict(get_config().hazard_betas).get(name, 1)))


def alpha_for(people_within_500m: object) -> Decimal:
    people = to_count(people_within_500m, "people_nearby", "厂区外500米内人数")
    if people >= 100:
        return Decimal("2.0")
    if people >= 50:
        return Decimal("1.5")
    if people >= 30:
        return Decimal("1.2")
    return Decimal("1.0") if people >= 1 else Decimal("0.5")


def substance(name: object, quantity: object, critical: object = None, beta: object = None) -> Substance:
    """A substance row; the critical quantity and β default to the configured tables."""
    text = str(name or "").strip()
    if not text:
        raise StandardsError("substance_required", "请填写危险化学品名称", "substances")
    q = to_decimal(quantity, "substances", f"{text}的实际存在量")
    big_q = to_decimal(critical, "substances", f"{text}的临界量") if critical not in (None, "") else None
    big_q = big_q if big_q is not None else critical_quantity(text)
    if not big_q:
        raise StandardsError("critical_quantity_required", f"{text}没有配置临界量，请填写临界量", "substances")
    b = to_decimal(beta, "substances", f"{text}的校正系数β") if beta not in (None, "") else beta_for(text)
    if b <= 0:
        raise StandardsError("invalid_beta", f"{text}的校正系数β应大于0", "substances")
    return Substance(text, q, big_q, b)


def grade_major_hazard(substances: list[Substance], people_within_500m: object) -> HazardGrade:
    s = sum((x.quantity / x.critical for x in substances), Decimal(0))
    alpha = alpha_for(people_within_500m)
    r = alpha * sum((x.beta * x.quantity / x.critical for x in substances), Decimal(0))
    grade = None
    if s >= 1:
        grade = 1 if r >= 100 else 2 if r >= 50 else 3 if r >= 10 else 4
    return HazardGrade(s, alpha, r, grade)
