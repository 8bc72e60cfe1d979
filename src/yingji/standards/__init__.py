"""Standards in one place: code tables, grade rules and deadlines (pure Python, no Django).

Confidence tags follow shared/STANDARDS.md: [V] read in the text, [S] secondary source,
[?] unverified. [S]/[?] values and local rules live in :mod:`yingji.standards.config`.

SOURCES
-------
- 中华人民共和国突发事件应对法（2024年修订）第二条: four categories; four grades for 自然灾害、
  事故灾难、公共卫生事件; warning levels 一级(红)…四级(蓝) [V].
- 国家突发事件总体应急预案（2025）: 自然灾害 and 事故灾难 sub-types [V]; 公共卫生/社会安全 sub-types [S].
- GB/T 35561-2017 突发事件分类与编码: code values not found [?]; ``IncidentType.gbt35561_code`` is empty.
- 生产安全事故报告和调查处理条例（国务院令第493号）第三条 grading [V]; 第九至十三条 reporting
  (1 h to county, ≤2 h per step, 补报 30 d / 7 d) [V].
- 2017年 national notice on fast reports of accident rescue information: 30 min [V]; local phone
  report rules [local].
- 森林防火条例（国务院令第541号）第四十条: forest-fire grades [V].
- 自然灾害情况统计调查制度（应急〔2020〕19号）: 初报/续报/核报 [V]; time limits 2 h, 09:00 daily,
  2 working days, drought every 10 days [S].
- 民法典 第二百零一条、第二百零三条: day-based periods start the next day and end at 24:00.
- 气象灾害预警信号发布与传播办法（中国气象局令第16号）: 14 signals and colours [V]/[?]; 暴雨
  thresholds [S].
- 地质灾害气象风险预警: 四级…一级, 三级及以上 public [V]. 森林火险等级 5 levels [S].
- 防汛抗旱应急响应 Ⅳ…Ⅰ [S].
- GB/T 38565-2020 应急物资分类及编码 §5.2: 7-digit, 4-level codes, 99 = other [V].
- GB 21734-2008 地震应急避难场所 场址及配套设施: classes Ⅰ/Ⅱ/Ⅲ and facilities [V]; basic
  facility list [?]; per-capita area 1.5 m² from the district plan.
"""

from yingji.standards.config import (
    StandardsConfig,
    configure,
    configure_from_mapping,
    get_config,
    reset_config,
)
from yingji.standards.deadlines import (
    RULES as CLOCK_RULES,
)
from yingji.standards.deadlines import (
    Clock,
    ClockRule,
    ReportLevel,
    clocks_for,
    report_to_level,
)
from yingji.standards.errors import StandardsError
from yingji.standards.grades import (
    MANUAL_GRADING_TEXT,
    NO_STATUTORY_GRADE_TEXT,
    Grade,
    GradeResult,
    accident_grade,
    forest_fire_grade,
    preliminary_grade,
)
from yingji.standards.incident_types import (
    CATEGORIES,
    GradingRule,
    IncidentType,
    all_types,
    category_of,
    descendants,
    get_type,
    grading_rule_for,
    has_statutory_grade,
    is_forest_fire,
    is_natural_disaster,
    is_safety_accident,
    is_within,
)
from yingji.standards.materials import (
    MATERIAL_CATEGORIES,
    MaterialCode,
    parse_material_code,
    validate_material_code,
)
from yingji.standards.shelters import (
    ShelterClass,
    capacity_from_area,
    check_capacity,
    required_facilities,
    shelter_class_for_days,
)
from yingji.standards.warnings import (
    FireDangerLevel,
    MetSignal,
    ResponseLevel,
    WarningLevel,
    allowed_levels,
    forest_fire_danger,
    forest_fire_danger_levels,
    geohazard_is_public,
    rainstorm_level,
    validate_signal_level,
)
from yingji.standards.workdays import add_working_days, is_working_day, next_daily_report_due

__all__ = [
    "CATEGORIES",
    "CLOCK_RULES",
    "MANUAL_GRADING_TEXT",
    "MATERIAL_CATEGORIES",
    "NO_STATUTORY_GRADE_TEXT",
    "Clock",
    "ClockRule",
    "FireDangerLevel",
    "Grade",
    "GradeResult",
    "GradingRule",
    "IncidentType",
    "MaterialCode",
    "MetSignal",
    "ReportLevel",
    "ResponseLevel",
    "ShelterClass",
    "StandardsConfig",
    "StandardsError",
    "WarningLevel",
    "accident_grade",
    "add_working_days",
    "all_types",
    "allowed_levels",
    "capacity_from_area",
    "category_of",
    "check_capacity",
    "clocks_for",
    "configure",
    "configure_from_mapping",
    "descendants",
    "forest_fire_danger",
    "forest_fire_danger_levels",
    "forest_fire_grade",
    "geohazard_is_public",
    "get_config",
    "get_type",
    "grading_rule_for",
    "has_statutory_grade",
    "is_forest_fire",
    "is_natural_disaster",
    "is_safety_accident",
    "is_within",
    "is_working_day",
    "next_daily_report_due",
    "parse_material_code",
    "preliminary_grade",
    "rainstorm_level",
    "report_to_level",
    "required_facilities",
    "reset_config",
    "shelter_class_for_days",
    "validate_material_code",
    "validate_signal_level",
]
